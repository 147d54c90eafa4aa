/**
 * A schema-driven fuzzer: from the published schema.graphql, fast-check arbitraries for the arguments
 * of every root query and mutation, a selection set for its result, and the document to send (with
 * variables, or now and then with the values written inline as literals).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { DataSource } from 'typeorm';

export type Vars = Record<string, unknown>;

export interface FuzzOperation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** One generated request: the document, its variables, and what produced it. */
export interface FuzzRequest {
  operation: string;
  kind: 'query' | 'mutation';
  query: string;
  variables: Vars;
  /** The arguments were written into the document as literals instead of variables. */
  inlined: boolean;
}

/** Ids of existing records by GraphQL type name: every record's, and those a role reaches. */
export interface IdPools {
  all: Map<string, string[]>;
  visible: Map<string, string[]>;
}

export function loadSchema(file = path.resolve('schema.graphql')): GraphQLSchema {
  return buildSchema(readFileSync(file, 'utf8'));
}

/** Every root query and mutation field of the schema, queries first, in the schema's order. */
export function fuzzOperations(schema: GraphQLSchema): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields()))
      ops.push({ kind, name: field.name, field });
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Ids of existing records

const TABLE_OVERRIDES: Record<string, string> = {
  Memorandum: 'memoranda',
  Criterion: 'criteria',
  AuditEntry: 'audit_log',
  AccessLogEntry: 'access_log',
};

/** The table of a record type by the naming convention (`SupportPlanStep` → `support_plan_steps`). */
export function tableOf(typeName: string): string {
  if (TABLE_OVERRIDES[typeName]) return TABLE_OVERRIDES[typeName];
  const snake = typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return /[^aeiou]y$/.test(snake) ? `${snake.slice(0, -1)}ies` : `${snake}s`;
}

/** Record types: object types with an `id` that a root query returns one of by id. */
export function recordTypes(schema: GraphQLSchema): string[] {
  const query = schema.getQueryType()!;
  return Object.values(query.getFields())
    .filter((f) => f.args.length === 1 && f.args[0]!.name === 'id')
    .map((f) => getNamedType(f.type))
    .filter((t) => isObjectType(t) && 'id' in t.getFields())
    .map((t) => t.name);
}

/** Ids of every record of each type, read past row-level security (a fixed sample of large tables). */
export async function collectAllIds(
  db: DataSource,
  types: string[],
  exclude: Set<string>,
  limit = 400,
): Promise<Map<string, string[]>> {
  const tables = new Set(
    (
      (await db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      )) as {
        table_name: string;
      }[]
    ).map((r) => r.table_name),
  );
  const pools = new Map<string, string[]>();
  for (const type of types) {
    const table = tableOf(type);
    if (!tables.has(table)) throw new Error(`no table ${table} for ${type}`);
    const rows = (await db.query(
      `SELECT id::text AS id FROM "${table}" ORDER BY md5(id::text) LIMIT ${limit}`,
    )) as { id: string }[];
    pools.set(
      type,
      rows.map((r) => r.id).filter((id) => !exclude.has(id)),
    );
  }
  return pools;
}

/** Ids of the records one role reaches, read through the API's list queries (`allXs { id }`). */
export async function collectVisibleIds(
  schema: GraphQLSchema,
  request: (query: string) => Promise<{ data?: Record<string, unknown> | null }>,
  exclude: Set<string>,
): Promise<Map<string, string[]>> {
  const pools = new Map<string, string[]>();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const type = getNamedType(field.type);
    if (!field.name.startsWith('all') || !isListType(unwrapNonNull(field.type))) continue;
    if (!isObjectType(type) || !('id' in type.getFields())) continue;
    const response = await request(`{ ${field.name}(perPage: 1000) { id } }`);
    const rows = (response.data?.[field.name] ?? []) as { id: string }[];
    pools.set(
      type.name,
      rows.map((r) => r.id).filter((id) => !exclude.has(id)),
    );
  }
  return pools;
}

const unwrapNonNull = (type: GraphQLOutputType | GraphQLInputType) =>
  isNonNullType(type) ? type.ofType : type;

/**
 * The record type an id argument or filter field refers to, from its name and where it sits
 * (`householdIds` → Household, `memberIds` of a support group → StaffMember).
 */
export function idTarget(name: string, owner: string, types: Set<string>): string | null {
  const base = name === 'id' || name === 'ids' ? owner : name.replace(/Ids?$/, '');
  const aliases: Record<string, string> = {
    user: 'User',
    actorUser: 'User',
    organization: 'Organization',
    authority: 'Organization',
    responsibleOrganization: 'Organization',
    donorOrganization: 'Organization',
    issuer: 'Organization',
    recipient: 'Organization',
    party: 'Organization',
    sponsor: 'Organization',
    parent: 'AdministrativeUnit',
    village: 'AdministrativeUnit',
    commune: 'AdministrativeUnit',
    predecessor: 'AdministrativeUnit',
    successor: 'AdministrativeUnit',
    unit: 'AdministrativeUnit',
    leader: 'StaffMember',
    participant: 'StaffMember',
    group: 'SupportGroup',
    member: /Disbursement/.test(owner) ? 'HouseholdMember' : 'StaffMember',
  };
  const candidate = aliases[base] ?? base.charAt(0).toUpperCase() + base.slice(1);
  if (types.has(candidate)) return candidate;
  const ownerType = owner.replace(/Filter$/, '');
  return types.has(ownerType) && (name === 'id' || name === 'ids') ? ownerType : null;
}

// ---------------------------------------------------------------------------------------------
// Values

const weighted = <T>(...entries: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const VIETNAMESE = [
  'Nguyễn Văn An',
  'Trần Thị Bích Ngọc',
  'Lê Hoàng Phúc',
  'Phạm Thị Hồng',
  'Hộ nghèo',
  'hộ cận nghèo',
  'xã Xuân Sơn Bắc',
  'thôn Phước Lộc',
  'huyện Đồng Xuân',
  'tỉnh Phú Yên',
  'Hỗ trợ sinh kế',
  'bò giống',
  'sửa nhà',
  'học bổng',
  'Mặt trận Tổ quốc',
  'Hội Cựu chiến binh',
  'Đoàn Thanh niên',
  'Kế hoạch 68-KH/TU',
  'gia đình có 3 con nhỏ, chồng mất sức lao động',
  'đã thăm hộ, ghi nhận nguyện vọng',
  'Ủy ban nhân dân',
  'Ngân hàng Chính sách xã hội',
  'Ê-đê',
  'Ba Na',
  'Chăm H’roi',
  'XUÂN SƠN BẮC',
  'xuan son bac',
  'Dương',
  'ưu tiên',
  'Đắk Lắk',
];

const NASTY_STRINGS = [
  '',
  ' ',
  '   \t\n  ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(20),
  "' OR 1=1 --",
  "'; DROP TABLE households; --",
  'Robert"); DELETE FROM users;--',
  '%',
  '_',
  '%_%',
  '\\',
  '\\%',
  '$1',
  '${constructor}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '1e309',
  'true',
  '__proto__',
  'constructor',
  '\uFEFFBOM',
  '\u200B\u200C\u200D',
  '\u202Eđảo ngược',
  'Nguye\u0302\u0303n', // combining marks (NFD)
  'ǅ ß İ ı ﬁ',
  '👨‍👩‍👧‍👦 hộ gia đình',
  '\uD83D', // a lone surrogate
  '\uDFFF\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'a'.repeat(256),
  'ệ'.repeat(1001),
  'x'.repeat(10_001),
  'Đ'.repeat(65_536),
  '\r\n\r\n',
  '\u0085\u2028\u2029',
  '\u007F\u0001\u001B[31m',
];

const vietnameseText = fc
  .array(fc.constantFrom(...VIETNAMESE), { minLength: 1, maxLength: 6 })
  .map((words) => words.join(' '));

const anyString: fc.Arbitrary<string> = weighted<string>(
  [10, vietnameseText],
  [5, fc.constantFrom(...NASTY_STRINGS)],
  [2, fc.string({ unit: 'binary', maxLength: 40 })],
  [1, fc.string({ unit: 'grapheme', maxLength: 40 })],
  [1, fc.string({ maxLength: 2000 })],
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const validDate = fc
  .record({
    y: fc.integer({ min: 2010, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);

const firstOfMonth = fc
  .record({ y: fc.integer({ min: 2014, max: 2028 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${pad(m)}-01`);

const BAD_DATES = [
  '2025-02-30',
  '2023-02-29',
  '2024-02-29',
  '2025-04-31',
  '2025-13-01',
  '2025-00-10',
  '2025-01-00',
  '1899-12-31',
  '1900-01-01',
  '2100-12-31',
  '2101-01-01',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '-2025-01-01',
  '+002025-01-01',
  '2025-1-5',
  '2025/01/05',
  '05/01/2025',
  '20250105',
  '2025-01-01T00:00:00Z',
  '2025-01-01T23:59:59+07:00',
  '2025-01-01Tgarbage',
  '2025-01-01 ',
  '',
  'today',
  'infinity',
  '-infinity',
  'epoch',
  'NaN',
];

const localDate: fc.Arbitrary<unknown> = weighted<unknown>(
  [10, validDate],
  [3, firstOfMonth],
  [6, fc.constantFrom(...BAD_DATES)],
  [1, fc.constantFrom<unknown>(20250105, 0, true, { y: 2025 }, ['2025-01-01'])],
);

const dateTime: fc.Arbitrary<unknown> = weighted<unknown>(
  [
    8,
    fc
      .date({
        min: new Date('2014-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  ],
  [
    4,
    fc.constantFrom(
      '2025-01-01',
      '2025-01-01T00:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '1970-01-01T00:00:00.000Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      'not a date',
      '',
      'infinity',
      '2025-01-01T25:61:61Z',
    ),
  ],
  [1, fc.constantFrom<unknown>(0, 1_700_000_000_000, -1, 8.64e15 + 1, true)],
);

const INT_BOUNDARIES = [
  0,
  1,
  -1,
  2,
  100,
  1000,
  1001,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 - 1,
];

function intFor(name: string, plausibleOnly: boolean): fc.Arbitrary<unknown> {
  const plausible: Record<string, fc.Arbitrary<number>> = {
    page: fc.integer({ min: 0, max: 5 }),
    perPage: fc.constantFrom(1, 5, 10, 25, 100, 1000),
    year: fc.integer({ min: 2014, max: 2030 }),
    half: fc.constantFrom(1, 2),
    position: fc.integer({ min: 0, max: 20 }),
    quantity: fc.integer({ min: 0, max: 50 }),
    targetQuantity: fc.integer({ min: 0, max: 500 }),
    birthYear: fc.integer({ min: 1920, max: 2025 }),
    version: fc.integer({ min: 1, max: 4 }),
  };
  if (plausibleOnly) return plausible[name] ?? fc.integer({ min: 0, max: 100 });
  return weighted<unknown>(
    [10, plausible[name] ?? fc.integer({ min: 0, max: 100 })],
    [4, fc.constantFrom(...INT_BOUNDARIES)],
    [2, fc.integer()],
    [1, fc.constantFrom<unknown>(1.5, '5', 1e21, -0, true)],
  );
}

const MONEY_EDGES = [
  0,
  -1,
  1,
  -1_000_000,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53 - 1),
  1e12,
  1e12 + 1,
  999_999_999_999,
  2 ** 31,
];

const money: fc.Arbitrary<unknown> = weighted<unknown>(
  [10, fc.integer({ min: 1, max: 5000 }).map((n) => n * 1000)],
  [5, fc.constantFrom<unknown>(...MONEY_EDGES)],
  [
    3,
    fc.constantFrom<unknown>(
      '0',
      '500000',
      '-500000',
      ' 42 ',
      '007',
      '9007199254740993',
      '1000000000001',
      '99999999999999999999999',
      '1e6',
      '1_000',
      '',
      '12.5',
      '０１２',
    ),
  ],
  [1, fc.constantFrom<unknown>(1.5, 1e21, -0.0001, true, null)],
);

const MALFORMED_IDS: unknown[] = [
  '',
  ' ',
  '0',
  '-1',
  '1',
  'abc',
  'null',
  "' OR '1'='1",
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{00000000-0000-0000-0000-000000000000}',
  '00000000000000000000000000000000',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '\u0000',
  'x'.repeat(5000),
  '9223372036854775808',
  '-9223372036854775809',
  0,
  42,
  2 ** 31 - 1,
];

const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * One id from a pool, read when the value is drawn: pools grow as the run creates records, so the
 * fuzzer reaches those too.
 */
const fromPool = (pool: string[]): fc.Arbitrary<string> =>
  fc.nat().map((i) => (pool.length ? pool[i % pool.length]! : NIL_ID));

/** An id argument: mostly an existing record of the right type, sometimes another type's or junk. */
function idFor(target: string | null, pools: IdPools): fc.Arbitrary<unknown> {
  const visible = target ? (pools.visible.get(target) ?? []) : [];
  const all = target ? (pools.all.get(target) ?? []) : [];
  const lists = [...pools.all.values()];
  const anyRecord = fc.nat().map((i) => {
    const nonEmpty = lists.filter((l) => l.length);
    if (!nonEmpty.length) return NIL_ID;
    const list = nonEmpty[i % nonEmpty.length]!;
    return list[Math.floor(i / nonEmpty.length) % list.length]!;
  });
  return weighted<unknown>(
    [3, fc.constantFrom(...MALFORMED_IDS)],
    [1, fc.uuid()],
    [1, fc.uuid().map((u) => u.toUpperCase())],
    [target ? 9 : 0, fromPool(visible)],
    [target ? 5 : 0, fromPool(all)],
    [target ? 1 : 0, fromPool(all).map((id) => ` ${id}`)],
    [2, anyRecord],
  );
}

/** Field names the list of a type may be sorted by (and some it may not). */
function sortFieldFor(
  owner: GraphQLNamedType | undefined,
  plausibleOnly = false,
): fc.Arbitrary<unknown> {
  const names =
    owner && isObjectType(owner)
      ? Object.values(owner.getFields())
          .filter((f) => isLeafType(getNamedType(f.type)))
          .map((f) => f.name)
      : ['id'];
  if (plausibleOnly) return fc.constantFrom(...names);
  return weighted<unknown>(
    [6, fc.constantFrom(...names)],
    [
      3,
      fc.constantFrom(
        'id; DROP TABLE users',
        'password_hash',
        'passwordHash',
        'citizenId',
        'nonexistent',
        '',
        'organization.name',
        'random()',
        '"id"',
        'ID',
        '__proto__',
      ),
    ],
    [1, anyString],
  );
}

function stringFor(
  name: string,
  pools: IdPools,
  listType: GraphQLNamedType | undefined,
): fc.Arbitrary<unknown> {
  switch (name) {
    case 'sortField':
      return sortFieldFor(listType);
    case 'sortOrder':
      return weighted<unknown>(
        [6, fc.constantFrom('ASC', 'DESC')],
        [2, fc.constantFrom('asc', 'desc', '', 'RANDOM', 'ASC; --', 'NULLS FIRST')],
        [1, anyString],
      );
    case 'citizenId':
    case 'legacyIdNumber':
      return weighted<unknown>(
        [6, fc.stringMatching(name === 'citizenId' ? /^0\d{11}$/ : /^\d{9}$/)],
        [
          3,
          fc.constantFrom(
            '',
            '123',
            '0123456789012',
            '01234567890a',
            '０１２３４５６７８９０１',
            '012345678901\u0000',
            ' 012345678901 ',
          ),
        ],
        [1, anyString],
      );
    case 'username':
      return weighted<unknown>(
        [5, fc.stringMatching(/^[a-z][a-z0-9_.]{2,20}$/)],
        [2, fc.constantFrom('admin', 'ADMIN', ' admin', '')],
        [2, anyString],
      );
    case 'password':
      return weighted<unknown>(
        [5, fc.string({ minLength: 12, maxLength: 64 })],
        [2, fc.constantFrom('', '1', 'password', 'x'.repeat(100_000))],
        [1, anyString],
      );
    case 'recordId':
      return idFor(null, pools);
    case 'tableName':
      return weighted<unknown>(
        [
          5,
          fc.constantFrom(
            'households',
            'household_members',
            'users',
            'donations',
            'support_groups',
          ),
        ],
        [2, anyString],
      );
    case 'idempotencyKey':
      return weighted<unknown>(
        [5, fc.uuid()],
        [1, fc.constantFrom('', 'k', 'x'.repeat(1000))],
        [1, anyString],
      );
    default:
      return anyString;
  }
}

interface Context {
  pools: IdPools;
  schema: GraphQLSchema;
  recordTypes: Set<string>;
  /** The operation's result type (the item type of a list), for id arguments and sort fields. */
  resultType: GraphQLNamedType;
  /** The record type an `id` argument of the operation names. */
  idType: string | null;
}

/**
 * How a value is drawn: `plausible` as a careful client would send it (existing ids of the right
 * type, valid dates, realistic text), `any` from everything including the malformed and the extreme.
 */
type Mode = 'plausible' | 'any';

function plausibleScalar(
  typeName: string,
  name: string,
  owner: string,
  ctx: Context,
): fc.Arbitrary<unknown> {
  switch (typeName) {
    case 'ID': {
      const target =
        name === 'id' && !owner.endsWith('Filter')
          ? ctx.idType
          : idTarget(name, owner, ctx.recordTypes);
      if (!target) return fc.uuid();
      const visible = ctx.pools.visible.get(target) ?? [];
      const all = ctx.pools.all.get(target) ?? [];
      return fc.nat().map((i) => {
        const pool = visible.length ? visible : all;
        return pool.length ? pool[i % pool.length]! : NIL_ID;
      });
    }
    case 'String':
      switch (name) {
        case 'sortField':
          return sortFieldFor(ctx.resultType, true);
        case 'sortOrder':
          return fc.constantFrom('ASC', 'DESC');
        case 'citizenId':
          return fc.stringMatching(/^0\d{11}$/);
        case 'legacyIdNumber':
          return fc.stringMatching(/^\d{9}$/);
        case 'username':
          return fc.stringMatching(/^[a-z][a-z0-9_]{3,16}$/);
        case 'password':
          return fc.string({ minLength: 12, maxLength: 40 });
        case 'idempotencyKey':
          return fc.uuid();
        case 'code':
        case 'shortName':
          return fc.stringMatching(/^[A-Z]{2,6}-?\d{0,4}$/);
        default:
          return vietnameseText;
      }
    case 'Int':
      return intFor(name, true);
    case 'Money':
      return fc.integer({ min: 1, max: 5000 }).map((n) => n * 1000);
    case 'LocalDate':
      return /month/i.test(name) ? firstOfMonth : validDate;
    case 'DateTimeISO':
      return fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2027-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'Boolean':
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

function anyScalar(
  typeName: string,
  name: string,
  owner: string,
  ctx: Context,
): fc.Arbitrary<unknown> {
  switch (typeName) {
    case 'ID': {
      const target =
        name === 'id' && !owner.endsWith('Filter')
          ? ctx.idType
          : idTarget(name, owner, ctx.recordTypes);
      return idFor(target, ctx.pools);
    }
    case 'String':
      return stringFor(name, ctx.pools, ctx.resultType);
    case 'Int':
      return intFor(name, false);
    case 'Money':
      return money;
    case 'LocalDate':
      return /month/i.test(name) ? weighted<unknown>([3, firstOfMonth], [2, localDate]) : localDate;
    case 'DateTimeISO':
      return dateTime;
    case 'Boolean':
      return weighted<unknown>(
        [10, fc.boolean()],
        [1, fc.constantFrom<unknown>('true', 1, 0, 'false')],
      );
    default:
      return weighted<unknown>([5, anyString], [1, fc.integer()], [1, fc.object()]);
  }
}

/** Values for one input type; in `any` mode `null` now and then even where the schema says non-null. */
function valueFor(
  type: GraphQLInputType,
  name: string,
  owner: string,
  ctx: Context,
  mode: Mode,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = valueFor(type.ofType, name, owner, ctx, mode, depth);
    return mode === 'plausible' ? value : weighted<unknown>([40, value], [1, fc.constant(null)]);
  }
  if (isListType(type)) {
    const item = valueFor(type.ofType as GraphQLInputType, name, owner, ctx, mode, depth + 1);
    if (mode === 'plausible') return fc.uniqueArray(item, { maxLength: 3 });
    return weighted<unknown>(
      [8, fc.array(item, { maxLength: 4 })],
      [1, item.chain((v) => fc.constant([v, v, v]))],
      [1, item], // a single value where a list is expected (GraphQL wraps it)
      [1, fc.array(item, { minLength: 50, maxLength: 300 })],
      // 20,000 of one short value: far past any page, still under the 1 MB body limit.
      [
        1,
        item.map((v) =>
          typeof v === 'string' && v.length > 40 ? [v] : Array<unknown>(20_000).fill(v),
        ),
      ],
      // Many items GraphQL itself refuses (null where the items are non-null).
      [1, fc.integer({ min: 2, max: 120 }).map((n) => Array<unknown>(n).fill(null))],
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const field of Object.values(type.getFields())) {
      const value = valueFor(field.type, field.name, type.name, ctx, mode, depth + 1);
      model[field.name] = isNonNullType(field.type)
        ? value
        : weighted<unknown>([6, fc.constant(undefined)], [1, fc.constant(null)], [2, value]);
      if (isNonNullType(field.type)) required.push(field.name);
    }
    return fc
      .record(model, { requiredKeys: required })
      .map((record) =>
        Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)),
      );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    if (mode === 'plausible') return fc.constantFrom(...values);
    return weighted<unknown>(
      [12, fc.constantFrom(...values)],
      [1, fc.constantFrom<unknown>('NOT_A_VALUE', values[0]!.toLowerCase(), '', 0)],
    );
  }
  return mode === 'plausible'
    ? plausibleScalar(type.name, name, owner, ctx)
    : anyScalar(type.name, name, owner, ctx);
}

/** An argument: an optional one is left out, null, or given; a required one is (almost) always given. */
function argumentFor(
  arg: GraphQLArgument,
  owner: string,
  ctx: Context,
  mode: Mode,
): fc.Arbitrary<unknown> {
  const value = valueFor(arg.type, arg.name, owner, ctx, mode);
  if (isNonNullType(arg.type)) {
    return mode === 'plausible'
      ? value
      : weighted<unknown>([40, value], [1, fc.constant(undefined)]);
  }
  // The expected version is rarely known to a fuzzer: mostly left out.
  const omit = arg.name === 'version' ? 8 : 4;
  return weighted<unknown>([omit, fc.constant(undefined)], [1, fc.constant(null)], [5, value]);
}

// ---------------------------------------------------------------------------------------------
// Documents

/**
 * The result's leaf fields (those without required arguments), plus the leaves of the object
 * fields named in `nested` (for a type with no leaves, of its first two object fields).
 */
export function selectionFor(type: GraphQLOutputType, nested: string[] = [], depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isAbstractType(named)) return '{ __typename }';
  if (!isObjectType(named)) return '';
  const fields = Object.values(named.getFields()).filter(
    (f) => !f.args.some((a) => isNonNullType(a.type)),
  );
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const objectFields = depth === 0 ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
  const objects = leaves.length
    ? objectFields.filter((f) => nested.includes(f.name))
    : objectFields.slice(0, 2);
  const parts = [
    ...leaves,
    ...objects.map((f) => `${f.name} ${selectionFor(f.type, [], depth + 1)}`),
  ];
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}

/** Names of a result type's object fields that take no required argument. */
export function objectFieldsOf(type: GraphQLOutputType): string[] {
  const named = getNamedType(type);
  if (!isObjectType(named)) return [];
  return Object.values(named.getFields())
    .filter((f) => !isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)))
    .map((f) => f.name);
}

/** A value written as a GraphQL literal (strings that name an enum value of an enum type go bare). */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const inner = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) {
    const item = isListType(inner) ? (inner.ofType as GraphQLInputType) : inner;
    return `[${value.map((v) => literal(v, item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value as Vars)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? inner)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') {
    const named = getNamedType(inner);
    if (
      isEnumType(named) &&
      /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) &&
      !['true', 'false', 'null'].includes(value)
    )
      return value;
    return JSON.stringify(value);
  }
  return String(value as number | boolean | bigint);
}

export function documentFor(
  op: FuzzOperation,
  args: Vars,
  inline: boolean,
  nested: string[] = [],
): { query: string; variables: Vars } {
  const given = op.field.args.filter((a) => args[a.name] !== undefined);
  const selection = selectionFor(op.field.type, nested);
  const variables: Vars = {};
  let header = '';
  let passed: string[];
  if (inline) {
    passed = given.map((a) => `${a.name}: ${literal(args[a.name], a.type)}`);
  } else {
    header = given.length
      ? `(${given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})`
      : '';
    passed = given.map((a) => `${a.name}: $${a.name}`);
    for (const a of given) variables[a.name] = args[a.name];
  }
  const call = passed.length ? `${op.name}(${passed.join(', ')})` : op.name;
  return { query: `${op.kind} Fuzz${header} { ${call} ${selection} }`, variables };
}

/** Requests for one operation: arguments derived from the schema, sent as variables or inline (1 in 6). */
export function requestArbitrary(
  schema: GraphQLSchema,
  op: FuzzOperation,
  pools: IdPools,
): fc.Arbitrary<FuzzRequest> {
  const types = new Set(recordTypes(schema));
  const resultType = getNamedType(op.field.type);
  // `revokeUserSessions(id)` answers an Int: the record is the type its name mentions.
  const named = [...types]
    .filter((t) => op.name.includes(t))
    .sort((a, b) => b.length - a.length)[0];
  const ctx: Context = {
    pools,
    schema,
    recordTypes: types,
    resultType,
    idType: types.has(resultType.name) ? resultType.name : (named ?? null),
  };
  const argsIn = (mode: (index: number) => Mode) =>
    fc.record(
      Object.fromEntries(
        op.field.args.map((arg, i) => [arg.name, argumentFor(arg, op.name, ctx, mode(i))]),
      ),
    );
  const n = op.field.args.length;
  const objects = objectFieldsOf(op.field.type);
  // Half the requests are plausible throughout; a third plausible but for one argument drawn from
  // everything (so each odd value meets otherwise valid input); the rest odd anywhere.
  const args: fc.Arbitrary<Vars> = n
    ? weighted<Vars>(
        [6, argsIn(() => 'plausible')],
        [
          4,
          fc
            .integer({ min: 0, max: n - 1 })
            .chain((odd) => argsIn((i) => (i === odd ? 'any' : 'plausible'))),
        ],
        [2, argsIn(() => 'any')],
      )
    : fc.constant({});
  return fc
    .record({
      args,
      inline: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
      // Now and then references are followed too (their loaders, masking and scope).
      nested: weighted<string[]>(
        [3, fc.constant([])],
        [1, fc.subarray(objects, { maxLength: Math.min(3, objects.length) })],
      ),
    })
    .map(({ args, inline, nested }) => {
      const { query, variables } = documentFor(op, args, inline, nested);
      return { operation: op.name, kind: op.kind, query, variables, inlined: inline };
    });
}

// ---------------------------------------------------------------------------------------------
// What the database holds

/**
 * A fingerprint of everything a request could write: each audited business table's row count and
 * the sum of its rows' `xmin` (any insert, update or delete changes it, even an update that
 * changes nothing), and the audit and access logs.
 */
export async function fingerprintQuery(db: DataSource): Promise<string> {
  const tables = (
    (await db.query(
      `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = 'audit' AND NOT t.tgisinternal ORDER BY 1`,
    )) as { name: string }[]
  ).map((r) => r.name);
  if (tables.length < 10) throw new Error(`only ${tables.length} audited tables found`);
  return [...tables, 'audit_log', 'access_log']
    .map(
      (t) =>
        `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text AS f FROM "${t}"`,
    )
    .join(' UNION ALL ');
}

export async function fingerprint(db: DataSource, sql: string): Promise<Map<string, string>> {
  const rows = (await db.query(sql)) as { t: string; f: string }[];
  return new Map(rows.map((r) => [r.t, r.f]));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}

/** Shortens long strings in a value for a readable report. */
export function abbreviate(value: unknown, max = 80): unknown {
  if (typeof value === 'string')
    return value.length > max ? `${value.slice(0, max)}…(${value.length} chars)` : value;
  if (Array.isArray(value))
    return value.length > 10
      ? [...value.slice(0, 10).map((v) => abbreviate(v, max)), `…(${value.length} items)`]
      : value.map((v) => abbreviate(v, max));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, abbreviate(v, max)]));
  return value;
}
