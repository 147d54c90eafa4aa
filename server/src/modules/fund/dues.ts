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

/** One row of dues as a line: what is still owed never goes below nothing. */
function lineOf(row: {
  staff_member_id: string;
  month: string;
  title_rank: TitleRank;
  expected: string;
  paid: string;
}): DuesLine {
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
  return rows.map(lineOf);
}

/** A fund's dues over some months: owed, paid towards what was owed, and still owed. */
export interface DuesTotals {
  expected: bigint;
  collected: bigint;
  arrears: bigint;
}

/** One person's dues over some months, as `fundArrearsByPerson` lists them. */
export interface PersonDues {
  staffMemberId: string;
  months: number;
  expected: number;
  paid: number;
  arrears: number;
}

/**
 * The rules that turn dues lines into totals: a payment counts up to what the month owes (paying
 * more one month does not pay another), arrears are what is still owed, month by month. Per person
 * most owed first; among equals, whoever owes from the earliest month (then by id) first.
 */
export function totalsOfLines(lines: DuesLine[]): DuesTotals {
  // Sums exactly, whatever their size (BigInt).
  const sum = (values: number[]) => values.reduce((total, v) => total + BigInt(v), 0n);
  return {
    expected: sum(lines.map((l) => l.expected)),
    collected: sum(lines.map((l) => Math.min(l.paid, l.expected))),
    arrears: sum(lines.map((l) => l.arrears)),
  };
}

export function personDuesOfLines(lines: DuesLine[]): PersonDues[] {
  const byPerson = new Map<string, PersonDues>();
  for (const line of lines) {
    const person = byPerson.get(line.staffMemberId) ?? {
      staffMemberId: line.staffMemberId,
      months: 0,
      expected: 0,
      paid: 0,
      arrears: 0,
    };
    person.months += 1;
    person.expected += line.expected;
    person.paid += Math.min(line.paid, line.expected);
    person.arrears += line.arrears;
    byPerson.set(line.staffMemberId, person);
  }
  return [...byPerson.values()].sort((a, b) => b.arrears - a.arrears);
}

/*
 * The same figures read from what the database keeps (migration 1795998000000): a fund's segments
 * of owed months (fund_dues_segments: a title held × the rate in force, from its first month to its
 * last, open-ended while both last) and what each person paid for each month (fund_dues_paid). A
 * fund's year is two index ranges, never the ledger. test/summaries.test.ts reconciles them with
 * duesLines above after every kind of write.
 */

/** The segments owed between two months, clipped to them (`lo`…`hi`, first days of months). */
const SEGMENTS_BETWEEN = `
  SELECT staff_member_id, title_rank, monthly_amount,
         greatest(from_month, $2::date) AS lo,
         CASE WHEN to_month IS NULL OR to_month > $3::date THEN $3::date ELSE to_month END AS hi
    FROM fund_dues_segments
   WHERE fund_id = $1 AND from_month <= $3::date AND (to_month IS NULL OR to_month >= $2::date)
     AND $2::date <= $3::date`;
/** How many months `lo`…`hi` spans, both included. */
const MONTHS = `((extract(year FROM hi) - extract(year FROM lo)) * 12 + extract(month FROM hi) - extract(month FROM lo) + 1)`;
/** Each payment for a month a segment owes, counted up to what it owes. */
const PAID_TOWARDS = `
  SELECT s.staff_member_id, least(p.paid, s.monthly_amount) AS paid
    FROM fund_dues_paid p
    JOIN seg s ON s.staff_member_id = p.staff_member_id AND p.month BETWEEN s.lo AND s.hi
   WHERE p.fund_id = $1 AND p.month BETWEEN $2::date AND $3::date`;

/** duesLines from the kept summaries (what `fundDues` lists). */
export async function keptDuesLines(
  em: EntityManager,
  fundId: string,
  from: string,
  to: string,
): Promise<DuesLine[]> {
  const rows: {
    staff_member_id: string;
    month: string;
    title_rank: TitleRank;
    expected: string;
    paid: string;
  }[] = await em.query(
    `WITH seg AS (${SEGMENTS_BETWEEN})
     SELECT s.staff_member_id, m.month::date::text AS month, s.title_rank, s.monthly_amount AS expected,
            coalesce(p.paid, 0) AS paid
       FROM seg s
      CROSS JOIN LATERAL generate_series(s.lo, s.hi, interval '1 month') m (month)
       LEFT JOIN fund_dues_paid p
         ON p.fund_id = $1 AND p.month = m.month::date AND p.staff_member_id = s.staff_member_id
      ORDER BY m.month, s.staff_member_id`,
    [fundId, from, to],
  );
  return rows.map(lineOf);
}

/** totalsOfLines(duesLines(…)) from the kept summaries, in one statement. */
export async function keptDuesTotals(
  em: EntityManager,
  fundId: string,
  from: string,
  to: string,
): Promise<DuesTotals> {
  const [row] = (await em.query(
    `WITH seg AS MATERIALIZED (${SEGMENTS_BETWEEN})
     SELECT (SELECT coalesce(sum(monthly_amount * ${MONTHS}), 0) FROM seg)::text AS expected,
            (SELECT coalesce(sum(paid), 0) FROM (${PAID_TOWARDS}) t)::text AS collected`,
    [fundId, from, to],
  )) as { expected: string; collected: string }[];
  const expected = BigInt(row!.expected);
  const collected = BigInt(row!.collected);
  return { expected, collected, arrears: expected - collected };
}

/** personDuesOfLines(duesLines(…)) from the kept summaries, in one statement. */
export async function keptPersonDues(
  em: EntityManager,
  fundId: string,
  from: string,
  to: string,
): Promise<PersonDues[]> {
  const rows = (await em.query(
    `WITH seg AS MATERIALIZED (${SEGMENTS_BETWEEN}),
     owed AS (
       SELECT staff_member_id, min(lo) AS first_month, sum(${MONTHS}) AS months,
              sum(monthly_amount * ${MONTHS}) AS expected
         FROM seg GROUP BY staff_member_id),
     paid AS (SELECT staff_member_id, sum(paid) AS paid FROM (${PAID_TOWARDS}) t GROUP BY staff_member_id)
     SELECT o.staff_member_id, o.months::int AS months, o.expected::text AS expected,
            coalesce(p.paid, 0)::text AS paid, (o.expected - coalesce(p.paid, 0))::text AS arrears
       FROM owed o LEFT JOIN paid p USING (staff_member_id)
      ORDER BY o.expected - coalesce(p.paid, 0) DESC, o.first_month, o.staff_member_id`,
    [fundId, from, to],
  )) as {
    staff_member_id: string;
    months: number;
    expected: string;
    paid: string;
    arrears: string;
  }[];
  return rows.map((row) => ({
    staffMemberId: row.staff_member_id,
    months: row.months,
    expected: Number(row.expected),
    paid: Number(row.paid),
    arrears: Number(row.arrears),
  }));
}
