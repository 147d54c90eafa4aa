/**
 * Summaries the database keeps, checked against what they summarise. The totals of the admin’s lists for those who read every row come from counts the database
 * keeps (row_counts, moved by triggers). They must be exact at every moment: after the demo load,
 * after writes through the API, after many-row statements and deletes, and after a transaction
 * that was rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTED_TABLES } from '../server/src/db/migrations/1795984000000-row-counts-kept-by-the-database';
import { UNIT_COUNTED_TABLES } from '../server/src/db/migrations/1796007000000-unit-choices-in-name-order';
import {
  duesLines,
  keptDuesLines,
  keptDuesTotals,
  keptPersonDues,
  personDuesOfLines,
  totalsOfLines,
} from '../server/src/modules/fund/dues';
import { fundFlows } from '../server/src/modules/fund/fund.service';
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
  it.each([...COUNTED_TABLES, ...UNIT_COUNTED_TABLES])(
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

  it('gives anyone who reads every record of a table without row-level security its kept count', async () => {
    const [{ count }] = (await app.db.query(
      'SELECT count(*)::int AS count FROM progress_entries',
    )) as { count: number }[];
    const total = async (cookie: string) => {
      app.queries.length = 0;
      const data = dataOf(
        await app.graphql<{ _allProgressEntriesMeta: { count: number } }>(
          '{ _allProgressEntriesMeta { count } }',
          {},
          { cookie },
        ),
      );
      return {
        count: data._allProgressEntriesMeta.count,
        counted: app.queries.some((sql) => /COUNT\(.*progress_entries/is.test(sql)),
      };
    };
    expect(await total(roles.cookies.officerA)).toEqual({ count, counted: false });
    expect(await total(roles.cookies.memberA)).toEqual({ count, counted: false });
    // A table behind the wall is still counted for an officer: only their own rows.
    app.queries.length = 0;
    expect(await listTotal(roles.cookies.officerA)).toBe(roles.agencyA.householdIds.length);
    expect(app.queries.some((sql) => /COUNT\(.*"households"/is.test(sql))).toBe(true);
    // A scoped list (the officer's households) is counted straight away, with no lookup first.
    app.queries.length = 0;
    expect(await listTotal(roles.cookies.officerA)).toBe(roles.agencyA.householdIds.length);
    expect(app.queries.filter((sql) => /row_counts|pg_class/.test(sql))).toEqual([]);
    // Whether a table is behind the wall is asked once per process, not on every page.
    expect(await total(roles.cookies.officerA)).toEqual({ count, counted: false });
    expect(app.queries.filter((sql) => /pg_class/.test(sql))).toEqual([]);
  });

  it('keeps the units’ total through a unit created and deleted, for every role’s unit picker', async () => {
    const unitTotal = async (cookie: string) =>
      dataOf(
        await app.graphql<{ _allAdministrativeUnitsMeta: { count: number } }>(
          '{ _allAdministrativeUnitsMeta { count } }',
          {},
          { cookie },
        ),
      )._allAdministrativeUnitsMeta.count;
    const readers = [roles.cookies.admin, roles.cookies.officerA, roles.cookies.memberA];
    const before = await actual('administrative_units');
    for (const cookie of readers) expect(await unitTotal(cookie)).toBe(before);
    const { createAdministrativeUnit: unit } = dataOf(
      await app.graphql<{ createAdministrativeUnit: { id: string } }>(
        'mutation { createAdministrativeUnit(level: PROVINCE, name: "Tỉnh đếm thử") { id } }',
        {},
        { cookie: roles.cookies.admin },
      ),
    );
    expect(await kept('administrative_units')).toBe(before + 1);
    for (const cookie of readers) expect(await unitTotal(cookie)).toBe(before + 1);
    dataOf(
      await app.graphql(
        'mutation ($id: ID!) { deleteAdministrativeUnit(id: $id) { id } }',
        { id: unit.id },
        { cookie: roles.cookies.admin },
      ),
    );
    for (const cookie of readers) expect(await unitTotal(cookie)).toBe(before);
    expect(await kept('administrative_units')).toBe(await actual('administrative_units'));
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

  /** Each fund's total kept by the database (the fund list's balances) against the ledgers. */
  const totalsAgree = async () => {
    const byFund = new Map<string, bigint>();
    for (const move of await recomputed())
      byFund.set(move.fund_id, (byFund.get(move.fund_id) ?? 0n) + BigInt(move.delta));
    const totals = (await app.db.query(
      'SELECT fund_id, total::text FROM fund_totals WHERE total <> 0 ORDER BY 1',
    )) as { fund_id: string; total: string }[];
    expect(totals).toEqual(
      [...byFund]
        .filter(([, total]) => total !== 0n)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([fund_id, total]) => ({ fund_id, total: String(total) })),
    );
  };

  it('agree with the ledgers after donations, reversals and disbursements planned, posted, reversed and deleted', async () => {
    expect(await kept()).toEqual(await recomputed());
    await totalsAgree();
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
    await totalsAgree();
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
    await totalsAgree();
    // And the fund list, through the server, shows each fund's ledgers summed (none is dated after today).
    const listed = (
      dataOf(
        await app.graphql(
          '{ allFunds(perPage: 1000) { id balance } }',
          {},
          {
            cookie: roles.cookies.admin,
          },
        ),
      ) as { allFunds: { id: string; balance: number }[] }
    ).allFunds;
    const sums = new Map<string, number>();
    for (const move of await recomputed())
      sums.set(move.fund_id, (sums.get(move.fund_id) ?? 0) + Number(move.delta));
    expect(listed.length).toBeGreaterThan(1);
    for (const fund of listed) expect(fund.balance, fund.id).toBe(sums.get(fund.id) ?? 0);
    expect(listed.find((f) => f.id === fund)?.balance).not.toBe(0);
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

describe('category moves kept by the database', () => {
  const overviewAsAdmin = async () =>
    dataOf(
      await app.graphql<{
        householdOverview: { byCategory: { category: string; count: number }[] };
      }>(
        '{ householdOverview { byCategory { category count } } }',
        {},
        { cookie: roles.cookies.admin },
      ),
    ).householdOverview.byCategory;
  /** Households in each category today, counted from the periods by the documented rule. */
  const recounted = async () => {
    const rows = (await app.db.query(
      `SELECT category, count(DISTINCT household_id)::int AS count FROM household_category_periods
        WHERE valid_from <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          AND (valid_to IS NULL OR valid_to >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
        GROUP BY category`,
    )) as { category: string; count: number }[];
    const shown = await overviewAsAdmin();
    return shown.map(({ category }) => ({
      category,
      count: rows.find((r) => r.category === category)?.count ?? 0,
    }));
  };

  it('give the dashboard today’s households by category through periods begun, ended, future, moved and deleted', async () => {
    expect(await overviewAsAdmin()).toEqual(await recounted());
    const households = (await app.db.query(`SELECT id FROM households ORDER BY id LIMIT 4`)) as {
      id: string;
    }[];
    const [a, b, c, d] = households.map((h) => h.id);
    const today = (
      (await app.db.query(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS d`)) as {
        d: string;
      }[]
    )[0]!.d;
    const before = await overviewAsAdmin();
    const near = (rows: { category: string; count: number }[]) =>
      rows.find((r) => r.category === 'NEAR_POOR')!.count;
    // Begins today: counts. Ended yesterday: does not. Begins tomorrow: not yet.
    await app.db.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to) VALUES
         ($1, 'NEAR_POOR', $5::date, NULL),
         ($2, 'NEAR_POOR', $5::date - 400, $5::date - 1),
         ($3, 'NEAR_POOR', $5::date + 1, NULL),
         ($4, 'NEAR_POOR', $5::date - 10, $5::date)`,
      [a, b, c, d, today],
    );
    expect(near(await overviewAsAdmin())).toBe(near(before) + 2);
    expect(await overviewAsAdmin()).toEqual(await recounted());
    // Moved: the one ending today now ended last month; deleted: the one begun today.
    await app.db.query(
      `UPDATE household_category_periods SET valid_from = $2::date - 60, valid_to = $2::date - 30
        WHERE household_id = $1 AND category = 'NEAR_POOR' AND valid_to = $2::date`,
      [d, today],
    );
    await app.db.query(
      `DELETE FROM household_category_periods WHERE household_id = $1 AND category = 'NEAR_POOR'
          AND valid_from = $2::date`,
      [a, today],
    );
    expect(near(await overviewAsAdmin())).toBe(near(before));
    expect(await overviewAsAdmin()).toEqual(await recounted());
  });

  it('refuses overlapping periods of one household and category in the database itself', async () => {
    const [{ id }] = (await app.db.query(`SELECT id FROM households ORDER BY id DESC LIMIT 1`)) as {
      id: string;
    }[];
    await app.db.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to)
       VALUES ($1, 'POLICY_FAMILY', '1990-01-01', '1999-12-31')`,
      [id],
    );
    await expect(
      app.db.query(
        `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to)
         VALUES ($1, 'POLICY_FAMILY', '1999-06-01', NULL)`,
        [id],
      ),
    ).rejects.toThrow(/household_category_periods_no_overlap/);
  });
});

describe('each group’s last visit kept by the database', () => {
  const kept = async () =>
    (await app.db.query(
      `SELECT group_id, last_visit_date::text AS date FROM support_group_last_visits ORDER BY group_id`,
    )) as { group_id: string; date: string }[];
  const fromVisits = async () =>
    (await app.db.query(
      `SELECT group_id, max(visit_date)::text AS date FROM visits GROUP BY group_id ORDER BY group_id`,
    )) as { group_id: string; date: string }[];
  /** Groups with no visit in the last six months, counted from the visits by the documented rule. */
  const quietFromVisits = async () =>
    Number(
      (
        (await app.db.query(
          `SELECT count(*) AS n FROM support_groups g WHERE NOT EXISTS (
             SELECT 1 FROM visits v WHERE v.group_id = g.id
                AND v.visit_date > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - interval '6 months')`,
        )) as { n: string }[]
      )[0]!.n,
    );
  const quietOnDashboard = async () =>
    dataOf(
      await app.graphql<{ householdOverview: { groupsWithoutRecentVisitCount: number } }>(
        '{ householdOverview { groupsWithoutRecentVisitCount } }',
        {},
        { cookie: roles.cookies.admin },
      ),
    ).householdOverview.groupsWithoutRecentVisitCount;

  it('follows visits added, moved and deleted, and the dashboard’s quiet groups follow it', async () => {
    expect(await kept()).toEqual(await fromVisits());
    expect(await quietOnDashboard()).toBe(await quietFromVisits());
    const [group] = (await app.db.query(
      `SELECT g.id, g.leader_id FROM support_groups g ORDER BY g.name LIMIT 1`,
    )) as { id: string; leader_id: string }[];
    const [household] = (await app.db.query(
      `SELECT household_id AS id FROM support_group_households WHERE support_group_id = $1 LIMIT 1`,
      [group!.id],
    )) as { id: string }[];
    const quietBefore = await quietOnDashboard();
    // A visit last week through the API: the group is no longer quiet.
    const lastWeek = (
      (await app.db.query(
        `SELECT ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 7)::text AS d`,
      )) as { d: string }[]
    )[0]!.d;
    const { createVisit } = dataOf(
      await app.graphql<{ createVisit: { id: string } }>(
        `mutation ($g: ID!, $h: ID!, $d: LocalDate!, $p: [ID!]) {
           createVisit(groupId: $g, householdId: $h, visitDate: $d, participantIds: $p) { id } }`,
        { g: group!.id, h: household!.id, d: lastWeek, p: [group!.leader_id] },
        { cookie: roles.cookies.admin },
      ),
    );
    expect(await kept()).toEqual(await fromVisits());
    expect(await quietOnDashboard()).toBe(quietBefore - 1);
    // Moved back to 2015 (after the demo's June 2014 visits), then deleted: quiet again, and the
    // kept date goes back to the group's earlier visits.
    await app.db.query(`UPDATE visits SET visit_date = '2015-01-01' WHERE id = $1`, [
      createVisit.id,
    ]);
    expect(await kept()).toEqual(await fromVisits());
    expect(await quietOnDashboard()).toBe(quietBefore);
    await app.db.query(`DELETE FROM visit_participants WHERE visit_id = $1`, [createVisit.id]);
    await app.db.query(`DELETE FROM visits WHERE id = $1`, [createVisit.id]);
    expect(await kept()).toEqual(await fromVisits());
    expect(await quietOnDashboard()).toBe(await quietFromVisits());
  });
});

describe('fund dues, payments and flows kept by the database', () => {
  /** Every fund, and the years from the first title, rate or payment to next year. */
  const scope = async () => {
    const funds = (
      (await app.db.query('SELECT id FROM funds ORDER BY id')) as { id: string }[]
    ).map((f) => f.id);
    const [{ first, last }] = (await app.db.query(
      `SELECT least((SELECT min(valid_from) FROM staff_assignments), (SELECT min(valid_from) FROM contribution_rates),
                    (SELECT min(month) FROM contributions), (SELECT min(received_date) FROM donations))::text AS first,
              (extract(year FROM now()) + 1)::int AS last`,
    )) as { first: string; last: number }[];
    const years: number[] = [];
    for (let y = Number(first!.slice(0, 4)); y <= last!; y++) years.push(y);
    return { funds, years };
  };
  /** Spending by purpose and money in and out per month, from the ledgers (the rules of the overview). */
  const flowsFromLedgers = async (fund: string, year: number) => {
    const spending = (await app.db.query(
      `SELECT purpose, sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END)::text AS amount
         FROM disbursements WHERE fund_id = $1 AND status = 'POSTED' AND extract(year FROM disbursed_date) = $2
        GROUP BY purpose`,
      [fund, year],
    )) as { purpose: string; amount: string }[];
    const monthly = (await app.db.query(
      `WITH months AS (SELECT generate_series(make_date($2, 1, 1), make_date($2, 12, 1), interval '1 month')::date AS month),
       flows AS (
         SELECT date_trunc('month', paid_date)::date AS month, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END AS money_in, 0 AS money_out
           FROM contributions WHERE fund_id = $1 AND extract(year FROM paid_date) = $2
         UNION ALL
         SELECT date_trunc('month', received_date)::date, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END, 0
           FROM donations WHERE fund_id = $1 AND extract(year FROM received_date) = $2
         UNION ALL
         SELECT date_trunc('month', disbursed_date)::date, 0, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END
           FROM disbursements WHERE fund_id = $1 AND status = 'POSTED' AND extract(year FROM disbursed_date) = $2)
       SELECT m.month::text AS month, coalesce(sum(f.money_in), 0)::text AS money_in, coalesce(sum(f.money_out), 0)::text AS money_out
         FROM months m LEFT JOIN flows f USING (month) GROUP BY m.month ORDER BY m.month`,
      [fund, year],
    )) as { month: string; money_in: string; money_out: string }[];
    return {
      spending: Object.fromEntries(spending.map((s) => [s.purpose, BigInt(s.amount)])),
      monthly: monthly.map((m) => ({
        month: m.month,
        moneyIn: BigInt(m.money_in),
        moneyOut: BigInt(m.money_out),
      })),
    };
  };
  /**
   * Every fund and year: the kept dues lines, totals and per-person figures are those computed live
   * from assignments × rates against the contributions (dues.ts, the documented rules), and the
   * kept flows those summed from the ledgers. Returns how many owed lines and payments it compared.
   */
  const reconcile = async () => {
    const em = app.db.manager;
    const { funds, years } = await scope();
    let lines = 0;
    let paid = 0;
    for (const fund of funds) {
      for (const year of years) {
        const [from, to] = [`${year}-01-01`, `${year}-12-01`];
        const live = await duesLines(em, fund, from, to);
        const where = `fund ${fund}, ${year}`;
        expect(await keptDuesLines(em, fund, from, to), where).toEqual(live);
        expect(await keptDuesTotals(em, fund, from, to), where).toEqual(totalsOfLines(live));
        expect(await keptPersonDues(em, fund, from, to), where).toEqual(personDuesOfLines(live));
        // A part of a year, as the current year is read (up to this month).
        const june = live.filter((l) => l.month <= `${year}-06-01`);
        expect(await keptDuesTotals(em, fund, from, `${year}-06-01`), where).toEqual(
          totalsOfLines(june),
        );
        const flows = await fundFlows(em, fund, year);
        const ledgers = await flowsFromLedgers(fund, year);
        expect(flows.monthly, where).toEqual(ledgers.monthly);
        expect(
          Object.fromEntries(
            flows.spendingByPurpose
              .filter((s) => s.amount !== 0n)
              .map((s) => [s.purpose, s.amount]),
          ),
          where,
        ).toEqual(Object.fromEntries(Object.entries(ledgers.spending).filter(([, a]) => a !== 0n)));
        lines += live.length;
        paid += live.filter((l) => l.paid !== 0).length;
      }
    }
    return { lines, paid };
  };
  const overview = async (cookie: string, fundId: string, year: number) =>
    (
      await app.graphql<{
        fundOverview: {
          expected: number;
          collected: number;
          arrears: number;
          compliancePercent: number;
        };
      }>(
        `query ($f: ID!, $y: Int!) { fundOverview(fundId: $f, year: $y) { expected collected arrears compliancePercent } }`,
        { f: fundId, y: year },
        { cookie },
      )
    ).body;
  const arrearsOf = async (fundId: string, year: number) =>
    dataOf(
      await app.graphql<{ fundArrearsByPerson: { staffMemberId: string; arrears: number }[] }>(
        `query ($f: ID!, $y: Int!) { fundArrearsByPerson(fundId: $f, year: $y) { staffMemberId arrears } }`,
        { f: fundId, y: year },
        { cookie: roles.cookies.admin },
      ),
    ).fundArrearsByPerson;

  it('agree with the live computation after the demo load, rate and title changes, staff leaving, payments and reversals', async () => {
    const before = await reconcile();
    expect(before.lines, 'the demo owes dues').toBeGreaterThan(0);
    expect(before.paid, 'the demo pays dues').toBeGreaterThan(0);

    const fund = roles.agencyA.fundId!;
    const [{ org, plan }] = (await app.db.query(
      'SELECT organization_id AS org, plan_id AS plan FROM funds WHERE id = $1',
      [fund],
    )) as { org: string; plan: string }[];
    const [other] = (await app.db.query(
      'SELECT id, organization_id AS org FROM funds WHERE id <> $1 ORDER BY id LIMIT 1',
      [fund],
    )) as { id: string; org: string }[];
    // A rate changed mid-year: the civil servant's rate from 15 March 2025 (owed from April), an
    // open rate for a title nobody held before, then one deleted.
    await app.db.query(
      `UPDATE contribution_rates SET valid_to = '2025-03-14' WHERE fund_id = $1 AND title_rank = 'CIVIL_SERVANT' AND valid_to IS NULL`,
      [fund],
    );
    await app.db.query(
      `INSERT INTO contribution_rates (fund_id, title_rank, monthly_amount, valid_from) VALUES ($1, 'CIVIL_SERVANT', 45000, '2025-03-15')`,
      [fund],
    );
    await reconcile();

    // People: one hired (a new title from a mid-month day), one promoted on 15 June 2025 (the new
    // title owed from July), one moved to another agency, one leaving (title ended), one deleted.
    const staff = (await app.db.query(
      `SELECT a.id, a.staff_member_id AS who FROM staff_assignments a
        WHERE a.organization_id = $1 AND a.valid_to IS NULL ORDER BY a.staff_member_id LIMIT 4`,
      [org],
    )) as { id: string; who: string }[];
    expect(staff.length, 'four serving people in agency A').toBe(4);
    const [promoted, moved, leaving, deleted] = staff as [
      (typeof staff)[0],
      (typeof staff)[0],
      (typeof staff)[0],
      (typeof staff)[0],
    ];
    const [hired] = (await app.db.query(
      `INSERT INTO staff_members (full_name, organization_id, position) VALUES ('Cán bộ đối soát (mẫu)', $1, 'Chuyên viên') RETURNING id`,
      [org],
    )) as { id: string }[];
    await app.db.query(
      `INSERT INTO staff_assignments (staff_member_id, organization_id, title_rank, valid_from) VALUES ($1, $2, 'CIVIL_SERVANT', '2024-11-20')`,
      [hired!.id, org],
    );
    await app.db.query(`UPDATE staff_assignments SET valid_to = '2025-06-14' WHERE id = $1`, [
      promoted.id,
    ]);
    await app.db.query(
      `INSERT INTO staff_assignments (staff_member_id, organization_id, title_rank, valid_from) VALUES ($1, $2, 'DIRECTOR', '2025-06-15')`,
      [promoted.who, org],
    );
    await app.db.query(`UPDATE staff_assignments SET valid_to = '2025-05-15' WHERE id = $1`, [
      moved.id,
    ]);
    await app.db.query(
      `INSERT INTO staff_assignments (staff_member_id, organization_id, title_rank, valid_from) VALUES ($1, $2, 'CIVIL_SERVANT', '2025-05-16')`,
      [moved.who, other!.org],
    );
    await app.db.query(`UPDATE staff_assignments SET valid_to = '2025-02-01' WHERE id = $1`, [
      leaving.id,
    ]);
    await reconcile();
    // A title changed in place (a correction), and a person deleted with their titles.
    await app.db.query(
      `UPDATE staff_assignments SET title_rank = 'DEPUTY_HEAD_OF_DIVISION' WHERE id = $1`,
      [deleted.id],
    );
    await reconcile();
    // A title deleted; a person hired by mistake deleted, their title with them (a cascade).
    await app.db.query('DELETE FROM staff_assignments WHERE id = $1', [deleted.id]);
    const [mistake] = (await app.db.query(
      `INSERT INTO staff_members (full_name, organization_id, position) VALUES ('Cán bộ nhập nhầm (mẫu)', $1, 'Chuyên viên') RETURNING id`,
      [org],
    )) as { id: string }[];
    await app.db.query(
      `INSERT INTO staff_assignments (staff_member_id, organization_id, title_rank, valid_from) VALUES ($1, $2, 'DIRECTOR', '2020-01-01')`,
      [mistake!.id, org],
    );
    await reconcile();
    await app.db.query('DELETE FROM staff_members WHERE id = $1', [mistake!.id]);
    await reconcile();

    // Payments through the API: a month's dues for everyone who owes, one paid twice over (more
    // than owed counts up to what is owed), then a payment reversed; and a many-row statement.
    const recorded = dataOf(
      await app.graphql<{ recordMonthDues: { recorded: number } }>(
        `mutation ($f: ID!) { recordMonthDues(fundId: $f, month: "2025-07-01", paidDate: "2025-07-20") { recorded } }`,
        { f: fund },
        { cookie: roles.cookies.admin },
      ),
    ).recordMonthDues;
    expect(recorded.recorded).toBeGreaterThan(0);
    const [extra] = (await app.db.query(
      `INSERT INTO contributions (fund_id, staff_member_id, month, amount, paid_date) VALUES ($1, $2, '2025-08-01', 999000, '2025-08-02') RETURNING id`,
      [fund, promoted.who],
    )) as { id: string }[];
    await reconcile();
    const [payment] = (await app.db.query(
      `SELECT id FROM contributions WHERE fund_id = $1 AND month = '2025-07-01' AND reverses_id IS NULL ORDER BY id LIMIT 1`,
      [fund],
    )) as { id: string }[];
    dataOf(
      await app.graphql(
        `mutation ($id: ID!) { reverseContribution(id: $id, reason: "Ghi nhầm", date: "2025-07-25") { id } }`,
        { id: payment!.id },
        { cookie: roles.cookies.admin },
      ),
    );
    await app.db.query(
      `INSERT INTO contributions (fund_id, staff_member_id, month, amount, paid_date, reverses_id)
       SELECT fund_id, staff_member_id, month, amount, '2025-08-03', id FROM contributions WHERE id = $1`,
      [extra!.id],
    );
    await app.db.query(
      `INSERT INTO contributions (fund_id, staff_member_id, month, amount, paid_date)
       SELECT $1, a.staff_member_id, '2025-09-01', 10000, '2025-09-05' FROM staff_assignments a
        WHERE a.organization_id = $2 AND a.valid_to IS NULL`,
      [fund, org],
    );
    // A rolled-back payment leaves no trace.
    const runner = app.db.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO contributions (fund_id, staff_member_id, month, amount, paid_date) VALUES ($1, $2, '2025-10-01', 30000, '2025-10-02')`,
      [fund, hired!.id],
    );
    await runner.rollbackTransaction();
    await runner.release();
    // Money out posted and reversed, a donation: the flows follow.
    const [spend] = (await app.db.query(
      `INSERT INTO disbursements (fund_id, amount, status, purpose, description, quantity, unit_amount, planned_date)
       VALUES ($1, 700000, 'PLANNED', 'HOUSING', 'Sửa nhà đối soát', 1, 700000, '2025-07-10') RETURNING id`,
      [fund],
    )) as { id: string }[];
    await app.db.query(
      `UPDATE disbursements SET status = 'POSTED', disbursed_date = '2025-07-11' WHERE id = $1`,
      [spend!.id],
    );
    await app.db.query(
      `INSERT INTO donations (fund_id, amount, donor_kind, donor_name, form, received_date)
       VALUES ($1, 1500000, 'INDIVIDUAL', 'Nhà hảo tâm đối soát (mẫu)', 'CASH', '2025-07-04')`,
      [fund],
    );
    await reconcile();

    // A fund moved to another organization owes from that organization's staff.
    const [spare] = (await app.db.query(
      `SELECT o.id FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM funds f WHERE f.organization_id = o.id AND f.plan_id = $1)
          AND EXISTS (SELECT 1 FROM staff_assignments a WHERE a.organization_id = o.id) LIMIT 1`,
      [plan],
    )) as { id: string }[];
    if (spare) {
      await app.db.query('UPDATE funds SET organization_id = $2 WHERE id = $1', [
        other!.id,
        spare.id,
      ]);
      await reconcile();
      await app.db.query('UPDATE funds SET organization_id = $2 WHERE id = $1', [
        other!.id,
        other!.org,
      ]);
    }
    await app.db.query(
      `DELETE FROM contribution_rates WHERE fund_id = $1 AND valid_from = '2025-03-15'`,
      [fund],
    );
    const after = await reconcile();
    expect(after.paid).toBeGreaterThan(before.paid);

    // The API reads them: the overview as the admin and the fund's officer; the other agency's
    // officer is refused as before; per person, most owed first.
    const expected = totalsOfLines(
      await duesLines(app.db.manager, fund, '2025-01-01', '2025-12-01'),
    );
    for (const cookie of [roles.cookies.admin, roles.cookies.officerA, roles.cookies.viewer]) {
      const body = await overview(cookie, fund, 2025);
      expect(body.errors).toBeUndefined();
      expect(body.data!.fundOverview.expected).toBe(Number(expected.expected));
      expect(body.data!.fundOverview.collected).toBe(Number(expected.collected));
      expect(body.data!.fundOverview.arrears).toBe(Number(expected.arrears));
    }
    expect((await overview(roles.cookies.officerB, fund, 2025)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const people = await arrearsOf(fund, 2025);
    expect(people.map((p) => p.arrears)).toEqual(
      [...people.map((p) => p.arrears)].sort((a, b) => b - a),
    );
  });
});
