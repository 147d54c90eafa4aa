import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { Role } from '../common/roles';
import { openDatabase } from '../db/data-source';
import {
  folderClosedToPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../db/embedded';
import { DEMO, seedDemoIfEmpty } from '../db/seed/demo';
import { DEMO_RATES } from '../db/seed/demo-fund';
import { createUser } from '../modules/user/auth.service';

/**
 * A nation-scale data set for benchmarks, seeded and reproducible, in a database of its own:
 * drops and recreates it, runs the real migrations, loads the demo, then fills every table with
 * set-based `INSERT … SELECT … FROM generate_series(…)` statements as the owner.
 *
 * Usage: npm run bench:data [-- --scale 0.01] [--seed 68] [--database plan68_bench] [--port 5499]
 *          [--households 300000] [--communes 10000] … (every size is a flag, see SIZES)
 *        npm run bench:data -- --serve   (starts the embedded cluster of an earlier run; Ctrl+C stops)
 *
 * Where: DATABASE_URL's server when set (the database named by --database), else an embedded
 * PostgreSQL kept in .data/bench/postgres (git-ignored), stopped again at the end.
 *
 * Reproducible: every id, name, date and amount is a function of (seed, table, row number): ids are
 * md5-derived v4-shaped UUIDs, values come from hashint8extended, never from random(). Only the
 * demo's rows (gen_random_uuid, now()) and the users' password hashes differ between runs.
 *
 * Triggers: the row-level audit trigger (one JSON row in audit_log per inserted row) is disabled
 * during the load and enabled again; the load is not a change anyone made. Every other trigger
 * stays: the summaries kept by the database (commitment progress, poverty outcomes, row counts),
 * the ledger's reversal checks, the frozen beneficiaries. Checks at the end compare summaries
 * with their tables. Plain (non-unique) indexes of the loaded tables are built after the load.
 *
 * Accounts (password bench-password-2025): bench_admin (ADMIN), bench_officer (AGENCY_OFFICER of
 * the demo's first agency, which gets its share: ~300 households, ~100 groups) and bench_member
 * (GROUP_MEMBER leading one of that agency's groups).
 */

const BENCH_PASSWORD = 'bench-password-2025';
const REPO = path.resolve(__dirname, '..', '..', '..');

/** Counts multiplied by --scale (at least 1 each, and at least SCALED_MINIMUM says). */
const SIZES = {
  provinces: 63,
  districts: 700,
  communes: 10_000,
  agencies: 1_000,
  households: 300_000,
  groups: 100_000,
  staff: 200_000,
  contributions: 2_000_000,
  progressEntries: 200_000,
  visits: 400_000,
};
/** A scaled count's floor where the data set needs more than one: the demo's two agencies. */
const SCALED_MINIMUM: Partial<Record<keyof typeof SIZES, number>> = { agencies: 2, staff: 2 };
/** Shapes, not scaled. */
const SHAPES = {
  villagesPerCommune: 8,
  householdsPerGroup: 4,
  membersPerGroup: 3,
  reviewsPerHousehold: 3,
  commitmentsPerMemorandum: 4,
  /** Rows per INSERT statement for the big tables (households-driven ones: about as many rows). */
  batch: 500_000,
};
type Sizes = typeof SIZES & typeof SHAPES;

interface Options {
  sizes: Sizes;
  seed: number;
  scale: number;
  database: string;
  port: number;
  dataDir: string;
  serve: boolean;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'serve' || name === 'help') flags.add(name);
    else if (inline !== undefined) values.set(name, inline);
    else if (i + 1 < argv.length) values.set(name, argv[++i]!);
    else throw new Error(`--${name} needs a value`);
  }
  const known = new Set(
    [...Object.keys(SIZES), ...Object.keys(SHAPES)]
      .map(kebab)
      .concat(['scale', 'seed', 'database', 'port', 'data-dir']),
  );
  if (flags.has('help')) {
    process.stdout.write(
      `npm run bench:data -- [--serve] ${[...known].map((k) => `[--${k} N]`).join(' ')}\n`,
    );
    process.exit(0);
  }
  for (const name of values.keys()) if (!known.has(name)) throw new Error(`unknown flag --${name}`);
  const integer = (name: string, fallback: number, min: number) => {
    const raw = values.get(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isSafeInteger(value) || value < min)
      throw new Error(`--${name} must be an integer of at least ${min}, got ${raw}`);
    return value;
  };
  const scale = Number(values.get('scale') ?? 1);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number`);
  const sizes = {} as Sizes;
  for (const [key, fallback] of Object.entries(SIZES))
    sizes[key as keyof typeof SIZES] = integer(
      kebab(key),
      Math.max(SCALED_MINIMUM[key as keyof typeof SIZES] ?? 1, Math.round(fallback * scale)),
      1,
    );
  for (const [key, fallback] of Object.entries(SHAPES))
    sizes[key as keyof typeof SHAPES] = integer(kebab(key), fallback, 1);
  // The demo's two agencies take the first two of the agency slots.
  if (sizes.agencies < 2) throw new Error('--agencies must be at least 2 (the demo has two)');
  if (sizes.staff < sizes.agencies) throw new Error('--staff must be at least --agencies');
  if (sizes.households < sizes.communes)
    throw new Error('--households must be at least --communes');
  if (sizes.reviewsPerHousehold > 30) throw new Error('--reviews-per-household is at most 30');
  const database = values.get('database') ?? 'plan68_bench';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database))
    throw new Error(`--database must be a plain lower-case name, got ${database}`);
  return {
    sizes,
    scale,
    seed: integer('seed', 68, 0),
    database,
    port: integer('port', 5499, 1),
    dataDir: path.resolve(values.get('data-dir') ?? path.join(REPO, '.data', 'bench')),
    serve: flags.has('serve'),
  };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Công', 'Quang', 'Minh', 'Thành', 'Ngọc', 'Xuân', 'Đình'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Thúy'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Khoa',
  'Long',
  'Lộc',
  'Minh',
  'Nam',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thắng',
  'Thịnh',
  'Trung',
  'Tuấn',
  'Vinh',
  'Việt',
];
const GIVEN_F = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'Nga',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Thảo',
  'Trang',
  'Tuyết',
  'Vân',
  'Yến',
];
const PLACE = [
  'Xuân',
  'Hòa',
  'An',
  'Phú',
  'Sơn',
  'Bình',
  'Tân',
  'Thạnh',
  'Hưng',
  'Phước',
  'Long',
  'Mỹ',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Thuận',
  'Lộc',
  'Trung',
  'Quang',
  'Hiệp',
  'Lâm',
  'Đức',
  'Thành',
];
const DEPARTMENTS = [
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Nông nghiệp và Môi trường',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Xây dựng',
  'Sở Nội vụ',
  'Sở Công Thương',
  'Ban Dân tộc',
  'Thanh tra tỉnh',
];
const PARTY = ['Ban Tổ chức', 'Ban Tuyên giáo và Dân vận', 'Ủy ban Kiểm tra', 'Đảng ủy khối'];
const MASS = ['Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Tỉnh đoàn', 'Hội Cựu chiến binh'];
const BUSINESS = ['Ngân hàng Chính sách xã hội', 'Công ty Điện lực', 'Công ty Cấp thoát nước'];
const CIRCUMSTANCES = [
  'Thiếu vốn sản xuất, thu nhập chủ yếu từ làm thuê theo mùa vụ.',
  'Chủ hộ ốm đau thường xuyên, con còn nhỏ đang đi học.',
  'Nhà tạm, thiếu đất sản xuất.',
  'Thiếu kiến thức và kỹ thuật chăn nuôi, trồng trọt.',
  'Hộ đông nhân khẩu, ít lao động.',
  'Người cao tuổi sống một mình.',
];
const NEEDS = [
  'CAPITAL,HUSBANDRY',
  'CULTIVATION',
  'CAPITAL,HOUSING',
  'HUSBANDRY,EDUCATION',
  'CAPITAL,CULTIVATION',
  'HEALTH',
  'HOUSING,HEALTH',
  'EDUCATION',
  'OTHER',
];
const FINDINGS = [
  'Nắm hoàn cảnh, nhu cầu của hộ; hướng dẫn thủ tục vay vốn ưu đãi.',
  'Hộ đã nhận giống, đang chăm sóc tốt.',
  'Động viên con em tiếp tục đi học.',
  'Hướng dẫn kỹ thuật chăn nuôi bò sinh sản.',
  'Kiểm tra tiến độ sửa chữa nhà ở.',
  'Hộ đề nghị hỗ trợ thêm cây giống.',
];
const COMMITMENTS: [string, string][] = [
  ['THEMATIC_SESSIONS', 'Giúp Đảng ủy xã tổ chức sinh hoạt chuyên đề'],
  ['LEGAL_SUPPORT', 'Tuyên truyền, trợ giúp pháp lý cho người dân'],
  ['MASS_ORGANIZATIONS', 'Nâng cao chất lượng hoạt động các hội, đoàn thể'],
  ['MARKET_ENVIRONMENT_CRITERIA', 'Tác động vào tiêu chí môi trường (nông thôn mới)'],
  ['TEMPORARY_HOUSE_REMOVAL', 'Xóa nhà tạm cho hộ nghèo'],
];
const RANKS = [
  'DIRECTOR',
  'DEPUTY_DIRECTOR',
  'HEAD_OF_DIVISION',
  'DEPUTY_HEAD_OF_DIVISION',
  'CIVIL_SERVANT',
] as const;
const POSITIONS = ['Giám đốc', 'Phó Giám đốc', 'Trưởng phòng', 'Phó Trưởng phòng', 'Chuyên viên'];

// ---------------------------------------------------------------------------------------------
// SQL building blocks (all values are ours: integers checked above, fixed Vietnamese words)

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]) => `ARRAY[${values.map(literal).join(', ')}]::text[]`;
/** A deterministic pseudo-random integer in [0, m): salt picks an independent stream. */
const rnd = (salt: number, n: string, m: number | string) => `pg_temp.rnd(${salt}, ${n}, ${m})`;
const pick = (values: readonly string[], salt: number, n: string) =>
  `(${list(values)})[1 + ${rnd(salt, n, values.length)}]`;
const id = (kind: string, n: string) => `pg_temp.bid('${kind}', ${n})`;
const day = (from: string, salt: number, n: string, span: number) =>
  `(date '${from}' + ${rnd(salt, n, span)}::int)`;
const at = (date: string, hours: number) =>
  `((${date})::timestamp + interval '${hours} hours') AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

const maleName = (salt: number, n: string) =>
  `${pick(FAMILY, salt, n)} || ' ' || ${pick(MIDDLE_M, salt + 1, n)} || ' ' || ${pick(GIVEN_M, salt + 2, n)}`;
const femaleName = (salt: number, n: string) =>
  `${pick(FAMILY, salt, n)} || ' ' || ${pick(MIDDLE_F, salt + 1, n)} || ' ' || ${pick(GIVEN_F, salt + 2, n)}`;
const placeName = (salt: number, n: string) =>
  `${pick(PLACE, salt, n)} || ' ' || ${pick(PLACE, salt + 1, n)}`;
/** The head of household h: also the name of the household (head_name). */
const headName = (h: string) => maleName(100, h);
/** Rank of the t-th person of an agency: one director, two deputies, seven heads, … */
const rankOf = (t: string) =>
  `(CASE WHEN ${t} = 0 THEN 'DIRECTOR' WHEN ${t} < 3 THEN 'DEPUTY_DIRECTOR' WHEN ${t} < 10 THEN 'HEAD_OF_DIVISION'
         WHEN ${t} < 25 THEN 'DEPUTY_HEAD_OF_DIVISION' ELSE 'CIVIL_SERVANT' END)`;
const rateOf = (rank: string) =>
  `(CASE ${rank} ${RANKS.map((r) => `WHEN '${r}' THEN ${DEMO_RATES[r]}`).join(' ')} END)`;

interface Step {
  table: string;
  sql: string;
}

/**
 * Where a section runs: `first` and `last` on the main session, one after the other; the two lanes
 * between them side by side on sessions of their own (they share no table).
 */
type Lane = 'first' | 'households' | 'groups' | 'last';

/** The statements, in an order that satisfies every foreign key. */
function plan(s: Sizes): { name: string; lane: Lane; steps: Step[] }[] {
  const P = s.provinces;
  const D = s.districts;
  const C = s.communes;
  const VPC = s.villagesPerCommune;
  const A = s.agencies;
  const H = s.households;
  const G = s.groups;
  const S = s.staff;
  const HPG = s.householdsPerGroup;
  const MPG = s.membersPerGroup;
  const R = s.reviewsPerHousehold;
  const CPM = s.commitmentsPerMemorandum;
  const NC = C * CPM;
  /** Staff of agency a: slots a, a + A, a + 2A, … */
  const staffOf = (a: string) => `((${S} - 1 - ${a}) / ${A} + 1)`;
  /** Households of commune c: c, c + C, c + 2C, … */
  const householdsOf = (c: string) => `((${H} - 1 - ${c}) / ${C} + 1)`;
  /** Batches of [lo, hi] over 0..count-1, about `rows` rows each. */
  const batches = (count: number, rowsPerItem: number) => {
    const size = Math.max(1, Math.floor(s.batch / rowsPerItem));
    const out: [number, number][] = [];
    for (let lo = 0; lo < count; lo += size) out.push([lo, Math.min(count, lo + size) - 1]);
    return out;
  };
  const householdHead = (h: string) => `1950 + ${rnd(21, h, 50)}`;

  return [
    {
      name: 'administrative units',
      lane: 'first',
      steps: [
        {
          table: 'administrative_units',
          sql: `INSERT INTO administrative_units (id, level, name, code)
                SELECT ${id('province', 'p')}, 'PROVINCE', 'Tỉnh ' || ${placeName(1, 'p')} || ' ' || (p + 1),
                       lpad((p + 1)::text, 2, '0')
                  FROM generate_series(0, ${P - 1}) p`,
        },
        {
          table: 'administrative_units',
          sql: `INSERT INTO administrative_units (id, level, name, code, parent_id)
                SELECT ${id('district', 'd')}, 'DISTRICT', 'Huyện ' || ${placeName(3, 'd')},
                       lpad((d + 1)::text, 3, '0'), ${id('province', `d % ${P}`)}
                  FROM generate_series(0, ${D - 1}) d`,
        },
        {
          table: 'administrative_units',
          sql: `INSERT INTO administrative_units (id, level, name, code, parent_id)
                SELECT ${id('commune', 'c')}, 'COMMUNE', 'Xã ' || ${placeName(5, 'c')},
                       lpad((c + 1)::text, 5, '0'), ${id('district', `c % ${D}`)}
                  FROM generate_series(0, ${C - 1}) c`,
        },
        {
          table: 'administrative_units',
          sql: `INSERT INTO administrative_units (id, level, name, parent_id)
                SELECT ${id('village', 'v')}, 'VILLAGE', 'Thôn ' || (v % ${VPC} + 1),
                       ${id('commune', `v / ${VPC}`)}
                  FROM generate_series(0, ${C * VPC - 1}) v`,
        },
      ],
    },
    {
      name: 'agencies, plans and funds',
      lane: 'first',
      steps: [
        {
          table: 'organizations',
          sql: `INSERT INTO organizations (id, name, short_name, kind, level, administrative_unit_id)
                SELECT ${id('org', 'a')}, x.name || ' số ' || (a + 1), x.name, x.kind::organization_kind,
                       'PROVINCE', ${id('province', `a % ${P}`)}
                  FROM generate_series(2, ${A - 1}) a
                 CROSS JOIN LATERAL (SELECT CASE a % 5
                     WHEN 0 THEN 'PARTY_COMMITTEE' WHEN 1 THEN 'MASS_ORGANIZATION' WHEN 2 THEN 'BUSINESS'
                     ELSE 'STATE_AGENCY' END AS kind) k
                 CROSS JOIN LATERAL (SELECT CASE k.kind
                     WHEN 'PARTY_COMMITTEE' THEN ${pick(PARTY, 7, 'a')}
                     WHEN 'MASS_ORGANIZATION' THEN ${pick(MASS, 8, 'a')}
                     WHEN 'BUSINESS' THEN ${pick(BUSINESS, 9, 'a')}
                     ELSE ${pick(DEPARTMENTS, 10, 'a')} END AS name, k.kind) x`,
        },
        {
          table: 'bench_agency (temporary)',
          sql: `INSERT INTO bench_agency (slot, org_id, fund_id, name, province)
                SELECT a, o.id, ${id('fund', 'a')}, o.name, a % ${P}
                  FROM generate_series(2, ${A - 1}) a JOIN organizations o ON o.id = ${id('org', 'a')}`,
        },
        {
          table: 'plans',
          sql: `INSERT INTO plans (id, code, title, model_name, issued_date)
                SELECT ${id('plan', 'p')}, 'KH-' || lpad((p + 1)::text, 2, '0') || '/BENCH',
                       'Kế hoạch giúp đỡ xã, thôn khó khăn và hộ nghèo – ' || u.name,
                       'Cơ quan, đơn vị giúp đỡ xã, thôn khó khăn; cán bộ giúp đỡ hộ nghèo',
                       ${day('2021-01-01', 11, 'p', 365)}
                  FROM generate_series(0, ${P - 1}) p JOIN administrative_units u ON u.id = ${id('province', 'p')}`,
        },
        {
          table: 'funds',
          sql: `INSERT INTO funds (id, name, organization_id, plan_id)
                SELECT fund_id, 'Quỹ thực hiện Kế hoạch – ' || name, org_id, ${id('plan', 'province')}
                  FROM bench_agency WHERE slot >= 2`,
        },
        {
          table: 'contribution_rates',
          sql: `INSERT INTO contribution_rates (id, fund_id, title_rank, monthly_amount, valid_from)
                SELECT ${id('rate', 'a.slot * 8 + r.n')}, a.fund_id, r.rank::title_rank, r.amount, date '2014-01-01'
                  FROM bench_agency a
                 CROSS JOIN (VALUES ${RANKS.map((rank, n) => `(${n}, '${rank}', ${DEMO_RATES[rank]})`).join(', ')}) r(n, rank, amount)
                 WHERE a.slot >= 2`,
        },
      ],
    },
    {
      name: 'partnerships, memoranda and commitments',
      lane: 'first',
      steps: [
        {
          table: 'partnerships',
          sql: `INSERT INTO partnerships (id, name, plan_id, commune_id, coordination_plan_date)
                SELECT ${id('partnership', 'c')}, a.name || ' giúp đỡ ' || u.name,
                       ${id('plan', `(c % ${D}) % ${P}`)}, u.id, ${day('2021-03-01', 12, 'c', 365)}
                  FROM generate_series(0, ${C - 1}) c
                  JOIN bench_agency a ON a.slot = c % ${A}
                  JOIN administrative_units u ON u.id = ${id('commune', 'c')}`,
        },
        {
          table: 'partnership_sponsors',
          sql: `INSERT INTO partnership_sponsors (partnership_id, organization_id)
                SELECT ${id('partnership', 'c')}, a.org_id
                  FROM generate_series(0, ${C - 1}) c JOIN bench_agency a ON a.slot = c % ${A}`,
        },
        {
          table: 'memoranda',
          sql: `INSERT INTO memoranda (id, partnership_id, title, signed_date)
                SELECT ${id('memorandum', 'c')}, ${id('partnership', 'c')},
                       'Biên bản ghi nhớ giúp đỡ xã số ' || (c + 1), ${day('2021-06-01', 13, 'c', 365)}
                  FROM generate_series(0, ${C - 1}) c`,
        },
        {
          table: 'memorandum_parties',
          sql: `INSERT INTO memorandum_parties (memorandum_id, organization_id)
                SELECT ${id('memorandum', 'c')}, a.org_id
                  FROM generate_series(0, ${C - 1}) c JOIN bench_agency a ON a.slot = c % ${A}`,
        },
        {
          table: 'commitments',
          sql: `INSERT INTO commitments (id, memorandum_id, area, title, target_quantity, target_unit,
                                         responsible_organization_id, due_date, position)
                SELECT ${id('commitment', 'q')}, ${id('memorandum', `q / ${CPM}`)}, k.area::commitment_area,
                       k.title, CASE WHEN k.area = 'TEMPORARY_HOUSE_REMOVAL' THEN 1 + ${rnd(14, 'q', 5)}::int END,
                       CASE WHEN k.area = 'TEMPORARY_HOUSE_REMOVAL' THEN 'nhà' END,
                       a.org_id, ${day('2025-06-30', 15, 'q', 900)}, q % ${CPM}
                  FROM generate_series(0, ${NC - 1}) q
                  JOIN bench_agency a ON a.slot = (q / ${CPM}) % ${A}
                 CROSS JOIN LATERAL (SELECT (${list(COMMITMENTS.map((c) => c[0]))})[1 + (q + q / ${CPM}) % ${COMMITMENTS.length}] AS area,
                                            (${list(COMMITMENTS.map((c) => c[1]))})[1 + (q + q / ${CPM}) % ${COMMITMENTS.length}] AS title) k`,
        },
      ],
    },
    {
      name: 'staff',
      lane: 'first',
      steps: [
        {
          table: 'staff_members',
          sql: `INSERT INTO staff_members (id, full_name, organization_id, position, party_member, active,
                                           created_at, updated_at)
                SELECT ${id('staff', 'x')},
                       CASE WHEN ${rnd(20, 'x', 2)} = 0 THEN ${maleName(200, 'x')} ELSE ${femaleName(200, 'x')} END,
                       a.org_id, (${list(POSITIONS)})[array_position(${list(RANKS)}, ${rankOf(`x / ${A}`)})],
                       ${rnd(23, 'x', 10)} < 7, ${rnd(24, 'x', 50)} <> 0,
                       ${at(day('2014-01-01', 25, 'x', 2900), 8)}, ${at(day('2014-01-01', 25, 'x', 2900), 8)}
                  FROM generate_series(0, ${S - 1}) x JOIN bench_agency a ON a.slot = x % ${A}`,
        },
        {
          table: 'staff_assignments',
          sql: `INSERT INTO staff_assignments (id, staff_member_id, organization_id, title_rank, valid_from)
                SELECT ${id('assignment', 'x')}, ${id('staff', 'x')}, a.org_id, ${rankOf(`x / ${A}`)}::title_rank,
                       ${day('2014-01-01', 25, 'x', 2900)}
                  FROM generate_series(0, ${S - 1}) x JOIN bench_agency a ON a.slot = x % ${A}`,
        },
      ],
    },
    {
      name: 'households',
      lane: 'households',
      steps: [
        ...batches(H, 1).map(([lo, hi]) => ({
          table: 'households',
          sql: `INSERT INTO households (id, village_id, head_name, address, circumstances, needs, organization_id,
                                        legal_basis, consent_date, consent_method, consent_notice_version,
                                        created_at, updated_at)
                SELECT ${id('household', 'h')}, ${id('village', `(h % ${C}) * ${VPC} + (h / ${C}) % ${VPC}`)},
                       ${headName('h')}, 'Thôn ' || ((h / ${C}) % ${VPC} + 1) || ', số nhà ' || (h / ${C} + 1),
                       ${pick(CIRCUMSTANCES, 27, 'h')}, string_to_array(${pick(NEEDS, 28, 'h')}, ',')::household_need[],
                       a.org_id, x.basis::legal_basis,
                       CASE WHEN x.basis = 'CONSENT' THEN ${day('2022-01-01', 30, 'h', 900)} END,
                       CASE WHEN x.basis = 'CONSENT' THEN 'WRITTEN'::consent_method END,
                       CASE WHEN x.basis = 'CONSENT' THEN 'TB-2022/01' END,
                       ${at(day('2021-01-01', 31, 'h', 1600), 10)}, ${at(day('2021-01-01', 31, 'h', 1600), 10)}
                  FROM generate_series(${lo}, ${hi}) h
                  JOIN bench_agency a ON a.slot = (h % ${C}) % ${A}
                 CROSS JOIN LATERAL (SELECT CASE WHEN ${rnd(29, 'h', 10)} = 0 THEN 'CONSENT'
                                                 ELSE 'STATUTORY_DUTY' END AS basis) x`,
        })),
        // 2 to 5 people each (3.5 on average); citizen IDs are (n · K + seed) mod 10^12 for n = 8h + i,
        // a bijection (K is prime to 10), so unique; none for children under 14.
        ...batches(H, 3.5).map(([lo, hi]) => ({
          table: 'household_members',
          sql: `INSERT INTO household_members (id, household_id, full_name, birth_year, relation, is_pupil,
                                               citizen_id, legacy_id_number, created_at, updated_at)
                SELECT ${id('member', 'm.n')}, ${id('household', 'h')}, m.name, m.born, m.relation::relation,
                       m.born BETWEEN 2006 AND 2019,
                       CASE WHEN m.born <= 2011
                            THEN lpad(((m.n * 982451653 + pg_temp.seed() * 1000003) % 1000000000000)::text, 12, '0') END,
                       CASE WHEN m.born <= 1990 AND ${rnd(32, 'm.n', 3)} = 0
                            THEN lpad(((m.n * 1000003 + pg_temp.seed()) % 1000000000)::text, 9, '0') END,
                       ${at(day('2021-01-01', 31, 'h', 1600), 10)}, ${at(day('2021-01-01', 31, 'h', 1600), 10)}
                  FROM generate_series(${lo}, ${hi}) h
                 CROSS JOIN LATERAL generate_series(1, 2 + ${rnd(33, 'h', 4)}::int) i
                 CROSS JOIN LATERAL (SELECT h::bigint * 8 + i AS n, (${householdHead('h')})::int AS head_born) b
                 CROSS JOIN LATERAL (SELECT b.n,
                   CASE WHEN i = 1 THEN 'HEAD' WHEN i = 2 THEN 'SPOUSE'
                        WHEN i = 5 AND ${rnd(34, 'b.n', 2)} = 0 THEN 'PARENT'
                        WHEN i = 5 THEN 'GRANDCHILD' ELSE 'CHILD' END AS relation) r
                 CROSS JOIN LATERAL (SELECT b.n, r.relation,
                   CASE r.relation WHEN 'HEAD' THEN ${headName('h')}
                        WHEN 'SPOUSE' THEN ${femaleName(300, 'b.n')}
                        WHEN 'PARENT' THEN ${pick(FAMILY, 100, 'h')} || ' ' || ${pick(MIDDLE_M, 303, 'b.n')} || ' ' || ${pick(GIVEN_M, 304, 'b.n')}
                        ELSE ${pick(FAMILY, 100, 'h')} || ' ' || CASE WHEN ${rnd(35, 'b.n', 2)} = 0
                             THEN ${pick(MIDDLE_M, 305, 'b.n')} || ' ' || ${pick(GIVEN_M, 306, 'b.n')}
                             ELSE ${pick(MIDDLE_F, 307, 'b.n')} || ' ' || ${pick(GIVEN_F, 308, 'b.n')} END END AS name,
                   CASE r.relation WHEN 'HEAD' THEN b.head_born
                        WHEN 'SPOUSE' THEN b.head_born + ${rnd(36, 'b.n', 7)}::int - 2
                        WHEN 'PARENT' THEN b.head_born - 22 - ${rnd(37, 'b.n', 10)}::int
                        WHEN 'GRANDCHILD' THEN least(2024, b.head_born + 42 + ${rnd(38, 'b.n', 10)}::int)
                        ELSE least(2024, b.head_born + 18 + ${rnd(39, 'b.n', 18)}::int) END AS born) m`,
        })),
        {
          // Now poor or near-poor since 2022; a third were poor before; one in ten a policy family.
          table: 'household_category_periods',
          sql: `INSERT INTO household_category_periods (id, household_id, category, valid_from, valid_to)
                SELECT ${id('period', 'h * 4 + k.kind')}, ${id('household', 'h')}, k.category::household_category,
                       k.valid_from, k.valid_to
                  FROM generate_series(0, ${H - 1}) h
                 CROSS JOIN LATERAL (VALUES
                   (0, CASE WHEN ${rnd(40, 'h', 10)} < 7 THEN 'POOR' ELSE 'NEAR_POOR' END, date '2022-01-01', NULL::date),
                   (1, 'POOR', date '2016-01-01', date '2021-12-31'),
                   (2, 'POLICY_FAMILY', date '2010-01-01', NULL::date)) k(kind, category, valid_from, valid_to)
                 WHERE k.kind = 0 OR (k.kind = 1 AND ${rnd(41, 'h', 3)} = 0) OR (k.kind = 2 AND ${rnd(42, 'h', 10)} = 0)`,
        },
        ...batches(H, R).map(([lo, hi]) => ({
          table: 'poverty_reviews',
          sql: `INSERT INTO poverty_reviews (id, household_id, year, standard, result)
                SELECT ${id('review', `h * 32 + y`)}, ${id('household', 'h')}, 2025 - ${R} + y,
                       CASE WHEN 2025 - ${R} + y >= 2022 THEN 'Chuẩn nghèo đa chiều giai đoạn 2022–2025'
                            ELSE 'Chuẩn nghèo giai đoạn 2016–2020' END,
                       (CASE WHEN x.v < 55 THEN 'POOR' WHEN x.v < 85 THEN 'NEAR_POOR' ELSE 'NOT_POOR' END)::poverty_result
                  FROM generate_series(${lo}, ${hi}) h CROSS JOIN generate_series(0, ${R - 1}) y
                 CROSS JOIN LATERAL (SELECT ${rnd(43, 'h * 32 + y', 100)} AS v) x`,
        })),
      ],
    },
    {
      name: 'group work',
      lane: 'last',
      steps: [
        {
          // Group (c, j) helps households k = HPG·j + i of its commune (mod their number).
          table: 'support_group_households',
          sql: `INSERT INTO support_group_households (support_group_id, household_id)
                SELECT ${id('group', 'b.g')}, ${id('household', `b.c + ${C} * ((${HPG} * b.j + i) % ${householdsOf('b.c')})`)}
                  FROM bench_group b CROSS JOIN generate_series(0, ${HPG - 1}) i
                ON CONFLICT DO NOTHING`,
        },
        ...batches(s.visits, 1).map(([lo, hi]) => ({
          table: 'visits',
          sql: `INSERT INTO visits (id, group_id, household_id, visit_date, findings, created_at, updated_at)
                SELECT ${id('visit', 'v')}, ${id('group', 'b.g')},
                       ${id('household', `b.c + ${C} * ((${HPG} * b.j + (v / ${G}) % ${HPG}) % ${householdsOf('b.c')})`)},
                       ${day('2022-01-01', 44, 'v', 1270)}, ${pick(FINDINGS, 45, 'v')},
                       ${at(day('2022-01-01', 44, 'v', 1270), 17)}, ${at(day('2022-01-01', 44, 'v', 1270), 17)}
                  FROM generate_series(${lo}, ${hi}) v JOIN bench_group b ON b.g = v % ${G}`,
        })),
        ...batches(s.visits, 1).map(([lo, hi]) => ({
          table: 'visit_participants',
          sql: `INSERT INTO visit_participants (visit_id, staff_member_id)
                SELECT ${id('visit', 'v')}, ${id('staff', `b.a + ${A} * ((${MPG} * b.gi) % ${staffOf('b.a')})`)}
                  FROM generate_series(${lo}, ${hi}) v JOIN bench_group b ON b.g = v % ${G}`,
        })),
      ],
    },
    {
      name: 'support groups, progress and contributions',
      lane: 'groups',
      steps: [
        {
          table: 'support_groups',
          sql: `INSERT INTO support_groups (id, name, organization_id, partnership_id, formed_date, leader_id,
                                            created_at, updated_at)
                SELECT ${id('group', 'b.g')}, 'Tổ giúp đỡ ' || (b.j + 1) || ' – ' || u.name, a.org_id,
                       ${id('partnership', 'b.c')}, ${day('2021-06-01', 26, 'b.g', 700)},
                       ${id('staff', `b.a + ${A} * ((${MPG} * b.gi) % ${staffOf('b.a')})`)},
                       ${at(day('2021-06-01', 26, 'b.g', 700), 9)}, ${at(day('2021-06-01', 26, 'b.g', 700), 9)}
                  FROM bench_group b
                  JOIN bench_agency a ON a.slot = b.a
                  JOIN administrative_units u ON u.id = ${id('commune', 'b.c')}`,
        },
        {
          table: 'support_group_members',
          sql: `INSERT INTO support_group_members (support_group_id, staff_member_id)
                SELECT ${id('group', 'b.g')}, ${id('staff', `b.a + ${A} * ((${MPG} * b.gi + i) % ${staffOf('b.a')})`)}
                  FROM bench_group b CROSS JOIN generate_series(0, ${MPG - 1}) i
                ON CONFLICT DO NOTHING`,
        },
        {
          // The statement-level trigger recounts commitment_progress once for the whole batch.
          table: 'progress_entries',
          sql: `INSERT INTO progress_entries (id, commitment_id, entry_date, description, quantity, cost, completes)
                SELECT ${id('progress', 'e')}, ${id('commitment', `e % ${NC}`)}, ${day('2021-09-01', 16, 'e', 1400)},
                       'Kết quả thực hiện đợt ' || (e / ${NC} + 1), ${rnd(17, 'e', 3)}::int,
                       (${rnd(18, 'e', 200)} + 1) * 100000, ${rnd(19, 'e', 40)} = 0
                  FROM generate_series(0, ${s.progressEntries - 1}) e`,
        },
        // Person x pays the rate of their rank to their agency's fund, month after month back from
        // June 2025, within the month (so the dues report finds every month paid).
        ...batches(s.contributions, 1).map(([lo, hi]) => ({
          table: 'contributions',
          sql: `INSERT INTO contributions (id, fund_id, amount, staff_member_id, month, paid_date, created_at, updated_at)
                SELECT ${id('contribution', 'n')}, a.fund_id, ${rateOf(rankOf(`(n % ${S}) / ${A}`))},
                       ${id('staff', `n % ${S}`)}, m.month, m.month + ${rnd(46, 'n', 28)}::int,
                       ${at(`m.month + ${rnd(46, 'n', 28)}::int`, 14)}, ${at(`m.month + ${rnd(46, 'n', 28)}::int`, 14)}
                  FROM generate_series(${lo}, ${hi}) n
                  JOIN bench_agency a ON a.slot = (n % ${S}) % ${A}
                 CROSS JOIN LATERAL (SELECT (date '2025-06-01' - make_interval(months => (n / ${S})::int))::date AS month) m`,
        })),
        {
          // One in a thousand entered by mistake and reversed the next day (same fund and amount).
          table: 'contributions',
          sql: `INSERT INTO contributions (id, fund_id, amount, reverses_id, note, staff_member_id, month, paid_date)
                SELECT ${id('reversal', 'x')}, c.fund_id, c.amount, c.id, 'Hủy bút toán nhập nhầm',
                       c.staff_member_id, c.month, c.paid_date + 1
                  FROM generate_series(0, ${s.contributions - 1}) x
                  JOIN contributions c ON c.id = ${id('contribution', 'x')}
                 WHERE ${rnd(47, 'x', 1000)} = 0`,
        },
        {
          table: 'donations',
          sql: `INSERT INTO donations (id, fund_id, amount, donor_kind, donor_name, form, received_date)
                SELECT ${id('donation', 'a.slot * 4 + d')}, a.fund_id, (1 + ${rnd(48, 'a.slot * 4 + d', 20)}) * 500000,
                       x.kind::donor_kind,
                       CASE x.kind WHEN 'INDIVIDUAL' THEN ${maleName(400, 'a.slot * 4 + d')}
                            WHEN 'BUSINESS' THEN 'Công ty TNHH ' || ${placeName(403, 'a.slot * 4 + d')}
                            ELSE ${pick(MASS, 405, 'a.slot * 4 + d')} || ' ' || ${placeName(406, 'a.slot * 4 + d')} END,
                       'CASH', ${day('2025-01-15', 49, 'a.slot * 4 + d', 150)}
                  FROM bench_agency a CROSS JOIN generate_series(0, 1) d
                 CROSS JOIN LATERAL (SELECT ${pick(['INDIVIDUAL', 'BUSINESS', 'MASS_ORGANIZATION'], 50, 'a.slot * 4 + d')} AS kind) x`,
        },
      ],
    },
    {
      name: 'gifts from the funds',
      lane: 'last',
      steps: [
        {
          // Two gift rounds per fund after every entry above, each a tenth of what came in: the
          // balance never goes below zero. Planned first: beneficiaries freeze once posted.
          table: 'disbursements',
          sql: `WITH net AS (
                  SELECT fund_id, sum(CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END) AS amount
                    FROM (SELECT fund_id, amount, reverses_id FROM contributions
                          UNION ALL SELECT fund_id, amount, reverses_id FROM donations) m
                   GROUP BY fund_id)
                INSERT INTO disbursements (id, fund_id, amount, status, purpose, description, quantity, unit_amount,
                                           planned_date, event_name)
                SELECT ${id('disbursement', 'a.slot * 4 + d')}, a.fund_id, greatest(1, n.amount / 100) * 10, 'PLANNED',
                       (CASE d WHEN 0 THEN 'POOR_PUPIL_GIFTS' ELSE 'POLICY_FAMILY_GIFTS' END)::disbursement_purpose,
                       CASE d WHEN 0 THEN 'Quà cho học sinh nghèo vượt khó' ELSE 'Quà cho gia đình chính sách' END,
                       10, greatest(1, n.amount / 100), date '2025-07-01' + 7 * d, 'Đợt trao quà ' || (d + 1) || ' năm 2025'
                  FROM bench_agency a JOIN net n ON n.fund_id = a.fund_id CROSS JOIN generate_series(0, 1) d`,
        },
        {
          table: 'disbursement_households',
          // The first ten households of the agency for the first round, the next ten for the second.
          sql: `INSERT INTO disbursement_households (disbursement_id, household_id)
                SELECT ${id('disbursement', 'a.slot * 4 + k')}, h.id
                  FROM (SELECT id, organization_id,
                               row_number() OVER (PARTITION BY organization_id ORDER BY id) - 1 AS rank
                          FROM households) h
                  JOIN bench_agency a ON a.org_id = h.organization_id
                  JOIN generate_series(0, 1) k ON h.rank / 10 = k`,
        },
        {
          table: 'disbursements (posted)',
          sql: `UPDATE disbursements SET status = 'POSTED', disbursed_date = planned_date + 2, version = version + 1
                 WHERE id IN (SELECT ${id('disbursement', 'a.slot * 4 + k')} FROM bench_agency a CROSS JOIN generate_series(0, 1) k)`,
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------

const format = (n: number) => n.toLocaleString('en-US');
const out = (line: string) => process.stdout.write(`${line}\n`);

async function startCluster(options: Options): Promise<EmbeddedPostgres> {
  const pgDir = path.join(options.dataDir, 'postgres');
  mkdirSync(options.dataDir, { recursive: true });
  const closed = folderClosedToPostgres(pgDir);
  if (closed) {
    throw new Error(
      `PostgreSQL runs as the user "postgres" and cannot reach ${pgDir}: the folder ${closed} may ` +
        `not be entered by other users. Allow it (chmod o+x ${closed}) or pass --data-dir.`,
    );
  }
  return startEmbeddedPostgres({ dataDir: pgDir, port: options.port, reclaimOrphan: true });
}

/** How to reach the database afterwards, without printing a password. */
function connectionHelp(options: Options, embedded: boolean): string[] {
  if (!embedded) return [`  database: ${options.database} on the server of DATABASE_URL`];
  const passwordFile = path.relative(
    process.cwd(),
    path.join(options.dataDir, 'postgres.password'),
  );
  return [
    `  database: ${options.database} on the embedded PostgreSQL in ${path.join(options.dataDir, 'postgres')}, port ${options.port}`,
    `  start it: npm run bench:data -- --serve${options.port === 5499 ? '' : ` --port ${options.port}`}   (Ctrl+C stops it)`,
    `  URL while it runs: postgres://postgres:$(cat ${passwordFile})@127.0.0.1:${options.port}/${options.database}`,
  ];
}

async function serve(options: Options) {
  if (process.env.DATABASE_URL)
    throw new Error('--serve is for the embedded cluster (no DATABASE_URL)');
  if (!existsSync(path.join(options.dataDir, 'postgres', 'PG_VERSION')))
    throw new Error(`no data in ${options.dataDir}: run npm run bench:data first`);
  const cluster = await startCluster(options);
  out(['bench database running', ...connectionHelp(options, true)].join('\n'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await cluster.stop();
  out('stopped');
}

/**
 * A session for the load: no statement timeout, commits not waited for, and the helpers every
 * statement uses: pg_temp.bid (a v4-shaped UUID from kind and number), pg_temp.rnd (an integer in
 * [0, m) from salt and number), bench_agency (agency slot → organization, fund) and bench_group
 * (group number → commune, agency and its rank in the agency).
 */
async function openSession(url: string, options: Options): Promise<pg.Client> {
  const s = options.sizes;
  const client = new pg.Client({ connectionString: url, application_name: 'plan68-bench-data' });
  await client.connect();
  const q = (sql: string) => client.query(sql);
  await q(`SET synchronous_commit = off`);
  await q(`SET statement_timeout = 0`);
  await q(`SET work_mem = '256MB'`);
  await q(`SET maintenance_work_mem = '1GB'`);
  await q(`CREATE FUNCTION pg_temp.seed() RETURNS bigint LANGUAGE sql IMMUTABLE
             AS $$ SELECT ${options.seed}::bigint $$`);
  // NOTE: n::text, not n: bigint || text is only stable, and an immutable function whose body is
  // not is never inlined (it then costs a function call per value: twice the time).
  await q(`CREATE FUNCTION pg_temp.bid(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
             AS $$ SELECT overlay(overlay(md5(kind || ':' || n::text || ':${options.seed}')
                                  placing '4' from 13) placing '8' from 17)::uuid $$`);
  await q(`CREATE FUNCTION pg_temp.rnd(salt int, n bigint, m bigint) RETURNS bigint LANGUAGE sql IMMUTABLE
             AS $$ SELECT (hashint8extended(n, salt::bigint * 1000003 + ${options.seed})
                           & 9223372036854775807) % m $$`);
  // Agency slots: 0 and 1 are the demo's agencies (the demo's funds), 2… are ours (once created).
  await q(`CREATE TEMP TABLE bench_agency (slot int PRIMARY KEY, org_id uuid NOT NULL,
             fund_id uuid NOT NULL, name text NOT NULL, province int NOT NULL)`);
  await q(`INSERT INTO bench_agency
           SELECT row_number() OVER (ORDER BY o.name) - 1, o.id, f.id, o.name, 0
             FROM funds f JOIN organizations o ON o.id = f.organization_id
             JOIN plans p ON p.id = f.plan_id AND p.code = ${literal(DEMO.planCode)}`);
  await q(`INSERT INTO bench_agency (slot, org_id, fund_id, name, province)
           SELECT a, o.id, ${id('fund', 'a')}, o.name, a % ${s.provinces}
             FROM generate_series(2, ${s.agencies - 1}) a JOIN organizations o ON o.id = ${id('org', 'a')}`);
  // Group g works in commune g % C for the commune's sponsor; gi numbers it within its agency.
  await q(`CREATE TEMP TABLE bench_group (g int PRIMARY KEY, c int NOT NULL, j int NOT NULL,
             a int NOT NULL, gi int NOT NULL)`);
  await q(`INSERT INTO bench_group (g, c, j, a, gi)
           SELECT g, g % ${s.communes}, g / ${s.communes}, (g % ${s.communes}) % ${s.agencies},
                  row_number() OVER (PARTITION BY (g % ${s.communes}) % ${s.agencies} ORDER BY g) - 1
             FROM generate_series(0, ${s.groups - 1}) g`);
  await q(`ANALYZE bench_agency`);
  await q(`ANALYZE bench_group`);
  return client;
}

/**
 * PERF: random UUID keys touch a new index page with nearly every row, and after each checkpoint
 * every page touched is written whole to the WAL once more. Our own embedded cluster checkpoints
 * rarely during the load, and goes back to its defaults after it.
 */
async function tuneCheckpoints(url: string, load: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const setting of ['max_wal_size', 'checkpoint_timeout']) {
      const value = load ? (setting === 'max_wal_size' ? "'16GB'" : "'30min'") : null;
      await client.query(
        value ? `ALTER SYSTEM SET ${setting} = ${value}` : `ALTER SYSTEM RESET ${setting}`,
      );
    }
    await client.query(`SELECT pg_reload_conf()`);
  } finally {
    await client.end();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.serve) return serve(options);
  const s = options.sizes;
  const started = performance.now();
  let cluster: EmbeddedPostgres | null = null;
  let db: DataSource | null = null;
  let client: pg.Client | null = null;
  let auditOff: string[] = [];
  let indexesDropped: { name: string; sql: string }[] = [];
  try {
    // 1. A fresh database.
    let adminUrl: string;
    let url: string;
    if (process.env.DATABASE_URL) {
      const base = new URL(process.env.DATABASE_URL);
      if (base.pathname.replace(/^\//, '') === options.database)
        throw new Error(`refusing to drop DATABASE_URL's own database ${options.database}`);
      adminUrl = Object.assign(new URL(base), { pathname: '/postgres' }).toString();
      url = Object.assign(new URL(base), { pathname: `/${options.database}` }).toString();
    } else {
      cluster = await startCluster(options);
      adminUrl = cluster.adminUrl;
      url = cluster.urlFor(options.database);
    }
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${options.database}`);
    } finally {
      await admin.end();
    }
    out(
      `bench data: seed ${options.seed}, scale ${options.scale}, into ${options.database} ` +
        `(${cluster ? `embedded PostgreSQL, port ${cluster.port}` : 'DATABASE_URL'})`,
    );

    // 2. The real migrations and the demo.
    let t = performance.now();
    db = await openDatabase({ url });
    await seedDemoIfEmpty(db);
    out(`migrations and demo data: ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // 3. The bulk load, as the owner, on sessions of our own (no statement timeout, helpers).
    if (cluster) await tuneCheckpoints(url, true);
    client = await openSession(url, options);
    const q = (sql: string) => client!.query(sql);
    const [{ n: demoAgencies }] = (await q(`SELECT count(*)::int AS n FROM bench_agency`)).rows as {
      n: number;
    }[];
    if (demoAgencies !== 2) throw new Error(`expected the demo's 2 funds, found ${demoAgencies}`);

    // The audit trigger writes a JSON row per inserted row: off for the load, on again after.
    auditOff = (
      (
        await q(`SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                  WHERE t.tgname = 'audit' AND NOT t.tgisinternal AND c.relname <> 'users'
                  ORDER BY c.relname`)
      ).rows as { relname: string }[]
    ).map((r) => r.relname);
    for (const table of auditOff) await q(`ALTER TABLE ${table} DISABLE TRIGGER audit`);

    const sections = plan(s);
    const perTable = new Map<string, { rows: number; seconds: number }>();
    const runLane = async (session: pg.Client, lane: Lane) => {
      const tag = lane === 'first' || lane === 'last' ? '' : `[${lane}] `;
      for (const section of sections.filter((x) => x.lane === lane)) {
        out(`${tag}${section.name}`);
        for (const step of section.steps) {
          const begun = performance.now();
          const result = await session.query(step.sql);
          const seconds = (performance.now() - begun) / 1000;
          const rows = result.rowCount ?? 0;
          const total = perTable.get(step.table) ?? { rows: 0, seconds: 0 };
          perTable.set(step.table, { rows: total.rows + rows, seconds: total.seconds + seconds });
          out(
            `  ${`${tag}${step.table}`.padEnd(42)} ${format(rows).padStart(11)} rows ${seconds.toFixed(1).padStart(7)} s`,
          );
          if (step.table === 'bench_agency (temporary)')
            await session.query(`ANALYZE bench_agency`);
        }
      }
    };
    // PERF: an index built once from sorted rows costs a fraction of one maintained row by row
    // (trigram and ICU-collated indexes above all). The loaded tables' plain indexes are dropped
    // and built again after the load, by their own definitions; primary keys and unique indexes
    // stay (foreign-key checks, ON CONFLICT and triggers read them, and they check the data).
    const loaded = [...new Set(sections.flatMap((x) => x.steps.map((step) => step.table)))].filter(
      (table) => /^[a-z_]+$/.test(table),
    );
    const indexes = (
      await client.query(
        `SELECT c.relname AS name, t.relname AS table, pg_get_indexdef(i.indexrelid) AS sql
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
          WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY ($1::text[])
            AND NOT i.indisunique AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
          ORDER BY t.relname, c.relname`,
        [loaded],
      )
    ).rows as { name: string; table: string; sql: string }[];
    for (const index of indexes) await q(`DROP INDEX ${client.escapeIdentifier(index.name)}`);
    indexesDropped = indexes;
    out(`${indexes.length} indexes of the loaded tables dropped, to be built after the load`);

    await runLane(client, 'first');
    // Households and the groups' ledger share no table: side by side, one core each.
    t = performance.now();
    const lanes = await Promise.all([openSession(url, options), openSession(url, options)]);
    try {
      await Promise.all([runLane(lanes[0], 'households'), runLane(lanes[1], 'groups')]);
      out(`(the two lanes took ${((performance.now() - t) / 1000).toFixed(1)} s side by side)`);
      await runLane(client, 'last');

      // The dropped indexes again, biggest tables first, on two sessions.
      t = performance.now();
      out(`indexes (those of a second or more)`);
      const queue = [...indexes].sort(
        (a, b) => (perTable.get(b.table)?.rows ?? 0) - (perTable.get(a.table)?.rows ?? 0),
      );
      await Promise.all(
        lanes.map(async (session) => {
          for (let index = queue.shift(); index; index = queue.shift()) {
            const begun = performance.now();
            await session.query(index.sql);
            const seconds = (performance.now() - begun) / 1000;
            const total = perTable.get(index.table) ?? { rows: 0, seconds: 0 };
            perTable.set(index.table, { ...total, seconds: total.seconds + seconds });
            if (seconds >= 1) out(`  ${index.name.padEnd(56)} ${seconds.toFixed(1).padStart(7)} s`);
          }
        }),
      );
      indexesDropped = [];
      out(`(${indexes.length} indexes built in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    } finally {
      await Promise.all(lanes.map((lane) => lane.end().catch(() => undefined)));
    }
    for (const table of auditOff) await q(`ALTER TABLE ${table} ENABLE TRIGGER audit`);
    auditOff = [];

    // 4. Accounts the benchmark signs in with: an administrator, an officer of the demo's first
    // agency (slot 0), and a group member who leads one of its groups.
    t = performance.now();
    const [officerAgency] = (
      await q(`SELECT a.org_id, a.name,
                 (SELECT count(*)::int FROM households h WHERE h.organization_id = a.org_id) AS households,
                 (SELECT count(*)::int FROM support_groups g WHERE g.organization_id = a.org_id) AS groups,
                 (SELECT g.leader_id FROM support_groups g JOIN bench_group b ON g.id = ${id('group', 'b.g')}
                   WHERE b.a = 0 ORDER BY b.g LIMIT 1) AS leader
                FROM bench_agency a WHERE a.slot = 0`)
    ).rows as {
      org_id: string;
      name: string;
      households: number;
      groups: number;
      leader: string | null;
    }[];
    const users = [
      { username: 'bench_admin', role: Role.ADMIN, organizationId: null, staffMemberId: null },
      {
        username: 'bench_officer',
        role: Role.AGENCY_OFFICER,
        organizationId: officerAgency!.org_id,
        staffMemberId: null,
      },
      ...(officerAgency!.leader
        ? [
            {
              username: 'bench_member',
              role: Role.GROUP_MEMBER,
              organizationId: null,
              staffMemberId: officerAgency!.leader,
            },
          ]
        : []),
    ];
    for (const user of users)
      await createUser(db, { ...user, displayName: user.username, password: BENCH_PASSWORD });
    out(
      `${'users'.padEnd(44)} ${format(users.length).padStart(11)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`,
    );

    // 5. Statistics and visibility map, so the first benchmark does not pay for them.
    t = performance.now();
    await q(`VACUUM (ANALYZE)`);
    await q(`CHECKPOINT`).catch(() => undefined);
    out(
      `${'VACUUM (ANALYZE), CHECKPOINT'.padEnd(61)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`,
    );

    // 6. Row counts, and checks: what triggers keep and what the constraints cannot say.
    const counts = (
      await q(`SELECT c.relname AS table, (xpath('/row/n/text()',
                 query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text::bigint AS rows
                 FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
                WHERE s.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`)
    ).rows as { table: string; rows: string }[];
    t = performance.now();
    const checks = (
      await q(`SELECT
        (SELECT count(*)::int FROM commitments c
           LEFT JOIN commitment_progress s ON s.commitment_id = c.id
           LEFT JOIN (SELECT commitment_id, count(*) AS n, sum(quantity) AS q FROM progress_entries
                       GROUP BY commitment_id) p ON p.commitment_id = c.id
          WHERE coalesce(s.entry_count, 0) <> coalesce(p.n, 0)
             OR coalesce(s.achieved_quantity, 0) <> coalesce(p.q, 0)) AS stale_progress,
        (SELECT count(*)::int FROM (SELECT citizen_id FROM household_members WHERE citizen_id IS NOT NULL
                                     GROUP BY citizen_id HAVING count(*) > 1) d) AS duplicate_citizen_ids,
        (SELECT count(*)::int FROM household_members WHERE citizen_id !~ '^[0-9]{12}$') AS malformed_citizen_ids,
        (SELECT count(*)::int FROM households WHERE organization_id IS NULL) AS households_without_agency,
        (SELECT count(*)::int FROM (
           SELECT fund_id FROM (
             SELECT fund_id, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END AS delta FROM contributions
             UNION ALL SELECT fund_id, CASE WHEN reverses_id IS NULL THEN amount ELSE -amount END FROM donations
             UNION ALL SELECT fund_id, CASE WHEN reverses_id IS NULL THEN -amount ELSE amount END
                         FROM disbursements WHERE status = 'POSTED') m
            GROUP BY fund_id HAVING sum(delta) < 0) f) AS overdrawn_funds`)
    ).rows[0] as Record<string, number>;
    // The row counts a later migration keeps by trigger, when the schema has them.
    if (counts.some((row) => row.table === 'row_counts')) {
      const kept = (await q(`SELECT table_name, row_count FROM row_counts`)).rows as {
        table_name: string;
        row_count: string;
      }[];
      checks.stale_row_counts = kept.filter(
        (row) => counts.find((c) => c.table === row.table_name)?.rows !== row.row_count,
      ).length;
    }
    const failed = Object.entries(checks).filter(([, n]) => n !== 0);
    out(
      `checks (${((performance.now() - t) / 1000).toFixed(1)} s): ` +
        (failed.length
          ? `FAILED ${JSON.stringify(checks)}`
          : Object.keys(checks).join(', ') + ': ok'),
    );
    if (failed.length) process.exitCode = 1;

    // 7. Summary.
    const [{ size }] = (
      await q(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)
    ).rows as { size: string }[];
    const total = (performance.now() - started) / 1000;
    out('');
    out(
      'table                          rows in table   loaded by this run   seconds (inserts + index builds)',
    );
    for (const row of counts) {
      const loaded = perTable.get(row.table);
      out(
        `  ${row.table.padEnd(28)} ${format(Number(row.rows)).padStart(13)} ` +
          `${loaded ? format(loaded.rows).padStart(20) : ''.padStart(20)} ` +
          `${loaded ? loaded.seconds.toFixed(1).padStart(9) : ''}`,
      );
    }
    out('');
    out(`done in ${total.toFixed(0)} s; database size ${size}`);
    for (const line of connectionHelp(options, cluster !== null)) out(line);
    out(`  sign in (password ${BENCH_PASSWORD} for all):`);
    out(`    bench_admin    ADMIN`);
    out(
      `    bench_officer  AGENCY_OFFICER of "${officerAgency!.name}": ` +
        `${format(officerAgency!.households)} households, ${format(officerAgency!.groups)} support groups`,
    );
    if (officerAgency!.leader)
      out(`    bench_member   GROUP_MEMBER, leader of a group of that agency`);
  } finally {
    if (client && indexesDropped.length) {
      process.stderr.write(
        `the load failed: building its ${indexesDropped.length} dropped indexes again\n`,
      );
      for (const index of indexesDropped) await client.query(index.sql).catch(() => undefined);
    }
    if (client && auditOff.length) {
      for (const table of auditOff)
        await client.query(`ALTER TABLE ${table} ENABLE TRIGGER audit`).catch(() => undefined);
    }
    await client?.end().catch(() => undefined);
    await db?.destroy().catch(() => undefined);
    if (cluster) {
      await tuneCheckpoints(cluster.urlFor('postgres'), false).catch((error: Error) =>
        process.stderr.write(`could not reset the checkpoint settings: ${error.message}\n`),
      );
      await cluster.stop();
      out('embedded PostgreSQL stopped');
    }
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
