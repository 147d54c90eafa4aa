import { hash } from '@node-rs/argon2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../server/src/common/logger';
import { Role } from '../server/src/common/roles';
import { createUser } from '../server/src/modules/user/auth.service';
import { LOGIN_THROTTLE } from '../server/src/modules/user/login-throttle';
import { startTestApp, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => vi.restoreAllMocks());

const LOGIN =
  'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }';

interface Attempt {
  status: number;
  cookie: string | null;
  errors: { message: string; extensions: Record<string, unknown> }[] | undefined;
  ms: number;
}

let nextAddress = 1;
/** A client address of its own (the server trusts X-Forwarded-For from its loopback proxy). */
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function signIn(username: string, password: string, address: string): Promise<Attempt> {
  const started = performance.now();
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
  });
  const body = (await response.json()) as { errors?: Attempt['errors'] };
  return {
    status: response.status,
    cookie: response.headers.get('set-cookie')?.split(';')[0] ?? null,
    errors: body.errors?.map(({ message, extensions }) => ({ message, extensions })),
    ms: performance.now() - started,
  };
}

const rule = (attempt: Attempt) => attempt.errors?.[0]?.extensions.rule;

let userCount = 0;
async function newUser(role = Role.VIEWER) {
  const username = `throttle.user${++userCount}`;
  const password = `right-password-${userCount}`;
  await createUser(app.db, { username, displayName: 'Thử khóa', password, role });
  return { username, password };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

describe('sign-in failures', () => {
  it('answer an unknown user, a wrong password and a disabled user alike, in similar time', async () => {
    const known = await newUser();
    const disabled = await newUser();
    await app.db.query('UPDATE users SET disabled = true WHERE username = $1', [disabled.username]);
    const wrong: Attempt[] = [];
    const unknown: Attempt[] = [];
    const off: Attempt[] = [];
    // Interleaved, under the per-account limit, each from its own address.
    for (let i = 0; i < LOGIN_THROTTLE.accountFailures - 1; i++) {
      wrong.push(await signIn(known.username, `wrong-${i}`, freshAddress()));
      unknown.push(await signIn(`nobody.${i}`, `wrong-${i}`, freshAddress()));
      off.push(await signIn(disabled.username, disabled.password, freshAddress()));
    }
    for (const attempt of [...wrong, ...unknown, ...off]) {
      expect(attempt.cookie).toBeNull();
      expect(attempt.errors).toEqual(wrong[0]!.errors);
    }
    expect(wrong[0]!.errors![0]!.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      rule: 'credentials',
    });
    // An unknown user costs an argon2 verify too: without it the answer comes some 20–50 times
    // faster (a lookup against a ~40 ms hash). The bounds are loose on purpose: this is a side
    // channel check, not a speed test, and it must hold on a loaded CI machine.
    const [w, u] = [median(wrong.map((a) => a.ms)), median(unknown.map((a) => a.ms))];
    expect(u / w).toBeGreaterThan(0.2);
    expect(u / w).toBeLessThan(5);
  });

  it('lock an account after 5 within 15 minutes, even against the right password, until an administrator unlocks it', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const victim = await newUser();
    const answers: Attempt[] = [];
    // 20 guesses in a row, each from a different address (a botnet): the account limit decides.
    for (let i = 0; i < 20; i++)
      answers.push(await signIn(victim.username, `guess-${i}`, freshAddress()));
    expect(answers.map(rule)).toEqual([
      ...Array<string>(LOGIN_THROTTLE.accountFailures).fill('credentials'),
      ...Array<string>(20 - LOGIN_THROTTLE.accountFailures).fill('loginLocked'),
    ]);
    const lockedAnswer = answers.at(-1)!.errors![0]!;
    expect(lockedAnswer.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lockedAnswer.extensions.retryAfter).toBeGreaterThan(14 * 60);
    expect(lockedAnswer.message).not.toBe(answers[0]!.errors![0]!.message);

    const rightPassword = await signIn(victim.username, victim.password, freshAddress());
    expect(rightPassword.cookie).toBeNull();
    expect(rule(rightPassword)).toBe('loginLocked');

    expect(warn).toHaveBeenCalledWith(
      'sign-in locked',
      expect.objectContaining({ scope: 'account', username: victim.username }),
    );
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/guess-|right-password/);

    const unlock = 'mutation ($u: String!) { unlockLogin(username: $u) }';
    const viewer = await newUser();
    const viewerCookie = (await signIn(viewer.username, viewer.password, freshAddress())).cookie!;
    const byViewer = await app.graphql(unlock, { u: victim.username }, { cookie: viewerCookie });
    expect(byViewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAnonymous = await app.graphql(unlock, { u: victim.username });
    expect(byAnonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await signIn(victim.username, victim.password, freshAddress())).cookie).toBeNull();

    const byAdmin = await app.graphql(
      unlock,
      { u: ` ${victim.username.toUpperCase()} ` },
      { cookie: await app.login() },
    );
    expect(byAdmin.body).toEqual({ data: { unlockLogin: true } });
    const after = await signIn(victim.username, victim.password, freshAddress());
    expect(after.errors).toBeUndefined();
    expect(after.cookie).toMatch(/^plan68_session=/);
  });

  it('lock a username that does not exist the same way (a lock tells nothing about who exists)', async () => {
    const answers: Attempt[] = [];
    for (let i = 0; i <= LOGIN_THROTTLE.accountFailures; i++)
      answers.push(await signIn('ghost.user', `guess-${i}`, freshAddress()));
    expect(answers.map(rule)).toEqual([
      ...Array<string>(LOGIN_THROTTLE.accountFailures).fill('credentials'),
      'loginLocked',
    ]);
  });

  it('throttle an address after 20 across any accounts; other addresses still sign in', async () => {
    const user = await newUser();
    const address = freshAddress();
    const spray: Attempt[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.addressFailures; i++)
      spray.push(await signIn(`spray.${i}`, 'Password1!', address));
    expect(spray.every((a) => rule(a) === 'credentials')).toBe(true);
    const fromThere = await signIn(user.username, user.password, address);
    expect(fromThere.cookie).toBeNull();
    expect(rule(fromThere)).toBe('loginLocked');
    const fromElsewhere = await signIn(user.username, user.password, freshAddress());
    expect(fromElsewhere.cookie).toMatch(/^plan68_session=/);
  });

  it('count parallel guesses one by one: 12 at once on one account get exactly 5 tries', async () => {
    const victim = await newUser();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn(victim.username, `parallel-${i}`, freshAddress()),
      ),
    );
    const rules = answers.map(rule);
    expect(rules.filter((r) => r === 'credentials')).toHaveLength(LOGIN_THROTTLE.accountFailures);
    expect(rules.filter((r) => r === 'loginLocked')).toHaveLength(
      12 - LOGIN_THROTTLE.accountFailures,
    );
  });

  it('start over after a successful sign-in', async () => {
    const user = await newUser();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_THROTTLE.accountFailures - 1; i++)
        expect(rule(await signIn(user.username, `typo-${i}`, freshAddress()))).toBe('credentials');
      expect((await signIn(user.username, user.password, freshAddress())).cookie).toBeTruthy();
    }
  });

  it('end by themselves: a lock lasts 15 minutes', async () => {
    const user = await newUser();
    for (let i = 0; i <= LOGIN_THROTTLE.accountFailures; i++)
      await signIn(user.username, `typo-${i}`, freshAddress());
    expect(rule(await signIn(user.username, user.password, freshAddress()))).toBe('loginLocked');
    await app.db.query(
      `UPDATE login_throttles SET locked_until = now() - interval '1 second',
              window_started_at = now() - interval '16 minutes'`,
    );
    expect((await signIn(user.username, user.password, freshAddress())).cookie).toBeTruthy();
  });

  it('leave neither the usernames typed nor the addresses in the database', async () => {
    const rows: { key: string }[] = await app.db.query('SELECT key FROM login_throttles');
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    expect(stored).not.toMatch(/ghost|spray|throttle\.user|198\.51\.100/);
  });
});

describe('password hashes', () => {
  it('made with weaker argon2 parameters are redone at the next sign-in', async () => {
    const user = await newUser();
    const weak = await hash(user.password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await app.db.query('UPDATE users SET password_hash = $1 WHERE username = $2', [
      weak,
      user.username,
    ]);
    expect((await signIn(user.username, user.password, freshAddress())).cookie).toBeTruthy();
    const rows: { password_hash: string }[] = await app.db.query(
      'SELECT password_hash FROM users WHERE username = $1',
      [user.username],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await signIn(user.username, user.password, freshAddress())).cookie).toBeTruthy();
  });
});
