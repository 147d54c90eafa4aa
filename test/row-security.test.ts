/**
 * Row-level security is the second wall (SECURITY.md B.15): the app connects as a role that neither
 * owns the tables nor bypasses RLS, and the policies read the request's transaction-local settings,
 * failing closed when they are unset. These tests talk to PostgreSQL as that role directly, then
 * hammer the real server on a two-connection pool to show settings never leak between requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

const APP_ROLE = 'plan68_app';

let app: TestApp;
let roles: RoleFixture;

type Settings = Partial<Record<'role' | 'organization_id' | 'staff_member_id' | 'purpose', string>>;

/**
 * Runs queries as the app role inside one transaction with the given transaction-local settings
 * (as the server does per request), then rolls back.
 */
async function asApp<T>(
  settings: Settings,
  work: (query: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<T>,
): Promise<T> {
  const runner = app.appDb.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    for (const [key, value] of Object.entries(settings))
      await runner.query(`SELECT set_config($1, $2, true)`, [`app.${key}`, value]);
    return await work((sql, params) => runner.query(sql, params));
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

const idsOf = async (query: (sql: string) => Promise<any[]>, table: string) =>
  ((await query(`SELECT id FROM ${table} ORDER BY id`)) as { id: string }[]).map((r) => r.id);

const ownerIds = async (sql: string, params: unknown[] = []) =>
  ((await app.db.query(sql, params)) as { id: string }[]).map((r) => r.id).sort();

const countOf = async (query: (sql: string) => Promise<any[]>, table: string) =>
  Number((await query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

beforeAll(async () => {
  // Two connections for the whole server: every request reuses a connection another agency just had.
  app = await startTestApp({ poolSize: 2 });
  roles = await signInRoles(app);
  // The demo data has no contributions; one posted by a script gives the ledger a row to hide.
  const [staff] = await app.db.query(`SELECT id FROM staff_members WHERE organization_id = $1`, [
    roles.agencyA.organizationId,
  ]);
  await app.db.query(
    `INSERT INTO contributions (fund_id, amount, staff_member_id, month, paid_date)
     VALUES ($1, 50000, $2, '2025-01-01', '2025-01-15')`,
    [roles.agencyA.fundId, staff.id],
  );
});
afterAll(() => app?.close());

describe('the app role', () => {
  it('is neither a superuser nor exempt from row-level security', async () => {
    const rows = await app.db.query(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const [{ user }] = await app.appDb.query(`SELECT session_user AS user`);
    expect(user).toBe(APP_ROLE);
  });

  it('owns none of the tables, and the protected tables force RLS on their owner too', async () => {
    const owned = await app.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
    const tables = [
      'households',
      'household_members',
      'funds',
      'contributions',
      'donations',
      'disbursements',
      'visits',
      'staff_members',
    ];
    const flags = (await app.db.query(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
        WHERE relname = ANY ($1) AND relkind = 'r' ORDER BY relname`,
      [tables],
    )) as { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[];
    expect(flags.map((f) => f.relname)).toEqual([...tables].sort());
    for (const f of flags)
      expect(f, f.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });
});

describe('without the request settings the wall fails closed', () => {
  const TABLES = [
    'households',
    'household_members',
    'funds',
    'contributions',
    'visits',
    'staff_members',
  ];

  it.each(TABLES)('a raw query on %s sees no rows, though the table has some', async (table) => {
    const [{ n: total }] = await app.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(total, `rows in ${table} as the owner`).toBeGreaterThan(0);
    const [{ n }] = await app.appDb.query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(n).toBe(0);
  });

  it('a raw insert of a household is refused by the policy', async () => {
    const [village] = await app.db.query(
      `SELECT id FROM administrative_units WHERE level = 'VILLAGE' LIMIT 1`,
    );
    const before = await app.db.query(`SELECT count(*)::int AS n FROM households`);
    await expect(
      app.appDb.query(
        `INSERT INTO households (village_id, head_name, organization_id) VALUES ($1, 'Hộ chèn thẳng', $2)`,
        [village.id, roles.agencyA.organizationId],
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await app.db.query(`SELECT count(*)::int AS n FROM households`)).toEqual(before);
  });

  it('a role name alone, without the agency, still shows an officer nothing', async () => {
    await asApp({ role: 'AGENCY_OFFICER' }, async (query) => {
      expect(await countOf(query, 'households')).toBe(0);
      expect(await countOf(query, 'funds')).toBe(0);
      expect(await countOf(query, 'staff_members')).toBe(0);
    });
  });
});

describe('with the request settings each role sees its own rows', () => {
  it("an officer of A sees exactly A's households and fund, and B's officer exactly B's", async () => {
    for (const [mine, theirs] of [
      [roles.agencyA, roles.agencyB],
      [roles.agencyB, roles.agencyA],
    ] as const) {
      await asApp(
        { role: 'AGENCY_OFFICER', organization_id: mine.organizationId },
        async (query) => {
          const households = await idsOf(query, 'households');
          expect(households).toEqual([...mine.householdIds].sort());
          expect(households.filter((id) => theirs.householdIds.includes(id))).toEqual([]);
          expect(await idsOf(query, 'funds')).toEqual([mine.fundId]);
          const staff = await idsOf(query, 'staff_members');
          expect(staff).toEqual([...mine.staffIds].sort());
          // Child tables follow their household: members only of the agency's households.
          const members = (await query(
            `SELECT DISTINCT household_id AS id FROM household_members`,
          )) as {
            id: string;
          }[];
          for (const m of members) expect(mine.householdIds).toContain(m.id);
        },
      );
    }
  });

  it('a group member sees only the households of the groups they sit in or lead', async () => {
    const staffId = roles.agencyA.groupMemberStaffId;
    const expected = await ownerIds(
      `SELECT DISTINCT sgh.household_id AS id FROM support_group_households sgh
        JOIN support_groups g ON g.id = sgh.support_group_id
       WHERE g.leader_id = $1
          OR g.id IN (SELECT support_group_id FROM support_group_members WHERE staff_member_id = $1)`,
      [staffId],
    );
    expect(expected.length).toBeGreaterThan(0);
    const [{ n: total }] = await app.db.query(`SELECT count(*)::int AS n FROM households`);
    expect(expected.length).toBeLessThan(total);
    await asApp({ role: 'GROUP_MEMBER', staff_member_id: staffId }, async (query) => {
      expect(await idsOf(query, 'households')).toEqual(expected);
      // Money is not group work: a group member sees no fund.
      expect(await countOf(query, 'funds')).toBe(0);
    });
  });

  it('a viewer sees no household, but the aggregate purpose lets counts through', async () => {
    const [{ n: total }] = await app.db.query(`SELECT count(*)::int AS n FROM households`);
    await asApp({ role: 'VIEWER' }, async (query) => {
      expect(await countOf(query, 'households')).toBe(0);
      expect(await countOf(query, 'household_members')).toBe(0);
      await query(`SELECT set_config('app.purpose', 'aggregate', true)`);
      expect(await countOf(query, 'households')).toBe(total);
      await query(`SELECT set_config('app.purpose', '', true)`);
      expect(await countOf(query, 'households')).toBe(0);
    });
  });

  it('the aggregate purpose without a role still shows nothing', async () => {
    await asApp({ purpose: 'aggregate' }, async (query) => {
      expect(await countOf(query, 'households')).toBe(0);
    });
  });
});

const LISTS = `{
  allHouseholds(perPage: 100) { id organizationId }
  allFunds(perPage: 100) { id organizationId }
  allStaffMembers(perPage: 100) { id organizationId }
}`;

interface Lists {
  allHouseholds: { id: string; organizationId: string | null }[];
  allFunds: { id: string; organizationId: string }[];
  allStaffMembers: { id: string; organizationId: string }[];
}

describe('requests sharing a two-connection pool', () => {
  it('1,000 interleaved requests of two agencies never see the other agency’s rows', async () => {
    const { agencyA, agencyB, cookies } = roles;
    const agencyIds = (agency: typeof agencyA) =>
      new Set([...agency.householdIds, ...agency.staffIds, agency.fundId!, agency.organizationId]);
    const idsA = agencyIds(agencyA);
    const idsB = agencyIds(agencyB);
    const TOTAL = 1000;
    const CONCURRENCY = 20;
    const failures: string[] = [];
    const leaks: string[] = [];
    let next = 0;
    let ok = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++;
        const asA = n % 2 === 0;
        const response = await app.graphql<Lists>(
          LISTS,
          {},
          {
            cookie: asA ? cookies.officerA : cookies.officerB,
          },
        );
        if (response.body.errors?.length || !response.body.data) {
          failures.push(`${n}: ${JSON.stringify(response.body.errors).slice(0, 300)}`);
          continue;
        }
        const data = response.body.data;
        const own = asA ? agencyA : agencyB;
        const other = asA ? idsB : idsA;
        const seen = [
          ...data.allHouseholds.map((r) => r.id),
          ...data.allFunds.map((r) => r.id),
          ...data.allStaffMembers.map((r) => r.id),
        ];
        const foreign = seen.filter((id) => other.has(id));
        if (foreign.length) leaks.push(`${n} (${asA ? 'A' : 'B'}): ${foreign.join(', ')}`);
        const households = data.allHouseholds.map((r) => r.id).sort();
        if (JSON.stringify(households) !== JSON.stringify([...own.householdIds].sort()))
          leaks.push(`${n}: households ${households.join(', ')}`);
        if (data.allFunds.some((f) => f.organizationId !== own.organizationId))
          leaks.push(`${n}: a fund of another agency`);
        if (data.allStaffMembers.some((s) => s.organizationId !== own.organizationId))
          leaks.push(`${n}: a staff member of another agency`);
        ok++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures).toEqual([]);
    expect(leaks).toEqual([]);
    expect(ok).toBe(TOTAL);
    expect(idsA.size).toBeGreaterThan(0);
    expect(idsB.size).toBeGreaterThan(0);
  }, 60_000);

  it('after a request, its settings do not linger on the pooled connections', async () => {
    const data = dataOf(await app.graphql<Lists>(LISTS, {}, { cookie: roles.cookies.admin }));
    expect(data.allHouseholds.length).toBeGreaterThan(0);
    // A request that fails midway (a bad id in a mutation) must not leave its settings behind either.
    const failed = await app.graphql(
      `mutation { updateHousehold(id: "00000000-0000-0000-0000-000000000000", notes: "x") { id } }`,
      {},
      { cookie: roles.cookies.officerA },
    );
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Hold both connections of the pool at once, so every connection a request used is checked.
    const runners = [app.appDb.createQueryRunner(), app.appDb.createQueryRunner()];
    await Promise.all(runners.map((r) => r.connect()));
    try {
      for (const runner of runners) {
        const [row] = await runner.query(
          `SELECT nullif(current_setting('app.user_id', true), '') AS user_id,
                  nullif(current_setting('app.role', true), '') AS role,
                  nullif(current_setting('app.organization_id', true), '') AS organization_id,
                  nullif(current_setting('app.staff_member_id', true), '') AS staff_member_id,
                  nullif(current_setting('app.purpose', true), '') AS purpose,
                  (SELECT count(*)::int FROM households) AS households,
                  (SELECT count(*)::int FROM funds) AS funds,
                  (SELECT count(*)::int FROM staff_members) AS staff,
                  (SELECT count(*)::int FROM audit_log) AS audit,
                  (SELECT count(*)::int FROM access_log) AS access`,
        );
        expect(row).toEqual({
          user_id: null,
          role: null,
          organization_id: null,
          staff_member_id: null,
          purpose: null,
          households: 0,
          funds: 0,
          staff: 0,
          audit: 0,
          access: 0,
        });
      }
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });
});
