/**
 * The access policy, written a second time and by hand, role by role, so a reviewer can read it
 * against the README's table ("Access control, audit and personal data"). The IDOR matrix judges
 * the running server against this statement, never against `server/src/common/access-matrix.ts`;
 * `policy-statement.test.ts` fails when the two disagree, so a change of grant takes two deliberate
 * edits: the server's table and this one.
 *
 * Deliberately free of imports from the server: it must not follow the code it checks.
 *
 * - `read` / `write`: `'all'` every record; `'own'` only the user's scope (an agency officer: their
 *   agency and the support groups it runs; a group member: the groups they sit in or lead);
 *   absent: FORBIDDEN.
 * - `masked`: what the role receives instead of a field's value (analysts study the program, not
 *   people): `initials` ("Nguyễn Văn An" → "N. V. A."), `null`, `placeholder` ("(đã ẩn)"),
 *   `stars` (every digit hidden).
 */
export type Role = 'ADMIN' | 'AGENCY_OFFICER' | 'GROUP_MEMBER' | 'ANALYST' | 'VIEWER';
export type Reach = 'all' | 'own';
export type Mask = 'initials' | 'null' | 'placeholder' | 'stars';

export interface Grant {
  read?: Reach;
  write?: Reach;
  masked?: Record<string, Mask>;
}

export const RESOURCES = [
  // Reference data: the program's published documents and lists.
  'AdministrativeUnit',
  'AdministrativeUnitSuccession',
  'Organization',
  'Plan',
  'Memorandum',
  'Commitment',
  'CounterpartResponsibility',
  'PovertyStandard',
  'CriteriaSet',
  'Criterion',
  'CriterionIndicator',
  // A commune's yearly assessment of a rural-development criterion.
  'CriterionAssessment',
  // Program records that the dashboards summarise.
  'InformationRequest',
  'ProgressEntry',
  // An agency's own records.
  'Partnership',
  'SupportGroup',
  'StaffMember',
  'StaffAssignment',
  // Households' personal data.
  'Household',
  'HouseholdMember',
  'HouseholdCategoryPeriod',
  'PovertyReview',
  // A household's temporary house removed as a project, and its budget.
  'HouseProject',
  'HouseProjectFunding',
  // Support work done by groups.
  'Visit',
  'SupportPlan',
  'SupportPlanStep',
  'Aspiration',
  'HalfYearReport',
  // Money.
  'Fund',
  'ContributionRate',
  'Contribution',
  'Donation',
  'Disbursement',
  // Administration.
  'User',
  'AuditEntry',
  'AccessLogEntry',
] as const;
export type Resource = (typeof RESOURCES)[number];

const REFERENCE = [
  'AdministrativeUnit',
  'AdministrativeUnitSuccession',
  'Organization',
  'Plan',
  'Memorandum',
  'Commitment',
  'CounterpartResponsibility',
  'PovertyStandard',
  'CriteriaSet',
  'Criterion',
  'CriterionIndicator',
] as const;
const PROGRAM_RECORDS = ['InformationRequest', 'ProgressEntry'] as const;
const AGENCY_RECORDS = ['Partnership', 'SupportGroup', 'StaffMember', 'StaffAssignment'] as const;
const HOUSEHOLDS = [
  'Household',
  'HouseholdMember',
  'HouseholdCategoryPeriod',
  'PovertyReview',
  'HouseProject',
  'HouseProjectFunding',
] as const;
const GROUP_WORK = [
  'Visit',
  'SupportPlan',
  'SupportPlanStep',
  'Aspiration',
  'HalfYearReport',
] as const;
const MONEY = ['Fund', 'ContributionRate', 'Contribution', 'Donation', 'Disbursement'] as const;

const each = (resources: readonly Resource[], grant: Grant): Partial<Record<Resource, Grant>> =>
  Object.fromEntries(resources.map((resource) => [resource, grant]));

/** ADMIN: everything, but the audit trail and the access log are written only by the system. */
const ADMIN: Partial<Record<Resource, Grant>> = {
  ...each(RESOURCES, { read: 'all', write: 'all' }),
  AuditEntry: { read: 'all' },
  AccessLogEntry: { read: 'all' },
};

/**
 * AGENCY_OFFICER: reads the reference data and program records, reads and writes their agency's
 * partnerships, support groups, staff, fund and the households its groups help.
 */
const AGENCY_OFFICER: Partial<Record<Resource, Grant>> = {
  ...each(REFERENCE, { read: 'all' }),
  ...each(PROGRAM_RECORDS, { read: 'all' }),
  ...each(AGENCY_RECORDS, { read: 'own', write: 'own' }),
  ...each(HOUSEHOLDS, { read: 'own', write: 'own' }),
  ...each(GROUP_WORK, { read: 'own', write: 'own' }),
  ...each(MONEY, { read: 'own', write: 'own' }),
  // Every assessment is read; those of a commune a partnership of the agency helps are written.
  CriterionAssessment: { read: 'all', write: 'own' },
};

/**
 * GROUP_MEMBER: reads their groups' households (and the groups, staff and partnerships around
 * them); writes visits, plans, aspirations and reports of their groups. No money.
 */
const GROUP_MEMBER: Partial<Record<Resource, Grant>> = {
  ...each(REFERENCE, { read: 'all' }),
  ...each(PROGRAM_RECORDS, { read: 'all' }),
  ...each(AGENCY_RECORDS, { read: 'own' }),
  ...each(HOUSEHOLDS, { read: 'own' }),
  ...each(GROUP_WORK, { read: 'own', write: 'own' }),
  CriterionAssessment: { read: 'all' },
};

/**
 * ANALYST: reads everything but accounts and logs, writes nothing; names come as initials,
 * addresses, family circumstances and free text about a family as nothing, IDs fully masked.
 */
const ANALYST: Partial<Record<Resource, Grant>> = {
  ...each(
    RESOURCES.filter((r) => r !== 'User' && r !== 'AuditEntry' && r !== 'AccessLogEntry'),
    { read: 'all' },
  ),
  Household: {
    read: 'all',
    masked: {
      headName: 'initials',
      address: 'null',
      circumstances: 'null',
      notes: 'null',
      consentEvidence: 'null',
    },
  },
  HouseholdMember: {
    read: 'all',
    masked: { fullName: 'initials', citizenIdMasked: 'stars', legacyIdNumberMasked: 'stars' },
  },
  PovertyReview: { read: 'all', masked: { notes: 'null' } },
  Visit: { read: 'all', masked: { findings: 'null' } },
  SupportPlan: {
    read: 'all',
    masked: { title: 'placeholder', measures: 'null', goals: 'null' },
  },
  SupportPlanStep: { read: 'all', masked: { description: 'placeholder' } },
  Aspiration: { read: 'all', masked: { content: 'placeholder', response: 'null' } },
  // Free text about the households a group helps, or money given to them, written by people.
  HalfYearReport: { read: 'all', masked: { narrative: 'null' } },
  Disbursement: {
    read: 'all',
    masked: { description: 'placeholder', eventName: 'null', note: 'null' },
  },
  // The title usually names the family; who received the house is a person of the household.
  HouseProject: {
    read: 'all',
    masked: {
      title: 'placeholder',
      notes: 'null',
      assessmentNotes: 'null',
      handoverReceiver: 'initials',
      handoverNotes: 'null',
    },
  },
  HouseProjectFunding: { read: 'all', masked: { note: 'null' } },
};

/** VIEWER: reference data, the funds' names and totals, and the dashboards' aggregates. */
const VIEWER: Partial<Record<Resource, Grant>> = {
  ...each(REFERENCE, { read: 'all' }),
  Fund: { read: 'all' },
};

export const EXPECTED_ACCESS: Record<Role, Partial<Record<Resource, Grant>>> = {
  ADMIN,
  AGENCY_OFFICER,
  GROUP_MEMBER,
  ANALYST,
  VIEWER,
};

export const expectedGrant = (role: Role, resource: string): Grant =>
  EXPECTED_ACCESS[role][resource as Resource] ?? {};

/** Resources whose answers carry households' personal data (their reads are logged). */
export const PERSONAL: readonly Resource[] = [...HOUSEHOLDS, ...GROUP_WORK].filter(
  (r) => r !== 'HalfYearReport',
);
