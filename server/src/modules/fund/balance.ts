import type { EntityManager } from 'typeorm';

/**
 * The lowest a fund's balance stands on any day from `date` on (cash basis: money in minus money
 * out; entries are never dated after today). Money may go out on `date` only up to this much: a
 * balance that was enough on that day can be spent already by later entries, and backdating a
 * payment must not overdraw the fund on any day since.
 */
export async function lowestBalanceFrom(
  em: EntityManager,
  fundId: string,
  date: string,
): Promise<bigint> {
  const [row] = (await em.query(
    // The net move per day is kept by the database from the ledgers (fund_daily_moves, migration
    // 1795985000000): contributions and donations in, posted disbursements out, reversals undone.
    `WITH daily AS (SELECT day, delta FROM fund_daily_moves WHERE fund_id = $1),
     running AS (SELECT day, sum(delta) OVER (ORDER BY day) AS balance FROM daily)
     SELECT least(
              (SELECT coalesce(sum(delta), 0) FROM daily WHERE day <= $2),
              (SELECT min(balance) FROM running WHERE day > $2))::text AS lowest`,
    [fundId, date],
  )) as { lowest: string }[];
  return BigInt(row!.lowest);
}

/** Money in minus money out of a fund up to and including a date (cash basis), exactly. */
export async function balanceAt(em: EntityManager, fundId: string, date: string): Promise<bigint> {
  const [row] = (await em.query(
    `SELECT coalesce(sum(delta), 0)::text AS balance FROM fund_daily_moves
      WHERE fund_id = $1 AND day <= $2`,
    [fundId, date],
  )) as { balance: string }[];
  return BigInt(row!.balance);
}

/**
 * balanceAt for several funds in one statement (a fund list's balances, batched per response).
 * PERF: from each fund's total kept by the database (fund_totals, migration 1796002000000) less
 * the moves after `date`: for today none, so one row per fund instead of every day it moved.
 */
export async function balancesAt(
  em: EntityManager,
  fundIds: readonly string[],
  date: string,
): Promise<bigint[]> {
  const rows = (await em.query(
    `SELECT t.fund_id, (t.total - coalesce((SELECT sum(m.delta) FROM fund_daily_moves m
                                             WHERE m.fund_id = t.fund_id AND m.day > $2), 0))::text AS balance
       FROM fund_totals t WHERE t.fund_id = ANY($1::uuid[])`,
    [fundIds, date],
  )) as { fund_id: string; balance: string }[];
  const byFund = new Map(rows.map((row) => [row.fund_id, BigInt(row.balance)]));
  return fundIds.map((id) => byFund.get(id) ?? 0n);
}
