/**
 * What each role reads of a record's fields, per the policy statement's `masked` column: every
 * field it names comes masked the way it says (initials, nothing, a placeholder, stars), and every
 * other field of the record comes exactly as an administrator reads it, so the masks neither miss a
 * field nor hide more than the policy says.
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isScalarType,
  isEnumType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { loadOperations } from '../support/matrix';
import { signInRoles, type RoleFixture } from '../support/roles';
import { EXPECTED_ACCESS, RESOURCES, type Mask, type Role } from './expected-access';

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const OPS = loadOperations([...RESOURCES]);

/** The roles whose statement masks something, with the signed-in user who holds the role. */
const MASKED_ROLES = (Object.keys(EXPECTED_ACCESS) as Role[]).filter((role) =>
  Object.values(EXPECTED_ACCESS[role]).some((grant) => grant?.masked),
);
const USER_OF: Partial<Record<Role, keyof RoleFixture['cookies']>> = { ANALYST: 'analyst' };

/** Scalar and enum fields without arguments: what a list row carries of the record itself. */
function plainFields(resource: string): string[] {
  const type = schema.getType(resource) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((field) => field.args.length === 0)
    .filter((field) => {
      const named = getNamedType(field.type);
      return isScalarType(named) || isEnumType(named);
    })
    .map((field) => field.name);
}

/** "Nguyễn Văn An" → "N. V. A.": the first letter of each word, capital, with a full stop. */
const expectedInitials = (name: string) =>
  name
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word))
    .map((word) => `${[...word.normalize('NFC')].find((c) => /\p{L}/u.test(c))!.toUpperCase()}.`)
    .join(' ');

function judgeMask(mask: Mask, clear: unknown, seen: unknown): string | null {
  switch (mask) {
    case 'initials':
      return typeof clear === 'string' && seen !== expectedInitials(clear)
        ? `expected initials ${expectedInitials(clear)}`
        : null;
    case 'null':
      return seen === null ? null : 'expected null';
    case 'placeholder':
      return seen === '(đã ẩn)' ? null : 'expected the placeholder (đã ẩn)';
    case 'stars':
      return clear == null || (typeof seen === 'string' && /^\*+$/.test(seen))
        ? null
        : 'expected only stars';
  }
}

let app: TestApp;
let fx: RoleFixture;

beforeAll(async () => {
  app = await startTestApp();
  fx = await signInRoles(app);
  // Some masked fields are empty in the demo data: give each a value to hide.
  const fill = [
    `UPDATE households SET notes = 'Chủ hộ bị bệnh tim', consent_evidence = 'Biên bản số 12',
       circumstances = coalesce(nullif(circumstances, ''), 'Nhà tạm, hai con nhỏ'),
       address = coalesce(nullif(address, ''), 'Thôn Kỳ Lộ')`,
    `UPDATE household_members m SET citizen_id = '0' || (54000000000 + x.n)::text
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM household_members) x
      WHERE x.id = m.id AND coalesce(m.citizen_id, '') = ''`,
    `UPDATE household_members SET legacy_id_number = (200000000 + (random() * 1e8)::int)::text`,
    `UPDATE visits SET findings = coalesce(nullif(findings, ''), 'Gia đình còn nợ ngân hàng')`,
    `UPDATE support_plans SET measures = coalesce(nullif(measures, ''), 'Hỗ trợ giống bò'),
       goals = coalesce(nullif(goals, ''), 'Thoát nghèo năm 2016')`,
    `UPDATE aspirations SET response = coalesce(nullif(response, ''), 'Đã chuyển xã xem xét')`,
    `UPDATE poverty_reviews SET notes = coalesce(nullif(notes, ''), 'Chủ hộ ốm dài ngày')`,
    `UPDATE house_projects SET handover_receiver = coalesce(handover_receiver, 'Nguyễn Văn Nhận'),
       handover_notes = coalesce(handover_notes, 'Bàn giao tại nhà'), notes = coalesce(notes, 'Ghi chú')`,
    `INSERT INTO half_year_reports (group_id, year, half, narrative)
     SELECT id, 2031, 1, 'Hộ ông An đã có bò giống' FROM support_groups LIMIT 1`,
    `INSERT INTO disbursements (fund_id, purpose, description, quantity, unit_amount, amount,
                                event_name, note, status)
     SELECT id, 'OTHER', 'Mua bò cho hộ ông An', 1, 5000000, 5000000, 'Trao bò tháng 6',
            'Hộ ông An ký nhận', 'PLANNED' FROM funds LIMIT 1`,
  ];
  for (const sql of fill) await app.db.query(sql);
});
afterAll(() => app?.close());

const cases = MASKED_ROLES.flatMap((role) =>
  RESOURCES.filter((resource) => EXPECTED_ACCESS[role][resource]?.read).map(
    (resource) => [role, resource] as const,
  ),
);

describe.each(cases)('%s reading %s', (role, resource) => {
  it('gets exactly the statement’s masks and every other field as an administrator does', async () => {
    const list = OPS.get(resource)?.list;
    expect(list, `${resource} has a list query`).toBeDefined();
    const fields = plainFields(resource);
    const masked = EXPECTED_ACCESS[role][resource]?.masked ?? {};
    for (const field of Object.keys(masked))
      expect(fields, `${resource}.${field}`).toContain(field);
    const query = `{ rows: ${list!}(perPage: 1000, sortField: "id") { ${fields.join(' ')} } }`;
    const clear = dataOf(await app.graphql(query, undefined, { cookie: fx.cookies.admin })) as {
      rows: Record<string, unknown>[];
    };
    const seen = dataOf(
      await app.graphql(query, undefined, { cookie: fx.cookies[USER_OF[role]!] }),
    ) as { rows: Record<string, unknown>[] };
    expect(seen.rows.map((r) => r.id)).toEqual(clear.rows.map((r) => r.id));
    if (Object.keys(masked).length > 0)
      expect(clear.rows.length, `${resource} has rows to judge`).toBeGreaterThan(0);

    const problems: string[] = [];
    clear.rows.forEach((row, i) => {
      const other = seen.rows[i]!;
      for (const field of fields) {
        const mask = masked[field];
        const problem = mask
          ? judgeMask(mask, row[field], other[field])
          : JSON.stringify(other[field]) === JSON.stringify(row[field])
            ? null
            : 'masked, but the statement shows it';
        if (problem)
          problems.push(`${resource}.${field} (${JSON.stringify(other[field])}): ${problem}`);
      }
    });
    expect([...new Set(problems)]).toEqual([]);
    // A mask judged only on empty values proves nothing: each masked field hides something here.
    for (const field of Object.keys(masked)) {
      expect(
        clear.rows.some((row) => row[field] != null && row[field] !== ''),
        `some ${resource}.${field} to hide`,
      ).toBe(true);
    }
  });
});

it('the statement names a signed-in user for every role it masks', () => {
  for (const role of MASKED_ROLES) expect(USER_OF[role], role).toBeDefined();
});
