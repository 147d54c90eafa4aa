import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/**
 * Every figure of the dashboard opens the records behind it: the list it links to, with its
 * filter, holds exactly as many records as the figure says, for each role's own scope.
 */

let app: TestApp;
let roles: RoleFixture;

const OVERVIEW = `{ householdOverview { householdCount escapedCount escapedSustainablyCount groupsWithoutRecentVisitCount
  openAspirationCount openAspirationsByAge { bucket count } } }`;

interface Overview {
  householdCount: number;
  escapedCount: number;
  escapedSustainablyCount: number;
  groupsWithoutRecentVisitCount: number;
  openAspirationCount: number;
  openAspirationsByAge: { bucket: string; count: number }[];
}

async function overview(cookie: string): Promise<Overview> {
  return dataOf(await app.graphql<{ householdOverview: Overview }>(OVERVIEW, {}, { cookie }))
    .householdOverview;
}

async function total(
  cookie: string,
  plural: string,
  filterType: string,
  filter: Record<string, unknown>,
) {
  const response = await app.graphql<{ meta: { count: number } }>(
    `query ($filter: ${filterType}) { meta: _all${plural}Meta(filter: $filter) { count } }`,
    { filter },
    { cookie },
  );
  return dataOf(response).meta.count;
}

const daysAgo = (days: number) => {
  const date = new Date(`${todayInVietnam()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  // Open aspirations of known ages on an agency A household, one per bucket edge.
  const householdId = roles.agencyA.householdIds[0]!;
  for (const days of [0, 30, 31, 90, 91, 180, 181, 400]) {
    await app.db.query(
      `INSERT INTO aspirations (household_id, content, status, recorded_date) VALUES ($1, $2, 'RECORDED', $3)`,
      [householdId, `Nguyện vọng ${days} ngày`, daysAgo(days)],
    );
  }
});

afterAll(async () => {
  await app?.close();
});

describe('the dashboard figures open their records', () => {
  for (const who of ['admin', 'officerA'] as const) {
    it(`open aspirations by age, for ${who}: each bucket's list holds its figure`, async () => {
      const cookie = roles.cookies[who];
      const figures = await overview(cookie);
      expect(await total(cookie, 'Aspirations', 'AspirationFilter', { open: true })).toBe(
        figures.openAspirationCount,
      );
      for (const { bucket, count } of figures.openAspirationsByAge) {
        expect(
          await total(cookie, 'Aspirations', 'AspirationFilter', { open: true, ageBucket: bucket }),
          bucket,
        ).toBe(count);
      }
    });

    it(`households and their escapes from poverty, for ${who}: the lists hold the figures`, async () => {
      const cookie = roles.cookies[who];
      const figures = await overview(cookie);
      expect(await total(cookie, 'Households', 'HouseholdFilter', {})).toBe(figures.householdCount);
      expect(
        await total(cookie, 'Households', 'HouseholdFilter', { povertyOutcome: 'ESCAPED' }),
      ).toBe(figures.escapedCount);
      expect(
        await total(cookie, 'Households', 'HouseholdFilter', {
          povertyOutcome: 'ESCAPED_SUSTAINABLY',
        }),
      ).toBe(figures.escapedSustainablyCount);
    });

    it(`quiet groups, for ${who}: the list holds the figure`, async () => {
      const cookie = roles.cookies[who];
      const figures = await overview(cookie);
      expect(
        await total(cookie, 'SupportGroups', 'SupportGroupFilter', { withoutRecentVisit: true }),
      ).toBe(figures.groupsWithoutRecentVisitCount);
    });
  }

  for (const who of ['admin', 'officerA'] as const) {
    it(`households by category over the years, for ${who}: each year's end, and today for this year`, async () => {
      const cookie = roles.cookies[who];
      const { householdOverview } = dataOf(
        await app.graphql<{
          householdOverview: {
            byCategory: { category: string; count: number }[];
            byCategoryOverYears: { year: number; category: string; count: number }[];
          };
        }>(
          '{ householdOverview { byCategory { category count } byCategoryOverYears { year category count } } }',
          {},
          { cookie },
        ),
      );
      const thisYear = Number(todayInVietnam().slice(0, 4));
      const series = householdOverview.byCategoryOverYears;
      expect(Math.min(...series.map((s) => s.year))).toBeGreaterThanOrEqual(2014);
      for (const { category, count } of householdOverview.byCategory) {
        const now = series.find((s) => s.year === thisYear && s.category === category);
        expect(now?.count ?? 0, `${category} this year`).toBe(count);
      }
      // The end of 2014, counted here from the periods of the households the user reaches.
      const scope = who === 'admin' ? null : roles.agencyA.householdIds;
      const expected = (await app.db.query(
        `SELECT category, count(DISTINCT household_id)::int AS count FROM household_category_periods
          WHERE valid_from <= '2014-12-31' AND (valid_to IS NULL OR valid_to >= '2014-12-31')
            AND ($1::uuid[] IS NULL OR household_id = ANY($1::uuid[]))
          GROUP BY category ORDER BY category`,
        [scope],
      )) as { category: string; count: number }[];
      expect(
        series
          .filter((s) => s.year === 2014 && s.count > 0)
          .map(({ category, count }) => ({ category, count }))
          .sort((a, b) => a.category.localeCompare(b.category)),
      ).toEqual(expected.sort((a, b) => a.category.localeCompare(b.category)));
    });
  }

  it("an officer's dashboard of a village where the agency helps no household: zeros, not an error", async () => {
    // A new village of a demo commune, and one household of agency B there.
    const [village] = (await app.db.query(
      `INSERT INTO administrative_units (level, name, parent_id)
       SELECT 'VILLAGE', 'Thôn Ngoài Phạm Vi', parent_id FROM administrative_units
        WHERE level = 'VILLAGE' ORDER BY id LIMIT 1 RETURNING id`,
    )) as { id: string }[];
    await app.db.query(
      `INSERT INTO households (village_id, head_name, organization_id) VALUES ($1, 'Hộ Ngoài Phạm Vi', $2)`,
      [village!.id, roles.agencyB.organizationId],
    );
    const shown = dataOf(
      await app.graphql<{
        householdOverview: Overview & { byCategoryOverYears: { count: number }[] };
      }>(
        `query ($unitId: ID) { householdOverview(unitId: $unitId) { householdCount escapedCount
           escapedSustainablyCount openAspirationCount byCategoryOverYears { count } } }`,
        { unitId: village!.id },
        { cookie: roles.cookies.officerA },
      ),
    ).householdOverview;
    expect(shown).toMatchObject({
      householdCount: 0,
      escapedCount: 0,
      escapedSustainablyCount: 0,
      openAspirationCount: 0,
    });
    expect(shown.byCategoryOverYears.filter((s) => s.count !== 0)).toEqual([]);
    // The administrator sees that village's households: the zeros are the officer's scope.
    const all = dataOf(
      await app.graphql<{ householdOverview: { householdCount: number } }>(
        'query ($unitId: ID) { householdOverview(unitId: $unitId) { householdCount } }',
        { unitId: village!.id },
        { cookie: roles.cookies.admin },
      ),
    ).householdOverview;
    expect(all.householdCount).toBeGreaterThan(0);
  });

  it("memorandum progress over time: month by month from the signing, today's figures this month, a result counted from its month", async () => {
    const cookie = roles.cookies.officerA;
    const [memorandum] = (await app.db.query(
      'SELECT id FROM memoranda ORDER BY created_at LIMIT 1',
    )) as {
      id: string;
    }[];
    // A quantity commitment of the memorandum, alone in a new area row: its target, met in one entry.
    const [commitment] = (await app.db.query(
      `SELECT id, area, target_quantity FROM commitments
        WHERE memorandum_id = $1 AND target_quantity IS NOT NULL ORDER BY position LIMIT 1`,
      [memorandum!.id],
    )) as { id: string; area: string; target_quantity: number }[];
    await app.db.query(`UPDATE memoranda SET signed_date = '2014-06-20' WHERE id = $1`, [
      memorandum!.id,
    ]);
    const series = async () =>
      dataOf(
        await app.graphql<{ s: { month: string; area: string; percent: number }[] }>(
          `query ($id: ID!) { s: memorandumProgressOverTime(memorandumId: $id) { month area percent } }`,
          { id: memorandum!.id },
          { cookie },
        ),
      ).s;
    const before = await series();
    expect(before[0]?.month).toBe('2014-06');
    // Every month since, each with the five areas.
    expect(new Set(before.map((p) => p.month)).size * 5).toBe(before.length);
    const at = (points: typeof before, month: string) =>
      points.find((p) => p.month === month && p.area === commitment!.area)?.percent;
    await app.db.query(
      `INSERT INTO progress_entries (commitment_id, entry_date, quantity, description) VALUES ($1, '2014-09-15', $2, 'kiểm thử')`,
      [commitment!.id, commitment!.target_quantity],
    );
    const after = await series();
    // Unchanged in August, up in September, the month the result was recorded.
    expect(at(after, '2014-08')).toBe(at(before, '2014-08'));
    expect(at(after, '2014-09')!).toBeGreaterThan(at(before, '2014-09')!);
    // This month's point is today's progress.
    const { memorandumProgress } = dataOf(
      await app.graphql<{ memorandumProgress: { areas: { area: string; percent: number }[] } }>(
        `query ($id: ID!) { memorandumProgress(memorandumId: $id) { areas { area percent } } }`,
        { id: memorandum!.id },
        { cookie },
      ),
    );
    const thisMonth = todayInVietnam().slice(0, 7);
    for (const { area, percent } of memorandumProgress.areas)
      expect(after.find((p) => p.month === thisMonth && p.area === area)?.percent, area).toBe(
        percent,
      );
  });

  it('puts an aspiration in the bucket of its age, edges included (30 days is 0-30, 31 is 31-90, 181 is 180+)', async () => {
    const cookie = roles.cookies.admin;
    const titles = async (bucket: string) =>
      dataOf(
        await app.graphql<{ all: { content: string }[] }>(
          `query ($filter: AspirationFilter) { all: allAspirations(filter: $filter, perPage: 1000) { content } }`,
          { filter: { open: true, ageBucket: bucket } },
          { cookie },
        ),
      )
        .all.map((a) => a.content)
        .filter((c) => c.startsWith('Nguyện vọng ') && c.endsWith(' ngày'));
    expect((await titles('0-30')).sort()).toEqual(['Nguyện vọng 0 ngày', 'Nguyện vọng 30 ngày']);
    expect((await titles('31-90')).sort()).toEqual(['Nguyện vọng 31 ngày', 'Nguyện vọng 90 ngày']);
    expect((await titles('91-180')).sort()).toEqual([
      'Nguyện vọng 180 ngày',
      'Nguyện vọng 91 ngày',
    ]);
    expect((await titles('180+')).sort()).toEqual(['Nguyện vọng 181 ngày', 'Nguyện vọng 400 ngày']);
  });

  it('counts a household reviewed poor then not poor as escaped, and sustainably after a second review out', async () => {
    const cookie = roles.cookies.admin;
    const [household] = (await app.db.query(
      `INSERT INTO households (village_id, head_name) SELECT village_id, 'Hộ Thoát Nghèo' FROM households LIMIT 1 RETURNING id`,
    )) as { id: string }[];
    const escaped = async (outcome: string) =>
      dataOf(
        await app.graphql<{ all: { id: string }[] }>(
          `query ($filter: HouseholdFilter) { all: allHouseholds(filter: $filter, perPage: 1000) { id } }`,
          { filter: { povertyOutcome: outcome } },
          { cookie },
        ),
      ).all.map((h) => h.id);
    const review = (year: number, result: string) =>
      app.db.query(
        `INSERT INTO poverty_reviews (household_id, year, standard, result) VALUES ($1, $2, 'Chuẩn nghèo 2011–2015', $3)`,
        [household!.id, year, result],
      );
    await review(2014, 'POOR');
    expect(await escaped('ESCAPED')).not.toContain(household!.id);
    await review(2015, 'NOT_POOR');
    expect(await escaped('ESCAPED')).toContain(household!.id);
    expect(await escaped('ESCAPED_SUSTAINABLY')).not.toContain(household!.id);
    await review(2016, 'NOT_POOR');
    expect(await escaped('ESCAPED_SUSTAINABLY')).toContain(household!.id);
  });

  it('a group visited within six months is not quiet; one last visited seven months ago is', async () => {
    const cookie = roles.cookies.admin;
    const quiet = async () =>
      dataOf(
        await app.graphql<{ all: { id: string }[] }>(
          `{ all: allSupportGroups(filter: { withoutRecentVisit: true }, perPage: 1000) { id } }`,
          {},
          { cookie },
        ),
      ).all.map((g) => g.id);
    // A new group of agency A, helping one of its households, never visited yet.
    const [group] = (await app.db.query(
      `INSERT INTO support_groups (name, organization_id, partnership_id)
       SELECT 'Nhóm mới lập', organization_id, partnership_id FROM support_groups WHERE id = $1
       RETURNING id`,
      [roles.agencyA.groupIds[0]],
    )) as { id: string }[];
    const groupId = group!.id;
    const [household] = (await app.db.query(
      'SELECT household_id FROM support_group_households WHERE support_group_id = $1 LIMIT 1',
      [roles.agencyA.groupIds[0]],
    )) as { household_id: string }[];
    await app.db.query(
      'INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)',
      [groupId, household!.household_id],
    );
    expect(await quiet()).toContain(groupId);
    await app.db.query(
      `INSERT INTO visits (group_id, household_id, visit_date) VALUES ($1, $2, $3)`,
      [groupId, household!.household_id, daysAgo(7 * 31)],
    );
    expect(await quiet()).toContain(groupId);
    await app.db.query(
      `INSERT INTO visits (group_id, household_id, visit_date) VALUES ($1, $2, $3)`,
      [groupId, household!.household_id, daysAgo(20)],
    );
    expect(await quiet()).not.toContain(groupId);
  });

  it('refuses an age bucket the dashboard does not have, naming the filter', async () => {
    const response = await app.graphql(
      `{ allAspirations(filter: { ageBucket: "1-2" }) { id } }`,
      {},
      { cookie: roles.cookies.admin },
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.ageBucket',
      rule: 'oneOf',
    });
  });
});
