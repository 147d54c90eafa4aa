import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists' search (`q`) compares accent- and case-free text with LIKE '%…%': "nguyen" finds
 * "Nguyễn". unaccent() is not IMMUTABLE (its dictionary could change), so no index could hold it
 * and every search read the whole table. plan68_search_text() names the dictionary, which makes it
 * immutable, and a trigram index over it answers LIKE '%…%' by index (3 characters or more).
 * The columns are the searchColumns of the resources whose tables grow with the country.
 */
export const SEARCHED_COLUMNS: Record<string, string[]> = {
  households: ['head_name', 'address'],
  household_members: ['full_name'],
  staff_members: ['full_name', 'position'],
  poverty_reviews: ['standard', 'notes'],
  visits: ['findings'],
  aspirations: ['content', 'response'],
  progress_entries: ['description', 'evidence'],
  contributions: ['note'],
  donations: ['donor_name', 'in_kind_description', 'note'],
  disbursements: ['description', 'event_name', 'note'],
  support_groups: ['name'],
};

const indexName = (table: string, column: string) => `IDX_search_${table}_${column}`;

export class SearchByTrigramIndex1795982000000 implements MigrationInterface {
  name = 'SearchByTrigramIndex1795982000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`CREATE FUNCTION plan68_search_text(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower(value)) $$`);
    for (const [table, columns] of Object.entries(SEARCHED_COLUMNS)) {
      for (const column of columns) {
        await queryRunner.query(
          `CREATE INDEX "${indexName(table, column)}" ON ${table}
             USING gin (plan68_search_text(${column}) gin_trgm_ops)`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(SEARCHED_COLUMNS))
      for (const column of columns)
        await queryRunner.query(`DROP INDEX "${indexName(table, column)}"`);
    await queryRunner.query('DROP FUNCTION plan68_search_text(text)');
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
