import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessControl1795834770534 implements MigrationInterface {
  name = 'AccessControl1795834770534';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "table_name" text NOT NULL, "record_id" text NOT NULL, "operation" text NOT NULL, "old_values" jsonb, "new_values" jsonb, "changed_fields" text array, "actor_user_id" uuid, "actor_role" text, "db_user" text NOT NULL, "txid" bigint NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_87ae3e03e5fbc8b3fc3f2ebc44" ON "audit_log"  ("table_name", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8ada4f72e42ec0f798a0df2d7f" ON "audit_log"  ("actor_user_id", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_62c42d8e74648e990f1f1d3b05" ON "audit_log"  ("record_id", "at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"access_action\" AS ENUM('READ', 'EXPORT', 'REVEAL')",
    );
    await queryRunner.query(
      'CREATE TABLE "access_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "username" text NOT NULL, "role" text NOT NULL, "action" "public"."access_action" NOT NULL, "resource" text NOT NULL, "record_ids" uuid array NOT NULL, "household_ids" uuid array NOT NULL, "reason" text, "address" text, CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e8e8e704907a190726502c4cc0" ON "access_log"  ("at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8e67a7ec7d94ad5a605f967a31" ON "access_log"  ("user_id", "at") ',
    );
    await queryRunner.query('ALTER TABLE "users" ADD "organization_id" uuid');
    await queryRunner.query('ALTER TABLE "users" ADD "staff_member_id" uuid');
    await queryRunner.query('ALTER TABLE "households" ADD "organization_id" uuid');
    await queryRunner.query(
      'CREATE TYPE "public"."legal_basis" AS ENUM(\'CONSENT\', \'STATUTORY_DUTY\')',
    );
    await queryRunner.query(
      'ALTER TABLE "households" ADD "legal_basis" "public"."legal_basis" NOT NULL DEFAULT \'STATUTORY_DUTY\'',
    );
    await queryRunner.query('ALTER TABLE "households" ADD "consent_date" date');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"consent_method\" AS ENUM('WRITTEN', 'ELECTRONIC', 'RECORDED_VERBAL')",
    );
    await queryRunner.query(
      'ALTER TABLE "households" ADD "consent_method" "public"."consent_method"',
    );
    await queryRunner.query('ALTER TABLE "households" ADD "consent_evidence" text');
    await queryRunner.query('ALTER TABLE "households" ADD "consent_notice_version" text');
    await queryRunner.query(
      'CREATE INDEX "IDX_8c520ef25f6d16cba8589b3a23" ON "households"  ("organization_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "households" ADD CONSTRAINT "households_consent_complete" CHECK ("legal_basis" <> \'CONSENT\' OR ("consent_date" IS NOT NULL AND "consent_method" IS NOT NULL AND "consent_notice_version" IS NOT NULL))',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_794cff4f32e47c31dcbf13d9beb" FOREIGN KEY ("staff_member_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "households" ADD CONSTRAINT "FK_8c520ef25f6d16cba8589b3a23f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "households" DROP CONSTRAINT "FK_8c520ef25f6d16cba8589b3a23f"',
    );
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_794cff4f32e47c31dcbf13d9beb"');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"');
    await queryRunner.query(
      'ALTER TABLE "households" DROP CONSTRAINT "households_consent_complete"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_8c520ef25f6d16cba8589b3a23"');
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "consent_notice_version"');
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "consent_evidence"');
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "consent_method"');
    await queryRunner.query('DROP TYPE "public"."consent_method"');
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "consent_date"');
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "legal_basis"');
    await queryRunner.query('DROP TYPE "public"."legal_basis"');
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "organization_id"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "staff_member_id"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "organization_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_8e67a7ec7d94ad5a605f967a31"');
    await queryRunner.query('DROP INDEX "public"."IDX_e8e8e704907a190726502c4cc0"');
    await queryRunner.query('DROP TABLE "access_log"');
    await queryRunner.query('DROP TYPE "public"."access_action"');
    await queryRunner.query('DROP INDEX "public"."IDX_62c42d8e74648e990f1f1d3b05"');
    await queryRunner.query('DROP INDEX "public"."IDX_8ada4f72e42ec0f798a0df2d7f"');
    await queryRunner.query('DROP INDEX "public"."IDX_87ae3e03e5fbc8b3fc3f2ebc44"');
    await queryRunner.query('DROP TABLE "audit_log"');
  }
}
