import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Households imported from a spreadsheet come in batches: the file's SHA-256 is the batch key, so
 * the same file imported twice by the same owner adds nothing. A batch is history: the app appends
 * it and never changes or removes it; the audit trail records who imported what.
 */
export class HouseholdImportBatches1795990000000 implements MigrationInterface {
  name = 'HouseholdImportBatches1795990000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE "import_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL,
               "file_digest" text NOT NULL, "file_name" text NOT NULL, "organization_id" uuid,
               "row_count" integer NOT NULL, "households_created" integer NOT NULL,
               "members_created" integer NOT NULL, "category_periods_created" integer NOT NULL,
               "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
               CONSTRAINT "PK_6162597a2576c03e04bb2c1a2dd" PRIMARY KEY ("id"))`);
    await q(`ALTER TABLE "import_batches" ADD CONSTRAINT "FK_5da11c09f652a6da3fb3dc809b1" FOREIGN KEY ("organization_id")
               REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q(`CREATE UNIQUE INDEX import_batches_once_per_owner
               ON import_batches (kind, organization_id, file_digest) NULLS NOT DISTINCT`);
    await q('REVOKE UPDATE, DELETE, TRUNCATE ON import_batches FROM plan68_app');
    // Administrators and analysts see every batch; an officer sees and makes their agency's only.
    await q('ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY');
    await q('ALTER TABLE import_batches FORCE ROW LEVEL SECURITY');
    await q(`CREATE POLICY scope_read ON import_batches FOR SELECT USING (
               (SELECT app_reads_all())
               OR ((SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org())))`);
    await q(`CREATE POLICY scope_insert ON import_batches FOR INSERT WITH CHECK (
               created_by_id = (SELECT app_user()) AND (
                 (SELECT app_role()) = 'ADMIN'
                 OR ((SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org()))))`);
    await q(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON import_batches
               FOR EACH ROW EXECUTE FUNCTION audit_row_change('id')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "import_batches"');
  }
}
