/**
 * The first wall of access control: SQL predicates placing a record in an officer's agency or a
 * member's support groups, added to every scoped query by the CRUD layer. They read the request's
 * scope from parameters, not from the database settings row-level security reads, so a mistake in
 * one wall is still caught by the other.
 */
export const SCOPE_ORG = 'CAST(:scopeOrg AS uuid)';
export const SCOPE_GROUPS = 'CAST(:scopeGroups AS uuid[])';

export type ScopeSql = (alias: string) => string;

/** The people sitting in or leading the scope's support groups. */
const GROUP_PEOPLE = `SELECT sm.staff_member_id FROM support_group_members sm
                       WHERE sm.support_group_id = ANY(${SCOPE_GROUPS})
                      UNION ALL
                      SELECT sg.leader_id FROM support_groups sg WHERE sg.id = ANY(${SCOPE_GROUPS})`;

/** Where the scope's groups' links to households are read from: see GROUP_HOUSEHOLDS. */
export const SCOPE_GROUP_LINKS = '"@scope_group_links"';

/**
 * The households the scope's groups help. PERF: an officer's groups almost only help the agency's
 * own households, which the agency's index already finds; listing them again cost a primary-key
 * probe each (277 for one officer, in every list and count). So for an officer the links are only
 * those that cross agencies, which the database keeps (support_group_household_crossings,
 * migration 1796005000000); a member, who has no agency, reads every link of their groups.
 * The table is chosen by the statement's text, not a parameter, so each text keeps one plan.
 */
const GROUP_HOUSEHOLDS = `SELECT sgh.household_id FROM ${SCOPE_GROUP_LINKS} sgh
                           WHERE sgh.support_group_id = ANY(${SCOPE_GROUPS})`;

/**
 * The scope's groups other than the agency's own: none for an officer, whose groups are exactly
 * the agency's (common/context.ts reads them by organization_id); a member's groups. PERF: "the
 * agency's groups, or one of these" probed the groups' primary key once per group of the agency
 * (98 probes for one officer, in each list of groups and in the dashboard's quiet groups).
 */
export const SCOPE_GROUPS_BEYOND_AGENCY = '"@scope_groups_beyond_agency"';

/**
 * Binds the placeholders that depend on who holds the scope (an officer, with an agency, or a
 * member, without), as text: each holder's statement keeps one plan. An unbound placeholder names
 * no table or column, so a statement that missed it fails instead of reading more.
 */
export function bindHolder(sql: string, organizationId: string | null): string {
  return sql
    .replaceAll(
      SCOPE_GROUP_LINKS,
      organizationId ? 'support_group_household_crossings' : 'support_group_households',
    )
    .replaceAll(SCOPE_GROUPS_BEYOND_AGENCY, organizationId ? `'{}'::uuid[]` : SCOPE_GROUPS);
}

const householdRowByGroups = (alias: string) => `${alias}.id = ANY(ARRAY(${GROUP_HOUSEHOLDS}))`;

export const scopes = {
  /** A record of the agency itself (its staff, groups, fund) or, for members, nothing. */
  organization: (column: string) => `${column} = ${SCOPE_ORG}`,
  group: (column: string) => `${column} = ANY(${SCOPE_GROUPS})`,
  /** A support_groups row itself: the agency's, or (for a member) one of the member's groups. */
  groupRow: (alias: string) =>
    `(${alias}.organization_id = ${SCOPE_ORG} OR ${alias}.id = ANY(${SCOPE_GROUPS_BEYOND_AGENCY}))`,
  /**
   * A household the agency is responsible for, or one its groups (the member's groups) help.
   * PERF: `= ANY (ARRAY(SELECT …))` is computed once per statement and is an index condition. The
   * two sources are appended into one array (duplicates do not matter to `= ANY`): OR-ed as two
   * arrays, PostgreSQL read the table through a BitmapOr of two index scans and then its heap,
   * where one array lets a count be an index-only scan (4,871 → 1,550 buffers for an officer's 907
   * reviews at 300,000 households).
   */
  household: (column: string) =>
    `${column} = ANY(ARRAY(SELECT sh.id FROM households sh WHERE sh.organization_id = ${SCOPE_ORG}
                           UNION ALL
                           ${GROUP_HOUSEHOLDS}))`,
  /** The same for a households row itself, reading its own agency column (no self-join). */
  householdRow: (alias: string) =>
    `(${alias}.organization_id = ${SCOPE_ORG} OR ${householdRowByGroups(alias)})`,
  /**
   * The second half of householdRow: a household the scope's groups help (for an officer, only
   * across agencies). An officer's households outside their agency are exactly these: the
   * household dashboard reads the agency's own from figures kept per agency and counts these live.
   */
  householdRowByGroups,
  /** Staff of the agency, and the people sitting in or leading the scope's groups (one array, as above). */
  staff: (column: string) =>
    `${column} = ANY(ARRAY(SELECT ss.id FROM staff_members ss WHERE ss.organization_id = ${SCOPE_ORG}
                           UNION ALL
                           ${GROUP_PEOPLE}))`,
  /**
   * The same for a staff_members row itself, reading its own agency column. PERF: the array above
   * lists every staff member of the agency first; an officer's check of 25 referenced people (a
   * ledger or visit page) spent 1.5 ms building it, 0.16 ms this way.
   */
  staffRow: (alias: string) =>
    `(${alias}.organization_id = ${SCOPE_ORG} OR ${alias}.id = ANY(ARRAY(${GROUP_PEOPLE})))`,
  agencyStaff: (column: string) =>
    `${column} IN (SELECT ss.id FROM staff_members ss WHERE ss.organization_id = ${SCOPE_ORG})`,
  /**
   * PERF: an array, as above, so that it is an index condition: a ledger's list index ends with its
   * fund (migration 1796004000000), and an officer's page tests the fund there instead of reading
   * every agency's rows.
   */
  fund: (column: string) =>
    `${column} = ANY(ARRAY(SELECT sf.id FROM funds sf WHERE sf.organization_id = ${SCOPE_ORG}))`,
  /** Partnerships the agency sponsors, and those the scope's groups work in. */
  partnership: (column: string) =>
    `(${column} IN (SELECT sp.partnership_id FROM partnership_sponsors sp WHERE sp.organization_id = ${SCOPE_ORG})
      OR ${column} IN (SELECT sg.partnership_id FROM support_groups sg WHERE sg.id = ANY(${SCOPE_GROUPS})))`,
  /** Communes one of the agency's partnerships helps (it sponsors the partnership). */
  sponsoredCommune: (column: string) =>
    `${column} IN (SELECT sp.commune_id FROM partnerships sp
                    JOIN partnership_sponsors sps ON sps.partnership_id = sp.id
                   WHERE sps.organization_id = ${SCOPE_ORG})`,
  supportPlan: (column: string) =>
    `${column} IN (SELECT sp.id FROM support_plans sp WHERE sp.group_id = ANY(${SCOPE_GROUPS}))`,
};
