import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrations } from '../server/src/db/migrations';
import { ReviewsDriveCategories1795994000000 } from '../server/src/db/migrations/1795994000000-reviews-drive-categories';
import { startTestApp, type TestApp } from './support/app';

/**
 * Migration 1795994000000 reconciles the data it finds: a household whose POOR period stayed open
 * after its reviews found it out of poverty gets the period its reviews imply, and the demo's
 * periods, which agree with their reviews already, keep their dates and become the reviews'.
 */
let app: TestApp;
let householdId: string;
/** The bench data's shape: POOR twice in a row, then found NOT_POOR, POOR and NEAR_POOR. */
let backAndForthId: string;

beforeAll(async () => {
  app = await startTestApp();
  // The database as it was before the migration (and those after it), with the disagreement of
  // issue 14.4 in it.
  const undo = migrations.length - migrations.indexOf(ReviewsDriveCategories1795994000000);
  for (let i = 0; i < undo; i++) await app.db.undoLastMigration({ transaction: 'each' });
  const [village] = (await app.db.query(
    `SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY name LIMIT 1`,
  )) as { id: string }[];
  [{ id: householdId }] = (await app.db.query(
    `INSERT INTO households (village_id, head_name) VALUES ($1, 'Hộ trước khi đối chiếu (mẫu)') RETURNING id`,
    [village!.id],
  )) as { id: string }[];
  await app.db.query(
    `INSERT INTO household_category_periods (household_id, category, valid_from) VALUES
       ($1, 'POOR', '2013-01-01'), ($1, 'POLICY_FAMILY', '2010-01-01')`,
    [householdId],
  );
  await app.db.query(
    `INSERT INTO poverty_reviews (household_id, year, standard, result) VALUES
       ($1, 2014, 'Chuẩn nghèo giai đoạn 2011–2015', 'POOR'),
       ($1, 2016, 'Chuẩn nghèo giai đoạn 2016–2020', 'NOT_POOR'),
       ($1, 2017, 'Chuẩn nghèo giai đoạn 2016–2020', 'NOT_POOR')`,
    [householdId],
  );
  [{ id: backAndForthId }] = (await app.db.query(
    `INSERT INTO households (village_id, head_name) VALUES ($1, 'Hộ thoát nghèo rồi tái nghèo (mẫu)') RETURNING id`,
    [village!.id],
  )) as { id: string }[];
  await app.db.query(
    `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to) VALUES
       ($1, 'POOR', '2016-01-01', '2021-12-31'), ($1, 'POOR', '2022-01-01', NULL)`,
    [backAndForthId],
  );
  await app.db.query(
    `INSERT INTO poverty_reviews (household_id, year, standard, result) VALUES
       ($1, 2022, 'Chuẩn nghèo đa chiều giai đoạn 2022–2025', 'NOT_POOR'),
       ($1, 2023, 'Chuẩn nghèo đa chiều giai đoạn 2022–2025', 'POOR'),
       ($1, 2024, 'Chuẩn nghèo đa chiều giai đoạn 2022–2025', 'NEAR_POOR')`,
    [backAndForthId],
  );
  await app.db.runMigrations({ transaction: 'each' });
});

afterAll(async () => {
  await app?.close();
});

it("closes the period the household's reviews ended, and leaves its policy-family period alone", async () => {
  const periods = await app.db.query(
    `SELECT category, valid_from::text AS "from", valid_to::text AS "to", source::text
       FROM household_category_periods WHERE household_id = $1 ORDER BY valid_from`,
    [householdId],
  );
  expect(periods).toEqual([
    { category: 'POLICY_FAMILY', from: '2010-01-01', to: null, source: 'MANUAL' },
    // The 2014 review (dated 31/12/2014, its year's end) confirms the period; the 2016 one ends it.
    { category: 'POOR', from: '2013-01-01', to: '2016-12-30', source: 'REVIEW' },
  ]);
});

it('closes a period its first review ended before opening the one a later review finds', async () => {
  // Each review holds from its day (31/12 of its year) to the day before the next one's.
  const periods = await app.db.query(
    `SELECT category, valid_from::text AS "from", valid_to::text AS "to", source::text
       FROM household_category_periods WHERE household_id = $1 ORDER BY valid_from`,
    [backAndForthId],
  );
  expect(periods).toEqual([
    { category: 'POOR', from: '2016-01-01', to: '2021-12-31', source: 'MANUAL' },
    { category: 'POOR', from: '2022-01-01', to: '2022-12-30', source: 'MANUAL' },
    { category: 'POOR', from: '2023-12-31', to: '2024-12-30', source: 'REVIEW' },
    { category: 'NEAR_POOR', from: '2024-12-31', to: null, source: 'REVIEW' },
  ]);
});

it('gives each existing review the standard in force in its year', async () => {
  const reviews = await app.db.query(
    `SELECT r.year, r.review_date::text AS day, s.legal_act, r.standard_edition AS edition
       FROM poverty_reviews r JOIN poverty_standards s ON s.id = r.standard_id
      WHERE r.household_id = $1 ORDER BY r.year`,
    [householdId],
  );
  expect(reviews).toEqual([
    { year: 2014, day: '2014-12-31', legal_act: 'Quyết định 09/2011/QĐ-TTg', edition: 1 },
    { year: 2016, day: '2016-12-31', legal_act: 'Quyết định 59/2015/QĐ-TTg', edition: 1 },
    { year: 2017, day: '2017-12-31', legal_act: 'Quyết định 59/2015/QĐ-TTg', edition: 1 },
  ]);
});

it('keeps the figures the database summarises equal to the periods', async () => {
  // category_daily_moves (migration 1795986000000) against a count of the periods, year by year.
  const mismatches = await app.db.query(`
    WITH days AS (SELECT make_date(y, 12, 31) AS day FROM generate_series(2012, 2020) y),
    kept AS (SELECT d.day, m.category, sum(m.delta)::int AS n FROM days d
               JOIN category_daily_moves m ON m.day <= d.day GROUP BY 1, 2),
    counted AS (SELECT d.day, p.category, count(*)::int AS n FROM days d
                  JOIN household_category_periods p
                    ON p.valid_from <= d.day AND (p.valid_to IS NULL OR p.valid_to >= d.day)
                 GROUP BY 1, 2)
    SELECT * FROM kept FULL JOIN counted USING (day, category)
     WHERE coalesce(kept.n, 0) <> coalesce(counted.n, 0)`);
  expect(mismatches).toEqual([]);
});

it('changes on the demo data only whom its periods belong to, never their dates', async () => {
  const demo = await app.db.query(
    `SELECT count(*)::int AS n FROM household_category_periods
      WHERE household_id <> $1 AND category = 'POOR' AND source = 'REVIEW'
        AND valid_from = '2014-01-01' AND valid_to IS NULL AND review_id IS NOT NULL`,
    [householdId],
  );
  expect(demo).toEqual([{ n: 10 }]);
});
