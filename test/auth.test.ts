import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../server/src/common/roles';
import { createUser } from '../server/src/modules/user/auth.service';
import { startTestApp, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const LOGIN =
  'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username role displayName } }';
const ME = '{ me { username role } }';

describe('signing in', () => {
  it('sets an HttpOnly, SameSite session cookie holding no user data, and `me` answers with the user', async () => {
    const response = await app.graphql(LOGIN, { u: app.adminUsername, p: app.adminPassword });
    expect(response.body.data?.login).toMatchObject({ username: 'admin', role: 'ADMIN' });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^plan68_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const me = await app.graphql(ME, {}, { cookie: response.cookie });
    expect(me.body.data).toEqual({ me: { username: 'admin', role: 'ADMIN' } });
  });

  it('stores passwords only as argon2id hashes with OWASP parameters', async () => {
    const rows: { password_hash: string }[] = await app.db.query('SELECT password_hash FROM users');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows.map((r) => r.password_hash).join()).not.toContain(app.adminPassword);
  });

  it('answers a wrong password and an unknown user with the same message and no cookie', async () => {
    const wrong = await app.graphql(LOGIN, { u: app.adminUsername, p: 'not-the-password' });
    const unknown = await app.graphql(LOGIN, { u: 'nobody-here', p: 'not-the-password' });
    for (const response of [wrong, unknown]) {
      expect(response.cookie).toBeUndefined();
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(wrong.body.errors![0]!.message).toBe(unknown.body.errors![0]!.message);
  });

  it('refuses a disabled user', async () => {
    await createUser(app.db, {
      username: 'disabled.user',
      displayName: 'Tạm khóa',
      password: 'a-long-password-1',
      role: Role.ADMIN,
    });
    await app.db.query(`UPDATE users SET disabled = true WHERE username = 'disabled.user'`);
    const response = await app.graphql(LOGIN, { u: 'disabled.user', p: 'a-long-password-1' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rotates the session at sign-in: the cookie sent before signing in no longer works', async () => {
    const first = await app.login();
    const second = await app.graphql(
      LOGIN,
      { u: app.adminUsername, p: app.adminPassword },
      { cookie: first },
    );
    expect(second.cookie).toBeDefined();
    expect(second.cookie).not.toBe(first);
    expect((await app.graphql(ME, {}, { cookie: first })).body.data).toEqual({ me: null });
    expect((await app.graphql(ME, {}, { cookie: second.cookie })).body.data?.me).toBeTruthy();
  });

  it('ends the session at sign-out: the same cookie is refused afterwards', async () => {
    const cookie = await app.login();
    const out = await app.graphql('mutation { logout }', {}, { cookie });
    expect(out.body.data).toEqual({ logout: true });
    expect(out.headers.get('set-cookie')).toMatch(/plan68_session=;/);
    const after = await app.graphql('{ allPlans { id } }', {}, { cookie });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.body.data).toBeNull();
  });

  it('refuses an expired or idle session', async () => {
    const cookie = await app.login();
    await app.db.query(`UPDATE sessions SET last_seen_at = now() - interval '5 hours'`);
    expect((await app.graphql(ME, {}, { cookie })).body.data).toEqual({ me: null });
    const fresh = await app.login();
    await app.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await app.graphql(ME, {}, { cookie: fresh })).body.data).toEqual({ me: null });
  });
});

describe('anonymous callers', () => {
  it('get UNAUTHENTICATED and no data for every query and mutation except sign-in', async () => {
    const reads = await app.graphql('{ allMemorandums { id } _allCommitmentsMeta { count } }');
    expect(reads.body.data).toBeNull();
    expect(reads.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const write = await app.graphql(
      'mutation { createOrganization(name: "X", kind: OTHER) { id } }',
    );
    expect(write.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const rows: { count: number }[] = await app.db.query(
      `SELECT count(*)::int AS count FROM organizations WHERE name = 'X'`,
    );
    expect(rows[0]!.count).toBe(0);
    expect((await app.graphql(ME)).body.data).toEqual({ me: null });
  });

  it('cannot use a forged cookie', async () => {
    const response = await app.graphql(ME, {}, { cookie: 'plan68_session=forged-token-value' });
    expect(response.body.data).toEqual({ me: null });
  });
});

describe('roles', () => {
  it('lets a signed-in user without the ADMIN role read but not write', async () => {
    await createUser(app.db, {
      username: 'viewer.one',
      displayName: 'Người xem',
      password: 'viewer-password-1',
      role: Role.VIEWER,
    });
    const login = await app.graphql(LOGIN, { u: 'viewer.one', p: 'viewer-password-1' });
    const cookie = login.cookie;
    const read = await app.graphql('{ allPlans { code } }', {}, { cookie });
    expect(read.body.data).toEqual({ allPlans: [{ code: '68-KH/TU' }] });
    const write = await app.graphql(
      'mutation { createOrganization(name: "Y", kind: OTHER) { id } }',
      {},
      { cookie },
    );
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
