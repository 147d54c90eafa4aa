import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795834800000-row-security-and-audit';

const ADMIN = `(SELECT app_role()) = 'ADMIN'`;
const SIGNING_IN = `(SELECT app_setting('app.purpose')) = 'sign-in'`;

/**
 * Accounts, sessions and sign-in counts behind the second wall. Until now the app role read every
 * account's password hash and every session's token hash with raw SQL, whatever the request's
 * settings. Now:
 * - users: administrators read and change every account; any other signed-in user reads only their
 *   own row (the `me` query) and changes nothing.
 * - sessions: administrators read and end every session (revoking a user's sessions); a user reads
 *   and ends their own (logout). A session is opened only by the sign-in (app.purpose = 'sign-in')
 *   for the user it has just checked, whose id the login sets as app.user_id for that step. Nobody
 *   updates one: the idle timer is touched by app_session_account alone.
 * - login_throttles: read and written only while a login counts its attempt (app.purpose =
 *   'sign-in'); administrators may read them and lift locks (unlockLogin). Nobody else sees a row.
 *
 * The sign-in and the session lookup happen before a request has settings: each gets a SECURITY
 * DEFINER function that does exactly one thing and answers only about what it is asked for. They
 * run as the migrations' owner, which must bypass row-level security (a superuser, or BYPASSRLS as
 * the README asks of the owner), and only the app role may call them.
 */
const POLICIES: { table: string; name: string; sql: string }[] = [
  {
    table: 'users',
    name: 'scope_read',
    sql: `FOR SELECT USING (${ADMIN} OR id = (SELECT app_user()))`,
  },
  { table: 'users', name: 'scope_insert', sql: `FOR INSERT WITH CHECK (${ADMIN})` },
  {
    table: 'users',
    name: 'scope_update',
    sql: `FOR UPDATE USING (${ADMIN}) WITH CHECK (${ADMIN})`,
  },
  { table: 'users', name: 'scope_delete', sql: `FOR DELETE USING (${ADMIN})` },
  {
    table: 'sessions',
    name: 'scope_read',
    sql: `FOR SELECT USING (${ADMIN} OR user_id = (SELECT app_user()))`,
  },
  {
    table: 'sessions',
    name: 'scope_insert',
    sql: `FOR INSERT WITH CHECK (${SIGNING_IN} AND user_id = (SELECT app_user()))`,
  },
  {
    table: 'sessions',
    name: 'scope_delete',
    sql: `FOR DELETE USING (${ADMIN} OR user_id = (SELECT app_user()))`,
  },
  {
    table: 'login_throttles',
    name: 'sign_in',
    sql: `FOR ALL USING (${SIGNING_IN}) WITH CHECK (${SIGNING_IN})`,
  },
  { table: 'login_throttles', name: 'admin_read', sql: `FOR SELECT USING (${ADMIN})` },
  { table: 'login_throttles', name: 'admin_delete', sql: `FOR DELETE USING (${ADMIN})` },
];
const TABLES = ['users', 'sessions', 'login_throttles'];

const FUNCTIONS: { signature: string; sql: string }[] = [
  {
    // The one account a sign-in name belongs to (nothing for an unknown name), for the password
    // check; only while the login counts its attempt. Disabled accounts too: the login answers them
    // after the same work as any other failure.
    signature: 'app_sign_in_account(text)',
    sql: `CREATE FUNCTION app_sign_in_account(sign_in_name text)
      RETURNS TABLE (id uuid, username text, display_name text, password_hash text, role text,
                     organization_id uuid, staff_member_id uuid, disabled boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT u.id, u.username, u.display_name, u.password_hash, u.role::text, u.organization_id,
               u.staff_member_id, u.disabled
          FROM users u
         WHERE u.username = sign_in_name AND app_setting('app.purpose') = 'sign-in'
         LIMIT 1 $$`,
  },
  {
    // The account behind a live session (not expired, not idle longer than idle, user enabled),
    // nothing otherwise; touches the session's idle timer at most once a minute.
    signature: 'app_session_account(text, interval)',
    sql: `CREATE FUNCTION app_session_account(session_token_hash text, idle interval)
      RETURNS TABLE (id uuid, username text, display_name text, role text,
                     organization_id uuid, staff_member_id uuid)
      LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        WITH live AS (
          SELECT s.token_hash, s.last_seen_at, u.id, u.username, u.display_name, u.role::text AS role,
                 u.organization_id, u.staff_member_id
            FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.token_hash = session_token_hash AND s.expires_at > now()
             AND s.last_seen_at > now() - idle AND NOT u.disabled),
        touched AS (
          UPDATE sessions s SET last_seen_at = now() FROM live
           WHERE s.token_hash = live.token_hash AND live.last_seen_at < now() - interval '1 minute')
        SELECT id, username, display_name, role, organization_id, staff_member_id FROM live $$`,
  },
  {
    // Records the sign-in of the user the login has just checked (app.user_id, set by the login for
    // this step, during app.purpose = 'sign-in'): when, and the password hash when it was redone.
    // The audit trigger names that user as the actor of a redone hash.
    signature: 'app_signed_in(text)',
    sql: `CREATE FUNCTION app_signed_in(new_password_hash text) RETURNS boolean
      LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        WITH done AS (
          UPDATE users SET last_login_at = now(), updated_at = now(),
                 password_hash = coalesce(new_password_hash, password_hash)
           WHERE id = app_user() AND NOT disabled AND app_setting('app.purpose') = 'sign-in'
           RETURNING 1)
        SELECT count(*) = 1 FROM done $$`,
  },
];

export class AccountsBehindTheWall1795960000000 implements MigrationInterface {
  name = 'AccountsBehindTheWall1795960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const table of TABLES) {
      await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    for (const policy of POLICIES)
      await q(`CREATE POLICY ${policy.name} ON ${policy.table} ${policy.sql}`);
    for (const fn of FUNCTIONS) {
      await q(fn.sql);
      await q(`REVOKE ALL ON FUNCTION ${fn.signature} FROM PUBLIC`);
      await q(`GRANT EXECUTE ON FUNCTION ${fn.signature} TO ${APP_ROLE}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const fn of [...FUNCTIONS].reverse()) await q(`DROP FUNCTION ${fn.signature}`);
    for (const policy of [...POLICIES].reverse())
      await q(`DROP POLICY ${policy.name} ON ${policy.table}`);
    for (const table of [...TABLES].reverse()) {
      await q(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
