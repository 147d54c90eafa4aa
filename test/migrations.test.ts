import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSchemaChanges } from '../server/src/db/cli';
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
});
