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
    `WITH moves AS (
       SELECT paid_date AS day, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END AS delta
         FROM contributions WHERE fund_id = $1
       UNION ALL
       SELECT received_date, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END
         FROM donations WHERE fund_id = $1
       UNION ALL
       SELECT disbursed_date, CASE WHEN reverses_id IS NULL THEN -amount ELSE amount END
         FROM disbursements WHERE fund_id = $1 AND status = 'POSTED'),
     daily AS (SELECT day, sum(delta) AS delta FROM moves GROUP BY day),
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
    `SELECT (
       (SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END), 0)
          FROM contributions WHERE fund_id = $1 AND paid_date <= $2)
     + (SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END), 0)
          FROM donations WHERE fund_id = $1 AND received_date <= $2)
     - (SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END), 0)
          FROM disbursements WHERE fund_id = $1 AND status = 'POSTED' AND disbursed_date <= $2))::text AS balance`,
    [fundId, date],
  )) as { balance: string }[];
  return BigInt(row!.balance);
}
