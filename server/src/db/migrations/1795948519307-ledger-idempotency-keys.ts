import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerIdempotencyKeys1795948519307 implements MigrationInterface {
  name = 'LedgerIdempotencyKeys1795948519307';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "donations" ADD "idempotency_key" text');
    await queryRunner.query('ALTER TABLE "disbursements" ADD "idempotency_key" text');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_d8694c81200a9301d0b050348d" ON "donations"  ("fund_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_b846b66af079cb031d3836ac47" ON "disbursements"  ("fund_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_b846b66af079cb031d3836ac47"');
    await queryRunner.query('DROP INDEX "public"."IDX_d8694c81200a9301d0b050348d"');
    await queryRunner.query('ALTER TABLE "disbursements" DROP COLUMN "idempotency_key"');
    await queryRunner.query('ALTER TABLE "donations" DROP COLUMN "idempotency_key"');
  }
}
