import { HttpError } from 'react-admin';
import { formatMoney } from '../common/formatters';
import { translate } from '../i18n';
import { GraphQLFailure, type FieldViolation, type GraphQLErrorPayload } from './graphqlRequest';

export interface TranslatedFailure {
  code: string;
  status: number | undefined;
  /** The whole story in the user's language, for a notification. */
  message: string;
  /** One message per input field, for the form to show under each input. */
  fieldMessages: Record<string, string>;
}

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

function failureOf(error: unknown): GraphQLFailure {
  if (error instanceof GraphQLFailure) return error;
  if (error instanceof HttpError) {
    const body = error.body as { graphQLErrors?: GraphQLErrorPayload[] } | null;
    return new GraphQLFailure(error.status as number | undefined, body?.graphQLErrors ?? []);
  }
  return new GraphQLFailure(undefined, []);
}

function violationsOf(error: GraphQLErrorPayload): FieldViolation[] {
  const extensions = error.extensions ?? {};
  if (Array.isArray(extensions.violations)) return extensions.violations;
  if (extensions.code !== 'BAD_USER_INPUT' || !extensions.rule) return [];
  // A variable the server could not read (e.g. a date) names the field only in its message.
  const field = extensions.field ?? /Variable "\$(\w+)"/.exec(error.message)?.[1];
  return [{ field, rule: extensions.rule, params: extensions }];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Enum values the server names in a rule's params, by the enum they belong to. */
const ENUM_PARAMS: Record<string, Record<string, string>> = {
  transition: { from: 'AspirationStatus', to: 'AspirationStatus' },
  nextStageOnly: {
    from: 'HouseProjectStage',
    to: 'HouseProjectStage',
    expected: 'HouseProjectStage',
  },
};

/** Params that are amounts of money, shown as `1.500.000 ₫`. */
const MONEY_PARAMS = new Set([
  'balance',
  'amount',
  'threshold',
  'total',
  'estimatedCost',
  'missing',
]);

/** The rule's params as the user reads them: dates as 30/06/2014, enum values by their label. */
function readableParams(rule: string, params: Record<string, unknown> = {}) {
  const retryAfter = params.retryAfter;
  return {
    // A lock's wait, said in minutes (at least one).
    ...(typeof retryAfter === 'number'
      ? { retryAfterMinutes: Math.max(1, Math.ceil(retryAfter / 60)) }
      : {}),
    ...readableValues(rule, params),
  };
}

function readableValues(rule: string, params: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      const enumName = ENUM_PARAMS[rule]?.[key];
      if (enumName && typeof value === 'string')
        return [key, translate(`enums.${enumName}.${value}`, { _: value })];
      if (MONEY_PARAMS.has(key) && typeof value === 'number') return [key, formatMoney(value)];
      const day = typeof value === 'string' ? ISO_DAY.exec(value) : null;
      return [key, day ? `${day[3]}/${day[2]}/${day[1]}` : value];
    }),
  );
}

/** A year (e.g. a birth year) is "in the future" after this year, not after today. */
/** A contribution rate overlaps another rate of its title, not another assignment. */
const ruleKey = (rule: string, field?: string, resource?: string) =>
  rule === 'notInFuture' && field && /year$/i.test(field)
    ? 'notInFutureYear'
    : rule === 'noOverlap' && resource === 'ContributionRate'
      ? 'noOverlapRate'
      : rule;

const ruleText = (
  rule: string,
  params?: Record<string, unknown>,
  field?: string,
  resource?: string,
) =>
  translate(`errors.rule.${ruleKey(rule, field, resource)}`, {
    ...readableParams(rule, params),
    _: translate('errors.rule.invalid'),
  });

const fieldLabel = (field: string, resource?: string) =>
  translate(`resources.${resource}.fields.${field}`, {
    _: translate(`errors.fields.${field}`, { _: field }),
  });

function codeOf(failure: GraphQLFailure): string {
  const code = failure.errors[0]?.extensions?.code;
  if (code) return code;
  if (failure.status === undefined) return 'NETWORK';
  if (failure.status === 401) return 'UNAUTHENTICATED';
  if (failure.status === 403) return 'FORBIDDEN';
  return failure.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNKNOWN';
}

function messageOf(
  failure: GraphQLFailure,
  code: string,
  violations: FieldViolation[],
  resource?: string,
) {
  if (violations.length > 0) {
    return violations
      .map(({ field, rule, params }) =>
        field
          ? `${fieldLabel(field, resource)}: ${ruleText(rule, params, field, resource)}`
          : capitalize(ruleText(rule, params)),
      )
      .join('; ');
  }
  const extensions = failure.errors[0]?.extensions;
  const ruleMessage = extensions?.rule
    ? translate(`errors.rule.${extensions.rule}`, {
        ...readableParams(extensions.rule, extensions),
        _: '',
      })
    : '';
  return ruleMessage
    ? capitalize(ruleMessage)
    : translate(`errors.code.${code}`, { _: translate('errors.code.UNKNOWN') });
}

/** Turns any error of a GraphQL call into messages in the user's language, naming the fields. */
export function translateFailure(error: unknown, resource?: string): TranslatedFailure {
  const failure = failureOf(error);
  const code = codeOf(failure);
  const violations = failure.errors.flatMap(violationsOf);
  const fieldMessages: Record<string, string> = {};
  for (const { field, rule, params } of violations) {
    if (field && !(field in fieldMessages))
      fieldMessages[field] = capitalize(ruleText(rule, params, field, resource));
  }
  return {
    code,
    status: failure.status,
    message: messageOf(failure, code, violations, resource),
    fieldMessages,
  };
}

/**
 * The error the providers reject with: react-admin shows its message; `body.code` lets checkError
 * spot an ended session; `body.errors` (server-side validation) puts messages under form inputs.
 */
export function serverError(
  error: unknown,
  resource?: string,
  formValues?: Record<string, unknown>,
): HttpError {
  const { code, status, message, fieldMessages } = translateFailure(error, resource);
  const inForm = Object.entries(fieldMessages).filter(
    ([field]) => formValues && field in formValues,
  );
  const errors =
    formValues && code === 'BAD_USER_INPUT'
      ? { ...Object.fromEntries(inForm), root: { serverError: message } }
      : undefined;
  return new HttpError(message, status ?? 0, { code, ...(errors ? { errors } : {}) });
}
