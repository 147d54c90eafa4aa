import { Initial1795821613429 } from './1795821613429-initial';
import { CommitmentProgressSummary1795822497347 } from './1795822497347-commitment-progress-summary';
import { HouseholdsAndGroups1795823232118 } from './1795823232118-households-and-groups';
import { FundLedger1795824276211 } from './1795824276211-fund-ledger';
import { HalfYearReportSupport1795827543878 } from './1795827543878-half-year-report-support';
import { AccessControl1795834770534 } from './1795834770534-access-control';
import { RowSecurityAndAudit1795834800000 } from './1795834800000-row-security-and-audit';
import { HouseholdRetention1795835000000 } from './1795835000000-household-retention';
import { VietnameseSortIndexes1795835100000 } from './1795835100000-vietnamese-sort-indexes';
import { LoginThrottles1795836523615 } from './1795836523615-login-throttles';
import { LedgerHiddenFromViewers1795837000000 } from './1795837000000-ledger-hidden-from-viewers';
import { LedgerIdempotencyKeys1795948519307 } from './1795948519307-ledger-idempotency-keys';
import { CitizenIdsUniqueWithinScope1795951517617 } from './1795951517617-citizen-ids-unique-within-scope';
import { AccountsBehindTheWall1795960000000 } from './1795960000000-accounts-behind-the-wall';
import { ReadinessReadsMigrations1795970000000 } from './1795970000000-readiness-reads-migrations';
import { PoliciesThePlannerCanUse1795980000000 } from './1795980000000-policies-the-planner-can-use';
import { PovertyOutcomesKeptByTheDatabase1795981000000 } from './1795981000000-poverty-outcomes-kept-by-the-database';
import { SearchByTrigramIndex1795982000000 } from './1795982000000-search-by-trigram-index';
import { ListOrderIndexes1795983000000 } from './1795983000000-list-order-indexes';
import { RowCountsKeptByTheDatabase1795984000000 } from './1795984000000-row-counts-kept-by-the-database';
import { FundDailyMoves1795985000000 } from './1795985000000-fund-daily-moves';
import { CategoryDailyMoves1795986000000 } from './1795986000000-category-daily-moves';
import { HouseholdImportBatches1795990000000 } from './1795990000000-household-import-batches';
import { AdministrativeUnitSuccessions1795991000000 } from './1795991000000-administrative-unit-successions';
import { ReviewsDriveCategories1795994000000 } from './1795994000000-reviews-drive-categories';
import { TwoPersonApproval1795995000000 } from './1795995000000-two-person-approval';
import { RuralDevelopmentCriteria1795992000000 } from './1795992000000-rural-development-criteria';
import { HouseProjects1795993000000 } from './1795993000000-house-projects';
import { SearchHouseholdsByPlace1795987130000 } from './1795987130000-search-households-by-place';
import { DeriveCategoryPeriodsClosesFirst1795997000000 } from './1795997000000-derive-category-periods-closes-first';
import { GroupLastVisitsKeptByTheDatabase1795996000000 } from './1795996000000-group-last-visits-kept-by-the-database';
import { FundDuesKeptByTheDatabase1795998000000 } from './1795998000000-fund-dues-kept-by-the-database';
import { HouseholdFiguresByVillage1795999000000 } from './1795999000000-household-figures-by-village';
import { ScopeIdsByIndexOnly1796001000000 } from './1796001000000-scope-ids-by-index-only';
import { FundTotals1796002000000 } from './1796002000000-fund-totals';
import { SessionTouchNeverWaits1796003000000 } from './1796003000000-session-touch-never-waits';
import { LedgerPageByFundInOrder1796004000000 } from './1796004000000-ledger-page-by-fund-in-order';
import { CrossAgencyGroupLinks1796005000000 } from './1796005000000-cross-agency-group-links';
import { ChildPoliciesHashTheirHouseholds1796006000000 } from './1796006000000-child-policies-hash-their-households';
import { UnitChoicesInNameOrder1796007000000 } from './1796007000000-unit-choices-in-name-order';
import { SearchBehindRowSecurity1796008000000 } from './1796008000000-search-behind-row-security';
import { PeriodMovesByCoveringIndex1796009000000 } from './1796009000000-period-moves-by-covering-index';
import { HouseholdFiguresByAgency1796010000000 } from './1796010000000-household-figures-by-agency';

/** Every migration, in order. Listed explicitly so the compiled server and the tests load the same set. */
export const migrations = [
  Initial1795821613429,
  CommitmentProgressSummary1795822497347,
  HouseholdsAndGroups1795823232118,
  FundLedger1795824276211,
  HalfYearReportSupport1795827543878,
  AccessControl1795834770534,
  RowSecurityAndAudit1795834800000,
  HouseholdRetention1795835000000,
  VietnameseSortIndexes1795835100000,
  LoginThrottles1795836523615,
  LedgerHiddenFromViewers1795837000000,
  LedgerIdempotencyKeys1795948519307,
  CitizenIdsUniqueWithinScope1795951517617,
  AccountsBehindTheWall1795960000000,
  ReadinessReadsMigrations1795970000000,
  PoliciesThePlannerCanUse1795980000000,
  PovertyOutcomesKeptByTheDatabase1795981000000,
  SearchByTrigramIndex1795982000000,
  ListOrderIndexes1795983000000,
  RowCountsKeptByTheDatabase1795984000000,
  FundDailyMoves1795985000000,
  CategoryDailyMoves1795986000000,
  SearchHouseholdsByPlace1795987130000,
  HouseholdImportBatches1795990000000,
  AdministrativeUnitSuccessions1795991000000,
  RuralDevelopmentCriteria1795992000000,
  HouseProjects1795993000000,
  ReviewsDriveCategories1795994000000,
  TwoPersonApproval1795995000000,
  GroupLastVisitsKeptByTheDatabase1795996000000,
  DeriveCategoryPeriodsClosesFirst1795997000000,
  FundDuesKeptByTheDatabase1795998000000,
  HouseholdFiguresByVillage1795999000000,
  ScopeIdsByIndexOnly1796001000000,
  FundTotals1796002000000,
  SessionTouchNeverWaits1796003000000,
  LedgerPageByFundInOrder1796004000000,
  CrossAgencyGroupLinks1796005000000,
  ChildPoliciesHashTheirHouseholds1796006000000,
  UnitChoicesInNameOrder1796007000000,
  SearchBehindRowSecurity1796008000000,
  PeriodMovesByCoveringIndex1796009000000,
  HouseholdFiguresByAgency1796010000000,
];
