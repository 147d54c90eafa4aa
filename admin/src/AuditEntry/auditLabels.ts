/**
 * How the audit trail's database names read in the admin: each audited table belongs to a
 * resource (a link table to the resource it lists things of), and `snake_case` columns are the
 * resource's `camelCase` fields. Tables as in server/src/db/migrations/*-row-security-and-audit.ts.
 */
export const TABLE_RESOURCES: Record<string, string> = {
  administrative_units: 'AdministrativeUnit',
  organizations: 'Organization',
  plans: 'Plan',
  partnerships: 'Partnership',
  partnership_sponsors: 'Partnership',
  information_requests: 'InformationRequest',
  information_request_recipients: 'InformationRequest',
  memoranda: 'Memorandum',
  memorandum_parties: 'Memorandum',
  counterpart_responsibilities: 'CounterpartResponsibility',
  commitments: 'Commitment',
  progress_entries: 'ProgressEntry',
  users: 'User',
  staff_members: 'StaffMember',
  staff_assignments: 'StaffAssignment',
  households: 'Household',
  household_members: 'HouseholdMember',
  household_category_periods: 'HouseholdCategoryPeriod',
  poverty_reviews: 'PovertyReview',
  poverty_standards: 'PovertyStandard',
  support_groups: 'SupportGroup',
  support_group_members: 'SupportGroup',
  support_group_households: 'SupportGroup',
  support_plans: 'SupportPlan',
  support_plan_steps: 'SupportPlanStep',
  visits: 'Visit',
  visit_participants: 'Visit',
  aspirations: 'Aspiration',
  half_year_reports: 'HalfYearReport',
  funds: 'Fund',
  contribution_rates: 'ContributionRate',
  contributions: 'Contribution',
  donations: 'Donation',
  disbursements: 'Disbursement',
  disbursement_households: 'Disbursement',
  disbursement_members: 'Disbursement',
  criteria_sets: 'CriteriaSet',
  criteria: 'Criterion',
  criterion_indicators: 'CriterionIndicator',
  commitment_criteria: 'Commitment',
  criterion_assessments: 'CriterionAssessment',
  house_projects: 'HouseProject',
  house_project_fundings: 'HouseProjectFunding',
};

/** Link tables: a change to one is a change to the list of the record it belongs to. */
export const LINK_TABLES = new Set([
  'partnership_sponsors',
  'information_request_recipients',
  'memorandum_parties',
  'support_group_members',
  'support_group_households',
  'visit_participants',
  'disbursement_households',
  'disbursement_members',
  'commitment_criteria',
]);

/** Columns holding the id of a record of another resource, shown by that record's name. */
export const REFERENCE_COLUMNS: Record<string, string> = {
  organization_id: 'Organization',
  administrative_unit_id: 'AdministrativeUnit',
  village_id: 'AdministrativeUnit',
  commune_id: 'AdministrativeUnit',
  parent_id: 'AdministrativeUnit',
  issuer_id: 'Organization',
  authority_id: 'Organization',
  responsible_organization_id: 'Organization',
  donor_organization_id: 'Organization',
  plan_id: 'Plan',
  partnership_id: 'Partnership',
  memorandum_id: 'Memorandum',
  information_request_id: 'InformationRequest',
  commitment_id: 'Commitment',
  staff_member_id: 'StaffMember',
  leader_id: 'StaffMember',
  household_id: 'Household',
  household_member_id: 'HouseholdMember',
  group_id: 'SupportGroup',
  support_group_id: 'SupportGroup',
  support_plan_id: 'SupportPlan',
  visit_id: 'Visit',
  fund_id: 'Fund',
  disbursement_id: 'Disbursement',
  submitted_by_id: 'User',
  reopened_by_id: 'User',
  posted_by_id: 'User',
  recorded_by_id: 'User',
  criteria_set_id: 'CriteriaSet',
  criterion_id: 'Criterion',
  predecessor_id: 'Criterion',
  project_id: 'HouseProject',
  donation_id: 'Donation',
  progress_entry_id: 'ProgressEntry',
  surveyed_recorded_by_id: 'User',
  approved_recorded_by_id: 'User',
  building_recorded_by_id: 'User',
  handed_over_recorded_by_id: 'User',
};

/** The column of a ledger entry naming the entry it reverses, in the same table. */
export const SAME_TABLE_REFERENCE_COLUMNS = new Set(['reverses_id']);

/** Bookkeeping columns left out of an insert's or delete's list of values. */
export const BOOKKEEPING_COLUMNS = new Set(['id', 'version', 'created_at', 'updated_at']);

export const camelCase = (column: string) =>
  column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Where a column's label is looked up, in order: the resource's field, then the shared field
 * names of the error messages. test/audit-labels.test.ts holds every audited column to having one.
 */
export const columnLabelKeys = (tableName: string, column: string): string[] => {
  const field = camelCase(column);
  return [`resources.${TABLE_RESOURCES[tableName]}.fields.${field}`, `errors.fields.${field}`];
};

/** Columns holding whole đồng (bigint in the database), shown as `1.500.000 ₫`. */
export const MONEY_COLUMNS = new Set([
  'amount',
  'monthly_amount',
  'unit_amount',
  'cost',
  'estimated_cost',
]);

/** Columns holding an enum value (or a list of them), by the enum whose labels they read. */
const ENUM_COLUMNS: Record<string, string> = {
  role: 'Role',
  legal_basis: 'LegalBasis',
  consent_method: 'ConsentMethod',
  needs: 'HouseholdNeed',
  relation: 'Relation',
  result: 'PovertyResult',
  category: 'HouseholdCategory',
  title_rank: 'TitleRank',
  area: 'CommitmentArea',
  kind: 'OrganizationKind',
  level: 'AdministrativeLevel',
  topic: 'InformationTopic',
  purpose: 'DisbursementPurpose',
  donor_kind: 'DonorKind',
  form: 'DonationForm',
  half: 'Half',
  stage: 'HouseProjectStage',
  house_condition: 'HouseCondition',
  source: 'HouseFundingSource',
};

/** `status` means a different lifecycle in each table. */
const STATUS_ENUMS: Record<string, string> = {
  aspirations: 'AspirationStatus',
  support_plans: 'SupportPlanStatus',
  half_year_reports: 'ReportStatus',
  disbursements: 'DisbursementStatus',
  information_requests: 'InformationRequestStatus',
};

export const enumOfColumn = (tableName: string, column: string): string | undefined =>
  column === 'status' ? STATUS_ENUMS[tableName] : ENUM_COLUMNS[column];
