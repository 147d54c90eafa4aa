/**
 * A guard on the shape of the hot queries' plans, at demo scale: the statements the admin's list
 * pages and dashboards send, as each role, must be answerable by index. With sequential scans
 * priced out (enable_seqscan = off) a "Seq Scan" on a big table means no index can serve it, and a
 * SubPlan that lists households without an index condition is the policy shape that became a
 * linear scan per row at 300,000 households. A change that loses an index or brings that policy
 * shape back fails here, long before anyone runs the nation-scale benchmark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/** Tables that hold hundreds of thousands to millions of rows at nation scale. */
const BIG = new Set([
  'households',
  'household_members',
  'household_category_periods',
  'poverty_reviews',
  'household_poverty_outcomes',
  'support_groups',
  'support_group_households',
  'support_group_members',
  'visits',
  'support_group_last_visits',
  'visit_participants',
  'aspirations',
  'contributions',
  'donations',
  'disbursements',
  'progress_entries',
  'staff_members',
  'staff_assignments',
  'fund_dues_segments',
  'fund_dues_paid',
  // Summaries kept per village (migration 1795999000000): tens of thousands of villages.
  'village_household_figures',
  'village_category_moves',
  'village_aspiration_days',
  'support_group_villages',
]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * What is wrong with a plan: a sequential scan of a big table (asked with sequential scans off), a
 * SubPlan that lists households instead of probing one (asked with the planner's own choice).
 */
function planProblems(plan: PlanNode, check: 'indexes' | 'policies'): string[] {
  const problems: string[] = [];
  const walk = (node: PlanNode, inSubPlan: boolean) => {
    const relation = node['Relation Name'];
    if (check === 'indexes' && relation && BIG.has(relation) && node['Node Type'] === 'Seq Scan')
      problems.push(`Seq Scan on ${relation}`);
    if (
      check === 'policies' &&
      inSubPlan &&
      relation === 'households' &&
      /Scan$/.test(node['Node Type']) &&
      !node['Index Cond']
    )
      problems.push(`SubPlan lists households (${node['Node Type']} without an index condition)`);
    for (const child of node.Plans ?? [])
      walk(child, inSubPlan || child['Parent Relationship'] === 'SubPlan');
  };
  walk(plan, false);
  return problems;
}

/** The lists and dashboards as the admin sends them (list + count on one request). */
const PAGES: Record<string, string> = {
  households: `{ items: allHouseholds(page: 0, perPage: 25, sortField: "headName", sortOrder: "ASC") {
      id headName address legalBasis village { id name parent { id name } } organization { id name }
      groups { id name organization { id name } } }
    total: _allHouseholdsMeta { count } }`,
  householdSearch: `{ items: allHouseholds(perPage: 25, filter: { q: "Nguyễn" }) { id headName }
    total: _allHouseholdsMeta(filter: { q: "Nguyễn" }) { count } }`,
  // The searches of the big tables as the search box sends them (a caller who reads every row
  // finds the ids by index; anyone else compares the text on the rows their scope reads).
  memberSearch: `{ items: allHouseholdMembers(perPage: 25, filter: { q: "Nguyễn" }) { id fullName }
    total: _allHouseholdMembersMeta(filter: { q: "Nguyễn" }) { count } }`,
  reviewSearch: `{ items: allPovertyReviews(perPage: 25, filter: { q: "nghèo" }) { id }
    total: _allPovertyReviewsMeta(filter: { q: "nghèo" }) { count } }`,
  visitSearch: `{ items: allVisits(perPage: 25, filter: { q: "thăm" }) { id }
    total: _allVisitsMeta(filter: { q: "thăm" }) { count } }`,
  contributionSearch: `{ items: allContributions(perPage: 25, filter: { q: "tháng" }) { id }
    total: _allContributionsMeta(filter: { q: "tháng" }) { count } }`,
  members: `{ items: allHouseholdMembers(perPage: 25, sortField: "fullName", sortOrder: "ASC") {
      id fullName household { id headName } } total: _allHouseholdMembersMeta { count } }`,
  povertyReviews: `{ items: allPovertyReviews(perPage: 25) { id year result household { id headName } }
    total: _allPovertyReviewsMeta { count } }`,
  categoryPeriods: `{ items: allHouseholdCategoryPeriods(perPage: 25) { id category household { id } }
    total: _allHouseholdCategoryPeriodsMeta { count } }`,
  visits: `{ items: allVisits(perPage: 25, sortField: "visitDate", sortOrder: "DESC") {
      id visitDate group { id name } household { id headName } } total: _allVisitsMeta { count } }`,
  aspirations: `{ items: allAspirations(perPage: 25) { id content household { id headName } }
    total: _allAspirationsMeta { count } }`,
  groups: `{ items: allSupportGroups(perPage: 25) { id name organization { id name } }
    total: _allSupportGroupsMeta { count } }`,
  contributions: `{ items: allContributions(perPage: 25) { id month amount staffMember { id fullName } }
    total: _allContributionsMeta { count } }`,
  progress: `{ items: allProgressEntries(perPage: 25, sortField: "entryDate", sortOrder: "DESC") {
      id entryDate commitment { id title } } total: _allProgressEntriesMeta { count } }`,
  householdOverview: `{ householdOverview { householdCount byCategory { category count }
      escapedCount escapedSustainablyCount groupsWithoutRecentVisitCount openAspirationCount
      groupsWithoutRecentVisit { id name } byCategoryOverYears { year category count } } }`,
  // By administrative unit, as it was and as today's unit (UNIT: a province with households).
  ...Object.fromEntries(
    (['AS_THEN', 'TODAY'] as const).map((mode) => [
      `householdOverview ${mode}`,
      `{ householdOverview(unitId: "UNIT", unitMode: ${mode}) { householdCount byCategory { category count }
          escapedCount escapedSustainablyCount groupsWithoutRecentVisitCount openAspirationCount
          groupsWithoutRecentVisit { id name } byCategoryOverYears { year category count } } }`,
    ]),
  ),
  // The fund dashboards (FUND_A: agency A's fund): dues, arrears, balance and flows read from the
  // summaries the database keeps, never the ledgers.
  fundList: `{ items: allFunds(perPage: 100, sortField: "name", sortOrder: "ASC") {
      id name balance organization { id } plan { id } } total: _allFundsMeta { count } }`,
  fundOverview: `{ fundOverview(fundId: "FUND_A", year: 2025) { expected collected compliancePercent
      arrears balance spendingByPurpose { purpose amount } monthly { month moneyIn moneyOut } } }`,
  fundArrears: `{ fundArrearsByPerson(fundId: "FUND_A", year: 2025) { staffMemberId months arrears } }`,
  fundDues: `{ fundDues(fundId: "FUND_A", fromMonth: "2025-01-01", toMonth: "2025-12-01") {
      staffMemberId month expected paid } }`,
};
/** The province of the demo's first household, set before the plans are asked. */
let unitId = '';

/** Pages for those who read funds and contributions (a group member does not). */
const LEDGER_PAGES = [
  'contributions',
  'contributionSearch',
  'progress',
  'fundList',
  'fundOverview',
  'fundArrears',
  'fundDues',
];

/**
 * Problems known and accepted for now, each with its reason (issue 12 tracks them). None at
 * present: an administrator's search, which row-level security kept off the trigram indexes,
 * finds its ids through them (migration 1796008000000).
 */
const KNOWN: Record<string, RegExp[]> = {};

let app: TestApp;
let roles: RoleFixture;
beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  // Enough households (another agency's) that listing them all costs more than probing one, as
  // at any real scale; the demo alone is small enough for any plan to be cheap.
  await app.db.query(
    `INSERT INTO households (village_id, head_name, organization_id)
     SELECT (SELECT village_id FROM households LIMIT 1), 'Hộ thêm ' || g, $1
       FROM generate_series(1, 20000) g`,
    [roles.agencyB.organizationId],
  );
  await app.db.query('ANALYZE');
  const [unit] = (await app.db.query(
    `WITH RECURSIVE up AS (
       SELECT id, parent_id FROM administrative_units
        WHERE id = (SELECT village_id FROM households ORDER BY id LIMIT 1)
       UNION ALL
       SELECT a.id, a.parent_id FROM administrative_units a JOIN up ON a.id = up.parent_id)
     SELECT id FROM up WHERE parent_id IS NULL`,
  )) as { id: string }[];
  unitId = unit!.id;
}, 60_000);
afterAll(() => app?.close());

/** The settings a request of `key` runs under (see common/context.ts). */
function settingsOf(key: 'admin' | 'officerA' | 'memberA'): string[] {
  const role = { admin: 'ADMIN', officerA: 'AGENCY_OFFICER', memberA: 'GROUP_MEMBER' }[key];
  return [
    roles.userIds[key],
    role,
    key === 'officerA' ? roles.agencyA.organizationId : '',
    key === 'memberA' ? roles.agencyA.groupMemberStaffId : '',
  ];
}

/**
 * Plans `sql` (parameters unbound) as the app role under `settings`. With sequential scans off, one
 * that remains means no index can serve the statement; with them on, the planner's own choice.
 */
async function planOf(
  runner: QueryRunner,
  settings: string[],
  sql: string,
  seqScans: 'on' | 'off',
): Promise<PlanNode> {
  await runner.query('SAVEPOINT plan');
  try {
    await runner.query('SET LOCAL ROLE plan68_app');
    await runner.query(`SET LOCAL enable_seqscan = ${seqScans}`);
    await runner.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
              set_config('app.organization_id', $3, true), set_config('app.staff_member_id', $4, true),
              set_config('app.purpose', '', true)`,
      settings,
    );
    const [row] = (await runner.query(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${sql}`)) as {
      'QUERY PLAN': { Plan: PlanNode }[];
    }[];
    return row!['QUERY PLAN'][0]!.Plan;
  } finally {
    await runner.query('ROLLBACK TO SAVEPOINT plan');
  }
}

/** The SELECT statements one page sends (not the session, settings or access-log bookkeeping). */
async function statementsOf(cookie: string, query: string): Promise<string[]> {
  app.queries.length = 0;
  const response = await app.graphql(query.replace('UNIT', unitId), {}, { cookie });
  expect(response.body.errors).toBeUndefined();
  return app.queries.filter(
    (sql) => /^\s*(SELECT|WITH)\b/i.test(sql) && !/set_config|app_session_account/.test(sql),
  );
}

async function problemsOf(key: 'admin' | 'officerA' | 'memberA', page: string) {
  const statements = await statementsOf(
    roles.cookies[key],
    PAGES[page]!.replaceAll('FUND_A', roles.agencyA.fundId!),
  );
  expect(statements.length).toBeGreaterThan(0);
  const runner = app.db.createQueryRunner();
  await runner.startTransaction();
  try {
    const problems: string[] = [];
    for (const sql of statements) {
      const found = [
        ...planProblems(await planOf(runner, settingsOf(key), sql, 'off'), 'indexes'),
        ...planProblems(await planOf(runner, settingsOf(key), sql, 'on'), 'policies'),
      ];
      for (const problem of found)
        problems.push(
          `${problem}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, process.env.PLAN_DEBUG ? 5000 : 240)}`,
        );
    }
    return problems;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

describe('the hot queries are answered by index, for every role that reads them', () => {
  const cases = Object.keys(PAGES).flatMap((page) =>
    (['admin', 'officerA', 'memberA'] as const)
      .filter((key) => !(key === 'memberA' && LEDGER_PAGES.includes(page)))
      .map((key) => ({ page, key })),
  );

  it.each(cases)('$page as $key', async ({ page, key }) => {
    const found = await problemsOf(key, page);
    if (process.env.PLAN_DEBUG) console.log(`### ${page} ${key}\n${found.join('\n')}`);
    const known = KNOWN[`${page} ${key}`] ?? [];
    expect(found.filter((problem) => !known.some((k) => k.test(problem)))).toEqual([]);
    // A known problem that is gone is removed from KNOWN: the list only shrinks.
    for (const k of known)
      expect(
        found.some((problem) => k.test(problem)),
        String(k),
      ).toBe(true);
  });
});

describe('the request’s opening finds the caller’s support groups by index', () => {
  // Every request of an officer or a group member starts with this statement (common/context.ts);
  // OR-ing a member's led groups with the groups they sit in scanned all 100,000 groups (15 ms).
  it.each(['officerA', 'memberA'] as const)('as %s', async (key) => {
    app.queries.length = 0;
    const response = await app.graphql(
      '{ houseProjectOverview { total } }',
      {},
      {
        cookie: roles.cookies[key],
      },
    );
    expect(response.body.errors).toBeUndefined();
    const opening = app.queries.find((sql) => /set_config\('app\.user_id'/.test(sql));
    expect(opening).toMatch(/support_group_members/);
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const plan = await planOf(runner, settingsOf(key), opening!, 'off');
      expect(planProblems(plan, 'indexes')).toEqual([]);
      // Nor a whole index walked instead of the table (no condition bounds it).
      const unbound: string[] = [];
      const walk = (node: PlanNode) => {
        if (/^support_group/.test(node['Relation Name'] ?? '') && !node['Index Cond'])
          unbound.push(`${node['Node Type']} on ${node['Relation Name']}`);
        node.Plans?.forEach(walk);
      };
      walk(plan);
      expect(unbound).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe("an officer's household dashboard reads the households' periods from an index alone", () => {
  // Its figures statement is prepared, and the generic plan went through the periods' GiST
  // exclusion index and then their heap (5.6 of 8.3 ms at 300,000 households). A btree on
  // household_id carrying the columns it reads answers it alone (migration 1796009000000).
  it('by the covering index, never the exclusion index', async () => {
    const statements = await statementsOf(roles.cookies.officerA, PAGES.householdOverview!);
    const figures = statements.find((sql) => /FROM household_category_periods c/.test(sql));
    expect(figures).toBeDefined();
    // As autovacuum keeps a table in use: the visibility map lets an index-only scan skip the heap.
    await app.db.query('VACUUM ANALYZE household_category_periods');
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const plan = await planOf(runner, settingsOf('officerA'), figures!, 'off');
      const reads: string[] = [];
      const walk = (node: PlanNode & { 'Index Name'?: string }) => {
        if (/household_category_periods/.test(node['Index Name'] ?? ''))
          reads.push(`${node['Node Type']} ${node['Index Name']}`);
        node.Plans?.forEach(walk);
      };
      walk(plan);
      expect(reads).toEqual(['Index Only Scan IDX_household_category_periods_household_moves']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe("an officer's ledger page as the menu opens it (no fund chosen)", () => {
  // At 2,000,000 contributions the page walked the whole ledger's date index and read every row to
  // drop other agencies' (18,313 buffers for 25 rows). The agency's funds must be tested in the
  // index the page is read from in order (migration 1796004000000, scopes.fund).
  it('reads the contributions in the list order by an index that tests the fund', async () => {
    const statements = await statementsOf(
      roles.cookies.officerA,
      '{ allContributions(perPage: 25, sortField: "paidDate", sortOrder: "DESC") { id } }',
    );
    const list = statements.find((sql) => /FROM "contributions"[\s\S]*ORDER BY/.test(sql));
    expect(list).toBeDefined();
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const plan = await planOf(runner, settingsOf('officerA'), list!, 'off');
      const scans: PlanNode[] = [];
      const sorts: string[] = [];
      const walk = (node: PlanNode) => {
        if (node['Relation Name'] === 'contributions') scans.push(node);
        if (/Sort/.test(node['Node Type'])) sorts.push(node['Node Type']);
        node.Plans?.forEach(walk);
      };
      walk(plan);
      expect(scans.map((scan) => scan['Index Cond'] ?? '')).toEqual([
        expect.stringMatching(/fund_id = ANY/),
      ]);
      expect(sorts, 'read in order, not sorted').toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('the unit pickers every unit-placed list opens with', () => {
  // At 90,000 units the picker's first page sorted the whole table in Vietnamese order (37 ms)
  // and counted it (4 ms) on every list page opened (migration 1796007000000).
  const PICKERS = {
    'every unit':
      '{ items: allAdministrativeUnits(perPage: 25, sortField: "name", sortOrder: "ASC") { id name } total: _allAdministrativeUnitsMeta { count } }',
    communes:
      '{ items: allAdministrativeUnits(perPage: 25, sortField: "name", sortOrder: "ASC", filter: { level: COMMUNE }) { id name } total: _allAdministrativeUnitsMeta(filter: { level: COMMUNE }) { count } }',
  };
  const cases = Object.keys(PICKERS).flatMap((picker) =>
    (['admin', 'officerA', 'memberA'] as const).map((key) => ({ picker, key })),
  );

  it.each(cases)('$picker as $key: read in name order by index', async ({ picker, key }) => {
    const statements = await statementsOf(
      roles.cookies[key],
      PICKERS[picker as keyof typeof PICKERS],
    );
    const list = statements.find((sql) => /FROM "administrative_units"[\s\S]*ORDER BY/.test(sql));
    expect(list).toBeDefined();
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const plan = await planOf(runner, settingsOf(key), list!, 'off');
      const sorts: string[] = [];
      const walk = (node: PlanNode) => {
        if (/Sort/.test(node['Node Type'])) sorts.push(node['Node Type']);
        node.Plans?.forEach(walk);
      };
      walk(plan);
      expect(sorts, 'read in order, not sorted').toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it.each(['admin', 'officerA', 'memberA'] as const)(
    'every unit as %s: the total is the count the database keeps, not a count of the table',
    async (key) => {
      const statements = await statementsOf(roles.cookies[key], PICKERS['every unit']);
      expect(statements.filter((sql) => /COUNT\(/i.test(sql))).toEqual([]);
      expect(statements.some((sql) => /FROM row_counts/.test(sql))).toBe(true);
    },
  );
});

/**
 * The generic plans of a page's list and count on `table` as `key` sends them, planned as the
 * owner (past row-level security: the services' scope alone) with sequential scans priced out,
 * each as the list of its nodes.
 */
async function servicesScopePlans(
  key: 'officerA' | 'memberA',
  page: string,
  table: string,
  /** 1 where the page's statement counts its total too (CrudOptions.countsWithScopedPage). */
  statementCount: 1 | 2 = 2,
): Promise<PlanNode[][]> {
  const statements = (await statementsOf(roles.cookies[key], PAGES[page]!)).filter((sql) =>
    sql.includes(`FROM "${table}" "r"`),
  );
  expect(statements.length, 'the list and its count').toBe(statementCount);
  const runner = app.db.createQueryRunner();
  await runner.startTransaction();
  try {
    await runner.query('SET LOCAL enable_seqscan = off');
    const plans: PlanNode[][] = [];
    for (const sql of statements) {
      const [row] = (await runner.query(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${sql}`)) as {
        'QUERY PLAN': { Plan: PlanNode }[];
      }[];
      const nodes: PlanNode[] = [];
      const walk = (node: PlanNode) => {
        // The references a first page reads with its rows (reference-prefetch.ts) are
        // correlated subqueries of its select list, not the scope.
        if (node['Parent Relationship'] === 'SubPlan') return;
        nodes.push(node);
        node.Plans?.forEach(walk);
      };
      walk(row!['QUERY PLAN'][0]!.Plan);
      plans.push(nodes);
    }
    return plans;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

describe("an officer's household page and the links of its groups", () => {
  // At 300,000 households the services' scope probed the households' primary key once per
  // household an officer's groups help (277 probes, in the list and again in its count), though
  // nearly all are the agency's own, which its index already finds. An officer's groups add only
  // the links that cross agencies, kept by the database (migration 1796005000000); a member, who
  // has no agency, still reads every link of their groups. (Past row-level security, because the
  // households policy reads every link for rows outside the agency and would blur this.)
  const linksRead = async (key: 'officerA' | 'memberA') =>
    (await servicesScopePlans(key, 'households', 'households', 1)).map((nodes) =>
      [
        ...new Set(
          nodes
            .map((node) => node['Relation Name'] ?? '')
            .filter((relation) => relation.startsWith('support_group_household')),
        ),
      ].sort(),
    );

  it('reads only the links that cross agencies for an officer, every link for a member', async () => {
    // One statement: the page counts its total too (page-totals.test.ts).
    expect(await linksRead('officerA')).toEqual([['support_group_household_crossings']]);
    expect(await linksRead('memberA')).toEqual([['support_group_households']]);
  });
});

describe("an officer's groups page finds the agency's groups by the agency alone", () => {
  // An officer's groups are exactly the agency's; "the agency's, or one of these ids" probed the
  // groups' primary key once per group (98 for one officer at 100,000 groups).
  /** The conditions placing a group by a parameter of ids, wherever the plans test them. */
  const idConditions = async (key: 'officerA' | 'memberA') =>
    (await servicesScopePlans(key, 'groups', 'support_groups', 1))
      .flat()
      .flatMap((node) => {
        const conditions = node as unknown as Record<string, string | undefined>;
        return ['Filter', 'Recheck Cond', 'Index Cond'].map((k) => conditions[k] ?? '');
      })
      .filter((condition) => /\bid = ANY \(\$\d/.test(condition));

  it('and a member by their groups', async () => {
    expect(await idConditions('officerA')).toEqual([]);
    expect((await idConditions('memberA')).length).toBeGreaterThanOrEqual(1);
  });
});

describe("a household's child rows are tested against the caller's households by hash", () => {
  // The policy's households are known only when the statement runs; `= ANY` over such an array is
  // searched linearly for every row (an officer's 1,073 members against 311 ids: about 1 ms of a
  // 3–4 ms count at 300,000 households). Migration 1796006000000 makes it a hashed SubPlan.
  it.each(['members', 'povertyReviews'])("in an officer's %s page", async (page) => {
    const statements = await statementsOf(roles.cookies.officerA, PAGES[page]!);
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const filters: string[] = [];
      for (const sql of statements.filter((text) =>
        /FROM "(household_members|poverty_reviews)" "r"/.test(text),
      )) {
        const walk = (node: PlanNode & { Filter?: string }) => {
          if (
            /^(household_members|poverty_reviews)$/.test(node['Relation Name'] ?? '') &&
            node.Filter
          )
            filters.push(node.Filter);
          node.Plans?.forEach(walk);
        };
        walk(await planOf(runner, settingsOf('officerA'), sql, 'on'));
      }
      // One statement: the page counts its total too (page-totals.test.ts).
      expect(filters.length, 'the list, which counts its total').toBe(1);
      for (const filter of filters) {
        expect(filter).toMatch(/hashed SubPlan/);
        expect(filter).not.toMatch(/\.col1 OR \(household_id = ANY/);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('the guard bites', () => {
  it('finds the old child-table policy shape: a SubPlan listing every visible household', async () => {
    const statements = await statementsOf(roles.cookies.officerA, PAGES.povertyReviews!);
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(
        'ALTER POLICY scope_read ON poverty_reviews USING (household_id IN (SELECT id FROM households))',
      );
      const problems = (
        await Promise.all(
          statements.map(async (sql) =>
            planProblems(await planOf(runner, settingsOf('officerA'), sql, 'on'), 'policies'),
          ),
        )
      ).flat();
      expect(problems.some((problem) => problem.startsWith('SubPlan lists households'))).toBe(true);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
