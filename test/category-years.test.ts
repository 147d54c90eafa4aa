/**
 * The dashboard's "households by category over the years": for each year of the program, the
 * households in each category on 31 December (today for the current year), for the administrator
 * (from the moves the database keeps) and for an officer (from their households' own periods).
 * Checked year by year against that definition, with periods that start or end on a year's last
 * day, one that covers no year end, and one still open.
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
  // A household of agency A without family-policy periods gets some on the edges of years.
  const [household] = (await app.db.query(
    `SELECT h.id FROM households h WHERE h.id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM household_category_periods p
                         WHERE p.household_id = h.id AND p.category = 'POLICY_FAMILY')
      ORDER BY h.id LIMIT 1`,
    [roles.agencyA.householdIds],
  )) as { id: string }[];
  expect(household).toBeDefined();
  for (const [from, to] of [
    ['2015-12-31', '2016-12-31'], // the ends of 2015 and 2016
    ['2017-01-01', '2017-12-30'], // no year's end
    ['2018-12-31', '2018-12-31'], // one day: the end of 2018
    ['2019-06-01', null], // every year's end since 2019, and today
  ])
    await app.db.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to)
       VALUES ($1, 'POLICY_FAMILY', $2, $3)`,
      [household!.id, from, to],
    );
});
afterAll(() => app?.close());

describe('households by category over the years', () => {
  for (const who of ['admin', 'officerA'] as const) {
    it(`for ${who}: each year's count is the households in the category on its last day`, async () => {
      const { householdOverview } = dataOf(
        await app.graphql(
          '{ householdOverview { byCategoryOverYears { year category count } } }',
          {},
          { cookie: roles.cookies[who] },
        ),
      ) as {
        householdOverview: {
          byCategoryOverYears: { year: number; category: string; count: number }[];
        };
      };
      const today = todayInVietnam();
      const thisYear = Number(today.slice(0, 4));
      const scope = who === 'admin' ? null : roles.agencyA.householdIds;
      const expected: string[] = [];
      for (let year = 2014; year <= thisYear; year++) {
        const day = year === thisYear ? today : `${year}-12-31`;
        const rows = (await app.db.query(
          `SELECT category::text, count(DISTINCT household_id)::int AS count
             FROM household_category_periods
            WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1)
              AND ($2::uuid[] IS NULL OR household_id = ANY($2::uuid[]))
            GROUP BY category`,
          [day, scope],
        )) as { category: string; count: number }[];
        for (const row of rows) expected.push(`${year} ${row.category} ${row.count}`);
      }
      const shown = householdOverview.byCategoryOverYears
        .filter((entry) => entry.count > 0)
        .map((entry) => `${entry.year} ${entry.category} ${entry.count}`);
      expect(shown.sort()).toEqual(expected.sort());
      // The edge periods are in it: family policy at the ends of 2015, 2016 and 2018, not 2017.
      const policy = (year: number) =>
        householdOverview.byCategoryOverYears.find(
          (entry) => entry.year === year && entry.category === 'POLICY_FAMILY',
        )?.count ?? 0;
      expect(policy(2016)).toBeGreaterThan(0);
      expect(policy(2018)).toBeGreaterThan(0);
    });
  }
});
