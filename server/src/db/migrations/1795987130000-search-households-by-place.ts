import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People look a household up by where it lives ("Hòa Hội", "thôn 4"): the households' search also
 * matches the names of villages and communes. A trigram index over the units' names keeps that
 * part index-backed, as migration 1795982000000 does for the households' own columns.
 */
export class SearchHouseholdsByPlace1795987130000 implements MigrationInterface {
  name = 'SearchHouseholdsByPlace1795987130000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_search_administrative_units_name" ON administrative_units
         USING gin (plan68_search_text(name) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_search_administrative_units_name"');
  }
}
