import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOUSEHOLD_CHILD_READ } from './1795980000000-policies-the-planner-can-use';

/**
 * The households dashboard counted escapes from poverty by a window over every yearly review
 * (5.7 s over 900,000 reviews). The outcome of a household changes only when its reviews do, so
 * the database keeps it: one row per household that escaped, recomputed by statement-level
 * triggers for the households a statement touched. The reading is povertyOutcome()'s
 * (modules/household/poverty.ts): the latest POOR → not-POOR step, void if POOR again later;
 * "sustainably" when a later review confirms it.
 */
export class PovertyOutcomesKeptByTheDatabase1795981000000 implements MigrationInterface {
  name = 'PovertyOutcomesKeptByTheDatabase1795981000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE household_poverty_outcomes (
               household_id uuid PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
               escaped_year integer NOT NULL,
               sustainably boolean NOT NULL)`);
    // Figures about households the request may see, as their reviews are; written only by the
    // trigger below, never by the app.
    await q(`ALTER TABLE household_poverty_outcomes ENABLE ROW LEVEL SECURITY`);
    await q(`ALTER TABLE household_poverty_outcomes FORCE ROW LEVEL SECURITY`);
    await q(`CREATE POLICY scope_read ON household_poverty_outcomes FOR SELECT
               USING (${HOUSEHOLD_CHILD_READ('household_id')})`);
    await q(
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON household_poverty_outcomes FROM plan68_app`,
    );
    await q(`GRANT SELECT ON household_poverty_outcomes TO plan68_app`);

    // SECURITY DEFINER: it reads every review of the household (the owner bypasses row-level
    // security) and writes a table the app may not.
    await q(`CREATE FUNCTION refresh_poverty_outcomes(households uuid[]) RETURNS void
               LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DELETE FROM household_poverty_outcomes WHERE household_id = ANY (households);
      WITH steps AS (
        SELECT household_id, year, result,
               lag(result) OVER (PARTITION BY household_id ORDER BY year) AS previous
          FROM poverty_reviews WHERE household_id = ANY (households)),
      escaped AS (
        SELECT household_id, max(year) AS year FROM steps
         WHERE previous = 'POOR' AND result <> 'POOR' GROUP BY household_id),
      summary AS (
        SELECT household_id, max(year) FILTER (WHERE result = 'POOR') AS last_poor,
               max(year) AS latest
          FROM steps GROUP BY household_id)
      INSERT INTO household_poverty_outcomes (household_id, escaped_year, sustainably)
      SELECT e.household_id, e.year, s.latest > e.year
        FROM escaped e JOIN summary s USING (household_id)
       WHERE e.year > s.last_poor
         AND EXISTS (SELECT 1 FROM households h WHERE h.id = e.household_id)
    $$`);
    // The app's statements fire the triggers; recomputing a household's outcome is harmless.
    await q(`REVOKE ALL ON FUNCTION refresh_poverty_outcomes(uuid[]) FROM PUBLIC`);
    await q(`GRANT EXECUTE ON FUNCTION refresh_poverty_outcomes(uuid[]) TO plan68_app`);
    for (const [event, tables, households] of [
      ['INSERT', 'NEW TABLE AS changed', 'SELECT household_id FROM changed'],
      ['DELETE', 'OLD TABLE AS changed', 'SELECT household_id FROM changed'],
      [
        'UPDATE',
        'OLD TABLE AS before NEW TABLE AS after',
        'SELECT household_id FROM before UNION SELECT household_id FROM after',
      ],
    ] as const) {
      await q(`CREATE FUNCTION poverty_outcomes_after_${event.toLowerCase()}() RETURNS trigger
                 LANGUAGE plpgsql AS $$
                 BEGIN
                   PERFORM refresh_poverty_outcomes(ARRAY(SELECT DISTINCT h FROM (${households}) t (h)));
                   RETURN NULL;
                 END $$`);
      await q(`CREATE TRIGGER poverty_outcomes_after_${event.toLowerCase()}
                 AFTER ${event} ON poverty_reviews REFERENCING ${tables}
                 FOR EACH STATEMENT EXECUTE FUNCTION poverty_outcomes_after_${event.toLowerCase()}()`);
    }
    await q(
      `SELECT refresh_poverty_outcomes(ARRAY(SELECT DISTINCT household_id FROM poverty_reviews))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'delete', 'update']) {
      await queryRunner.query(`DROP TRIGGER poverty_outcomes_after_${event} ON poverty_reviews`);
      await queryRunner.query(`DROP FUNCTION poverty_outcomes_after_${event}()`);
    }
    await queryRunner.query('DROP FUNCTION refresh_poverty_outcomes(uuid[])');
    await queryRunner.query('DROP TABLE household_poverty_outcomes');
  }
}
