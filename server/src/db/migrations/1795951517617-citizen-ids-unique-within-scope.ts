import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CitizenIdsUniqueWithinScope1795951517617 implements MigrationInterface {
  name = 'CitizenIdsUniqueWithinScope1795951517617';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."household_members_citizen_id_unique"');
    await queryRunner.query(
      'CREATE INDEX "household_members_citizen_id" ON "household_members"  ("citizen_id") WHERE "citizen_id" IS NOT NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."household_members_citizen_id"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "household_members_citizen_id_unique" ON "household_members" USING btree ("citizen_id") WHERE (citizen_id IS NOT NULL)',
    );
  }
}
