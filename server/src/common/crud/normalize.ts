import type { FieldViolation } from '../errors';
import type { FieldSpec, FieldSpecs } from './field-spec';
import { MAX_AMOUNT } from '../scalars';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

export interface Normalized {
  /** Column values to write, keyed by entity property. `null` clears a field. */
  values: Record<string, unknown>;
  /** Id lists for join-table fields, keyed by field name. */
  lists: Record<string, string[]>;
  violations: FieldViolation[];
}

/**
 * Trims and checks raw arguments against the field specs. In `create` mode a missing required
 * field is a violation; in `update` mode an absent (undefined) field means "unchanged" and only an
 * explicit null or empty value of a required field is refused.
 */
export function normalizeInput(
  specs: FieldSpecs,
  input: Record<string, unknown>,
  mode: 'create' | 'update',
): Normalized {
  const result: Normalized = { values: {}, lists: {}, violations: [] };
  for (const [field, spec] of Object.entries(specs)) {
    const raw = input[field];
    if (raw === undefined && mode === 'update') continue;
    const value = clean(spec, raw);
    if (value === null) {
      if (spec.required) {
        result.violations.push({ field, rule: 'required', message: 'is required' });
      } else if (spec.kind === 'refs') {
        result.lists[field] = [];
      } else if (spec.kind === 'enums') {
        result.values[field] = [];
      } else {
        result.values[field] = spec.defaultValue ?? null;
      }
      continue;
    }
    const violation = check(field, spec, value);
    if (violation) {
      result.violations.push(violation);
      continue;
    }
    if (spec.kind === 'refs') result.lists[field] = [...new Set(value as string[])];
    else if (spec.kind === 'enums') result.values[field] = [...new Set(value as string[])].sort();
    else result.values[field] = value;
  }
  return result;
}

function clean(spec: FieldSpec, raw: unknown): unknown {
  if (raw == null) return null;
  if (spec.kind === 'text' && typeof raw === 'string') {
    // NOTE: NFC so "Xuân" typed on macOS (NFD) and on Windows (NFC) is the same text.
    const text = raw.normalize('NFC').trim();
    return text === '' ? null : text;
  }
  if (spec.kind === 'ref' && typeof raw === 'string' && raw.trim() === '') return null;
  if (
    (spec.kind === 'refs' || spec.kind === 'enums') &&
    Array.isArray(raw) &&
    raw.length === 0 &&
    spec.required
  ) {
    return null;
  }
  return raw;
}

function check(field: string, spec: FieldSpec, value: unknown): FieldViolation | null {
  switch (spec.kind) {
    case 'text':
      if (spec.pattern && !spec.pattern.regex.test(value as string)) {
        return { field, rule: spec.pattern.rule, message: spec.pattern.message };
      }
      if ((value as string).length > spec.max) {
        return {
          field,
          rule: 'maxLength',
          message: `must be at most ${spec.max} characters`,
          params: { max: spec.max },
        };
      }
      return null;
    case 'int':
    case 'money': {
      const min = spec.kind === 'int' ? (spec.min ?? null) : 0;
      const max = spec.kind === 'int' ? (spec.max ?? null) : MAX_AMOUNT;
      if (min !== null && (value as number) < min) {
        return { field, rule: 'min', message: `must be at least ${min}`, params: { min } };
      }
      if (max !== null && (value as number) > max) {
        return { field, rule: 'max', message: `must be at most ${max}`, params: { max } };
      }
      return null;
    }
    case 'ref':
      return isUuid(value)
        ? null
        : { field, rule: 'exists', message: 'does not point at an existing record' };
    case 'refs':
      return (value as unknown[]).every(isUuid)
        ? null
        : { field, rule: 'exists', message: 'does not point at existing records' };
  }
  return null;
}
