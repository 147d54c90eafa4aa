import type { EntityManager } from 'typeorm';
import type { TitleRank } from '../staff/staff.entity';

export interface DuesLine {
  staffMemberId: string;
  month: string;
  titleRank: TitleRank;
  expected: number;
  paid: number;
  arrears: number;
}

/**
 * Expected dues per person and month, with what was paid. A person owes a fund for a month when,
 * on the first day of that month, they held a title in the fund's organization; the amount is the
 * fund's rate for that title in force that month. So a promotion or a move to another agency on
 * 15 June changes what is owed, and to whom, from July.
 */
export async function duesLines(
  em: EntityManager,
  fundId: string,
  from: string,
  to: string,
  staffMemberIds: string[] | null = null,
): Promise<DuesLine[]> {
  const rows: {
    staff_member_id: string;
    month: string;
    title_rank: TitleRank;
    expected: string;
    paid: string;
  }[] = await em.query(
    `WITH months AS (
       SELECT generate_series($2::date, $3::date, interval '1 month')::date AS month),
     owed AS (
       SELECT a.staff_member_id, m.month, a.title_rank, r.monthly_amount AS expected
         FROM months m
         JOIN funds f ON f.id = $1
         JOIN staff_assignments a ON a.organization_id = f.organization_id
          AND a.valid_from <= m.month AND (a.valid_to IS NULL OR a.valid_to >= m.month)
         JOIN contribution_rates r ON r.fund_id = f.id AND r.title_rank = a.title_rank
          AND r.valid_from <= m.month AND (r.valid_to IS NULL OR r.valid_to >= m.month)
        WHERE $4::uuid[] IS NULL OR a.staff_member_id = ANY($4::uuid[])),
     paid AS (
       SELECT staff_member_id, month,
              sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END) AS paid
         FROM contributions WHERE fund_id = $1 AND month BETWEEN $2 AND $3
        GROUP BY staff_member_id, month)
     SELECT o.staff_member_id, o.month::text AS month, o.title_rank, o.expected, coalesce(p.paid, 0) AS paid
       FROM owed o LEFT JOIN paid p USING (staff_member_id, month)
      ORDER BY o.month, o.staff_member_id`,
    [fundId, from, to, staffMemberIds],
  );
  return rows.map((row) => {
    const expected = Number(row.expected);
    const paid = Number(row.paid);
    return {
      staffMemberId: row.staff_member_id,
      month: row.month,
      titleRank: row.title_rank,
      expected,
      paid,
      arrears: Math.max(0, expected - paid),
    };
  });
}
