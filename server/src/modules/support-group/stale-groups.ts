/**
 * A group has gone quiet when none of its members visited any of its households in the last six
 * months. The dashboard counts these groups and its figure opens the list filtered by the very
 * same condition.
 */
export const QUIET_MONTHS = 6;

/**
 * Reads each group's last visit as the database keeps it (support_group_last_visits, migration
 * 1795996000000), not the visits themselves: the figure stays an index range at any scale.
 */
export function withoutRecentVisitSql(groupAlias: string, today: string): string {
  return `NOT EXISTS (SELECT 1 FROM support_group_last_visits lv WHERE lv.group_id = ${groupAlias}.id
                        AND ${visitedRecentlySql('lv', today)})`;
}

/**
 * A kept last visit (`support_group_last_visits` row) inside the quiet window.
 * PERF: the bound is a date (a date less months is midnight of a date, so the same bound): date >
 * timestamp is not leakproof, so under row-level security it filtered every kept row (60 ms at
 * 30,000 groups) instead of being a range of the date index.
 */
export function visitedRecentlySql(lastVisitAlias: string, today: string): string {
  return `${lastVisitAlias}.last_visit_date > (${today} - interval '${QUIET_MONTHS} months')::date`;
}
