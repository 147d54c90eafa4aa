import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795834800000-row-security-and-audit';

/**
 * Readiness (/readyz) checks, as the app role, that the database's schema is the code's: the role
 * reads which migrations ran, and may change none of them.
 */
export class ReadinessReadsMigrations1795970000000 implements MigrationInterface {
  name = 'ReadinessReadsMigrations1795970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON migrations FROM ${APP_ROLE}`);
    await queryRunner.query(`GRANT SELECT ON migrations TO ${APP_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON migrations FROM ${APP_ROLE}`);
  }
}
