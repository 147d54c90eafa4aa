import type { MigrationInterface, QueryRunner } from 'typeorm';

const WRITERS_OF_AGENCY = `(SELECT app_role()) IN ('ADMIN', 'AGENCY_OFFICER')`;
const WRITERS_OF_GROUP_WORK = `(SELECT app_role()) IN ('ADMIN', 'AGENCY_OFFICER', 'GROUP_MEMBER')`;

/** Child tables whose rows follow a parent row the request may see: [table, column, parent, writers]. */
const CHILDREN: [string, string, string, string][] = [
  ['household_members', 'household_id', 'households', WRITERS_OF_AGENCY],
  ['household_category_periods', 'household_id', 'households', WRITERS_OF_AGENCY],
  ['poverty_reviews', 'household_id', 'households', WRITERS_OF_AGENCY],
  ['aspirations', 'household_id', 'households', WRITERS_OF_GROUP_WORK],
  ['visit_participants', 'visit_id', 'visits', WRITERS_OF_GROUP_WORK],
  ['support_plan_steps', 'support_plan_id', 'support_plans', WRITERS_OF_GROUP_WORK],
  ['disbursement_households', 'disbursement_id', 'disbursements', WRITERS_OF_AGENCY],
  ['disbursement_members', 'disbursement_id', 'disbursements', WRITERS_OF_AGENCY],
];

/**
 * The households a scoped request may see (the households policy's rows), once per statement:
 * those of the officer's agency, and those the request's support groups help. Read through the
 * households table, so its own policy applies as well.
 */
const HOUSEHOLD_IDS = `CREATE FUNCTION app_household_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(h.id), '{}') FROM households h
   WHERE (app_role() = 'AGENCY_OFFICER' AND h.organization_id = app_org())
      OR h.id = ANY (ARRAY(SELECT sgh.household_id FROM support_group_households sgh
                             WHERE sgh.support_group_id = ANY (app_group_ids()))) $$`;

/**
 * PERF: the rows of a household's child tables. Those who read every household read every child
 * without a probe per row (a whole-program figure over 300,000 rows); anyone else reads the children
 * of the households computed once for the statement, an index condition on household_id.
 */
export const HOUSEHOLD_CHILD_READ = (column: string) =>
  `(SELECT app_reads_all()) OR ${column} = ANY ((SELECT app_household_ids())::uuid[])`;

/**
 * PERF: `household_id IN (SELECT id FROM households)` makes PostgreSQL materialise every visible
 * parent id; past work_mem (300,000 households) it becomes a linear SubPlan scanned for each row
 * (1.8 s for 75 poverty reviews). A correlated EXISTS is a primary-key probe of the parent, which
 * the parent's own policy still filters: the same rows, found by index.
 */
const parentVisible = (table: string, column: string, parent: string) =>
  `EXISTS (SELECT 1 FROM ${parent} parent WHERE parent.id = ${table}.${column})`;
const parentListed = (column: string, parent: string) => `${column} IN (SELECT id FROM ${parent})`;

/**
 * PERF: the old function OR-ed the officer's and the group member's conditions in one scan of
 * every support group (94–137 ms at 100,000 groups, in each statement row-level security checks).
 * One branch per role, each answered by an index (organization_id, leader_id, staff_member_id).
 */
const GROUP_IDS_BY_INDEX = `CREATE OR REPLACE FUNCTION app_group_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT CASE app_role()
    WHEN 'AGENCY_OFFICER' THEN
      (SELECT coalesce(array_agg(g.id), '{}') FROM support_groups g WHERE g.organization_id = app_org())
    WHEN 'GROUP_MEMBER' THEN
      (SELECT coalesce(array_agg(DISTINCT s.id), '{}') FROM (
         SELECT g.id FROM support_groups g WHERE g.leader_id = app_staff()
         UNION ALL
         SELECT m.support_group_id FROM support_group_members m WHERE m.staff_member_id = app_staff()) s)
    ELSE '{}'::uuid[]
  END $$`;

const GROUP_IDS_BY_SCAN = `CREATE OR REPLACE FUNCTION app_group_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(g.id), '{}') FROM support_groups g
   WHERE (app_role() = 'AGENCY_OFFICER' AND g.organization_id = app_org())
      OR (app_role() = 'GROUP_MEMBER' AND (g.leader_id = app_staff()
          OR g.id IN (SELECT m.support_group_id FROM support_group_members m
                       WHERE m.staff_member_id = app_staff()))) $$`;

export class PoliciesThePlannerCanUse1795980000000 implements MigrationInterface {
  name = 'PoliciesThePlannerCanUse1795980000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(HOUSEHOLD_IDS);
    await this.rewrite(
      queryRunner,
      (table, column, parent) => parentVisible(table, column, parent),
      true,
    );
    await queryRunner.query(
      `ALTER POLICY scope_read ON staff_assignments USING (${parentVisible('staff_assignments', 'staff_member_id', 'staff_members')})`,
    );
    await queryRunner.query(GROUP_IDS_BY_INDEX);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.rewrite(
      queryRunner,
      (_table, column, parent) => parentListed(column, parent),
      false,
    );
    await queryRunner.query(
      `ALTER POLICY scope_read ON staff_assignments USING (${parentListed('staff_member_id', 'staff_members')})`,
    );
    await queryRunner.query(GROUP_IDS_BY_SCAN);
    await queryRunner.query('DROP FUNCTION app_household_ids()');
  }

  private async rewrite(
    queryRunner: QueryRunner,
    visible: (table: string, column: string, parent: string) => string,
    byId: boolean,
  ) {
    for (const [table, column, parent, writers] of CHILDREN) {
      const parentRow = visible(table, column, parent);
      const read = parent === 'households' && byId ? HOUSEHOLD_CHILD_READ(column) : parentRow;
      const write = `${writers} AND ${parentRow}`;
      await queryRunner.query(`ALTER POLICY scope_read ON ${table} USING (${read})`);
      await queryRunner.query(`ALTER POLICY scope_insert ON ${table} WITH CHECK (${write})`);
      await queryRunner.query(
        `ALTER POLICY scope_update ON ${table} USING (${write}) WITH CHECK (${write})`,
      );
      await queryRunner.query(`ALTER POLICY scope_delete ON ${table} USING (${write})`);
    }
  }
}
