import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOUSEHOLD_CHILD_READ } from './1795980000000-policies-the-planner-can-use';

const WRITERS_OF_AGENCY = `(SELECT app_role()) IN ('ADMIN', 'AGENCY_OFFICER')`;
const parentVisible = (table: string, column: string, parent: string) =>
  `EXISTS (SELECT 1 FROM ${parent} parent WHERE parent.id = ${table}.${column})`;

/**
 * Row-level security of the house projects, as a household's own records: read by those who read
 * the household (its agency's officers, the groups helping it, administrators and analysts);
 * written by administrators and officers who read it. A budget line follows its project. Policies
 * on the children name the parent with EXISTS, a primary-key probe the parent's own policy filters.
 */
const POLICIES: Record<string, { read: string; write: string }> = {
  house_projects: {
    read: HOUSEHOLD_CHILD_READ('household_id'),
    write: `${WRITERS_OF_AGENCY} AND ${parentVisible('house_projects', 'household_id', 'households')}`,
  },
  house_project_fundings: {
    read: parentVisible('house_project_fundings', 'project_id', 'house_projects'),
    write: `${WRITERS_OF_AGENCY} AND ${parentVisible('house_project_fundings', 'project_id', 'house_projects')}`,
  },
};

/**
 * Temporary houses removed as projects (issue 14, point 3): a household's house project serving a
 * commitment of area 5, its assessment, budget by source, stages and handover record. One open
 * project per household; a disbursement or a donation funds one project at most; a project's
 * progress entry is its own (unique), so a handover counts once.
 */
export class HouseProjects1795993000000 implements MigrationInterface {
  name = 'HouseProjects1795993000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"house_project_stage\" AS ENUM('SURVEYED', 'APPROVED', 'BUILDING', 'HANDED_OVER')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"house_condition\" AS ENUM('TEMPORARY', 'DILAPIDATED', 'DAMAGED', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "house_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" text NOT NULL, "household_id" uuid NOT NULL, "commitment_id" uuid NOT NULL, "stage" "public"."house_project_stage" NOT NULL DEFAULT \'SURVEYED\', "estimated_cost" bigint NOT NULL, "notes" text, "assessment_date" date, "assessed_by" text, "house_condition" "public"."house_condition", "wall_material" text, "roof_material" text, "floor_material" text, "floor_area" integer, "occupants" integer, "assessment_notes" text, "surveyed_date" date NOT NULL, "surveyed_confirmed_by" text NOT NULL, "surveyed_confirmer_position" text, "surveyed_recorded_by_id" uuid, "approved_date" date, "approved_confirmed_by" text, "approved_confirmer_position" text, "approved_recorded_by_id" uuid, "building_date" date, "building_confirmed_by" text, "building_confirmer_position" text, "building_recorded_by_id" uuid, "handed_over_date" date, "handed_over_confirmed_by" text, "handed_over_confirmer_position" text, "handed_over_recorded_by_id" uuid, "handover_minutes_number" text, "handover_giver" text, "handover_receiver" text, "handover_notes" text, "progress_entry_id" uuid, CONSTRAINT "house_projects_stage_dates" CHECK (("approved_date" IS NULL OR "approved_date" >= "surveyed_date")\n   AND ("building_date" IS NULL OR ("approved_date" IS NOT NULL AND "building_date" >= "approved_date"))\n   AND ("handed_over_date" IS NULL OR ("building_date" IS NOT NULL AND "handed_over_date" >= "building_date"))), CONSTRAINT "house_projects_estimated_cost" CHECK ("estimated_cost" > 0), CONSTRAINT "PK_8e127b32e10f633aa8e51ed5ddf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4924bf5bb80f10530ddd8a125d" ON "house_projects"  ("household_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_3383b876f3550e6d39c39867a9" ON "house_projects"  ("progress_entry_id") WHERE "progress_entry_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8d95be409604643a2dbf361b6c" ON "house_projects"  ("stage") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8b9c1a7a65ca6b07595ebd3d4a" ON "house_projects"  ("commitment_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"house_funding_source\" AS ENUM('AGENCY_FUND', 'DONATION', 'STATE_PROGRAMME', 'HOUSEHOLD_OWN', 'WORKDAYS')",
    );
    await queryRunner.query(
      'CREATE TABLE "house_project_fundings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "project_id" uuid NOT NULL, "source" "public"."house_funding_source" NOT NULL, "amount" bigint, "disbursement_id" uuid, "donation_id" uuid, "programme_name" text, "workdays" integer, "note" text, CONSTRAINT "house_project_fundings_workdays" CHECK ("workdays" IS NULL OR "workdays" > 0), CONSTRAINT "house_project_fundings_amount" CHECK ("amount" IS NULL OR "amount" >= 0), CONSTRAINT "PK_267acf8be0700dbb4fb10554d49" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e0df464fa200316543483d24c2" ON "house_project_fundings"  ("project_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_cd7049310bf3261a95889ebca6" ON "house_project_fundings"  ("donation_id") WHERE "donation_id" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_b097384fb9d7049a5fae7519d7" ON "house_project_fundings"  ("disbursement_id") WHERE "disbursement_id" IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "house_projects" ADD CONSTRAINT "FK_4924bf5bb80f10530ddd8a125d2" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "house_projects" ADD CONSTRAINT "FK_8b9c1a7a65ca6b07595ebd3d4a8" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "house_projects" ADD CONSTRAINT "FK_47d54700aa55844d404328cf817" FOREIGN KEY ("progress_entry_id") REFERENCES "progress_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "house_project_fundings" ADD CONSTRAINT "FK_e0df464fa200316543483d24c2a" FOREIGN KEY ("project_id") REFERENCES "house_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "house_project_fundings" ADD CONSTRAINT "FK_0ef8f4d31b033ad33185e1f158c" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "house_project_fundings" ADD CONSTRAINT "FK_acdfcbfe010d61d84b4d8fa6c75" FOREIGN KEY ("donation_id") REFERENCES "donations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX house_projects_one_open_per_household ON house_projects (household_id)
         WHERE stage <> 'HANDED_OVER'`,
    );
    for (const [table, policy] of Object.entries(POLICIES)) {
      const q = (sql: string) => queryRunner.query(sql);
      await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q(`CREATE POLICY scope_read ON ${table} FOR SELECT USING (${policy.read})`);
      await q(`CREATE POLICY scope_insert ON ${table} FOR INSERT WITH CHECK (${policy.write})`);
      await q(
        `CREATE POLICY scope_update ON ${table} FOR UPDATE USING (${policy.write}) WITH CHECK (${policy.write})`,
      );
      await q(`CREATE POLICY scope_delete ON ${table} FOR DELETE USING (${policy.write})`);
      await q(
        `CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row_change('id')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(POLICIES)) {
      await queryRunner.query(`DROP TRIGGER audit ON ${table}`);
      for (const policy of ['scope_read', 'scope_insert', 'scope_update', 'scope_delete'])
        await queryRunner.query(`DROP POLICY ${policy} ON ${table}`);
    }
    await queryRunner.query('DROP INDEX house_projects_one_open_per_household');
    await queryRunner.query(
      'ALTER TABLE "house_project_fundings" DROP CONSTRAINT "FK_acdfcbfe010d61d84b4d8fa6c75"',
    );
    await queryRunner.query(
      'ALTER TABLE "house_project_fundings" DROP CONSTRAINT "FK_0ef8f4d31b033ad33185e1f158c"',
    );
    await queryRunner.query(
      'ALTER TABLE "house_project_fundings" DROP CONSTRAINT "FK_e0df464fa200316543483d24c2a"',
    );
    await queryRunner.query(
      'ALTER TABLE "house_projects" DROP CONSTRAINT "FK_47d54700aa55844d404328cf817"',
    );
    await queryRunner.query(
      'ALTER TABLE "house_projects" DROP CONSTRAINT "FK_8b9c1a7a65ca6b07595ebd3d4a8"',
    );
    await queryRunner.query(
      'ALTER TABLE "house_projects" DROP CONSTRAINT "FK_4924bf5bb80f10530ddd8a125d2"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_b097384fb9d7049a5fae7519d7"');
    await queryRunner.query('DROP INDEX "public"."IDX_cd7049310bf3261a95889ebca6"');
    await queryRunner.query('DROP INDEX "public"."IDX_e0df464fa200316543483d24c2"');
    await queryRunner.query('DROP TABLE "house_project_fundings"');
    await queryRunner.query('DROP TYPE "public"."house_funding_source"');
    await queryRunner.query('DROP INDEX "public"."IDX_8b9c1a7a65ca6b07595ebd3d4a"');
    await queryRunner.query('DROP INDEX "public"."IDX_8d95be409604643a2dbf361b6c"');
    await queryRunner.query('DROP INDEX "public"."IDX_3383b876f3550e6d39c39867a9"');
    await queryRunner.query('DROP INDEX "public"."IDX_4924bf5bb80f10530ddd8a125d"');
    await queryRunner.query('DROP TABLE "house_projects"');
    await queryRunner.query('DROP TYPE "public"."house_condition"');
    await queryRunner.query('DROP TYPE "public"."house_project_stage"');
  }
}
