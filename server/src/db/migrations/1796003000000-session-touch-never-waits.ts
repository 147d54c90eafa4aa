import type { MigrationInterface, QueryRunner } from 'typeorm';

const LIVE = `
        WITH live AS (
          SELECT s.token_hash, s.last_seen_at, u.id, u.username, u.display_name, u.role::text AS role,
                 u.organization_id, u.staff_member_id
            FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.token_hash = session_token_hash AND s.expires_at > now()
             AND s.last_seen_at > now() - idle AND NOT u.disabled),`;

const SELECTED = `
        SELECT id, username, display_name, role, organization_id, staff_member_id FROM live $$`;

const definition = (touched: string) => `
      CREATE OR REPLACE FUNCTION app_session_account(session_token_hash text, idle interval)
      RETURNS TABLE (id uuid, username text, display_name text, role text,
                     organization_id uuid, staff_member_id uuid)
      LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$${LIVE}${touched}${SELECTED}`;

/**
 * PERF (issue 12): the session is now looked up on the request's own connection, in the statement
 * that sets the request's settings (one round trip and one pool checkout fewer per request). Its
 * idle-timer touch therefore holds the session's row until the request commits, and a second
 * request of the same session due for the touch would wait for the first (an export: seconds). The
 * touch now skips a row another transaction holds: that transaction is touching it already.
 */
export class SessionTouchNeverWaits1796003000000 implements MigrationInterface {
  name = 'SessionTouchNeverWaits1796003000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      definition(`
        touched AS (
          UPDATE sessions s SET last_seen_at = now()
           WHERE s.token_hash IN (
             SELECT held.token_hash FROM sessions held JOIN live ON live.token_hash = held.token_hash
              WHERE live.last_seen_at < now() - interval '1 minute'
                FOR UPDATE OF held SKIP LOCKED))`),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      definition(`
        touched AS (
          UPDATE sessions s SET last_seen_at = now() FROM live
           WHERE s.token_hash = live.token_hash AND live.last_seen_at < now() - interval '1 minute')`),
    );
  }
}
