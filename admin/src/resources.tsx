import type { ReactNode } from 'react';
import { AccessDenied, CanAccess, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import AccessLogEntry from './AccessLogEntry';
import AdministrativeUnit from './AdministrativeUnit';
import AdministrativeUnitSuccession from './AdministrativeUnitSuccession';
import Aspiration from './Aspiration';
import AuditEntry from './AuditEntry';
import { BreachReportPage } from './BreachReport/BreachReportPage';
import { CitizenIdDuplicatesPage } from './CitizenIdDuplicates/CitizenIdDuplicatesPage';
import Commitment from './Commitment';
import CriteriaSet from './CriteriaSet';
import Criterion from './Criterion';
import CriterionAssessment from './CriterionAssessment';
import CriterionIndicator from './CriterionIndicator';
import Contribution from './Contribution';
import { MonthDuesPage } from './Contribution/MonthDuesPage';
import { ReportsPage } from './HalfYearReport/ReportsPage';
import ContributionRate from './ContributionRate';
import CounterpartResponsibility from './CounterpartResponsibility';
import Disbursement from './Disbursement';
import { ApprovalQueuePage } from './Disbursement/ApprovalQueuePage';
import Donation from './Donation';
import Fund from './Fund';
import HalfYearReport from './HalfYearReport';
import Household from './Household';
import HouseholdCategoryPeriod from './HouseholdCategoryPeriod';
import HouseholdMember from './HouseholdMember';
import HouseProject from './HouseProject';
import HouseProjectFunding from './HouseProjectFunding';
import InformationRequest from './InformationRequest';
import Memorandum from './Memorandum';
import Organization from './Organization';
import Partnership from './Partnership';
import Plan from './Plan';
import PovertyReview from './PovertyReview';
import PovertyStandard from './PovertyStandard';
import ProgressEntry from './ProgressEntry';
import StaffAssignment from './StaffAssignment';
import StaffMember from './StaffMember';
import SupportGroup from './SupportGroup';
import SupportPlan from './SupportPlan';
import SupportPlanStep from './SupportPlanStep';
import User from './User';
import Visit from './Visit';

/** A page that is not a resource, opened only by roles the access matrix lets use it. */
const Page = ({ name, children }: { name: string; children: ReactNode }) => (
  <CanAccess action="list" resource={name} accessDenied={<AccessDenied />}>
    {children}
  </CanAccess>
);

/**
 * Every resource and page of the admin. Loaded only once someone has signed in (see App.tsx): the
 * sign-in page needs none of it.
 */
export const resources = (
  <>
    <Resource {...Plan} />
    <Resource {...Partnership} />
    <Resource {...InformationRequest} />
    <Resource {...Memorandum} />
    <Resource {...Commitment} />
    <Resource {...CriterionAssessment} />
    <Resource {...CriteriaSet} />
    <Resource {...Criterion} />
    <Resource {...CriterionIndicator} />
    <Resource {...ProgressEntry} />
    <Resource {...CounterpartResponsibility} />
    <Resource {...SupportGroup} />
    <Resource {...Visit} />
    <Resource {...HalfYearReport} />
    <CustomRoutes>
      <Route
        path="/reports"
        element={
          <Page name="reports">
            <ReportsPage />
          </Page>
        }
      />
    </CustomRoutes>
    <Resource {...Household} />
    <Resource {...HouseholdMember} />
    <Resource {...HouseholdCategoryPeriod} />
    <Resource {...PovertyReview} />
    <Resource {...PovertyStandard} />
    <Resource {...SupportPlan} />
    <Resource {...SupportPlanStep} />
    <Resource {...Aspiration} />
    <Resource {...HouseProject} />
    <Resource {...HouseProjectFunding} />
    <Resource {...Fund} />
    <Resource {...ContributionRate} />
    <Resource {...Contribution} />
    <Resource {...Donation} />
    <Resource {...Disbursement} />
    <CustomRoutes>
      <Route
        path="/dues"
        element={
          <Page name="dues">
            <MonthDuesPage />
          </Page>
        }
      />
      <Route
        path="/approvals"
        element={
          <Page name="approvals">
            <ApprovalQueuePage />
          </Page>
        }
      />
    </CustomRoutes>
    <Resource {...StaffMember} />
    <Resource {...StaffAssignment} />
    <Resource {...AdministrativeUnit} />
    <Resource {...AdministrativeUnitSuccession} />
    <Resource {...Organization} />
    <Resource {...User} />
    <Resource {...AuditEntry} />
    <Resource {...AccessLogEntry} />
    <CustomRoutes>
      <Route
        path="/breach-report"
        element={
          <Page name="breach-report">
            <BreachReportPage />
          </Page>
        }
      />
      <Route
        path="/citizen-id-duplicates"
        element={
          <Page name="citizen-id-duplicates">
            <CitizenIdDuplicatesPage />
          </Page>
        }
      />
    </CustomRoutes>
  </>
);
