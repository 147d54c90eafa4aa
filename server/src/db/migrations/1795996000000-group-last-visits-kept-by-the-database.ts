import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Groups gone quiet" (no visit in six months) was an anti-join of every support group with every
 * visit: about 100 ms of the households dashboard at 100,000 groups and 400,000 visits, paid on each
 * load. A group's last visit changes only when its visits do, so the database keeps it: one row per
 * group that has visited, recomputed by statement-level triggers for the groups a statement
 * touched, and an index on the date so "visited since" is a range of that index.
 */
export class GroupLastVisitsKeptByTheDatabase1795996000000 implements MigrationInterface {
  name = 'GroupLastVisitsKeptByTheDatabase1795996000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE support_group_last_visits (
               group_id uuid PRIMARY KEY REFERENCES support_groups (id) ON DELETE CASCADE,
               last_visit_date date NOT NULL)`);
    await q(`CREATE INDEX "IDX_support_group_last_visits_date"
               ON support_group_last_visits (last_visit_date, group_id)`);
    // Read as the visits it summarises are (their policy, GROUP_WORK); written only by the
    // triggers below, never by the app.
    await q(`ALTER TABLE support_group_last_visits ENABLE ROW LEVEL SECURITY`);
    await q(`ALTER TABLE support_group_last_visits FORCE ROW LEVEL SECURITY`);
    await q(`CREATE POLICY scope_read ON support_group_last_visits FOR SELECT
               USING ((SELECT app_reads_all()) OR group_id = ANY ((SELECT app_group_ids())::uuid[]))`);
    await q(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON support_group_last_visits FROM plan68_app`);
    await q(`GRANT SELECT ON support_group_last_visits TO plan68_app`);

    // SECURITY DEFINER: it reads every visit of the group (the owner bypasses row-level security)
    // and writes a table the app may not.
    await q(`CREATE FUNCTION refresh_group_last_visits(groups uuid[]) RETURNS void
               LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DELETE FROM support_group_last_visits WHERE group_id = ANY (groups);
      INSERT INTO support_group_last_visits (group_id, last_visit_date)
      SELECT v.group_id, max(v.visit_date) FROM visits v
       WHERE v.group_id = ANY (groups)
         AND EXISTS (SELECT 1 FROM support_groups g WHERE g.id = v.group_id)
       GROUP BY v.group_id
    $$`);
    await q(`REVOKE ALL ON FUNCTION refresh_group_last_visits(uuid[]) FROM PUBLIC`);
    await q(`GRANT EXECUTE ON FUNCTION refresh_group_last_visits(uuid[]) TO plan68_app`);
    for (const [event, tables, groups] of [
      ['INSERT', 'NEW TABLE AS changed', 'SELECT group_id FROM changed'],
      ['DELETE', 'OLD TABLE AS changed', 'SELECT group_id FROM changed'],
      [
        'UPDATE',
        'OLD TABLE AS before NEW TABLE AS after',
        'SELECT group_id FROM before UNION SELECT group_id FROM after',
      ],
    ] as const) {
      await q(`CREATE FUNCTION group_last_visits_after_${event.toLowerCase()}() RETURNS trigger
                 LANGUAGE plpgsql AS $$
                 BEGIN
                   PERFORM refresh_group_last_visits(ARRAY(SELECT DISTINCT g FROM (${groups}) t (g)));
                   RETURN NULL;
                 END $$`);
      await q(`CREATE TRIGGER group_last_visits_after_${event.toLowerCase()}
                 AFTER ${event} ON visits REFERENCING ${tables}
                 FOR EACH STATEMENT EXECUTE FUNCTION group_last_visits_after_${event.toLowerCase()}()`);
    }
    await q(`INSERT INTO support_group_last_visits (group_id, last_visit_date)
             SELECT group_id, max(visit_date) FROM visits GROUP BY group_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'delete', 'update']) {
      await queryRunner.query(`DROP TRIGGER group_last_visits_after_${event} ON visits`);
      await queryRunner.query(`DROP FUNCTION group_last_visits_after_${event}()`);
    }
    await queryRunner.query('DROP FUNCTION refresh_group_last_visits(uuid[])');
    await queryRunner.query('DROP TABLE support_group_last_visits');
  }
}
