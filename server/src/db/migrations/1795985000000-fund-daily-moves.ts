import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How each ledger moves a fund's cash: the day, the signed amount, and which rows count. */
const LEDGERS = [
  {
    table: 'contributions',
    day: 'paid_date',
    signed: 'CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END',
    counts: 'true',
  },
  {
    table: 'donations',
    day: 'received_date',
    signed: 'CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END',
    counts: 'true',
  },
  {
    table: 'disbursements',
    day: 'disbursed_date',
    signed: '-(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END)',
    counts: `status = 'POSTED'`,
  },
];

/** Who reads a fund's moves: as its entries (migration 1795837000000). */
export const FUND_MOVES_READ = `(SELECT app_reads_all()) OR fund_id IN (SELECT id FROM funds
  WHERE (SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org()))`;

/**
 * A fund's balance on a day summed every entry of its ledgers up to that day: 2,000 scattered rows
 * per fund at nation scale (81 ms), and the dashboard's fund list did it for 100 funds. The
 * database keeps each fund's net move per day instead, from statement-level triggers on the three
 * ledgers in the writing transaction; a balance is the sum of a few hundred days, by index. The
 * rules (what counts, reversals, only posted disbursements) are those of modules/fund/balance.ts.
 */
export class FundDailyMoves1795985000000 implements MigrationInterface {
  name = 'FundDailyMoves1795985000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE fund_daily_moves (
               fund_id uuid NOT NULL REFERENCES funds (id) ON DELETE CASCADE,
               day date NOT NULL,
               delta bigint NOT NULL,
               PRIMARY KEY (fund_id, day))`);
    await q('ALTER TABLE fund_daily_moves ENABLE ROW LEVEL SECURITY');
    await q('ALTER TABLE fund_daily_moves FORCE ROW LEVEL SECURITY');
    await q(`CREATE POLICY scope_read ON fund_daily_moves FOR SELECT USING (${FUND_MOVES_READ})`);
    await q('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON fund_daily_moves FROM plan68_app');
    await q('GRANT SELECT ON fund_daily_moves TO plan68_app');

    for (const { table, day, signed, counts } of LEDGERS) {
      const from = (rows: string, sign: '' | '-') =>
        `SELECT fund_id, ${day} AS day, ${sign}(${signed}) AS delta FROM ${rows} WHERE ${counts}`;
      const moves = {
        insert: from('new_rows', ''),
        delete: from('old_rows', '-'),
        update: `${from('new_rows', '')} UNION ALL ${from('old_rows', '-')}`,
      };
      for (const [op, source] of Object.entries(moves)) {
        // SECURITY DEFINER: the app's postings move a summary it may not write itself.
        await q(`CREATE FUNCTION fund_daily_moves_${table}_${op}() RETURNS trigger LANGUAGE plpgsql
                   SECURITY DEFINER SET search_path = public, pg_temp AS $$
                 BEGIN
                   INSERT INTO fund_daily_moves AS m (fund_id, day, delta)
                   SELECT fund_id, day, sum(delta) FROM (${source}) moved
                    WHERE day IS NOT NULL GROUP BY fund_id, day
                   ON CONFLICT (fund_id, day) DO UPDATE SET delta = m.delta + EXCLUDED.delta;
                   RETURN NULL;
                 END $$`);
        await q(`REVOKE ALL ON FUNCTION fund_daily_moves_${table}_${op}() FROM PUBLIC`);
        const transition =
          op === 'insert'
            ? 'NEW TABLE AS new_rows'
            : op === 'delete'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q(`CREATE TRIGGER fund_daily_moves_${op} AFTER ${op.toUpperCase()} ON ${table}
                   REFERENCING ${transition} FOR EACH STATEMENT
                   EXECUTE FUNCTION fund_daily_moves_${table}_${op}()`);
      }
      await q(`INSERT INTO fund_daily_moves AS m (fund_id, day, delta)
                 SELECT fund_id, ${day}, sum(${signed}) FROM ${table}
                  WHERE ${counts} AND ${day} IS NOT NULL GROUP BY 1, 2
               ON CONFLICT (fund_id, day) DO UPDATE SET delta = m.delta + EXCLUDED.delta`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of LEDGERS) {
      for (const op of ['insert', 'delete', 'update']) {
        await queryRunner.query(`DROP TRIGGER fund_daily_moves_${op} ON ${table}`);
        await queryRunner.query(`DROP FUNCTION fund_daily_moves_${table}_${op}()`);
      }
    }
    await queryRunner.query('DROP TABLE fund_daily_moves');
  }
}
