/**
 * An officer's household dashboard over the whole scope: the agency's own households are read
 * from the figures the database keeps per agency (migration 1796010000000) and the households its
 * groups help across agencies are counted live. Whatever the mix, the dashboard must say what the
 * records say under the rule "the agency's households and those its groups help" (DOMAIN.md,
 * SECURITY.md), and what the officer's own household list counts: before any crossing link, with
 * households of another agency and of none linked to the agency's groups, after a household of the
 * agency moved to another one and after a household helped both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;
beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
});
afterAll(() => app?.close());

const OVERVIEW = `{ householdOverview { householdCount escapedCount escapedSustainablyCount
  byCategory { category count } byCategoryOverYears { year category count } } }`;

interface Figures {
  householdCount: number;
  escapedCount: number;
  escapedSustainablyCount: number;
  /** "year category count" for each non-zero count, this year's at today. */
  overYears: string[];
  /** "category count" for each non-zero count today. */
  today: string[];
}

async function shown(cookie: string): Promise<Figures & { listed: number }> {
  const data = dataOf(
    await app.graphql<{
      householdOverview: {
        householdCount: number;
        escapedCount: number;
        escapedSustainablyCount: number;
        byCategory: { category: string; count: number }[];
        byCategoryOverYears: { year: number; category: string; count: number }[];
      };
      meta: { count: number };
    }>(`{ ${OVERVIEW.slice(1, -1)} meta: _allHouseholdsMeta { count } }`, {}, { cookie }),
  );
  const o = data.householdOverview;
  return {
    householdCount: o.householdCount,
    escapedCount: o.escapedCount,
    escapedSustainablyCount: o.escapedSustainablyCount,
    overYears: o.byCategoryOverYears
      .filter((y) => y.count > 0)
      .map((y) => `${y.year} ${y.category} ${y.count}`)
      .sort(),
    today: o.byCategory
      .filter((c) => c.count > 0)
      .map((c) => `${c.category} ${c.count}`)
      .sort(),
    listed: data.meta.count,
  };
}

/** The same figures counted here from the records, for the agency's households and its groups'. */
async function counted(organizationId: string): Promise<Figures> {
  const scope = `SELECT h.id FROM households h WHERE h.organization_id = $1
                 UNION SELECT l.household_id FROM support_group_households l
                   JOIN support_groups g ON g.id = l.support_group_id WHERE g.organization_id = $1`;
  const one = async (sql: string) =>
    Number(((await app.db.query(sql, [organizationId])) as { n: number }[])[0]!.n);
  const inForce = async (day: string) =>
    (await app.db.query(
      `SELECT category::text, count(DISTINCT household_id)::int AS count
         FROM household_category_periods
        WHERE household_id IN (${scope}) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
        GROUP BY 1`,
      [organizationId, day],
    )) as { category: string; count: number }[];
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  const overYears: string[] = [];
  for (let year = 2014; year <= thisYear; year++)
    for (const row of await inForce(year === thisYear ? today : `${year}-12-31`))
      overYears.push(`${year} ${row.category} ${row.count}`);
  return {
    householdCount: await one(`SELECT count(*)::int AS n FROM (${scope}) s`),
    escapedCount: await one(
      `SELECT count(*)::int AS n FROM household_poverty_outcomes WHERE household_id IN (${scope})`,
    ),
    escapedSustainablyCount: await one(
      `SELECT count(*)::int AS n FROM household_poverty_outcomes
        WHERE household_id IN (${scope}) AND sustainably`,
    ),
    overYears: overYears.sort(),
    today: (await inForce(today)).map((c) => `${c.category} ${c.count}`).sort(),
  };
}

async function expectTheRecords(when: string) {
  for (const [who, agency] of [
    ['officerA', roles.agencyA],
    ['officerB', roles.agencyB],
  ] as const) {
    const expected = await counted(agency.organizationId);
    const { listed, ...figures } = await shown(roles.cookies[who]);
    expect(figures, `${who} ${when}`).toEqual(expected);
    expect(listed, `${who}'s household list ${when}`).toBe(expected.householdCount);
  }
}

/** A household with a category period since 2016 and an escape from poverty (2021 → 2022). */
async function householdWithHistory(organizationId: string | null, name: string) {
  const [{ id }] = (await app.db.query(
    `INSERT INTO households (village_id, head_name, organization_id)
     SELECT village_id, $2, $1 FROM households ORDER BY id LIMIT 1 RETURNING id`,
    [organizationId, name],
  )) as { id: string }[];
  await app.db.query(
    `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to)
     VALUES ($1, 'POLICY_FAMILY', '2016-03-01', NULL)`,
    [id],
  );
  await app.db.query(
    `INSERT INTO poverty_reviews (household_id, year, standard, result) VALUES
       ($1, 2021, 'Chuẩn thử', 'POOR'), ($1, 2022, 'Chuẩn thử', 'NOT_POOR')`,
    [id],
  );
  return id;
}

describe("an officer's household dashboard: the agency's kept figures and its groups' other households", () => {
  it('says what the records say, whatever crosses agencies', async () => {
    await expectTheRecords('as loaded');
    const [groupOfA] = roles.agencyA.groupIds;
    const link = (household: string, group: string) =>
      app.db.query(
        `INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)`,
        [group, household],
      );

    // Agency B's household and a household of no agency, helped by agency A's group.
    const before = await shown(roles.cookies.officerA);
    const ofB = await householdWithHistory(roles.agencyB.organizationId, 'Hộ của cơ quan B (thử)');
    const ofNone = await householdWithHistory(null, 'Hộ chưa có cơ quan (thử)');
    await link(ofB, groupOfA!);
    await link(ofNone, groupOfA!);
    await expectTheRecords('with two households helped across agencies');
    // Not vacuous: both count for officer A, the one of B for officer B as well.
    const after = await shown(roles.cookies.officerA);
    expect(after.householdCount).toBe(before.householdCount + 2);
    expect(after.escapedCount).toBe(before.escapedCount + 2);

    // Helped by both agencies' groups: counted once by each.
    await link(ofB, roles.agencyB.groupIds[0]!);
    await expectTheRecords('with a household helped by both agencies');

    // A household of agency A itself, helped by none of its groups, then moved to agency B
    // through the API: it leaves officer A's figures and joins officer B's.
    const own = await householdWithHistory(roles.agencyA.organizationId, 'Hộ của cơ quan A (thử)');
    await expectTheRecords("with a household of the agency's own added");
    const withOwn = await shown(roles.cookies.officerA);
    expect(withOwn.householdCount).toBe(after.householdCount + 1);
    const [{ version }] = (await app.db.query('SELECT version FROM households WHERE id = $1', [
      own,
    ])) as { version: number }[];
    dataOf(
      await app.graphql(
        `mutation ($id: ID!, $org: ID!, $version: Int) {
           updateHousehold(id: $id, organizationId: $org, version: $version) { id } }`,
        { id: own, org: roles.agencyB.organizationId, version },
        { cookie: roles.cookies.admin },
      ),
    );
    await expectTheRecords('after a household moved to another agency');
    expect((await shown(roles.cookies.officerA)).householdCount).toBe(after.householdCount);
  });
});
