import { createHash, randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { DataSource, EntityManager } from 'typeorm';
import {
  sessionOf,
  type SessionAccountRow,
  type SessionKey,
  type SessionUser,
} from '../../common/context';
import { AppError } from '../../common/errors';
import { Role } from '../../common/roles';
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

/** An account as app_sign_in_account returns it (see the migration accounts-behind-the-wall). */
interface SignInAccount {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  organization_id: string | null;
  staff_member_id: string | null;
  disabled: boolean;
}

/**
 * Runs the sign-in's statements with `app.purpose = 'sign-in'`, the only time row-level security
 * lets the app role count attempts in login_throttles, look an account up by its sign-in name
 * (app_sign_in_account), open a session and record the sign-in (app_signed_in). The purpose is
 * cleared afterwards, also when the sign-in fails, so the request's other statements get none of it.
 */
async function duringSignIn<T>(db: EntityManager, work: () => Promise<T>): Promise<T> {
  const purpose = (value: string) =>
    db.query(`SELECT set_config('app.purpose', $1, true)`, [value]);
  await purpose('sign-in');
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // NOTE: an aborted transaction refuses even set_config; it is rolled back with its settings.
    await purpose('').catch(() => undefined);
    throw error;
  }
  await purpose('');
  return result;
}

const SETTINGS = ['app.user_id', 'app.role', 'app.organization_id', 'app.staff_member_id'];
const setSettings = (db: EntityManager, values: string[]) =>
  db.query(
    `SELECT ${SETTINGS.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(', ')}`,
    values,
  );

/**
 * Runs `work` with the transaction-local settings naming the account just checked (as the next
 * request of its session will have them), then puts the request's own back. Row-level security
 * then lets the login open a session for that account alone, record its sign-in and read its row,
 * and the audit trail names it as the actor. Call it inside a savepoint: when `work` fails, rolling
 * the savepoint back restores the settings too.
 */
async function actingAs<T>(
  db: EntityManager,
  account: SignInAccount,
  work: () => Promise<T>,
): Promise<T> {
  const [previous] = (await db.query(
    `SELECT ARRAY[${SETTINGS.map((name) => `coalesce(current_setting('${name}', true), '')`).join(', ')}] AS settings`,
  )) as { settings: string[] }[];
  await setSettings(db, [
    account.id,
    account.role,
    account.role === Role.AGENCY_OFFICER ? (account.organization_id ?? '') : '',
    account.role === Role.GROUP_MEMBER ? (account.staff_member_id ?? '') : '',
  ]);
  const result = await work();
  await setSettings(db, previous!.settings);
  return result;
}

/**
 * Checks the password and opens a new session; the caller sets the cookie to the returned token.
 * An unknown user, a wrong password and a disabled user get the same answer after the same work
 * (one argon2 verify); only a lock, per account or per client address, answers differently.
 *
 * `db` is the request's transaction, with the request's settings (none for an anonymous caller):
 * the account is found through app_sign_in_account, and the session opened under the settings of
 * the account just checked (see actingAs), so row-level security needs no exception for logins.
 */
export async function login(
  db: EntityManager,
  username: string,
  password: string,
  previousSessionId: string | null,
  client: { address?: string | null; requestId?: string | null } = {},
): Promise<{ token: string; user: User }> {
  const address = client.address ?? null;
  const name = normalizeUsername(username);
  const keys = throttleKeys(name, address);
  return duringSignIn(db, async () => {
    await beginAttempt(db, keys);
    const [account] = (await db.query(
      `SELECT id, username, display_name, password_hash, role, organization_id, staff_member_id,
              disabled
         FROM app_sign_in_account($1)`,
      [name],
    )) as SignInAccount[];
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verify(account?.password_hash ?? (await dummyHash), password).catch(
      () => false,
    );
    if (!account || !ok || account.disabled) {
      await attemptFailed(db, keys, {
        username: account?.username ?? null,
        address,
        requestId: client.requestId,
      });
      throw WRONG_CREDENTIALS();
    }
    await attemptSucceeded(db, keys);
    // Hashes made with older, weaker parameters are redone now, while the password is at hand.
    const passwordHash = needsRehash(account.password_hash) ? await hashPassword(password) : null;
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const user = await db.transaction(async (em) => {
      // Rotation: a session id seen before sign-in never survives it. It is the caller's own
      // session (resolved for this request), ended under the request's own settings.
      if (previousSessionId) await em.delete(Session, { tokenHash: previousSessionId });
      return actingAs(em, account, async () => {
        await em.insert(Session, {
          tokenHash: sha256(token),
          userId: account.id,
          expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
        });
        const [{ recorded }] = (await em.query('SELECT app_signed_in($1) AS recorded', [
          passwordHash,
        ])) as { recorded: boolean }[];
        // Disabled (or gone) since it was looked up: answered as a disabled account is.
        if (!recorded) throw WRONG_CREDENTIALS();
        return em.getRepository(User).findOneByOrFail({ id: account.id });
      });
    });
    return { token, user };
  });
}

/**
 * Ends a session. `db` must carry the settings of the session's user (the request's own): row-level
 * security lets a user end only their own sessions (administrators any).
 */
export async function logout(db: EntityManager, sessionId: string | null): Promise<void> {
  if (sessionId) await db.getRepository(Session).delete({ tokenHash: sessionId });
}

/** What the database knows a cookie's session by; null for no cookie or a malformed one. */
export function sessionKeyOf(token: string | undefined): SessionKey | null {
  if (!token || token.length > 100) return null;
  return { tokenHash: sha256(token), idle: `${SESSION_IDLE_MS / 1000} seconds` };
}

/**
 * The session behind a cookie token, if it is live: not expired, not idle too long, user enabled.
 * It runs before the request has settings, so it asks app_session_account, which answers only about
 * the session whose token hash it is given (and touches it at most once a minute). A request on the
 * primary looks its session up in its opening statement instead (createContext's sessionKey).
 */
export async function resolveSession(
  db: DataSource,
  token: string | undefined,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  const key = sessionKeyOf(token);
  if (!key) return null;
  const rows: SessionAccountRow[] = await db.query(
    `SELECT id, username, display_name, role, organization_id, staff_member_id
       FROM app_session_account($1, $2::interval)`,
    [key.tokenHash, key.idle],
  );
  return rows[0] ? sessionOf(rows[0], key.tokenHash) : null;
}
