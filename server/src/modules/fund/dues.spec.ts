import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { withDatabase } from '../../../../test/support/urls';
import { createDataSource } from '../../db/data-source';
import { balanceAt, balancesAt } from './balance';
import { duesLines, type DuesLine } from './dues';

/** A database of its own, cloned from the run's template (the owner's connection: no row security). */
async function cloneDatabase(): Promise<{ db: DataSource; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `plan68_dues_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // NOTE: two clones of one template at the same instant can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String((error as Error).message).includes('being accessed'))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const db = createDataSource({ url: withDatabase(adminUrl, name), poolSize: 2 });
  await db.initialize();
  return {
    db,
    drop: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Two agencies, A and B, each with its fund. Rates are the article's ("director 150,000 VND;
 * head of division 90,000; civil servant 30,000"); A's fund raises the director's rate to 200,000
 * from 2015. People (fictional):
 * - An: civil servant at A, promoted to head of division on 15 June 2014.
 * - Bình: director at A from 2 March 2014.
 * - Chi: civil servant at A, moved to B on 16 May 2014.
 * - Dũng: deputy head at B only.
 * - Em: civil servant at A until 1 May 2014 (that day included).
 * - Giang: head of division at A from 1 April 2014.
 */
describe('dues and balance in the database', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  const id = () => randomUUID();
  const [orgA, orgB, plan, fundA, fundB] = [id(), id(), id(), id(), id()];
  const people = { an: id(), binh: id(), chi: id(), dung: id(), em: id(), giang: id() };
  const { an, binh, chi, dung, em, giang } = people;
  const name = Object.fromEntries(Object.entries(people).map(([k, v]) => [v, k]));

  async function pay(fund: string, who: string, month: string, amount: number, paid: string) {
    const entry = id();
    await db.query(
      `INSERT INTO contributions (id, fund_id, staff_member_id, month, amount, paid_date)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry, fund, who, month, amount, paid],
    );
    return entry;
  }
  async function reverse(table: string, entry: string, date: { column: string; value: string }) {
    const [row] = (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [entry])) as Record<
      string,
      unknown
    >[];
    const copy = { ...row!, id: id(), reverses_id: entry, [date.column]: date.value };
    for (const key of ['version', 'created_at', 'updated_at']) delete copy[key];
    const columns = Object.keys(copy);
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(copy),
    );
  }
  async function donate(amount: number, received: string) {
    const entry = id();
    await db.query(
      `INSERT INTO donations (id, fund_id, amount, donor_kind, donor_name, form, received_date)
       VALUES ($1, $2, $3, 'INDIVIDUAL', 'Nhà hảo tâm (mẫu)', 'CASH', $4)`,
      [entry, fundA, amount, received],
    );
    return entry;
  }
  async function spend(
    fund: string,
    amount: number,
    status: 'PLANNED' | 'POSTED',
    disbursed: string | null,
  ) {
    const entry = id();
    await db.query(
      `INSERT INTO disbursements (id, fund_id, amount, status, purpose, description, quantity,
                                  unit_amount, planned_date, disbursed_date)
       VALUES ($1, $2, $3, $4, 'MEDICINE', 'Túi thuốc (mẫu)', 1, $3, '2014-06-01', $5)`,
      [entry, fund, amount, status, disbursed],
    );
    return entry;
  }

  beforeAll(async () => {
    ({ db, drop } = await cloneDatabase());
    await db.query(
      `INSERT INTO organizations (id, name, kind) VALUES ($1, 'Cơ quan A (mẫu)', 'STATE_AGENCY'),
                                                        ($2, 'Cơ quan B (mẫu)', 'STATE_AGENCY')`,
      [orgA, orgB],
    );
    await db.query(`INSERT INTO plans (id, code, title) VALUES ($1, $2, 'Kế hoạch thử')`, [
      plan,
      `T-${plan.slice(0, 8)}`,
    ]);
    await db.query(
      `INSERT INTO funds (id, name, organization_id, plan_id) VALUES ($1, 'Quỹ A', $2, $5),
                                                                    ($3, 'Quỹ B', $4, $5)`,
      [fundA, orgA, fundB, orgB, plan],
    );
    const rates: [string, string, number, string, string | null][] = [
      [fundA, 'DIRECTOR', 150_000, '2014-01-01', '2014-12-31'],
      [fundA, 'DIRECTOR', 200_000, '2015-01-01', null],
      [fundA, 'HEAD_OF_DIVISION', 90_000, '2014-01-01', null],
      [fundA, 'CIVIL_SERVANT', 30_000, '2014-01-01', null],
      [fundB, 'DEPUTY_HEAD_OF_DIVISION', 60_000, '2014-01-01', null],
      [fundB, 'CIVIL_SERVANT', 30_000, '2014-01-01', null],
    ];
    for (const rate of rates) {
      await db.query(
        `INSERT INTO contribution_rates (fund_id, title_rank, monthly_amount, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5)`,
        rate,
      );
    }
    for (const [key, person] of Object.entries(people)) {
      await db.query(
        `INSERT INTO staff_members (id, full_name, organization_id) VALUES ($1, $2, $3)`,
        [person, `${key} (mẫu)`, person === dung ? orgB : orgA],
      );
    }
    const titles: [string, string, string, string, string | null][] = [
      [an, orgA, 'CIVIL_SERVANT', '2014-01-01', '2014-06-14'],
      [an, orgA, 'HEAD_OF_DIVISION', '2014-06-15', null],
      [binh, orgA, 'DIRECTOR', '2014-03-02', null],
      [chi, orgA, 'CIVIL_SERVANT', '2014-01-01', '2014-05-15'],
      [chi, orgB, 'CIVIL_SERVANT', '2014-05-16', null],
      [dung, orgB, 'DEPUTY_HEAD_OF_DIVISION', '2014-01-01', null],
      [em, orgA, 'CIVIL_SERVANT', '2014-01-01', '2014-05-01'],
      [giang, orgA, 'HEAD_OF_DIVISION', '2014-04-01', null],
    ];
    for (const title of titles) {
      await db.query(
        `INSERT INTO staff_assignments (staff_member_id, organization_id, title_rank, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5)`,
        title,
      );
    }
    await pay(fundA, em, '2014-02-01', 30_000, '2014-02-10');
    const reversed = await pay(fundA, binh, '2014-04-01', 150_000, '2014-04-10');
    await reverse('contributions', reversed, { column: 'paid_date', value: '2014-04-20' });
    await pay(fundA, binh, '2014-05-01', 200_000, '2014-05-10');
    await pay(fundA, binh, '2014-06-01', 100_000, '2014-06-05');
    await pay(fundA, chi, '2014-06-01', 30_000, '2014-06-10');
    await pay(fundA, an, '2014-06-01', 30_000, '2014-06-20');
    await pay(fundA, binh, '2014-06-01', 50_000, '2014-06-25');
    await pay(fundA, an, '2014-07-01', 30_000, '2014-07-10');
    await pay(fundB, binh, '2014-07-01', 150_000, '2014-07-10');
    await pay(fundB, dung, '2014-06-01', 60_000, '2014-06-10');

    await donate(1_000_000, '2014-06-15');
    const returned = await donate(500_000, '2014-06-16');
    await reverse('donations', returned, { column: 'received_date', value: '2014-06-18' });
    await spend(fundA, 400_000, 'POSTED', '2014-06-20');
    await spend(fundA, 300_000, 'PLANNED', null);
    await spend(fundA, 100_000, 'POSTED', '2014-07-05');
    const undone = await spend(fundA, 70_000, 'POSTED', '2014-07-06');
    await reverse('disbursements', undone, { column: 'disbursed_date', value: '2014-07-07' });
    await spend(fundB, 20_000, 'POSTED', '2014-06-01');
  }, 60_000);
  afterAll(async () => {
    await drop?.();
  });

  const line = (
    month: string,
    who: string,
    titleRank: string,
    expected: number,
    paid: number,
    arrears: number,
  ): DuesLine => ({
    staffMemberId: who,
    month,
    titleRank: titleRank as DuesLine['titleRank'],
    expected,
    paid,
    arrears,
  });
  const ordered = (lines: DuesLine[]) =>
    [...lines].sort((a, b) =>
      a.month === b.month
        ? a.staffMemberId.localeCompare(b.staffMemberId)
        : a.month.localeCompare(b.month),
    );
  const readable = (lines: DuesLine[]) => lines.map((l) => ({ ...l, who: name[l.staffMemberId] }));

  it('owes, per month, what the title held on its first day costs in that fund', async () => {
    const CS = 'CIVIL_SERVANT';
    const HEAD = 'HEAD_OF_DIVISION';
    const DIR = 'DIRECTOR';
    const expected = ordered([
      line('2014-03-01', an, CS, 30_000, 0, 30_000),
      line('2014-03-01', chi, CS, 30_000, 0, 30_000),
      line('2014-03-01', em, CS, 30_000, 0, 30_000),
      // Bình became director on 2 March: he owes from April. Giang joined on 1 April: April too.
      line('2014-04-01', an, CS, 30_000, 0, 30_000),
      line('2014-04-01', binh, DIR, 150_000, 0, 150_000), // paid, then the payment was reversed
      line('2014-04-01', chi, CS, 30_000, 0, 30_000),
      line('2014-04-01', em, CS, 30_000, 0, 30_000),
      line('2014-04-01', giang, HEAD, 90_000, 0, 90_000),
      line('2014-05-01', an, CS, 30_000, 0, 30_000),
      line('2014-05-01', binh, DIR, 150_000, 200_000, 0), // paid more: no negative arrears
      line('2014-05-01', chi, CS, 30_000, 0, 30_000), // at A on 1 May; moved to B on 16 May
      line('2014-05-01', em, CS, 30_000, 0, 30_000), // left on 1 May, that day included
      line('2014-05-01', giang, HEAD, 90_000, 0, 90_000),
      line('2014-06-01', an, CS, 30_000, 30_000, 0), // promoted on 15 June: June still as before
      line('2014-06-01', binh, DIR, 150_000, 150_000, 0), // two instalments
      line('2014-06-01', giang, HEAD, 90_000, 0, 90_000),
      line('2014-07-01', an, HEAD, 90_000, 30_000, 60_000),
      line('2014-07-01', binh, DIR, 150_000, 0, 150_000), // paid into B's fund, not A's
      line('2014-07-01', giang, HEAD, 90_000, 0, 90_000),
    ]);
    const lines = await duesLines(db.manager, fundA, '2014-03-01', '2014-07-01');
    expect(readable(lines)).toEqual(readable(expected));
  });

  it("owes the other agency's fund after a move, at that fund's rate", async () => {
    expect(await duesLines(db.manager, fundB, '2014-05-01', '2014-06-01')).toEqual(
      ordered([
        line('2014-05-01', dung, 'DEPUTY_HEAD_OF_DIVISION', 60_000, 0, 60_000),
        line('2014-06-01', chi, 'CIVIL_SERVANT', 30_000, 0, 30_000),
        line('2014-06-01', dung, 'DEPUTY_HEAD_OF_DIVISION', 60_000, 60_000, 0),
      ]),
    );
  });

  it('owes the rate in force in each month: a new rate from January changes January', async () => {
    expect(await duesLines(db.manager, fundA, '2014-12-01', '2015-01-01', [binh])).toEqual([
      line('2014-12-01', binh, 'DIRECTOR', 150_000, 0, 150_000),
      line('2015-01-01', binh, 'DIRECTOR', 200_000, 0, 200_000),
    ]);
  });

  it('narrows to the people asked for; an empty list asks for nobody', async () => {
    const lines = await duesLines(db.manager, fundA, '2014-06-01', '2014-07-01', [an, giang]);
    expect(readable(lines)).toEqual(
      readable(
        ordered([
          line('2014-06-01', an, 'CIVIL_SERVANT', 30_000, 30_000, 0),
          line('2014-06-01', giang, 'HEAD_OF_DIVISION', 90_000, 0, 90_000),
          line('2014-07-01', an, 'HEAD_OF_DIVISION', 90_000, 30_000, 60_000),
          line('2014-07-01', giang, 'HEAD_OF_DIVISION', 90_000, 0, 90_000),
        ]),
      ),
    );
    expect(await duesLines(db.manager, fundA, '2014-06-01', '2014-07-01', [])).toEqual([]);
  });

  it('counts only what was paid for the months asked for', async () => {
    expect(await duesLines(db.manager, fundA, '2014-06-01', '2014-06-01', [binh])).toEqual([
      line('2014-06-01', binh, 'DIRECTOR', 150_000, 150_000, 0),
    ]);
    expect(await duesLines(db.manager, fundA, '2014-02-01', '2014-02-01', [em])).toEqual([
      line('2014-02-01', em, 'CIVIL_SERVANT', 30_000, 30_000, 0),
    ]);
  });

  it('balances money in (dues, donations) against posted spending, up to a day included', async () => {
    // Nothing before the first entry.
    expect(await balanceAt(db.manager, fundA, '2014-01-31')).toBe(0n);
    // 10 Feb: Em's dues.
    expect(await balanceAt(db.manager, fundA, '2014-02-10')).toBe(30_000n);
    // Bình's April payment and its reversal cancel out.
    expect(await balanceAt(db.manager, fundA, '2014-04-20')).toBe(30_000n);
    // + 200,000 (May) + 100,000 and 30,000 (June) + a 1,000,000 donation; the 500,000 one was
    // returned on 18 June; the planned spending is not money out.
    expect(await balanceAt(db.manager, fundA, '2014-06-19')).toBe(1_360_000n);
    // 20 June: An's 30,000 in, 400,000 spent.
    expect(await balanceAt(db.manager, fundA, '2014-06-20')).toBe(990_000n);
    // By the year's end: + 50,000 + 30,000 in, − 100,000 out; the 70,000 spent was taken back.
    expect(await balanceAt(db.manager, fundA, '2014-12-31')).toBe(970_000n);
    // B's fund: Dũng's 60,000 less 20,000 spent; Bình's 150,000 in July.
    expect(await balanceAt(db.manager, fundB, '2014-06-30')).toBe(40_000n);
    expect(await balanceAt(db.manager, fundB, '2014-07-10')).toBe(190_000n);
  });

  it('gives several funds’ balances at once, from their kept totals less what moved after the day', async () => {
    const unknownFund = randomUUID();
    expect(await balancesAt(db.manager, [fundA, unknownFund], '2014-06-19')).toEqual([
      1_360_000n,
      0n,
    ]);
    expect(await balancesAt(db.manager, [fundA], '2014-01-31')).toEqual([0n]);
    expect(await balancesAt(db.manager, [fundB, fundA], '2014-07-10')).toEqual([
      190_000n,
      await balanceAt(db.manager, fundA, '2014-07-10'),
    ]);
    expect(await balancesAt(db.manager, [fundA], '2099-12-31')).toEqual([970_000n]);
  });
});
