import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PERF: lists of people sort by name in Vietnamese order (ICU collation). Without an index in that
 * order every page sorts the whole table: 62 ms for 20,000 households, most of a request.
 */
export class VietnameseSortIndexes1795835100000 implements MigrationInterface {
  name = 'VietnameseSortIndexes1795835100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "households_head_name_vi" ON "households" ("head_name" COLLATE "vi-VN-x-icu", "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "household_members_full_name_vi" ON "household_members" ("full_name" COLLATE "vi-VN-x-icu", "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "staff_members_full_name_vi" ON "staff_members" ("full_name" COLLATE "vi-VN-x-icu", "id")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "staff_members_full_name_vi"');
    await queryRunner.query('DROP INDEX "household_members_full_name_vi"');
    await queryRunner.query('DROP INDEX "households_head_name_vi"');
  }
}
