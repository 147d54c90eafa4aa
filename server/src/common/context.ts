import type { Request, Response } from 'express';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { prepared } from '../db/prepared';
import { logger } from './logger';
import { readScopeOf } from './crud/crud.service';
import { Loaders } from './loaders';
import { AccessLogCollector } from './personal-data';
import { readsEveryRow, Role } from './roles';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The agency an officer works for, or a group member's own agency. */
  organizationId: string | null;
  /** The staff record of a group member (the person who sits in support groups). */
  staffMemberId: string | null;
}

/** A session cookie's token as the database knows it, and how long a session may stay idle. */
export interface SessionKey {
  tokenHash: string;
  /** An interval, e.g. '1800 seconds'. */
  idle: string;
}

/** A row of app_session_account. */
export interface SessionAccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  organization_id: string | null;
  staff_member_id: string | null;
}

export function sessionOf(
  row: SessionAccountRow,
  tokenHash: string,
): { user: SessionUser; sessionId: string } {
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

/** The records a scoped role reaches: its agency, and the support groups it runs or sits in. */
export interface AccessScope {
  /** Set for agency officers only: the organization whose records they own. */
  organizationId: string | null;
  groupIds: string[];
}

/** Everything a resolver or service needs to know about the request it serves. */
export interface RequestContext {
  /**
   * The request's own connection, inside one transaction whose transaction-local settings
   * (app.user_id, app.role, app.organization_id, app.staff_member_id) feed row-level security and
   * the audit trigger. Nested `db.transaction()` calls become savepoints.
   */
  db: EntityManager;
  user: SessionUser | null;
  sessionId: string | null;
  scope: AccessScope;
  loaders: Loaders;
  req?: Request;
  res?: Response;
  /** The id of the HTTP request (X-Request-Id), for log lines; null outside one. */
  requestId: string | null;
  /** Whether the session cookie is marked Secure (behind TLS in production). */
  secureCookies: boolean;
  /** The pool aggregates run on beside the request's own connection (see asAggregate). */
  aggregates: DataSource | null;
  /** The personal records this request's answer holds, written to the access log at its end. */
  accessLog: AccessLogCollector;
  /** Commits the request's transaction and returns its connection to the pool (idempotent). */
  finish: () => Promise<void>;
}

/**
 * Runs aggregate work (counts and sums for dashboards) that may read beyond the user's own rows.
 * Administrators and analysts read every row already, so theirs runs on the request's connection.
 * Anyone else's runs on a connection of its own from `aggregates`, in a read-only transaction with
 * the caller's settings and `app.purpose = 'aggregate'`: row-level security is lifted for the
 * aggregate's statements alone, never for the request's other queries running beside it.
 */
export async function asAggregate<T>(
  ctx: RequestContext,
  work: (db: EntityManager) => Promise<T>,
): Promise<T> {
  if (!ctx.aggregates || readsEveryRow(ctx.user?.role)) return work(ctx.db);
  const runner = ctx.aggregates.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN READ ONLY');
    await runner.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
              set_config('app.organization_id', $3, true), set_config('app.staff_member_id', $4, true),
              set_config('app.purpose', 'aggregate', true)`,
      settingsOf(ctx.user),
    );
    return await work(runner.manager);
  } finally {
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}

/** The transaction-local settings row-level security and the audit trail read, for a user. */
function settingsOf(user: SessionUser | null): [string, string, string, string] {
  return [
    user?.id ?? '',
    user?.role ?? '',
    user?.role === Role.AGENCY_OFFICER ? (user.organizationId ?? '') : '',
    user?.role === Role.GROUP_MEMBER ? (user.staffMemberId ?? '') : '',
  ];
}

/**
 * One query at a time on the request's connection, in the order asked: DataLoader batches and
 * parallel field resolvers start several at once, which pg 8 queues with a deprecation warning and
 * pg 9 refuses.
 */
function serializeQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let last: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<typeof query>) => {
    const next = last.then(() => query(...args));
    last = next.catch(() => undefined);
    return next;
  }) as typeof runner.query;
}

/**
 * Writes what a request served from the read replica must still record, on the primary, in a
 * transaction of its own with the caller's settings (row-level security lets a user write only
 * their own access-log entries): a hot standby refuses every write.
 */
async function flushOnPrimary(
  primary: DataSource,
  accessLog: AccessLogCollector,
  user: SessionUser | null,
  address: string | null,
): Promise<void> {
  if (accessLog.isEmpty) return;
  await primary.transaction(async (db) => {
    await db.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
              set_config('app.organization_id', $3, true), set_config('app.staff_member_id', $4, true)`,
      settingsOf(user),
    );
    await accessLog.flush(db, user, address);
  });
}

export interface ContextOptions {
  /** The pool the request's transaction runs on: the primary's, or the read replica's. */
  db: DataSource;
  /** The session already looked up (on the primary, for a request the replica serves)… */
  session?: { user: SessionUser; sessionId: string } | null;
  /**
   * …or the cookie's session, looked up in the statement that opens the request (on the
   * primary only: the lookup touches the session's idle timer, a write).
   */
  sessionKey?: SessionKey | null;
  http?: { req: Request; res: Response };
  secureCookies?: boolean;
  aggregates?: DataSource | null;
  requestId?: string | null;
  /**
   * Set when `db` is the read replica: the primary, where the request's own writes (the access
   * log) go instead.
   */
  primary?: DataSource | null;
}

interface SettingsSource {
  /** What the statement reads from, if anything. */
  from: string;
  /** Text expressions, '' for none: the user's id, role, officer's agency, member's staff record. */
  user: string;
  role: string;
  organization: string;
  staffMember: string;
}

/**
 * The request's settings, set in one statement that also reads the support groups a scoped role
 * reaches (scope.groupIds), under those settings: set_config runs left to right before the groups.
 */
function openStatement(source: SettingsSource, selected = ''): string {
  const { from, user, role, organization, staffMember } = source;
  return `SELECT ${selected}
            set_config('app.user_id', ${user}, true), set_config('app.role', ${role}, true),
            set_config('app.organization_id', ${organization}, true),
            set_config('app.staff_member_id', ${staffMember}, true),
            set_config('app.purpose', '', true),
            CASE ${role}
              WHEN 'AGENCY_OFFICER' THEN
                (SELECT array_agg(g.id) FROM support_groups g
                  WHERE g.organization_id = nullif(${organization}, '')::uuid)
              WHEN 'GROUP_MEMBER' THEN
                -- PERF: one index per branch (leader_id, staff_member_id); as one OR-ed
                -- condition it scanned every support group (15 ms at 100,000 groups).
                (SELECT array_agg(DISTINCT s.id) FROM (
                   SELECT g.id FROM support_groups g WHERE g.leader_id = nullif(${staffMember}, '')::uuid
                   UNION ALL
                   SELECT m.support_group_id FROM support_group_members m
                    WHERE m.staff_member_id = nullif(${staffMember}, '')::uuid) s)
            END AS groups
          ${from}`;
}

/** Opens as a user already known (settingsOf): $1–$4. */
const OPEN_AS_USER = prepared(
  'plan68_open_as_user',
  openStatement({ from: '', user: '$1', role: '$2', organization: '$3', staffMember: '$4' }),
);

/**
 * Opens as the session whose token hash is $1 ($2: the idle limit), looked up by
 * app_session_account; no session, no settings. PERF: the lookup had a pool connection and a
 * round trip of its own before every request.
 */
const OPEN_WITH_SESSION = prepared(
  'plan68_open_with_session',
  openStatement(
    {
      from: 'FROM (SELECT) AS one LEFT JOIN app_session_account($1, $2::interval) a ON true',
      user: `coalesce(a.id::text, '')`,
      role: `coalesce(a.role, '')`,
      organization: `CASE a.role WHEN 'AGENCY_OFFICER' THEN coalesce(a.organization_id::text, '') ELSE '' END`,
      staffMember: `CASE a.role WHEN 'GROUP_MEMBER' THEN coalesce(a.staff_member_id::text, '') ELSE '' END`,
    },
    'a.id, a.username, a.display_name, a.role, a.organization_id, a.staff_member_id,',
  ),
);

/** Opens the request's transaction and sets who is asking, for RLS and the audit trail. */
export async function createContext(options: ContextOptions): Promise<RequestContext> {
  const {
    db: dataSource,
    sessionKey,
    http,
    secureCookies = false,
    aggregates = null,
    requestId = null,
  } = options;
  const primary = options.primary ?? null;
  let session = options.session ?? null;
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  serializeQueries(runner);
  const accessLog = new AccessLogCollector();
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    try {
      if (runner.isTransactionActive) {
        const user = session?.user ?? null;
        const address = http?.req.ip ?? null;
        if (primary) await flushOnPrimary(primary, accessLog, user, address);
        else await accessLog.flush(runner.manager, user, address);
        await runner.commitTransaction();
      }
    } catch (error) {
      logger.warn('request commit failed', { requestId, error: (error as Error).message });
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  };
  try {
    await runner.startTransaction();
    let groups: string[] | null;
    if (sessionKey !== undefined) {
      const [row] = (await runner.query(OPEN_WITH_SESSION, [
        sessionKey?.tokenHash ?? '',
        sessionKey?.idle ?? '0 seconds',
      ])) as (Partial<SessionAccountRow> & { groups: string[] | null })[];
      session = row?.id ? sessionOf(row as SessionAccountRow, sessionKey!.tokenHash) : null;
      groups = row?.groups ?? null;
    } else {
      const [row] = (await runner.query(OPEN_AS_USER, settingsOf(session?.user ?? null))) as {
        groups: string[] | null;
      }[];
      groups = row?.groups ?? null;
    }
    const user = session?.user ?? null;
    const db = runner.manager;
    const ctx: RequestContext = {
      db,
      user,
      sessionId: session?.sessionId ?? null,
      scope: {
        organizationId: user?.role === Role.AGENCY_OFFICER ? user.organizationId : null,
        // An officer's groups are exactly the agency's: scopes.ts binds its placeholders on that.
        groupIds: groups ?? [],
      },
      loaders: new Loaders(db, (entity) => readScopeOf(ctx, entity)),
      accessLog,
      aggregates,
      req: http?.req,
      res: http?.res,
      requestId,
      secureCookies,
      finish,
    };
    return ctx;
  } catch (error) {
    await finish().catch(() => undefined);
    throw error;
  }
}
