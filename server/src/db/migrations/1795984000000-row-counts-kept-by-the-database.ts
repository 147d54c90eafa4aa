import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every list page of the admin asks for its total. For those who read every row (administrators,
 * analysts) and filter nothing, that was count(*) over the whole table on every page: 300,000
 * households, 2,000,000 contributions. The database keeps each big table's row count instead,
 * moved by statement-level triggers in the writing transaction, so it is exact and committed
 * with the rows it counts.
 */
export const COUNTED_TABLES = [
  'households',
  'household_members',
  'household_category_periods',
  'poverty_reviews',
  'visits',
  'aspirations',
  'support_groups',
  'support_plans',
  'staff_members',
  'contributions',
  'donations',
  'disbursements',
  'progress_entries',
];

export class RowCountsKeptByTheDatabase1795984000000 implements MigrationInterface {
  name = 'RowCountsKeptByTheDatabase1795984000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE row_counts (table_name text PRIMARY KEY, row_count bigint NOT NULL)`);
    await q(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON row_counts FROM plan68_app`);
    await q(`GRANT SELECT ON row_counts TO plan68_app`);
    // SECURITY DEFINER: the app's statements move counts it may not write itself.
    await q(`CREATE FUNCTION row_counts_moved() RETURNS trigger LANGUAGE plpgsql
               SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE moved bigint;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE row_counts SET row_count = 0 WHERE table_name = TG_TABLE_NAME;
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          SELECT count(*) INTO moved FROM changed;
        ELSE
          SELECT -count(*) INTO moved FROM changed;
        END IF;
        IF moved <> 0 THEN
          UPDATE row_counts SET row_count = row_count + moved WHERE table_name = TG_TABLE_NAME;
        END IF;
        RETURN NULL;
      END $$`);
    await q(`REVOKE ALL ON FUNCTION row_counts_moved() FROM PUBLIC`);
    for (const table of COUNTED_TABLES) {
      await queryRunner.query(
        `INSERT INTO row_counts (table_name, row_count) SELECT $1, count(*) FROM ${table}`,
        [table],
      );
      await q(`CREATE TRIGGER row_counts_inserted AFTER INSERT ON ${table}
                 REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION row_counts_moved()`);
      await q(`CREATE TRIGGER row_counts_deleted AFTER DELETE ON ${table}
                 REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION row_counts_moved()`);
      await q(`CREATE TRIGGER row_counts_truncated AFTER TRUNCATE ON ${table}
                 FOR EACH STATEMENT EXECUTE FUNCTION row_counts_moved()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of COUNTED_TABLES) {
      for (const trigger of ['row_counts_inserted', 'row_counts_deleted', 'row_counts_truncated'])
        await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION row_counts_moved()');
    await queryRunner.query('DROP TABLE row_counts');
  }
}
