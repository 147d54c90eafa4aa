import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FundLedger1795824276211 implements MigrationInterface {
  name = 'FundLedger1795824276211';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "funds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "notes" text, CONSTRAINT "PK_d785f4bb8f680f3febd40718f68" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_94c13843056cc1751bea6937bc" ON "funds"  ("plan_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_d1f2265ab462ebf6567a2d7de7" ON "funds"  ("organization_id", "plan_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "contribution_rates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "fund_id" uuid NOT NULL, "title_rank" "public"."title_rank" NOT NULL, "monthly_amount" bigint NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "contribution_rates_amount" CHECK ("monthly_amount" >= 0), CONSTRAINT "contribution_rates_no_overlap" EXCLUDE USING gist ("fund_id" WITH =, "title_rank" WITH =, daterange("valid_from", "valid_to", \'[]\') WITH &&), CONSTRAINT "PK_9cfb7ab9bd247f71b9fc0f7eb51" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d3fa4c4ddc21b30cadf0973300" ON "contribution_rates"  ("fund_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "contributions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "fund_id" uuid NOT NULL, "amount" bigint NOT NULL, "reverses_id" uuid, "note" text, "posted_by_id" uuid, "staff_member_id" uuid NOT NULL, "month" date NOT NULL, "paid_date" date NOT NULL, CONSTRAINT "contributions_month" CHECK (extract(day from "month") = 1), CONSTRAINT "contributions_amount" CHECK ("amount" > 0), CONSTRAINT "PK_ca2b4f39eb9e32a61278c711f79" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0db69a351ff26211af50d2c7c3" ON "contributions"  ("staff_member_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_fb64afbe9504bd591a57cebb82" ON "contributions"  ("reverses_id") WHERE "reverses_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bc95f271f379377ba928c995d0" ON "contributions"  ("fund_id", "month") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"donor_kind\" AS ENUM('INDIVIDUAL', 'MASS_ORGANIZATION', 'BUSINESS', 'OTHER')",
    );
    await queryRunner.query('CREATE TYPE "public"."donation_form" AS ENUM(\'CASH\', \'IN_KIND\')');
    await queryRunner.query(
      'CREATE TABLE "donations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "fund_id" uuid NOT NULL, "amount" bigint NOT NULL, "reverses_id" uuid, "note" text, "posted_by_id" uuid, "donor_kind" "public"."donor_kind" NOT NULL, "donor_name" text NOT NULL, "donor_organization_id" uuid, "form" "public"."donation_form" NOT NULL, "in_kind_description" text, "received_date" date NOT NULL, CONSTRAINT "donations_amount" CHECK ("amount" > 0), CONSTRAINT "PK_c01355d6f6f50fc6d1b4a946abf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_208e1b77bd6edbc95442906b17" ON "donations"  ("reverses_id") WHERE "reverses_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_973194999131b3f143ac39e957" ON "donations"  ("fund_id", "received_date") ',
    );
    await queryRunner.query(
      'CREATE TYPE "public"."disbursement_status" AS ENUM(\'PLANNED\', \'POSTED\')',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"disbursement_purpose\" AS ENUM('MEDICINE', 'POLICY_FAMILY_GIFTS', 'POOR_PUPIL_GIFTS', 'HOUSING', 'CAPITAL', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "disbursements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "fund_id" uuid NOT NULL, "amount" bigint NOT NULL, "reverses_id" uuid, "note" text, "posted_by_id" uuid, "status" "public"."disbursement_status" NOT NULL, "purpose" "public"."disbursement_purpose" NOT NULL, "description" text NOT NULL, "quantity" integer NOT NULL, "unit_amount" bigint NOT NULL, "is_estimate" boolean NOT NULL DEFAULT false, "planned_date" date, "disbursed_date" date, "event_name" text, "override_reason" text, CONSTRAINT "disbursements_amounts" CHECK ("amount" > 0 AND "quantity" > 0 AND "unit_amount" >= 0), CONSTRAINT "PK_2f9ea0e5b8382113aaa3e51cdfa" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_442898d2e6ed74698832f65fa2" ON "disbursements"  ("reverses_id") WHERE "reverses_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ad16b0eca7e10e5e6bd6eaf6c1" ON "disbursements"  ("fund_id", "disbursed_date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disbursement_households" ("disbursement_id" uuid NOT NULL, "household_id" uuid NOT NULL, CONSTRAINT "PK_3d8dea5c199c91a29cc25180a18" PRIMARY KEY ("disbursement_id", "household_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_191535b43f70ac4cd19779b148" ON "disbursement_households"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "disbursement_members" ("disbursement_id" uuid NOT NULL, "household_member_id" uuid NOT NULL, CONSTRAINT "PK_08e3bd64cef5c5941d2ac04004a" PRIMARY KEY ("disbursement_id", "household_member_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_afa9e7ed9bd0da0eee9b42cc98" ON "disbursement_members"  ("household_member_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "funds" ADD CONSTRAINT "FK_9ba157050ecd7a33c591dc30c2d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "funds" ADD CONSTRAINT "FK_94c13843056cc1751bea6937bc9" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contribution_rates" ADD CONSTRAINT "FK_d3fa4c4ddc21b30cadf09733002" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contributions" ADD CONSTRAINT "FK_9f3b9ebcb01cb366de84b2f238f" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contributions" ADD CONSTRAINT "FK_0db69a351ff26211af50d2c7c39" FOREIGN KEY ("staff_member_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "contributions" ADD CONSTRAINT "FK_035f9e39f95c38e07d22f669972" FOREIGN KEY ("reverses_id") REFERENCES "contributions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "donations" ADD CONSTRAINT "FK_d5e8ea593fca75ed1104127d180" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "donations" ADD CONSTRAINT "FK_043c251971311b9e28c41bbc2de" FOREIGN KEY ("donor_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "donations" ADD CONSTRAINT "FK_62162554a167909f31c48c27b6b" FOREIGN KEY ("reverses_id") REFERENCES "donations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursements" ADD CONSTRAINT "FK_5869dba0b18eaffeeadff83187e" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursements" ADD CONSTRAINT "FK_4bb08477a23bccfb5f13935e601" FOREIGN KEY ("reverses_id") REFERENCES "disbursements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_households" ADD CONSTRAINT "FK_9c922cb627992be24ee3deb4349" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_households" ADD CONSTRAINT "FK_191535b43f70ac4cd19779b1481" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_members" ADD CONSTRAINT "FK_4b255deca1a7773a6f73ff3f151" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_members" ADD CONSTRAINT "FK_afa9e7ed9bd0da0eee9b42cc981" FOREIGN KEY ("household_member_id") REFERENCES "household_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );

    // The ledger is append-only in the database itself, not only in the API: a posted entry is
    // never updated or deleted, whoever connects; corrections are reversing entries.
    await queryRunner.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
    for (const table of ['contributions', 'donations', 'disbursements']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`,
      );
    }
    // A reversal points at an entry of the same fund and amount that is not itself a reversal.
    await queryRunner.query(`
      CREATE FUNCTION ledger_check_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target record;
      BEGIN
        IF NEW.reverses_id IS NULL THEN
          RETURN NEW;
        END IF;
        EXECUTE format('SELECT fund_id, amount, reverses_id FROM %I WHERE id = $1', TG_TABLE_NAME)
          INTO target USING NEW.reverses_id;
        IF target IS NULL OR target.fund_id <> NEW.fund_id OR target.amount <> NEW.amount THEN
          RAISE EXCEPTION 'a reversal must match an entry of the same fund and amount' USING ERRCODE = 'P0001', HINT = 'reversal_mismatch';
        END IF;
        IF target.reverses_id IS NOT NULL THEN
          RAISE EXCEPTION 'a reversal cannot be reversed' USING ERRCODE = 'P0001', HINT = 'reversal_of_reversal';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['contributions', 'donations', 'disbursements']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_reversal BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_check_reversal()`,
      );
    }
    // Beneficiaries of a posted disbursement are part of the record: frozen with it.
    await queryRunner.query(`
      CREATE FUNCTION disbursement_beneficiaries_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.disbursement_id ELSE NEW.disbursement_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM disbursements WHERE id = parent AND status = 'POSTED') THEN
          RAISE EXCEPTION 'beneficiaries of a posted disbursement cannot change' USING ERRCODE = 'P0001', HINT = 'append_only';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const table of ['disbursement_households', 'disbursement_members']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION disbursement_beneficiaries_frozen()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['disbursement_households', 'disbursement_members']) {
      await queryRunner.query(`DROP TRIGGER ${table}_frozen ON ${table}`);
    }
    for (const table of ['contributions', 'donations', 'disbursements']) {
      await queryRunner.query(`DROP TRIGGER ${table}_reversal ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION disbursement_beneficiaries_frozen()');
    await queryRunner.query('DROP FUNCTION ledger_check_reversal()');
    await queryRunner.query('DROP FUNCTION ledger_append_only()');
    await queryRunner.query(
      'ALTER TABLE "disbursement_members" DROP CONSTRAINT "FK_afa9e7ed9bd0da0eee9b42cc981"',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_members" DROP CONSTRAINT "FK_4b255deca1a7773a6f73ff3f151"',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_households" DROP CONSTRAINT "FK_191535b43f70ac4cd19779b1481"',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursement_households" DROP CONSTRAINT "FK_9c922cb627992be24ee3deb4349"',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursements" DROP CONSTRAINT "FK_4bb08477a23bccfb5f13935e601"',
    );
    await queryRunner.query(
      'ALTER TABLE "disbursements" DROP CONSTRAINT "FK_5869dba0b18eaffeeadff83187e"',
    );
    await queryRunner.query(
      'ALTER TABLE "donations" DROP CONSTRAINT "FK_62162554a167909f31c48c27b6b"',
    );
    await queryRunner.query(
      'ALTER TABLE "donations" DROP CONSTRAINT "FK_043c251971311b9e28c41bbc2de"',
    );
    await queryRunner.query(
      'ALTER TABLE "donations" DROP CONSTRAINT "FK_d5e8ea593fca75ed1104127d180"',
    );
    await queryRunner.query(
      'ALTER TABLE "contributions" DROP CONSTRAINT "FK_035f9e39f95c38e07d22f669972"',
    );
    await queryRunner.query(
      'ALTER TABLE "contributions" DROP CONSTRAINT "FK_0db69a351ff26211af50d2c7c39"',
    );
    await queryRunner.query(
      'ALTER TABLE "contributions" DROP CONSTRAINT "FK_9f3b9ebcb01cb366de84b2f238f"',
    );
    await queryRunner.query(
      'ALTER TABLE "contribution_rates" DROP CONSTRAINT "FK_d3fa4c4ddc21b30cadf09733002"',
    );
    await queryRunner.query('ALTER TABLE "funds" DROP CONSTRAINT "FK_94c13843056cc1751bea6937bc9"');
    await queryRunner.query('ALTER TABLE "funds" DROP CONSTRAINT "FK_9ba157050ecd7a33c591dc30c2d"');
    await queryRunner.query('DROP INDEX "public"."IDX_afa9e7ed9bd0da0eee9b42cc98"');
    await queryRunner.query('DROP TABLE "disbursement_members"');
    await queryRunner.query('DROP INDEX "public"."IDX_191535b43f70ac4cd19779b148"');
    await queryRunner.query('DROP TABLE "disbursement_households"');
    await queryRunner.query('DROP INDEX "public"."IDX_ad16b0eca7e10e5e6bd6eaf6c1"');
    await queryRunner.query('DROP INDEX "public"."IDX_442898d2e6ed74698832f65fa2"');
    await queryRunner.query('DROP TABLE "disbursements"');
    await queryRunner.query('DROP TYPE "public"."disbursement_purpose"');
    await queryRunner.query('DROP TYPE "public"."disbursement_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_973194999131b3f143ac39e957"');
    await queryRunner.query('DROP INDEX "public"."IDX_208e1b77bd6edbc95442906b17"');
    await queryRunner.query('DROP TABLE "donations"');
    await queryRunner.query('DROP TYPE "public"."donation_form"');
    await queryRunner.query('DROP TYPE "public"."donor_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_bc95f271f379377ba928c995d0"');
    await queryRunner.query('DROP INDEX "public"."IDX_fb64afbe9504bd591a57cebb82"');
    await queryRunner.query('DROP INDEX "public"."IDX_0db69a351ff26211af50d2c7c3"');
    await queryRunner.query('DROP TABLE "contributions"');
    await queryRunner.query('DROP INDEX "public"."IDX_d3fa4c4ddc21b30cadf0973300"');
    await queryRunner.query('DROP TABLE "contribution_rates"');
    await queryRunner.query('DROP INDEX "public"."IDX_d1f2265ab462ebf6567a2d7de7"');
    await queryRunner.query('DROP INDEX "public"."IDX_94c13843056cc1751bea6937bc"');
    await queryRunner.query('DROP TABLE "funds"');
  }
}
