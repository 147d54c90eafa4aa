import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLOutputType,
} from 'graphql';
import type { RoleName } from '../../server/src/common/access-matrix';
import type { GraphQLResponse } from './app';

/** The signed-in users the matrix walks, and the role each one holds. */
export const USERS = ['admin', 'officerA', 'officerB', 'memberA', 'analyst', 'viewer'] as const;
export type UserKey = (typeof USERS)[number];

export const ROLE_OF: Record<UserKey, RoleName> = {
  admin: 'ADMIN',
  officerA: 'AGENCY_OFFICER',
  officerB: 'AGENCY_OFFICER',
  memberA: 'GROUP_MEMBER',
  analyst: 'ANALYST',
  viewer: 'VIEWER',
};

export type Agency = 'A' | 'B';
export const other = (agency: Agency): Agency => (agency === 'A' ? 'B' : 'A');

/** The agency whose records a scoped user reaches (members reach only their own groups of it). */
export const HOME: Partial<Record<UserKey, Agency>> = {
  officerA: 'A',
  officerB: 'B',
  memberA: 'A',
};

/** The root fields of one resource in the ra-data-graphql-simple grammar, as the schema has them. */
export interface Operations {
  list?: string;
  meta?: string;
  one?: string;
  create?: string;
  update?: string;
  remove?: string;
  /** The list filter's input type and its fields. */
  filterType?: string;
  filterFields: Set<string>;
  /** Object fields of the type that resolve records of another resource (field resolvers). */
  nested: { field: string; target: string }[];
}

const isListOf = (type: GraphQLOutputType, name: string): boolean => {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner) && getNamedType(inner).name === name;
};

/**
 * Reads the operations of each resource from the schema the server publishes (schema.graphql), so
 * the test's cells are known when the file is collected: a missing operation yields no cell.
 */
export function loadOperations(
  resources: string[],
  file = path.resolve('schema.graphql'),
): Map<string, Operations> {
  const schema = buildSchema(readFileSync(file, 'utf8'));
  const known = new Set(resources);
  const queries = schema.getQueryType()?.getFields() ?? {};
  const mutations = schema.getMutationType()?.getFields() ?? {};
  const result = new Map<string, Operations>();
  for (const resource of resources) {
    const list = Object.values(queries).find(
      (f: GraphQLField<unknown, unknown>) => f.name.startsWith('all') && isListOf(f.type, resource),
    );
    const plural = list?.name.slice(3);
    const filterArg = list?.args.find((a) => a.name === 'filter');
    const filterNamed = filterArg ? getNamedType(filterArg.type) : undefined;
    const ops: Operations = {
      list: list?.name,
      meta: plural && queries[`_all${plural}Meta`] ? `_all${plural}Meta` : undefined,
      one: queries[resource] ? resource : undefined,
      create: mutations[`create${resource}`] ? `create${resource}` : undefined,
      update: mutations[`update${resource}`] ? `update${resource}` : undefined,
      remove: mutations[`delete${resource}`] ? `delete${resource}` : undefined,
      filterType: filterNamed?.name,
      filterFields: new Set(
        filterNamed && isInputObjectType(filterNamed) ? Object.keys(filterNamed.getFields()) : [],
      ),
      nested: [],
    };
    const type = schema.getType(resource);
    if (type && isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type).name;
        if (field.args.length === 0 && known.has(target))
          ops.nested.push({ field: field.name, target });
      }
    }
    result.set(resource, ops);
  }
  return result;
}

export interface ErrorSummary {
  code?: string;
  rule?: string;
  field?: string;
}

/** The first error of a response (code, rule, field), or null when it succeeded. */
export function errorOf(response: GraphQLResponse<unknown>): ErrorSummary | null {
  const error = response.body.errors?.[0];
  if (!error) return null;
  const { code, rule, field } = error.extensions ?? {};
  return {
    code: typeof code === 'string' ? code : undefined,
    rule: typeof rule === 'string' ? rule : undefined,
    field: typeof field === 'string' ? field : undefined,
  };
}

/** A short account of a response for assertion messages: the request and what came back. */
export function explain(request: { query: string; variables?: unknown }, response: unknown) {
  return JSON.stringify({ request, response }).slice(0, 3000);
}

/** Runs `work` over the items with at most `limit` running at once, keeping the items' order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Counts of cells by outcome, printed when the file ends. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, by = 1) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  lines(): string[] {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => `  ${key}: ${count}`);
  }
}
