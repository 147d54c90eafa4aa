import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-person approval of money out (issue 14, point 5). A fund may set an approval threshold
 * (whole đồng; empty: no approval needed); a disbursement above it is submitted, approved or
 * refused by a second person, and only then posted. The disbursement keeps who made it (created,
 * submitted, last changed its amount, fund or purpose) and who decided, when and why; the audit
 * trigger already on `funds` and `disbursements` writes every such change to the trail.
 *
 * The database holds the two rules the service enforces, whatever code connects: a decision is
 * never taken by one of the disbursement's makers, and a disbursement above its fund's threshold
 * is never posted unless it was approved.
 */
export class TwoPersonApproval1795995000000 implements MigrationInterface {
  name = 'TwoPersonApproval1795995000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    // New values are appended; they are not used as enum values in this transaction (PostgreSQL
    // forbids that until commit): the functions below compare status as text at run time.
    for (const value of ['PENDING_APPROVAL', 'APPROVED', 'REFUSED']) {
      await q(`ALTER TYPE "disbursement_status" ADD VALUE IF NOT EXISTS '${value}'`);
    }
    await q(`ALTER TABLE "funds" ADD "approval_threshold" bigint`);
    await q(`ALTER TABLE "funds" ADD CONSTRAINT "funds_approval_threshold"
               CHECK ("approval_threshold" >= 0)`);
    await q(`ALTER TABLE "disbursements" ADD "created_by_id" uuid`);
    await q(`ALTER TABLE "disbursements" ADD "revised_by_id" uuid`);
    await q(`ALTER TABLE "disbursements" ADD "submitted_by_id" uuid`);
    await q(`ALTER TABLE "disbursements" ADD "submitted_at" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "disbursements" ADD "decided_by_id" uuid`);
    await q(`ALTER TABLE "disbursements" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await q(`ALTER TABLE "disbursements" ADD "decision_reason" text`);
    // Until now the maker of a planned disbursement was kept in posted_by_id (overwritten when it
    // is posted): that is who created the planned ones; for posted ones it is not known.
    await q(`UPDATE "disbursements" SET "created_by_id" = "posted_by_id"
              WHERE "status"::text = 'PLANNED' AND "posted_by_id" IS NOT NULL`);
    await q(`ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_decider_not_maker" CHECK (
               "decided_by_id" IS NULL OR ("decided_by_id" IS DISTINCT FROM "created_by_id"
                 AND "decided_by_id" IS DISTINCT FROM "revised_by_id"
                 AND "decided_by_id" IS DISTINCT FROM "submitted_by_id"))`);
    // Any state before POSTED may still change (the service decides which changes void an
    // approval); a posted disbursement stays append-only.
    await q(`
      CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested: PL/pgSQL does not short-circuit, and only disbursements have a status.
        IF TG_TABLE_NAME = 'disbursements' THEN
          IF OLD.status::text <> 'POSTED' THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
          END IF;
        END IF;
        RAISE EXCEPTION 'ledger entries are append-only: % on % is refused; post a reversal instead', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'P0001', HINT = 'append_only';
      END $$`);
    await q(`
      CREATE FUNCTION disbursement_needs_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        threshold bigint;
      BEGIN
        IF NEW.status::text = 'POSTED' AND OLD.status::text <> 'POSTED'
           AND OLD.status::text <> 'APPROVED' THEN
          SELECT approval_threshold INTO threshold FROM funds WHERE id = NEW.fund_id;
          IF threshold IS NOT NULL AND NEW.amount > threshold THEN
            RAISE EXCEPTION 'a disbursement above its fund''s approval threshold is posted only once approved'
              USING ERRCODE = 'P0001', HINT = 'approval_required';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q(`CREATE TRIGGER disbursements_need_approval BEFORE UPDATE ON disbursements
               FOR EACH ROW EXECUTE FUNCTION disbursement_needs_approval()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q('DROP TRIGGER disbursements_need_approval ON disbursements');
    await q('DROP FUNCTION disbursement_needs_approval()');
    await q(`
      CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested: PL/pgSQL does not short-circuit, and only disbursements have a status.
        IF TG_TABLE_NAME = 'disbursements' THEN
          IF OLD.status = 'PLANNED' THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
          END IF;
        END IF;
        RAISE EXCEPTION 'ledger entries are append-only: % on % is refused; post a reversal instead', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'P0001', HINT = 'append_only';
      END $$`);
    await q('ALTER TABLE "disbursements" DROP CONSTRAINT "disbursements_decider_not_maker"');
    for (const column of [
      'decision_reason',
      'decided_at',
      'decided_by_id',
      'submitted_at',
      'submitted_by_id',
      'revised_by_id',
      'created_by_id',
    ]) {
      await q(`ALTER TABLE "disbursements" DROP COLUMN "${column}"`);
    }
    await q('ALTER TABLE "funds" DROP CONSTRAINT "funds_approval_threshold"');
    await q('ALTER TABLE "funds" DROP COLUMN "approval_threshold"');
    // PostgreSQL cannot drop enum values: rows in the new states go back to planned, and the type
    // is rebuilt with the two values it had.
    await q(
      `UPDATE "disbursements" SET "status" = 'PLANNED' WHERE "status"::text NOT IN ('PLANNED', 'POSTED')`,
    );
    await q(`ALTER TYPE "disbursement_status" RENAME TO "disbursement_status_old"`);
    await q(`CREATE TYPE "disbursement_status" AS ENUM ('PLANNED', 'POSTED')`);
    await q(`ALTER TABLE "disbursements" ALTER COLUMN "status" TYPE "disbursement_status"
               USING "status"::text::"disbursement_status"`);
    await q(`DROP TYPE "disbursement_status_old"`);
  }
}
