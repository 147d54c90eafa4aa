import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCHED_COLUMNS } from './1795982000000-search-by-trigram-index';

/**
 * PERF (issue 12): an administrator's search of households could not use the trigram indexes.
 * Under row-level security PostgreSQL evaluates the policy before any condition that is not
 * LEAKPROOF, and LIKE (with unaccent) is not: every search read the whole table and compared each
 * row's village with every village matched, one by one. At 300,000 households the total for
 * "Thôn 3" took 16 s, a page with its total for "an" 22 s, and a broad search under load reached
 * the 30 s statement timeout.
 *
 * plan68_search_ids() finds the matching ids through the indexes as the tables' owner, who
 * bypasses row-level security; the list then reads its rows by `id = ANY (…)` (uuid equality is
 * leakproof, so the primary key answers it) with the policy still applied to every row read.
 *
 * It answers only a caller who reads every row (app_reads_all()): for those the SELECT policy of
 * every table below begins with `app_reads_all() OR`, so the ids it returns are ids they may
 * read anyway (test/search-behind-row-security.test.ts holds each policy to that). It searches only
 * the (table, column) pairs below, each with its trigram index, and returns ids, never text.
 * Anyone else (an officer, a group member) keeps the plain condition: their policy leaves a few
 * hundred rows to compare, and the function refuses them.
 */
export const SEARCHED_BEHIND_ROW_SECURITY: Record<string, string[]> = Object.fromEntries(
  [
    'households',
    'household_members',
    'staff_members',
    'poverty_reviews',
    'visits',
    'aspirations',
    'contributions',
    'donations',
    'disbursements',
  ].map((table) => [table, SEARCHED_COLUMNS[table]!]),
);

const pairs = Object.entries(SEARCHED_BEHIND_ROW_SECURITY)
  .flatMap(([table, columns]) => columns.map((column) => `('${table}', '${column}')`))
  .join(', ');

const SEARCH_IDS = `CREATE FUNCTION plan68_search_ids(target text, columns text[], pattern text)
  RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  branches text;
  refused text;
  found uuid[];
BEGIN
  IF NOT coalesce(app_reads_all(), false) THEN
    RAISE EXCEPTION 'plan68_search_ids answers only a caller who reads every row'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT string_agg(c, ', ') INTO refused FROM unnest(columns) c
   WHERE (target, c) NOT IN (VALUES ${pairs});
  IF refused IS NOT NULL OR coalesce(cardinality(columns), 0) = 0 THEN
    RAISE EXCEPTION 'plan68_search_ids does not search %(%)', target, coalesce(refused, '')
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- The expression of the trigram indexes (migration 1795982000000), one index per branch.
  SELECT string_agg(format(
           'SELECT id FROM %I WHERE plan68_search_text(%I) LIKE plan68_search_text($1) ESCAPE %L',
           target, c, E'\\\\'), ' UNION ALL ')
    INTO branches FROM unnest(columns) c;
  EXECUTE format('SELECT coalesce(array_agg(DISTINCT id), ''{}'') FROM (%s) s', branches)
    INTO found USING pattern;
  RETURN found;
END $$`;

export class SearchBehindRowSecurity1796008000000 implements MigrationInterface {
  name = 'SearchBehindRowSecurity1796008000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SEARCH_IDS);
    await queryRunner.query(
      'REVOKE ALL ON FUNCTION plan68_search_ids(text, text[], text) FROM PUBLIC',
    );
    await queryRunner.query(
      'GRANT EXECUTE ON FUNCTION plan68_search_ids(text, text[], text) TO plan68_app',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION plan68_search_ids(text, text[], text)');
  }
}
