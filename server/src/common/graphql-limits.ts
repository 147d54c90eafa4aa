import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  BREAK,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { RequestContext } from './context';
import { logger } from './logger';
import { Role } from './roles';

/**
 * Limits on the shape of a GraphQL document, checked before anything runs. Calibrated against every
 * operation the admin sends (test/graphql-surface.test.ts replays them all): its deepest query is 4
 * levels, its longest 190 tokens, its costliest 92 (Armor's units) and it uses at most 2 aliases.
 * Each limit leaves several times that headroom and still stops a document built to be expensive.
 */
export const GRAPHQL_LIMITS = {
  /** Nesting of selections (`{ a { b } }` is 2). The admin needs 4. */
  maxDepth: 8,
  /** Aliased fields in one operation (`__typename` does not count). The admin uses 2. */
  maxAliases: 15,
  /** Directives in one operation. The admin sends none. */
  maxDirectives: 50,
  /** Lexical tokens in one document. The admin's longest is 190; the standard introspection query 163. */
  maxTokens: 1000,
  /**
   * Armor's cost: a scalar costs 1, an object 2, and what sits under a field counts 1.5 times per
   * level. The admin's costliest query (a household list with every field) is 92.
   */
  maxCost: 1000,
} as const;

/**
 * Rows one request may ask for, counted before it runs, with its variables: a page counts its
 * `perPage` (25 when not given), a month range (`fundDues`) its months × 100 people. Lists inside a
 * record (a household's members) are bounded by the data, not by the asker, and are not counted.
 * The admin's largest request is an export of 1,000 rows; five such pages fit in one request.
 */
export const MAX_ROWS = 5_000;

/** Requests per minute per signed-in user, by role; roles not listed are not limited here. */
export type RoleRateLimits = Partial<Record<Role, number>>;
export const DEFAULT_RATE_LIMITS: RoleRateLimits = { [Role.ANALYST]: 600 };

/** The message every shape limit answers with: it names no limit and no measure. */
const LIMIT_MESSAGE = 'Query validation error.';

/**
 * An error of the GraphQL surface itself (a limit, introspection, a rate): safe to show as it is,
 * with its own HTTP status.
 */
export class SurfaceError extends GraphQLError {
  constructor(
    code: string,
    message: string,
    status: number,
    extensions: Record<string, unknown> = {},
    headers: [string, string][] = [],
  ) {
    super(message, {
      extensions: { ...extensions, code, http: { status, headers: new Map(headers) } },
    });
    this.name = 'SurfaceError';
  }
}

/**
 * Sign-in guesses cannot be multiplied inside one request: a document may name `login` once
 * (aliases, repeated fields, fragments or a second operation would otherwise each be a guess).
 */
export const oneLoginPerDocument: ValidationRule = (context) => {
  let logins = 0;
  const mutationType = context.getSchema().getMutationType();
  return {
    Field(node) {
      if (node.name.value !== 'login' || context.getParentType() !== mutationType) return;
      logins += 1;
      if (logins === 2) {
        context.reportError(
          new GraphQLError('Sign in with one login field per request', { nodes: [node] }),
        );
      }
    },
  };
};

/** Whether any operation or fragment of the document asks for `__schema` or `__type`. */
function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * In production the schema is only for signed-in users: anonymous `__schema` / `__type` queries are
 * refused before they run. (The admin does not introspect: it is built with schema.graphql.)
 */
function introspectionForSignedInOnly(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ document, contextValue }) {
          if (!contextValue.user && usesIntrospection(document)) {
            throw new SurfaceError(
              'INTROSPECTION_DISABLED',
              'Introspection is only for signed-in users',
              400,
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-user token buckets (in this process): a role with a limit of N gets N requests at once and
 * N more each minute. Over the limit the request is answered 429 with a GraphQL-shaped error.
 */
function rateLimitByRole(limits: RoleRateLimits): ApolloServerPlugin<RequestContext> {
  const buckets = new Map<string, Bucket>();
  const take = (userId: string, perMinute: number, now: number): number => {
    const bucket = buckets.get(userId) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    buckets.set(userId, bucket);
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute / 1000);
    bucket.tokens -= 1;
    return 0;
  };
  let lastSweep = Date.now();
  const sweep = (now: number) => {
    // A bucket untouched for a minute is full again: forgetting it changes nothing.
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) if (now - bucket.at > 60_000) buckets.delete(key);
  };
  return {
    async requestDidStart({ contextValue }) {
      const user = contextValue.user;
      const perMinute = user ? limits[user.role] : undefined;
      if (!user || !perMinute) return Promise.resolve();
      const now = Date.now();
      sweep(now);
      const retryAfter = take(user.id, perMinute, now);
      return Promise.resolve({
        // NOTE: Apollo turns an error thrown before this hook into a bare 500; from here it answers
        // with the error and its status. Parsing and validation before it are bounded by the limits.
        async didResolveOperation() {
          if (retryAfter > 0) {
            logger.warn('rate limited', {
              requestId: contextValue.requestId,
              userId: user.id,
              role: user.role,
            });
            throw new SurfaceError(
              'RATE_LIMITED',
              'Too many requests, please wait a moment',
              429,
              { rule: 'rateLimit', retryAfter },
              [['retry-after', String(retryAfter)]],
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

const monthsIn = (from: unknown, to: unknown): number => {
  const month = (value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d{2}/.test(value)
      ? Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7))
      : NaN;
  const months = month(to) - month(from) + 1;
  return Number.isFinite(months) ? Math.max(1, months) : 1;
};

/** The rows a document asks for, as MAX_ROWS counts them. */
export function rowsAsked(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const value = (node: ValueNode | undefined): unknown =>
    node ? valueFromASTUntyped(node, variables) : undefined;
  let total = 0;
  const walk = (
    type: GraphQLObjectType | GraphQLInterfaceType,
    selections: readonly SelectionNode[],
    around: number,
    seen: Set<string>,
  ) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        if (isObjectType(on) || isInterfaceType(on))
          walk(on, fragment.selectionSet.selections, around, new Set([...seen, name]));
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
        if (isObjectType(on) || isInterfaceType(on))
          walk(on, selection.selectionSet.selections, around, seen);
        continue;
      }
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      const args = new Map((selection.arguments ?? []).map((a) => [a.name.value, a.value]));
      let rows = 1;
      if (isListType(getNullableType(field.type))) {
        const perPage = value(args.get('perPage'));
        if (field.args.some((a) => a.name === 'perPage'))
          rows = typeof perPage === 'number' && perPage > 0 ? perPage : 25;
        else if (field.args.some((a) => a.name === 'fromMonth'))
          rows = monthsIn(value(args.get('fromMonth')), value(args.get('toMonth'))) * 100;
        if (rows > 1) total += around * rows;
      }
      const inner = getNamedType(field.type);
      if (selection.selectionSet && (isObjectType(inner) || isInterfaceType(inner)))
        walk(inner, selection.selectionSet.selections, around * rows, seen);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation);
    if (root) walk(root, definition.selectionSet.selections, 1, new Set());
  }
  return total;
}

/** Refuses, before anything runs, a request asking for more rows than MAX_ROWS. */
function rowBudget(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ document, request, schema }) {
          if (rowsAsked(schema, document, request.variables ?? {}) > MAX_ROWS)
            throw new SurfaceError('GRAPHQL_VALIDATION_FAILED', LIMIT_MESSAGE, 400, {
              rule: 'maxRows',
            });
          return Promise.resolve();
        },
      });
    },
  };
}

/** Where a text holds a NUL character, which PostgreSQL cannot store: a variable's path, or null. */
function nulIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulIn(item, `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulIn(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses text with a NUL character, in variables or written in the query, naming where it is:
 * PostgreSQL cannot store it, and would otherwise fail the request as a server error.
 */
function refuseNulCharacters(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ document, request }) {
          let field = nulIn(request.variables ?? {}, '');
          if (!field) {
            visit(document, {
              Argument(node) {
                if (field) return BREAK;
                if (nulIn(valueFromASTUntyped(node.value, {}), node.name.value))
                  field = node.name.value;
                return undefined;
              },
            });
          }
          if (field)
            throw new SurfaceError(
              'BAD_USER_INPUT',
              `${field}: must not contain a NUL character`,
              400,
              {
                field,
                rule: 'nulCharacter',
              },
            );
          return Promise.resolve();
        },
      });
    },
  };
}

export interface SurfaceOptions {
  production: boolean;
  rateLimits?: RoleRateLimits;
}

/** Apollo options that bound what one request may ask for; spread into `new ApolloServer()`. */
export function graphqlSurface(options: SurfaceOptions) {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, exposeLimits: false, errorMessage: LIMIT_MESSAGE },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, exposeLimits: false, errorMessage: LIMIT_MESSAGE },
    maxDirectives: {
      n: GRAPHQL_LIMITS.maxDirectives,
      exposeLimits: false,
      errorMessage: LIMIT_MESSAGE,
    },
    // NOTE: Armor's token plugin re-throws every unexpected error of the request as a validation
    // error carrying the original's text; graphql-js counts the same tokens while parsing instead.
    maxTokens: { enabled: false },
    costLimit: {
      maxCost: GRAPHQL_LIMITS.maxCost,
      exposeLimits: false,
      errorMessage: LIMIT_MESSAGE,
    },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    validationRules: [...armor.validationRules, oneLoginPerDocument],
    // Parsing stops at the token limit, before a large document becomes a large tree.
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<RequestContext>[]),
      ...(options.production ? [introspectionForSignedInOnly()] : []),
      rateLimitByRole(options.rateLimits ?? DEFAULT_RATE_LIMITS),
      rowBudget(),
      refuseNulCharacters(),
    ],
  };
}

/**
 * The last word on every error message: no "Did you mean …" (it spells out the schema to whoever
 * guesses) and no limit figures. Surface errors pass as they are.
 */
export function formatSurfaceError(
  formatted: GraphQLFormattedError,
  error: unknown,
  next: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): GraphQLFormattedError {
  if (unwrapResolverError(error) instanceof SurfaceError) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, extensions };
  }
  const result = next(formatted, error);
  const message = result.message
    .replace(/\s*Did you mean[\s\S]*$/, '')
    .replace(/Document contains more th\w+ \d+ tokens\. Parsing aborted\./, LIMIT_MESSAGE);
  return message === result.message ? result : { ...result, message };
}
