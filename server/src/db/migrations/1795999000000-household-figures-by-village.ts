import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The households dashboard of the whole program, or of one administrative unit, for those who read
 * every household (administrators, analysts; a viewer's aggregate): read from figures the database
 * keeps, never by counting the households, periods, aspirations or group links of a province live
 * (tens of milliseconds per figure at 300,000 households, and every group checked one by one for
 * the quiet groups of a unit).
 *
 * Every figure is kept by village, the unit a household is placed in; a unit's figure is the sum
 * over the villages of its area (plan68_unit_area, as it was or as today's unit), an index range.
 * Each table is recomputed for the villages (or groups) a statement touched, by statement-level
 * triggers, inside the writing transaction: exact and committed with the rows it summarises.
 * Recomputing (not adding deltas) stays right when a household is deleted and its child rows go
 * with it by cascade: the households trigger runs last and recounts its villages.
 *
 * - village_household_figures: households, those escaped from poverty and escaped sustainably
 *   (from household_poverty_outcomes, itself kept from the reviews).
 * - village_category_moves: the category_daily_moves of the village's households (a period adds its
 *   household on valid_from and takes it away the day after valid_to); a unit's households by
 *   category on a day are the sum of the moves up to it.
 * - village_aspiration_days: aspirations by status and recorded date; the open ones by age are a
 *   sum over date ranges (which statuses are open stays the service's rule).
 * - aspiration_daily_counts: the same for the whole program, moved by deltas (no village needed).
 * - poverty_outcome_totals: the whole program's escaped and escaped-sustainably households, one
 *   row moved by deltas (as row_counts), so the program's figure is not a sum over every village.
 * - support_group_villages: the villages of the households each group helps; a unit's groups are
 *   the distinct groups of its villages, as the lists' groupInArea reads them live.
 */
export class HouseholdFiguresByVillage1795999000000 implements MigrationInterface {
  name = 'HouseholdFiguresByVillage1795999000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE village_household_figures (
               village_id uuid PRIMARY KEY,
               households integer NOT NULL,
               escaped integer NOT NULL,
               escaped_sustainably integer NOT NULL)`);
    await q(`CREATE TABLE village_category_moves (
               village_id uuid NOT NULL,
               category household_category NOT NULL,
               day date NOT NULL,
               delta integer NOT NULL,
               PRIMARY KEY (village_id, category, day))`);
    await q(`CREATE TABLE village_aspiration_days (
               village_id uuid NOT NULL,
               status aspiration_status NOT NULL,
               recorded_date date NOT NULL,
               count integer NOT NULL,
               PRIMARY KEY (village_id, status, recorded_date))`);
    await q(`CREATE TABLE aspiration_daily_counts (
               status aspiration_status NOT NULL,
               recorded_date date NOT NULL,
               count integer NOT NULL,
               PRIMARY KEY (status, recorded_date))`);
    await q(`CREATE TABLE poverty_outcome_totals (
               id boolean PRIMARY KEY DEFAULT true CHECK (id),
               escaped integer NOT NULL,
               escaped_sustainably integer NOT NULL)`);
    await q(`CREATE TABLE support_group_villages (
               village_id uuid NOT NULL,
               group_id uuid NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
               PRIMARY KEY (village_id, group_id))`);
    await q(`CREATE INDEX "IDX_support_group_villages_group" ON support_group_villages (group_id)`);

    // Figures of every household: read by those who read every household, and by aggregates (a
    // viewer's dashboard); officers and members count their own records. Written only by the
    // triggers below.
    for (const table of TABLES) {
      await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q(`CREATE POLICY scope_read ON ${table} FOR SELECT USING ((SELECT app_reads_all()))`);
      await q(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${table} FROM plan68_app`);
      await q(`GRANT SELECT ON ${table} TO plan68_app`);
    }

    // SECURITY DEFINER: they read every row of the villages (the owner bypasses row-level
    // security) and write tables the app may not.
    // Concurrent writes in one village (two households of it, in two transactions) would each
    // recount it from what their own snapshot sees, and insert the same keys: each refresh first
    // takes a transaction lock per village (or group), in order, so the second waits for the first
    // to commit and then recounts with its rows (each statement of these functions sees what was
    // committed before it began). The locks are per bucket of villages (256 buckets), not per
    // village: a statement touching 80,000 villages (this migration, an import, a bulk load) would
    // otherwise need 80,000 locks and exhaust the lock table ("out of shared memory").
    const lockSpace = { villages: 68_101, groups: 68_102 } as const;
    const definer = (name: string, arg: keyof typeof lockSpace, body: string) => [
      `CREATE FUNCTION ${name}(${arg} uuid[]) RETURNS void
         LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
         SELECT count(pg_advisory_xact_lock(${lockSpace[arg]}, bucket)) FROM (
           SELECT DISTINCT (hashtextextended(u::text, 0) & 255)::int AS bucket
             FROM unnest(${arg}) u ORDER BY 1) locks;
         ${body} $$`,
      `REVOKE ALL ON FUNCTION ${name}(uuid[]) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION ${name}(uuid[]) TO plan68_app`,
    ];
    for (const sql of [
      ...definer(
        'refresh_village_household_figures',
        'villages',
        `DELETE FROM village_household_figures WHERE village_id = ANY (villages);
         INSERT INTO village_household_figures (village_id, households, escaped, escaped_sustainably)
         SELECT h.village_id, count(*), count(o.household_id), count(*) FILTER (WHERE o.sustainably)
           FROM households h LEFT JOIN household_poverty_outcomes o ON o.household_id = h.id
          WHERE h.village_id = ANY (villages)
          GROUP BY h.village_id;`,
      ),
      ...definer(
        'refresh_village_category_moves',
        'villages',
        `DELETE FROM village_category_moves WHERE village_id = ANY (villages);
         INSERT INTO village_category_moves (village_id, category, day, delta)
         SELECT village_id, category, day, sum(delta) FROM (
           SELECT h.village_id, c.category, c.valid_from AS day, 1 AS delta
             FROM household_category_periods c JOIN households h ON h.id = c.household_id
            WHERE h.village_id = ANY (villages)
           UNION ALL
           SELECT h.village_id, c.category, c.valid_to + 1, -1
             FROM household_category_periods c JOIN households h ON h.id = c.household_id
            WHERE h.village_id = ANY (villages) AND c.valid_to IS NOT NULL) moved
          GROUP BY village_id, category, day
         HAVING sum(delta) <> 0;`,
      ),
      ...definer(
        'refresh_village_aspiration_days',
        'villages',
        `DELETE FROM village_aspiration_days WHERE village_id = ANY (villages);
         INSERT INTO village_aspiration_days (village_id, status, recorded_date, count)
         SELECT h.village_id, a.status, a.recorded_date, count(*)
           FROM aspirations a JOIN households h ON h.id = a.household_id
          WHERE h.village_id = ANY (villages)
          GROUP BY h.village_id, a.status, a.recorded_date;`,
      ),
      ...definer(
        'refresh_support_group_villages',
        'groups',
        `DELETE FROM support_group_villages WHERE group_id = ANY (groups);
         INSERT INTO support_group_villages (village_id, group_id)
         SELECT DISTINCT h.village_id, l.support_group_id
           FROM support_group_households l JOIN households h ON h.id = l.household_id
          WHERE l.support_group_id = ANY (groups)
            AND EXISTS (SELECT 1 FROM support_groups g WHERE g.id = l.support_group_id);`,
      ),
    ])
      await q(sql);

    /** Statement-level triggers on `table` calling `body` with the rows the statement changed. */
    const triggers = async (
      table: string,
      name: string,
      body: (changed: string) => string,
      /** The rows an UPDATE changed, when only some changes matter (before and after). */
      updated = 'SELECT * FROM before UNION ALL SELECT * FROM after',
    ) => {
      for (const [event, tables, changed] of [
        ['INSERT', 'NEW TABLE AS changed', 'SELECT * FROM changed'],
        ['DELETE', 'OLD TABLE AS changed', 'SELECT * FROM changed'],
        ['UPDATE', 'OLD TABLE AS before NEW TABLE AS after', updated],
      ] as const) {
        const fn = `${name}_after_${event.toLowerCase()}`;
        await q(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
                   BEGIN ${body(changed)} RETURN NULL; END $$`);
        await q(`CREATE TRIGGER ${fn} AFTER ${event}
                   ON ${table} REFERENCING ${tables}
                   FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      }
    };
    const villagesOf = (changed: string) =>
      `ARRAY(SELECT DISTINCT h.village_id FROM (${changed}) t JOIN households h ON h.id = t.household_id)`;
    // A household added, deleted (its periods, aspirations and links with it) or moved to another
    // village (an update of anything else changes no figure).
    await triggers(
      'households',
      'village_figures_households',
      (changed) => `
        PERFORM refresh_village_household_figures(ARRAY(SELECT DISTINCT village_id FROM (${changed}) t));
        PERFORM refresh_village_category_moves(ARRAY(SELECT DISTINCT village_id FROM (${changed}) t));
        PERFORM refresh_village_aspiration_days(ARRAY(SELECT DISTINCT village_id FROM (${changed}) t));
        PERFORM refresh_support_group_villages(ARRAY(
          SELECT DISTINCT l.support_group_id FROM support_group_households l
           WHERE l.household_id IN (SELECT id FROM (${changed}) t)));`,
      `SELECT b.id, b.village_id FROM before b JOIN after a ON a.id = b.id
        WHERE a.village_id IS DISTINCT FROM b.village_id
       UNION ALL
       SELECT a.id, a.village_id FROM before b JOIN after a ON a.id = b.id
        WHERE a.village_id IS DISTINCT FROM b.village_id`,
    );
    await triggers(
      'household_poverty_outcomes',
      'village_figures_outcomes',
      (changed) => `PERFORM refresh_village_household_figures(${villagesOf(changed)});`,
    );
    await triggers(
      'household_category_periods',
      'village_figures_periods',
      (changed) => `PERFORM refresh_village_category_moves(${villagesOf(changed)});`,
    );
    await triggers(
      'aspirations',
      'village_figures_aspirations',
      (changed) => `PERFORM refresh_village_aspiration_days(${villagesOf(changed)});`,
    );
    await triggers(
      'support_group_households',
      'village_figures_group_links',
      (changed) =>
        `PERFORM refresh_support_group_villages(ARRAY(SELECT DISTINCT support_group_id FROM (${changed}) t));`,
    );

    // The whole program's aspirations by status and day, by deltas (as category_daily_moves).
    const counted = (rows: string, sign: 1 | -1) =>
      `SELECT status, recorded_date, ${sign} AS n FROM ${rows}`;
    for (const [op, source, transition] of [
      ['insert', counted('new_rows', 1), 'NEW TABLE AS new_rows'],
      ['delete', counted('old_rows', -1), 'OLD TABLE AS old_rows'],
      [
        'update',
        `${counted('new_rows', 1)} UNION ALL ${counted('old_rows', -1)}`,
        'OLD TABLE AS old_rows NEW TABLE AS new_rows',
      ],
    ] as const) {
      await q(`CREATE FUNCTION aspiration_daily_counts_${op}() RETURNS trigger LANGUAGE plpgsql
                 SECURITY DEFINER SET search_path = public, pg_temp AS $$
               BEGIN
                 INSERT INTO aspiration_daily_counts AS c (status, recorded_date, count)
                 SELECT status, recorded_date, sum(n) FROM (${source}) moved
                  GROUP BY status, recorded_date HAVING sum(n) <> 0
                 ON CONFLICT (status, recorded_date) DO UPDATE SET count = c.count + EXCLUDED.count;
                 DELETE FROM aspiration_daily_counts WHERE count = 0;
                 RETURN NULL;
               END $$`);
      await q(`REVOKE ALL ON FUNCTION aspiration_daily_counts_${op}() FROM PUBLIC`);
      await q(`CREATE TRIGGER aspiration_daily_counts_${op} AFTER ${op.toUpperCase()}
                 ON aspirations REFERENCING ${transition}
                 FOR EACH STATEMENT EXECUTE FUNCTION aspiration_daily_counts_${op}()`);
    }

    // The whole program's escapes, by deltas of the outcomes a statement added or removed.
    const outcomes = (rows: string, sign: 1 | -1) =>
      `SELECT ${sign} AS n, CASE WHEN sustainably THEN ${sign} ELSE 0 END AS s FROM ${rows}`;
    for (const [op, source, transition] of [
      ['insert', outcomes('new_rows', 1), 'NEW TABLE AS new_rows'],
      ['delete', outcomes('old_rows', -1), 'OLD TABLE AS old_rows'],
      [
        'update',
        `${outcomes('new_rows', 1)} UNION ALL ${outcomes('old_rows', -1)}`,
        'OLD TABLE AS old_rows NEW TABLE AS new_rows',
      ],
    ] as const) {
      await q(`CREATE FUNCTION poverty_outcome_totals_${op}() RETURNS trigger LANGUAGE plpgsql
                 SECURITY DEFINER SET search_path = public, pg_temp AS $$
               BEGIN
                 UPDATE poverty_outcome_totals t SET escaped = t.escaped + m.n,
                        escaped_sustainably = t.escaped_sustainably + m.s
                   FROM (SELECT coalesce(sum(n), 0) AS n, coalesce(sum(s), 0) AS s FROM (${source}) d) m
                  WHERE m.n <> 0 OR m.s <> 0;
                 RETURN NULL;
               END $$`);
      await q(`REVOKE ALL ON FUNCTION poverty_outcome_totals_${op}() FROM PUBLIC`);
      await q(`CREATE TRIGGER poverty_outcome_totals_${op} AFTER ${op.toUpperCase()}
                 ON household_poverty_outcomes REFERENCING ${transition}
                 FOR EACH STATEMENT EXECUTE FUNCTION poverty_outcome_totals_${op}()`);
    }

    // What exists already.
    await q(`SELECT refresh_village_household_figures(ARRAY(SELECT DISTINCT village_id FROM households)),
                    refresh_village_category_moves(ARRAY(SELECT DISTINCT village_id FROM households)),
                    refresh_village_aspiration_days(ARRAY(SELECT DISTINCT village_id FROM households)),
                    refresh_support_group_villages(ARRAY(SELECT id FROM support_groups))`);
    await q(`INSERT INTO poverty_outcome_totals (escaped, escaped_sustainably)
             SELECT count(*), count(*) FILTER (WHERE sustainably) FROM household_poverty_outcomes`);
    await q(`INSERT INTO aspiration_daily_counts (status, recorded_date, count)
             SELECT status, recorded_date, count(*) FROM aspirations GROUP BY 1, 2`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const [table, name] of [
      ['households', 'village_figures_households'],
      ['household_poverty_outcomes', 'village_figures_outcomes'],
      ['household_category_periods', 'village_figures_periods'],
      ['aspirations', 'village_figures_aspirations'],
      ['support_group_households', 'village_figures_group_links'],
    ]) {
      for (const event of ['insert', 'delete', 'update']) {
        await q(`DROP TRIGGER ${name}_after_${event} ON ${table}`);
        await q(`DROP FUNCTION ${name}_after_${event}()`);
      }
    }
    for (const op of ['insert', 'delete', 'update']) {
      await q(`DROP TRIGGER aspiration_daily_counts_${op} ON aspirations`);
      await q(`DROP FUNCTION aspiration_daily_counts_${op}()`);
      await q(`DROP TRIGGER poverty_outcome_totals_${op} ON household_poverty_outcomes`);
      await q(`DROP FUNCTION poverty_outcome_totals_${op}()`);
    }
    for (const fn of [
      'refresh_village_household_figures',
      'refresh_village_category_moves',
      'refresh_village_aspiration_days',
      'refresh_support_group_villages',
    ])
      await q(`DROP FUNCTION ${fn}(uuid[])`);
    for (const table of [...TABLES].reverse()) await q(`DROP TABLE ${table}`);
  }
}

/** The tables this migration keeps. */
export const VILLAGE_FIGURE_TABLES = [
  'village_household_figures',
  'village_category_moves',
  'village_aspiration_days',
  'aspiration_daily_counts',
  'poverty_outcome_totals',
  'support_group_villages',
] as const;
const TABLES = VILLAGE_FIGURE_TABLES;
