import { createHash, randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { DataSource, EntityManager } from 'typeorm';
import type { SessionUser } from '../../common/context';
import { AppError } from '../../common/errors';
import { type Role } from '../../common/roles';
import {
  attemptFailed,
  attemptSucceeded,
  beginAttempt,
  normalizeUsername,
  throttleKeys,
} from './login-throttle';
import { Session, User } from './user.entity';

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;
export const SESSION_IDLE_MS = 4 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'plan68_session';
/**
 * Behind TLS the cookie is `__Host-plan68_session`: the browser keeps it only when Secure, Path=/
 * and without Domain, so no sibling subdomain or plain-HTTP page can plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const sessionCookieName = (secure: boolean) =>
  secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string) => hash(password, ARGON2);

/** Whether a stored PHC string is weaker than today's parameters (then it is redone at sign-in). */
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, algorithm, version, memory, time, lanes] = match;
  return (
    algorithm !== 'argon2id' ||
    Number(version) < 19 ||
    Number(memory) < ARGON2.memoryCost ||
    Number(time) < ARGON2.timeCost ||
    Number(lanes) < ARGON2.parallelism
  );
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

// A real hash to verify against when the user does not exist, so both failures take the same time.
let dummyHash: Promise<string> | null = null;

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function createUser(
  db: DataSource,
  input: {
    username: string;
    displayName: string;
    password: string;
    role: Role;
    organizationId?: string | null;
    staffMemberId?: string | null;
  },
): Promise<User> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'BAD_USER_INPUT',
      `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
      {
        field: 'password',
        rule: 'minLength',
      },
    );
  }
  const user = db.getRepository(User).create({
    username: input.username.trim().toLowerCase(),
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    organizationId: input.organizationId ?? null,
    staffMemberId: input.staffMemberId ?? null,
  });
  return db.getRepository(User).save(user);
}

const WRONG_CREDENTIALS = () =>
  new AppError('UNAUTHENTICATED', 'Wrong username or password', { rule: 'credentials' });

/**
 * Checks the password and opens a new session; the caller sets the cookie to the returned token.
 * An unknown user, a wrong password and a disabled user get the same answer after the same work
 * (one argon2 verify); only a lock, per account or per client address, answers differently.
 */
export async function login(
  db: EntityManager,
  username: string,
  password: string,
  previousSessionId: string | null,
  address: string | null = null,
): Promise<{ token: string; user: User }> {
  const name = normalizeUsername(username);
  const keys = throttleKeys(name, address);
  await beginAttempt(db, keys);
  const user = await db.getRepository(User).findOneBy({ username: name });
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user || !ok || user.disabled) {
    await attemptFailed(db, keys, { username: user?.username ?? null, address });
    throw WRONG_CREDENTIALS();
  }
  await attemptSucceeded(db, keys);
  // Hashes made with older, weaker parameters are redone now, while the password is at hand.
  const passwordHash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db.transaction(async (em) => {
    // Rotation: a session id seen before sign-in never survives it.
    if (previousSessionId) await em.delete(Session, { tokenHash: previousSessionId });
    await em.insert(Session, {
      tokenHash: sha256(token),
      userId: user.id,
      expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
    });
    await em.update(
      User,
      { id: user.id },
      { lastLoginAt: new Date(now), ...(passwordHash ? { passwordHash } : {}) },
    );
  });
  return { token, user };
}

export async function logout(
  db: DataSource | EntityManager,
  sessionId: string | null,
): Promise<void> {
  if (sessionId) await db.getRepository(Session).delete({ tokenHash: sessionId });
}

/** The session behind a cookie token, if it is live: not expired, not idle too long, user enabled. */
export async function resolveSession(
  db: DataSource,
  token: string | undefined,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256(token);
  const rows: {
    id: string;
    username: string;
    display_name: string;
    role: Role;
    organization_id: string | null;
    staff_member_id: string | null;
    last_seen_at: Date;
  }[] = await db.query(
    `SELECT u.id, u.username, u.display_name, u.role, u.organization_id, u.staff_member_id,
              s.last_seen_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2::interval
          AND NOT u.disabled`,
    [tokenHash, `${SESSION_IDLE_MS / 1000} seconds`],
  );
  const row = rows[0];
  if (!row) return null;
  // PERF: touch the session at most once a minute, not on every request.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  }
  return {
    sessionId: tokenHash,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      organizationId: row.organization_id,
      staffMemberId: row.staff_member_id,
    },
  };
}
