import type { DataSource, EntityManager } from 'typeorm';

/**
 * How long a household's personal data is kept after its last activity in the program (its last
 * category period, review, visit, plan step or edit). Recorded in the impact assessment
 * (docs/data-protection/impact-assessment.md); change both together.
 */
export const RETENTION_YEARS = 5;

export const ANONYMISED_NAME = '(đã ẩn danh)';

/**
 * Removes the personal data of households whose last activity is older than the retention period:
 * names become a placeholder, addresses, circumstances, notes and identity numbers are erased.
 * Counts stay (villages, categories, birth years, visits), so the program's history still adds up.
 * Runs as a script: the audit trail records each change with no user, under the owner's role.
 */
export async function anonymiseExpiredHouseholds(
  db: DataSource | EntityManager,
  today: string,
  years = RETENTION_YEARS,
): Promise<{ households: number; members: number }> {
  return db.transaction(async (em) => {
    const expired: { id: string }[] = await em.query(
      `SELECT h.id FROM households h
        WHERE h.anonymised_at IS NULL
          AND greatest(
                h.updated_at::date,
                (SELECT max(coalesce(c.valid_to, 'infinity'::date)) FROM household_category_periods c WHERE c.household_id = h.id),
                (SELECT make_date(max(r.year), 12, 31) FROM poverty_reviews r WHERE r.household_id = h.id),
                (SELECT max(v.visit_date) FROM visits v WHERE v.household_id = h.id),
                (SELECT max(coalesce(st.done_date, st.planned_date)) FROM support_plans p
                   JOIN support_plan_steps st ON st.support_plan_id = p.id WHERE p.household_id = h.id)
              ) < ($1::date - make_interval(years => $2))::date
        FOR UPDATE OF h`,
      [today, years],
    );
    const ids = expired.map((row) => row.id);
    if (ids.length === 0) return { households: 0, members: 0 };
    const members: unknown[] = await em.query(
      `UPDATE household_members
          SET full_name = $2, citizen_id = NULL, legacy_id_number = NULL,
              version = version + 1, updated_at = now()
        WHERE household_id = ANY($1::uuid[]) RETURNING id`,
      [ids, ANONYMISED_NAME],
    );
    await em.query(
      `UPDATE households
          SET head_name = $2, address = NULL, circumstances = NULL, notes = NULL,
              consent_evidence = NULL, anonymised_at = now(),
              version = version + 1, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids, ANONYMISED_NAME],
    );
    return { households: ids.length, members: members.length };
  });
}
