/**
 * A resource's writable fields, declared once. From this one list the CRUD layer derives the
 * GraphQL create/update arguments, the list filter (foreign keys, enums and ranges), the input
 * validation and the reference checks, so a rule cannot be declared in one place and forgotten in another.
 */
export type EntityClass = abstract new (...args: never[]) => object;

interface Common {
  required: boolean;
  /** Stored when an optional field is left empty, for NOT NULL columns with a default. */
  defaultValue?: number | boolean | string;
  /** Shown to analysts in the schema documentation. */
  description?: string;
}

export type FieldSpec =
  | (Common & {
      kind: 'text';
      max: number;
      unique?: boolean;
      searchable?: boolean;
      /** A format the text must match, with the rule name reported when it does not. */
      pattern?: { regex: RegExp; rule: string; message: string };
    })
  | (Common & { kind: 'int'; min?: number; max?: number })
  | (Common & { kind: 'money' })
  | (Common & { kind: 'date' })
  | (Common & { kind: 'bool' })
  | (Common & { kind: 'enum'; enumObject: Record<string, string>; enumName: string })
  | (Common & { kind: 'enums'; enumObject: Record<string, string>; enumName: string })
  | (Common & { kind: 'ref'; target: () => EntityClass; targetName: string; relation: string })
  | (Common & {
      kind: 'refs';
      target: () => EntityClass;
      targetName: string;
      relation: string;
      /** Join table holding (ownerColumn, targetColumn) pairs. */
      joinTable: string;
      ownerColumn: string;
      targetColumn: string;
      /** Name of the single-id list filter, e.g. `sponsorId`. */
      filterName: string;
    });

export type FieldSpecs = Record<string, FieldSpec>;

type Options = { optional?: boolean; description?: string };

const req = (o: Options = {}) => ({ required: !o.optional, description: o.description });

/** Short names are single-line labels; long ones are paragraphs (descriptions, findings). */
export const TEXT_SHORT = 255;
export const TEXT_LONG = 10_000;

export const f = {
  text: (
    o: Options & {
      max?: number;
      unique?: boolean;
      searchable?: boolean;
      pattern?: { regex: RegExp; rule: string; message: string };
    } = {},
  ): FieldSpec => ({
    kind: 'text',
    max: o.max ?? TEXT_SHORT,
    unique: o.unique,
    searchable: o.searchable,
    pattern: o.pattern,
    ...req(o),
  }),
  longText: (o: Options & { searchable?: boolean } = {}): FieldSpec => ({
    kind: 'text',
    max: TEXT_LONG,
    searchable: o.searchable,
    ...req(o),
  }),
  int: (o: Options & { min?: number; max?: number; defaultValue?: number } = {}): FieldSpec => ({
    kind: 'int',
    min: o.min,
    max: o.max,
    defaultValue: o.defaultValue,
    ...req(o),
  }),
  money: (o: Options = {}): FieldSpec => ({ kind: 'money', ...req(o) }),
  date: (o: Options = {}): FieldSpec => ({ kind: 'date', ...req(o) }),
  bool: (o: Options & { defaultValue?: boolean } = {}): FieldSpec => ({
    kind: 'bool',
    defaultValue: o.defaultValue,
    ...req(o),
  }),
  enumOf: (
    enumObject: Record<string, string>,
    enumName: string,
    o: Options & { defaultValue?: string } = {},
  ): FieldSpec => ({
    kind: 'enum',
    enumObject,
    enumName,
    defaultValue: o.defaultValue,
    ...req(o),
  }),
  /** A set of enum values stored as a PostgreSQL enum array (e.g. a household's needs). */
  enumsOf: (enumObject: Record<string, string>, enumName: string, o: Options = {}): FieldSpec => ({
    kind: 'enums',
    enumObject,
    enumName,
    ...req(o),
  }),
  ref: (
    target: () => EntityClass,
    targetName: string,
    relation: string,
    o: Options = {},
  ): FieldSpec => ({
    kind: 'ref',
    target,
    targetName,
    relation,
    ...req(o),
  }),
  refs: (
    target: () => EntityClass,
    targetName: string,
    relation: string,
    join: { table: string; ownerColumn: string; targetColumn: string; filterName: string },
    o: Options = {},
  ): FieldSpec => ({
    kind: 'refs',
    target,
    targetName,
    relation,
    joinTable: join.table,
    ownerColumn: join.ownerColumn,
    targetColumn: join.targetColumn,
    filterName: join.filterName,
    ...req(o),
  }),
};
