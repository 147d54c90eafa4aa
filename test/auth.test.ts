import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../server/src/common/roles';
import { createUser, login } from '../server/src/modules/user/auth.service';
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

describe('accounts behind row-level security', () => {
  const SETTINGS = `SELECT current_setting('app.user_id', true) AS user_id,
                           current_setting('app.role', true) AS role,
                           current_setting('app.purpose', true) AS purpose`;

  it('the app role alone reads no account, session or sign-in count: signing in goes through its functions', async () => {
    const cookie = await app.login();
    await app.graphql(LOGIN, { u: 'nobody-here', p: 'not-the-password' });
    for (const table of ['users', 'sessions', 'login_throttles']) {
      const [{ n: total }] = await app.db.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(total, `rows in ${table} as the owner`).toBeGreaterThan(0);
      const [{ n }] = await app.appDb.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(n, table).toBe(0);
    }
    expect((await app.graphql(ME, {}, { cookie })).body.data?.me).toMatchObject({
      username: 'admin',
    });
  });

  it('signing in as someone else ends the first session, and leaves the request’s settings as they were', async () => {
    await createUser(app.db, {
      username: 'switching.user',
      displayName: 'Đổi tài khoản',
      password: 'switching-password-1',
      role: Role.VIEWER,
    });
    const first = (await app.graphql(LOGIN, { u: 'switching.user', p: 'switching-password-1' }))
      .cookie!;
    const second = await app.graphql(
      LOGIN,
      { u: app.adminUsername, p: app.adminPassword },
      { cookie: first },
    );
    expect(second.body.data?.login).toMatchObject({ username: 'admin' });
    expect((await app.graphql(ME, {}, { cookie: first })).body.data).toEqual({ me: null });
    expect((await app.graphql(ME, {}, { cookie: second.cookie })).body.data).toEqual({
      me: { username: 'admin', role: 'ADMIN' },
    });

    // The login itself, in a request's transaction as the app role, anonymous as a request is.
    const runner = app.appDb.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `SELECT set_config('app.user_id', '', true), set_config('app.role', '', true),
                set_config('app.purpose', '', true)`,
      );
      const before = await runner.query(SETTINGS);
      await expect(
        login(runner.manager, 'switching.user', 'wrong-password-1', null, {
          address: '203.0.113.77',
        }),
      ).rejects.toThrow('Wrong username or password');
      expect(await runner.query(SETTINGS)).toEqual(before);
      const { user } = await login(runner.manager, 'switching.user', 'switching-password-1', null, {
        address: '203.0.113.77',
      });
      expect(user).toMatchObject({ username: 'switching.user', role: Role.VIEWER });
      expect(user.lastLoginAt).toBeInstanceOf(Date);
      expect(await runner.query(SETTINGS)).toEqual(before);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('a password hash redone at sign-in is attributed to the account that signed in; a plain sign-in leaves no entry', async () => {
    const user = await createUser(app.db, {
      username: 'rehash.user',
      displayName: 'Băm lại',
      password: 'rehash-password-1',
      role: Role.ANALYST,
    });
    const weak = await hash('rehash-password-1', { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await app.db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, user.id]);
    const entries = () =>
      app.db.query(
        `SELECT changed_fields, actor_user_id, actor_role FROM audit_log
          WHERE table_name = 'users' AND record_id = $1 AND operation = 'UPDATE' ORDER BY id`,
        [user.id],
      );
    const before = (await entries()).length;
    for (let i = 0; i < 2; i++) {
      const signedIn = await app.graphql(LOGIN, { u: 'rehash.user', p: 'rehash-password-1' });
      expect(signedIn.cookie).toBeDefined();
    }
    expect((await entries()).slice(before)).toEqual([
      { changed_fields: ['password_hash'], actor_user_id: user.id, actor_role: 'ANALYST' },
    ]);
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
