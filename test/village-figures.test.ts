/**
 * The households dashboard's figures kept by village (migration 1795999000000) and by agency
 * (1796010000000), checked against what they summarise: after the demo load, after inserts,
 * updates (households moved to another village and another agency among them), deletes (a
 * household with its rows), a rolled-back transaction and writes through the API. Then the dashboard of a unit, for every role that reads every household, is
 * the same as a count of the records themselves.
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

const rows = async (sql: string, params: unknown[] = []) =>
  (await app.db.query(sql, params)) as Record<string, unknown>[];

/**
 * Households and escapes per `key` (a household's village or agency; households without one are
 * in no agency's figures), kept and recounted.
 */
const householdFigures = (table: string, key: string): [kept: string, recounted: string] => [
  `SELECT ${key}, households, escaped, escaped_sustainably FROM ${table} ORDER BY 1`,
  `SELECT h.${key}, count(*)::int AS households, count(o.household_id)::int AS escaped,
          (count(*) FILTER (WHERE o.sustainably))::int AS escaped_sustainably
     FROM households h LEFT JOIN household_poverty_outcomes o ON o.household_id = h.id
    WHERE h.${key} IS NOT NULL GROUP BY 1 ORDER BY 1`,
];

/**
 * Category moves per `key` and day: a period adds its household on valid_from and takes it away
 * the day after valid_to.
 */
const categoryMoves = (table: string, key: string): [kept: string, recounted: string] => [
  `SELECT ${key}, category::text, day::text, delta FROM ${table} ORDER BY 1, 2, 3`,
  `SELECT ${key}, category::text, day::text, sum(delta)::int AS delta FROM (
     SELECT h.${key}, c.category, c.valid_from AS day, 1 AS delta
       FROM household_category_periods c JOIN households h ON h.id = c.household_id
     UNION ALL
     SELECT h.${key}, c.category, c.valid_to + 1, -1
       FROM household_category_periods c JOIN households h ON h.id = c.household_id
      WHERE c.valid_to IS NOT NULL) m
    WHERE ${key} IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3`,
];

/** Each kept table, and the same recounted from its sources by the documented rules. */
const SUMMARIES: Record<string, [kept: string, recounted: string]> = {
  village_household_figures: householdFigures('village_household_figures', 'village_id'),
  village_category_moves: categoryMoves('village_category_moves', 'village_id'),
  // The same per agency (migration 1796010000000), for an officer's dashboard.
  organization_household_figures: householdFigures(
    'organization_household_figures',
    'organization_id',
  ),
  organization_category_moves: categoryMoves('organization_category_moves', 'organization_id'),
  village_aspiration_days: [
    `SELECT village_id, status::text, recorded_date::text, count FROM village_aspiration_days
      ORDER BY 1, 2, 3`,
    `SELECT h.village_id, a.status::text, a.recorded_date::text, count(*)::int AS count
       FROM aspirations a JOIN households h ON h.id = a.household_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ],
  aspiration_daily_counts: [
    `SELECT status::text, recorded_date::text, count FROM aspiration_daily_counts ORDER BY 1, 2`,
    `SELECT status::text, recorded_date::text, count(*)::int AS count FROM aspirations
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  poverty_outcome_totals: [
    `SELECT escaped, escaped_sustainably FROM poverty_outcome_totals`,
    `SELECT count(*)::int AS escaped, (count(*) FILTER (WHERE sustainably))::int AS escaped_sustainably
       FROM household_poverty_outcomes`,
  ],
  // A group lies in the villages of the households it helps.
  support_group_villages: [
    `SELECT village_id, group_id FROM support_group_villages ORDER BY 1, 2`,
    `SELECT DISTINCT h.village_id, l.support_group_id AS group_id
       FROM support_group_households l JOIN households h ON h.id = l.household_id ORDER BY 1, 2`,
  ],
};

async function reconcile(when: string) {
  for (const [table, [kept, recounted]] of Object.entries(SUMMARIES))
    expect(await rows(kept), `${table} ${when}`).toEqual(await rows(recounted));
}

describe('the figures kept by village', () => {
  it('agree with their sources after the demo load', async () => {
    await reconcile('after the demo load');
    // Not vacuous: the demo fills every one of them.
    for (const [table, [kept]] of Object.entries(SUMMARIES))
      expect((await rows(kept)).length, table).toBeGreaterThan(0);
  });

  it('follow inserts, updates, deletes and moves of many rows, and ignore a rollback', async () => {
    // Two villages of one commune.
    const [v1, v2] = (
      await rows(
        `SELECT v.id FROM administrative_units v
          WHERE v.parent_id = (SELECT u.parent_id FROM households h
                                 JOIN administrative_units u ON u.id = h.village_id
                                ORDER BY h.id LIMIT 1)
          ORDER BY v.id LIMIT 2`,
      )
    ).map((r) => r.id as string);
    // Another village, of another commune where the demo has one.
    const [v3] = (
      await rows(
        `SELECT v.id FROM administrative_units v
          WHERE v.level = (SELECT level FROM administrative_units WHERE id = $1)
            AND v.id <> ALL ($2::uuid[])
          ORDER BY v.parent_id IS NOT DISTINCT FROM
                   (SELECT parent_id FROM administrative_units WHERE id = $1), v.id
          LIMIT 1`,
        [v1, [v1, v2]],
      )
    ).map((r) => r.id as string);
    const [group] = roles.agencyA.groupIds;
    const made = (
      await rows(
        `INSERT INTO households (village_id, head_name, organization_id)
         SELECT CASE WHEN g <= 3 THEN $1::uuid ELSE $2::uuid END, 'Hộ đối soát ' || g,
                CASE WHEN g <= 3 THEN $3::uuid WHEN g = 4 THEN $4::uuid END
           FROM generate_series(1, 5) g ORDER BY g RETURNING id`,
        [v1, v2, roles.agencyA.organizationId, roles.agencyB.organizationId],
      )
    ).map((r) => r.id as string);
    const [a, b, c, d, e] = made as [string, string, string, string, string];
    await app.db.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to) VALUES
         ($1, 'POLICY_FAMILY', '2010-01-01', NULL), ($2, 'POLICY_FAMILY', '2016-05-01', '2020-12-31'),
         ($3, 'POLICY_FAMILY', '2019-01-01', NULL), ($4, 'POLICY_FAMILY', '2030-01-01', NULL)`,
      [a, b, c, d],
    );
    await app.db.query(
      `INSERT INTO aspirations (household_id, content, status, recorded_date) VALUES
         ($1, 'Đối soát 1', 'RECORDED', '2024-01-02'), ($1, 'Đối soát 2', 'FORWARDED', '2024-01-02'),
         ($2, 'Đối soát 3', 'RECORDED', '2025-03-04'), ($3, 'Đối soát 4', 'ANSWERED', '2023-07-08')`,
      [a, b, d],
    );
    // a escapes (poor, then not), b escapes sustainably (and a review after that).
    await app.db.query(
      `INSERT INTO poverty_reviews (household_id, year, standard, result) VALUES
         ($1, 2021, 'Chuẩn đối soát', 'POOR'), ($1, 2022, 'Chuẩn đối soát', 'NOT_POOR'),
         ($2, 2021, 'Chuẩn đối soát', 'POOR'), ($2, 2022, 'Chuẩn đối soát', 'NOT_POOR'),
         ($2, 2023, 'Chuẩn đối soát', 'NOT_POOR')`,
      [a, b],
    );
    await app.db.query(
      `INSERT INTO support_group_households (support_group_id, household_id)
       SELECT $1, unnest($2::uuid[])`,
      [group, [a, d, e]],
    );
    await reconcile('after inserts');

    // Moves: a (its periods, aspirations, outcome and group link with it) to another commune's
    // village, b (its periods and outcome) to another agency; other changes of households change
    // nothing.
    await app.db.query(`UPDATE households SET village_id = $2 WHERE id = $1`, [a, v3]);
    // b to another agency, e from none to agency A.
    await app.db.query(`UPDATE households SET organization_id = $2 WHERE id = $1`, [
      b,
      roles.agencyB.organizationId,
    ]);
    await app.db.query(`UPDATE households SET organization_id = $2 WHERE id = $1`, [
      e,
      roles.agencyA.organizationId,
    ]);
    await app.db.query(`UPDATE households SET notes = 'đã đối soát' WHERE id = ANY ($1)`, [made]);
    await app.db.query(
      `UPDATE household_category_periods SET valid_to = '2024-12-31' WHERE household_id = $1`,
      [c],
    );
    await app.db.query(
      `UPDATE aspirations SET status = 'RESOLVED', recorded_date = '2024-02-03'
        WHERE content = 'Đối soát 2'`,
    );
    await app.db.query(
      `UPDATE poverty_reviews SET result = 'POOR' WHERE household_id = $1 AND year = 2023`,
      [b],
    );
    await reconcile('after updates and moves');
    expect(
      (await rows(`SELECT 1 FROM village_household_figures WHERE village_id = $1`, [v3])).length,
    ).toBe(1);

    // Deletes, one household with its periods and reviews (its other rows removed first).
    await app.db.query(
      `DELETE FROM support_group_households WHERE support_group_id = $1 AND household_id = $2`,
      [group, e],
    );
    await app.db.query(`DELETE FROM aspirations WHERE content = 'Đối soát 3'`);
    await app.db.query(`DELETE FROM poverty_reviews WHERE household_id = $1 AND year = 2021`, [a]);
    await app.db.query(`DELETE FROM aspirations WHERE household_id = $1`, [d]);
    await app.db.query(`DELETE FROM support_group_households WHERE household_id = $1`, [d]);
    await app.db.query(`DELETE FROM households WHERE id = $1`, [d]);
    await reconcile('after deletes');

    // A rolled-back transaction leaves nothing behind.
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    const [ghost] = (await runner.query(
      `INSERT INTO households (village_id, head_name) VALUES ($1, 'Hộ bỏ') RETURNING id`,
      [v2],
    )) as { id: string }[];
    await runner.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from) VALUES ($1, 'NEAR_POOR', '2020-01-01')`,
      [ghost!.id],
    );
    await runner.query(
      `INSERT INTO aspirations (household_id, content, status, recorded_date) VALUES ($1, 'Bỏ', 'RECORDED', '2024-01-01')`,
      [ghost!.id],
    );
    await runner.rollbackTransaction();
    await runner.release();
    await reconcile('after a rollback');
  });

  it('stay exact when two transactions write in one village and one agency at once', async () => {
    const [village] = (
      await rows(`SELECT village_id FROM households GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
    ).map((r) => r.village_id as string);
    const [x, y] = (
      await rows(
        `INSERT INTO households (village_id, head_name, organization_id)
         VALUES ($1, 'Hộ song song 1', $2), ($1, 'Hộ song song 2', $2) RETURNING id`,
        [village, roles.agencyA.organizationId],
      )
    ).map((r) => r.id as string);
    const first = app.db.createQueryRunner();
    const second = app.db.createQueryRunner();
    await first.startTransaction();
    await second.startTransaction();
    try {
      await first.query(
        `INSERT INTO household_category_periods (household_id, category, valid_from) VALUES ($1, 'NEAR_POOR', '2023-03-01')`,
        [x],
      );
      // The second waits for the first to commit (it would otherwise recount the village and the
      // agency without the first one's period, or collide with its rows).
      const pending = second.query(
        `INSERT INTO household_category_periods (household_id, category, valid_from) VALUES ($1, 'NEAR_POOR', '2023-03-01')`,
        [y],
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await first.commitTransaction();
      await pending;
      await second.commitTransaction();
    } finally {
      if (first.isTransactionActive) await first.rollbackTransaction();
      if (second.isTransactionActive) await second.rollbackTransaction();
      await first.release();
      await second.release();
    }
    await reconcile('after concurrent writes');
  });

  it('lock buckets of villages, not each village: one statement over 300 villages holds at most 256 locks', async () => {
    // An import or a bulk load touches thousands of villages in one statement; a lock each would
    // exhaust PostgreSQL's lock table ("out of shared memory") and refuse the whole write.
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    try {
      const [commune] = (await runner.query(
        `SELECT parent_id AS id FROM administrative_units WHERE level = 'VILLAGE' LIMIT 1`,
      )) as { id: string }[];
      await runner.query(
        `WITH villages AS (
           INSERT INTO administrative_units (name, level, parent_id)
           SELECT 'Thôn khóa ' || i || ' (mẫu)', 'VILLAGE', $1 FROM generate_series(1, 300) i
           RETURNING id)
         INSERT INTO households (village_id, head_name) SELECT id, 'Hộ khóa (mẫu)' FROM villages`,
        [commune!.id],
      );
      const [held] = (await runner.query(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
      )) as { n: number }[];
      expect(held!.n).toBeGreaterThan(0);
      expect(held!.n).toBeLessThanOrEqual(256);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('let a write that loses a deadlock on the kept rows run again instead of failing', async () => {
    // Deleting a period moves the table's row count (row_counts, whose trigger fires first) and
    // then recounts its village under the village's lock. Another transaction holding that lock
    // and then wanting the row count makes the two wait on each other: PostgreSQL undoes the
    // request's write, which is tried again once the other one has finished.
    const [period] = await rows(
      `SELECT p.id, (hashtextextended(h.village_id::text, 0) & 255)::int AS bucket
         FROM household_category_periods p JOIN households h ON h.id = p.household_id
        WHERE p.source = 'MANUAL' AND p.category = 'POLICY_FAMILY' LIMIT 1`,
    );
    expect(period).toBeDefined();
    const other = app.db.createQueryRunner();
    await other.startTransaction();
    try {
      await other.query('SELECT pg_advisory_xact_lock(68101, $1)', [period!.bucket]);
      const deleted = app.graphql(
        'mutation ($id: ID!) { deleteHouseholdCategoryPeriod(id: $id) { id } }',
        { id: period!.id },
        { cookie: roles.cookies.admin },
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      await other.query(
        `UPDATE row_counts SET row_count = row_count WHERE table_name = 'household_category_periods'`,
      );
      await other.commitTransaction();
      const response = await deleted;
      expect(response.body.errors).toBeUndefined();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(
      await rows('SELECT id FROM household_category_periods WHERE id = $1', [period!.id]),
    ).toEqual([]);
    await reconcile('after a deadlock lost and retried');
  });

  it('follow writes through the API, made as the app role', async () => {
    const [village] = (await rows('SELECT village_id FROM households ORDER BY id LIMIT 1')).map(
      (r) => r.village_id as string,
    );
    const { createHousehold } = dataOf(
      await app.graphql<{ createHousehold: { id: string } }>(
        `mutation ($v: ID!) { createHousehold(villageId: $v, headName: "Hộ đối soát API") { id } }`,
        { v: village },
        { cookie: roles.cookies.admin },
      ),
    );
    dataOf(
      await app.graphql(
        `mutation ($h: ID!) { createAspiration(householdId: $h, content: "Cần bò giống", status: RECORDED, recordedDate: "2025-01-15") { id } }`,
        { h: createHousehold.id },
        { cookie: roles.cookies.admin },
      ),
    );
    await reconcile('after API writes');
  });
});

describe("a unit's dashboard from the kept figures", () => {
  const OVERVIEW = `query ($unitId: ID, $unitMode: UnitMode) {
    householdOverview(unitId: $unitId, unitMode: $unitMode) {
      householdCount escapedCount escapedSustainablyCount groupsWithoutRecentVisitCount
      openAspirationCount openAspirationsByAge { bucket count } byCategory { category count }
      byCategoryOverYears { year category count } } }`;

  /** The same figures counted from the records of the unit's area (plan68_unit_area). */
  async function counted(unitId: string, today: boolean) {
    const area = `ARRAY(SELECT plan68_unit_area($1::uuid, ${today}))`;
    const one = async (sql: string) => Number((await rows(sql, [unitId]))[0]!.n);
    const day = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
    const inForce = (on: string) =>
      `SELECT c.category::text AS category, count(DISTINCT c.household_id)::int AS count
         FROM household_category_periods c JOIN households h ON h.id = c.household_id
        WHERE h.village_id = ANY (${area}) AND c.valid_from <= ${on}
          AND (c.valid_to IS NULL OR c.valid_to >= ${on})
        GROUP BY 1 ORDER BY 1`;
    return {
      householdCount: await one(
        `SELECT count(*) AS n FROM households WHERE village_id = ANY (${area})`,
      ),
      escapedCount: await one(
        `SELECT count(*) AS n FROM household_poverty_outcomes o JOIN households h ON h.id = o.household_id
          WHERE h.village_id = ANY (${area})`,
      ),
      escapedSustainablyCount: await one(
        `SELECT count(*) AS n FROM household_poverty_outcomes o JOIN households h ON h.id = o.household_id
          WHERE h.village_id = ANY (${area}) AND o.sustainably`,
      ),
      // Open: recorded, forwarded or answered (not yet resolved or declined).
      openAspirationCount: await one(
        `SELECT count(*) AS n FROM aspirations a JOIN households h ON h.id = a.household_id
          WHERE h.village_id = ANY (${area}) AND a.status IN ('RECORDED', 'FORWARDED', 'ANSWERED')`,
      ),
      // Quiet: helping a household of the area, and no visit in the last six months.
      groupsWithoutRecentVisitCount: await one(
        `SELECT count(*) AS n FROM support_groups g
          WHERE EXISTS (SELECT 1 FROM support_group_households l JOIN households h ON h.id = l.household_id
                         WHERE l.support_group_id = g.id AND h.village_id = ANY (${area}))
            AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.group_id = g.id
                             AND v.visit_date > ${day} - interval '6 months')`,
      ),
      today: (await rows(inForce(day), [unitId])) as { category: string; count: number }[],
      end2014: (await rows(inForce(`'2014-12-31'::date`), [unitId])) as {
        category: string;
        count: number;
      }[],
    };
  }

  it('gives administrators, analysts and viewers the counts of the records, as it was and today', async () => {
    // The commune of the demo's first household, and its province.
    const [unit] = await rows(
      `SELECT v.parent_id AS commune, p.parent_id AS district FROM households h
         JOIN administrative_units v ON v.id = h.village_id
         JOIN administrative_units p ON p.id = v.parent_id ORDER BY h.id LIMIT 1`,
    );
    const units = [unit!.commune, unit!.district].filter((u): u is string => !!u);
    // Something to count: an open aspiration and an escape in the commune.
    const [household] = await rows(
      `SELECT h.id FROM households h JOIN administrative_units v ON v.id = h.village_id
        WHERE v.parent_id = $1 ORDER BY h.id LIMIT 1`,
      [unit!.commune],
    );
    await app.db.query(
      `INSERT INTO aspirations (household_id, content, status, recorded_date)
       VALUES ($1, 'Đối soát đơn vị', 'RECORDED', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 40)`,
      [household!.id],
    );
    for (const unitId of units) {
      for (const today of [false, true]) {
        const expected = await counted(unitId, today);
        expect(expected.householdCount).toBeGreaterThan(0);
        for (const who of ['admin', 'analyst', 'viewer'] as const) {
          const shown = dataOf(
            await app.graphql<{ householdOverview: Record<string, any> }>(
              OVERVIEW,
              { unitId, unitMode: today ? 'TODAY' : 'AS_THEN' },
              { cookie: roles.cookies[who] },
            ),
          ).householdOverview;
          const where = `${who} ${unitId} ${today ? 'TODAY' : 'AS_THEN'}`;
          expect(
            {
              householdCount: shown.householdCount,
              escapedCount: shown.escapedCount,
              escapedSustainablyCount: shown.escapedSustainablyCount,
              openAspirationCount: shown.openAspirationCount,
              groupsWithoutRecentVisitCount: shown.groupsWithoutRecentVisitCount,
            },
            where,
          ).toEqual({
            householdCount: expected.householdCount,
            escapedCount: expected.escapedCount,
            escapedSustainablyCount: expected.escapedSustainablyCount,
            openAspirationCount: expected.openAspirationCount,
            groupsWithoutRecentVisitCount: expected.groupsWithoutRecentVisitCount,
          });
          const nonZero = (list: { category: string; count: number }[]) =>
            list
              .filter((c) => c.count > 0)
              .map(({ category, count }) => ({ category, count }))
              .sort((x, y) => x.category.localeCompare(y.category));
          expect(nonZero(shown.byCategory), where).toEqual(nonZero(expected.today));
          expect(
            nonZero(
              (
                shown.byCategoryOverYears as { year: number; category: string; count: number }[]
              ).filter((s) => s.year === 2014),
            ),
            `${where} 2014`,
          ).toEqual(nonZero(expected.end2014));
        }
      }
    }
  });
});
