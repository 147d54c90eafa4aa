import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Program records start in 2014; anything outside this window is a typing error, not history. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

function badInput(message: string, rule: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', rule } });
}

export function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string') throw badInput('A date must be a string YYYY-MM-DD', 'date');
  // The admin's date inputs send YYYY-MM-DD; an ISO timestamp is cut to its date part.
  const text = /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
  const match = DATE_PATTERN.exec(text);
  if (!match) throw badInput(`"${value.slice(0, 40)}" is not a date YYYY-MM-DD`, 'date');
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw badInput(`${text} is not a calendar date`, 'date');
  }
  if (text < MIN_DATE || text > MAX_DATE) {
    throw badInput(`${text} is outside ${MIN_DATE}..${MAX_DATE}`, 'dateRange');
  }
  return text;
}

/** A calendar date without time zone (PostgreSQL `date`), as `YYYY-MM-DD`. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date without time zone, YYYY-MM-DD (e.g. 2014-04-22).',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value);
  },
  parseValue: parseLocalDate,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw badInput('A date must be a string YYYY-MM-DD', 'date');
    return parseLocalDate(ast.value);
  },
});

/**
 * Whole Vietnamese đồng. VND has no minor unit, and GraphQL's Int stops at 2^31 (2.1 billion đồng),
 * so money travels as a JSON number checked to be a safe integer (up to 2^53 − 1) and is stored as
 * PostgreSQL `bigint`. Strings of digits are accepted too, for clients that keep money as text.
 */
export function parseMoney(value: unknown): number {
  const number =
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw badInput('An amount must be a whole number of đồng', 'money');
  }
  if (!Number.isInteger(number)) throw badInput('An amount must be whole đồng', 'money');
  if (!Number.isSafeInteger(number)) throw badInput('The amount is too large', 'moneyRange');
  return number;
}

/**
 * The largest single amount the program records: one trillion đồng (a donation, a disbursement,
 * a monthly rate). Sums of many amounts may pass 2^53 − 1; they travel exactly as text then.
 */
export const MAX_AMOUNT = 1_000_000_000_000;

/** An amount as the API sends it: exactly, as a number while safe, beyond that as digits. */
export type Money = number | bigint;

export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description:
    'An amount of Vietnamese đồng (VND, no minor unit) as a whole number. A single amount is at most 1,000,000,000,000; a sum beyond 9007199254740991 comes as a string of digits, so it stays exact.',
  serialize(value) {
    // pg returns bigint columns and sums as strings; BigInt keeps every digit of them.
    const whole =
      typeof value === 'bigint'
        ? value
        : typeof value === 'string' && /^-?\d+$/.test(value)
          ? BigInt(value)
          : typeof value === 'number' && Number.isInteger(value)
            ? BigInt(value)
            : null;
    if (whole === null) throw new GraphQLError('Money must be a whole number of đồng');
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    return whole <= safe && whole >= -safe ? Number(whole) : whole.toString();
  },
  parseValue: parseMoney,
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseMoney(ast.value);
    throw badInput('An amount must be a whole number of đồng', 'money');
  },
});

/** A TypeORM transformer so `bigint` money columns read back as numbers, not strings. */
export const bigintMoneyTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
