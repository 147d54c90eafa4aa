/**
 * A group has gone quiet when none of its members visited any of its households in the last six
 * months. The dashboard counts these groups and its figure opens the list filtered by the very
 * same condition.
 */
export const QUIET_MONTHS = 6;

export function withoutRecentVisitSql(groupAlias: string, today: string): string {
  return `NOT EXISTS (SELECT 1 FROM visits v WHERE v.group_id = ${groupAlias}.id
                        AND v.visit_date > ${today} - interval '${QUIET_MONTHS} months')`;
}
