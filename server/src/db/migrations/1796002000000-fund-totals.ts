import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FUND_MOVES_READ } from './1795985000000-fund-daily-moves';

/**
 * PERF (issue 12): the dashboard's fund list showed 100 balances by summing each fund's daily
 * moves: 28,000 rows and 12 ms of the 16 ms of SQL the page cost at nation scale. The database
 * now keeps each fund's net total of all its moves, from statement-level triggers on
 * fund_daily_moves (which the ledgers' own triggers write, in the writing transaction). A balance
 * on a day is the total less the moves after that day: none for today, since entries are never
 * dated after it. Read as the daily moves are (as the fund's entries).
 */
export class FundTotals1796002000000 implements MigrationInterface {
  name = 'FundTotals1796002000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE fund_totals (
               fund_id uuid PRIMARY KEY REFERENCES funds (id) ON DELETE CASCADE,
               total bigint NOT NULL)`);
    await q('ALTER TABLE fund_totals ENABLE ROW LEVEL SECURITY');
    await q('ALTER TABLE fund_totals FORCE ROW LEVEL SECURITY');
    await q(`CREATE POLICY scope_read ON fund_totals FOR SELECT USING (${FUND_MOVES_READ})`);
    await q('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON fund_totals FROM plan68_app');
    await q('GRANT SELECT ON fund_totals TO plan68_app');

    const moves = {
      insert: 'SELECT fund_id, delta FROM new_rows',
      delete: 'SELECT fund_id, -delta FROM old_rows',
      update: 'SELECT fund_id, delta FROM new_rows UNION ALL SELECT fund_id, -delta FROM old_rows',
    };
    for (const [op, source] of Object.entries(moves)) {
      // A fund being deleted takes its moves and its total with it (cascade): only an insert
      // creates a total, so that delete's trigger finds nothing to recreate.
      const write =
        op === 'insert'
          ? `INSERT INTO fund_totals AS t (fund_id, total)
             SELECT fund_id, sum(delta) FROM (${source}) moved(fund_id, delta)
              GROUP BY fund_id ORDER BY fund_id
             ON CONFLICT (fund_id) DO UPDATE SET total = t.total + EXCLUDED.total`
          : `UPDATE fund_totals t SET total = t.total + moved.delta
               FROM (SELECT fund_id, sum(delta) AS delta FROM (${source}) m(fund_id, delta)
                      GROUP BY fund_id) moved
              WHERE t.fund_id = moved.fund_id`;
      // SECURITY DEFINER: the app's postings move a summary it may not write itself.
      await q(`CREATE FUNCTION fund_totals_${op}() RETURNS trigger LANGUAGE plpgsql
                 SECURITY DEFINER SET search_path = public, pg_temp AS $$
               BEGIN
                 ${write};
                 RETURN NULL;
               END $$`);
      await q(`REVOKE ALL ON FUNCTION fund_totals_${op}() FROM PUBLIC`);
      const transition =
        op === 'insert'
          ? 'NEW TABLE AS new_rows'
          : op === 'delete'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await q(`CREATE TRIGGER fund_totals_${op} AFTER ${op.toUpperCase()} ON fund_daily_moves
                 REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION fund_totals_${op}()`);
    }
    await q(`INSERT INTO fund_totals (fund_id, total)
               SELECT fund_id, sum(delta) FROM fund_daily_moves GROUP BY fund_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'delete', 'update']) {
      await queryRunner.query(`DROP TRIGGER fund_totals_${op} ON fund_daily_moves`);
      await queryRunner.query(`DROP FUNCTION fund_totals_${op}()`);
    }
    await queryRunner.query('DROP TABLE fund_totals');
  }
}
