import { AccessLogEntry, AuditEntry } from '../modules/audit/audit.entity';
import { AdministrativeUnit } from '../modules/administrative-unit/administrative-unit.entity';
import { AdministrativeUnitSuccession } from '../modules/administrative-unit/administrative-unit-succession.entity';
import {
  Commitment,
  CommitmentProgress,
  ProgressEntry,
} from '../modules/commitment/commitment.entity';
import {
  InformationRequest,
  InformationRequestRecipient,
} from '../modules/information-request/information-request.entity';
import {
  CounterpartResponsibility,
  Memorandum,
  MemorandumParty,
} from '../modules/memorandum/memorandum.entity';
import { Organization } from '../modules/organization/organization.entity';
import { Partnership, PartnershipSponsor } from '../modules/partnership/partnership.entity';
import { Plan } from '../modules/plan/plan.entity';
import {
  CommitmentCriterion,
  CriteriaSet,
  Criterion,
  CriterionAssessment,
  CriterionIndicator,
} from '../modules/criteria/criteria.entity';
import { Session, User } from '../modules/user/user.entity';
import { LoginThrottle } from '../modules/user/login-throttle.entity';
import { Aspiration } from '../modules/aspiration/aspiration.entity';
import { HalfYearReport } from '../modules/half-year-report/half-year-report.entity';
import {
  Household,
  HouseholdCategoryPeriod,
  HouseholdMember,
  PovertyReview,
} from '../modules/household/household.entity';
import { ImportBatch } from '../modules/household/import-batch.entity';
import { PovertyStandard } from '../modules/household/poverty-standard.entity';
import { HouseProject, HouseProjectFunding } from '../modules/house-project/house-project.entity';
import { StaffAssignment, StaffMember } from '../modules/staff/staff.entity';
import {
  SupportGroup,
  SupportGroupHousehold,
  SupportGroupMember,
} from '../modules/support-group/support-group.entity';
import { SupportPlan, SupportPlanStep } from '../modules/support-plan/support-plan.entity';
import { Visit, VisitParticipant } from '../modules/visit/visit.entity';
import {
  Contribution,
  ContributionRate,
  Disbursement,
  DisbursementHousehold,
  DisbursementMember,
  Donation,
  Fund,
} from '../modules/fund/fund.entity';

export const entities = [
  AdministrativeUnit,
  AdministrativeUnitSuccession,
  Organization,
  Plan,
  Partnership,
  PartnershipSponsor,
  InformationRequest,
  InformationRequestRecipient,
  Memorandum,
  MemorandumParty,
  CounterpartResponsibility,
  Commitment,
  ProgressEntry,
  CommitmentProgress,
  User,
  Session,
  StaffMember,
  StaffAssignment,
  Household,
  HouseholdMember,
  HouseholdCategoryPeriod,
  ImportBatch,
  PovertyStandard,
  PovertyReview,
  SupportGroup,
  SupportGroupMember,
  SupportGroupHousehold,
  SupportPlan,
  SupportPlanStep,
  Visit,
  VisitParticipant,
  Aspiration,
  HalfYearReport,
  Fund,
  ContributionRate,
  Contribution,
  Donation,
  Disbursement,
  DisbursementHousehold,
  DisbursementMember,
  AuditEntry,
  AccessLogEntry,
  LoginThrottle,
  CriteriaSet,
  Criterion,
  CriterionIndicator,
  CommitmentCriterion,
  CriterionAssessment,
  HouseProject,
  HouseProjectFunding,
];
