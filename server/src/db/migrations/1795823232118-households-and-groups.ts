import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HouseholdsAndGroups1795823232118 implements MigrationInterface {
  name = 'HouseholdsAndGroups1795823232118';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // GiST on uuid equality, for the constraint that one person's title periods never overlap.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"household_need\" AS ENUM('CAPITAL', 'CULTIVATION', 'HUSBANDRY', 'HOUSING', 'HEALTH', 'EDUCATION', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "households" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "village_id" uuid NOT NULL, "head_name" text NOT NULL, "address" text, "circumstances" text, "needs" "public"."household_need" array NOT NULL DEFAULT \'{}\', "notes" text, CONSTRAINT "PK_2b1aef2640717132e9231aac756" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_338cd283ec8641442dd3bd0fad" ON "households"  ("village_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"relation\" AS ENUM('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'SIBLING', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "household_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "household_id" uuid NOT NULL, "full_name" text NOT NULL, "birth_year" integer, "relation" "public"."relation" NOT NULL, "is_pupil" boolean NOT NULL DEFAULT false, "citizen_id" text, "legacy_id_number" text, CONSTRAINT "PK_198055660706bdbea68909fdb01" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6b8b13e8e04d123ec8cb8b5c31" ON "household_members"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "household_members_citizen_id_unique" ON "household_members"  ("citizen_id") WHERE "citizen_id" IS NOT NULL',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"household_category\" AS ENUM('POOR', 'NEAR_POOR', 'POLICY_FAMILY')",
    );
    await queryRunner.query(
      'CREATE TABLE "household_category_periods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "household_id" uuid NOT NULL, "category" "public"."household_category" NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "PK_b7ebe651fa6b8600c095fb28ae0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_30857c32cd1ff430e51d0d4945" ON "household_category_periods"  ("household_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"poverty_result\" AS ENUM('POOR', 'NEAR_POOR', 'NOT_POOR')",
    );
    await queryRunner.query(
      'CREATE TABLE "poverty_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "household_id" uuid NOT NULL, "year" integer NOT NULL, "standard" text NOT NULL, "result" "public"."poverty_result" NOT NULL, "notes" text, CONSTRAINT "poverty_reviews_year_range" CHECK ("year" BETWEEN 1990 AND 2100), CONSTRAINT "PK_25c4de60b25614ddbf97438d1fb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_26dfe7c3aeed1f43eacdefd672" ON "poverty_reviews"  ("household_id", "year") ',
    );
    await queryRunner.query(
      'CREATE TABLE "staff_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "full_name" text NOT NULL, "organization_id" uuid NOT NULL, "position" text, "party_member" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_cdad75efe024402db5d51140960" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a657a5c9d26d8497ff776c91cd" ON "staff_members"  ("organization_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"title_rank\" AS ENUM('DIRECTOR', 'DEPUTY_DIRECTOR', 'HEAD_OF_DIVISION', 'DEPUTY_HEAD_OF_DIVISION', 'CIVIL_SERVANT')",
    );
    await queryRunner.query(
      'CREATE TABLE "staff_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "staff_member_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "title_rank" "public"."title_rank" NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "staff_assignments_no_overlap" EXCLUDE USING gist ("staff_member_id" WITH =, daterange("valid_from", "valid_to", \'[]\') WITH &&), CONSTRAINT "PK_ab013446523a48ceb9b14144530" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2e71ce74f185654482c285c7e3" ON "staff_assignments"  ("staff_member_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d29e10ed16e4fcfd41f6e9fb15" ON "staff_assignments"  ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "organization_id" uuid NOT NULL, "partnership_id" uuid NOT NULL, "formed_date" date, "leader_id" uuid, "notes" text, CONSTRAINT "PK_db127a199a4608510d5922a0f08" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5e07ad52d655ad0f6b153bbae4" ON "support_groups"  ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ee123c70a68e943a9b885249af" ON "support_groups"  ("partnership_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_79593358ff2b27174169ba2511" ON "support_groups"  ("leader_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_group_members" ("support_group_id" uuid NOT NULL, "staff_member_id" uuid NOT NULL, CONSTRAINT "PK_6984af647c4ff538079f2582c52" PRIMARY KEY ("support_group_id", "staff_member_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9b75c0eb73f40853574890fa14" ON "support_group_members"  ("staff_member_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_group_households" ("support_group_id" uuid NOT NULL, "household_id" uuid NOT NULL, CONSTRAINT "PK_c96d87151524c2403b107edf68f" PRIMARY KEY ("support_group_id", "household_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_07061e54c90d8fe3dcd7569896" ON "support_group_households"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "visits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "group_id" uuid NOT NULL, "household_id" uuid NOT NULL, "visit_date" date NOT NULL, "findings" text, CONSTRAINT "PK_0b0b322289a41015c6ea4e8bf30" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_57d773fffd96874f15ab50f041" ON "visits"  ("group_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_28cc64d00853e7a75bf0bacf49" ON "visits"  ("household_id", "visit_date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "visit_participants" ("visit_id" uuid NOT NULL, "staff_member_id" uuid NOT NULL, CONSTRAINT "PK_101427896815c393cfe5d4812c4" PRIMARY KEY ("visit_id", "staff_member_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_feb590ca9e76a2044762b860e4" ON "visit_participants"  ("staff_member_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"aspiration_status\" AS ENUM('RECORDED', 'FORWARDED', 'ANSWERED', 'RESOLVED', 'DECLINED')",
    );
    await queryRunner.query(
      'CREATE TABLE "aspirations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "household_id" uuid NOT NULL, "visit_id" uuid, "content" text NOT NULL, "status" "public"."aspiration_status" NOT NULL DEFAULT \'RECORDED\', "recorded_date" date NOT NULL, "authority_id" uuid, "forwarded_date" date, "response" text, "response_date" date, CONSTRAINT "PK_a5cef809879736163db00849509" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e5f20663d928e68b62916aba08" ON "aspirations"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b7f46d70cb72a2d52b59e7f1ee" ON "aspirations"  ("visit_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0142926364fd8d0cd008943186" ON "aspirations"  ("authority_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_67a1391efadf552cddcf63f3a1" ON "aspirations"  ("status", "recorded_date") ',
    );
    await queryRunner.query(
      'CREATE TYPE "public"."report_status" AS ENUM(\'DRAFT\', \'SUBMITTED\')',
    );
    await queryRunner.query(
      'CREATE TABLE "half_year_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "group_id" uuid NOT NULL, "year" integer NOT NULL, "half" integer NOT NULL, "status" "public"."report_status" NOT NULL DEFAULT \'DRAFT\', "narrative" text, "visit_count" integer NOT NULL DEFAULT \'0\', "households_visited" integer NOT NULL DEFAULT \'0\', "plan_steps_done" integer NOT NULL DEFAULT \'0\', "aspirations_relayed" integer NOT NULL DEFAULT \'0\', "aspirations_resolved" integer NOT NULL DEFAULT \'0\', "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by_id" uuid, "reopened_at" TIMESTAMP WITH TIME ZONE, "reopened_by_id" uuid, "reopen_reason" text, CONSTRAINT "half_year_reports_half" CHECK ("half" IN (1, 2)), CONSTRAINT "PK_320759d5de81732377eb52fc00a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_79a1fedf4e499435fd428d1ff1" ON "half_year_reports"  ("group_id", "year", "half") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"support_plan_status\" AS ENUM('DRAFT', 'REGISTERED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')",
    );
    await queryRunner.query(
      'CREATE TABLE "support_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "group_id" uuid NOT NULL, "household_id" uuid NOT NULL, "title" text NOT NULL, "measures" text, "goals" text, "registered_date" date, "status" "public"."support_plan_status" NOT NULL DEFAULT \'DRAFT\', CONSTRAINT "PK_37dc54442b72c22623e6d6b073f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8865de59fd81b3d6bb3a925edf" ON "support_plans"  ("group_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3c5b73862c78312e4cd26bf229" ON "support_plans"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_plan_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "support_plan_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT \'0\', "description" text NOT NULL, "planned_date" date, "done_date" date, CONSTRAINT "PK_a7c906d793537835a869ae79fae" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b003cc95b6bc56dcf11dbf0411" ON "support_plan_steps"  ("support_plan_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "households" ADD CONSTRAINT "FK_338cd283ec8641442dd3bd0fadd" FOREIGN KEY ("village_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "household_members" ADD CONSTRAINT "FK_6b8b13e8e04d123ec8cb8b5c318" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "household_category_periods" ADD CONSTRAINT "FK_30857c32cd1ff430e51d0d4945c" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "poverty_reviews" ADD CONSTRAINT "FK_b7d7cf13dbd2f44464f6aa84bd4" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_members" ADD CONSTRAINT "FK_a657a5c9d26d8497ff776c91cde" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_assignments" ADD CONSTRAINT "FK_2e71ce74f185654482c285c7e36" FOREIGN KEY ("staff_member_id") REFERENCES "staff_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_assignments" ADD CONSTRAINT "FK_d29e10ed16e4fcfd41f6e9fb159" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_groups" ADD CONSTRAINT "FK_5e07ad52d655ad0f6b153bbae43" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_groups" ADD CONSTRAINT "FK_ee123c70a68e943a9b885249af7" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_groups" ADD CONSTRAINT "FK_79593358ff2b27174169ba25119" FOREIGN KEY ("leader_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_members" ADD CONSTRAINT "FK_7f63094ea06b05f589f342af7be" FOREIGN KEY ("support_group_id") REFERENCES "support_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_members" ADD CONSTRAINT "FK_9b75c0eb73f40853574890fa145" FOREIGN KEY ("staff_member_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_households" ADD CONSTRAINT "FK_29b593072f68c0ddaef447b391b" FOREIGN KEY ("support_group_id") REFERENCES "support_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_households" ADD CONSTRAINT "FK_07061e54c90d8fe3dcd75698961" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "visits" ADD CONSTRAINT "FK_57d773fffd96874f15ab50f0412" FOREIGN KEY ("group_id") REFERENCES "support_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "visits" ADD CONSTRAINT "FK_7fbc1df36f9ef7c430f6d235085" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "visit_participants" ADD CONSTRAINT "FK_a5f498969b97603ea8e28b6e8f8" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "visit_participants" ADD CONSTRAINT "FK_feb590ca9e76a2044762b860e45" FOREIGN KEY ("staff_member_id") REFERENCES "staff_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "aspirations" ADD CONSTRAINT "FK_e5f20663d928e68b62916aba08e" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "aspirations" ADD CONSTRAINT "FK_b7f46d70cb72a2d52b59e7f1eec" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "aspirations" ADD CONSTRAINT "FK_0142926364fd8d0cd008943186a" FOREIGN KEY ("authority_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" ADD CONSTRAINT "FK_a5840dc5b932a153fe0c35c55a0" FOREIGN KEY ("group_id") REFERENCES "support_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" ADD CONSTRAINT "FK_6a38b816ff21a6754a1466583f0" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" ADD CONSTRAINT "FK_8809608535084aad9c8aeb69476" FOREIGN KEY ("reopened_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plans" ADD CONSTRAINT "FK_8865de59fd81b3d6bb3a925edfc" FOREIGN KEY ("group_id") REFERENCES "support_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plans" ADD CONSTRAINT "FK_3c5b73862c78312e4cd26bf2294" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plan_steps" ADD CONSTRAINT "FK_b003cc95b6bc56dcf11dbf0411c" FOREIGN KEY ("support_plan_id") REFERENCES "support_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "support_plan_steps" DROP CONSTRAINT "FK_b003cc95b6bc56dcf11dbf0411c"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plans" DROP CONSTRAINT "FK_3c5b73862c78312e4cd26bf2294"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_plans" DROP CONSTRAINT "FK_8865de59fd81b3d6bb3a925edfc"',
    );
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" DROP CONSTRAINT "FK_8809608535084aad9c8aeb69476"',
    );
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" DROP CONSTRAINT "FK_6a38b816ff21a6754a1466583f0"',
    );
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" DROP CONSTRAINT "FK_a5840dc5b932a153fe0c35c55a0"',
    );
    await queryRunner.query(
      'ALTER TABLE "aspirations" DROP CONSTRAINT "FK_0142926364fd8d0cd008943186a"',
    );
    await queryRunner.query(
      'ALTER TABLE "aspirations" DROP CONSTRAINT "FK_b7f46d70cb72a2d52b59e7f1eec"',
    );
    await queryRunner.query(
      'ALTER TABLE "aspirations" DROP CONSTRAINT "FK_e5f20663d928e68b62916aba08e"',
    );
    await queryRunner.query(
      'ALTER TABLE "visit_participants" DROP CONSTRAINT "FK_feb590ca9e76a2044762b860e45"',
    );
    await queryRunner.query(
      'ALTER TABLE "visit_participants" DROP CONSTRAINT "FK_a5f498969b97603ea8e28b6e8f8"',
    );
    await queryRunner.query(
      'ALTER TABLE "visits" DROP CONSTRAINT "FK_7fbc1df36f9ef7c430f6d235085"',
    );
    await queryRunner.query(
      'ALTER TABLE "visits" DROP CONSTRAINT "FK_57d773fffd96874f15ab50f0412"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_households" DROP CONSTRAINT "FK_07061e54c90d8fe3dcd75698961"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_households" DROP CONSTRAINT "FK_29b593072f68c0ddaef447b391b"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_members" DROP CONSTRAINT "FK_9b75c0eb73f40853574890fa145"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_group_members" DROP CONSTRAINT "FK_7f63094ea06b05f589f342af7be"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_groups" DROP CONSTRAINT "FK_79593358ff2b27174169ba25119"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_groups" DROP CONSTRAINT "FK_ee123c70a68e943a9b885249af7"',
    );
    await queryRunner.query(
      'ALTER TABLE "support_groups" DROP CONSTRAINT "FK_5e07ad52d655ad0f6b153bbae43"',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_assignments" DROP CONSTRAINT "FK_d29e10ed16e4fcfd41f6e9fb159"',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_assignments" DROP CONSTRAINT "FK_2e71ce74f185654482c285c7e36"',
    );
    await queryRunner.query(
      'ALTER TABLE "staff_members" DROP CONSTRAINT "FK_a657a5c9d26d8497ff776c91cde"',
    );
    await queryRunner.query(
      'ALTER TABLE "poverty_reviews" DROP CONSTRAINT "FK_b7d7cf13dbd2f44464f6aa84bd4"',
    );
    await queryRunner.query(
      'ALTER TABLE "household_category_periods" DROP CONSTRAINT "FK_30857c32cd1ff430e51d0d4945c"',
    );
    await queryRunner.query(
      'ALTER TABLE "household_members" DROP CONSTRAINT "FK_6b8b13e8e04d123ec8cb8b5c318"',
    );
    await queryRunner.query(
      'ALTER TABLE "households" DROP CONSTRAINT "FK_338cd283ec8641442dd3bd0fadd"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_b003cc95b6bc56dcf11dbf0411"');
    await queryRunner.query('DROP TABLE "support_plan_steps"');
    await queryRunner.query('DROP INDEX "public"."IDX_3c5b73862c78312e4cd26bf229"');
    await queryRunner.query('DROP INDEX "public"."IDX_8865de59fd81b3d6bb3a925edf"');
    await queryRunner.query('DROP TABLE "support_plans"');
    await queryRunner.query('DROP TYPE "public"."support_plan_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_79a1fedf4e499435fd428d1ff1"');
    await queryRunner.query('DROP TABLE "half_year_reports"');
    await queryRunner.query('DROP TYPE "public"."report_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_67a1391efadf552cddcf63f3a1"');
    await queryRunner.query('DROP INDEX "public"."IDX_0142926364fd8d0cd008943186"');
    await queryRunner.query('DROP INDEX "public"."IDX_b7f46d70cb72a2d52b59e7f1ee"');
    await queryRunner.query('DROP INDEX "public"."IDX_e5f20663d928e68b62916aba08"');
    await queryRunner.query('DROP TABLE "aspirations"');
    await queryRunner.query('DROP TYPE "public"."aspiration_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_feb590ca9e76a2044762b860e4"');
    await queryRunner.query('DROP TABLE "visit_participants"');
    await queryRunner.query('DROP INDEX "public"."IDX_28cc64d00853e7a75bf0bacf49"');
    await queryRunner.query('DROP INDEX "public"."IDX_57d773fffd96874f15ab50f041"');
    await queryRunner.query('DROP TABLE "visits"');
    await queryRunner.query('DROP INDEX "public"."IDX_07061e54c90d8fe3dcd7569896"');
    await queryRunner.query('DROP TABLE "support_group_households"');
    await queryRunner.query('DROP INDEX "public"."IDX_9b75c0eb73f40853574890fa14"');
    await queryRunner.query('DROP TABLE "support_group_members"');
    await queryRunner.query('DROP INDEX "public"."IDX_79593358ff2b27174169ba2511"');
    await queryRunner.query('DROP INDEX "public"."IDX_ee123c70a68e943a9b885249af"');
    await queryRunner.query('DROP INDEX "public"."IDX_5e07ad52d655ad0f6b153bbae4"');
    await queryRunner.query('DROP TABLE "support_groups"');
    await queryRunner.query('DROP INDEX "public"."IDX_d29e10ed16e4fcfd41f6e9fb15"');
    await queryRunner.query('DROP INDEX "public"."IDX_2e71ce74f185654482c285c7e3"');
    await queryRunner.query('DROP TABLE "staff_assignments"');
    await queryRunner.query('DROP TYPE "public"."title_rank"');
    await queryRunner.query('DROP INDEX "public"."IDX_a657a5c9d26d8497ff776c91cd"');
    await queryRunner.query('DROP TABLE "staff_members"');
    await queryRunner.query('DROP INDEX "public"."IDX_26dfe7c3aeed1f43eacdefd672"');
    await queryRunner.query('DROP TABLE "poverty_reviews"');
    await queryRunner.query('DROP TYPE "public"."poverty_result"');
    await queryRunner.query('DROP INDEX "public"."IDX_30857c32cd1ff430e51d0d4945"');
    await queryRunner.query('DROP TABLE "household_category_periods"');
    await queryRunner.query('DROP TYPE "public"."household_category"');
    await queryRunner.query('DROP INDEX "public"."household_members_citizen_id_unique"');
    await queryRunner.query('DROP INDEX "public"."IDX_6b8b13e8e04d123ec8cb8b5c31"');
    await queryRunner.query('DROP TABLE "household_members"');
    await queryRunner.query('DROP TYPE "public"."relation"');
    await queryRunner.query('DROP INDEX "public"."IDX_338cd283ec8641442dd3bd0fad"');
    await queryRunner.query('DROP TABLE "households"');
    await queryRunner.query('DROP TYPE "public"."household_need"');
  }
}
