/**
 * Who may read and write each resource: the one table the server enforces, the admin reads to hide
 * what a role may not do (authProvider.canAccess), and the IDOR test walks cell by cell.
 * Plain data without imports, so the admin bundle can import it as it is.
 *
 * - `all`: every record.
 * - `scoped`: only records of the user's scope: for an agency officer, their organization and the
 *   support groups it runs; for a group member, the support groups they belong to or lead.
 * - absent: refused with FORBIDDEN.
 */
export type RoleName = 'ADMIN' | 'AGENCY_OFFICER' | 'GROUP_MEMBER' | 'ANALYST' | 'VIEWER';
export type Reach = 'all' | 'scoped';
export type Grants = Partial<Record<RoleName, Reach>>;

export interface ResourceAccess {
  read: Grants;
  write: Grants;
  /** Holds personal data of households: reads are written to the access log. */
  personal?: boolean;
}

/** Published program documents and reference lists: everybody signed in reads, the admin writes. */
const reference: ResourceAccess = {
  read: { ADMIN: 'all', AGENCY_OFFICER: 'all', GROUP_MEMBER: 'all', ANALYST: 'all', VIEWER: 'all' },
  write: { ADMIN: 'all' },
};
/** Records of program work that dashboards summarise; viewers see only the summaries. */
const programRecords: ResourceAccess = {
  read: { ADMIN: 'all', AGENCY_OFFICER: 'all', GROUP_MEMBER: 'all', ANALYST: 'all' },
  write: { ADMIN: 'all' },
};
/** An agency's own records: its officers read and write them, group members read theirs. */
const agencyRecords: ResourceAccess = {
  read: { ADMIN: 'all', AGENCY_OFFICER: 'scoped', GROUP_MEMBER: 'scoped', ANALYST: 'all' },
  write: { ADMIN: 'all', AGENCY_OFFICER: 'scoped' },
};
/** Households' personal data: officers of the agency whose groups help them, and those groups. */
const householdData: ResourceAccess = { ...agencyRecords, personal: true };
/** The support work groups do for their households: group members write it too. */
const groupWork: ResourceAccess = {
  ...householdData,
  write: { ADMIN: 'all', AGENCY_OFFICER: 'scoped', GROUP_MEMBER: 'scoped' },
};
/** Money: an agency's fund and ledger belong to its officers; group members do not see it. */
const fundRecords: ResourceAccess = {
  read: { ADMIN: 'all', AGENCY_OFFICER: 'scoped', ANALYST: 'all' },
  write: { ADMIN: 'all', AGENCY_OFFICER: 'scoped' },
};
const adminOnly: ResourceAccess = { read: { ADMIN: 'all' }, write: { ADMIN: 'all' } };

export const ACCESS = {
  AdministrativeUnit: reference,
  AdministrativeUnitSuccession: reference,
  Organization: reference,
  Plan: reference,
  Memorandum: reference,
  Commitment: reference,
  CounterpartResponsibility: reference,
  CriteriaSet: reference,
  Criterion: reference,
  CriterionIndicator: reference,
  // A commune's yearly assessment of a criterion: read by every role but viewers (the dashboard card
  // shows viewers nothing of it); written by administrators, and by the officers of an agency whose
  // partnership helps that commune.
  CriterionAssessment: {
    read: { ADMIN: 'all', AGENCY_OFFICER: 'all', GROUP_MEMBER: 'all', ANALYST: 'all' },
    write: { ADMIN: 'all', AGENCY_OFFICER: 'scoped' },
  },
  InformationRequest: programRecords,
  ProgressEntry: programRecords,
  Partnership: agencyRecords,
  SupportGroup: agencyRecords,
  StaffMember: agencyRecords,
  StaffAssignment: agencyRecords,
  Household: householdData,
  HouseholdMember: householdData,
  HouseholdCategoryPeriod: householdData,
  PovertyReview: householdData,
  PovertyStandard: reference,
  Visit: groupWork,
  SupportPlan: groupWork,
  SupportPlanStep: groupWork,
  Aspiration: groupWork,
  HalfYearReport: { ...groupWork, personal: false },
  // A viewer's fund card needs to name the funds it sums (no entries, no people).
  // A household's house project and its budget: agency work on personal data, as the household's.
  HouseProject: householdData,
  HouseProjectFunding: householdData,
  Fund: { ...fundRecords, read: { ...fundRecords.read, VIEWER: 'all' } },
  ContributionRate: fundRecords,
  Contribution: fundRecords,
  Donation: fundRecords,
  Disbursement: fundRecords,
  User: adminOnly,
  AuditEntry: { read: { ADMIN: 'all' }, write: {} },
  AccessLogEntry: { read: { ADMIN: 'all' }, write: {} },
} satisfies Record<string, ResourceAccess>;

export type ResourceName = keyof typeof ACCESS;

export function reachOf(
  resource: string,
  role: RoleName,
  mode: 'read' | 'write',
): Reach | undefined {
  // NOTE: own keys only: "toString" or "constructor" is no resource (and no crash).
  const access = Object.hasOwn(ACCESS, resource)
    ? (ACCESS as Record<string, ResourceAccess>)[resource]
    : undefined;
  return access?.[mode][role];
}
