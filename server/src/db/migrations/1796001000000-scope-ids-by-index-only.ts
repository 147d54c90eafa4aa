import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PERF (issue 12): an officer's list of a household's child rows (members, reviews, visits…) at
 * 300,000 households spent most of its SQL finding the agency's households, twice per statement:
 * - `app_household_ids()` (the child tables' policy) OR-ed the agency's households with its groups'
 *   households in one scan of `households`, so each of the ~400 group households cost a primary-key
 *   probe (1,464 buffers for one officer, in every statement);
 * - the service's scope did the same in two arrays, so the child table was read through a BitmapOr
 *   of two index scans and then its heap (4,871 buffers for one count of 907 reviews).
 * Both now append the two sources (duplicates are harmless to `= ANY`), and (organization_id, id)
 * answers "the agency's households" from the index alone: that count reads 1,550 buffers, by an
 * index-only scan of the child table.
 *
 * One fund's contributions, newest first (an officer's ledger page), walked the whole ledger's
 * paid-date index and filtered: 18,313 buffers for 25 rows. (fund_id, paid_date DESC, id) gives
 * them in order.
 *
 * The ids stay exactly the same set: a group's household rows reference existing households
 * (foreign key), and a household in one of the caller's groups is one the households policy lets
 * them read.
 */
export const HOUSEHOLD_IDS_APPENDED = `CREATE OR REPLACE FUNCTION app_household_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(s.id), '{}') FROM (
    SELECT h.id FROM households h WHERE app_role() = 'AGENCY_OFFICER' AND h.organization_id = app_org()
    UNION ALL
    SELECT sgh.household_id FROM support_group_households sgh
     WHERE sgh.support_group_id = ANY (app_group_ids())) s $$`;

const HOUSEHOLD_IDS_OR_ED = `CREATE OR REPLACE FUNCTION app_household_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(h.id), '{}') FROM households h
   WHERE (app_role() = 'AGENCY_OFFICER' AND h.organization_id = app_org())
      OR h.id = ANY (ARRAY(SELECT sgh.household_id FROM support_group_households sgh
                             WHERE sgh.support_group_id = ANY (app_group_ids()))) $$`;

export class ScopeIdsByIndexOnly1796001000000 implements MigrationInterface {
  name = 'ScopeIdsByIndexOnly1796001000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_households_organization_id_id" ON "households" ("organization_id", "id")',
    );
    // The new index's first column answers everything the old one did.
    await queryRunner.query('DROP INDEX "public"."IDX_8c520ef25f6d16cba8589b3a23"');
    await queryRunner.query(HOUSEHOLD_IDS_APPENDED);
    await queryRunner.query(
      'CREATE INDEX "IDX_list_contributions_fund_paid_date" ON "contributions" ("fund_id", "paid_date" DESC, "id")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_list_contributions_fund_paid_date"');
    await queryRunner.query(HOUSEHOLD_IDS_OR_ED);
    await queryRunner.query(
      'CREATE INDEX "IDX_8c520ef25f6d16cba8589b3a23" ON "households" ("organization_id")',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_households_organization_id_id"');
  }
}
