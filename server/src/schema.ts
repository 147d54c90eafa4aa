import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './common/auth';
import { applyDirectResolvers, readPlainFieldsDirectly } from './common/direct-resolvers';
import { guardNestedReads } from './common/nested-access';
import { guardPersonalData } from './common/personal-data';
import { administrativeUnitResolvers } from './modules/administrative-unit/administrative-unit.resolver';
import { commitmentResolvers } from './modules/commitment/commitment.resolver';
import { criteriaResolvers } from './modules/criteria/criteria.resolver';
import { informationRequestResolvers } from './modules/information-request/information-request.resolver';
import { memorandumResolvers } from './modules/memorandum/memorandum.resolver';
import { organizationResolvers } from './modules/organization/organization.resolver';
import { partnershipResolvers } from './modules/partnership/partnership.resolver';
import { planResolvers } from './modules/plan/plan.resolver';
import { AuthResolver } from './modules/user/auth.resolver';
import { userResolvers } from './modules/user/user.resolver';
import { auditResolvers } from './modules/audit/audit.resolver';
import { aspirationResolvers } from './modules/aspiration/aspiration.resolver';
import { halfYearReportResolvers } from './modules/half-year-report/half-year-report.resolver';
import { fundResolvers } from './modules/fund/fund.resolver';
import { householdResolvers } from './modules/household/household.resolver';
import { householdImportResolvers } from './modules/household/household-import.resolver';
import { staffResolvers } from './modules/staff/staff.resolver';
import { supportGroupResolvers } from './modules/support-group/support-group.resolver';
import { supportPlanResolvers } from './modules/support-plan/support-plan.resolver';
import { visitResolvers } from './modules/visit/visit.resolver';
import { houseProjectResolvers } from './modules/house-project/house-project.resolver';
import { reportDocumentResolvers } from './modules/report-document/report-document.resolver';

export const resolvers = [
  AuthResolver,
  ...administrativeUnitResolvers,
  ...organizationResolvers,
  ...planResolvers,
  ...partnershipResolvers,
  ...informationRequestResolvers,
  ...memorandumResolvers,
  ...commitmentResolvers,
  ...criteriaResolvers,
  ...staffResolvers,
  ...supportGroupResolvers,
  ...householdResolvers,
  ...householdImportResolvers,
  ...supportPlanResolvers,
  ...visitResolvers,
  ...aspirationResolvers,
  ...halfYearReportResolvers,
  ...fundResolvers,
  ...userResolvers,
  ...auditResolvers,
  ...reportDocumentResolvers,
  ...houseProjectResolvers,
] as unknown as NonEmptyArray<Function>;

let schema: GraphQLSchema | null = null;

/** The one GraphQL schema; `npm run schema:emit` prints it to schema.graphql. */
export function getSchema(): GraphQLSchema {
  schema ??= guardPersonalData(
    guardNestedReads(
      readPlainFieldsDirectly(
        applyDirectResolvers(
          buildSchemaSync({
            resolvers,
            authChecker,
            authMode: 'error',
            validate: false,
            emitSchemaFile: false,
          }),
        ),
      ),
    ),
  );
  return schema;
}
