import type { IntrospectionInputObjectType, IntrospectionInputTypeRef } from 'graphql';
import buildGraphQLProvider, { buildQueryFactory, buildVariables } from 'ra-data-graphql-simple';
import type { DataProvider, GetListParams, Identifier } from 'react-admin';
import introspection from 'virtual:graphql-introspection';
import { adminOperations, type AdminOperations } from './adminOperations';
import { apolloLink } from './apolloLink';
import { GRAPHQL_URI, graphqlRequest } from './graphqlRequest';
import { serverError } from './serverErrors';
import type { HouseholdOverview, UnitChoice } from '../dashboard/householdOverview';
import { fundOperations, type FundOperations } from '../Fund/fundOperations';
import type { MemorandumProgress } from '../Memorandum/progress';

/** A half-year report as the report actions return it. */
export interface HalfYearReportRecord {
  id: Identifier;
  status: 'DRAFT' | 'SUBMITTED';
  version: number;
  [field: string]: unknown;
}

export interface AppDataProvider extends DataProvider, FundOperations, AdminOperations {
  memorandumProgress(memorandumId: Identifier): Promise<MemorandumProgress>;
  /** The households figures, of one administrative unit as it was or as today's unit. */
  householdOverview(unit?: UnitChoice): Promise<HouseholdOverview>;
  /** Recounts a draft report's figures from the records of its period. */
  refreshHalfYearReport(id: Identifier): Promise<HalfYearReportRecord>;
  /** Submits a draft report; it is then locked. */
  submitHalfYearReport(id: Identifier, version?: number): Promise<HalfYearReportRecord>;
  /** Reopens a submitted report, saying why. */
  reopenHalfYearReport(id: Identifier, reason: string): Promise<HalfYearReportRecord>;
}

const MEMORANDUM_PROGRESS = `query MemorandumProgress($id: ID!) {
  memorandumProgress(memorandumId: $id) {
    percent
    memorandum { id title }
    areas {
      area commitmentCount completedCount targetQuantity achievedQuantity percent status
      commitments { id title status achievedQuantity targetQuantity targetUnit }
    }
  }
}`;

const HOUSEHOLD_OVERVIEW = `query HouseholdOverview($unitId: ID, $unitMode: UnitMode) {
  householdOverview(unitId: $unitId, unitMode: $unitMode) {
    householdCount
    byCategory { category count }
    escapedCount
    escapedSustainablyCount
    groupsWithoutRecentVisitCount
    groupsWithoutRecentVisit { id name }
    openAspirationCount
    openAspirationsByAge { bucket count }
    byCategoryOverYears { year category count }
  }
}`;

const REPORT_FIELDS = `id groupId year half status narrative version visitCount householdsVisited
  planStepsDone aspirationsRelayed aspirationsResolved submittedAt submittedById reopenedAt
  reopenedById reopenReason createdAt updatedAt`;
const REFRESH_REPORT = `mutation RefreshHalfYearReport($id: ID!) {
  refreshHalfYearReport(id: $id) { ${REPORT_FIELDS} }
}`;
const SUBMIT_REPORT = `mutation SubmitHalfYearReport($id: ID!, $version: Int) {
  submitHalfYearReport(id: $id, version: $version) { ${REPORT_FIELDS} }
}`;
const REOPEN_REPORT = `mutation ReopenHalfYearReport($id: ID!, $reason: String!) {
  reopenHalfYearReport(id: $id, reason: $reason) { ${REPORT_FIELDS} }
}`;

/** One custom operation through plain fetch, its failure translated like the provider's own. */
const custom = <T, K extends keyof T>(
  resource: string,
  query: string,
  key: K,
  variables?: Record<string, unknown>,
): Promise<T[K]> =>
  graphqlRequest<T>(query, variables).then(
    (data) => data[key],
    (error: unknown) => {
      throw serverError(error, resource, variables);
    },
  );

type ReportResult<K extends string> = Record<K, HalfYearReportRecord>;

const isListType = (type: IntrospectionInputTypeRef): boolean =>
  type.kind === 'LIST' || (type.kind === 'NON_NULL' && isListType(type.ofType));

/**
 * NOTE: ra-data-graphql-simple wraps a filter value in a list when the record has a list field of
 * the same name (`Household.needs`), while the server's filter takes one value (`needs: CAPITAL`
 * = households needing capital). A list given to a single-valued filter input is unwrapped.
 */
const buildVariablesForServerFilters: typeof buildVariables = (introspectionResults) => {
  const build = buildVariables(introspectionResults);
  return (resource, fetchType, params, queryType) => {
    const variables = build(resource, fetchType, params, queryType) as {
      filter?: Record<string, unknown>;
    };
    const filterType = introspectionResults.types.find(
      (type) => type.name === `${resource.type.name}Filter`,
    );
    // A delete names the version the user saw, so a record changed meanwhile is not deleted blind.
    const previous = (params as { previousData?: { version?: unknown } }).previousData;
    if (fetchType === 'DELETE' && variables && typeof previous?.version === 'number')
      (variables as Record<string, unknown>).version = previous.version;
    if (variables?.filter && filterType?.kind === 'INPUT_OBJECT') {
      for (const field of filterType.inputFields) {
        const value = variables.filter[field.name];
        if (Array.isArray(value) && !isListType(field.type))
          variables.filter[field.name] = value[0];
      }
    }
    return variables;
  };
};

const graphqlProvider = buildGraphQLProvider({
  clientOptions: { uri: GRAPHQL_URI, credentials: 'same-origin', link: apolloLink },
  introspection: { schema: introspection.__schema },
  buildQuery: buildQueryFactory(buildVariablesForServerFilters),
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filter fields that take a moment (DateTimeISO), by filter type: `at_gte`, `at_lte`… */
const momentFilterFields = new Map(
  introspection.__schema.types
    .filter((type) => type.kind === 'INPUT_OBJECT' && type.name.endsWith('Filter'))
    .map((type) => [
      type.name,
      new Set(
        (type as IntrospectionInputObjectType).inputFields
          .filter((field) => namedType(field.type) === 'DateTimeISO')
          .map((field) => field.name),
      ),
    ]),
);

function namedType(type: IntrospectionInputTypeRef): string {
  return type.kind === 'NON_NULL' || type.kind === 'LIST' ? namedType(type.ofType) : type.name;
}

/**
 * A day picked in a date filter of a moment (`at_gte: 2025-03-01`) means the whole day in Vietnam:
 * from its first to its last millisecond, Indochina time.
 */
function withMomentRanges(resource: string, filter: Record<string, unknown> | undefined) {
  const fields = momentFilterFields.get(`${resource}Filter`);
  if (!filter || !fields?.size) return filter;
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => {
      if (!fields.has(key) || typeof value !== 'string' || !DAY.test(value)) return [key, value];
      return [key, `${value}T${key.endsWith('_lte') ? '23:59:59.999' : '00:00:00.000'}+07:00`];
    }),
  );
}

/** Rejects with a translated error; create and update also hand the form its field errors. */
function translated<P, R>(
  call: (resource: string, params: P) => Promise<R>,
  formValuesOf?: (params: NoInfer<P>) => Record<string, unknown>,
) {
  return (resource: string, params: P) =>
    call(resource, params).catch((error: unknown) => {
      throw serverError(error, resource, formValuesOf?.(params));
    });
}

const dataOf = (params: { data: object }) => params.data as Record<string, unknown>;

export const dataProvider: AppDataProvider = {
  getList: translated((resource, params: GetListParams) =>
    graphqlProvider.getList(resource, {
      ...params,
      filter: withMomentRanges(resource, params.filter as Record<string, unknown> | undefined),
    }),
  ),
  getOne: translated(graphqlProvider.getOne),
  getMany: translated(graphqlProvider.getMany),
  getManyReference: translated(graphqlProvider.getManyReference),
  create: translated(graphqlProvider.create, dataOf),
  update: translated(graphqlProvider.update, dataOf),
  updateMany: translated(graphqlProvider.updateMany),
  delete: translated(graphqlProvider.delete),
  deleteMany: translated(graphqlProvider.deleteMany),
  ...fundOperations,
  ...adminOperations,
  memorandumProgress: (memorandumId) =>
    graphqlRequest<{ memorandumProgress: MemorandumProgress }>(MEMORANDUM_PROGRESS, {
      id: memorandumId,
    }).then(
      (data) => data.memorandumProgress,
      (error: unknown) => {
        throw serverError(error, 'Memorandum');
      },
    ),
  householdOverview: (unit) =>
    custom<{ householdOverview: HouseholdOverview }, 'householdOverview'>(
      'Household',
      HOUSEHOLD_OVERVIEW,
      'householdOverview',
      { unitId: unit?.unitId ?? null, unitMode: unit?.unitMode ?? null },
    ),
  refreshHalfYearReport: (id) =>
    custom<ReportResult<'refreshHalfYearReport'>, 'refreshHalfYearReport'>(
      'HalfYearReport',
      REFRESH_REPORT,
      'refreshHalfYearReport',
      { id },
    ),
  submitHalfYearReport: (id, version) =>
    custom<ReportResult<'submitHalfYearReport'>, 'submitHalfYearReport'>(
      'HalfYearReport',
      SUBMIT_REPORT,
      'submitHalfYearReport',
      { id, version },
    ),
  reopenHalfYearReport: (id, reason) =>
    custom<ReportResult<'reopenHalfYearReport'>, 'reopenHalfYearReport'>(
      'HalfYearReport',
      REOPEN_REPORT,
      'reopenHalfYearReport',
      { id, reason },
    ),
};
