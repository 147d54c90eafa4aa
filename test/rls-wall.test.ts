/**
 * The second wall alone (SECURITY.md B.15): row-level security judged with the services out of the
 * way. For every table PostgreSQL guards with RLS and for every kind of user, raw SQL as the app role,
 * with the transaction-local settings the server sets per request (server/src/common/context.ts),
 * must see exactly the rows the policy statement (test/policy/expected-access.ts) grants, and must not
 * change a row outside the user's write scope, while writes inside it go through.
 *
 * Which rows are a user's own is computed here, on the owner's connection (which bypasses RLS), by
 * SQL written apart from the policies: an agency officer owns their agency's rows, the support groups
 * it runs, the households those groups help or that the agency is responsible for, and the people
 * sitting in those groups (whom they read but, unless they are the agency's staff, do not edit); a
 * group member owns the groups they lead or sit in, those groups' households and people.
 *
 * Accounts, sessions and sign-in counts are behind the wall too: `users` by the generic checks (with
 * one commented exception to the statement: every signed-in user reads their own account), sessions,
 * login_throttles and the SECURITY DEFINER functions of the sign-in by checks of their own below.
 */
import { createHash, randomUUID } from 'node:crypto';
import { VILLAGE_FIGURE_TABLES } from '../server/src/db/migrations/1795999000000-household-figures-by-village';
import { AGENCY_FIGURE_TABLES } from '../server/src/db/migrations/1796010000000-household-figures-by-agency';
import { isDeepStrictEqual } from 'node:util';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_ACCESS, type Reach, type Resource, type Role } from './policy/expected-access';
import { startTestApp, type TestApp } from './support/app';

type Row = Record<string, unknown>;

/** How the test names, scopes and copies the rows of one table under row-level security. */
interface Table {
  /** The GraphQL resource whose grant in the policy statement governs the table's rows. */
  resource: Resource;
  /** Primary key columns (default `id`): a row's name is their values joined by '/'. */
  pk?: string[];
  /**
   * The rows of the user's own scope, as a condition over the table's columns, run on the owner's
   * connection beside `my`: `my.org` (an officer's agency, else null), `my.groups`,
   * `my.households`, `my.staff` (the people the user reaches) and `my.account` (the user's own
   * account), see `scopeOf`.
   */
  own: string;
  /** The rows the user may change when their write grant is 'own' (default: `own`). */
  ownWrite?: string;
  /** The columns placing a row in a scope: another scope's value there moves the row out. */
  anchors: string[];
  /** What a copy of a row needs changed to be inserted beside it (keys, unique columns). */
  fresh: (row: Row, user: User) => Promise<Row> | Row;
  /** Ledger entries: nobody updates or deletes them, whatever the scope (SECURITY.md D.22). */
  appendOnly?: boolean;
  /** A deliberate, commented exception to the policy statement's grant for this table. */
  grant?: (user: User, statement: Grant) => Grant;
}

type Grant = { read?: Reach; write?: Reach };

const OF_HOUSEHOLDS = 'household_id = ANY (my.households)';
const OF_GROUPS = 'group_id = ANY (my.groups)';
const AGENCY_FUNDS = 'SELECT f.id FROM funds f WHERE f.organization_id = my.org';
const OF_FUNDS = `fund_id IN (${AGENCY_FUNDS})`;
const OF_DISBURSEMENTS = `disbursement_id IN (SELECT d.id FROM disbursements d WHERE d.fund_id IN (${AGENCY_FUNDS}))`;
/** A closed period long before any in the data (periods may not overlap; open ones run forever). */
const LONG_AGO = { valid_from: '1901-01-01', valid_to: '1901-12-31' };

let app: TestApp;
/** A second plan, so a copy of a fund (one per agency and plan) can be inserted. */
let extraPlanId: string;

const newId = () => ({ id: randomUUID() });
/** A value of `column` in `table` that no row with `parent` = the row's parent uses yet. */
const unusedFor =
  (table: string, parent: string, column: string, source: string) => async (row: Row) => {
    const [free] = (await app.db.query(
      `SELECT s.id FROM ${source} s
        WHERE s.id NOT IN (SELECT x.${column} FROM ${table} x WHERE x.${parent} = $1)
        ORDER BY s.id LIMIT 1`,
      [row[parent]],
    )) as { id: string }[];
    return { [column]: free!.id };
  };

/** Every table under row-level security, by name. The test fails when the database has another. */
const TABLES: Record<string, Table> = {
  households: {
    resource: 'Household',
    // Read from the row and the groups' links, so that a changed row is judged afresh.
    own: `organization_id = my.org
      OR id IN (SELECT x.household_id FROM support_group_households x WHERE x.support_group_id = ANY (my.groups))`,
    anchors: ['organization_id'],
    fresh: newId,
  },
  household_members: {
    resource: 'HouseholdMember',
    own: OF_HOUSEHOLDS,
    anchors: ['household_id'],
    fresh: () => ({ ...newId(), citizen_id: null, legacy_id_number: null }),
  },
  household_category_periods: {
    resource: 'HouseholdCategoryPeriod',
    own: OF_HOUSEHOLDS,
    anchors: ['household_id'],
    // A copy of a period would overlap it, which the database refuses: another time.
    fresh: () => ({ ...newId(), valid_from: '1900-01-01', valid_to: '1900-12-31' }),
  },
  poverty_reviews: {
    resource: 'PovertyReview',
    own: OF_HOUSEHOLDS,
    anchors: ['household_id'],
    // The review date falls in the review's year (migration 1795994000000): none for the copy.
    fresh: () => ({ ...newId(), year: 2100, review_date: null }),
  },
  aspirations: {
    resource: 'Aspiration',
    own: OF_HOUSEHOLDS,
    anchors: ['household_id'],
    fresh: newId,
  },
  house_projects: {
    resource: 'HouseProject',
    own: OF_HOUSEHOLDS,
    anchors: ['household_id'],
    // One open project per household, one project per progress entry: a copy is handed over, unlinked.
    fresh: () => ({ ...newId(), stage: 'HANDED_OVER', progress_entry_id: null }),
  },
  house_project_fundings: {
    resource: 'HouseProjectFunding',
    own: 'project_id IN (SELECT p.id FROM house_projects p WHERE p.household_id = ANY (my.households))',
    anchors: ['project_id'],
    // A disbursement or a donation funds one project only.
    fresh: () => ({ ...newId(), disbursement_id: null, donation_id: null }),
  },
  visits: { resource: 'Visit', own: OF_GROUPS, anchors: ['group_id'], fresh: newId },
  visit_participants: {
    resource: 'Visit',
    pk: ['visit_id', 'staff_member_id'],
    own: 'visit_id IN (SELECT v.id FROM visits v WHERE v.group_id = ANY (my.groups))',
    anchors: ['visit_id'],
    fresh: unusedFor('visit_participants', 'visit_id', 'staff_member_id', 'staff_members'),
  },
  support_plans: { resource: 'SupportPlan', own: OF_GROUPS, anchors: ['group_id'], fresh: newId },
  support_plan_steps: {
    resource: 'SupportPlanStep',
    own: 'support_plan_id IN (SELECT p.id FROM support_plans p WHERE p.group_id = ANY (my.groups))',
    anchors: ['support_plan_id'],
    fresh: newId,
  },
  half_year_reports: {
    resource: 'HalfYearReport',
    own: OF_GROUPS,
    anchors: ['group_id'],
    // The review date falls in the review's year (migration 1795994000000): none for the copy.
    fresh: () => ({ ...newId(), year: 2100, review_date: null }),
  },
  staff_members: {
    resource: 'StaffMember',
    own: 'id = ANY (my.staff) OR organization_id = my.org',
    // The people of other bodies sitting in an agency's groups are read, not edited, by its officers.
    ownWrite: 'organization_id = my.org',
    anchors: ['organization_id'],
    fresh: newId,
  },
  staff_assignments: {
    resource: 'StaffAssignment',
    own: 'staff_member_id = ANY (my.staff)',
    ownWrite:
      'staff_member_id IN (SELECT s.id FROM staff_members s WHERE s.organization_id = my.org)',
    anchors: ['staff_member_id'],
    fresh: () => ({ ...newId(), ...LONG_AGO }),
  },
  funds: {
    resource: 'Fund',
    own: 'organization_id = my.org',
    anchors: ['organization_id'],
    fresh: () => ({ ...newId(), plan_id: extraPlanId }),
  },
  contribution_rates: {
    resource: 'ContributionRate',
    own: OF_FUNDS,
    anchors: ['fund_id'],
    fresh: () => ({ ...newId(), ...LONG_AGO }),
  },
  contributions: {
    resource: 'Contribution',
    own: OF_FUNDS,
    anchors: ['fund_id'],
    fresh: () => ({ ...newId(), reverses_id: null }),
    appendOnly: true,
  },
  donations: {
    resource: 'Donation',
    own: OF_FUNDS,
    anchors: ['fund_id'],
    fresh: () => ({ ...newId(), reverses_id: null }),
    appendOnly: true,
  },
  disbursements: {
    resource: 'Disbursement',
    own: OF_FUNDS,
    anchors: ['fund_id'],
    fresh: () => ({ ...newId(), reverses_id: null }),
  },
  disbursement_households: {
    resource: 'Disbursement',
    pk: ['disbursement_id', 'household_id'],
    own: OF_DISBURSEMENTS,
    anchors: ['disbursement_id'],
    fresh: unusedFor('disbursement_households', 'disbursement_id', 'household_id', 'households'),
  },
  disbursement_members: {
    resource: 'Disbursement',
    pk: ['disbursement_id', 'household_member_id'],
    own: OF_DISBURSEMENTS,
    anchors: ['disbursement_id'],
    fresh: unusedFor(
      'disbursement_members',
      'disbursement_id',
      'household_member_id',
      'household_members',
    ),
  },
  // A commune's yearly assessment of a criterion: read by all but viewers, written by the officers
  // of an agency whose partnership helps the commune.
  criterion_assessments: {
    resource: 'CriterionAssessment',
    own: `commune_id IN (SELECT p.commune_id FROM partnerships p
       JOIN partnership_sponsors ps ON ps.partnership_id = p.id WHERE ps.organization_id = my.org)`,
    anchors: ['commune_id'],
    fresh: () => ({ ...newId(), year: 2100 }),
  },
  // The logs are written by the database (audit trigger) and the server (each user's own reads).
  audit_log: {
    resource: 'AuditEntry',
    own: 'false',
    anchors: [],
    fresh: () => ({ id: 9_000_000_000 + Math.floor(Math.random() * 1e6) }),
  },
  access_log: {
    resource: 'AccessLogEntry',
    own: 'false',
    anchors: [],
    // An entry in somebody else's name: the app may append only its user's own reads.
    fresh: () => ({ id: 9_000_000_000 + Math.floor(Math.random() * 1e6), user_id: randomUUID() }),
  },
  // Accounts: administrators read and change them all.
  users: {
    resource: 'User',
    own: 'id = my.account',
    anchors: [],
    fresh: () => ({ ...newId(), username: `rls_copy_${randomUUID().slice(0, 8)}` }),
    // EXCEPTION to the statement (User is ADMIN-only there, and stays so for the API's User
    // resource): every signed-in user reads their own account, which is what the `me` query
    // answers with. Nothing more: no other account, no change to their own.
    grant: (user, statement) => (user.role && user.role !== 'ADMIN' ? { read: 'own' } : statement),
  },
};

/**
 * Tables under row-level security whose rules are not a resource's grant of the policy statement:
 * checked by tests of their own below.
 */
const SIGN_IN_TABLES: Record<string, string> = {
  sessions:
    'administrators read and end every session; a user reads and ends their own; opened only by the sign-in',
  login_throttles: 'read and written only by the sign-in; administrators read them and lift locks',
};

/**
 * Tables that hold personal data or money must be behind the wall: named here, and found by their
 * columns so a new table of that kind cannot slip by.
 */
/** Tables the database keeps from others (summaries): read as their source is, never written by the app. */
const DERIVED_TABLES: Record<string, string> = {
  household_poverty_outcomes:
    'read as the households they describe are; written only by the triggers on poverty_reviews',
  fund_daily_moves: 'read as the fund’s entries are; written only by the triggers on the ledgers',
  fund_totals: 'read as the fund’s entries are; written only by the triggers on fund_daily_moves',
  fund_dues_segments:
    'read as the fund’s entries are; written only by the triggers on titles, rates and funds',
  fund_dues_paid: 'read as the fund’s entries are; written only by the triggers on contributions',
  fund_monthly_income:
    'read as the fund’s entries are; written only by the triggers on the ledgers',
  fund_monthly_spending:
    'read as the fund’s entries are; written only by the triggers on disbursements',
  support_group_last_visits:
    'read as the visits it summarises are; written only by the triggers on visits',
  ...Object.fromEntries(
    VILLAGE_FIGURE_TABLES.map((table) => [
      table,
      'figures of every household: read by those who read every household (and aggregates); written only by triggers',
    ]),
  ),
  ...Object.fromEntries(
    AGENCY_FIGURE_TABLES.map((table) => [
      table,
      "figures of an agency's own households: read by those who read every household and by the agency's officers; written only by triggers",
    ]),
  ),
};

/** History the app appends and never changes: checked by a test of its own below. */
const APPEND_ONLY_TABLES: Record<string, string> = {
  import_batches:
    "administrators and analysts read every batch, an officer their agency's; administrators and officers append their own; no one changes one",
};

const MUST_HAVE_RLS = [
  ...Object.keys(TABLES),
  ...Object.keys(SIGN_IN_TABLES),
  ...Object.keys(DERIVED_TABLES),
  ...Object.keys(APPEND_ONLY_TABLES),
];
const SENSITIVE_COLUMNS = [
  'full_name',
  'head_name',
  'citizen_id',
  'legacy_id_number',
  'address',
  'circumstances',
  'findings',
  'donor_name',
  'amount',
  'monthly_amount',
  'unit_amount',
  'password_hash',
  'token_hash',
];

// ---------------------------------------------------------------------------------------------------
// Users, their settings and their scope.

type UserKey = 'admin' | 'officerA' | 'officerB' | 'memberA' | 'analyst' | 'viewer' | 'nobody';

interface User {
  key: UserKey;
  /** Null: a connection as the app role with no request settings at all. */
  role: Role | null;
  id: string | null;
  organizationId: string | null;
  staffMemberId: string | null;
}

interface Scope {
  /** The user's own account (null without settings). */
  user: string | null;
  org: string | null;
  groups: string[];
  households: string[];
  staff: string[];
}

const USER_KEYS: UserKey[] = [
  'admin',
  'officerA',
  'officerB',
  'memberA',
  'analyst',
  'viewer',
  'nobody',
];
const users = {} as Record<UserKey, User>;
const scopes = {} as Record<UserKey, Scope>;

const NO_SCOPE: Omit<Scope, 'user'> = { org: null, groups: [], households: [], staff: [] };

/** The user's own scope, computed on the owner's connection from the data, not from the policies. */
async function scopeOf(user: User): Promise<Scope> {
  const ids = async (sql: string, params: unknown[]) =>
    ((await app.db.query(sql, params)) as { id: string }[]).map((r) => r.id).sort();
  let groups: string[];
  let org: string | null = null;
  if (user.role === 'AGENCY_OFFICER') {
    org = user.organizationId;
    groups = await ids(`SELECT id FROM support_groups WHERE organization_id = $1`, [org]);
  } else if (user.role === 'GROUP_MEMBER') {
    groups = await ids(
      `SELECT id FROM support_groups WHERE leader_id = $1
        UNION SELECT support_group_id FROM support_group_members WHERE staff_member_id = $1`,
      [user.staffMemberId],
    );
  } else return { ...NO_SCOPE, user: user.id };
  const households = await ids(
    `SELECT household_id AS id FROM support_group_households WHERE support_group_id = ANY ($1::uuid[])
      UNION SELECT id FROM households WHERE organization_id = $2`,
    [groups, org],
  );
  const staff = await ids(
    `SELECT staff_member_id AS id FROM support_group_members WHERE support_group_id = ANY ($1::uuid[])
      UNION SELECT leader_id FROM support_groups WHERE id = ANY ($1::uuid[]) AND leader_id IS NOT NULL
      UNION SELECT id FROM staff_members WHERE organization_id = $2`,
    [groups, org],
  );
  return { user: user.id, org, groups, households, staff };
}

function grantOf(user: User, table: string): Grant {
  if (!user.role) return {};
  const statement = EXPECTED_ACCESS[user.role][TABLES[table]!.resource] ?? {};
  return TABLES[table]!.grant?.(user, statement) ?? statement;
}

// ---------------------------------------------------------------------------------------------------
// Talking to PostgreSQL as the app role, and as the owner.

/**
 * Runs `work` in one transaction as the app role with the settings the server would set for the
 * user (none at all for `nobody`), then rolls back, or commits when `commit(result)` says so.
 */
async function asApp<T>(
  user: User,
  work: (runner: QueryRunner) => Promise<T>,
  commit: (result: T) => boolean = () => false,
): Promise<T> {
  const runner = app.appDb.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    if (user.role)
      await runner.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
                set_config('app.organization_id', $3, true), set_config('app.staff_member_id', $4, true),
                set_config('app.purpose', '', true)`,
        [
          user.id,
          user.role,
          user.role === 'AGENCY_OFFICER' ? user.organizationId : '',
          user.role === 'GROUP_MEMBER' ? user.staffMemberId : '',
        ],
      );
    const result = await work(runner);
    if (commit(result)) await runner.commitTransaction();
    return result;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** One statement in a savepoint: "error <code>: <message>" or "<n> row(s)". */
async function attempt(runner: QueryRunner, sql: string, params: unknown[]): Promise<string> {
  await runner.query('SAVEPOINT attempt');
  try {
    const result = await runner.query(sql, params, true);
    await runner.query('RELEASE SAVEPOINT attempt');
    return `${result.affected ?? 0} row(s)`;
  } catch (error) {
    await runner.query('ROLLBACK TO SAVEPOINT attempt');
    const cause = (error as { driverError?: { code?: string; message?: string } }).driverError;
    return `error ${cause?.code}: ${cause?.message}`;
  }
}

/** The wall refused: a privilege or policy error (42501), or (update, delete) no row touched. */
const REFUSED = 'refused';
const judged = (outcome: string, zeroRowsCount = true) =>
  outcome.startsWith('error 42501') || (zeroRowsCount && outcome === '0 row(s)')
    ? REFUSED
    : outcome;

const pkOf = (table: string) => TABLES[table]!.pk ?? ['id'];
const keyOf = (table: string, row: Row) =>
  pkOf(table)
    .map((c) => String(row[c]))
    .join('/');
/** A row's name in SQL: its key columns as text joined by '/', as `keyOf` names it. */
const KEY = (table: string) => `concat_ws('/', ${pkOf(table).join(', ')})`;

const insertSql = (table: string) =>
  `INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`;
/** A harmless change to the rows named in $1: a new version, or (no version) a key set to itself. */
const updateSql = (table: string) => {
  const first = pkOf(table)[0]!;
  const set = table.endsWith('_log')
    ? 'id = id'
    : TABLES[table]!.pk
      ? `${first} = ${first}`
      : 'version = version + 1';
  return `UPDATE ${table} SET ${set} WHERE ${KEY(table)} = ANY ($1::text[])`;
};
const deleteSql = (table: string) => `DELETE FROM ${table} WHERE ${KEY(table)} = ANY ($1::text[])`;

const MY = `(SELECT $1::uuid AS org, $2::uuid[] AS groups, $3::uuid[] AS households, $4::uuid[] AS staff,
                   $5::uuid AS account) my`;
const myParams = (s: Scope) => [s.org, s.groups, s.households, s.staff, s.user];

interface OracleRow {
  key: string;
  row: Row;
  /** In the user's own read scope, and own write scope, by this file's SQL. */
  own: boolean;
  ownWrite: boolean;
}

/** Every row of the table, with whether it lies in the user's own read and write scopes. */
async function oracle(table: string, user: User): Promise<OracleRow[]> {
  const spec = TABLES[table]!;
  const rows = (await app.db.query(
    `SELECT to_jsonb(t) AS row, coalesce((${spec.own}), false) AS own,
            coalesce((${spec.ownWrite ?? spec.own}), false) AS own_write
       FROM ${table} t, ${MY}`,
    myParams(scopes[user.key]),
  )) as { row: Row; own: boolean; own_write: boolean }[];
  return rows
    .map((r) => ({ key: keyOf(table, r.row), row: r.row, own: r.own, ownWrite: r.own_write }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether a row (that may not exist) would lie in the user's own write scope. */
async function ownWrite(table: string, user: User, row: Row): Promise<boolean> {
  const spec = TABLES[table]!;
  const [{ ok }] = await app.db.query(
    `SELECT coalesce((${spec.ownWrite ?? spec.own}), false) AS ok
       FROM jsonb_populate_record(NULL::${table}, $6::jsonb) t, ${MY}`,
    [...myParams(scopes[user.key]), JSON.stringify(row)],
  );
  return ok as boolean;
}

// ---------------------------------------------------------------------------------------------------
// The data: the demo seed, plus rows for the empty tables and the edges of each scope.

const one = async (sql: string, params: unknown[] = []) =>
  ((await app.db.query(sql, params)) as Row[])[0] as Record<string, any>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The cookie token of a user's n-th session. */
const tokenOf = (key: UserKey, n: number) => `rls-wall-session-${key}-${n}`;
const SIGNED_IN = USER_KEYS.filter((key) => key !== 'nobody');
/** Sessions of officer B at the edges of being live, and one of a disabled account. */
const EDGE_TOKENS = {
  stale: 'rls-wall-session-stale',
  idle: 'rls-wall-session-idle',
  expired: 'rls-wall-session-expired',
  disabled: 'rls-wall-session-disabled',
};
const THROTTLE_KEYS = ['rls-wall-account', 'rls-wall-account@rls-wall-address', 'rls-wall-address'];

async function addUser(key: UserKey, role: Role, fields: Partial<User> = {}): Promise<User> {
  const row = await one(
    `INSERT INTO users (username, display_name, password_hash, role, organization_id, staff_member_id)
     VALUES ($1, $2, 'not-a-hash', $3, $4, $5) RETURNING id`,
    [
      `rls_${key.toLowerCase()}`,
      `Tường RLS ${key}`,
      role,
      fields.organizationId ?? null,
      fields.staffMemberId ?? null,
    ],
  );
  return {
    key,
    role,
    id: row.id,
    organizationId: fields.organizationId ?? null,
    staffMemberId: fields.staffMemberId ?? null,
  };
}

async function prepare() {
  // Agencies A and B as test/support/roles.ts picks them: the two with support groups.
  const orgs = (await app.db.query(
    `SELECT organization_id AS id FROM support_groups GROUP BY organization_id ORDER BY min(name) LIMIT 2`,
  )) as { id: string }[];
  const [a, b] = orgs.map((o) => o.id) as [string, string];
  const { id: memberStaff } = await one(
    `SELECT m.staff_member_id AS id FROM support_group_members m
       JOIN support_groups g ON g.id = m.support_group_id
      WHERE g.organization_id = $1 ORDER BY g.id, m.staff_member_id LIMIT 1`,
    [a],
  );
  const [admin] = await app.db.query(`SELECT id FROM users WHERE role = 'ADMIN' LIMIT 1`);
  users.admin = {
    key: 'admin',
    role: 'ADMIN',
    id: admin.id,
    organizationId: null,
    staffMemberId: null,
  };
  users.officerA = await addUser('officerA', 'AGENCY_OFFICER', { organizationId: a });
  users.officerB = await addUser('officerB', 'AGENCY_OFFICER', { organizationId: b });
  users.memberA = await addUser('memberA', 'GROUP_MEMBER', { staffMemberId: memberStaff });
  users.analyst = await addUser('analyst', 'ANALYST');
  users.viewer = await addUser('viewer', 'VIEWER');
  users.nobody = { key: 'nobody', role: null, id: null, organizationId: null, staffMemberId: null };

  const { id: memberGroup } = await one(
    `SELECT support_group_id AS id FROM support_group_members WHERE staff_member_id = $1
      ORDER BY 1 LIMIT 1`,
    [memberStaff],
  );
  const { id: otherGroupA } = await one(
    `SELECT id FROM support_groups WHERE organization_id = $1 AND id <> $2 ORDER BY id LIMIT 1`,
    [a, memberGroup],
  );
  const { id: groupB } = await one(
    `SELECT id FROM support_groups WHERE organization_id = $1 ORDER BY id LIMIT 1`,
    [b],
  );
  const { id: orgC } = await one(
    `SELECT id FROM organizations WHERE id NOT IN (SELECT organization_id FROM support_groups)
      ORDER BY name LIMIT 1`,
  );
  const { id: village } = await one(
    `SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY name LIMIT 1`,
  );

  // Households at the edges of the scopes, each with a member and its records.
  const household = async (head: string, org: string | null) => {
    const { id } = await one(
      `INSERT INTO households (village_id, head_name, organization_id) VALUES ($1, $2, $3) RETURNING id`,
      [village, head, org],
    );
    await app.db.query(
      `INSERT INTO household_members (household_id, full_name, relation) VALUES ($1, $2, 'HEAD')`,
      [id, head],
    );
    return id as string;
  };
  // Each agency's own, helped by no group: its officers reach it, no group member does.
  const onlyA = await household('Hộ Nguyễn Văn Riêng', a);
  const onlyB = await household('Hộ Đỗ Thị Riêng', b);
  // B's, helped by the member's group of A: both agencies' officers and the member reach it.
  const bHelpedByA = await household('Hộ Trần Thị Giúp', b);
  await app.db.query(
    `INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)`,
    [memberGroup, bHelpedByA],
  );
  const { id: houseCommitment } = await one(
    `SELECT id FROM commitments WHERE area = 'TEMPORARY_HOUSE_REMOVAL' ORDER BY id LIMIT 1`,
  );
  for (const id of [onlyA, onlyB, bHelpedByA]) {
    const { id: project } = await one(
      `INSERT INTO house_projects (title, household_id, commitment_id, estimated_cost, surveyed_date, surveyed_confirmed_by)
       VALUES ('Xóa nhà tạm', $1, $2, 40000000, '2025-01-10', 'Cán bộ xã') RETURNING id`,
      [id, houseCommitment],
    );
    await app.db.query(
      `INSERT INTO house_project_fundings (project_id, source, amount) VALUES ($1, 'HOUSEHOLD_OWN', 5000000)`,
      [project],
    );
    await app.db.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from) VALUES ($1, 'POOR', '2025-01-01')`,
      [id],
    );
    await app.db.query(
      `INSERT INTO poverty_reviews (household_id, year, standard, result) VALUES ($1, 2025, 'QĐ 59', 'POOR')`,
      [id],
    );
    await app.db.query(
      `INSERT INTO aspirations (household_id, content, recorded_date) VALUES ($1, 'Vay vốn', '2025-03-01')`,
      [id],
    );
  }
  // The member's group's own work (the demo data spreads its work over groups by their random ids).
  const { id: visit } = await one(
    `INSERT INTO visits (group_id, household_id, visit_date) VALUES ($1, $2, '2025-04-01') RETURNING id`,
    [memberGroup, bHelpedByA],
  );
  await app.db.query(`INSERT INTO visit_participants (visit_id, staff_member_id) VALUES ($1, $2)`, [
    visit,
    memberStaff,
  ]);
  const { id: supportPlan } = await one(
    `INSERT INTO support_plans (group_id, household_id, title) VALUES ($1, $2, 'Nuôi bò') RETURNING id`,
    [memberGroup, bHelpedByA],
  );
  await app.db.query(
    `INSERT INTO support_plan_steps (support_plan_id, description) VALUES ($1, 'Mua giống')`,
    [supportPlan],
  );
  // Nobody's yet: only administrators and analysts reach it.
  await household('Hộ Lê Văn Chưa Giao', null);

  // A commune cadre (another body) sitting in the member's group: read by A's officers, not edited.
  const { id: cadre } = await one(
    `INSERT INTO staff_members (full_name, organization_id) VALUES ('Phạm Văn Xã', $1) RETURNING id`,
    [orgC],
  );
  await app.db.query(
    `INSERT INTO support_group_members (support_group_id, staff_member_id) VALUES ($1, $2)`,
    [memberGroup, cadre],
  );
  await app.db.query(
    `INSERT INTO staff_assignments (staff_member_id, organization_id, title_rank, valid_from)
     VALUES ($1, $2, 'CIVIL_SERVANT', '2025-01-01')`,
    [cadre, orgC],
  );

  ({ id: extraPlanId } = await one(
    `INSERT INTO plans (code, title) VALUES ('RLS-WALL', 'Kế hoạch thử tường RLS') RETURNING id`,
  ));

  // A commune only agency B's partnership helps, with an assessment only B's officers may change.
  const { id: communeB } = await one(
    `INSERT INTO administrative_units (level, name, parent_id)
     SELECT 'COMMUNE', 'Xã tường RLS (mẫu)', parent_id FROM administrative_units
      WHERE level = 'COMMUNE' ORDER BY name LIMIT 1 RETURNING id`,
  );
  const { id: partnershipB } = await one(
    `INSERT INTO partnerships (name, plan_id, commune_id) VALUES ('Giúp xã tường RLS', $1, $2) RETURNING id`,
    [extraPlanId, communeB],
  );
  await app.db.query(
    `INSERT INTO partnership_sponsors (partnership_id, organization_id) VALUES ($1, $2)`,
    [partnershipB, b],
  );
  await app.db.query(
    `INSERT INTO criterion_assessments (commune_id, criterion_id, year, met, assessed_on)
     SELECT $1, id, 2015, true, '2015-12-31' FROM criteria ORDER BY id LIMIT 1`,
    [communeB],
  );
  // And one of a commune no partnership helps: only administrators may change it.
  await app.db.query(
    `WITH c AS (INSERT INTO administrative_units (level, name, parent_id)
                SELECT 'COMMUNE', 'Xã chưa được giúp (mẫu)', parent_id FROM administrative_units
                 WHERE id = $1 RETURNING id)
     INSERT INTO criterion_assessments (commune_id, criterion_id, year, met, assessed_on)
     SELECT c.id, cr.id, 2015, false, '2015-12-31' FROM c, (SELECT id FROM criteria ORDER BY id LIMIT 1) cr`,
    [communeB],
  );

  // The demo data has no contributions, donations, beneficiaries or reports: each agency gets some.
  for (const [org, beneficiary] of [
    [a, onlyA],
    [b, onlyB],
  ] as const) {
    const { id: fund } = await one(`SELECT id FROM funds WHERE organization_id = $1`, [org]);
    const { id: staff } = await one(
      `SELECT id FROM staff_members WHERE organization_id = $1 ORDER BY id LIMIT 1`,
      [org],
    );
    await app.db.query(
      `INSERT INTO contributions (fund_id, amount, staff_member_id, month, paid_date)
       VALUES ($1, 50000, $2, '2025-01-01', '2025-01-15')`,
      [fund, staff],
    );
    await app.db.query(
      `INSERT INTO donations (fund_id, amount, donor_kind, donor_name, form, received_date)
       VALUES ($1, 2000000, 'INDIVIDUAL', 'Nhà hảo tâm', 'CASH', '2025-02-01')`,
      [fund],
    );
    const { id: disbursement } = await one(
      `INSERT INTO disbursements (fund_id, amount, status, purpose, description, quantity, unit_amount)
       VALUES ($1, 300000, 'PLANNED', 'MEDICINE', 'Thuốc men', 1, 300000) RETURNING id`,
      [fund],
    );
    await app.db.query(
      `INSERT INTO disbursement_households (disbursement_id, household_id) VALUES ($1, $2)`,
      [disbursement, beneficiary],
    );
    await app.db.query(
      `INSERT INTO disbursement_members (disbursement_id, household_member_id)
       SELECT $1, id FROM household_members WHERE household_id = $2`,
      [disbursement, beneficiary],
    );
  }
  for (const group of [memberGroup, otherGroupA, groupB])
    await app.db.query(
      `INSERT INTO half_year_reports (group_id, year, half) VALUES ($1, 2025, 1)`,
      [group],
    );
  for (const user of [users.admin, users.officerA, users.memberA])
    await app.db.query(
      `INSERT INTO access_log (user_id, username, role, action, resource, record_ids, household_ids)
       VALUES ($1, 'rls', $2, 'READ', 'Household', '{}', '{}')`,
      [user.id, user.role],
    );

  // Two live sessions of each signed-in user; officer B's also at the edges of being live, and a
  // disabled account's. The table keeps only the tokens' SHA-256, as the server does.
  for (const key of SIGNED_IN)
    for (const n of [1, 2])
      await app.db.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
        [sha256(tokenOf(key, n)), users[key].id],
      );
  const { id: disabled } = await one(
    `INSERT INTO users (username, display_name, password_hash, role, disabled)
     VALUES ('rls_disabled', 'Tường RLS disabled', 'not-a-hash', 'VIEWER', true) RETURNING id`,
  );
  for (const [token, userId, lastSeen, expires] of [
    [
      EDGE_TOKENS.stale,
      users.officerB.id,
      `now() - interval '10 minutes'`,
      `now() + interval '1 day'`,
    ],
    [EDGE_TOKENS.idle, users.officerB.id, `now() - interval '5 hours'`, `now() + interval '1 day'`],
    [EDGE_TOKENS.expired, users.officerB.id, 'now()', `now() - interval '1 second'`],
    [EDGE_TOKENS.disabled, disabled, 'now()', `now() + interval '1 day'`],
  ] as const)
    await app.db.query(
      `INSERT INTO sessions (token_hash, user_id, last_seen_at, expires_at)
       VALUES ($1, $2, ${lastSeen}, ${expires})`,
      [sha256(token), userId],
    );
  // Sign-in counts under a username, a username at an address, and an address.
  for (const key of THROTTLE_KEYS)
    await app.db.query(`INSERT INTO login_throttles (key, failures) VALUES ($1, 3)`, [key]);

  for (const key of USER_KEYS) scopes[key] = await scopeOf(users[key]);
}

beforeAll(async () => {
  app = await startTestApp();
  await prepare();
});
afterAll(() => app?.close());

// ---------------------------------------------------------------------------------------------------

describe('which tables are behind the wall', () => {
  it('the tables under row-level security are exactly the ones this file tests', async () => {
    const rows = (await app.db.query(
      `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
          AND relrowsecurity ORDER BY relname`,
    )) as { relname: string }[];
    expect(rows.map((r) => r.relname)).toEqual([...MUST_HAVE_RLS].sort());
  });

  it('every table holding personal data or money has row-level security, forced on the scoped ones', async () => {
    const flags = (await app.db.query(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                         AND NOT a.attisdropped AND a.attname = ANY ($1)) AS sensitive
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`,
      [SENSITIVE_COLUMNS],
    )) as {
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policies: number;
      sensitive: boolean;
    }[];
    const unguarded = flags
      .filter((f) => (f.sensitive || MUST_HAVE_RLS.includes(f.relname)) && !f.relrowsecurity)
      .map((f) => f.relname);
    expect(unguarded).toEqual([]);
    for (const f of flags.filter((f) => MUST_HAVE_RLS.includes(f.relname))) {
      expect(f.policies, `${f.relname} has policies`).toBeGreaterThan(0);
      if (!f.relname.endsWith('_log')) expect(f.relforcerowsecurity, f.relname).toBe(true);
    }
  });

  it('every scoped table has rows in and out of each scoped user’s reach, so the checks bite', async () => {
    const thin: string[] = [];
    for (const table of Object.keys(TABLES)) {
      for (const key of ['officerA', 'officerB', 'memberA'] as const) {
        const rows = await oracle(table, users[key]);
        if (rows.length === 0) thin.push(`${table}: empty`);
        if (grantOf(users[key], table).read !== 'own') continue;
        const own = rows.filter((r) => r.own).length;
        if (own === 0 || own === rows.length)
          thin.push(`${table}/${key}: ${own} of ${rows.length}`);
      }
    }
    expect(thin).toEqual([]);
  });
});

describe.each(USER_KEYS)('as %s, raw SQL as the app role', (key) => {
  const tables = Object.keys(TABLES);

  it.each(tables)(
    'SELECT on %s returns exactly the rows the policy statement grants',
    async (table) => {
      const user = users[key];
      const reach = grantOf(user, table).read;
      const rows = await oracle(table, user);
      const expected = rows
        .filter((r) => reach === 'all' || (reach === 'own' && r.own))
        .map((r) => r.key);
      const pk = pkOf(table);
      const seen = await asApp(user, async (runner) =>
        (
          (await runner.query(`SELECT concat_ws('/', ${pk.join(', ')}) AS key FROM ${table}`)) as {
            key: string;
          }[]
        ).map((r) => r.key),
      );
      expect(seen.sort()).toEqual(expected);
      if (reach === 'all') expect(seen.length).toBe(rows.length);
      if (!reach) expect(seen).toEqual([]);
    },
  );

  it.each(tables)('writes to %s stay inside the statement’s write scope', async (table) => {
    const user = users[key];
    const spec = TABLES[table]!;
    const { read, write } = grantOf(user, table);
    const rows = await oracle(table, user);
    const readable = (r: OracleRow) => read === 'all' || (read === 'own' && r.own);
    const writable = (r: OracleRow) => write === 'all' || (write === 'own' && r.ownWrite);
    const inside = rows.filter(writable);
    const outside = rows.filter((r) => !writable(r));
    if (write !== 'all') expect(outside.length, 'rows outside the write scope').toBeGreaterThan(0);
    if (write) expect(inside.length, 'rows inside the write scope').toBeGreaterThan(0);

    // Outside the scope: an UPDATE and a DELETE aimed at every such row, and INSERTs of copies of
    // a sample of them, are all refused. Committed as a request would be, when nothing changed.
    const copies: Row[] = [];
    for (const sample of insertSamples(table, outside, readable))
      copies.push({ ...sample.row, ...(await spec.fresh(sample.row, user)) });
    if (write === 'own')
      for (const copy of copies)
        expect(await ownWrite(table, user, copy), 'the copy lies outside the scope').toBe(false);
    const outcomes = await asApp(
      user,
      async (runner) => {
        const seen: Record<string, string> = {};
        if (outside.length) {
          const each = `${outside.length} rows outside`;
          seen[`UPDATE ${each}`] = await refusedForEach(runner, updateSql(table), outside, table);
          seen[`DELETE ${each}`] = await refusedForEach(runner, deleteSql(table), outside, table);
        }
        for (const copy of copies)
          seen[`INSERT ${keyOf(table, copy)}`] = judged(
            await attempt(runner, insertSql(table), [JSON.stringify(copy)]),
            false,
          );
        return seen;
      },
      (seen) => Object.values(seen).every((o) => o === REFUSED),
    );
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((k) => [k, REFUSED])));
    const after = new Map((await oracle(table, user)).map((r) => [r.key, r.row]));
    const changed = outside.filter((r) => !isDeepStrictEqual(after.get(r.key), r.row));
    expect(
      changed.map((r) => r.key),
      'rows outside changed per the owner',
    ).toEqual([]);
    expect(
      copies.map((c) => keyOf(table, c)).filter((k) => after.has(k)),
      'copies inserted',
    ).toEqual([]);
    if (!write) return;

    // Inside the scope (rolled back): every row can be changed, a new one added and removed again;
    // moving a row out of the scope is refused.
    let copy: Row | undefined;
    for (const source of inside.slice(0, 12)) {
      const candidate = { ...source.row, ...(await spec.fresh(source.row, user)) };
      if (write === 'all' || (await ownWrite(table, user, candidate))) {
        copy = candidate;
        break;
      }
    }
    expect(copy, 'a new row inside the write scope').toBeDefined();
    const move = write === 'own' ? await findMove(table, user, inside, outside) : undefined;
    if (write === 'own') expect(move, 'a way to move a row out of the scope').toBeDefined();
    const done = await asApp(user, async (runner) => {
      const seen: Record<string, string> = {};
      seen.update = await attempt(runner, updateSql(table), [inside.map((r) => r.key)]);
      seen.insert = await attempt(runner, insertSql(table), [JSON.stringify(copy)]);
      seen.delete = await attempt(runner, deleteSql(table), [[keyOf(table, copy!)]]);
      if (move)
        seen.move = judged(
          await attempt(
            runner,
            `UPDATE ${table} SET ${move.column} = $2 WHERE ${KEY(table)} = ANY ($1::text[])`,
            [[move.row.key], move.value],
          ),
          false,
        );
      return seen;
    });
    expect({
      ...done,
      update: spec.appendOnly ? judged(done.update) : done.update,
      delete: spec.appendOnly ? judged(done.delete) : done.delete,
    }).toEqual({
      update: spec.appendOnly ? REFUSED : `${inside.length} row(s)`,
      insert: '1 row(s)',
      delete: spec.appendOnly ? REFUSED : '1 row(s)',
      ...(move ? { move: REFUSED } : {}),
    });
  });
});

/**
 * Runs `sql` (taking `$1`, the keys) against all `rows` at once and says whether the wall refused
 * it. A policy error stops the whole statement, which could hide a row that alone would pass: then
 * each row is tried on its own.
 */
async function refusedForEach(
  runner: QueryRunner,
  sql: string,
  rows: OracleRow[],
  table: string,
): Promise<string> {
  const all = await attempt(runner, sql, [rows.map((r) => r.key)]);
  if (!all.includes('row-level security')) return judged(all);
  for (const row of rows) {
    const one = judged(await attempt(runner, sql, [[row.key]]));
    if (one !== REFUSED) return `${table} ${row.key}: ${one}`;
  }
  return REFUSED;
}

/**
 * Rows to copy for INSERT attempts: one the user reads but may not change (the likeliest slip), one
 * they cannot see, and one for each other value of the columns that place a row in a scope.
 */
function insertSamples(table: string, outside: OracleRow[], readable: (r: OracleRow) => boolean) {
  const picked = new Map<string, OracleRow>();
  const pick = (r: OracleRow | undefined) => r && picked.set(r.key, r);
  pick(outside.find(readable));
  pick(outside.find((r) => !readable(r)));
  for (const column of TABLES[table]!.anchors) {
    const values = new Set<string>();
    for (const r of outside) {
      const value = JSON.stringify(r.row[column] ?? null);
      if (!values.has(value)) pick(r);
      values.add(value);
    }
  }
  return [...picked.values()].slice(0, 8);
}

/** A row inside the write scope and an anchor value that would put it outside (per the oracle). */
async function findMove(table: string, user: User, inside: OracleRow[], outside: OracleRow[]) {
  for (const column of TABLES[table]!.anchors) {
    const values = [...new Set(outside.map((r) => r.row[column]))].filter((v) => v != null);
    for (const row of inside.slice(0, 12))
      for (const value of values.slice(0, 12))
        if (!(await ownWrite(table, user, { ...row.row, [column]: value })))
          return { row, column, value };
  }
  return undefined;
}

describe('the access log', () => {
  it.each(USER_KEYS)(
    'as %s, appending an entry of one’s own reads is allowed only with a user',
    async (key) => {
      const user = users[key];
      const outcome = await asApp(user, (runner) =>
        attempt(
          runner,
          `INSERT INTO access_log (user_id, username, role, action, resource, record_ids, household_ids)
         VALUES (coalesce(nullif(current_setting('app.user_id', true), '')::uuid, $1), 'rls', 'X', 'READ', 'Household', '{}', '{}')`,
          [randomUUID()],
        ),
      );
      expect(judged(outcome, false)).toBe(user.role ? '1 row(s)' : REFUSED);
    },
  );
});

describe('aggregates (app.purpose = aggregate, as asAggregate sets it) still sum every row', () => {
  const SUMMED = [
    'households',
    'funds',
    'contribution_rates',
    'contributions',
    'donations',
    'disbursements',
  ];

  it.each(USER_KEYS)('as %s', async (key) => {
    const user = users[key];
    const totals: Record<string, number> = {};
    for (const table of SUMMED)
      totals[table] = (await one(`SELECT count(*)::int AS n FROM ${table}`)).n;
    const counted = await asApp(user, async (runner) => {
      await runner.query(`SELECT set_config('app.purpose', 'aggregate', true)`);
      const seen: Record<string, number> = {};
      for (const table of SUMMED)
        seen[table] = (await runner.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
      return seen;
    });
    // Without a role the purpose opens nothing.
    expect(counted).toEqual(
      user.role ? totals : Object.fromEntries(SUMMED.map((table) => [table, 0])),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Sessions, sign-in counts and the functions of the sign-in (migration accounts-behind-the-wall).
//
// NOTE: an UPDATE or DELETE that reads no column of the table (no WHERE on it, nothing read in SET)
// is judged by the write policies alone, the SELECT policy does not narrow it: such "blind"
// statements are tried too, so a write policy wider than the read policy cannot hide behind it.

const keysOf = async (query: Promise<{ key: string }[]>) => (await query).map((r) => r.key).sort();
const ownerKeys = (sql: string, params: unknown[] = []) =>
  keysOf(app.db.query(sql, params) as Promise<{ key: string }[]>);
const appKeys = (runner: QueryRunner, sql: string, params: unknown[] = []) =>
  keysOf(runner.query(sql, params) as Promise<{ key: string }[]>);
const signingIn = (runner: QueryRunner) =>
  runner.query(`SELECT set_config('app.purpose', 'sign-in', true)`);

describe('sessions: administrators reach every one, anyone else their own', () => {
  const sessions = async (user: User) => {
    const all = await ownerKeys('SELECT token_hash AS key FROM sessions');
    const own = await ownerKeys('SELECT token_hash AS key FROM sessions WHERE user_id = $1', [
      user.id,
    ]);
    return { all, own, others: all.filter((key) => !own.includes(key)) };
  };

  it.each(USER_KEYS)(
    'as %s, SELECT returns every session to an administrator, else one’s own',
    async (key) => {
      const user = users[key];
      const { all, own } = await sessions(user);
      if (user.role) expect(own.length, 'sessions of one’s own').toBeGreaterThan(0);
      expect(all.length).toBeGreaterThan(own.length);
      const seen = await asApp(user, (runner) =>
        appKeys(runner, 'SELECT token_hash AS key FROM sessions'),
      );
      expect(seen).toEqual(user.role === 'ADMIN' ? all : user.role ? own : []);
    },
  );

  it.each(USER_KEYS)(
    'as %s, ending others’ sessions is refused (administrators excepted), one’s own allowed',
    async (key) => {
      const user = users[key];
      const { own, others } = await sessions(user);
      const outcomes = await asApp(user, async (runner) => ({
        others: judged(
          await attempt(runner, 'DELETE FROM sessions WHERE token_hash = ANY ($1::text[])', [
            others,
          ]),
        ),
        own: judged(
          await attempt(runner, 'DELETE FROM sessions WHERE token_hash = ANY ($1::text[])', [own]),
        ),
      }));
      const blind = await asApp(user, async (runner) =>
        judged(await attempt(runner, 'DELETE FROM sessions', [])),
      );
      expect({ ...outcomes, blind }).toEqual({
        others: user.role === 'ADMIN' ? `${others.length} row(s)` : REFUSED,
        own: user.role ? `${own.length} row(s)` : REFUSED,
        blind:
          user.role === 'ADMIN'
            ? `${others.length + own.length} row(s)`
            : user.role
              ? `${own.length} row(s)`
              : REFUSED,
      });
      expect((await sessions(user)).all).toEqual([...own, ...others].sort());
    },
  );

  it.each(USER_KEYS)(
    'as %s, no session is changed, not even one’s own (only app_session_account touches one)',
    async (key) => {
      const outcomes = await asApp(users[key], async (runner) => {
        await signingIn(runner);
        return {
          blind: judged(await attempt(runner, `UPDATE sessions SET last_seen_at = now()`, [])),
          reading: judged(
            await attempt(
              runner,
              `UPDATE sessions SET expires_at = expires_at + interval '1 year' WHERE user_id = $1`,
              [users[key].id],
            ),
          ),
        };
      });
      expect(outcomes).toEqual({ blind: REFUSED, reading: REFUSED });
    },
  );

  it.each(USER_KEYS)(
    'as %s, a session is opened only during the sign-in, and only for the user the settings name',
    async (key) => {
      const user = users[key];
      const someoneElse = key === 'viewer' ? users.analyst : users.viewer;
      const open = (runner: QueryRunner, userId: string | null) =>
        attempt(
          runner,
          `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
          [sha256(randomUUID()), userId ?? someoneElse.id],
        );
      const outcomes = await asApp(user, async (runner) => {
        const outside = judged(await open(runner, user.id), false);
        await signingIn(runner);
        return {
          outside,
          own: judged(await open(runner, user.id), false),
          someoneElse: judged(await open(runner, someoneElse.id), false),
        };
      });
      expect(outcomes).toEqual({
        outside: REFUSED,
        own: user.role ? '1 row(s)' : REFUSED,
        someoneElse: REFUSED,
      });
    },
  );
});

describe('poverty outcomes: read as the households are, written by no one but the database', () => {
  beforeAll(async () => {
    // The demo's households were all poor in 2014; they escape in 2015 (some are out of each
    // scoped user's reach: other agencies' households).
    await app.db.query(
      `INSERT INTO poverty_reviews (household_id, year, standard, result)
       SELECT household_id, 2015, 'Chuẩn nghèo giai đoạn 2011–2015', 'NOT_POOR' FROM poverty_reviews
        WHERE year = 2014 AND result = 'POOR'
       ON CONFLICT DO NOTHING`,
    );
  });

  it.each(USER_KEYS)('as %s', async (key) => {
    const user = users[key];
    const all = await ownerKeys('SELECT household_id AS key FROM household_poverty_outcomes');
    expect(all.length).toBeGreaterThan(0);
    const reach = grantOf(user, 'households').read;
    const households = await oracle('households', user);
    const visible = new Set(
      households.filter((h) => reach === 'all' || (reach === 'own' && h.own)).map((h) => h.key),
    );
    const expected = all.filter((id) => visible.has(id));
    if (reach === 'own')
      expect(expected.length, 'some in and some out of reach').toBeGreaterThan(0);
    const outcomes = await asApp(user, async (runner) => ({
      read: await appKeys(runner, 'SELECT household_id AS key FROM household_poverty_outcomes'),
      insert: judged(
        await attempt(
          runner,
          `INSERT INTO household_poverty_outcomes (household_id, escaped_year, sustainably)
           SELECT id, 2015, true FROM households LIMIT 1`,
          [],
        ),
        false,
      ),
      update: judged(
        await attempt(
          runner,
          'UPDATE household_poverty_outcomes SET sustainably = NOT sustainably',
          [],
        ),
      ),
      delete: judged(await attempt(runner, 'DELETE FROM household_poverty_outcomes', [])),
    }));
    expect(outcomes).toEqual({ read: expected, insert: REFUSED, update: REFUSED, delete: REFUSED });
    expect(await ownerKeys('SELECT household_id AS key FROM household_poverty_outcomes')).toEqual(
      all,
    );
  });
});

describe('groups’ last visits: read as the visits are, written by no one but the database', () => {
  it.each(USER_KEYS)('as %s', async (key) => {
    const user = users[key];
    const all = await ownerKeys('SELECT group_id AS key FROM support_group_last_visits');
    expect(all.length).toBeGreaterThan(0);
    const reach = grantOf(user, 'visits').read;
    const visits = await oracle('visits', user);
    const visible = new Set(
      visits
        .filter((v) => reach === 'all' || (reach === 'own' && v.own))
        .map((v) => (v.row as { group_id: string }).group_id),
    );
    const expected = all.filter((id) => visible.has(id));
    if (reach === 'own')
      expect(expected.length, 'some in and some out of reach').toBeGreaterThan(0);
    const kept = await asApp(user, async (runner) => ({
      read: await appKeys(runner, 'SELECT group_id AS key FROM support_group_last_visits'),
      insert: judged(
        await attempt(
          runner,
          `INSERT INTO support_group_last_visits (group_id, last_visit_date)
           SELECT id, '2030-01-01' FROM support_groups LIMIT 1`,
          [],
        ),
        false,
      ),
      update: judged(
        await attempt(
          runner,
          `UPDATE support_group_last_visits SET last_visit_date = '2030-01-01'`,
          [],
        ),
      ),
      delete: judged(await attempt(runner, 'DELETE FROM support_group_last_visits', [])),
    }));
    expect(kept).toEqual({ read: expected, insert: REFUSED, update: REFUSED, delete: REFUSED });
    expect(await ownerKeys('SELECT group_id AS key FROM support_group_last_visits')).toEqual(all);
  });
});

/**
 * What a user gets doing everything to a table only triggers write: its rows read (`keys`, one
 * `key` column), a copy of a row inserted, every row changed (`change`) and deleted.
 */
const triggerKeptAttempts = (user: User, table: string, change: string, keys: string) =>
  asApp(user, async (runner) => ({
    read: await appKeys(runner, keys),
    insert: judged(
      await attempt(runner, `INSERT INTO ${table} SELECT * FROM ${table} LIMIT 1`, []),
      false,
    ),
    update: judged(await attempt(runner, `UPDATE ${table} SET ${change}`, [])),
    delete: judged(await attempt(runner, `DELETE FROM ${table}`, [])),
  }));

describe('figures kept by village: read by those who read every household, written by no one but the database', () => {
  /** A change to every row of each table. */
  const CHANGE: Record<string, string> = {
    village_household_figures: 'households = households + 1',
    village_category_moves: 'delta = delta + 1',
    village_aspiration_days: 'count = count + 1',
    aspiration_daily_counts: 'count = count + 1',
    poverty_outcome_totals: 'escaped = escaped + 1',
    support_group_villages: 'group_id = group_id',
  };
  /** A row's name: its columns as text (these tables have no id). */
  const named = (table: string) => `SELECT ${table}::text AS key FROM ${table}`;
  it.each(USER_KEYS)('as %s', async (key) => {
    const user = users[key];
    const readsAll = user.role === 'ADMIN' || user.role === 'ANALYST';
    for (const table of VILLAGE_FIGURE_TABLES) {
      const all = await ownerKeys(named(table));
      expect(all.length, table).toBeGreaterThan(0);
      const seen = await triggerKeptAttempts(user, table, CHANGE[table]!, named(table));
      expect(seen, `${key} ${table}`).toEqual({
        read: readsAll ? all : [],
        insert: REFUSED,
        update: REFUSED,
        delete: REFUSED,
      });
      expect(await ownerKeys(named(table)), table).toEqual(all);
    }
  });
});

describe("figures kept by agency: read by those who read every household and by the agency's officers, written by no one but the database", () => {
  /** A change to every row of each table. */
  const CHANGE: Record<string, string> = {
    organization_household_figures: 'households = households + 1',
    organization_category_moves: 'delta = delta + 1',
  };
  /** Each row's agency and the row as text (these tables have no id). */
  const named = (table: string) =>
    `SELECT organization_id::text AS org, ${table}::text AS key FROM ${table}`;
  it.each(USER_KEYS)('as %s', async (key) => {
    const user = users[key];
    const readsAll = user.role === 'ADMIN' || user.role === 'ANALYST';
    for (const table of AGENCY_FIGURE_TABLES) {
      const all = (await app.db.query(`${named(table)} ORDER BY 2`)) as {
        org: string;
        key: string;
      }[];
      // Both agencies of the fixture have rows: an officer's own are not all there is.
      for (const officer of [users.officerA, users.officerB])
        expect(
          all.some((row) => row.org === officer.organizationId),
          `${table} ${officer.key}`,
        ).toBe(true);
      const seen = await triggerKeptAttempts(
        user,
        table,
        CHANGE[table]!,
        `SELECT key FROM (${named(table)}) t`,
      );
      expect(seen, `${key} ${table}`).toEqual({
        read: all
          .filter(
            (row) =>
              readsAll || (user.role === 'AGENCY_OFFICER' && row.org === user.organizationId),
          )
          .map((row) => row.key)
          .sort(),
        insert: REFUSED,
        update: REFUSED,
        delete: REFUSED,
      });
      expect(await ownerKeys(`SELECT key FROM (${named(table)}) t`), table).toEqual(
        all.map((row) => row.key).sort(),
      );
    }
  });
});

describe("import batches: every batch for administrators and analysts, the agency's for an officer, changed by no one", () => {
  const NO_ONE = '00000000-0000-0000-0000-000000000000';
  let batches: { key: string; org: string | null }[];
  beforeAll(async () => {
    const admin = users.admin.id!;
    batches = (await app.db.query(
      `INSERT INTO import_batches (kind, file_digest, file_name, organization_id, row_count,
                                   households_created, members_created, category_periods_created, created_by_id)
       VALUES ('households', 'a', 'a.xlsx', $1, 1, 1, 0, 0, $4), ('households', 'b', 'b.xlsx', $2, 1, 1, 0, 0, $4),
              ('households', 'c', 'c.xlsx', $3, 1, 1, 0, 0, $4)
       RETURNING id AS key, organization_id AS org`,
      [users.officerA.organizationId, users.officerB.organizationId, null, admin],
    )) as { key: string; org: string | null }[];
  });

  it.each(USER_KEYS)('as %s', async (key) => {
    const user = users[key];
    const all = await ownerKeys('SELECT id AS key FROM import_batches');
    // The rule in words: administrators and analysts read all; an officer their agency's.
    const expectedRead =
      user.role === 'ADMIN' || user.role === 'ANALYST'
        ? all
        : user.role === 'AGENCY_OFFICER'
          ? batches
              .filter((b) => b.org === user.organizationId)
              .map((b) => b.key)
              .sort()
          : [];
    const otherOrg =
      user.organizationId === users.officerA.organizationId
        ? users.officerB.organizationId
        : users.officerA.organizationId;
    const insert = (org: string | null) =>
      `INSERT INTO import_batches (kind, file_digest, file_name, organization_id, row_count,
                                   households_created, members_created, category_periods_created, created_by_id)
       VALUES ('households', md5(random()::text), 'x.xlsx', ${org ? `'${org}'` : 'NULL'}, 1, 1, 0, 0, $1)`;
    const outcome = await asApp(user, async (runner) => ({
      read: await appKeys(runner, 'SELECT id AS key FROM import_batches'),
      own: judged(await attempt(runner, insert(user.organizationId), [user.id ?? NO_ONE]), false),
      otherAgency: judged(await attempt(runner, insert(otherOrg), [user.id ?? NO_ONE]), false),
      asSomeoneElse: judged(
        await attempt(runner, insert(user.organizationId), [users.analyst.id]),
        false,
      ),
      update: judged(
        await attempt(runner, 'UPDATE import_batches SET row_count = row_count + 1', []),
      ),
      delete: judged(await attempt(runner, 'DELETE FROM import_batches', [])),
    }));
    const appends = user.role === 'ADMIN' || user.role === 'AGENCY_OFFICER';
    expect(outcome).toEqual({
      read: expectedRead,
      own: appends ? '1 row(s)' : REFUSED,
      otherAgency: user.role === 'ADMIN' ? '1 row(s)' : REFUSED,
      asSomeoneElse: REFUSED,
      update: REFUSED,
      delete: REFUSED,
    });
    expect(await ownerKeys('SELECT id AS key FROM import_batches')).toEqual(all);
  });
});

/** The fund summaries the database keeps: a key for each row and a write the app must not make. */
const FUND_SUMMARY_KEYS: Record<string, { key: string; insert: string; update: string }> = {
  fund_daily_moves: {
    key: `fund_id || ' ' || day`,
    insert: `INSERT INTO fund_daily_moves (fund_id, day, delta) SELECT id, '1999-01-01', 1 FROM funds LIMIT 1`,
    update: 'UPDATE fund_daily_moves SET delta = delta + 1',
  },
  fund_totals: {
    key: 'fund_id::text',
    insert: `INSERT INTO fund_totals (fund_id, total) SELECT id, 1 FROM funds LIMIT 1`,
    update: 'UPDATE fund_totals SET total = total + 1',
  },
  fund_dues_segments: {
    key: `fund_id || ' ' || staff_member_id || ' ' || from_month`,
    insert: `INSERT INTO fund_dues_segments (fund_id, staff_member_id, from_month, title_rank, monthly_amount)
             SELECT f.id, s.id, '1999-01-01', 'DIRECTOR', 1 FROM funds f, staff_members s LIMIT 1`,
    update: 'UPDATE fund_dues_segments SET monthly_amount = monthly_amount + 1',
  },
  fund_dues_paid: {
    key: `fund_id || ' ' || month || ' ' || staff_member_id`,
    insert: `INSERT INTO fund_dues_paid (fund_id, month, staff_member_id, paid)
             SELECT f.id, '1999-01-01', s.id, 1 FROM funds f, staff_members s LIMIT 1`,
    update: 'UPDATE fund_dues_paid SET paid = paid + 1',
  },
  fund_monthly_income: {
    key: `fund_id || ' ' || month`,
    insert: `INSERT INTO fund_monthly_income (fund_id, month, amount) SELECT id, '1999-01-01', 1 FROM funds LIMIT 1`,
    update: 'UPDATE fund_monthly_income SET amount = amount + 1',
  },
  fund_monthly_spending: {
    key: `fund_id || ' ' || month || ' ' || purpose`,
    insert: `INSERT INTO fund_monthly_spending (fund_id, month, purpose, amount) SELECT id, '1999-01-01', 'OTHER', 1 FROM funds LIMIT 1`,
    update: 'UPDATE fund_monthly_spending SET amount = amount + 1',
  },
};

describe.each(Object.entries(FUND_SUMMARY_KEYS))(
  '%s: read as the fund’s entries are, written by no one but the database',
  (table, { key: keyOf, insert, update }) => {
    beforeAll(async () => {
      // Some rows of every summary in both agencies' funds (the demo may spend in one only).
      if (table === 'fund_monthly_spending')
        await app.db.query(
          `INSERT INTO disbursements (fund_id, amount, status, purpose, description, quantity, unit_amount, disbursed_date)
           SELECT id, 1000, 'POSTED', 'OTHER', 'Chi đối soát (mẫu)', 1, 1000, '2024-01-05' FROM funds f
            WHERE NOT EXISTS (SELECT 1 FROM fund_monthly_spending s WHERE s.fund_id = f.id)`,
        );
    });
    it.each(USER_KEYS)('as %s', async (key) => {
      const user = users[key];
      const all = (await app.db.query(
        `SELECT ${keyOf.replace(/\b(fund_id|day|month|staff_member_id|from_month|purpose)\b/g, 'm.$1')} AS key,
                f.organization_id AS org
           FROM ${table} m JOIN funds f ON f.id = m.fund_id ORDER BY 1`,
      )) as { key: string; org: string }[];
      expect(all.length).toBeGreaterThan(0);
      const reach = grantOf(user, 'contributions').read;
      const expected = all
        .filter((m) => reach === 'all' || (reach === 'own' && m.org === user.organizationId))
        .map((m) => m.key);
      if (reach === 'own') {
        expect(expected.length, 'some in reach').toBeGreaterThan(0);
        expect(expected.length, 'some out of reach').toBeLessThan(all.length);
      }
      const outcomes = await asApp(user, async (runner) => ({
        read: await appKeys(runner, `SELECT ${keyOf} AS key FROM ${table} ORDER BY 1`),
        insert: judged(await attempt(runner, insert, []), false),
        update: judged(await attempt(runner, update, [])),
        delete: judged(await attempt(runner, `DELETE FROM ${table}`, [])),
      }));
      expect(outcomes).toEqual({
        read: expected,
        insert: REFUSED,
        update: REFUSED,
        delete: REFUSED,
      });
    });
  },
);

describe('sign-in counts: the sign-in alone uses them; administrators read them and lift locks', () => {
  const statements = async (runner: QueryRunner) => ({
    read: await appKeys(runner, 'SELECT key FROM login_throttles'),
    insert: judged(
      await attempt(runner, `INSERT INTO login_throttles (key) VALUES ($1)`, [randomUUID()]),
      false,
    ),
    update: judged(await attempt(runner, 'UPDATE login_throttles SET locked_until = NULL', [])),
    delete: judged(await attempt(runner, 'DELETE FROM login_throttles', [])),
  });

  it.each(USER_KEYS)(
    'as %s, without the sign-in purpose nobody but an administrator sees a row, who may only read and delete',
    async (key) => {
      const user = users[key];
      const all = await ownerKeys('SELECT key FROM login_throttles');
      expect(all.length).toBeGreaterThanOrEqual(THROTTLE_KEYS.length);
      const outcomes = await asApp(user, async (runner) => {
        // Aggregates read every row of the scoped tables; not these.
        await runner.query(`SELECT set_config('app.purpose', 'aggregate', true)`);
        const aggregate = await appKeys(runner, 'SELECT key FROM login_throttles');
        await runner.query(`SELECT set_config('app.purpose', '', true)`);
        return { none: await statements(runner), aggregate };
      });
      expect(outcomes).toEqual({
        none:
          user.role === 'ADMIN'
            ? { read: all, insert: REFUSED, update: REFUSED, delete: `${all.length} row(s)` }
            : { read: [], insert: REFUSED, update: REFUSED, delete: REFUSED },
        aggregate: user.role === 'ADMIN' ? all : [],
      });
      expect(await ownerKeys('SELECT key FROM login_throttles')).toEqual(all);
    },
  );

  it.each(USER_KEYS)(
    'as %s, during the sign-in every statement the login runs goes through',
    async (key) => {
      const all = await ownerKeys('SELECT key FROM login_throttles');
      const outcomes = await asApp(users[key], async (runner) => {
        await signingIn(runner);
        return statements(runner);
      });
      expect(outcomes).toEqual({
        read: all,
        insert: '1 row(s)',
        update: `${all.length + 1} row(s)`,
        delete: `${all.length + 1} row(s)`,
      });
    },
  );
});

describe('the sign-in’s SECURITY DEFINER functions answer only what they are asked', () => {
  const FUNCTIONS = ['app_sign_in_account', 'app_session_account', 'app_signed_in'];

  it('run as the owner with a fixed search_path, callable by the app role and not by PUBLIC', async () => {
    const rows = (await app.db.query(
      `SELECT p.proname, p.prosecdef, p.proconfig,
              has_function_privilege('plan68_app', p.oid, 'EXECUTE') AS app,
              EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public
         FROM pg_proc p WHERE p.proname = ANY ($1) ORDER BY p.proname`,
      [FUNCTIONS],
    )) as Row[];
    expect(rows).toEqual(
      [...FUNCTIONS].sort().map((proname) => ({
        proname,
        prosecdef: true,
        proconfig: ['search_path=public, pg_temp'],
        app: true,
        public: false,
      })),
    );
  });

  it.each(USER_KEYS)(
    'as %s, app_sign_in_account finds one account by its exact name, during the sign-in only',
    async (key) => {
      const target = users.memberA;
      const outcomes = await asApp(users[key], async (runner) => {
        const find = async (name: string) =>
          (await runner.query('SELECT id, role FROM app_sign_in_account($1)', [name])) as Row[];
        const outside = await find('rls_membera');
        await signingIn(runner);
        return {
          outside,
          known: await find('rls_membera'),
          unknown: await find('rls_nobody_here'),
          pattern: await find('rls_%'),
          upperCase: await find('RLS_MEMBERA'),
          empty: await find(''),
        };
      });
      expect(outcomes).toEqual({
        outside: [],
        known: [{ id: target.id, role: 'GROUP_MEMBER' }],
        unknown: [],
        pattern: [],
        upperCase: [],
        empty: [],
      });
    },
  );

  it('app_session_account answers for a live session only, and touches it at most once a minute', async () => {
    // As the session lookup runs: the app role, no settings, no transaction of its own.
    const lookUp = async (token: string) =>
      (await app.appDb.query(`SELECT id, role FROM app_session_account($1, interval '4 hours')`, [
        sha256(token),
      ])) as Row[];
    const lastSeen = async (token: string) =>
      (
        (await app.db.query(
          `SELECT extract(epoch FROM now() - last_seen_at)::int AS age FROM sessions WHERE token_hash = $1`,
          [sha256(token)],
        )) as { age: number }[]
      )[0]!.age;
    const officerB = [{ id: users.officerB.id, role: 'AGENCY_OFFICER' }];
    expect(await lookUp('rls-wall-no-such-session')).toEqual([]);
    expect(await lookUp(EDGE_TOKENS.idle)).toEqual([]);
    expect(await lookUp(EDGE_TOKENS.expired)).toEqual([]);
    expect(await lookUp(EDGE_TOKENS.disabled)).toEqual([]);
    // What the table stores is no token: a lookup by it (hashed once more) finds nothing.
    expect(await lookUp(sha256(tokenOf('officerB', 1)))).toEqual([]);

    expect(await lastSeen(EDGE_TOKENS.stale)).toBeGreaterThanOrEqual(599);
    expect(await lookUp(EDGE_TOKENS.stale)).toEqual(officerB);
    expect(await lastSeen(EDGE_TOKENS.stale)).toBeLessThan(5);
    await app.db.query(
      `UPDATE sessions SET last_seen_at = now() - interval '30 seconds' WHERE token_hash = $1`,
      [sha256(tokenOf('officerB', 1))],
    );
    expect(await lookUp(tokenOf('officerB', 1))).toEqual(officerB);
    expect(await lastSeen(tokenOf('officerB', 1))).toBeGreaterThanOrEqual(29);
    // Idle and expired sessions stay as they were.
    expect(await lastSeen(EDGE_TOKENS.idle)).toBeGreaterThanOrEqual(5 * 3600 - 1);
  });

  it.each(USER_KEYS)(
    'as %s, app_signed_in records a sign-in of the user the settings name, during the sign-in only',
    async (key) => {
      const user = users[key];
      const marker = `rls-wall-hash-${key}`;
      const outcomes = await asApp(user, async (runner) => {
        const record = async () =>
          ((await runner.query('SELECT app_signed_in($1) AS recorded', [marker])) as Row[])[0]!
            .recorded;
        const outside = await record();
        await signingIn(runner);
        const during = await record();
        // Which accounts now carry the marker, seen as an administrator in the same transaction.
        await runner.query(`SELECT set_config('app.role', 'ADMIN', true)`);
        const changed = await appKeys(
          runner,
          'SELECT id::text AS key FROM users WHERE password_hash = $1',
          [marker],
        );
        return { outside, during, changed };
      });
      expect(outcomes).toEqual({
        outside: false,
        during: user.role !== null,
        changed: user.role ? [user.id] : [],
      });
    },
  );
});

describe('accounts: no purpose and no blind statement widens them', () => {
  it.each(USER_KEYS)(
    'as %s, an UPDATE or DELETE reading no column changes no account, but for an administrator',
    async (key) => {
      const user = users[key];
      const [{ n: total }] = await app.db.query(`SELECT count(*)::int AS n FROM users`);
      const outcomes = await asApp(user, async (runner) => ({
        update: judged(await attempt(runner, `UPDATE users SET disabled = false`, [])),
        // An administrator's would fail on the accounts other records name (and is not tried).
        ...(user.role === 'ADMIN'
          ? {}
          : { delete: judged(await attempt(runner, `DELETE FROM users`, [])) }),
      }));
      expect(outcomes).toEqual(
        user.role === 'ADMIN'
          ? { update: `${total} row(s)` }
          : { update: REFUSED, delete: REFUSED },
      );
    },
  );

  it.each(USER_KEYS)(
    'as %s, with the sign-in or the aggregate purpose one still reads one’s own account alone',
    async (key) => {
      const user = users[key];
      const all = await ownerKeys('SELECT id::text AS key FROM users');
      const seen = await asApp(user, async (runner) => {
        const outcome: Record<string, string[]> = {};
        for (const purpose of ['sign-in', 'aggregate']) {
          await runner.query(`SELECT set_config('app.purpose', $1, true)`, [purpose]);
          outcome[purpose] = await appKeys(runner, 'SELECT id::text AS key FROM users');
        }
        return outcome;
      });
      const expected = user.role === 'ADMIN' ? all : user.role ? [user.id!] : [];
      expect(seen).toEqual({ 'sign-in': expected, aggregate: expected });
    },
  );
});
