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
