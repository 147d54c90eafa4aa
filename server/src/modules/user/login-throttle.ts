import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { logger } from '../../common/logger';

/**
 * Sign-in throttling, kept in PostgreSQL so every app process sees the same counts (OWASP: throttle
 * per account and per address, slow an account down, never lock it for everyone):
 * - a username typed from one client address (whether or not the account exists) locks there for
 *   `lockMs` after `pairFailures` failures within `windowMs`: a guesser at one address stops, and
 *   the user signs in from another;
 * - a client address locks after `addressFailures` failures within the window, whatever the names;
 * - a username from any addresses, after `accountFailures` failures within the window, is slowed
 *   down: each further attempt waits `slowdownMs`, doubling up to `maxSlowdownMs`, so guesses from
 *   many addresses come slowly, while its owner still gets in after at most that wait.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  pairFailures: 5,
  addressFailures: 20,
  lockMs: 15 * 60 * 1000,
  accountFailures: 10,
  slowdownMs: 5 * 1000,
  maxSlowdownMs: 5 * 60 * 1000,
} as const;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

/** An IPv6 client is one /64 (what one customer usually gets); IPv4-mapped addresses are IPv4. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  // NOTE: without "::" the tail is undefined and the zeros none: the groups are the address's own.
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export interface ThrottleKeys {
  /** The username from anywhere (slowed down). */
  account: string;
  /** The username from this address (locked); null when the address is unknown. */
  pair: string | null;
  /** The address, whatever the usernames (locked). */
  address: string | null;
}

export function throttleKeys(username: string, address: string | null | undefined): ThrottleKeys {
  const account = hashKey(`account:${normalizeUsername(username)}`);
  const where = address ? hashKey(`address:${normalizeAddress(address)}`) : null;
  // The pair starts with its account's key, so lifting an account's lock finds its pairs.
  return { account, pair: where ? `${account}@${where}` : null, address: where };
}

const keysOf = (keys: ThrottleKeys) =>
  [keys.account, keys.pair, keys.address].filter((key): key is string => key !== null);

const locked = (retryAfterSeconds: number) =>
  new AppError('UNAUTHENTICATED', 'Too many failed sign-ins. Try again later.', {
    rule: 'loginLocked',
    retryAfter: retryAfterSeconds,
  });

const interval = (ms: number) => `${Math.round(ms / 1000)} seconds`;

/**
 * Counts this attempt before the password is checked, so parallel guesses cannot slip past the
 * limit: the rows stay locked by the request's transaction until it ends, and the next attempt on
 * the same username or address waits for the outcome. Throws while any of its keys is locked or
 * slowed down, and then counts nothing: a refused attempt is no guess.
 */
export async function beginAttempt(db: EntityManager, keys: ThrottleKeys): Promise<void> {
  await sweepExpired(db);
  const all = keysOf(keys);
  await db.query(
    `INSERT INTO login_throttles (key, failures, window_started_at)
     SELECT k, 0, now() FROM unnest($1::text[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING`,
    [all],
  );
  // NOTE: rows locked in key order, as every attempt does, so two attempts never deadlock.
  const rows: { locked_for: number | null }[] = await db.query(
    `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS locked_for
       FROM login_throttles WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
    [all],
  );
  const lockedFor = Math.max(0, ...rows.map((row) => row.locked_for ?? 0));
  if (lockedFor > 0) throw locked(lockedFor);
  // A window over starts the count again; a username being slowed down stays so until it has been
  // quiet for a whole window after its last wait, however long the guessing goes on.
  await db.query(
    `WITH counted AS (
       SELECT key, window_started_at < now() - $2::interval
                   AND (key <> $3 OR locked_until IS NULL OR locked_until < now() - $2::interval)
                   AS fresh
         FROM login_throttles WHERE key = ANY($1::text[]))
     UPDATE login_throttles t SET
       failures = CASE WHEN c.fresh THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN c.fresh THEN now() ELSE t.window_started_at END,
       locked_until = NULL
      FROM counted c WHERE c.key = t.key`,
    [all, interval(LOGIN_THROTTLE.windowMs), keys.account],
  );
}

/**
 * A failed attempt stays counted; reaching a limit starts a lock or a slowdown, which is logged.
 * `username` is logged only for an existing account (an unknown one may be a password typed in the
 * wrong box).
 */
export async function attemptFailed(
  db: EntityManager,
  keys: ThrottleKeys,
  who: {
    username: string | null;
    address: string | null | undefined;
    requestId?: string | null;
  },
): Promise<void> {
  // NOTE: TypeORM answers an UPDATE with [rows, affected].
  const [rows]: [{ key: string; failures: number; seconds: number }[], number] = await db.query(
    `UPDATE login_throttles SET locked_until = now() + make_interval(secs => CASE
         WHEN key = $1 THEN least($6 * power(2, least(failures - $2, 16)), $7)
         ELSE $5 END)
      WHERE (key = $1 AND failures >= $2) OR (key = $3 AND failures >= $4)
         OR (key = $8 AND failures >= $9)
      RETURNING key, failures, ceil(extract(epoch FROM locked_until - now()))::int AS seconds`,
    [
      keys.account,
      LOGIN_THROTTLE.accountFailures,
      keys.pair,
      LOGIN_THROTTLE.pairFailures,
      LOGIN_THROTTLE.lockMs / 1000,
      LOGIN_THROTTLE.slowdownMs / 1000,
      LOGIN_THROTTLE.maxSlowdownMs / 1000,
      keys.address,
      LOGIN_THROTTLE.addressFailures,
    ],
  );
  for (const row of rows) {
    const scope =
      row.key === keys.account
        ? 'account'
        : row.key === keys.pair
          ? 'account at address'
          : 'address';
    logger.warn(scope === 'account' ? 'sign-in slowed down' : 'sign-in locked', {
      ...(who.requestId ? { requestId: who.requestId } : {}),
      scope,
      ...(scope === 'address' ? {} : { username: who.username ?? '(no such user)' }),
      ...(scope === 'account' ? {} : { address: who.address }),
      failures: row.failures,
      seconds: row.seconds,
    });
  }
}

/**
 * A success clears the username's counts (from anywhere and from here) and takes back this
 * attempt from the address's.
 */
export async function attemptSucceeded(db: EntityManager, keys: ThrottleKeys): Promise<void> {
  // NOTE: without an address the pair is null, which ANY() matches nothing with.
  await db.query('DELETE FROM login_throttles WHERE key = ANY($1::text[])', [
    [keys.account, keys.pair],
  ]);
  if (keys.address) {
    await db.query(
      'UPDATE login_throttles SET failures = greatest(failures - 1, 0) WHERE key = $1',
      [keys.address],
    );
  }
}

/** Lifts a username's locks and forgets its failures, at every address; true when there were any. */
export async function unlockAccount(db: EntityManager, username: string): Promise<boolean> {
  const account = throttleKeys(username, null).account;
  const [, affected]: [unknown, number] = await db.query(
    `DELETE FROM login_throttles WHERE key = $1 OR starts_with(key, $2)`,
    [account, `${account}@`],
  );
  return affected > 0;
}

let lastSweep = 0;

/**
 * Forgets counts whose window is over and whose last lock ended a window ago (at most once a minute
 * per process): the same rows the next attempt would start afresh.
 */
async function sweepExpired(db: EntityManager): Promise<void> {
  const now = Date.now();
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  await db.query(
    `DELETE FROM login_throttles WHERE key IN (
       SELECT key FROM login_throttles
        WHERE window_started_at < now() - $1::interval
          AND (locked_until IS NULL OR locked_until < now() - $1::interval)
        FOR UPDATE SKIP LOCKED)`,
    [interval(LOGIN_THROTTLE.windowMs)],
  );
}
