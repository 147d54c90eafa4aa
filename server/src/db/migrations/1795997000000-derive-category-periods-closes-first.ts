import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `derive_category_periods` (migration 1795994000000) closed the periods running into `since` only
 * after inserting the new ones when the reviews gave no category on that day. A household that was
 * POOR and whose first review found it NOT_POOR, then POOR again a year later, got its new POOR
 * period inserted while the old one was still open: the no-overlap constraint refused it, and at
 * nation scale (the bench data: 331 of the first 3,000 households) the reconciliation in that
 * migration failed, and so did a review written through the service in that shape. The fixed body
 * closes first, then inserts. The reconciliation moved here, so it runs with the fixed function
 * (on a database where 1795994000000 already reconciled, it changes nothing: the derivation is
 * idempotent).
 */
export class DeriveCategoryPeriodsClosesFirst1795997000000 implements MigrationInterface {
  name = 'DeriveCategoryPeriodsClosesFirst1795997000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE OR REPLACE FUNCTION derive_category_periods(target uuid, since date) RETURNS integer
               LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      DECLARE
        run record;
        changed integer := 0;
        n integer;
        first_day date;
        continued uuid;
        category_at_since text;
      BEGIN
        -- A period whose review was deleted is a hand-entered one again.
        UPDATE household_category_periods SET source = 'MANUAL'
         WHERE household_id = target AND source = 'REVIEW' AND review_id IS NULL;
        GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
        SELECT min(coalesce(review_date, make_date(year, 12, 31))) INTO first_day
          FROM poverty_reviews WHERE household_id = target;
        since := coalesce(since, first_day);
        IF since IS NULL THEN RETURN changed; END IF;
        DELETE FROM household_category_periods
         WHERE household_id = target AND category IN ('POOR', 'NEAR_POOR') AND valid_from >= since;
        GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
        -- The category the reviews give on the day itself (the latest review on or before it). When
        -- they give none, whatever ran into the day closes the day before, *before* any period is
        -- inserted: an open period of the category a later review finds would overlap it.
        SELECT CASE WHEN result = 'NOT_POOR' THEN NULL ELSE result::text END INTO category_at_since
          FROM poverty_reviews
         WHERE household_id = target AND coalesce(review_date, make_date(year, 12, 31)) <= since
         ORDER BY coalesce(review_date, make_date(year, 12, 31)) DESC, id DESC LIMIT 1;
        IF category_at_since IS NULL THEN
          UPDATE household_category_periods SET valid_to = since - 1
           WHERE household_id = target AND category IN ('POOR', 'NEAR_POOR')
             AND valid_from < since AND (valid_to IS NULL OR valid_to >= since);
          GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
        END IF;
        FOR run IN
          WITH reviews AS (
            SELECT id, coalesce(review_date, make_date(year, 12, 31)) AS day,
                   CASE WHEN result = 'NOT_POOR' THEN NULL ELSE result::text END AS category
              FROM poverty_reviews WHERE household_id = target),
          segments AS (
            SELECT id, category, day, lead(day) OVER (ORDER BY day, id) - 1 AS end_day FROM reviews),
          relevant AS (
            SELECT id, category, greatest(day, since) AS start_day, end_day FROM segments
             WHERE end_day IS NULL OR end_day >= since),
          marked AS (
            SELECT *, CASE WHEN category IS NOT DISTINCT FROM lag(category) OVER (ORDER BY start_day)
                           THEN 0 ELSE 1 END AS opens FROM relevant),
          runs AS (SELECT *, sum(opens) OVER (ORDER BY start_day) AS run_no FROM marked)
          SELECT (array_agg(id ORDER BY start_day))[1] AS review_id, category::household_category AS category,
                 min(start_day) AS start_day,
                 CASE WHEN bool_or(end_day IS NULL) THEN NULL ELSE max(end_day) END AS end_day
            FROM runs WHERE category IS NOT NULL GROUP BY run_no, category ORDER BY 3
        LOOP
          continued := NULL;
          IF run.start_day = since THEN
            -- The category the household already had the day before continues.
            SELECT id INTO continued FROM household_category_periods
             WHERE household_id = target AND category = run.category AND valid_from < since
               AND (valid_to IS NULL OR valid_to >= since - 1);
          END IF;
          IF continued IS NOT NULL THEN
            UPDATE household_category_periods
               SET valid_to = run.end_day, review_id = coalesce(review_id, run.review_id),
                   source = CASE WHEN source = 'MANUAL' THEN 'REVIEW' ELSE source END
             WHERE id = continued
               AND (valid_to IS DISTINCT FROM run.end_day OR review_id IS NULL OR source = 'MANUAL');
            GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
          ELSE
            INSERT INTO household_category_periods (household_id, category, valid_from, valid_to, source, review_id)
            VALUES (target, run.category, run.start_day, run.end_day, 'REVIEW', run.review_id);
            changed := changed + 1;
          END IF;
          -- Whatever else ran into the day closes the day before.
          IF run.start_day = since THEN
            UPDATE household_category_periods SET valid_to = since - 1
             WHERE household_id = target AND category IN ('POOR', 'NEAR_POOR') AND id IS DISTINCT FROM continued
               AND valid_from < since AND (valid_to IS NULL OR valid_to >= since);
            GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
          END IF;
        END LOOP;
        RETURN changed;
      END $$`);
    // Reconciliation: every reviewed household's periods as its reviews imply.
    await q(`SELECT sum(derive_category_periods(h.household_id, NULL))
               FROM (SELECT DISTINCT household_id FROM poverty_reviews) h`);
  }

  public async down(): Promise<void> {
    // The earlier body is the defect this migration mends; reverting keeps the mended one (same
    // signature, same grants), and 1795994000000's down drops it.
  }
}
