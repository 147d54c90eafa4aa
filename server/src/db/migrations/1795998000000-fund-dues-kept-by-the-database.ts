import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who reads a fund's summaries: as its entries (migration 1795837000000, as fund_daily_moves). */
const READ = `(SELECT app_reads_all()) OR fund_id IN (SELECT id FROM funds
  WHERE (SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org()))`;

const SIGNED = 'CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END';

/**
 * Sums kept from a ledger: each row of `source` adds `value` to the summary row of its key (the
 * rules of the fund overview: reversals undo, only posted disbursements are spent).
 */
const ADDITIVE = [
  {
    summary: 'fund_dues_paid',
    source: 'contributions',
    keys: { fund_id: 'fund_id', month: 'month', staff_member_id: 'staff_member_id' },
    value: SIGNED,
    counts: 'true',
  },
  {
    summary: 'fund_monthly_income',
    source: 'contributions',
    keys: { fund_id: 'fund_id', month: `date_trunc('month', paid_date)::date` },
    value: SIGNED,
    counts: 'true',
  },
  {
    summary: 'fund_monthly_income',
    source: 'donations',
    keys: { fund_id: 'fund_id', month: `date_trunc('month', received_date)::date` },
    value: SIGNED,
    counts: 'true',
  },
  {
    summary: 'fund_monthly_spending',
    source: 'disbursements',
    keys: {
      fund_id: 'fund_id',
      month: `date_trunc('month', disbursed_date)::date`,
      purpose: 'purpose',
    },
    value: SIGNED,
    counts: `status = 'POSTED' AND disbursed_date IS NOT NULL`,
  },
] as const;

/**
 * The segments of what a person owes a fund: for each of their titles (staff_assignments) in the
 * fund's organization and each of the fund's rates for that title, the months whose first day
 * both cover, at that rate (the rules of modules/fund/dues.ts: owed for a month when the title is
 * held, and the rate in force, on its first day). A segment without an end goes on while the title
 * and the rate do, so a new month needs no write.
 */
const SEGMENTS = `
  SELECT f.id AS fund_id, a.staff_member_id, a.title_rank, seg.from_month, seg.to_month, r.monthly_amount
    FROM funds f
    JOIN staff_assignments a ON a.organization_id = f.organization_id
    JOIN contribution_rates r ON r.fund_id = f.id AND r.title_rank = a.title_rank
   CROSS JOIN LATERAL (SELECT
       (date_trunc('month', (greatest(a.valid_from, r.valid_from) - 1)::timestamp) + interval '1 month')::date AS from_month,
       date_trunc('month', least(a.valid_to, r.valid_to)::timestamp)::date AS to_month) seg
   WHERE (seg.to_month IS NULL OR seg.from_month <= seg.to_month)`;

/**
 * A fund's dues for a year were computed per request from staff assignments × rates against the
 * contribution ledger (45–60 ms of PostgreSQL for one fund and year at nation scale, 170 ms of CPU
 * per fund overview), and its money in and out per month and its spending by purpose scanned the
 * year's entries. The database keeps them instead, exact and committed with the rows they
 * summarise, by statement-level triggers:
 * - fund_dues_segments: who owes a fund how much a month, from when to when (assignments × rates);
 * - fund_dues_paid: what each person paid a fund for each month (contributions, reversals undone);
 * - fund_monthly_income, fund_monthly_spending: money in per month, money out per month and purpose.
 * A year's dues, paid and arrears are two index ranges (a fund's segments and its year of payments).
 */
export class FundDuesKeptByTheDatabase1795998000000 implements MigrationInterface {
  name = 'FundDuesKeptByTheDatabase1795998000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE fund_dues_segments (
               fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
               staff_member_id uuid NOT NULL REFERENCES staff_members (id) ON DELETE CASCADE,
               from_month date NOT NULL,
               to_month date,
               title_rank title_rank NOT NULL,
               monthly_amount bigint NOT NULL,
               PRIMARY KEY (fund_id, staff_member_id, from_month))`);
    await q(`CREATE INDEX "IDX_fund_dues_segments_staff" ON fund_dues_segments (staff_member_id)`);
    await q(`CREATE TABLE fund_dues_paid (
               fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
               month date NOT NULL,
               staff_member_id uuid NOT NULL,
               paid bigint NOT NULL,
               PRIMARY KEY (fund_id, month, staff_member_id))`);
    await q(`CREATE TABLE fund_monthly_income (
               fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
               month date NOT NULL,
               amount bigint NOT NULL,
               PRIMARY KEY (fund_id, month))`);
    await q(`CREATE TABLE fund_monthly_spending (
               fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
               month date NOT NULL,
               purpose disbursement_purpose NOT NULL,
               amount bigint NOT NULL,
               PRIMARY KEY (fund_id, month, purpose))`);
    for (const table of FUND_SUMMARIES) {
      await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q(`CREATE POLICY scope_read ON ${table} FOR SELECT USING (${READ})`);
      await q(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${table} FROM plan68_app`);
      await q(`GRANT SELECT ON ${table} TO plan68_app`);
    }

    // Additive sums: every statement on a ledger adds its rows' signed amounts (SECURITY DEFINER:
    // the app's postings move summaries it may not write itself).
    for (const { summary, source, keys, value, counts } of ADDITIVE) {
      const names = Object.keys(keys);
      const from = (rows: string, sign: '' | '-') =>
        `SELECT ${Object.entries(keys)
          .map(([name, expr]) => `${expr} AS ${name}`)
          .join(', ')}, ${sign}(${value}) AS delta FROM ${rows} WHERE ${counts}`;
      const moves = {
        insert: from('new_rows', ''),
        delete: from('old_rows', '-'),
        update: `${from('new_rows', '')} UNION ALL ${from('old_rows', '-')}`,
      };
      for (const [op, rows] of Object.entries(moves)) {
        const fn = `${summary}_${source}_${op}`;
        await q(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql
                   SECURITY DEFINER SET search_path = public, pg_temp AS $$
                 BEGIN
                   ${upsert(summary, names, `SELECT ${names.join(', ')}, sum(delta) FROM (${rows}) moved GROUP BY ${names.join(', ')}`)};
                   RETURN NULL;
                 END $$`);
        await q(`REVOKE ALL ON FUNCTION ${fn}() FROM PUBLIC`);
        await q(`CREATE TRIGGER ${summary}_${op} AFTER ${op.toUpperCase()} ON ${source}
                   REFERENCING ${TRANSITIONS[op as keyof typeof TRANSITIONS]} FOR EACH STATEMENT
                   EXECUTE FUNCTION ${fn}()`);
      }
      await q(
        upsert(
          summary,
          names,
          `SELECT ${Object.values(keys).join(', ')}, sum(${value}) FROM ${source} WHERE ${counts}
            GROUP BY ${names.map((_, i) => i + 1).join(', ')} ORDER BY ${names.map((_, i) => i + 1).join(', ')}`,
        ),
      );
    }

    // Segments: recomputed for the people (assignments) or the funds (rates, a fund moved to
    // another organization) a statement touched. SECURITY DEFINER: the owner reads every row.
    await q(`CREATE FUNCTION refresh_fund_dues_of_staff(staff uuid[]) RETURNS void
               LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DELETE FROM fund_dues_segments WHERE staff_member_id = ANY (staff);
      INSERT INTO fund_dues_segments (fund_id, staff_member_id, title_rank, from_month, to_month, monthly_amount)
      SELECT * FROM (${SEGMENTS} AND a.staff_member_id = ANY (staff)) s
    $$`);
    await q(`CREATE FUNCTION refresh_fund_dues_of_funds(fund_ids uuid[]) RETURNS void
               LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DELETE FROM fund_dues_segments WHERE fund_id = ANY (fund_ids);
      INSERT INTO fund_dues_segments (fund_id, staff_member_id, title_rank, from_month, to_month, monthly_amount)
      SELECT * FROM (${SEGMENTS} AND f.id = ANY (fund_ids)) s
    $$`);
    for (const fn of ['refresh_fund_dues_of_staff', 'refresh_fund_dues_of_funds'])
      await q(`REVOKE ALL ON FUNCTION ${fn}(uuid[]) FROM PUBLIC`);
    const refreshers = [
      {
        table: 'staff_assignments',
        refresh: 'refresh_fund_dues_of_staff',
        touched: (rows: string[]) =>
          rows.map((r) => `SELECT staff_member_id FROM ${r}`).join(' UNION '),
      },
      {
        table: 'contribution_rates',
        refresh: 'refresh_fund_dues_of_funds',
        touched: (rows: string[]) => rows.map((r) => `SELECT fund_id FROM ${r}`).join(' UNION '),
      },
    ];
    for (const { table, refresh, touched } of refreshers) {
      for (const [op, rows] of Object.entries(ROWS)) {
        const fn = `fund_dues_${table}_${op}`;
        await q(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql
                   SECURITY DEFINER SET search_path = public, pg_temp AS $$
                 BEGIN
                   PERFORM ${refresh}(ARRAY(${touched(rows)}));
                   RETURN NULL;
                 END $$`);
        await q(`REVOKE ALL ON FUNCTION ${fn}() FROM PUBLIC`);
        await q(`CREATE TRIGGER fund_dues_segments_${op} AFTER ${op.toUpperCase()} ON ${table}
                   REFERENCING ${TRANSITIONS[op as keyof typeof TRANSITIONS]} FOR EACH STATEMENT
                   EXECUTE FUNCTION ${fn}()`);
      }
    }
    // A fund whose organization changes owes from that organization's staff (a new fund has no
    // rates yet; a deleted one takes its segments along).
    await q(`CREATE FUNCTION fund_dues_funds_update() RETURNS trigger LANGUAGE plpgsql
               SECURITY DEFINER SET search_path = public, pg_temp AS $$
             BEGIN
               PERFORM refresh_fund_dues_of_funds(ARRAY(
                 SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
                  WHERE n.organization_id IS DISTINCT FROM o.organization_id));
               RETURN NULL;
             END $$`);
    await q(`REVOKE ALL ON FUNCTION fund_dues_funds_update() FROM PUBLIC`);
    await q(`CREATE TRIGGER fund_dues_segments_update AFTER UPDATE ON funds
               REFERENCING ${TRANSITIONS.update} FOR EACH STATEMENT
               EXECUTE FUNCTION fund_dues_funds_update()`);
    await q(`INSERT INTO fund_dues_segments (fund_id, staff_member_id, title_rank, from_month, to_month, monthly_amount)
             SELECT * FROM (${SEGMENTS}) s ORDER BY fund_id, staff_member_id, from_month`);
    // Filled in key order, a fund's rows share pages; analysed for the planner.
    for (const table of FUND_SUMMARIES) await q(`ANALYZE ${table}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q('DROP TRIGGER fund_dues_segments_update ON funds');
    await q('DROP FUNCTION fund_dues_funds_update()');
    for (const table of ['staff_assignments', 'contribution_rates']) {
      for (const op of Object.keys(ROWS)) {
        await q(`DROP TRIGGER fund_dues_segments_${op} ON ${table}`);
        await q(`DROP FUNCTION fund_dues_${table}_${op}()`);
      }
    }
    await q('DROP FUNCTION refresh_fund_dues_of_staff(uuid[])');
    await q('DROP FUNCTION refresh_fund_dues_of_funds(uuid[])');
    for (const { summary, source } of ADDITIVE) {
      for (const op of Object.keys(ROWS)) {
        await q(`DROP TRIGGER ${summary}_${op} ON ${source}`);
        await q(`DROP FUNCTION ${summary}_${source}_${op}()`);
      }
    }
    for (const table of [...FUND_SUMMARIES].reverse()) await q(`DROP TABLE ${table}`);
  }
}

/** The summaries this migration creates, each read as its fund's entries are. */
export const FUND_SUMMARIES = [
  'fund_dues_segments',
  'fund_dues_paid',
  'fund_monthly_income',
  'fund_monthly_spending',
] as const;

const TRANSITIONS = {
  insert: 'NEW TABLE AS new_rows',
  delete: 'OLD TABLE AS old_rows',
  update: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
};
const ROWS: Record<string, string[]> = {
  insert: ['new_rows'],
  delete: ['old_rows'],
  update: ['old_rows', 'new_rows'],
};

/** Adds the (keys…, delta) rows of `rows` to `summary`'s amounts (paid for fund_dues_paid). */
function upsert(summary: string, keys: string[], rows: string) {
  const column = summary === 'fund_dues_paid' ? 'paid' : 'amount';
  return `INSERT INTO ${summary} AS s (${keys.join(', ')}, ${column}) ${rows}
          ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${column} = s.${column} + EXCLUDED.${column}`;
}
