import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { logger } from '../../common/logger';

/**
 * Sign-in throttling, kept in PostgreSQL so every app process sees the same counts. Within a window
 * an account (any username typed, whether or not it exists) locks after `accountFailures` failed
 * attempts and a client address after `addressFailures`; both stay locked for `lockMs`.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  accountFailures: 5,
  addressFailures: 20,
  lockMs: 15 * 60 * 1000,
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
  account: string;
  address: string | null;
}

export function throttleKeys(username: string, address: string | null | undefined): ThrottleKeys {
  return {
    account: hashKey(`account:${normalizeUsername(username)}`),
    address: address ? hashKey(`address:${normalizeAddress(address)}`) : null,
  };
}

const locked = (retryAfterSeconds: number) =>
  new AppError('UNAUTHENTICATED', 'Too many failed sign-ins. Try again later.', {
    rule: 'loginLocked',
    retryAfter: retryAfterSeconds,
  });

const interval = (ms: number) => `${Math.round(ms / 1000)} seconds`;

/**
 * Counts this attempt before the password is checked, so parallel guesses cannot slip past the
 * limit: the rows stay locked by the request's transaction until it ends, and the next attempt on
 * the same account or address waits for the outcome. Throws while the account or address is locked.
 */
export async function beginAttempt(db: EntityManager, keys: ThrottleKeys): Promise<void> {
  await sweepExpired(db);
  const rows: { key: string; locked_for: number | null }[] = await db.query(
    `INSERT INTO login_throttles AS t (key, failures, window_started_at)
     SELECT k, 1, now() FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE
         WHEN t.locked_until > now() THEN t.failures
         WHEN t.window_started_at < now() - $2::interval THEN 1
         ELSE t.failures + 1 END,
       window_started_at = CASE
         WHEN t.locked_until > now() OR t.window_started_at >= now() - $2::interval
           THEN t.window_started_at
         ELSE now() END,
       locked_until = CASE WHEN t.locked_until > now() THEN t.locked_until END
     RETURNING key, ceil(extract(epoch FROM t.locked_until - now()))::int AS locked_for`,
    [[keys.account, ...(keys.address ? [keys.address] : [])], interval(LOGIN_THROTTLE.windowMs)],
  );
  const lockedFor = Math.max(0, ...rows.map((row) => row.locked_for ?? 0));
  if (lockedFor > 0) throw locked(lockedFor);
}

/**
 * A failed attempt stays counted; reaching a limit starts a lock, which is logged. `username` is
 * logged only for an existing account (an unknown one may be a password typed in the wrong box).
 */
export async function attemptFailed(
  db: EntityManager,
  keys: ThrottleKeys,
  who: { username: string | null; address: string | null | undefined },
): Promise<void> {
  // NOTE: TypeORM answers an UPDATE with [rows, affected].
  const [rows]: [{ key: string; failures: number }[], number] = await db.query(
    `UPDATE login_throttles SET locked_until = now() + $4::interval
      WHERE (key = $1 AND failures >= $2) OR (key = $3 AND failures >= $5)
      RETURNING key, failures`,
    [
      keys.account,
      LOGIN_THROTTLE.accountFailures,
      keys.address,
      interval(LOGIN_THROTTLE.lockMs),
      LOGIN_THROTTLE.addressFailures,
    ],
  );
  for (const row of rows) {
    const scope = row.key === keys.account ? 'account' : 'address';
    logger.warn('sign-in locked', {
      scope,
      ...(scope === 'account'
        ? { username: who.username ?? '(no such user)' }
        : { address: who.address }),
      failures: row.failures,
      minutes: LOGIN_THROTTLE.lockMs / 60_000,
    });
  }
}

/** A success clears the account's count and takes back this attempt from the address's. */
export async function attemptSucceeded(db: EntityManager, keys: ThrottleKeys): Promise<void> {
  await db.query('DELETE FROM login_throttles WHERE key = $1', [keys.account]);
  if (keys.address) {
    await db.query(
      'UPDATE login_throttles SET failures = greatest(failures - 1, 0) WHERE key = $1',
      [keys.address],
    );
  }
}

/** Lifts an account's lock and forgets its failures; true when there was something to clear. */
export async function unlockAccount(db: EntityManager, username: string): Promise<boolean> {
  const [, affected]: [unknown, number] = await db.query(
    'DELETE FROM login_throttles WHERE key = $1',
    [throttleKeys(username, null).account],
  );
  return affected > 0;
}

let lastSweep = 0;

/** Forgets counts whose window and lock are over (at most once a minute per process). */
async function sweepExpired(db: EntityManager): Promise<void> {
  const now = Date.now();
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  await db.query(
    `DELETE FROM login_throttles WHERE key IN (
       SELECT key FROM login_throttles
        WHERE window_started_at < now() - $1::interval
          AND (locked_until IS NULL OR locked_until < now())
        FOR UPDATE SKIP LOCKED)`,
    [interval(LOGIN_THROTTLE.windowMs)],
  );
}
