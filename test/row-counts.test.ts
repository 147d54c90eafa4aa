/**
 * The totals of the admin's lists for those who read every row come from counts the database
 * keeps (row_counts, moved by triggers). They must be exact at every moment: after the demo load,
 * after writes through the API, after many-row statements and deletes, and after a transaction
 * that was rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTED_TABLES } from '../server/src/db/migrations/1795984000000-row-counts-kept-by-the-database';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;
beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
});
afterAll(() => app?.close());

const actual = async (table: string) =>
  Number(((await app.db.query(`SELECT count(*) AS n FROM ${table}`)) as { n: string }[])[0]!.n);
const kept = async (table: string) =>
  Number(
    (
      (await app.db.query('SELECT row_count FROM row_counts WHERE table_name = $1', [table])) as {
        row_count: string;
      }[]
    )[0]!.row_count,
  );
const listTotal = async (cookie: string, filter: Record<string, unknown> = {}) =>
  dataOf(
    await app.graphql<{ _allHouseholdsMeta: { count: number } }>(
      'query ($f: HouseholdFilter) { _allHouseholdsMeta(filter: $f) { count } }',
      { f: filter },
      { cookie },
    ),
  )._allHouseholdsMeta.count;

describe('row counts kept by the database', () => {
  it.each(COUNTED_TABLES)(
    '%s: the kept count is the table’s after the demo load',
    async (table) => {
      expect(await kept(table)).toBe(await actual(table));
    },
  );

  it('follows inserts and deletes of many rows, and ignores a rolled-back transaction', async () => {
    const [{ village }] = (await app.db.query(
      'SELECT village_id AS village FROM households LIMIT 1',
    )) as { village: string }[];
    const before = await actual('households');
    await app.db.query(
      `INSERT INTO households (village_id, head_name) SELECT $1, 'Hộ đếm ' || g FROM generate_series(1, 37) g`,
      [village],
    );
    expect(await kept('households')).toBe(before + 37);
    await app.db.query(
      `DELETE FROM households WHERE head_name LIKE 'Hộ đếm %' AND head_name <> 'Hộ đếm 1'`,
    );
    expect(await kept('households')).toBe(before + 1);
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO households (village_id, head_name) SELECT $1, 'Hộ bỏ ' || g FROM generate_series(1, 5) g`,
      [village],
    );
    await runner.rollbackTransaction();
    await runner.release();
    expect(await kept('households')).toBe(await actual('households'));
  });

  it('gives administrators and analysts the exact total; others and any filter count their rows', async () => {
    const total = await actual('households');
    expect(await listTotal(roles.cookies.admin)).toBe(total);
    expect(await listTotal(roles.cookies.analyst)).toBe(total);
    const created = dataOf(
      await app.graphql<{ createHousehold: { id: string } }>(
        `mutation ($v: ID!) { createHousehold(villageId: $v, headName: "Hộ mới đếm") { id } }`,
        {
          v: (
            (await app.db.query('SELECT village_id FROM households LIMIT 1')) as {
              village_id: string;
            }[]
          )[0]!.village_id,
        },
        { cookie: roles.cookies.admin },
      ),
    ).createHousehold;
    expect(await listTotal(roles.cookies.admin)).toBe(total + 1);
    // An officer's total is the officer's own households, not the table's.
    expect(await listTotal(roles.cookies.officerA)).toBe(roles.agencyA.householdIds.length);
    expect(await listTotal(roles.cookies.admin, { q: 'Hộ mới đếm' })).toBe(1);
    dataOf(
      await app.graphql(
        `mutation ($id: ID!) { deleteHousehold(id: $id) { id } }`,
        { id: created.id },
        {
          cookie: roles.cookies.admin,
        },
      ),
    );
    expect(await listTotal(roles.cookies.admin)).toBe(total);
  });
});
