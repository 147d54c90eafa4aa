import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSchemaChanges } from '../server/src/db/cli';
import { runMigrations } from '../server/src/db/data-source';
import { startTestApp, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('migrations', () => {
  it('match the entities exactly (no drift): a migrated database needs no further change', async () => {
    const { up } = await pendingSchemaChanges(app.db);
    expect(up).toEqual([]);
  });

  it('can all be reverted and applied again, ending with the same schema', async () => {
    const tables = () =>
      app.db.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'public' ORDER BY 1, 2`,
      );
    const before = await tables();
    await app.db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await app.db.runMigrations({ transaction: 'each' });
    const count = app.db.migrations.length;
    for (let i = 0; i < count; i++) await app.db.undoLastMigration({ transaction: 'each' });
    const remaining: { count: number }[] = await app.db.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(remaining[0]!.count).toBe(0);
    await app.db.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(before);
  });

  it('run without the statement timeout that bounds requests, which stays on the pool', async () => {
    // A migration rewriting a nation's 900,000 reviews runs for minutes; a request never may.
    const seen: Record<string, string> = {};
    class ProbeTimeout9999999999999 implements MigrationInterface {
      name = 'ProbeTimeout9999999999999';
      async up(queryRunner: QueryRunner) {
        seen.up = (
          (await queryRunner.query('SHOW statement_timeout')) as { statement_timeout: string }[]
        )[0]!.statement_timeout;
      }
      async down(queryRunner: QueryRunner) {
        seen.down = (
          (await queryRunner.query('SHOW statement_timeout')) as { statement_timeout: string }[]
        )[0]!.statement_timeout;
      }
    }
    const probe = new DataSource({
      ...app.db.options,
      migrations: [ProbeTimeout9999999999999],
      migrationsTableName: 'probe_migrations',
    } as typeof app.db.options);
    await probe.initialize();
    try {
      await runMigrations(probe);
      await runMigrations(probe, true);
      expect(seen).toEqual({ up: '0', down: '0' });
      const [pool] = (await probe.query('SHOW statement_timeout')) as {
        statement_timeout: string;
      }[];
      expect(pool!.statement_timeout).toBe('30s');
    } finally {
      await probe.query('DROP TABLE IF EXISTS probe_migrations');
      await probe.destroy();
    }
  });
});
