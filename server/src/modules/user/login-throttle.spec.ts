import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { withDatabase } from '../../../../test/support/urls';
import { AppError } from '../../common/errors';
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

// The policy (README, "Security limits" → Sign-in), written out as literals on purpose: a change of
// the module's constants must turn these tests red, not move them along.
// - One username from one client address: 5 failures within 15 minutes lock that username at that
//   address for 15 minutes.
// - One client address: 20 failures within 15 minutes, whatever the usernames, lock it for 15 minutes.
// - One username from any addresses together: after 10 failures within 15 minutes each further
//   attempt waits 5 seconds, doubling per further failure up to 5 minutes, until the username has
//   been quiet for 15 minutes after its last wait.
const PAIR_LIMIT = 5;
const ADDRESS_LIMIT = 20;
const SLOWDOWN_AFTER = 10;
const LOCK_SECONDS = 15 * 60;
const FIRST_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 5 * 60;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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

  it('under hashed keys: the username, the username at the address, the address; never what was typed', () => {
    const account = sha256('account:ghost.user');
    const address = sha256('address:203.0.113.7');
    expect(throttleKeys(' Ghost.User ', '::ffff:203.0.113.7')).toStrictEqual({
      account,
      // The pair starts with its username's key: lifting a username's locks finds its pairs.
      pair: `${account}@${address}`,
      address,
    });
    expect(throttleKeys('x', '2001:db8:85a3:1234::1').address).toBe(
      sha256('address:2001:db8:85a3:1234::/64'),
    );
  });

  it('with neither a pair nor an address key when the address is unknown', () => {
    for (const address of [null, undefined, '']) {
      expect(throttleKeys('admin', address)).toStrictEqual({
        account: sha256('account:admin'),
        pair: null,
        address: null,
      });
    }
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
  const db = createDataSource({ url: withDatabase(adminUrl, name), poolSize: 6 });
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

interface Row {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
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
  const newAddress = () => {
    const n = ++clients;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
  const newUser = () => `user.${randomUUID().slice(0, 8)}`;

  /** One sign-in that fails, as the login does it: counted first, then the failure recorded. */
  async function fail(
    username: string,
    address: string | null,
    { em = db.manager, known = false }: { em?: EntityManager; known?: boolean } = {},
  ) {
    const keys = throttleKeys(username, address);
    await beginAttempt(em, keys);
    await attemptFailed(em, keys, { username: known ? username : null, address });
  }
  /** Failures of `username`, each from an address of its own. */
  async function failFromMany(username: string, times: number) {
    for (let i = 0; i < times; i++) await fail(username, newAddress());
  }
  async function succeed(username: string, address: string | null) {
    const keys = throttleKeys(username, address);
    await beginAttempt(db.manager, keys);
    await attemptSucceeded(db.manager, keys);
  }
  const begin = (username: string, address: string | null) =>
    beginAttempt(db.manager, throttleKeys(username, address));

  /** The rows of these keys, by key (a key without a row is missing). */
  async function rows(...keys: (string | null)[]): Promise<Record<string, Row>> {
    const found: Row[] = await db.query(
      `SELECT key, failures, window_started_at::text, locked_until::text
         FROM login_throttles WHERE key = ANY($1::text[])`,
      [keys.filter((key) => key !== null)],
    );
    return Object.fromEntries(found.map((row) => [row.key, row]));
  }
  /** The failures counted under a key; undefined when it has no row. */
  const count = async (key: string | null) => (await rows(key))[key!]?.failures;
  /** Every key of a username: from anywhere, and at each address. */
  const userKeys = (username: string) => {
    const account = throttleKeys(username, null).account;
    return { where: `key = '${account}' OR starts_with(key, '${account}@')`, account };
  };
  async function rowsOfUser(username: string): Promise<Row[]> {
    return db.query(
      `SELECT key, failures, window_started_at::text, locked_until::text
         FROM login_throttles WHERE ${userKeys(username).where} ORDER BY key`,
    );
  }

  /**
   * Moves rows back in time by `interval`, window start and lock end alike, as if that much time
   * had passed for them.
   */
  async function letTimePass(interval: string, ...keys: (string | null)[]) {
    const present = keys.filter((key) => key !== null);
    const [, affected]: [unknown, number] = await db.query(
      `UPDATE login_throttles SET window_started_at = window_started_at - $2::interval,
              locked_until = locked_until - $2::interval
        WHERE key = ANY($1::text[])`,
      [present, interval],
    );
    expect(affected, 'rows moved back in time').toBe(present.length);
  }
  /** The same for every key of a username (from anywhere and at each address). */
  async function letTimePassForUser(interval: string, username: string) {
    const [, affected]: [unknown, number] = await db.query(
      `UPDATE login_throttles SET window_started_at = window_started_at - $1::interval,
              locked_until = locked_until - $1::interval
        WHERE ${userKeys(username).where}`,
      [interval],
    );
    expect(affected, `rows of ${username}`).toBeGreaterThan(0);
  }

  /** The refusal of an attempt, checked in full; its retryAfter in seconds. */
  async function refusal(attempt: Promise<unknown>): Promise<number> {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, 'the attempt should have been refused').toBeInstanceOf(AppError);
    const { message, extensions } = error as AppError;
    expect(message).toBe('Too many failed sign-ins. Try again later.');
    expect(extensions).toStrictEqual({
      code: 'UNAUTHENTICATED',
      rule: 'loginLocked',
      retryAfter: expect.any(Number),
    });
    return extensions.retryAfter as number;
  }
  /** Refused for `seconds`, less the (under 3) seconds gone while the test ran. */
  async function expectWait(attempt: Promise<unknown>, seconds: number) {
    const retryAfter = await refusal(attempt);
    expect(retryAfter).toBeGreaterThan(seconds - 3);
    expect(retryAfter).toBeLessThanOrEqual(seconds);
  }
  const spyWarn = () => vi.spyOn(logger, 'warn');

  /**
   * The three walls, each with a fresh target: one failure against it, one attempt against it, and
   * the key that counts them.
   */
  interface Wall {
    wall: string;
    limit: number;
    seconds: number;
    target: () => { fail: () => Promise<void>; attempt: () => Promise<void>; key: string };
  }
  const pairWall: Wall = {
    wall: 'a username at one address',
    limit: PAIR_LIMIT,
    seconds: LOCK_SECONDS,
    target: () => {
      const [user, address] = [newUser(), newAddress()];
      return {
        fail: () => fail(user, address),
        attempt: () => begin(user, address),
        key: throttleKeys(user, address).pair!,
      };
    },
  };
  const addressWall: Wall = {
    wall: 'a client address, whatever the usernames',
    limit: ADDRESS_LIMIT,
    seconds: LOCK_SECONDS,
    target: () => {
      const address = newAddress();
      return {
        fail: () => fail(newUser(), address),
        attempt: () => begin(newUser(), address),
        key: throttleKeys('anyone', address).address!,
      };
    },
  };
  const accountWall: Wall = {
    wall: 'a username from any addresses',
    limit: SLOWDOWN_AFTER,
    seconds: FIRST_WAIT_SECONDS,
    target: () => {
      const user = newUser();
      return {
        fail: () => fail(user, newAddress()),
        attempt: () => begin(user, newAddress()),
        key: throttleKeys(user, null).account,
      };
    },
  };
  const walls = [pairWall, addressWall, accountWall];
  async function repeat(times: number, action: () => Promise<void>) {
    for (let i = 0; i < times; i++) await action();
  }

  for (const { wall, limit, seconds, target } of walls) {
    describe(wall, () => {
      it(`stays open one failure short of its limit (${limit}): the next attempt goes through`, async () => {
        const warn = spyWarn();
        const t = target();
        await repeat(limit - 1, t.fail);
        await expect(t.attempt()).resolves.toBeUndefined();
        expect(await count(t.key)).toBe(limit);
        expect(warn).not.toHaveBeenCalled();
      });

      it(`closes at its limit for ${seconds} seconds; attempts refused meanwhile count nothing`, async () => {
        const t = target();
        await repeat(limit, t.fail);
        for (let i = 0; i < 3; i++) await expectWait(t.attempt(), seconds);
        expect(await count(t.key)).toBe(limit);
      });

      it('still counts failures 14 minutes 50 seconds old', async () => {
        const t = target();
        await repeat(limit - 1, t.fail);
        await letTimePass('14 minutes 50 seconds', t.key);
        await t.fail();
        await expectWait(t.attempt(), seconds);
      });

      it('forgets failures 15 minutes old, and counts again from one', async () => {
        const t = target();
        await repeat(limit - 1, t.fail);
        await letTimePass('15 minutes', t.key);
        await t.fail();
        expect(await count(t.key)).toBe(1);
        await repeat(limit - 2, t.fail);
        await expect(t.attempt()).resolves.toBeUndefined();
      });

      // A slowed-down username has its own rules for the end of a wait (below).
      if (seconds !== LOCK_SECONDS) return;
      it('keeps a lock after 14 minutes and ends it after 15; then the count starts again', async () => {
        const t = target();
        await repeat(limit, t.fail);
        await letTimePass('14 minutes', t.key);
        await expectWait(t.attempt(), 60);
        await letTimePass('1 minute', t.key);
        await expect(t.attempt()).resolves.toBeUndefined();
        expect(await count(t.key)).toBe(1);
        // A first failure again, not a renewed lock.
        await t.fail();
        await expect(t.attempt()).resolves.toBeUndefined();
      });
    });
  }

  it('counts an attempt, before its outcome, under its username, its username at its address and its address, and nothing else', async () => {
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
    const [user, other, address] = [newUser(), newUser(), newAddress()];
    const mine = throttleKeys(user, address);
    const theirs = throttleKeys(other, address);
    expect(await counted(user, null)).toEqual({ [mine.account]: 1 });
    expect(await counted(user, null)).toEqual({ [mine.account]: 2 });
    expect(await counted(user, address)).toEqual({
      [mine.account]: 3,
      [mine.pair!]: 1,
      [mine.address!]: 1,
    });
    expect(await counted(user, address)).toEqual({
      [mine.account]: 4,
      [mine.pair!]: 2,
      [mine.address!]: 2,
    });
    expect(await counted(other, address)).toEqual({
      [theirs.account]: 1,
      [theirs.pair!]: 1,
      [mine.address!]: 3,
    });
  });

  it('locks a username at one address only: there it is refused in any spelling and from the same IPv6 /64; elsewhere, and other usernames there, go on', async () => {
    const user = newUser();
    const address = '2001:db8:aa:1::1';
    for (let i = 0; i < PAIR_LIMIT; i++) await fail(user, address);
    await expectWait(begin(user, address), LOCK_SECONDS);
    await expectWait(begin(` ${user.toUpperCase()} `, '2001:db8:aa:1:ffff::2'), LOCK_SECONDS);
    // 5 failures are far from the username's own slowdown: its owner signs in from elsewhere.
    await expect(begin(user, '2001:db8:aa:2::1')).resolves.toBeUndefined();
    await expect(begin(user, newAddress())).resolves.toBeUndefined();
    await expect(begin(user, null)).resolves.toBeUndefined();
    await expect(begin(newUser(), address)).resolves.toBeUndefined();
  });

  it('locks a client address for every username; the same usernames elsewhere go on', async () => {
    const address = newAddress();
    const users = Array.from({ length: ADDRESS_LIMIT }, newUser);
    for (const user of users) await fail(user, address);
    await expectWait(begin(newUser(), address), LOCK_SECONDS);
    await expectWait(begin(users[0]!, address), LOCK_SECONDS);
    await expect(begin(users[0]!, newAddress())).resolves.toBeUndefined();
    await expect(begin(users[1]!, null)).resolves.toBeUndefined();
  });

  it('a refused attempt changes nothing under any of its keys: no count, no longer lock or wait', async () => {
    // Refused by the username's lock at its address.
    const [user, address] = [newUser(), newAddress()];
    const keys = throttleKeys(user, address);
    for (let i = 0; i < PAIR_LIMIT; i++) await fail(user, address);
    let before = await rows(keys.account, keys.pair, keys.address);
    for (let i = 0; i < 3; i++) await refusal(begin(user, address));
    expect(await rows(keys.account, keys.pair, keys.address)).toStrictEqual(before);

    // Refused by the address's lock: the username there is not counted either.
    const sprayed = newAddress();
    for (let i = 0; i < ADDRESS_LIMIT; i++) await fail(newUser(), sprayed);
    await fail(user, newAddress());
    const there = throttleKeys(user, sprayed);
    before = await rows(there.account, there.address);
    for (let i = 0; i < 3; i++) await refusal(begin(user, sprayed));
    expect(await rows(there.account, there.address)).toStrictEqual(before);
    expect(await count(there.pair)).toBeFalsy();

    // Refused by the username's wait: neither the username nor the new addresses are counted.
    const slowed = newUser();
    await failFromMany(slowed, SLOWDOWN_AFTER);
    const account = throttleKeys(slowed, null).account;
    before = await rows(account);
    for (let i = 0; i < 3; i++) {
      const elsewhere = throttleKeys(slowed, newAddress());
      await refusal(beginAttempt(db.manager, elsewhere));
      expect(await count(elsewhere.pair)).toBeFalsy();
      expect(await count(elsewhere.address)).toBeFalsy();
    }
    expect(await rows(account)).toStrictEqual(before);
  });

  it('slows a username down after its 10th failure: 5 seconds, doubling per further failure, up to 5 minutes however long the guessing goes on', async () => {
    const warn = spyWarn();
    const user = newUser();
    await failFromMany(user, SLOWDOWN_AFTER - 1);
    expect(warn).not.toHaveBeenCalled();
    const waits = [5, 10, 20, 40, 80, 160, MAX_WAIT_SECONDS, MAX_WAIT_SECONDS, MAX_WAIT_SECONDS];
    for (const [i, wait] of waits.entries()) {
      await fail(user, newAddress(), { known: true });
      expect(warn.mock.calls.at(-1)).toStrictEqual([
        'sign-in slowed down',
        { scope: 'account', username: user, failures: SLOWDOWN_AFTER + i, seconds: wait },
      ]);
      await expectWait(begin(user, newAddress()), wait);
      await expectWait(begin(user, null), wait);
      // The guesser waits it out; by the last ones the window of the first failure is long over.
      await letTimePassForUser(`${wait} seconds`, user);
    }
    expect(warn).toHaveBeenCalledTimes(waits.length);
    await expect(begin(user, newAddress())).resolves.toBeUndefined();
  });

  /** A username slowed down after `failures` failures, its last wait over. */
  async function guessedFor(failures: number) {
    const user = newUser();
    const { account } = throttleKeys(user, null);
    await failFromMany(user, SLOWDOWN_AFTER);
    await db.query(
      `UPDATE login_throttles SET failures = $2, locked_until = now() - interval '1 second'
        WHERE key = $1`,
      [account, failures],
    );
    return { user, account };
  }

  it('keeps the wait at 5 minutes after days of guessing: the 1031st failure', async () => {
    const { user, account } = await guessedFor(1030);
    await fail(user, newAddress());
    expect(await count(account)).toBe(1031);
    await expectWait(begin(user, newAddress()), MAX_WAIT_SECONDS);
  });

  // 5 s × 2^1027 is past what a double holds: the wait's exponent is capped, so days of guessing
  // never make the throttle itself fail (which would have let every later guess through).
  it('keeps the wait at 5 minutes after days of guessing: the 1032nd failure', async () => {
    const { user, account } = await guessedFor(1031);
    await fail(user, newAddress());
    expect(await count(account)).toBe(1032);
    await expectWait(begin(user, newAddress()), MAX_WAIT_SECONDS);
  });

  it('makes each attempt of a slowed username wait out the whole wait; the ones refused meanwhile count nothing', async () => {
    const user = newUser();
    const { account } = throttleKeys(user, null);
    await failFromMany(user, SLOWDOWN_AFTER);
    await letTimePass('3 seconds', account);
    await expectWait(begin(user, newAddress()), FIRST_WAIT_SECONDS - 3);
    await expectWait(begin(user, newAddress()), FIRST_WAIT_SECONDS - 3);
    expect(await count(account)).toBe(SLOWDOWN_AFTER);
    await letTimePass('2 seconds', account);
    // The 11th failure, not the 13th: 10 seconds, not 40.
    await fail(user, newAddress());
    expect(await count(account)).toBe(SLOWDOWN_AFTER + 1);
    await expectWait(begin(user, newAddress()), 2 * FIRST_WAIT_SECONDS);
  });

  it('keeps a username slowed down past its window while the guessing goes on, until it has been quiet for 15 minutes after its last wait', async () => {
    const user = newUser();
    const { account } = throttleKeys(user, null);
    await failFromMany(user, SLOWDOWN_AFTER);
    const setTimes = (windowAgo: string, waitEndedAgo: string) =>
      db.query(
        `UPDATE login_throttles SET window_started_at = now() - $2::interval,
                locked_until = now() - $3::interval WHERE key = $1`,
        [account, windowAgo, waitEndedAgo],
      );
    // The window began long ago, the last wait ended 14 minutes 50 seconds ago: still slowed.
    await setTimes('1 hour', '14 minutes 50 seconds');
    await fail(user, newAddress());
    expect(await count(account)).toBe(SLOWDOWN_AFTER + 1);
    await expectWait(begin(user, newAddress()), 2 * FIRST_WAIT_SECONDS);
    // Quiet for 15 minutes after the last wait: the count starts over.
    await setTimes('1 hour', '15 minutes');
    await fail(user, newAddress());
    expect(await count(account)).toBe(1);
    await expect(begin(user, newAddress())).resolves.toBeUndefined();
  });

  it('slows down only that username: other usernames from the same addresses go on', async () => {
    const user = newUser();
    const addresses = Array.from({ length: SLOWDOWN_AFTER }, newAddress);
    for (const address of addresses) await fail(user, address);
    await expectWait(begin(user, addresses[0]!), FIRST_WAIT_SECONDS);
    for (const address of addresses)
      await expect(begin(newUser(), address)).resolves.toBeUndefined();
  });

  it('lets the owner of a slowed username in after the wait; the count starts over', async () => {
    const user = newUser();
    const { account } = throttleKeys(user, null);
    await failFromMany(user, SLOWDOWN_AFTER);
    await letTimePass('5 seconds', account);
    await succeed(user, newAddress());
    expect(await count(account)).toBeUndefined();
    await failFromMany(user, SLOWDOWN_AFTER - 1);
    await expect(begin(user, newAddress())).resolves.toBeUndefined();
  });

  it("clears a success's username counts, from anywhere and at its address, and takes its own attempt back from the address", async () => {
    const [user, address, elsewhere] = [newUser(), newAddress(), newAddress()];
    const here = throttleKeys(user, address);
    const there = throttleKeys(user, elsewhere);
    for (let i = 0; i < PAIR_LIMIT - 1; i++) await fail(user, address);
    for (let i = 0; i < PAIR_LIMIT - 1; i++) await fail(user, elsewhere);
    await fail(newUser(), address);
    await succeed(user, address);
    expect(await rows(here.account, here.pair)).toStrictEqual({});
    // 4 of the username's and 1 of another's; the success's own attempt taken back.
    expect(await count(here.address)).toBe(5);
    // Its lock at another address is not its to lift: that count stays.
    expect(await count(there.pair)).toBe(PAIR_LIMIT - 1);
    await fail(user, elsewhere);
    await expectWait(begin(user, elsewhere), LOCK_SECONDS);
    // Here the username starts over: 4 failures, and the 5th attempt goes through.
    for (let i = 0; i < PAIR_LIMIT - 1; i++) await fail(user, address);
    await expect(begin(user, address)).resolves.toBeUndefined();
  });

  it('clears the username count of a success without an address', async () => {
    const user = newUser();
    const { account } = throttleKeys(user, null);
    await failFromMany(user, SLOWDOWN_AFTER - 1);
    await succeed(user, null);
    expect(await count(account)).toBeUndefined();
    await failFromMany(user, SLOWDOWN_AFTER - 1);
    await expect(begin(user, null)).resolves.toBeUndefined();
  });

  it("takes only a success's own attempt back from its address: 20 failures still lock it", async () => {
    const address = newAddress();
    const key = throttleKeys('anyone', address).address;
    for (let i = 0; i < 10; i++) await fail(newUser(), address);
    await succeed(newUser(), address);
    expect(await count(key)).toBe(10);
    for (let i = 0; i < 9; i++) await fail(newUser(), address);
    await expect(begin(newUser(), address)).resolves.toBeUndefined();
    await attemptFailed(db.manager, throttleKeys(newUser(), address), { username: null, address });
    await expectWait(begin(newUser(), address), LOCK_SECONDS);
  });

  it("lets an administrator lift a username's locks at every address and its slowdown, by the username in any case, and nothing else", async () => {
    const [user, other, first, second] = [newUser(), newUser(), newAddress(), newAddress()];
    for (let i = 0; i < PAIR_LIMIT; i++) await fail(user, first);
    for (let i = 0; i < PAIR_LIMIT; i++) await fail(user, second);
    await fail(other, first);
    await expectWait(begin(user, first), LOCK_SECONDS);
    await expectWait(begin(user, newAddress()), FIRST_WAIT_SECONDS);
    const othersBefore = await rowsOfUser(other);
    const addressesBefore = await rows(
      throttleKeys(user, first).address,
      throttleKeys(user, second).address,
    );

    expect(await unlockAccount(db.manager, ` ${user.toUpperCase()} `)).toBe(true);
    expect(await rowsOfUser(user)).toEqual([]);
    expect(await rowsOfUser(other)).toStrictEqual(othersBefore);
    expect(
      await rows(throttleKeys(user, first).address, throttleKeys(user, second).address),
    ).toStrictEqual(addressesBefore);
    await expect(begin(user, first)).resolves.toBeUndefined();
    await expect(begin(user, second)).resolves.toBeUndefined();
    await expect(begin(user, newAddress())).resolves.toBeUndefined();

    expect(await unlockAccount(db.manager, newUser())).toBe(false);
  });

  it('does not lift an address lock when lifting a username', async () => {
    const address = newAddress();
    const users = Array.from({ length: ADDRESS_LIMIT }, newUser);
    for (const user of users) await fail(user, address);
    expect(await unlockAccount(db.manager, users.at(-1)!)).toBe(true);
    await expectWait(begin(users.at(-1)!, address), LOCK_SECONDS);
  });

  describe('logs', () => {
    it("a username's lock at an address once, with the username of an existing account and the address", async () => {
      const warn = spyWarn();
      const [user, address] = [newUser(), '::ffff:203.0.113.9'];
      for (let i = 0; i < PAIR_LIMIT; i++) await fail(user, address, { known: true });
      await refusal(begin(user, address));
      expect(warn.mock.calls).toStrictEqual([
        [
          'sign-in locked',
          {
            scope: 'account at address',
            username: user,
            address,
            failures: PAIR_LIMIT,
            seconds: LOCK_SECONDS,
          },
        ],
      ]);
    });

    it('an unknown username as such, never what was typed', async () => {
      const warn = spyWarn();
      const [typed, address] = [newUser(), newAddress()];
      for (let i = 0; i < PAIR_LIMIT; i++) await fail(typed, address);
      await failFromMany(typed, SLOWDOWN_AFTER - PAIR_LIMIT);
      expect(warn.mock.calls).toStrictEqual([
        [
          'sign-in locked',
          {
            scope: 'account at address',
            username: '(no such user)',
            address,
            failures: PAIR_LIMIT,
            seconds: LOCK_SECONDS,
          },
        ],
        [
          'sign-in slowed down',
          {
            scope: 'account',
            username: '(no such user)',
            failures: SLOWDOWN_AFTER,
            seconds: FIRST_WAIT_SECONDS,
          },
        ],
      ]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain(typed);
    });

    it("an address's lock once, with the address and no username", async () => {
      const warn = spyWarn();
      const address = '2001:db8:bb:1::7';
      for (let i = 0; i < ADDRESS_LIMIT; i++) await fail(newUser(), address, { known: true });
      await refusal(begin(newUser(), address));
      expect(warn.mock.calls).toStrictEqual([
        [
          'sign-in locked',
          { scope: 'address', address, failures: ADDRESS_LIMIT, seconds: LOCK_SECONDS },
        ],
      ]);
    });

    it("a username's slowdown with the username and no address", async () => {
      const warn = spyWarn();
      const user = newUser();
      await failFromMany(user, SLOWDOWN_AFTER - 1);
      await fail(user, newAddress(), { known: true });
      await refusal(begin(user, newAddress()));
      expect(warn.mock.calls).toStrictEqual([
        [
          'sign-in slowed down',
          { scope: 'account', username: user, failures: SLOWDOWN_AFTER, seconds: 5 },
        ],
      ]);
    });
  });

  it('keeps neither usernames nor addresses in the table, only SHA-256 keys', async () => {
    await fail('Ghost.Visitor', '203.0.113.77');
    await fail('ghost.visitor', '2001:db8:cc:1::5');
    await fail('ghost.visitor', null);
    const keys = ((await db.query('SELECT key FROM login_throttles')) as { key: string }[]).map(
      (r) => r.key,
    );
    expect(keys).toContain(sha256('account:ghost.visitor'));
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}(@[0-9a-f]{64})?$/);
    expect(JSON.stringify(keys)).not.toMatch(/ghost|visitor|203\.0\.113|2001:db8/i);
  });

  describe('parallel attempts, one after the other: the next waits for the outcome', () => {
    /**
     * Begins `first` in a transaction, starts `second` on another connection meanwhile, checks that
     * it waits, then ends `first` with `outcome`; answers how `second` ended.
     */
    async function race(
      first: ReturnType<typeof throttleKeys>,
      second: ReturnType<typeof throttleKeys>,
      outcome: 'failed' | 'succeeded',
    ): Promise<void> {
      let waiting: Promise<void> | null = null;
      let settled = false;
      await db.transaction(async (em) => {
        await beginAttempt(em, first);
        waiting = db.transaction((other) => beginAttempt(other, second));
        waiting.then(
          () => (settled = true),
          () => (settled = true),
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled, 'the second attempt waits for the first').toBe(false);
        if (outcome === 'failed') await attemptFailed(em, first, { username: null, address: null });
        else await attemptSucceeded(em, first);
      });
      return waiting!;
    }

    it('a username at one address: the 5th failure there refuses the 6th', async () => {
      const [user, address] = [newUser(), newAddress()];
      for (let i = 0; i < PAIR_LIMIT - 1; i++) await fail(user, address);
      const keys = throttleKeys(user, address);
      await expectWait(race(keys, keys, 'failed'), LOCK_SECONDS);
    });

    it('a username from two addresses: the 10th failure makes the 11th wait', async () => {
      const user = newUser();
      await failFromMany(user, SLOWDOWN_AFTER - 1);
      const second = race(
        throttleKeys(user, newAddress()),
        throttleKeys(user, newAddress()),
        'failed',
      );
      await expectWait(second, FIRST_WAIT_SECONDS);
    });

    it('an address with two usernames: the 20th failure refuses the 21st', async () => {
      const address = newAddress();
      for (let i = 0; i < ADDRESS_LIMIT - 1; i++) await fail(newUser(), address);
      const second = race(
        throttleKeys(newUser(), address),
        throttleKeys(newUser(), address),
        'failed',
      );
      await expectWait(second, LOCK_SECONDS);
    });

    it("after a success the next counts from one, and the address's count has the success taken back", async () => {
      const [user, address] = [newUser(), newAddress()];
      for (let i = 0; i < PAIR_LIMIT - 1; i++) await fail(user, address);
      const keys = throttleKeys(user, address);
      await expect(race(keys, keys, 'succeeded')).resolves.toBeUndefined();
      expect(await count(keys.account)).toBe(1);
      expect(await count(keys.pair)).toBe(1);
      // 4 failures, the success taken back, and the second attempt.
      expect(await count(keys.address)).toBe(5);
    });

    it('many at once on overlapping keys: none deadlocks, none is lost', async () => {
      const users = [newUser(), newUser()];
      const addresses = [newAddress(), newAddress()];
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          db.transaction((em) => fail(users[i % 2]!, addresses[(i >> 1) % 2]!, { em })),
        ),
      );
      for (const user of users) {
        expect(await count(throttleKeys(user, null).account)).toBe(6);
        for (const address of addresses)
          expect(await count(throttleKeys(user, address).pair)).toBe(3);
      }
      for (const address of addresses) {
        expect(await count(throttleKeys('anyone', address).address)).toBe(6);
      }
    });
  });

  // NOTE: last in the file: it moves the process's last sweep a year ahead, so no attempt after
  // it sweeps.
  it('sweeps at most once a minute the counts whose window is over and whose last lock ended 15 minutes ago, skipping rows in use', async () => {
    const insert = (key: string, window: string, lock: string | null) =>
      db.query(
        `INSERT INTO login_throttles (key, failures, window_started_at, locked_until)
         VALUES ($1, 3, now() - $2::interval, now() + $3::interval)`,
        [key, window, lock],
      );
    const left = async (prefix: string) =>
      (
        (await db.query(`SELECT key FROM login_throttles WHERE key LIKE $1 ORDER BY key`, [
          `${prefix}-%`,
        ])) as { key: string }[]
      ).map((r) => r.key);
    async function seed(prefix: string) {
      await insert(`${prefix}-done`, '15 minutes', null);
      await insert(`${prefix}-lock-over`, '31 minutes', '-15 minutes');
      await insert(`${prefix}-lock-recent`, '31 minutes', '-14 minutes 50 seconds');
      await insert(`${prefix}-still-locked`, '16 minutes', '1 minute');
      await insert(`${prefix}-recent`, '14 minutes 50 seconds', null);
      await insert(`${prefix}-in-use`, '16 minutes', null);
    }
    // Far ahead of any sweep this process made, so the first attempt below sweeps.
    const start = Date.now() + 365 * 24 * 3600 * 1000;
    const now = vi.spyOn(Date, 'now');
    const attempt = async (at: number) => {
      now.mockReturnValue(at);
      await begin(newUser(), null);
    };

    await seed('a');
    // A row another attempt holds is skipped, and the sweep does not wait for it.
    await db.transaction(async (em) => {
      await em.query(`SELECT key FROM login_throttles WHERE key = 'a-in-use' FOR UPDATE`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        attempt(start),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the sweep waited for a row in use')), 10_000);
        }),
      ]).finally(() => clearTimeout(timer));
    });
    expect(await left('a')).toEqual(['a-in-use', 'a-lock-recent', 'a-recent', 'a-still-locked']);

    await seed('b');
    await attempt(start + 59_999);
    expect(await left('b')).toEqual([
      'b-done',
      'b-in-use',
      'b-lock-over',
      'b-lock-recent',
      'b-recent',
      'b-still-locked',
    ]);
    await attempt(start + 60_000);
    expect(await left('b')).toEqual(['b-lock-recent', 'b-recent', 'b-still-locked']);
  });
});
