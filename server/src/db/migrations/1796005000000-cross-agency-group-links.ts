import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOUSEHOLD_IDS_APPENDED } from './1796001000000-scope-ids-by-index-only';

/**
 * PERF (issue 12): an officer sees the households of their agency and those its support groups
 * help. Found as "the agency's index, or one of these ids", the second half cost a primary-key
 * probe per group household (277 probes, about 1 ms of an officer's household page, in the list
 * and again in its count), and app_household_ids() listed the same ~400 group households in every
 * statement that reads a household's child rows. Yet a group almost always helps its own agency's
 * households, which the first half already finds.
 *
 * So the database keeps the links that cross agencies: the group's agency is not the household's,
 * or either has none. An officer's groups only add those (none, usually). A group member has no
 * agency half and still reads every link of their groups.
 *
 * Never broader than before: each row is a real link (foreign key to support_group_households,
 * cascading), and a row the triggers failed to write would hide a household, not show one. The
 * households policy itself is unchanged.
 */
/**
 * The links of `links` (a table or a transition table, as `s`) that cross agencies, among those
 * `where` keeps. A group or household the function cannot see (a non-superuser owner under forced
 * row-level security) counts as crossing: shown to the policy, which decides, rather than hidden.
 */
const crossingLinks = (links: string, where = 'true') =>
  `SELECT s.support_group_id, s.household_id FROM ${links} s
     LEFT JOIN support_groups g ON g.id = s.support_group_id
     LEFT JOIN households h ON h.id = s.household_id
    WHERE (${where}) AND NOT coalesce(g.organization_id = h.organization_id, false)`;

const HOUSEHOLD_IDS_FROM_CROSSINGS = `CREATE OR REPLACE FUNCTION app_household_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(s.id), '{}') FROM (
    SELECT h.id FROM households h WHERE app_role() = 'AGENCY_OFFICER' AND h.organization_id = app_org()
    UNION ALL
    SELECT x.household_id FROM support_group_household_crossings x
     WHERE app_role() = 'AGENCY_OFFICER' AND x.support_group_id = ANY (app_group_ids())
    UNION ALL
    SELECT sgh.household_id FROM support_group_households sgh
     WHERE app_role() IS DISTINCT FROM 'AGENCY_OFFICER' AND sgh.support_group_id = ANY (app_group_ids())) s $$`;

export class CrossAgencyGroupLinks1796005000000 implements MigrationInterface {
  name = 'CrossAgencyGroupLinks1796005000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE support_group_household_crossings (
               support_group_id uuid NOT NULL,
               household_id uuid NOT NULL,
               PRIMARY KEY (support_group_id, household_id),
               FOREIGN KEY (support_group_id, household_id)
                 REFERENCES support_group_households (support_group_id, household_id)
                 ON DELETE CASCADE ON UPDATE CASCADE)`);
    // Links are not secret (support_group_households has no policy either); only the triggers write.
    await q(
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON support_group_household_crossings FROM plan68_app`,
    );
    await q(`GRANT SELECT ON support_group_household_crossings TO plan68_app`);

    // SECURITY DEFINER: it writes a table the app may not.
    await q(`CREATE FUNCTION refresh_group_household_crossings(households uuid[], groups uuid[])
               RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DELETE FROM support_group_household_crossings
       WHERE household_id = ANY (households) OR support_group_id = ANY (groups);
      INSERT INTO support_group_household_crossings (support_group_id, household_id)
      ${crossingLinks('support_group_households', 's.household_id = ANY (households) OR s.support_group_id = ANY (groups)')}
    $$`);
    await q(`REVOKE ALL ON FUNCTION refresh_group_household_crossings(uuid[], uuid[]) FROM PUBLIC`);

    // New links: read from the statement's own rows (a load inserts hundreds of thousands).
    await q(`CREATE FUNCTION group_household_crossings_after_insert() RETURNS trigger
               LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO support_group_household_crossings (support_group_id, household_id)
        ${crossingLinks('changed')}
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q(`CREATE TRIGGER group_household_crossings_after_insert
               AFTER INSERT ON support_group_households REFERENCING NEW TABLE AS changed
               FOR EACH STATEMENT EXECUTE FUNCTION group_household_crossings_after_insert()`);
    // Deleted links take their row with them (the foreign key); a link moved to another group or
    // household, a household or a group moved to another agency, are looked at again.
    // PERF: every edit of a household or a group fires these; only a change of agency (or of a
    // link's keys) calls the refresh.
    const agencyChanged = `SELECT a.id FROM after a JOIN before b ON b.id = a.id
                            WHERE a.organization_id IS DISTINCT FROM b.organization_id`;
    const moved = [
      ['support_group_households', 'SELECT household_id FROM after', "moved, '{}'"],
      ['households', agencyChanged, "moved, '{}'"],
      ['support_groups', agencyChanged, "'{}', moved"],
    ] as const;
    for (const [table, ids, args] of moved) {
      await q(`CREATE FUNCTION group_household_crossings_after_${table}_update() RETURNS trigger
                 LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE moved uuid[] := ARRAY(${ids});
        BEGIN
          IF cardinality(moved) > 0 THEN
            PERFORM refresh_group_household_crossings(${args});
          END IF;
          RETURN NULL;
        END $$`);
      await q(`CREATE TRIGGER group_household_crossings_after_update
                 AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS before NEW TABLE AS after
                 FOR EACH STATEMENT EXECUTE FUNCTION group_household_crossings_after_${table}_update()`);
    }

    await q(`INSERT INTO support_group_household_crossings (support_group_id, household_id)
             ${crossingLinks('support_group_households')}`);
    await q(HOUSEHOLD_IDS_FROM_CROSSINGS);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(HOUSEHOLD_IDS_APPENDED);
    for (const table of ['support_group_households', 'households', 'support_groups']) {
      await q(`DROP TRIGGER group_household_crossings_after_update ON ${table}`);
      await q(`DROP FUNCTION group_household_crossings_after_${table}_update()`);
    }
    await q('DROP TRIGGER group_household_crossings_after_insert ON support_group_households');
    await q('DROP FUNCTION group_household_crossings_after_insert()');
    await q('DROP FUNCTION refresh_group_household_crossings(uuid[], uuid[])');
    await q('DROP TABLE support_group_household_crossings');
  }
}
