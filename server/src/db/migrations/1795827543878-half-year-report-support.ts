import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HalfYearReportSupport1795827543878 implements MigrationInterface {
  name = 'HalfYearReportSupport1795827543878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "half_year_reports" ADD "support_deliveries" integer NOT NULL DEFAULT \'0\'',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "half_year_reports" DROP COLUMN "support_deliveries"');
  }
}
