import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as GraphQL from 'graphql';

/**
 * What the admin sends, built as the admin builds it, so the bench drives exactly the admin's
 * requests. `test/browser/list-fields.test.ts` compares these bodies with the ones Chromium
 * captures from the admin's list pages.
 */

const REPO = path.resolve(__dirname, '..', '..', '..');
/** Rows a benchmarked list asks for (issue 12 states its pages at 25 rows). */
export const PER_PAGE = 25;

/** A named template literal of the admin's source (`const NAME = \`…\``), so the bench follows it. */
export function adminConstant(file: string, name: string): string {
  const source = readFileSync(path.join(REPO, 'admin', 'src', file), 'utf8');
  const match = new RegExp(`const ${name} = \`([^\`]*)\``).exec(source);
  if (!match) throw new Error(`admin/src/${file} no longer has a constant ${name}`);
  return match[1]!;
}

/** The default sort of a resource's list page (`sort={{ field: 'x', order: 'ASC' }}`). */
export function adminSort(resource: string): { field: string; order: 'ASC' | 'DESC' } {
  const source = readFileSync(
    path.join(REPO, 'admin', 'src', resource, `${resource}List.tsx`),
    'utf8',
  );
  const match = /sort=\{\{\s*field:\s*'(\w+)',\s*order:\s*'(ASC|DESC)'\s*\}\}/.exec(source);
  if (!match) throw new Error(`admin/src/${resource}/${resource}List.tsx has no default sort`);
  return { field: match[1]!, order: match[2] as 'ASC' | 'DESC' };
}

export type SparseField = string | Record<string, SparseField[]>;

export interface ListRequest {
  resource: string;
  sort: { field: string; order: 'ASC' | 'DESC' };
  perPage?: number;
  filter?: Record<string, unknown>;
  /** Fields to ask for instead of every field (ra-data-graphql-simple's meta.sparseFields). */
  sparseFields?: SparseField[];
}

/**
 * The fields each benchmarked admin list asks for: its table's columns, as listFieldsOf
 * (admin/src/common/listFields.ts) reads them from the list's page (`<Name>List.tsx`), in their
 * order. The ledger's list (Fund/LedgerList.tsx) is not a ResourceList and asks every field.
 */
export const ADMIN_LIST_FIELDS = {
  Household: ['id', 'headName', 'villageId', 'currentCategories', 'needs', 'groups'],
  HouseholdMember: [
    'id',
    'fullName',
    'householdId',
    'relation',
    'birthYear',
    'isPupil',
    'citizenIdMasked',
  ],
  PovertyReview: ['id', 'year', 'householdId', 'reviewDate', 'result', 'standard'],
  Visit: ['id', 'visitDate', 'householdId', 'groupId', 'findings', 'participantIds'],
  ProgressEntry: [
    'id',
    'entryDate',
    'commitmentId',
    'description',
    'quantity',
    'cost',
    'completes',
  ],
  Fund: ['id', 'name', 'organizationId', 'planId', 'balance'],
} satisfies Record<string, SparseField[]>;

/**
 * The dashboard's fund card (admin/src/dashboard/FundCard.tsx): a picker of the first 100 funds
 * by name, drawn by their names.
 */
export const DASHBOARD_FUND_PICKER = {
  resource: 'Fund',
  sort: { field: 'name', order: 'ASC' },
  perPage: 100,
  sparseFields: ['id', 'name'],
} satisfies ListRequest;

/**
 * The getList body of ra-data-graphql-simple, built from schema.graphql as the admin builds it
 * (admin/vite.config.ts: fields that need arguments dropped), with the __typename fields Apollo's
 * cache adds, in the JSON Apollo's HttpLink sends: { operationName, variables, query }.
 */
export async function listBodies() {
  // NOTE: ra-data-graphql ships ESM that imports @apollo/client's CommonJS by name; its CJS loads.
  const requireCjs = createRequire(path.join(REPO, 'package.json'));
  const { buildSchema, introspectionFromSchema, print } = requireCjs('graphql') as typeof GraphQL;
  const { introspectSchema, defaultOptions } = requireCjs('ra-data-graphql');
  const { buildQuery } = requireCjs('ra-data-graphql-simple');
  const { addTypenameToDocument } = requireCjs('@apollo/client/utilities');
  const schema = buildSchema(readFileSync(path.join(REPO, 'schema.graphql'), 'utf8'));
  const introspection = introspectionFromSchema(schema, { descriptions: false });
  const { queryType, mutationType } = introspection.__schema;
  const roots = new Set([queryType.name, mutationType?.name]);
  const types = introspection.__schema.types.map((type) =>
    type.kind !== 'OBJECT' || roots.has(type.name)
      ? type
      : {
          ...type,
          fields: type.fields.filter((field) =>
            field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue != null),
          ),
        },
  );
  const results = await introspectSchema(null, {
    schema: { ...introspection.__schema, types },
    operationNames: defaultOptions.introspection.operationNames,
  });
  const build = buildQuery(results);
  return (request: ListRequest): string => {
    const { query, variables } = build('GET_LIST', request.resource, {
      pagination: { page: 1, perPage: request.perPage ?? PER_PAGE },
      sort: request.sort,
      filter: request.filter ?? {},
      ...(request.sparseFields ? { meta: { sparseFields: request.sparseFields } } : {}),
    });
    if (variables.meta && Object.keys(variables.meta as object).length === 0) delete variables.meta;
    const document = addTypenameToDocument(query);
    const operationName = document.definitions[0].name.value as string;
    return JSON.stringify({ operationName, variables, query: print(document) });
  };
}

/** A custom operation as the admin's graphqlRequest sends it. */
export const customBody = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query, variables });
