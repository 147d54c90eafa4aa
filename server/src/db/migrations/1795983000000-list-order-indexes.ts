import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in the exact order of the big lists' default sorts (CrudService.list: the column, NULLS
 * LAST where it may be null, Vietnamese collation for text, then id), so that a page is read from
 * the index in order instead of sorting the whole table: 900,000 poverty reviews or 2,000,000
 * contributions for the administrator's first page.
 */
const DEFAULT_ORDERS: { table: string; column: string; order: 'ASC' | 'DESC'; text?: boolean }[] = [
  { table: 'poverty_reviews', column: 'year', order: 'DESC' },
  { table: 'household_category_periods', column: 'valid_from', order: 'DESC' },
  { table: 'household_members', column: 'birth_year', order: 'ASC' },
  { table: 'visits', column: 'visit_date', order: 'DESC' },
  { table: 'aspirations', column: 'recorded_date', order: 'DESC' },
  { table: 'support_groups', column: 'name', order: 'ASC', text: true },
  { table: 'support_plans', column: 'created_at', order: 'DESC' },
  { table: 'half_year_reports', column: 'year', order: 'DESC' },
  { table: 'contributions', column: 'paid_date', order: 'DESC' },
  { table: 'donations', column: 'received_date', order: 'DESC' },
  { table: 'disbursements', column: 'planned_date', order: 'DESC' },
];

const indexName = (table: string, column: string) => `IDX_list_${table}_${column}`;

export class ListOrderIndexes1795983000000 implements MigrationInterface {
  name = 'ListOrderIndexes1795983000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column, order, text } of DEFAULT_ORDERS) {
      const [{ nullable }] = (await queryRunner.query(
        `SELECT is_nullable = 'YES' AS nullable FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
        [table, column],
      )) as { nullable: boolean }[];
      // The same expression as the ORDER BY, or the planner cannot read the index in order.
      const key = `${column}${text ? ' COLLATE "vi-VN-x-icu"' : ''} ${order}${nullable ? ' NULLS LAST' : ''}`;
      await queryRunner.query(
        `CREATE INDEX "${indexName(table, column)}" ON ${table} (${key}, id)`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column } of DEFAULT_ORDERS)
      await queryRunner.query(`DROP INDEX "${indexName(table, column)}"`);
  }
}
