import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type TestApp } from './support/app';

let app: TestApp;
let cookie: string;
let blocFundId: string;
let justiceFundId: string;
let blocId: string;
let justiceId: string;

const gql = async (query: string, variables: Record<string, unknown> = {}) =>
  app.graphql(query, variables, { cookie });
const ok = async (query: string, variables: Record<string, unknown> = {}) =>
  dataOf(await gql(query, variables));
const errorOf = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await gql(query, variables);
  expect(response.body.data ?? null).toBeNull();
  return response.body.errors![0]!.extensions!;
};
const count = async (table: string) =>
  Number((await app.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

const CREATE_STAFF = `mutation ($name: String!, $org: ID!) { createStaffMember(fullName: $name, organizationId: $org) { id } }`;
const ASSIGN = `mutation ($staff: ID!, $org: ID!, $rank: TitleRank!, $from: LocalDate!, $to: LocalDate) {
  createStaffAssignment(staffMemberId: $staff, organizationId: $org, titleRank: $rank, validFrom: $from, validTo: $to) { id } }`;
const PAY = `mutation ($fund: ID!, $staff: ID!, $month: LocalDate!, $amount: Money!, $paid: LocalDate!) {
  createContribution(fundId: $fund, staffMemberId: $staff, month: $month, amount: $amount, paidDate: $paid) { id amount } }`;
const DUES = `query ($fund: ID!, $from: LocalDate!, $to: LocalDate!) {
  fundDues(fundId: $fund, fromMonth: $from, toMonth: $to) { staffMemberId month titleRank expected paid arrears } }`;
const DONATE = `mutation ($fund: ID!, $amount: Money!, $date: LocalDate!) {
  createDonation(fundId: $fund, donorKind: BUSINESS, donorName: "Doanh nghiệp mẫu", form: CASH, amount: $amount, receivedDate: $date) { id amount } }`;
const BALANCE = `query ($fund: ID!, $date: LocalDate) { fundBalance(fundId: $fund, date: $date) }`;
const REVERSE = `mutation ($id: ID!, $r: String!, $d: LocalDate) {
  reverseContribution(id: $id, reason: $r, date: $d) { id amount month staffMemberId reversesId } }`;

/** A civil servant of the Bloc through 2016, owing its article rate of 30,000 đồng a month. */
async function civilServant2016(name: string): Promise<string> {
  const { createStaffMember } = await ok(CREATE_STAFF, { name, org: blocId });
  await ok(ASSIGN, {
    staff: createStaffMember.id,
    org: blocId,
    rank: 'CIVIL_SERVANT',
    from: '2016-01-01',
    to: '2016-12-31',
  });
  return createStaffMember.id as string;
}

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  const { allFunds } = await ok('{ allFunds { id organizationId organization { name } } }');
  const byName = (name: string) => allFunds.find((f: any) => f.organization.name === name);
  blocFundId = byName('Đảng ủy khối Các cơ quan tỉnh').id;
  blocId = byName('Đảng ủy khối Các cơ quan tỉnh').organizationId;
  justiceFundId = byName('Sở Tư pháp Phú Yên').id;
  justiceId = byName('Sở Tư pháp Phú Yên').organizationId;
});
afterAll(() => app.close());

describe('the demo funds', () => {
  it('each agency keeps its own Plan 68 fund with the article’s monthly rates by title', async () => {
    const { allContributionRates } = await ok(
      'query ($f: ID!) { allContributionRates(filter: { fundId: $f }, perPage: 50) { titleRank monthlyAmount validFrom } }',
      { f: justiceFundId },
    );
    const rates = Object.fromEntries(
      allContributionRates.map((r: any) => [r.titleRank, r.monthlyAmount]),
    );
    expect(rates).toEqual({
      DIRECTOR: 150000,
      DEPUTY_DIRECTOR: 120000,
      HEAD_OF_DIVISION: 90000,
      DEPUTY_HEAD_OF_DIVISION: 60000,
      CIVIL_SERVANT: 30000,
    });
  });

  it('holds the three planned disbursements of the article', async () => {
    const { allDisbursements } = await ok(
      '{ allDisbursements(sortField: "amount", sortOrder: "DESC") { purpose quantity unitAmount amount isEstimate status } }',
    );
    expect(allDisbursements).toEqual([
      {
        purpose: 'MEDICINE',
        quantity: 200,
        unitAmount: 100000,
        amount: 20000000,
        isEstimate: true,
        status: 'PLANNED',
      },
      {
        purpose: 'POOR_PUPIL_GIFTS',
        quantity: 20,
        unitAmount: 300000,
        amount: 6000000,
        isEstimate: false,
        status: 'PLANNED',
      },
      {
        purpose: 'POLICY_FAMILY_GIFTS',
        quantity: 10,
        unitAmount: 500000,
        amount: 5000000,
        isEstimate: false,
        status: 'PLANNED',
      },
    ]);
  });
});

describe('monthly dues', () => {
  it('charge each month by the title held on its first day, following a promotion and a move to another agency', async () => {
    const { createStaffMember: person } = await ok(CREATE_STAFF, {
      name: 'Cán bộ thử nghiệm (mẫu)',
      org: blocId,
    });
    // Civil servant Jan–Mar, deputy head of division Apr–Jun at the Bloc; head of division at Justice from 15 June.
    await ok(ASSIGN, {
      staff: person.id,
      org: blocId,
      rank: 'CIVIL_SERVANT',
      from: '2015-01-01',
      to: '2015-03-31',
    });
    await ok(ASSIGN, {
      staff: person.id,
      org: blocId,
      rank: 'DEPUTY_HEAD_OF_DIVISION',
      from: '2015-04-01',
      to: '2015-06-14',
    });
    await ok(ASSIGN, {
      staff: person.id,
      org: justiceId,
      rank: 'HEAD_OF_DIVISION',
      from: '2015-06-15',
      to: null,
    });
    // A new rate from October does not change earlier months.
    const { allContributionRates } = await ok(
      `query ($f: ID!) { allContributionRates(filter: { fundId: $f, titleRank: HEAD_OF_DIVISION }) { id version } }`,
      { f: justiceFundId },
    );
    await ok(
      'mutation ($id: ID!, $v: Int) { updateContributionRate(id: $id, version: $v, validTo: "2015-09-30") { id } }',
      {
        id: allContributionRates[0].id,
        v: allContributionRates[0].version,
      },
    );
    await ok(
      `mutation ($f: ID!) { createContributionRate(fundId: $f, titleRank: HEAD_OF_DIVISION, monthlyAmount: 100000, validFrom: "2015-10-01") { id } }`,
      { f: justiceFundId },
    );

    const mine = async (fund: string) =>
      (await ok(DUES, { fund, from: '2015-01-01', to: '2015-12-01' })).fundDues.filter(
        (l: any) => l.staffMemberId === person.id,
      );
    const bloc = await mine(blocFundId);
    const justice = await mine(justiceFundId);
    expect(bloc.map((l: any) => [l.month.slice(5, 7), l.titleRank, l.expected])).toEqual([
      ['01', 'CIVIL_SERVANT', 30000],
      ['02', 'CIVIL_SERVANT', 30000],
      ['03', 'CIVIL_SERVANT', 30000],
      ['04', 'DEPUTY_HEAD_OF_DIVISION', 60000],
      ['05', 'DEPUTY_HEAD_OF_DIVISION', 60000],
      ['06', 'DEPUTY_HEAD_OF_DIVISION', 60000],
    ]);
    expect(justice.map((l: any) => [l.month.slice(5, 7), l.expected])).toEqual([
      ['07', 90000],
      ['08', 90000],
      ['09', 90000],
      ['10', 100000],
      ['11', 100000],
      ['12', 100000],
    ]);
    // Hand-computed: Bloc 3×30,000 + 3×60,000 = 270,000; Justice 3×90,000 + 3×100,000 = 570,000.
    await ok(PAY, {
      fund: blocFundId,
      staff: person.id,
      month: '2015-01-01',
      amount: 30000,
      paid: '2015-01-20',
    });
    await ok(PAY, {
      fund: justiceFundId,
      staff: person.id,
      month: '2015-07-01',
      amount: 90000,
      paid: '2015-07-20',
    });
    const arrears = (lines: any[]) => lines.reduce((s, l) => s + l.arrears, 0);
    expect(arrears(await mine(blocFundId))).toBe(270000 - 30000);
    expect(arrears(await mine(justiceFundId))).toBe(570000 - 90000);
  });

  it('records a whole month at once, and a repeated or double-clicked submission never counts twice', async () => {
    const RECORD = `mutation ($f: ID!) { recordMonthDues(fundId: $f, month: "2014-07-01", paidDate: "2014-07-25") { recorded alreadyPaid amountRecorded } }`;
    const before = await count('contributions');
    const [first, second] = await Promise.all([
      ok(RECORD, { f: justiceFundId }),
      ok(RECORD, { f: justiceFundId }),
    ]);
    const recorded = [first.recordMonthDues, second.recordMonthDues].sort(
      (a, b) => b.recorded - a.recorded,
    );
    // Justice has 7 demo groups of 3 staff (one head or deputy head + two civil servants), and its
    // director and deputy director.
    const justiceStaff = 7 * 3 + 2;
    expect(recorded[0].recorded).toBe(justiceStaff);
    expect(recorded[1]).toMatchObject({
      recorded: 0,
      alreadyPaid: justiceStaff,
      amountRecorded: 0,
    });
    expect(await count('contributions')).toBe(before + justiceStaff);
    const again = await ok(RECORD, { f: justiceFundId });
    expect(again.recordMonthDues.recorded).toBe(0);
    const { fundDues } = await ok(DUES, {
      fund: justiceFundId,
      from: '2014-07-01',
      to: '2014-07-01',
    });
    expect(fundDues.every((l: any) => l.arrears === 0 && l.paid === l.expected)).toBe(true);
    expect(recorded[0].amountRecorded).toBe(
      fundDues.reduce((s: number, l: any) => s + l.expected, 0),
    );
  });

  it('takes a double-clicked single payment once', async () => {
    const { allStaffMembers } = await ok(
      'query ($o: ID!) { allStaffMembers(filter: { organizationId: $o }, perPage: 1) { id } }',
      {
        o: blocId,
      },
    );
    const args = {
      fund: blocFundId,
      staff: allStaffMembers[0].id,
      month: '2014-08-01',
      amount: 30000,
      paid: '2014-08-10',
    };
    const [a, b] = await Promise.all([ok(PAY, args), ok(PAY, args)]);
    expect(a.createContribution.id).toBe(b.createContribution.id);
    const rows = await app.db.query(
      'SELECT count(*)::int AS n FROM contributions WHERE staff_member_id = $1 AND month = $2',
      [args.staff, args.month],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a month that is not the first day, a future payment, and negative or fractional amounts', async () => {
    const { allStaffMembers } = await ok('{ allStaffMembers(perPage: 1) { id } }');
    const staff = allStaffMembers[0].id;
    const before = await count('contributions');
    const cases: [Record<string, unknown>, string][] = [
      [{ month: '2014-08-15', amount: 30000, paid: '2014-08-20' }, 'firstOfMonth'],
      [{ month: '2014-08-01', amount: 30000, paid: '2999-01-01' }, 'dateRange'],
      [{ month: '2014-08-01', amount: -5, paid: '2014-08-20' }, 'min'],
    ];
    for (const [input, rule] of cases) {
      const response = await gql(PAY, { fund: blocFundId, staff, ...input });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.body.errors)).toContain(rule);
    }
    const fractional = await gql(PAY, {
      fund: blocFundId,
      staff,
      month: '2014-08-01',
      amount: 1.5,
      paid: '2014-08-20',
    });
    expect(fractional.status).toBe(400);
    expect(fractional.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('contributions')).toBe(before);
  });
});

describe('a reversed payment', () => {
  const RECORD = `mutation ($f: ID!, $m: LocalDate!, $d: LocalDate!, $s: [ID!]) {
    recordMonthDues(fundId: $f, month: $m, paidDate: $d, staffMemberIds: $s) { recorded alreadyPaid amountRecorded } }`;
  const PAYMENTS = `query ($f: ID!, $s: ID!) {
    allContributions(filter: { fundId: $f, staffMemberId: $s }, perPage: 100) { id month amount reversesId reversed } }`;

  const duesOf = async (staff: string, month: string) =>
    (await ok(DUES, { fund: blocFundId, from: month, to: month })).fundDues.filter(
      (l: any) => l.staffMemberId === staff,
    );

  it('leaves the month owed: a recorded month, then reversed, is in arrears and can be recorded again', async () => {
    const staff = await civilServant2016('Cán bộ nộp rồi đảo (mẫu)');
    const vars = { f: blocFundId, m: '2016-03-01', d: '2016-03-10', s: [staff] };
    expect((await ok(RECORD, vars)).recordMonthDues).toEqual({
      recorded: 1,
      alreadyPaid: 0,
      amountRecorded: 30000,
    });
    expect(await duesOf(staff, '2016-03-01')).toMatchObject([
      { month: '2016-03-01', expected: 30000, paid: 30000, arrears: 0 },
    ]);
    const [payment] = (await ok(PAYMENTS, { f: blocFundId, s: staff })).allContributions;
    const { reverseContribution } = await ok(REVERSE, {
      id: payment.id,
      r: 'Ghi nhầm người nộp',
      d: '2016-04-02',
    });
    expect(reverseContribution).toMatchObject({
      amount: 30000,
      month: '2016-03-01',
      staffMemberId: staff,
      reversesId: payment.id,
    });

    // What the treasurer checks: March is owed again, in the month's lines and in the year's.
    expect(await duesOf(staff, '2016-03-01')).toMatchObject([
      { month: '2016-03-01', expected: 30000, paid: 0, arrears: 30000 },
    ]);
    const { fundArrearsByPerson } = await ok(
      `query ($f: ID!) { fundArrearsByPerson(fundId: $f, year: 2016) { staffMemberId months expected paid arrears } }`,
      { f: blocFundId },
    );
    expect(fundArrearsByPerson.find((p: any) => p.staffMemberId === staff)).toEqual({
      staffMemberId: staff,
      months: 12,
      expected: 12 * 30000,
      paid: 0,
      arrears: 12 * 30000,
    });
    const payments = (await ok(PAYMENTS, { f: blocFundId, s: staff })).allContributions;
    expect(payments.find((p: any) => p.id === payment.id).reversed).toBe(true);

    // Recording the month again takes the payment: the person is not "already paid".
    expect((await ok(RECORD, { ...vars, d: '2016-04-05' })).recordMonthDues).toEqual({
      recorded: 1,
      alreadyPaid: 0,
      amountRecorded: 30000,
    });
    expect(await duesOf(staff, '2016-03-01')).toMatchObject([
      { month: '2016-03-01', expected: 30000, paid: 30000, arrears: 0 },
    ]);
    expect((await ok(RECORD, vars)).recordMonthDues).toMatchObject({ recorded: 0, alreadyPaid: 1 });
  });

  it('does not stand in for a new payment of the month: paying again after a reversal is taken', async () => {
    const staff = await civilServant2016('Cán bộ nộp lại (mẫu)');
    const args = {
      fund: blocFundId,
      staff,
      month: '2016-05-01',
      amount: 30000,
      paid: '2016-05-10',
    };
    const first = (await ok(PAY, args)).createContribution;
    await ok(REVERSE, { id: first.id, r: 'Tiền giả, thu lại', d: '2016-05-11' });
    expect((await duesOf(staff, '2016-05-01'))[0]).toMatchObject({ paid: 0, arrears: 30000 });
    const again = (await ok(PAY, { ...args, paid: '2016-05-12' })).createContribution;
    expect(again.id).not.toBe(first.id);
    expect((await duesOf(staff, '2016-05-01'))[0]).toMatchObject({ paid: 30000, arrears: 0 });
  });
});

describe('the ledger', () => {
  it('carries amounts above 2^31 exactly (5,000,000,000 đồng round-trips)', async () => {
    const { createDonation } = await ok(DONATE, {
      fund: justiceFundId,
      amount: 5_000_000_000,
      date: '2014-05-01',
    });
    expect(createDonation.amount).toBe(5_000_000_000);
    const stored = await app.db.query(
      'SELECT amount::text AS amount FROM donations WHERE id = $1',
      [createDonation.id],
    );
    expect(stored[0].amount).toBe('5000000000');
    const { Donation } = await ok('query ($id: ID!) { Donation(id: $id) { amount } }', {
      id: createDonation.id,
    });
    expect(Donation.amount).toBe(5_000_000_000);
  });

  it('has no update or delete for posted money, and the database refuses them too', async () => {
    const mutations = (
      await ok('{ __schema { mutationType { fields { name } } } }')
    ).__schema.mutationType.fields.map((f: any) => f.name);
    for (const name of [
      'updateContribution',
      'deleteContribution',
      'updateDonation',
      'deleteDonation',
    ]) {
      expect(mutations).not.toContain(name);
    }
    const { createDonation } = await ok(DONATE, {
      fund: blocFundId,
      amount: 1_000_000,
      date: '2014-05-02',
    });
    await expect(
      app.db.query('UPDATE donations SET amount = 1 WHERE id = $1', [createDonation.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.db.query('DELETE FROM donations WHERE id = $1', [createDonation.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses changing or deleting a contribution or a posted disbursement, through the API and in the database whoever connects', async () => {
    const staff = await civilServant2016('Cán bộ sổ quỹ bất biến (mẫu)');
    const payment = (
      await ok(PAY, {
        fund: blocFundId,
        staff,
        month: '2016-06-01',
        amount: 30000,
        paid: '2016-06-10',
      })
    ).createContribution;
    const reversal = (await ok(REVERSE, { id: payment.id, r: 'Đảo để thử', d: '2016-06-20' }))
      .reverseContribution;
    const CREATE = `mutation ($f: ID!) { createDisbursement(fundId: $f, purpose: OTHER, description: "Chi thử sổ bất biến",
      quantity: 1, unitAmount: 10000, amount: 10000) { id } }`;
    const planned = (await ok(CREATE, { f: blocFundId })).createDisbursement;
    const posted = (await ok(CREATE, { f: blocFundId })).createDisbursement;
    await ok(
      'mutation ($id: ID!) { postDisbursement(id: $id, disbursedDate: "2016-06-21", overrideReason: "Tạm ứng") { id } }',
      { id: posted.id },
    );
    const rowOf = async (table: string, id: string) =>
      (await app.db.query(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE id = $1`, [id]))[0]?.row;
    const entries: [string, string][] = [
      ['contributions', payment.id],
      ['contributions', reversal.id],
      ['disbursements', posted.id],
    ];
    const before = await Promise.all(entries.map(([table, id]) => rowOf(table, id)));
    expect(before.every(Boolean)).toBe(true);

    // Through the API: contributions have no update or delete at all; a posted disbursement
    // refuses both.
    for (const mutation of [
      'mutation ($id: ID!) { updateContribution(id: $id, amount: 1) { id } }',
      'mutation ($id: ID!) { deleteContribution(id: $id) { id } }',
    ]) {
      const response = await gql(mutation, { id: payment.id });
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    for (const mutation of [
      'mutation ($id: ID!) { updateDisbursement(id: $id, description: "Sửa") { id } }',
      'mutation ($id: ID!) { deleteDisbursement(id: $id) { id } }',
    ]) {
      expect(await errorOf(mutation, { id: posted.id })).toMatchObject({
        code: 'CONFLICT',
        rule: 'appendOnly',
      });
    }

    // The owner (scripts, migrations): the ledger's trigger refuses, whatever the column.
    for (const [table, id] of entries) {
      for (const sql of [
        `UPDATE ${table} SET amount = 1 WHERE id = $1`,
        `UPDATE ${table} SET note = 'sửa tay' WHERE id = $1`,
        `DELETE FROM ${table} WHERE id = $1`,
      ]) {
        await expect(app.db.query(sql, [id]), `${sql} (${id})`).rejects.toThrow(/append-only/);
      }
    }

    // The app role, with an administrator's settings (so row-level security hides nothing).
    const [admin] = await app.db.query('SELECT id FROM users WHERE username = $1', [
      app.adminUsername,
    ]);
    const asAdminApp = async (sql: string, id: string) => {
      const runner = app.appDb.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(
          `SELECT set_config('app.role', 'ADMIN', true), set_config('app.user_id', $1, true)`,
          [admin.id],
        );
        return await runner.query(sql, [id]);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    };
    for (const [table, id] of entries) {
      for (const sql of [
        `UPDATE ${table} SET amount = 1 WHERE id = $1`,
        `DELETE FROM ${table} WHERE id = $1`,
      ]) {
        await expect(asAdminApp(sql, id), `${sql} (${id})`).rejects.toThrow(
          new RegExp(`append-only|permission denied for table ${table}`),
        );
      }
    }
    // …while a planned disbursement is still the app role's to change: the refusals above are
    // the ledger's rule, not rows the role cannot reach.
    const changed = await asAdminApp(
      `UPDATE disbursements SET description = 'Sửa kế hoạch' WHERE id = $1 RETURNING id`,
      planned.id,
    );
    expect(JSON.stringify(changed)).toContain(planned.id);

    expect(await Promise.all(entries.map(([table, id]) => rowOf(table, id)))).toEqual(before);
  });

  it('corrects by a reversing entry, once, which cannot itself be reversed; post then reverse nets to zero', async () => {
    const date = '2014-05-03';
    const before = (await ok(BALANCE, { fund: blocFundId, date: todayInVietnam() })).fundBalance;
    const { createDonation } = await ok(DONATE, { fund: blocFundId, amount: 2_500_000, date });
    const REVERSE =
      'mutation ($id: ID!, $r: String!) { reverseDonation(id: $id, reason: $r) { id amount reversesId } }';
    const { reverseDonation } = await ok(REVERSE, { id: createDonation.id, r: 'Ghi nhầm số tiền' });
    expect(reverseDonation).toMatchObject({ amount: 2_500_000, reversesId: createDonation.id });
    expect((await ok(BALANCE, { fund: blocFundId, date: todayInVietnam() })).fundBalance).toBe(
      before,
    );
    expect((await errorOf(REVERSE, { id: createDonation.id, r: 'Lần thứ hai' })).rule).toBe(
      'alreadyReversed',
    );
    expect((await errorOf(REVERSE, { id: reverseDonation.id, r: 'Đảo bút toán đảo' })).rule).toBe(
      'reversal_of_reversal',
    );
    // The database enforces it even for a script bypassing the API.
    await expect(
      app.db.query(
        `INSERT INTO donations (fund_id, amount, reverses_id, donor_kind, donor_name, form, received_date)
         VALUES ($1, 2500000, $2, 'BUSINESS', 'x', 'CASH', $3)`,
        [blocFundId, reverseDonation.id, date],
      ),
    ).rejects.toThrow(/cannot be reversed/);
  });

  it('posts a disbursement only within the balance, unless an administrator gives a reason; totals must multiply out', async () => {
    const CREATE = `mutation ($f: ID!, $q: Int!, $u: Money!, $a: Money!, $est: Boolean) {
      createDisbursement(fundId: $f, purpose: OTHER, description: "Chi thử", quantity: $q, unitAmount: $u, amount: $a, isEstimate: $est) { id status } }`;
    const mismatch = await errorOf(CREATE, { f: justiceFundId, q: 3, u: 100_000, a: 400_000 });
    expect(mismatch).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amount',
      rule: 'quantityTimesUnit',
    });
    const { createDisbursement } = await ok(CREATE, {
      f: justiceFundId,
      q: 3,
      u: 100_000,
      a: 300_000,
    });
    expect(createDisbursement.status).toBe('PLANNED');
    const POST = `mutation ($id: ID!, $d: LocalDate!, $why: String) { postDisbursement(id: $id, disbursedDate: $d, overrideReason: $why) { status disbursedDate overrideReason } }`;
    // On 2014-01-02 the Justice fund had received nothing yet.
    expect(await errorOf(POST, { id: createDisbursement.id, d: '2014-01-02' })).toMatchObject({
      rule: 'exceedsBalance',
    });
    const posted = await ok(POST, {
      id: createDisbursement.id,
      d: '2014-01-02',
      why: 'Tạm ứng, hoàn quỹ tháng sau',
    });
    expect(posted.postDisbursement).toMatchObject({
      status: 'POSTED',
      overrideReason: 'Tạm ứng, hoàn quỹ tháng sau',
    });
    const edit = await gql(
      'mutation ($id: ID!) { updateDisbursement(id: $id, description: "Sửa") { id } }',
      { id: createDisbursement.id },
    );
    expect(edit.body.errors?.[0]?.extensions?.rule).toBe('appendOnly');
    await expect(
      app.db.query(`UPDATE disbursements SET amount = 1 WHERE id = $1`, [createDisbursement.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('keeps the balance equal to the sum of entries, and never changes it retroactively (random sequences)', async () => {
    const { createFund } = await ok(
      `mutation ($o: ID!, $p: ID!) { createFund(name: "Quỹ thử nghiệm", organizationId: $o, planId: $p) { id } }`,
      {
        o: (await ok('{ allOrganizations(filter: { q: "huyen uy" }) { id } }')).allOrganizations[0]
          .id,
        p: (await ok('{ allPlans { id } }')).allPlans[0].id,
      },
    );
    const fund = createFund.id;
    const day = (n: number) => new Date(Date.UTC(2016, 0, 1 + n)).toISOString().slice(0, 10);
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('donate' as const),
        amount: fc.integer({ min: 1, max: 50_000_000 }),
      }),
      fc.record({
        kind: fc.constant('spend' as const),
        amount: fc.integer({ min: 1, max: 50_000_000 }),
      }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
    );
    let dayIndex = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const op of ops) {
          const date = day(dayIndex++);
          const before = (await ok(BALANCE, { fund, date: day(dayIndex - 2) })).fundBalance;
          if (op.kind === 'donate') {
            await ok(DONATE, { fund, amount: op.amount, date });
          } else if (op.kind === 'spend') {
            const { createDisbursement } = await ok(
              `mutation ($f: ID!, $a: Money!) { createDisbursement(fundId: $f, purpose: CAPITAL, description: "Hỗ trợ vốn", quantity: 1, unitAmount: $a, amount: $a) { id } }`,
              { f: fund, a: op.amount },
            );
            const response = await gql(
              'mutation ($id: ID!, $d: LocalDate!) { postDisbursement(id: $id, disbursedDate: $d) { id } }',
              { id: createDisbursement.id, d: date },
            );
            if (response.body.errors)
              expect(response.body.errors[0]!.extensions!.rule).toBe('exceedsBalance');
          } else {
            const open: { id: string; table: string }[] = await app.db.query(
              `SELECT id, 'Donation' AS table FROM donations d WHERE fund_id = $1 AND reverses_id IS NULL
                 AND NOT EXISTS (SELECT 1 FROM donations r WHERE r.reverses_id = d.id)
               UNION ALL
               SELECT id, 'Disbursement' FROM disbursements d WHERE fund_id = $1 AND status = 'POSTED' AND reverses_id IS NULL
                 AND NOT EXISTS (SELECT 1 FROM disbursements r WHERE r.reverses_id = d.id)
               ORDER BY id`,
              [fund],
            );
            if (open.length > 0) {
              const target = open[op.pick % open.length]!;
              await ok(
                `mutation ($id: ID!, $d: LocalDate!) { reverse${target.table}(id: $id, reason: "Điều chỉnh", date: $d) { id } }`,
                {
                  id: target.id,
                  d: date,
                },
              );
            }
          }
          // Past balances never move; today's equals the sum of every entry.
          expect((await ok(BALANCE, { fund, date: day(dayIndex - 2) })).fundBalance).toBe(before);
          const [{ sum }] = await app.db.query(
            `SELECT (SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END), 0) FROM donations WHERE fund_id = $1)
                  - (SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END), 0) FROM disbursements
                      WHERE fund_id = $1 AND status = 'POSTED') AS sum`,
            [fund],
          );
          const balance = (await ok(BALANCE, { fund, date: day(dayIndex) })).fundBalance;
          // NOTE: not asserted ≥ 0: reversing a donation already spent is a correction of fact and
          // may leave the fund short; only new spending is held to the balance.
          expect(balance).toBe(Number(sum));
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('the fund overview', () => {
  it('reports compliance, arrears, balance, spending by purpose and a monthly in/out series', async () => {
    const { fundOverview } = await ok(
      `query ($f: ID!) { fundOverview(fundId: $f, year: 2014) { expected collected compliancePercent arrears balance
          spendingByPurpose { purpose amount } monthly { month moneyIn moneyOut } } }`,
      { f: justiceFundId },
    );
    const { fundDues } = await ok(DUES, {
      fund: justiceFundId,
      from: '2014-01-01',
      to: '2014-12-01',
    });
    const expected = fundDues.reduce((s: number, l: any) => s + l.expected, 0);
    const paid = fundDues.reduce((s: number, l: any) => s + Math.min(l.paid, l.expected), 0);
    expect(fundOverview.expected).toBe(expected);
    expect(fundOverview.collected).toBe(paid);
    expect(fundOverview.arrears).toBe(expected - paid);
    expect(fundOverview.compliancePercent).toBe(Math.floor((100 * paid) / expected));
    expect(fundOverview.monthly).toHaveLength(12);
    expect(fundOverview.spendingByPurpose.map((s: any) => s.purpose)).toContain('MEDICINE');
    const totalIn = fundOverview.monthly.reduce((s: number, m: any) => s + m.moneyIn, 0);
    const totalOut = fundOverview.monthly.reduce((s: number, m: any) => s + m.moneyOut, 0);
    expect((await ok(BALANCE, { fund: justiceFundId, date: '2014-12-31' })).fundBalance).toBe(
      totalIn - totalOut,
    );
  });
});

describe('arrears by person', () => {
  it('lists each person’s year with what is still owed, most owed first, matching the monthly lines', async () => {
    const { fundArrearsByPerson } = await ok(
      `query ($f: ID!) { fundArrearsByPerson(fundId: $f, year: 2014) { staffMemberId staffMember { fullName } months expected paid arrears } }`,
      { f: justiceFundId },
    );
    const { fundDues } = await ok(DUES, {
      fund: justiceFundId,
      from: '2014-01-01',
      to: '2014-12-01',
    });
    expect(fundArrearsByPerson).toHaveLength(
      new Set(fundDues.map((l: any) => l.staffMemberId)).size,
    );
    for (const person of fundArrearsByPerson) {
      const lines = fundDues.filter((l: any) => l.staffMemberId === person.staffMemberId);
      expect(person.months).toBe(lines.length);
      expect(person.arrears).toBe(lines.reduce((s: number, l: any) => s + l.arrears, 0));
      expect(person.expected - person.paid).toBe(person.arrears);
    }
    const arrears = fundArrearsByPerson.map((p: any) => p.arrears);
    expect(arrears).toEqual([...arrears].sort((a, b) => b - a));
  });
});

describe('support given, in a group’s half-year report', () => {
  it('counts posted disbursements to the group’s households in the period, and not a reversed one', async () => {
    const { allSupportGroups } = await ok(
      '{ allSupportGroups(filter: { q: "Nhóm 1 – Sở Tư pháp" }) { id householdIds } }',
    );
    const group = allSupportGroups[0];
    const give = async (date: string) => {
      const { createDisbursement } = await ok(
        `mutation ($f: ID!, $h: [ID!]) { createDisbursement(fundId: $f, purpose: CAPITAL, description: "Hỗ trợ vốn",
           quantity: 1, unitAmount: 2000000, amount: 2000000, householdIds: $h) { id } }`,
        { f: justiceFundId, h: group.householdIds },
      );
      await ok(
        'mutation ($id: ID!, $d: LocalDate!) { postDisbursement(id: $id, disbursedDate: $d, overrideReason: "Tạm ứng từ quỹ") { id } }',
        { id: createDisbursement.id, d: date },
      );
      return createDisbursement.id as string;
    };
    await give('2014-08-10');
    const reversed = await give('2014-09-10');
    await ok('mutation ($id: ID!) { reverseDisbursement(id: $id, reason: "Chi nhầm hộ") { id } }', {
      id: reversed,
    });
    await give('2015-01-10');
    const { createHalfYearReport } = await ok(
      'mutation ($g: ID!) { createHalfYearReport(groupId: $g, year: 2014, half: 2) { supportDeliveries } }',
      { g: group.id },
    );
    expect(createHalfYearReport.supportDeliveries).toBe(1);
  });
});

describe('the disbursement list', () => {
  it('filters planned and posted disbursements', async () => {
    const planned = (
      await ok('{ allDisbursements(filter: { status: PLANNED }, perPage: 100) { status } }')
    ).allDisbursements;
    const all = (await ok('{ _allDisbursementsMeta { count } }'))._allDisbursementsMeta.count;
    const posted = (await ok('{ _allDisbursementsMeta(filter: { status: POSTED }) { count } }'))
      ._allDisbursementsMeta.count;
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(planned.every((d: any) => d.status === 'PLANNED')).toBe(true);
    expect(planned.length + posted).toBe(all);
  });
});
