const choicesOf = <T extends string>(enumName: string, values: readonly T[]) =>
  values.map((id) => ({ id, name: `enums.${enumName}.${id}` }));

export const COMMITMENT_AREAS = [
  'THEMATIC_SESSIONS',
  'LEGAL_SUPPORT',
  'MASS_ORGANIZATIONS',
  'MARKET_ENVIRONMENT_CRITERIA',
  'TEMPORARY_HOUSE_REMOVAL',
] as const;
export type CommitmentArea = (typeof COMMITMENT_AREAS)[number];

export const PROGRESS_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'OVERDUE'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const commitmentAreaChoices = choicesOf('CommitmentArea', COMMITMENT_AREAS);
export const administrativeLevelChoices = choicesOf('AdministrativeLevel', [
  'PROVINCE',
  'DISTRICT',
  'COMMUNE',
  'VILLAGE',
]);
export const organizationKindChoices = choicesOf('OrganizationKind', [
  'PARTY_COMMITTEE',
  'STATE_AGENCY',
  'PEOPLES_COMMITTEE',
  'MASS_ORGANIZATION',
  'BUSINESS',
  'INDIVIDUAL_DONOR',
  'OTHER',
]);
export const informationTopicChoices = choicesOf('InformationTopic', [
  'COMMUNE_CHARACTERISTICS',
  'POLITICAL_SYSTEM',
  'POLICY_FAMILIES_AND_POOR_HOUSEHOLDS',
  'OTHER',
]);
export const informationRequestStatusChoices = choicesOf('InformationRequestStatus', [
  'DRAFT',
  'SENT',
  'RECEIVED',
  'CANCELLED',
]);

export const TITLE_RANKS = [
  'DIRECTOR',
  'DEPUTY_DIRECTOR',
  'HEAD_OF_DIVISION',
  'DEPUTY_HEAD_OF_DIVISION',
  'CIVIL_SERVANT',
] as const;
export const titleRankChoices = choicesOf('TitleRank', TITLE_RANKS);

export const HOUSEHOLD_NEEDS = [
  'CAPITAL',
  'CULTIVATION',
  'HUSBANDRY',
  'HOUSING',
  'HEALTH',
  'EDUCATION',
  'OTHER',
] as const;
export const householdNeedChoices = choicesOf('HouseholdNeed', HOUSEHOLD_NEEDS);

export const HOUSEHOLD_CATEGORIES = ['POOR', 'NEAR_POOR', 'POLICY_FAMILY'] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];
export const householdCategoryChoices = choicesOf('HouseholdCategory', HOUSEHOLD_CATEGORIES);

export const relationChoices = choicesOf('Relation', [
  'HEAD',
  'SPOUSE',
  'CHILD',
  'PARENT',
  'GRANDCHILD',
  'SIBLING',
  'OTHER',
]);

export const POVERTY_RESULTS = ['POOR', 'NEAR_POOR', 'NOT_POOR'] as const;
export type PovertyResult = (typeof POVERTY_RESULTS)[number];
export const povertyResultChoices = choicesOf('PovertyResult', POVERTY_RESULTS);

export const SUPPORT_PLAN_STATUSES = [
  'DRAFT',
  'REGISTERED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
] as const;
export type SupportPlanStatus = (typeof SUPPORT_PLAN_STATUSES)[number];
export const supportPlanStatusChoices = choicesOf('SupportPlanStatus', SUPPORT_PLAN_STATUSES);

export const ASPIRATION_STATUSES = [
  'RECORDED',
  'FORWARDED',
  'ANSWERED',
  'RESOLVED',
  'DECLINED',
] as const;
export type AspirationStatus = (typeof ASPIRATION_STATUSES)[number];
export const aspirationStatusChoices = choicesOf('AspirationStatus', ASPIRATION_STATUSES);
/** Which status may follow which (the server's lifecycle). */
export const ASPIRATION_TRANSITIONS: Record<AspirationStatus, AspirationStatus[]> = {
  RECORDED: ['FORWARDED'],
  FORWARDED: ['ANSWERED', 'RESOLVED', 'DECLINED'],
  ANSWERED: ['RESOLVED', 'DECLINED'],
  RESOLVED: [],
  DECLINED: [],
};
/** Statuses that need the authority's response and its date. */
export const ANSWERED_STATUSES: readonly AspirationStatus[] = ['ANSWERED', 'RESOLVED', 'DECLINED'];
/** Not yet resolved or declined. */
export const OPEN_ASPIRATION_STATUSES: readonly AspirationStatus[] = [
  'RECORDED',
  'FORWARDED',
  'ANSWERED',
];

export const REPORT_STATUSES = ['DRAFT', 'SUBMITTED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const reportStatusChoices = choicesOf('ReportStatus', REPORT_STATUSES);

/** 1: 6 tháng đầu năm, 2: 6 tháng cuối năm. */
export const halfChoices = [
  { id: 1, name: 'enums.Half.1' },
  { id: 2, name: 'enums.Half.2' },
];

export const DISBURSEMENT_PURPOSES = [
  'MEDICINE',
  'POLICY_FAMILY_GIFTS',
  'POOR_PUPIL_GIFTS',
  'HOUSING',
  'CAPITAL',
  'OTHER',
] as const;
export type DisbursementPurpose = (typeof DISBURSEMENT_PURPOSES)[number];
export const disbursementPurposeChoices = choicesOf('DisbursementPurpose', DISBURSEMENT_PURPOSES);
export const disbursementStatusChoices = choicesOf('DisbursementStatus', [
  'PLANNED',
  'PENDING_APPROVAL',
  'APPROVED',
  'REFUSED',
  'POSTED',
]);
export const donorKindChoices = choicesOf('DonorKind', [
  'INDIVIDUAL',
  'MASS_ORGANIZATION',
  'BUSINESS',
  'OTHER',
]);
export const donationFormChoices = choicesOf('DonationForm', ['CASH', 'IN_KIND']);

export const ROLES = ['ADMIN', 'AGENCY_OFFICER', 'GROUP_MEMBER', 'ANALYST', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];
export const roleChoices = choicesOf('Role', ROLES);

export const LEGAL_BASES = ['STATUTORY_DUTY', 'CONSENT'] as const;
export const legalBasisChoices = choicesOf('LegalBasis', LEGAL_BASES);
export const consentMethodChoices = choicesOf('ConsentMethod', [
  'WRITTEN',
  'ELECTRONIC',
  'RECORDED_VERBAL',
]);

export const AUDIT_OPERATIONS = ['INSERT', 'UPDATE', 'DELETE'] as const;
export const auditOperationChoices = choicesOf('AuditOperation', AUDIT_OPERATIONS);
export const accessActionChoices = choicesOf('AccessAction', ['READ', 'EXPORT', 'REVEAL']);

/** The dashboard's escape figures, as a household list filter. */
export const povertyOutcomeChoices = choicesOf('PovertyOutcomeFilter', [
  'ESCAPED',
  'ESCAPED_SUSTAINABLY',
]);

/** The dashboard's ages of open aspirations, as a list filter. */
export const aspirationAgeChoices = ['0-30', '31-90', '91-180', '180+'].map((id) => ({
  id,
  name: `app.dashboard.age.${id}`,
}));
export const UNIT_MODES = ['AS_THEN', 'TODAY'] as const;
export type UnitMode = (typeof UNIT_MODES)[number];
export const unitModeChoices = choicesOf('UnitMode', UNIT_MODES);
export const successionKindChoices = choicesOf('SuccessionKind', [
  'MERGED_INTO',
  'SPLIT_INTO',
  'RENAMED_AS',
  'ABOLISHED',
]);

export const povertyStandardKindChoices = choicesOf('PovertyStandardKind', [
  'INCOME',
  'MULTIDIMENSIONAL',
]);

export const HOUSE_PROJECT_STAGES = ['SURVEYED', 'APPROVED', 'BUILDING', 'HANDED_OVER'] as const;
export type HouseProjectStage = (typeof HOUSE_PROJECT_STAGES)[number];
export const houseProjectStageChoices = choicesOf('HouseProjectStage', HOUSE_PROJECT_STAGES);
export const houseConditionChoices = choicesOf('HouseCondition', [
  'TEMPORARY',
  'DILAPIDATED',
  'DAMAGED',
  'OTHER',
]);
export const HOUSE_FUNDING_SOURCES = [
  'AGENCY_FUND',
  'DONATION',
  'STATE_PROGRAMME',
  'HOUSEHOLD_OWN',
  'WORKDAYS',
] as const;
export type HouseFundingSource = (typeof HOUSE_FUNDING_SOURCES)[number];
export const houseFundingSourceChoices = choicesOf('HouseFundingSource', HOUSE_FUNDING_SOURCES);
