/**
 * The total an officer's or a group member's list page shows (the admin asks a page and
 * `_all…Meta { count }` in one request) is counted by the statement that reads the page, where
 * the scope lists the records' parents (CrudOptions.countsWithScopedPage). What the user checks:
 * the pager's total is the number of records they can page through, whatever page they are on,
 * whichever field the request names first, with a filter or without, and the same as the total
 * asked alone; and the page costs one statement, not two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
});
afterAll(() => app?.close());

/** The plural of each resource whose scoped pages count their total. */
const RESOURCES = [
  'Households',
  'HouseholdMembers',
  'HouseholdCategoryPeriods',
  'PovertyReviews',
  'Aspirations',
  'HouseProjects',
  'HouseProjectFundings',
  'Visits',
  'SupportPlans',
  'HalfYearReports',
  'SupportPlanSteps',
  'SupportGroups',
  'StaffMembers',
  'StaffAssignments',
] as const;

/** The GraphQL type of a resource's list filter (`HouseholdMembers` → `HouseholdMemberFilter`). */
const filterType = (plural: string) => `${plural.slice(0, -1)}Filter`;

interface Page {
  ids: string[];
  total: number;
}

/** One page and its total, asked together as the admin asks them (or the total first). */
async function pageWithTotal(
  cookie: string,
  plural: string,
  options: { page?: number; perPage?: number; filter?: object; totalFirst?: boolean } = {},
): Promise<Page> {
  const args = `page: ${options.page ?? 0}, perPage: ${options.perPage ?? 2}, filter: $filter`;
  const items = `items: all${plural}(${args}) { id }`;
  const total = `total: _all${plural}Meta(filter: $filter) { count }`;
  const data = dataOf(
    await app.graphql(
      `query ($filter: ${filterType(plural)}) { ${
        options.totalFirst ? `${total} ${items}` : `${items} ${total}`
      } }`,
      { filter: options.filter ?? {} },
      { cookie },
    ),
  ) as { items: { id: string }[]; total: { count: number } };
  return { ids: data.items.map((item) => item.id), total: data.total.count };
}

async function totalAlone(cookie: string, plural: string, filter: object = {}): Promise<number> {
  const data = dataOf(
    await app.graphql(
      `query ($filter: ${filterType(plural)}) { total: _all${plural}Meta(filter: $filter) { count } }`,
      { filter },
      { cookie },
    ),
  ) as { total: { count: number } };
  return data.total.count;
}

/** Every record the caller can page through, and the total each page showed. */
async function pageThrough(cookie: string, plural: string, filter: object = {}) {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let page = 0; page < 200; page++) {
    const answer = await pageWithTotal(cookie, plural, { page, perPage: 2, filter });
    totals.push(answer.total);
    ids.push(...answer.ids);
    if (answer.ids.length < 2) break;
  }
  return { ids, totals };
}

describe("a scoped caller's list total", () => {
  for (const plural of RESOURCES) {
    for (const who of ['officerA', 'memberA'] as const) {
      it(`is the number of ${plural} ${who} can page through, on every page`, async () => {
        const cookie = roles.cookies[who];
        const { ids, totals } = await pageThrough(cookie, plural);
        expect(new Set(ids).size).toBe(ids.length);
        for (const total of totals) expect(total).toBe(ids.length);
        expect(await totalAlone(cookie, plural)).toBe(ids.length);
        // Past the last page the total is still the number of records.
        const past = await pageWithTotal(cookie, plural, { page: totals.length + 3 });
        expect(past).toEqual({ ids: [], total: ids.length });
        // The total asked before the page.
        const first = await pageWithTotal(cookie, plural, { totalFirst: true });
        expect(first.total).toBe(ids.length);
      });
    }
  }

  it("counts an officer's households and their members as the agency's records, computed apart", async () => {
    const households = await pageThrough(roles.cookies.officerA, 'Households');
    expect(households.ids.length).toBeGreaterThan(2);
    expect([...households.ids].sort()).toEqual([...roles.agencyA.householdIds].sort());
    const [{ members }] = (await app.db.query(
      `SELECT count(*)::int AS members FROM household_members WHERE household_id = ANY($1::uuid[])`,
      [roles.agencyA.householdIds],
    )) as { members: number }[];
    expect(members).toBeGreaterThan(2);
    const page = await pageWithTotal(roles.cookies.officerA, 'HouseholdMembers');
    expect(page.total).toBe(members);
  });

  it('counts a filtered page: one household, and a filter matching nothing', async () => {
    const householdId = roles.agencyA.householdIds[0]!;
    const [{ members }] = (await app.db.query(
      `SELECT count(*)::int AS members FROM household_members WHERE household_id = $1`,
      [householdId],
    )) as { members: number }[];
    const filter = { householdId };
    const page = await pageWithTotal(roles.cookies.officerA, 'HouseholdMembers', {
      perPage: 1,
      filter,
    });
    expect(page.total).toBe(members);
    expect(await totalAlone(roles.cookies.officerA, 'HouseholdMembers', filter)).toBe(members);
    // Another agency's household: nothing in scope, and the total says so.
    const outside = roles.agencyB.householdIds.find(
      (id) => !roles.agencyA.householdIds.includes(id),
    )!;
    expect(
      await pageWithTotal(roles.cookies.officerA, 'HouseholdMembers', {
        filter: { householdId: outside },
      }),
    ).toEqual({ ids: [], total: 0 });
  });

  it('is read with the page in one statement; asked alone it is counted by one of its own', async () => {
    const counts = () =>
      app.queries.filter(
        (sql) => /^\s*SELECT COUNT\(1\)/i.test(sql) && sql.includes('"household_members"'),
      );
    app.queries.length = 0;
    const page = await pageWithTotal(roles.cookies.officerA, 'HouseholdMembers');
    expect(page.ids).toHaveLength(2);
    expect(counts()).toHaveLength(0);
    const pages = app.queries.filter((sql) => sql.includes('FROM "household_members"'));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('count(*) OVER ()');
    app.queries.length = 0;
    expect(await totalAlone(roles.cookies.officerA, 'HouseholdMembers')).toBe(page.total);
    expect(counts()).toHaveLength(1);
  });

  it("leaves the administrator's page alone: its total comes from the counts the database keeps", async () => {
    app.queries.length = 0;
    const page = await pageWithTotal(roles.cookies.admin, 'HouseholdMembers');
    const [{ members }] = (await app.db.query(
      'SELECT count(*)::int AS members FROM household_members',
    )) as { members: number }[];
    expect(page.total).toBe(members);
    expect(app.queries.some((sql) => sql.includes('count(*) OVER ()'))).toBe(false);
  });
});
