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

describe('fund daily moves kept by the database', () => {
  /** Each fund's net move per day, recomputed from the ledgers by the documented rules. */
  const recomputed = async () =>
    (await app.db.query(
      `SELECT fund_id, day::text, sum(delta)::text AS delta FROM (
         SELECT fund_id, paid_date AS day, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END AS delta
           FROM contributions
         UNION ALL
         SELECT fund_id, received_date, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END
           FROM donations
         UNION ALL
         SELECT fund_id, disbursed_date, CASE WHEN reverses_id IS NULL THEN -amount ELSE amount END
           FROM disbursements WHERE status = 'POSTED') moves
       GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2`,
    )) as { fund_id: string; day: string; delta: string }[];
  const kept = async () =>
    (await app.db.query(
      `SELECT fund_id, day::text, delta::text FROM fund_daily_moves WHERE delta <> 0 ORDER BY 1, 2`,
    )) as { fund_id: string; day: string; delta: string }[];

  it('agree with the ledgers after donations, reversals and disbursements planned, posted, reversed and deleted', async () => {
    expect(await kept()).toEqual(await recomputed());
    const [{ fund }] = (await app.db.query('SELECT id AS fund FROM funds LIMIT 1')) as {
      fund: string;
    }[];
    const [gift] = (await app.db.query(
      `INSERT INTO donations (fund_id, amount, donor_kind, donor_name, form, received_date)
       VALUES ($1, 2500000, 'BUSINESS', 'Doanh nghiệp đối soát', 'CASH', '2025-03-02') RETURNING id`,
      [fund],
    )) as { id: string }[];
    await app.db.query(
      `INSERT INTO donations (fund_id, amount, reverses_id, donor_kind, donor_name, form, received_date)
       VALUES ($1, 2500000, $2, 'BUSINESS', 'Doanh nghiệp đối soát', 'CASH', '2025-03-09')`,
      [fund, gift!.id],
    );
    await app.db.query(
      `INSERT INTO donations (fund_id, amount, donor_kind, donor_name, form, received_date)
       VALUES ($1, 4000000, 'INDIVIDUAL', 'Nhà hảo tâm đối soát', 'CASH', '2025-03-03')`,
      [fund],
    );
    const [spend] = (await app.db.query(
      `INSERT INTO disbursements (fund_id, amount, status, purpose, description, quantity, unit_amount, planned_date)
       VALUES ($1, 1000000, 'PLANNED', 'MEDICINE', 'Thuốc đối soát', 1, 1000000, '2025-03-10') RETURNING id`,
      [fund],
    )) as { id: string }[];
    const [planned] = (await app.db.query(
      `INSERT INTO disbursements (fund_id, amount, status, purpose, description, quantity, unit_amount, planned_date)
       VALUES ($1, 300000, 'PLANNED', 'OTHER', 'Kế hoạch bỏ', 1, 300000, '2025-03-10') RETURNING id`,
      [fund],
    )) as { id: string }[];
    expect(await kept()).toEqual(await recomputed());
    await app.db.query(
      `UPDATE disbursements SET status = 'POSTED', disbursed_date = '2025-03-11' WHERE id = $1`,
      [spend!.id],
    );
    await app.db.query(
      `INSERT INTO disbursements (fund_id, amount, reverses_id, status, purpose, description, quantity, unit_amount, disbursed_date)
       VALUES ($1, 1000000, $2, 'POSTED', 'MEDICINE', 'Hoàn lại', 1, 1000000, '2025-03-20')`,
      [fund, spend!.id],
    );
    await app.db.query('DELETE FROM disbursements WHERE id = $1', [planned!.id]);
    const after = await kept();
    expect(after).toEqual(await recomputed());
    // And the moves are where the rules put them: in on the 3rd, out on the 11th, back on the 20th.
    const day = (d: string) => after.find((m) => m.fund_id === fund && m.day === d)?.delta;
    expect(day('2025-03-11')).toBe(String(-1_000_000 + (await otherMoves(fund, '2025-03-11'))));
    expect(day('2025-03-20')).toBe(String(1_000_000 + (await otherMoves(fund, '2025-03-20'))));
  });

  /** What the demo's own entries moved on that day (0 on most days). */
  async function otherMoves(fund: string, day: string) {
    const rows = (await app.db.query(
      `SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END), 0)::bigint AS n
         FROM contributions WHERE fund_id = $1 AND paid_date = $2`,
      [fund, day],
    )) as { n: string }[];
    return Number(rows[0]!.n);
  }
});
