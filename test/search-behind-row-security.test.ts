/**
 * The search box of a caller who reads every row finds its ids through the trigram indexes, as
 * the tables' owner (plan68_search_ids, migration 1796008000000): row-level security keeps a
 * LIKE off those indexes. That is safe only while the function answers nobody but those who read
 * every row anyway, searches only the columns it lists, and finds what the search promises. Each
 * is checked here on its own, then the search as users see it through the server.
 *
 * The rule the search promises (docs/analysts.md, `q`): the text anywhere in a searched column,
 * accents and case aside ("nguyen" finds "Nguyễn"); for households also the name of the village
 * or of its commune. The expected rows are computed here in JavaScript from the owner's reading
 * of the data, not by the database's own search expression.
 */
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCHED_BEHIND_ROW_SECURITY } from '../server/src/db/migrations/1796008000000-search-behind-row-security';
import { startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

type Row = Record<string, unknown>;
type Caller = 'admin' | 'analyst' | 'officerA' | 'memberA' | 'viewer' | 'nobody';

let app: TestApp;
let roles: RoleFixture;
beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
}, 60_000);
afterAll(() => app?.close());

/** Accent- and case-free, as a Vietnamese reader compares: "Đoàn Thị Ánh" → "doan thi anh". */
const plain = (text: unknown) =>
  (typeof text === 'string' ? text : '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

const ROLE_OF: Record<Exclude<Caller, 'nobody'>, string> = {
  admin: 'ADMIN',
  analyst: 'ANALYST',
  officerA: 'AGENCY_OFFICER',
  memberA: 'GROUP_MEMBER',
  viewer: 'VIEWER',
};

/** Runs `work` as the app role with the settings the server sets for `caller` (none for nobody). */
async function asApp<T>(caller: Caller, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = app.appDb.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    if (caller !== 'nobody')
      await runner.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
                set_config('app.organization_id', $3, true), set_config('app.staff_member_id', $4, true),
                set_config('app.purpose', '', true)`,
        [
          roles.userIds[caller],
          ROLE_OF[caller],
          caller === 'officerA' ? roles.agencyA.organizationId : '',
          caller === 'memberA' ? roles.agencyA.groupMemberStaffId : '',
        ],
      );
    return await work(runner);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/** The function's answer, or "error <code>". */
async function searchIds(
  caller: Caller,
  table: string,
  columns: string[],
  pattern: string,
): Promise<string[] | string> {
  return asApp(caller, async (runner) => {
    try {
      const [row] = (await runner.query('SELECT plan68_search_ids($1, $2, $3) AS ids', [
        table,
        columns,
        pattern,
      ])) as { ids: string[] }[];
      return [...row!.ids].sort();
    } catch (error) {
      return `error ${(error as { driverError?: { code?: string } }).driverError?.code}`;
    }
  });
}

const idsOf = (rows: Row[]) => rows.map((r) => r.id as string).sort();

describe('plan68_search_ids, the search run as the owner', () => {
  it('runs as the owner with a fixed search_path; the app role may call it, PUBLIC may not', async () => {
    const [row] = (await app.db.query(
      `SELECT p.prosecdef, p.proconfig, has_function_privilege('plan68_app', p.oid, 'EXECUTE') AS app,
              EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public
         FROM pg_proc p WHERE p.proname = 'plan68_search_ids'`,
    )) as Row[];
    expect(row).toEqual({
      prosecdef: true,
      proconfig: ['search_path=public, pg_temp'],
      app: true,
      public: false,
    });
  });

  it('answers administrators and analysts, whom the policies show every row, and refuses anyone else', async () => {
    const every = idsOf(await app.db.query('SELECT id FROM households'));
    expect(every.length).toBeGreaterThan(0);
    const answers: Record<string, string[] | string> = {};
    for (const caller of ['admin', 'analyst', 'officerA', 'memberA', 'viewer', 'nobody'] as const)
      answers[caller] = await searchIds(caller, 'households', ['head_name'], '%');
    expect(answers).toEqual({
      admin: every,
      analyst: every,
      officerA: 'error 42501',
      memberA: 'error 42501',
      viewer: 'error 42501',
      nobody: 'error 42501',
    });
  });

  it('searches only the columns it lists, each named as a column and never as SQL', async () => {
    const refused = {
      'a password': ['users', ['password_hash']],
      'a column not listed': ['households', ['notes']],
      'a listed column beside one that is not': ['households', ['head_name', 'notes']],
      'no column': ['households', []],
      'SQL as a column': ['households', ['head_name) IS NOT NULL OR (true']],
      'SQL as a table': ['households WHERE true; --', ['head_name']],
      'a listed column of another table': ['sessions', ['full_name']],
    } as const;
    const answers: Record<string, string[] | string> = {};
    for (const [name, [table, columns]] of Object.entries(refused))
      answers[name] = await searchIds('admin', table, [...columns], '%');
    expect(answers).toEqual(
      Object.fromEntries(Object.keys(refused).map((k) => [k, 'error 42501'])),
    );
  });

  it('lists only tables whose policy shows every row to those who read every row, each column with its trigram index', async () => {
    const problems: string[] = [];
    for (const [table, columns] of Object.entries(SEARCHED_BEHIND_ROW_SECURITY)) {
      const [state] = (await app.db.query(
        `SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname
                   AND p.permissive = 'RESTRICTIVE') AS restrictive,
                (SELECT array_agg(p.qual) FROM pg_policies p WHERE p.tablename = c.relname
                   AND p.permissive = 'PERMISSIVE' AND p.cmd IN ('SELECT', 'ALL')) AS reads
           FROM pg_class c WHERE c.relname = $1 AND c.relkind = 'r'`,
        [table],
      )) as { enabled: boolean; forced: boolean; restrictive: number; reads: string[] | null }[];
      if (!state) {
        problems.push(`${table}: no such table`);
        continue;
      }
      if (!state.enabled || !state.forced) problems.push(`${table}: row-level security not forced`);
      if (state.restrictive > 0) problems.push(`${table}: a restrictive policy`);
      // Permissive policies are OR-ed: one that is true for app_reads_all() shows every row.
      if (
        !(state.reads ?? []).some((q) =>
          /^\(\( SELECT app_reads_all\(\) AS app_reads_all\) OR /.test(q),
        )
      )
        problems.push(`${table}: no read policy opening with app_reads_all() OR`);
      const indexes = (
        (await app.db.query(`SELECT indexdef FROM pg_indexes WHERE tablename = $1`, [table])) as {
          indexdef: string;
        }[]
      ).map((i) => i.indexdef);
      for (const column of columns) {
        const [{ quoted }] = (await app.db.query('SELECT quote_ident($1) AS quoted', [column])) as {
          quoted: string;
        }[];
        if (!indexes.some((d) => d.includes(`gin (plan68_search_text(${quoted}) gin_trgm_ops)`)))
          problems.push(`${table}.${column}: no trigram index`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds, in each listed column, exactly the rows holding the text, accents and case aside', async () => {
    const wrong: string[] = [];
    for (const [table, columns] of Object.entries(SEARCHED_BEHIND_ROW_SECURITY)) {
      for (const column of columns) {
        const rows = (await app.db.query(`SELECT id, ${column} AS text FROM ${table}`)) as Row[];
        const sample = rows.map((r) => r.text).find((t) => typeof t === 'string' && t.length >= 6);
        if (typeof sample !== 'string') continue;
        // Typed as written (accents, capitals), from the middle of a real value.
        const typed = sample.slice(1, 5);
        const expected = idsOf(rows.filter((r) => plain(r.text).includes(plain(typed))));
        const found = await searchIds('admin', table, [column], `%${typed}%`);
        if (JSON.stringify(found) !== JSON.stringify(expected))
          wrong.push(`${table}.${column} "${typed}": ${JSON.stringify(found).slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the search box, as each role uses it through the server', () => {
  const gql = async (caller: keyof RoleFixture['cookies'], query: string, q: string) => {
    const response = await app.graphql(query, { q }, { cookie: roles.cookies[caller] });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as { items: Row[]; total: { count: number } };
  };

  // Households of both agencies whose texts each case below must find, or must not find.
  beforeAll(async () => {
    const [{ village_id: village }] = (await app.db.query(
      'SELECT village_id FROM households ORDER BY id LIMIT 1',
    )) as { village_id: string }[];
    const add = (headName: string, address: string, organization: string) =>
      app.db.query(
        'INSERT INTO households (village_id, head_name, address, organization_id) VALUES ($1, $2, $3, $4)',
        [village, headName, address, organization],
      );
    const [a, b] = [roles.agencyA.organizationId, roles.agencyB.organizationId];
    await add('Nguyễn Thị Ánh (tìm)', 'Xóm Gò Đình', a);
    await add('Nguyễn Văn Bình (tìm)', 'xóm Trại', b);
    await add('Lê Văn Phần 100%', 'ngõ a_b', a);
    await add('Đỗ Thị Gạch\\Chéo', 'thửa 12', b);
    roles = await signInRoles(app);
  });

  /** Every household with the texts the search reads: head name, address, village and commune. */
  async function householdTexts() {
    return (await app.db.query(
      `SELECT h.id, h.head_name, h.address, v.name AS village, c.name AS commune
         FROM households h JOIN administrative_units v ON v.id = h.village_id
         LEFT JOIN administrative_units c ON c.id = v.parent_id`,
    )) as Row[];
  }

  const HOUSEHOLDS = `query ($q: String) {
    items: allHouseholds(perPage: 1000, filter: { q: $q }) { id }
    total: _allHouseholdsMeta(filter: { q: $q }) { count } }`;

  it.each([
    ['a family name typed without accents', 'nguyen', true],
    ['part of an address in capitals', 'XÓM', true],
    ['a village’s name as written', 'Thôn 1', false],
    ['a text no household holds', 'không ai có chữ này', false],
  ])(
    'households, by %s: the administrator finds every match, an officer the matches of their agency',
    async (_, q, inBothAgencies) => {
      const matching = (await householdTexts()).filter((h) =>
        [h.head_name, h.address, h.village, h.commune].some((t) => plain(t).includes(plain(q))),
      );
      const expected = idsOf(matching);
      const byAdmin = await gql('admin', HOUSEHOLDS, q);
      expect({ ids: idsOf(byAdmin.items), count: byAdmin.total.count }).toEqual({
        ids: expected,
        count: expected.length,
      });
      const mine = new Set(roles.agencyA.householdIds);
      const expectedOfficer = expected.filter((id) => mine.has(id));
      const byOfficer = await gql('officerA', HOUSEHOLDS, q);
      expect({ ids: idsOf(byOfficer.items), count: byOfficer.total.count }).toEqual({
        ids: expectedOfficer,
        count: expectedOfficer.length,
      });
      // The case tells something: a match the officer sees, and one of the other agency's.
      if (inBothAgencies) {
        expect(expectedOfficer.length).toBeGreaterThan(0);
        expect(expected.length).toBeGreaterThan(expectedOfficer.length);
      } else if (!q.startsWith('không')) expect(expected.length).toBeGreaterThan(0);
    },
  );

  it.each(['admin', 'officerA'] as const)(
    'as %s, a search reads its page and its total in one statement',
    async (caller) => {
      app.queries.length = 0;
      const found = await gql(caller, HOUSEHOLDS, 'Thôn');
      const reads = app.queries.filter((sql) => /FROM "households" "r"/.test(sql));
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatch(/count\(\*\) OVER \(\)/);
      expect(found.total.count).toBe(found.items.length);
      expect(found.total.count).toBeGreaterThan(1);
    },
  );

  it.each(['admin', 'officerA'] as const)(
    'as %s, a total is the whole search’s, asked alone, before its page, past its end or beside another',
    async (caller) => {
      const mine = new Set(roles.agencyA.householdIds);
      const expectedOf = async (q: string) => {
        const all = (await householdTexts()).filter((h) =>
          [h.head_name, h.address, h.village, h.commune].some((t) => plain(t).includes(plain(q))),
        );
        return (caller === 'admin' ? all : all.filter((h) => mine.has(h.id as string))).length;
      };
      const [thon, xom] = [await expectedOf('Thôn'), await expectedOf('xóm')];
      expect(thon).toBeGreaterThan(1);
      const ask = async (query: string) => {
        const response = await app.graphql(query, {}, { cookie: roles.cookies[caller] });
        expect(response.body.errors).toBeUndefined();
        return response.body.data as Record<string, { count?: number; length?: number }>;
      };
      const alone = await ask('{ total: _allHouseholdsMeta(filter: { q: "Thôn" }) { count } }');
      const before = await ask(`{ total: _allHouseholdsMeta(filter: { q: "Thôn" }) { count }
        items: allHouseholds(perPage: 1, filter: { q: "Thôn" }) { id } }`);
      const onePerPage = await ask(`{ items: allHouseholds(perPage: 1, filter: { q: "Thôn" }) { id }
        total: _allHouseholdsMeta(filter: { q: "Thôn" }) { count } }`);
      const pastTheEnd =
        await ask(`{ items: allHouseholds(page: 40, perPage: 25, filter: { q: "Thôn" }) { id }
        total: _allHouseholdsMeta(filter: { q: "Thôn" }) { count } }`);
      const beside = await ask(`{ a: allHouseholds(perPage: 1, filter: { q: "Thôn" }) { id }
        b: allHouseholds(perPage: 1, filter: { q: "xóm" }) { id }
        ta: _allHouseholdsMeta(filter: { q: "Thôn" }) { count }
        tb: _allHouseholdsMeta(filter: { q: "xóm" }) { count } }`);
      expect({
        alone: alone.total!.count,
        before: before.total!.count,
        onePerPage: onePerPage.total!.count,
        onePerPageRows: onePerPage.items!.length,
        pastTheEnd: pastTheEnd.total!.count,
        pastTheEndRows: pastTheEnd.items!.length,
        besideThon: beside.ta!.count,
        besideXom: beside.tb!.count,
      }).toEqual({
        alone: thon,
        before: thon,
        onePerPage: thon,
        onePerPageRows: 1,
        pastTheEnd: thon,
        pastTheEndRows: 0,
        besideThon: thon,
        besideXom: xom,
      });
    },
  );

  it('household members by name: every match for the administrator, the agency’s for an officer', async () => {
    const members = (await app.db.query(
      'SELECT id, household_id, full_name FROM household_members',
    )) as Row[];
    const q = 'Thị';
    const expected = members.filter((m) => plain(m.full_name).includes(plain(q)));
    expect(expected.length).toBeGreaterThan(0);
    const query = `query ($q: String) {
      items: allHouseholdMembers(perPage: 1000, filter: { q: $q }) { id }
      total: _allHouseholdMembersMeta(filter: { q: $q }) { count } }`;
    const byAdmin = await gql('admin', query, q);
    expect({ ids: idsOf(byAdmin.items), count: byAdmin.total.count }).toEqual({
      ids: idsOf(expected),
      count: expected.length,
    });
    const mine = new Set(roles.agencyA.householdIds);
    const ofAgency = idsOf(expected.filter((m) => mine.has(m.household_id as string)));
    const byOfficer = await gql('officerA', query, q);
    expect({ ids: idsOf(byOfficer.items), count: byOfficer.total.count }).toEqual({
      ids: ofAgency,
      count: ofAgency.length,
    });
  });

  it.each(['%', '_', '\\'])(
    'takes "%s" as the character itself, not as a pattern, for the administrator and an officer',
    async (q) => {
      const holding = (await householdTexts()).filter((h) =>
        [h.head_name, h.address, h.village, h.commune].some(
          (t) => typeof t === 'string' && t.includes(q),
        ),
      );
      for (const caller of ['admin', 'officerA'] as const) {
        const mine = new Set(roles.agencyA.householdIds);
        const expected = idsOf(
          caller === 'admin' ? holding : holding.filter((h) => mine.has(h.id as string)),
        );
        const found = await gql(caller, HOUSEHOLDS, q);
        expect({ caller, ids: idsOf(found.items) }).toEqual({ caller, ids: expected });
      }
      expect(holding).toHaveLength(1);
    },
  );
});
