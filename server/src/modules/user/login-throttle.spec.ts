import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { withDatabase } from '../../../../test/support/urls';
import { logger } from '../../common/logger';
import { createDataSource } from '../../db/data-source';
import {
  attemptFailed,
  attemptSucceeded,
  beginAttempt,
  normalizeAddress,
  normalizeUsername,
  throttleKeys,
  unlockAccount,
} from './login-throttle';

// The policy (README, "Sign-in"): 5 failures for one username within 15 minutes lock it for 15
// minutes; 20 failures from one client address lock that address.
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 20;
const LOCK_SECONDS = 15 * 60;

describe('who is counted', () => {
  it('one username whatever its case and surrounding spaces', () => {
    expect(normalizeUsername('  Admin.Tinh \t')).toBe('admin.tinh');
    expect(throttleKeys(' ADMIN ', null).account).toBe(throttleKeys('admin', null).account);
    expect(throttleKeys('admin', null).account).not.toBe(throttleKeys('admin2', null).account);
  });

  it('an IPv4 address as it is, also when it arrives IPv4-mapped', () => {
    expect(normalizeAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeAddress('::FFFF:198.51.100.250')).toBe('198.51.100.250');
  });

  it('an IPv6 client as its /64, however the address is written', () => {
    const net = '2001:db8:85a3:1234::/64';
    for (const address of [
      '2001:db8:85a3:1234:8a2e:370:7334:1',
      '2001:0DB8:85A3:1234:0000:0000:0000:0002',
      '2001:db8:85a3:1234::7334',
      '2001:db8:85a3:1234::',
    ]) {
      expect(normalizeAddress(address), address).toBe(net);
    }
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
    expect(normalizeAddress('::')).toBe('0:0:0:0::/64');
    expect(normalizeAddress('fe80::')).toBe('fe80:0:0:0::/64');
    // "::" stands for as many zero groups as are missing, here one.
    expect(normalizeAddress('1::2:3:4:5:6:7')).toBe('1:0:2:3::/64');
    expect(normalizeAddress('1:2::3:4:5:6:7')).toBe('1:2:0:3::/64');
    expect(normalizeAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('anything else as it comes (it is only a key)', () => {
    for (const address of ['localhost', 'x::ffff:1.2.3.4', '::ffff:1.2.3.4x', '::ffff:1.2.3']) {
      expect(normalizeAddress(address), address).toBe(address);
    }
  });

  it('under hashed keys, never the username or address typed, and stable across releases', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(throttleKeys(' Ghost.User ', '::ffff:203.0.113.7')).toEqual({
      account: sha256('account:ghost.user'),
      address: sha256('address:203.0.113.7'),
    });
    expect(throttleKeys('x', '2001:db8:85a3:1234::1').address).toBe(
      sha256('address:2001:db8:85a3:1234::/64'),
    );
  });

  it('with no address key when the address is unknown', () => {
    expect(throttleKeys('admin', null).address).toBeNull();
    expect(throttleKeys('admin', undefined).address).toBeNull();
    expect(throttleKeys('admin', '').address).toBeNull();
  });
});

/** A database of its own, cloned from the run's template (the owner's connection). */
async function cloneDatabase(): Promise<{ db: DataSource; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `plan68_throttle_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // NOTE: two clones of one template at the same instant can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String((error as Error).message).includes('being accessed'))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const db = createDataSource({ url: withDatabase(adminUrl, name), poolSize: 4 });
  await db.initialize();
  return {
    db,
    drop: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

describe('sign-in throttling in the database', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await cloneDatabase());
  }, 60_000);
  afterAll(async () => {
    await drop?.();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  let clients = 0;
  /** A client address nobody else uses in this file. */
  const newAddress = () => `198.51.100.${++clients}`;
  const newUser = () => `user.${randomUUID().slice(0, 8)}`;

  /** One sign-in that fails, as the login does it: counted first, then the failure recorded. */
  async function fail(username: string, address: string | null, em: EntityManager = db.manager) {
    const keys = throttleKeys(username, address);
    await beginAttempt(em, keys);
    await attemptFailed(em, keys, { username: null, address });
  }
  async function succeed(username: string, address: string | null) {
    const keys = throttleKeys(username, address);
    await beginAttempt(db.manager, keys);
    await attemptSucceeded(db.manager, keys);
  }
  const begin = (username: string, address: string | null) =>
    beginAttempt(db.manager, throttleKeys(username, address));
  const row = async (key: string | null) =>
    (
      (await db.query('SELECT failures FROM login_throttles WHERE key = $1', [key])) as {
        failures: number;
      }[]
    )[0];

  async function expectLocked(attempt: Promise<unknown>) {
    const error = (await attempt.then(
      () => null,
      (e: unknown) => e,
    )) as { message: string; extensions: Record<string, unknown> } | null;
    expect(error, 'the attempt should have been refused').not.toBeNull();
    expect(error!.message).toBe('Too many failed sign-ins. Try again later.');
    expect(error!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', rule: 'loginLocked' });
    const retryAfter = error!.extensions.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(LOCK_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_SECONDS);
  }

  it('locks an account after 5 failures, from any addresses, for 15 minutes', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await fail(user, newAddress());
    await expectLocked(begin(user, newAddress()));
    await expectLocked(begin(` ${user.toUpperCase()}`, null));
    // Other accounts, from the same addresses, go on.
    await expect(begin(newUser(), `198.51.100.${clients}`)).resolves.toBeUndefined();
  });

  it('counts an attempt under its account, and its address when known, and nothing else', async () => {
    const snapshot = async () =>
      new Map(
        (
          (await db.query('SELECT key, failures FROM login_throttles')) as {
            key: string;
            failures: number;
          }[]
        ).map((r) => [r.key, r.failures]),
      );
    /** The keys whose count one attempt changed, and their counts. */
    async function counted(username: string, address: string | null) {
      const before = await snapshot();
      await begin(username, address);
      const after = await snapshot();
      return Object.fromEntries([...after].filter(([key, n]) => before.get(key) !== n));
    }
    const user = newUser();
    const keys = throttleKeys(user, null);
    expect(await counted(user, null)).toEqual({ [keys.account]: 1 });
    expect(await counted(user, null)).toEqual({ [keys.account]: 2 });
    const address = newAddress();
    expect(await counted(user, address)).toEqual({
      [keys.account]: 3,
      [throttleKeys(user, address).address!]: 1,
    });
  });

  it('lets the 5th attempt through: only 5 failures lock', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    await expect(begin(user, null)).resolves.toBeUndefined();
  });

  it('does not count what happens while locked, and logs the lock once', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const user = newUser();
    const keys = throttleKeys(user, null);
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      await beginAttempt(db.manager, keys);
      await attemptFailed(db.manager, keys, { username: user, address: null });
    }
    for (let i = 0; i < 3; i++) await expectLocked(begin(user, null));
    expect((await row(keys.account))?.failures).toBe(ACCOUNT_LIMIT);
    expect(warn.mock.calls).toEqual([
      [
        'sign-in locked',
        { scope: 'account', username: user, failures: ACCOUNT_LIMIT, minutes: 15 },
      ],
    ]);
  });

  it('logs an unknown username as such, never what was typed', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const typed = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await fail(typed, null);
    expect(warn).toHaveBeenCalledWith('sign-in locked', {
      scope: 'account',
      username: '(no such user)',
      failures: ACCOUNT_LIMIT,
      minutes: 15,
    });
    expect(JSON.stringify(warn.mock.calls)).not.toContain(typed);
  });

  it('locks a client address after 20 failures across accounts; other addresses go on', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const address = newAddress();
    for (let i = 0; i < ADDRESS_LIMIT - 1; i++) await fail(newUser(), address);
    expect(warn).not.toHaveBeenCalled();
    await fail(newUser(), address);
    expect(warn.mock.calls).toEqual([
      ['sign-in locked', { scope: 'address', address, failures: ADDRESS_LIMIT, minutes: 15 }],
    ]);
    await expectLocked(begin(newUser(), address));
    await expect(begin(newUser(), newAddress())).resolves.toBeUndefined();
  });

  it('forgets failures older than 15 minutes', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    await db.query(
      `UPDATE login_throttles SET window_started_at = now() - interval '15 minutes 1 second'
        WHERE key = $1`,
      [throttleKeys(user, null).account],
    );
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    await expect(begin(user, null)).resolves.toBeUndefined();
  });

  it('keeps failures younger than 15 minutes', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    await db.query(
      `UPDATE login_throttles SET window_started_at = now() - interval '14 minutes 50 seconds'
        WHERE key = $1`,
      [throttleKeys(user, null).account],
    );
    await fail(user, null);
    await expectLocked(begin(user, null));
  });

  it('ends a lock after its 15 minutes', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await fail(user, null);
    await db.query(
      `UPDATE login_throttles SET locked_until = now() - interval '1 second',
              window_started_at = now() - interval '16 minutes' WHERE key = $1`,
      [throttleKeys(user, null).account],
    );
    await expect(begin(user, null)).resolves.toBeUndefined();
    expect((await row(throttleKeys(user, null).account))?.failures).toBe(1);
  });

  it('starts an account over after a success', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    await succeed(user, null);
    expect(await row(throttleKeys(user, null).account)).toBeUndefined();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    await expect(begin(user, null)).resolves.toBeUndefined();
  });

  it("takes a success's own attempt back from its address, and only that", async () => {
    const address = newAddress();
    const key = throttleKeys('x', address).address;
    for (let i = 0; i < 10; i++) await fail(newUser(), address);
    await succeed(newUser(), address);
    expect((await row(key))?.failures).toBe(10);
    // 10 more failures reach the limit; 9 do not.
    for (let i = 0; i < 9; i++) await fail(newUser(), address);
    await expect(begin(newUser(), address)).resolves.toBeUndefined();
    await attemptFailed(db.manager, throttleKeys(newUser(), address), { username: null, address });
    await expectLocked(begin(newUser(), address));
  });

  it('lets an administrator lift a lock, by the username as typed in any case', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await fail(user, null);
    expect(await unlockAccount(db.manager, ` ${user.toUpperCase()} `)).toBe(true);
    await expect(begin(user, null)).resolves.toBeUndefined();
    expect(await unlockAccount(db.manager, newUser())).toBe(false);
  });

  it('counts parallel attempts one after the other: the next waits for the outcome', async () => {
    const user = newUser();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await fail(user, null);
    let second: Promise<unknown> | null = null;
    await db.transaction(async (em) => {
      const keys = throttleKeys(user, null);
      await beginAttempt(em, keys);
      // A parallel attempt on the same account, on another connection: it must wait.
      second = db.transaction((other) => beginAttempt(other, keys));
      second.catch(() => {}); // awaited below
      await new Promise((resolve) => setTimeout(resolve, 300));
      await attemptFailed(em, keys, { username: null, address: null });
    });
    await expectLocked(second!);
  });

  it('sweeps finished counts at most once a minute', async () => {
    const insert = (key: string, window: string, lock: string | null) =>
      db.query(
        `INSERT INTO login_throttles (key, failures, window_started_at, locked_until)
         VALUES ($1, 3, now() - $2::interval, now() + $3::interval)`,
        [key, window, lock],
      );
    const keys = (prefix: string) => ({
      done: `${prefix}-done`,
      lockOver: `${prefix}-lock-over`,
      stillLocked: `${prefix}-still-locked`,
      recent: `${prefix}-recent`,
    });
    const left = async (prefix: string) =>
      (
        (await db.query(`SELECT key FROM login_throttles WHERE key LIKE $1 ORDER BY key`, [
          `${prefix}-%`,
        ])) as { key: string }[]
      ).map((r) => r.key);
    async function seed(prefix: string) {
      const k = keys(prefix);
      await insert(k.done, '16 minutes', null);
      await insert(k.lockOver, '31 minutes', '-1 minute');
      await insert(k.stillLocked, '16 minutes', '1 minute');
      await insert(k.recent, '14 minutes', null);
    }
    // Far ahead of any sweep this process made, so the first attempt below sweeps.
    const start = Date.now() + 365 * 24 * 3600 * 1000;
    const now = vi.spyOn(Date, 'now');
    const attempt = async (at: number) => {
      now.mockReturnValue(at);
      await begin(newUser(), null);
    };

    await seed('a');
    await attempt(start);
    expect(await left('a')).toEqual(['a-recent', 'a-still-locked']);
    await seed('b');
    await attempt(start + 59_999);
    expect(await left('b')).toEqual(['b-done', 'b-lock-over', 'b-recent', 'b-still-locked']);
    await attempt(start + 60_000);
    expect(await left('b')).toEqual(['b-recent', 'b-still-locked']);
  });
});
