/**
 * References (a household's village, a group's agency) are read by id through the request's
 * loader, which runs its own prepared SELECT instead of TypeORM's query builder (built once per
 * process). It must hydrate exactly what TypeORM's own read gives: the entity's class, every
 * column, each value in its type (dates, money through its transformer, arrays, enums).
 */
import { In, type ObjectLiteral } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Loaders } from '../server/src/common/loaders';
import type { EntityClass } from '../server/src/common/crud/field-spec';
import { startTestApp, type TestApp } from './support/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

describe('records read by id for references', () => {
  it('are what TypeORM reads, for every entity with records in the demo data', async () => {
    let compared = 0;
    const kinds: string[] = [];
    for (const metadata of app.db.entityMetadatas) {
      // References are uuids; the audit and access logs count their rows instead.
      if (metadata.findColumnWithPropertyName('id')?.type !== 'uuid') continue;
      // The most recently changed rows hold the most filled-in columns.
      const order = metadata.findColumnWithPropertyName('updatedAt') ? 'updated_at DESC,' : '';
      const rows: { id: string }[] = await app.db.query(
        `SELECT id::text AS id FROM "${metadata.tableName}" ORDER BY ${order} id LIMIT 20`,
      );
      if (rows.length === 0) continue;
      const ids = rows.map((row) => row.id);
      const entity = metadata.target as EntityClass;
      const expected = await app.db
        .getRepository(entity as unknown as new () => ObjectLiteral)
        .findBy({ id: In(ids) });
      const loaded = await new Loaders(app.db.manager).byId(entity).loadMany(ids);
      const byId = new Map(expected.map((record) => [String(record.id), record]));
      for (const [i, record] of loaded.entries()) {
        expect(record, `${metadata.name} ${ids[i]}`).toStrictEqual(byId.get(ids[i]!));
        expect(record).toBeInstanceOf(metadata.target as new () => unknown);
      }
      compared += loaded.length;
      kinds.push(metadata.name);
    }
    // The demo data fills most kinds; a handful (sessions of nobody, approvals) may be empty.
    expect(kinds.length).toBeGreaterThan(30);
    expect(compared).toBeGreaterThan(250);
  });

  it('answer null for an id that does not exist, in the order asked', async () => {
    const [unit] = (await app.db.query(
      `SELECT id::text AS id, name FROM administrative_units ORDER BY id LIMIT 1`,
    )) as { id: string; name: string }[];
    const missing = '00000000-0000-4000-8000-000000000000';
    const entity = app.db.getMetadata('AdministrativeUnit').target as EntityClass;
    const loaded = await new Loaders(app.db.manager)
      .byId<{ name: string }>(entity)
      .loadMany([missing, unit!.id]);
    expect(loaded[0]).toBeNull();
    expect((loaded[1] as { name: string }).name).toBe(unit!.name);
  });
});
