import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795821613429 implements MigrationInterface {
  name = 'Initial1795821613429';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Accent-insensitive search: "xuan son bac" finds "Xuân Sơn Bắc".
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"administrative_level\" AS ENUM('PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE')",
    );
    await queryRunner.query(
      'CREATE TABLE "administrative_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "level" "public"."administrative_level" NOT NULL, "name" text NOT NULL, "code" text, "parent_id" uuid, "valid_from" date, "valid_to" date, CONSTRAINT "PK_97f662b9b848ae0982347d7d1d3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1d33f2501763089f6790637a92" ON "administrative_units"  ("parent_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"organization_kind\" AS ENUM('PARTY_COMMITTEE', 'STATE_AGENCY', 'PEOPLES_COMMITTEE', 'MASS_ORGANIZATION', 'BUSINESS', 'INDIVIDUAL_DONOR', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "short_name" text, "kind" "public"."organization_kind" NOT NULL, "level" "public"."administrative_level", "administrative_unit_id" uuid, CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1a7509555c2a9778d692404b33" ON "organizations"  ("administrative_unit_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" text NOT NULL, "title" text NOT NULL, "model_name" text, "issuer_id" uuid, "issued_date" date, CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_95f7ef3fc4c31a3545b4d825dd" ON "plans"  ("code") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_86c4eeaf855a8266922cd0819f" ON "plans"  ("issuer_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "partnerships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "plan_id" uuid NOT NULL, "commune_id" uuid NOT NULL, "coordination_plan_date" date, "notes" text, CONSTRAINT "PK_55de3c169ff0d5d88e9a7cb0cd6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f7f35d963d707ec824ab5abfec" ON "partnerships"  ("plan_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3dd0a5bbf39c8a2ddc9ffff305" ON "partnerships"  ("commune_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "partnership_sponsors" ("partnership_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_58a520b3423d8852df4bf17fbe9" PRIMARY KEY ("partnership_id", "organization_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a093bf531d2426eb08de3ff144" ON "partnership_sponsors"  ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "memoranda" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "partnership_id" uuid NOT NULL, "title" text NOT NULL, "signed_date" date, "notes" text, CONSTRAINT "PK_f7d466330a533163a0a7692b85c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2fe0ccc9f8d562c5d1e6ba795c" ON "memoranda"  ("partnership_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "memorandum_parties" ("memorandum_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_4e191171860f85157452c11dabe" PRIMARY KEY ("memorandum_id", "organization_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_000a67f2f515859c50c69a7ff5" ON "memorandum_parties"  ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "counterpart_responsibilities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "memorandum_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT \'0\', "description" text NOT NULL, "responsible_organization_id" uuid, CONSTRAINT "PK_e703e89f2c193a82a83da507778" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1d9df065f16a8e33dc30a18b32" ON "counterpart_responsibilities"  ("memorandum_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3757e03ce8b68ba4bd9a16560b" ON "counterpart_responsibilities"  ("responsible_organization_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"commitment_area\" AS ENUM('THEMATIC_SESSIONS', 'LEGAL_SUPPORT', 'MASS_ORGANIZATIONS', 'MARKET_ENVIRONMENT_CRITERIA', 'TEMPORARY_HOUSE_REMOVAL')",
    );
    await queryRunner.query(
      'CREATE TABLE "commitments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "memorandum_id" uuid NOT NULL, "area" "public"."commitment_area" NOT NULL, "title" text NOT NULL, "description" text, "target_quantity" integer, "target_unit" text, "target_criterion" text, "responsible_organization_id" uuid, "due_date" date, "position" integer NOT NULL DEFAULT \'0\', CONSTRAINT "commitments_target_quantity_positive" CHECK ("target_quantity" IS NULL OR "target_quantity" > 0), CONSTRAINT "PK_82060edcfe810ce82b7565521af" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f3aa48a04476bbeca0fd645162" ON "commitments"  ("memorandum_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8df09dc847ea547b6ffe4ea7fa" ON "commitments"  ("responsible_organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "progress_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "commitment_id" uuid NOT NULL, "entry_date" date NOT NULL, "description" text NOT NULL, "quantity" integer NOT NULL DEFAULT \'0\', "cost" bigint, "evidence" text, "completes" boolean NOT NULL DEFAULT false, CONSTRAINT "progress_entries_cost_not_negative" CHECK ("cost" IS NULL OR "cost" >= 0), CONSTRAINT "progress_entries_quantity_not_negative" CHECK ("quantity" >= 0), CONSTRAINT "PK_ed154f1c509797964b7758e66a5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_87196d7cebea5eb570cb71da69" ON "progress_entries"  ("commitment_id", "entry_date") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"information_topic\" AS ENUM('COMMUNE_CHARACTERISTICS', 'POLITICAL_SYSTEM', 'POLICY_FAMILIES_AND_POOR_HOUSEHOLDS', 'OTHER')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"information_request_status\" AS ENUM('DRAFT', 'SENT', 'RECEIVED', 'CANCELLED')",
    );
    await queryRunner.query(
      'CREATE TABLE "information_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "partnership_id" uuid NOT NULL, "topic" "public"."information_topic" NOT NULL, "details" text, "status" "public"."information_request_status" NOT NULL, "requested_date" date, "received_date" date, CONSTRAINT "PK_6c42fdd3cb4a12dfa4f4107e2e2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6122392bf15307ddbb65ec3677" ON "information_requests"  ("partnership_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "information_request_recipients" ("information_request_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_639bdb6c1ef7da63e9b75d86321" PRIMARY KEY ("information_request_id", "organization_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_97faca40270f9326d7a4f6c99c" ON "information_request_recipients"  ("organization_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_role\" AS ENUM('ADMIN', 'AGENCY_OFFICER', 'GROUP_MEMBER', 'ANALYST', 'VIEWER')",
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "username" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" "public"."user_role" NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users"  ("username") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sessions" ("token_hash" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_abaa9e068cdd390bc5210f79884" PRIMARY KEY ("token_hash"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9cfe37d28c3b229a350e086d94" ON "sessions"  ("expires_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "administrative_units" ADD CONSTRAINT "FK_1d33f2501763089f6790637a923" FOREIGN KEY ("parent_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organizations" ADD CONSTRAINT "FK_1a7509555c2a9778d692404b33f" FOREIGN KEY ("administrative_unit_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "plans" ADD CONSTRAINT "FK_86c4eeaf855a8266922cd0819f5" FOREIGN KEY ("issuer_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "partnerships" ADD CONSTRAINT "FK_f7f35d963d707ec824ab5abfece" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "partnerships" ADD CONSTRAINT "FK_3dd0a5bbf39c8a2ddc9ffff3053" FOREIGN KEY ("commune_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "partnership_sponsors" ADD CONSTRAINT "FK_79aac0a5356303d2a06b658542e" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "partnership_sponsors" ADD CONSTRAINT "FK_a093bf531d2426eb08de3ff144f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memoranda" ADD CONSTRAINT "FK_2fe0ccc9f8d562c5d1e6ba795c3" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memorandum_parties" ADD CONSTRAINT "FK_4574e751358e2165e2301f3f799" FOREIGN KEY ("memorandum_id") REFERENCES "memoranda"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memorandum_parties" ADD CONSTRAINT "FK_000a67f2f515859c50c69a7ff5b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "counterpart_responsibilities" ADD CONSTRAINT "FK_1d9df065f16a8e33dc30a18b328" FOREIGN KEY ("memorandum_id") REFERENCES "memoranda"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "counterpart_responsibilities" ADD CONSTRAINT "FK_3757e03ce8b68ba4bd9a16560b9" FOREIGN KEY ("responsible_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "commitments" ADD CONSTRAINT "FK_f3aa48a04476bbeca0fd6451623" FOREIGN KEY ("memorandum_id") REFERENCES "memoranda"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "commitments" ADD CONSTRAINT "FK_8df09dc847ea547b6ffe4ea7fa1" FOREIGN KEY ("responsible_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_entries" ADD CONSTRAINT "FK_4e4381603b3cc42c20ba1f72d9d" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "information_requests" ADD CONSTRAINT "FK_6122392bf15307ddbb65ec36776" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "information_request_recipients" ADD CONSTRAINT "FK_a54d4c31a0ea16ca9af60b6862a" FOREIGN KEY ("information_request_id") REFERENCES "information_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "information_request_recipients" ADD CONSTRAINT "FK_97faca40270f9326d7a4f6c99cf" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"',
    );
    await queryRunner.query(
      'ALTER TABLE "information_request_recipients" DROP CONSTRAINT "FK_97faca40270f9326d7a4f6c99cf"',
    );
    await queryRunner.query(
      'ALTER TABLE "information_request_recipients" DROP CONSTRAINT "FK_a54d4c31a0ea16ca9af60b6862a"',
    );
    await queryRunner.query(
      'ALTER TABLE "information_requests" DROP CONSTRAINT "FK_6122392bf15307ddbb65ec36776"',
    );
    await queryRunner.query(
      'ALTER TABLE "progress_entries" DROP CONSTRAINT "FK_4e4381603b3cc42c20ba1f72d9d"',
    );
    await queryRunner.query(
      'ALTER TABLE "commitments" DROP CONSTRAINT "FK_8df09dc847ea547b6ffe4ea7fa1"',
    );
    await queryRunner.query(
      'ALTER TABLE "commitments" DROP CONSTRAINT "FK_f3aa48a04476bbeca0fd6451623"',
    );
    await queryRunner.query(
      'ALTER TABLE "counterpart_responsibilities" DROP CONSTRAINT "FK_3757e03ce8b68ba4bd9a16560b9"',
    );
    await queryRunner.query(
      'ALTER TABLE "counterpart_responsibilities" DROP CONSTRAINT "FK_1d9df065f16a8e33dc30a18b328"',
    );
    await queryRunner.query(
      'ALTER TABLE "memorandum_parties" DROP CONSTRAINT "FK_000a67f2f515859c50c69a7ff5b"',
    );
    await queryRunner.query(
      'ALTER TABLE "memorandum_parties" DROP CONSTRAINT "FK_4574e751358e2165e2301f3f799"',
    );
    await queryRunner.query(
      'ALTER TABLE "memoranda" DROP CONSTRAINT "FK_2fe0ccc9f8d562c5d1e6ba795c3"',
    );
    await queryRunner.query(
      'ALTER TABLE "partnership_sponsors" DROP CONSTRAINT "FK_a093bf531d2426eb08de3ff144f"',
    );
    await queryRunner.query(
      'ALTER TABLE "partnership_sponsors" DROP CONSTRAINT "FK_79aac0a5356303d2a06b658542e"',
    );
    await queryRunner.query(
      'ALTER TABLE "partnerships" DROP CONSTRAINT "FK_3dd0a5bbf39c8a2ddc9ffff3053"',
    );
    await queryRunner.query(
      'ALTER TABLE "partnerships" DROP CONSTRAINT "FK_f7f35d963d707ec824ab5abfece"',
    );
    await queryRunner.query('ALTER TABLE "plans" DROP CONSTRAINT "FK_86c4eeaf855a8266922cd0819f5"');
    await queryRunner.query(
      'ALTER TABLE "organizations" DROP CONSTRAINT "FK_1a7509555c2a9778d692404b33f"',
    );
    await queryRunner.query(
      'ALTER TABLE "administrative_units" DROP CONSTRAINT "FK_1d33f2501763089f6790637a923"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_9cfe37d28c3b229a350e086d94"');
    await queryRunner.query('DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"');
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('DROP INDEX "public"."IDX_fe0bb3f6520ee0469504521e71"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TYPE "public"."user_role"');
    await queryRunner.query('DROP INDEX "public"."IDX_97faca40270f9326d7a4f6c99c"');
    await queryRunner.query('DROP TABLE "information_request_recipients"');
    await queryRunner.query('DROP INDEX "public"."IDX_6122392bf15307ddbb65ec3677"');
    await queryRunner.query('DROP TABLE "information_requests"');
    await queryRunner.query('DROP TYPE "public"."information_request_status"');
    await queryRunner.query('DROP TYPE "public"."information_topic"');
    await queryRunner.query('DROP INDEX "public"."IDX_87196d7cebea5eb570cb71da69"');
    await queryRunner.query('DROP TABLE "progress_entries"');
    await queryRunner.query('DROP INDEX "public"."IDX_8df09dc847ea547b6ffe4ea7fa"');
    await queryRunner.query('DROP INDEX "public"."IDX_f3aa48a04476bbeca0fd645162"');
    await queryRunner.query('DROP TABLE "commitments"');
    await queryRunner.query('DROP TYPE "public"."commitment_area"');
    await queryRunner.query('DROP INDEX "public"."IDX_3757e03ce8b68ba4bd9a16560b"');
    await queryRunner.query('DROP INDEX "public"."IDX_1d9df065f16a8e33dc30a18b32"');
    await queryRunner.query('DROP TABLE "counterpart_responsibilities"');
    await queryRunner.query('DROP INDEX "public"."IDX_000a67f2f515859c50c69a7ff5"');
    await queryRunner.query('DROP TABLE "memorandum_parties"');
    await queryRunner.query('DROP INDEX "public"."IDX_2fe0ccc9f8d562c5d1e6ba795c"');
    await queryRunner.query('DROP TABLE "memoranda"');
    await queryRunner.query('DROP INDEX "public"."IDX_a093bf531d2426eb08de3ff144"');
    await queryRunner.query('DROP TABLE "partnership_sponsors"');
    await queryRunner.query('DROP INDEX "public"."IDX_3dd0a5bbf39c8a2ddc9ffff305"');
    await queryRunner.query('DROP INDEX "public"."IDX_f7f35d963d707ec824ab5abfec"');
    await queryRunner.query('DROP TABLE "partnerships"');
    await queryRunner.query('DROP INDEX "public"."IDX_86c4eeaf855a8266922cd0819f"');
    await queryRunner.query('DROP INDEX "public"."IDX_95f7ef3fc4c31a3545b4d825dd"');
    await queryRunner.query('DROP TABLE "plans"');
    await queryRunner.query('DROP INDEX "public"."IDX_1a7509555c2a9778d692404b33"');
    await queryRunner.query('DROP TABLE "organizations"');
    await queryRunner.query('DROP TYPE "public"."organization_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_1d33f2501763089f6790637a92"');
    await queryRunner.query('DROP TABLE "administrative_units"');
    await queryRunner.query('DROP TYPE "public"."administrative_level"');
  }
}
