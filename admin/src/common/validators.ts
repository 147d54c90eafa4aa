import { maxLength, maxValue, minValue, number, required, type Validator } from 'react-admin';
import { todayIso } from './formatters';

export const TEXT_SHORT = 255;
export const TEXT_LONG = 10_000;
const QUANTITY_MAX = 1_000_000;

export const requiredText = (max = TEXT_SHORT): Validator[] => [required(), maxLength(max)];
export const optionalText = (max = TEXT_SHORT): Validator[] => [maxLength(max)];

export const quantity: Validator[] = [number(), minValue(0), maxValue(QUANTITY_MAX)];
export const targetQuantity: Validator[] = [number(), minValue(1), maxValue(QUANTITY_MAX)];
export const position: Validator[] = [number(), minValue(0), maxValue(1000)];

/** A date input's value is a real calendar day once parsed (see parseDay). */
export const validDay: Validator = (value: unknown) =>
  value == null || value === '' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    ? undefined
    : 'app.validation.date_format';

export const dateInRange: Validator = (value: unknown) =>
  typeof value === 'string' && value !== '' && (value < '1900-01-01' || value > '2100-12-31')
    ? 'app.validation.date_range'
    : undefined;

export const notInFuture: Validator = (value: unknown) =>
  typeof value === 'string' && value > todayIso() ? 'app.validation.not_in_future' : undefined;

export const wholeMoney: Validator = (value: unknown) =>
  value == null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    ? undefined
    : 'app.validation.money';

type Values = Record<string, unknown>;

const isFilled = (value: unknown) =>
  value != null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** A date not before the date in another field of the form (same-format ISO strings compare). */
export const notBefore =
  (field: string, message: string): Validator =>
  (value: unknown, values: Values) => {
    const other = values?.[field];
    return typeof value === 'string' &&
      value !== '' &&
      typeof other === 'string' &&
      other !== '' &&
      value < other
      ? message
      : undefined;
  };

/** Required only when `condition` holds for the form's values. */
export const requiredWhen =
  (condition: (values: Values) => boolean, message: string): Validator =>
  (value: unknown, values: Values) =>
    condition(values ?? {}) && !isFilled(value) ? message : undefined;

/** Exactly `count` digits, or empty. */
export const digits =
  (count: number, message: string): Validator =>
  (value: unknown) =>
    value == null ||
    value === '' ||
    (typeof value === 'string' && new RegExp(`^\\d{${count}}$`).test(value.trim()))
      ? undefined
      : message;

/** A year not after the current one. */
export const yearNotInFuture: Validator = (value: unknown) =>
  typeof value === 'number' && value > new Date().getFullYear()
    ? 'app.validation.year_not_in_future'
    : undefined;

export const year = (min: number, max = 2100): Validator[] => [
  number(),
  minValue(min),
  maxValue(max),
];
