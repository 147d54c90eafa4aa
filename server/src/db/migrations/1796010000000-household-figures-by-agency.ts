import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PERF (issue 12): an officer's household dashboard counted the agency's own households live on
 * every request: their category periods and their escapes from poverty, a few hundred index
 * searches each at nation scale (2.2 of the figures statement's 2.8 ms, EXPLAIN ANALYZE, 300,000
 * households; the dashboard sat at its 100 ms p95 target). An officer's households are the
 * agency's own (`households.organization_id`) and those its groups help across agencies (few); the
 * first part is now kept per agency, as the program's and the villages' figures are kept per
 * village (migration 1795999000000), and only the second is counted live.
 *
 * - organization_household_figures: the agency's households, those escaped from poverty and
 *   escaped sustainably (from household_poverty_outcomes, itself kept from the reviews).
 * - organization_category_moves: the category moves of the agency's households per day (a period
 *   adds its household on valid_from and takes it away the day after valid_to).
 *
 * Recomputed for the agencies a statement touched, by statement-level triggers inside the writing
 * transaction, under a transaction lock per bucket of agencies (the villages' reasons: concurrent
 * writers recount in turn, and a bulk statement holds at most 256 locks). A household deleted
 * takes its periods and outcome with it by cascade; the households trigger runs after them and
 * recounts its agency.
 *
 * Read by those who read every household and, for one agency, by that agency's officers.
 */
export class HouseholdFiguresByAgency1796010000000 implements MigrationInterface {
  name = 'HouseholdFiguresByAgency1796010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE organization_household_figures (
               organization_id uuid PRIMARY KEY,
               households integer NOT NULL,
               escaped integer NOT NULL,
               escaped_sustainably integer NOT NULL)`);
    await q(`CREATE TABLE organization_category_moves (
               organization_id uuid NOT NULL,
               category household_category NOT NULL,
               day date NOT NULL,
               delta integer NOT NULL,
               PRIMARY KEY (organization_id, category, day))`);
    for (const table of AGENCY_FIGURE_TABLES) {
      await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q(`CREATE POLICY scope_read ON ${table} FOR SELECT USING (
                 (SELECT app_reads_all())
                 OR ((SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org())))`);
      await q(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${table} FROM plan68_app`);
      await q(`GRANT SELECT ON ${table} TO plan68_app`);
    }

    // SECURITY DEFINER: they read every household of the agencies (the owner bypasses row-level
    // security) and write tables the app may not.
    const definer = (name: string, body: string) => [
      `CREATE FUNCTION ${name}(organizations uuid[]) RETURNS void
         LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
         SELECT count(pg_advisory_xact_lock(68103, bucket)) FROM (
           SELECT DISTINCT (hashtextextended(u::text, 0) & 255)::int AS bucket
             FROM unnest(organizations) u ORDER BY 1) locks;
         ${body} $$`,
      `REVOKE ALL ON FUNCTION ${name}(uuid[]) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION ${name}(uuid[]) TO plan68_app`,
    ];
    for (const sql of [
      ...definer(
        'refresh_organization_household_figures',
        `DELETE FROM organization_household_figures WHERE organization_id = ANY (organizations);
         INSERT INTO organization_household_figures (organization_id, households, escaped, escaped_sustainably)
         SELECT h.organization_id, count(*), count(o.household_id), count(*) FILTER (WHERE o.sustainably)
           FROM households h LEFT JOIN household_poverty_outcomes o ON o.household_id = h.id
          WHERE h.organization_id = ANY (organizations)
          GROUP BY h.organization_id;`,
      ),
      ...definer(
        'refresh_organization_category_moves',
        `DELETE FROM organization_category_moves WHERE organization_id = ANY (organizations);
         INSERT INTO organization_category_moves (organization_id, category, day, delta)
         SELECT organization_id, category, day, sum(delta) FROM (
           SELECT h.organization_id, c.category, c.valid_from AS day, 1 AS delta
             FROM household_category_periods c JOIN households h ON h.id = c.household_id
            WHERE h.organization_id = ANY (organizations)
           UNION ALL
           SELECT h.organization_id, c.category, c.valid_to + 1, -1
             FROM household_category_periods c JOIN households h ON h.id = c.household_id
            WHERE h.organization_id = ANY (organizations) AND c.valid_to IS NOT NULL) moved
          GROUP BY organization_id, category, day
         HAVING sum(delta) <> 0;`,
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
    // The agencies of the households a statement on a child table touched (none once the
    // household itself is gone: its own trigger recounts then).
    const agenciesOf = (changed: string) =>
      `ARRAY(SELECT DISTINCT h.organization_id FROM (${changed}) t
               JOIN households h ON h.id = t.household_id WHERE h.organization_id IS NOT NULL)`;
    const own = (changed: string) =>
      `ARRAY(SELECT DISTINCT organization_id FROM (${changed}) t WHERE organization_id IS NOT NULL)`;
    // A household added, deleted or moved to another agency (nothing else of it changes a figure).
    await triggers(
      'households',
      'agency_figures_households',
      (changed) => `
        PERFORM refresh_organization_household_figures(${own(changed)});
        PERFORM refresh_organization_category_moves(${own(changed)});`,
      `SELECT b.id, b.organization_id FROM before b JOIN after a ON a.id = b.id
        WHERE a.organization_id IS DISTINCT FROM b.organization_id
       UNION ALL
       SELECT a.id, a.organization_id FROM before b JOIN after a ON a.id = b.id
        WHERE a.organization_id IS DISTINCT FROM b.organization_id`,
    );
    await triggers(
      'household_poverty_outcomes',
      'agency_figures_outcomes',
      (changed) => `PERFORM refresh_organization_household_figures(${agenciesOf(changed)});`,
    );
    await triggers(
      'household_category_periods',
      'agency_figures_periods',
      (changed) => `PERFORM refresh_organization_category_moves(${agenciesOf(changed)});`,
    );

    // What exists already.
    await q(`SELECT refresh_organization_household_figures(ARRAY(SELECT DISTINCT organization_id
                                                                   FROM households WHERE organization_id IS NOT NULL)),
                    refresh_organization_category_moves(ARRAY(SELECT DISTINCT organization_id
                                                                FROM households WHERE organization_id IS NOT NULL))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const [table, name] of [
      ['households', 'agency_figures_households'],
      ['household_poverty_outcomes', 'agency_figures_outcomes'],
      ['household_category_periods', 'agency_figures_periods'],
    ]) {
      for (const event of ['insert', 'delete', 'update']) {
        await q(`DROP TRIGGER ${name}_after_${event} ON ${table}`);
        await q(`DROP FUNCTION ${name}_after_${event}()`);
      }
    }
    for (const fn of [
      'refresh_organization_household_figures',
      'refresh_organization_category_moves',
    ])
      await q(`DROP FUNCTION ${fn}(uuid[])`);
    for (const table of [...AGENCY_FIGURE_TABLES].reverse()) await q(`DROP TABLE ${table}`);
  }
}

/** The tables this migration keeps. */
export const AGENCY_FIGURE_TABLES = [
  'organization_household_figures',
  'organization_category_moves',
] as const;
