import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PERF (issue 12): every list placed by an administrative unit opens with its unit picker, which
 * asks for the first 25 units by name and their total. At nation scale (90,000 units) that sorted
 * the whole table in Vietnamese order and counted it on every list page opened, by anyone: 37 ms
 * and 4 ms of PostgreSQL, more than the list itself. Units in name order (alone, and within a
 * level, as the commune and village pickers ask) are now read from an index, and the database
 * keeps the table's row count with the others (row_counts).
 */
export const UNIT_COUNTED_TABLES = ['administrative_units'];

const ROW_COUNT_TRIGGERS = [
  ['row_counts_inserted', 'AFTER INSERT', 'REFERENCING NEW TABLE AS changed'],
  ['row_counts_deleted', 'AFTER DELETE', 'REFERENCING OLD TABLE AS changed'],
  ['row_counts_truncated', 'AFTER TRUNCATE', ''],
] as const;

export class UnitChoicesInNameOrder1796007000000 implements MigrationInterface {
  name = 'UnitChoicesInNameOrder1796007000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The same expressions as CrudService.list's ORDER BY (name is NOT NULL: no NULLS LAST).
    await queryRunner.query(
      `CREATE INDEX "IDX_list_administrative_units_name" ON administrative_units
         (name COLLATE "vi-VN-x-icu", id)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_list_administrative_units_level_name" ON administrative_units
         (level, name COLLATE "vi-VN-x-icu", id)`,
    );
    for (const table of UNIT_COUNTED_TABLES) {
      await queryRunner.query(
        `INSERT INTO row_counts (table_name, row_count) SELECT $1, count(*) FROM ${table}`,
        [table],
      );
      for (const [name, event, transition] of ROW_COUNT_TRIGGERS)
        await queryRunner.query(
          `CREATE TRIGGER ${name} ${event} ON ${table} ${transition}
             FOR EACH STATEMENT EXECUTE FUNCTION row_counts_moved()`,
        );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of UNIT_COUNTED_TABLES) {
      for (const [name] of ROW_COUNT_TRIGGERS)
        await queryRunner.query(`DROP TRIGGER ${name} ON ${table}`);
      await queryRunner.query('DELETE FROM row_counts WHERE table_name = $1', [table]);
    }
    await queryRunner.query('DROP INDEX "IDX_list_administrative_units_level_name"');
    await queryRunner.query('DROP INDEX "IDX_list_administrative_units_name"');
  }
}
