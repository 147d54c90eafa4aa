import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One source of truth for a household's poverty category: its yearly reviews.
 *
 * - Poverty standards become versioned reference data (code, edition, legal act, years in force,
 *   kind), and each review keeps the standard (and edition) it was made under, the one in force in
 *   its year, and the day the commune recognised it (`review_date`, in the review year).
 * - `derive_category_periods(household, since)` rewrites the household's POOR / NEAR_POOR periods
 *   from `since` on as its reviews imply: each review's finding holds from its date to the day
 *   before the next review's; POOR and NEAR_POOR open a period of that category, NOT_POOR none.
 *   A period running into `since` of the category found there continues (and is marked as the
 *   review's when it was a hand-entered one: the review confirms it); any other closes the day
 *   before. Periods starting on or after `since` are replaced, corrections included: a later review
 *   wins over a correction for the dates it covers. POLICY_FAMILY periods are never touched.
 *   The service calls it in the review's own transaction (not a trigger: the bench and the tests'
 *   fixtures load reviews and periods side by side as raw rows, and must keep what they load). Its
 *   statements fire the statement-level triggers that keep category_daily_moves and row_counts.
 * - Existing data is reconciled by migration 1795997000000 (it was reconciled here, with a body
 *   that failed on some households; see there): every reviewed household's periods are derived
 *   from its first review on, so the two records agree from the day that runs.
 */
export class ReviewsDriveCategories1795994000000 implements MigrationInterface {
  name = 'ReviewsDriveCategories1795994000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TYPE "public"."poverty_standard_kind" AS ENUM('INCOME', 'MULTIDIMENSIONAL')`);
    await q(`CREATE TABLE "poverty_standards" (
               "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT 1,
               "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
               "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
               "code" text NOT NULL, "edition" integer NOT NULL DEFAULT 1, "name" text NOT NULL,
               "legal_act" text NOT NULL, "kind" "public"."poverty_standard_kind" NOT NULL,
               "valid_from" date NOT NULL, "valid_to" date, "rural_income_line" bigint,
               "urban_income_line" bigint, "notes" text,
               CONSTRAINT "poverty_standards_valid_range" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"),
               CONSTRAINT "PK_poverty_standards" PRIMARY KEY ("id"))`);
    await q(
      `CREATE UNIQUE INDEX "poverty_standards_code_edition" ON "poverty_standards" ("code", "edition")`,
    );
    // Reference data: everyone signed in reads it, administrators change it (access matrix); no
    // personal data, so no row-level security. Every change is in the audit trail.
    await q(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON poverty_standards
               FOR EACH ROW EXECUTE FUNCTION audit_row_change('id')`);
    // Sources, and what could not be confirmed: the comment atop modules/household/poverty-standards.ts.
    await q(`INSERT INTO poverty_standards (code, edition, name, legal_act, kind, valid_from, valid_to,
               rural_income_line, urban_income_line, notes) VALUES
      ('2011-2015', 1, 'Chuẩn nghèo giai đoạn 2011–2015', 'Quyết định 09/2011/QĐ-TTg', 'INCOME',
       '2011-01-01', '2015-12-31', 400000, 500000,
       'Chỉ theo thu nhập. Hiệu lực từ 01/01/2011. Mức nông thôn 400.000 đồng chưa được đối chiếu với văn bản (UNCONFIRMED).'),
      ('2016-2020', 1, 'Chuẩn nghèo tiếp cận đa chiều giai đoạn 2016–2020', 'Quyết định 59/2015/QĐ-TTg', 'MULTIDIMENSIONAL',
       '2016-01-01', '2021-12-31', 700000, 900000,
       'Thu nhập và 10 chỉ số thiếu hụt của 5 dịch vụ xã hội cơ bản. Hiệu lực từ 05/01/2016; năm 2021 tiếp tục áp dụng (Điều 2 Nghị định 07/2021/NĐ-CP).'),
      ('2022-2025', 1, 'Chuẩn nghèo đa chiều giai đoạn 2022–2025', 'Nghị định 07/2021/NĐ-CP', 'MULTIDIMENSIONAL',
       '2022-01-01', '2026-12-31', 1500000, 2000000,
       'Thu nhập và 12 chỉ số của 6 chiều thiếu hụt. Nghị định 30/2025/NĐ-CP sửa đổi, bổ sung. Áp dụng đến hết năm 2026 theo Nghị định 351/2025/NĐ-CP (UNCONFIRMED).'),
      ('2026-2030', 1, 'Chuẩn nghèo đa chiều giai đoạn 2026–2030', 'Nghị định 351/2025/NĐ-CP', 'MULTIDIMENSIONAL',
       '2026-01-01', '2030-12-31', 2200000, 2800000,
       'Hộ nghèo: thu nhập không quá chuẩn và thiếu hụt từ 3 chỉ số trở lên; hộ cận nghèo: thiếu hụt dưới 3 chỉ số. Mức 2.200.000/2.800.000 đồng áp dụng 2027–2030 (UNCONFIRMED: theo báo chí, chưa đối chiếu văn bản).')`);

    await q(`ALTER TABLE "poverty_reviews" ADD "review_date" date`);
    await q(`ALTER TABLE "poverty_reviews" ADD "standard_id" uuid`);
    await q(`ALTER TABLE "poverty_reviews" ADD "standard_edition" integer`);
    await q(`ALTER TABLE "poverty_reviews" ADD CONSTRAINT "FK_e4d316f604865b17d6b9fd679f3" FOREIGN KEY ("standard_id")
               REFERENCES "poverty_standards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q(`CREATE INDEX "IDX_e4d316f604865b17d6b9fd679f" ON "poverty_reviews" ("standard_id")`);
    await q(`ALTER TABLE "poverty_reviews" ADD CONSTRAINT "poverty_reviews_date_in_year"
               CHECK ("review_date" IS NULL OR extract(year FROM "review_date") = "year")`);
    // Existing reviews: the standard in force in their year (the newest when two are) and, as
    // their day, 31/12 of the year (today for this year's: no review is dated in the future).
    await q(`UPDATE poverty_reviews r SET
               review_date = least(make_date(r.year, 12, 31), (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date),
               (standard_id, standard_edition) = (
                 SELECT s.id, s.edition FROM poverty_standards s
                  WHERE s.valid_from <= make_date(r.year, 12, 31)
                    AND (s.valid_to IS NULL OR s.valid_to >= make_date(r.year, 1, 1))
                  ORDER BY s.valid_from DESC, s.edition DESC LIMIT 1)`);

    await q(
      `CREATE TYPE "public"."category_period_source" AS ENUM('MANUAL', 'REVIEW', 'CORRECTION')`,
    );
    await q(`ALTER TABLE "household_category_periods"
               ADD "source" "public"."category_period_source" NOT NULL DEFAULT 'MANUAL'`);
    await q(`ALTER TABLE "household_category_periods" ADD "review_id" uuid`);
    await q(`ALTER TABLE "household_category_periods" ADD "correction_reason" text`);
    await q(`ALTER TABLE "household_category_periods" ADD CONSTRAINT "FK_441f042575428515413d124ab9d"
               FOREIGN KEY ("review_id") REFERENCES "poverty_reviews"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q(
      `CREATE INDEX "IDX_441f042575428515413d124ab9" ON "household_category_periods" ("review_id")`,
    );
    await q(`ALTER TABLE "household_category_periods" ADD CONSTRAINT "household_category_periods_correction_reason"
               CHECK ("source" <> 'CORRECTION' OR "correction_reason" IS NOT NULL)`);
    await q(`ALTER TABLE "household_category_periods" ADD CONSTRAINT "household_category_periods_review_category"
               CHECK ("source" = 'MANUAL' OR "category" IN ('POOR', 'NEAR_POOR'))`);

    // SECURITY INVOKER: it writes as the caller, under the caller's row-level security, in the
    // caller's transaction; returns how many period rows it changed.
    await q(`CREATE FUNCTION derive_category_periods(target uuid, since date) RETURNS integer
               LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
      DECLARE
        run record;
        changed integer := 0;
        n integer;
        first_day date;
        continued uuid;
        clipped boolean := false;
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
            clipped := true;
          END IF;
        END LOOP;
        IF NOT clipped THEN
          UPDATE household_category_periods SET valid_to = since - 1
           WHERE household_id = target AND category IN ('POOR', 'NEAR_POOR')
             AND valid_from < since AND (valid_to IS NULL OR valid_to >= since);
          GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
        END IF;
        RETURN changed;
      END $$`);
    await q(`REVOKE ALL ON FUNCTION derive_category_periods(uuid, date) FROM PUBLIC`);
    await q(`GRANT EXECUTE ON FUNCTION derive_category_periods(uuid, date) TO plan68_app`);

    // The reconciliation of existing data runs in 1795997000000, with the mended function.
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q('DROP FUNCTION derive_category_periods(uuid, date)');
    await q(
      `ALTER TABLE "household_category_periods" DROP CONSTRAINT "household_category_periods_review_category"`,
    );
    await q(
      `ALTER TABLE "household_category_periods" DROP CONSTRAINT "household_category_periods_correction_reason"`,
    );
    await q(`DROP INDEX "IDX_441f042575428515413d124ab9"`);
    await q(
      `ALTER TABLE "household_category_periods" DROP CONSTRAINT "FK_441f042575428515413d124ab9d"`,
    );
    await q(`ALTER TABLE "household_category_periods" DROP COLUMN "correction_reason"`);
    await q(`ALTER TABLE "household_category_periods" DROP COLUMN "review_id"`);
    await q(`ALTER TABLE "household_category_periods" DROP COLUMN "source"`);
    await q(`DROP TYPE "public"."category_period_source"`);
    await q(`ALTER TABLE "poverty_reviews" DROP CONSTRAINT "poverty_reviews_date_in_year"`);
    await q(`DROP INDEX "IDX_e4d316f604865b17d6b9fd679f"`);
    await q(`ALTER TABLE "poverty_reviews" DROP CONSTRAINT "FK_e4d316f604865b17d6b9fd679f3"`);
    await q(`ALTER TABLE "poverty_reviews" DROP COLUMN "standard_edition"`);
    await q(`ALTER TABLE "poverty_reviews" DROP COLUMN "standard_id"`);
    await q(`ALTER TABLE "poverty_reviews" DROP COLUMN "review_date"`);
    await q(`DROP TABLE "poverty_standards"`);
    await q(`DROP TYPE "public"."poverty_standard_kind"`);
  }
}
