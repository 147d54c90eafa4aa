import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { logger } from './logger';
import { requestIdOfError } from './request-id';

/** The only error codes a client may see. The admin translates each one (and each rule) into Vietnamese. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

/** One broken rule on one input field, e.g. `{ field: 'quantity', rule: 'min', params: { min: 0 } }`. */
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
  params?: Record<string, unknown>;
}

/** An error that is safe to show to the caller: its message and extensions are written for them. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export class BadInputError extends AppError {
  constructor(readonly violations: FieldViolation[]) {
    super('BAD_USER_INPUT', violations.map((v) => `${v.field}: ${v.message}`).join('; '), {
      field: violations[0]?.field,
      rule: violations[0]?.rule,
      violations,
    });
  }

  static of(field: string, rule: string, message: string, params?: Record<string, unknown>) {
    return new BadInputError([{ field, rule, message, ...(params ? { params } : {}) }]);
  }
}

export const notFound = (type: string, id: string) =>
  new AppError('NOT_FOUND', `${type} ${id} does not exist`, { type, id });

export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, extensions);

export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in to continue', {});

export const forbidden = (
  message = 'You are not allowed to do this',
  extensions: Record<string, unknown> = {},
) => new AppError('FORBIDDEN', message, extensions);

const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * A statement PostgreSQL stopped at the statement timeout (57014 is also a cancel asked by an
 * operator or by the server's own shutdown, which stay internal errors).
 */
function isStatementTimeout(error: unknown): boolean {
  const failure = error as { driverError?: { code?: unknown; message?: unknown } } | null;
  const message = failure?.driverError?.message;
  return (
    failure?.driverError?.code === '57014' &&
    typeof message === 'string' &&
    /statement timeout/.test(message)
  );
}

/** PostgreSQL's class 22 (data exception): a value it cannot take, e.g. `invalid input syntax`. */
function isDataException(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * Apollo `formatError`: AppErrors and GraphQL's own request errors go through; values PostgreSQL
 * refuses become BAD_USER_INPUT; anything else (other SQL errors, bugs) is logged with a request id
 * and masked, so no table, constraint or value reaches the client.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  includeStack = false,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, extensions: original.extensions };
  }
  if (original instanceof GraphQLError && TOO_MANY_VARIABLE_ERRORS.test(original.message)) {
    // graphql-js stops checking variables after 50 errors with an error Apollo does not classify.
    const refused = BadInputError.of('variables', 'tooManyErrors', 'Too many invalid values');
    return { message: refused.message, path: formatted.path, extensions: refused.extensions };
  }
  if (isDataException(original)) {
    // PostgreSQL refused a value (a malformed id, a reversed range, a number out of range) that
    // no check caught first: the caller's input, not a bug; the details stay in the log.
    logger.warn('value refused by the database', {
      requestId: requestIdOfError(error),
      error: describe(original),
    });
    const refused = BadInputError.of('input', 'invalidValue', 'A value given is not valid');
    return { message: refused.message, path: formatted.path, extensions: refused.extensions };
  }
  if (isStatementTimeout(original)) {
    // Too much asked at once (a short search text over a whole country): the caller can narrow
    // it, so they are told so rather than that the server failed. The statement stays in the log.
    const requestId = requestIdOfError(error) ?? randomUUID();
    logger.warn('statement timeout', { requestId, error: describe(original) });
    return {
      message:
        'The request ran too long and was stopped: narrow it (a longer search text, a filter) and ask again',
      path: formatted.path,
      extensions: { code: 'TIMEOUT', requestId },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return includeStack ? formatted : { ...formatted, extensions: { ...extensions, code } };
  }
  // The request's own id when there is one, so the answer, the log line and the header agree.
  const requestId = requestIdOfError(error) ?? randomUUID();
  logger.error('unexpected error', { requestId, error: describe(original) });
  return {
    message: `Internal error (request ${requestId})`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}

function describe(error: unknown) {
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
