import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A fund's rates and entries; beneficiaries of a disbursement follow their disbursement. */
const LEDGER = ['contribution_rates', 'contributions', 'donations', 'disbursements'];

/**
 * Fund entries are read by those who read every row (administrators, analysts, and aggregate queries,
 * see app_reads_all) and by the officers of the fund's agency. They used to follow the fund itself,
 * which viewers may read (its name, for the fund card): so a viewer's raw query read every
 * contribution, donation, disbursement and beneficiary, which the access policy does not grant.
 */
const READ = `(SELECT app_reads_all()) OR fund_id IN (SELECT id FROM funds
  WHERE (SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org()))`;
const PREVIOUS_READ = 'fund_id IN (SELECT id FROM funds)';

export class LedgerHiddenFromViewers1795837000000 implements MigrationInterface {
  name = 'LedgerHiddenFromViewers1795837000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of LEDGER)
      await queryRunner.query(`ALTER POLICY scope_read ON ${table} USING (${READ})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of LEDGER)
      await queryRunner.query(`ALTER POLICY scope_read ON ${table} USING (${PREVIOUS_READ})`);
  }
}
