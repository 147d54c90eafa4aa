import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HouseholdRetention1795835000000 implements MigrationInterface {
  name = 'HouseholdRetention1795835000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "households" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "households" DROP COLUMN "anonymised_at"');
  }
}
