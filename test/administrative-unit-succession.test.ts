import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/**
 * Administrative units across the 2025 reform, through the HTTP server: successor links and their
 * rules, the history function (a merge then a renaming; a split), every list filter and the
 * dashboard run by the unit as it was or by today's unit, per role, and the demo's reform.
 * Expected values come from the policy (issue 14 and REFERENCE-FACTS.md), not from the code.
 */

let app: TestApp;
let roles: RoleFixture;
type Who = keyof RoleFixture['cookies'];

const gql = <T = any>(who: Who, query: string, variables: Record<string, unknown> = {}) =>
  app.graphql<T>(query, variables, { cookie: roles.cookies[who] });

async function unitId(name: string): Promise<string> {
  const [row] = (await app.db.query('SELECT id FROM administrative_units WHERE name = $1', [
    name,
  ])) as { id: string }[];
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}

/** A unit made on the owner's connection (the fixture), returning its id. */
async function unit(
  level: string,
  name: string,
  parentId: string | null,
  validFrom: string | null,
  validTo: string | null,
): Promise<string> {
  const [row] = (await app.db.query(
    `INSERT INTO administrative_units (level, name, parent_id, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [level, name, parentId, validFrom, validTo],
  )) as { id: string }[];
  return row!.id;
}

async function household(villageId: string, headName: string): Promise<string> {
  const [row] = (await app.db.query(
    `INSERT INTO households (village_id, head_name, organization_id) VALUES ($1, $2, $3) RETURNING id`,
    [villageId, headName, roles.agencyA.organizationId],
  )) as { id: string }[];
  return row!.id;
}

const CREATE = `mutation ($predecessorId: ID!, $successorId: ID!, $kind: SuccessionKind!,
    $effectiveDate: LocalDate!, $legalAct: String!, $note: String) {
  createAdministrativeUnitSuccession(predecessorId: $predecessorId, successorId: $successorId,
    kind: $kind, effectiveDate: $effectiveDate, legalAct: $legalAct, note: $note) { id kind } }`;

const link = (
  who: Who,
  predecessorId: string,
  successorId: string,
  kind: string,
  effectiveDate: string,
) => gql(who, CREATE, { predecessorId, successorId, kind, effectiveDate, legalAct: 'NQ thử' });

function violations(response: GraphQLResponse<unknown>): string[] {
  const [error] = response.body.errors ?? [];
  expect(error?.extensions?.code, JSON.stringify(response.body)).toBe('BAD_USER_INPUT');
  expect(response.body.data ?? null).toBeNull();
  return ((error!.extensions!.violations ?? []) as { rule: string }[]).map((v) => v.rule);
}

const UNIT = `query ($id: ID!) { AdministrativeUnit(id: $id) {
  name fullName validTo
  currentUnits { name } formerUnits { name }
  predecessors { kind effectiveDate legalAct note predecessor { name } }
  successors { kind effectiveDate legalAct note successor { name fullName } } } }`;

interface UnitView {
  name: string;
  fullName: string;
  validTo: string | null;
  currentUnits: { name: string }[];
  formerUnits: { name: string }[];
  predecessors: {
    kind: string;
    effectiveDate: string;
    legalAct: string;
    predecessor: { name: string };
  }[];
  successors: {
    kind: string;
    effectiveDate: string;
    legalAct: string;
    successor: { name: string; fullName: string };
  }[];
}

async function view(id: string, who: Who = 'admin'): Promise<UnitView> {
  return dataOf(await gql<{ AdministrativeUnit: UnitView }>(who, UNIT, { id })).AdministrativeUnit;
}

async function count(who: Who, plural: string, type: string, filter: Record<string, unknown>) {
  const response = await gql<{ meta: { count: number } }>(
    who,
    `query ($filter: ${type}) { meta: _all${plural}Meta(filter: $filter) { count } }`,
    { filter },
  );
  return dataOf(response).meta.count;
}

const households = (who: Who, filter: Record<string, unknown>) =>
  count(who, 'Households', 'HouseholdFilter', filter);

let xsb: string;
let successorCommune: string;
let daklak: string;
let phuYen: string;

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  xsb = await unitId('Xuân Sơn Bắc');
  successorCommune = await unitId('Đồng Xuân (mẫu)');
  daklak = await unitId('Đắk Lắk');
  phuYen = await unitId('Phú Yên');
});

afterAll(async () => {
  await app?.close();
});

describe('the demo carries the 2025 reform', () => {
  it('Xuân Sơn Bắc keeps its 2014 name and became a commune of Đắk Lắk on 01/07/2025', async () => {
    const commune = await view(xsb);
    expect(commune.fullName).toBe('xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên');
    expect(commune.validTo).toBe('2025-06-30');
    expect(commune.successors).toHaveLength(1);
    expect(commune.successors[0]).toMatchObject({
      kind: 'MERGED_INTO',
      effectiveDate: '2025-07-01',
      successor: { name: 'Đồng Xuân (mẫu)', fullName: 'xã Đồng Xuân (mẫu), tỉnh Đắk Lắk' },
    });
    expect(commune.currentUnits.map((u) => u.name)).toEqual(['Đồng Xuân (mẫu)']);
  });

  it('Phú Yên merged into Đắk Lắk by Resolution 202/2025/QH15; the district was abolished', async () => {
    const province = await view(phuYen);
    expect(province.validTo).toBe('2025-06-30');
    expect(province.successors).toEqual([
      expect.objectContaining({
        kind: 'MERGED_INTO',
        effectiveDate: '2025-07-01',
        legalAct: 'Nghị quyết 202/2025/QH15',
        successor: expect.objectContaining({ name: 'Đắk Lắk' }),
      }),
    ]);
    const district = await view(await unitId('Đồng Xuân'));
    expect(district.successors).toEqual([
      expect.objectContaining({ kind: 'ABOLISHED', effectiveDate: '2025-07-01' }),
    ]);
    expect(district.currentUnits.map((u) => u.name)).toEqual(['Đắk Lắk']);
    const today = await view(daklak);
    expect(today.formerUnits.map((u) => u.name).sort()).toEqual(['Phú Yên', 'Đồng Xuân'].sort());
    expect((await view(successorCommune)).formerUnits.map((u) => u.name)).toEqual(['Xuân Sơn Bắc']);
  });

  it('a 2014 household, organization and memorandum keep showing the commune as it was', async () => {
    const data = dataOf(
      await gql(
        'admin',
        `{ allHouseholds(perPage: 1, sortField: "createdAt", sortOrder: "ASC") { createdAt village { fullName } }
           allOrganizations(filter: { q: "UBND xã Xuân Sơn Bắc" }) { administrativeUnit { fullName } }
           allMemorandums(perPage: 1) { partnership { coordinationPlanDate commune { fullName } } } }`,
      ),
    );
    expect(data.allHouseholds[0].village.fullName).toMatch(
      /, xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên$/,
    );
    expect(data.allOrganizations[0].administrativeUnit.fullName).toBe(
      'xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên',
    );
    expect(data.allMemorandums[0].partnership.coordinationPlanDate).toBe('2014-04-22');
    expect(data.allMemorandums[0].partnership.commune.fullName).toBe(
      'xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên',
    );
  });
});

describe('successor links: reference data, rules in the service', () => {
  it('every role reads them; only an administrator records one', async () => {
    for (const who of ['admin', 'officerA', 'memberA', 'analyst', 'viewer'] as const) {
      const data = dataOf(
        await gql(who, '{ allAdministrativeUnitSuccessions { kind predecessorId successorId } }'),
      );
      expect(data.allAdministrativeUnitSuccessions.length, who).toBeGreaterThanOrEqual(3);
    }
    const before = await unit('COMMUNE', 'Xã quyền cũ', null, null, '2019-12-31');
    const after = await unit('COMMUNE', 'Xã quyền mới', null, '2020-01-01', null);
    for (const who of ['officerA', 'memberA', 'analyst', 'viewer'] as const) {
      const response = await link(who, before, after, 'MERGED_INTO', '2020-01-01');
      expect(response.body.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    dataOf(await link('admin', before, after, 'MERGED_INTO', '2020-01-01'));
    const [trail] = (await app.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'administrative_unit_successions'
          AND record_id = (SELECT id::text FROM administrative_unit_successions WHERE predecessor_id = $1)`,
      [before],
    )) as { n: number }[];
    expect(trail!.n).toBe(1);
  });

  it('refuses a unit succeeding itself', async () => {
    const a = await unit('COMMUNE', 'Xã tự kế thừa', null, null, '2019-12-31');
    expect(violations(await link('admin', a, a, 'RENAMED_AS', '2020-01-01'))).toContain(
      'notOwnSuccessor',
    );
  });

  it('refuses a predecessor not closed the day before the effective date', async () => {
    const open = await unit('COMMUNE', 'Xã còn hoạt động', null, null, null);
    const closedEarlier = await unit('COMMUNE', 'Xã đóng sớm', null, null, '2019-11-30');
    const next = await unit('COMMUNE', 'Xã sau', null, '2020-01-01', null);
    expect(violations(await link('admin', open, next, 'MERGED_INTO', '2020-01-01'))).toContain(
      'predecessorClosed',
    );
    expect(
      violations(await link('admin', closedEarlier, next, 'MERGED_INTO', '2020-01-01')),
    ).toContain('predecessorClosed');
  });

  it('refuses a successor that does not exist on the effective date', async () => {
    const before = await unit('COMMUNE', 'Xã trước A', null, null, '2019-12-31');
    const later = await unit('COMMUNE', 'Xã lập sau', null, '2020-02-01', null);
    const gone = await unit('COMMUNE', 'Xã đã giải thể', null, null, '2019-06-30');
    expect(violations(await link('admin', before, later, 'MERGED_INTO', '2020-01-01'))).toContain(
      'successorInForce',
    );
    expect(violations(await link('admin', before, gone, 'MERGED_INTO', '2020-01-01'))).toContain(
      'successorInForce',
    );
  });

  it('refuses levels that make no sense', async () => {
    const commune = await unit('COMMUNE', 'Xã cấp sai', null, null, '2019-12-31');
    const province = await unit('PROVINCE', 'Tỉnh cấp sai', null, '2020-01-01', null);
    expect(
      violations(await link('admin', commune, province, 'MERGED_INTO', '2020-01-01')),
    ).toContain('sameLevel');
    const district = await unit('DISTRICT', 'Huyện giải thể thử', null, null, '2019-12-31');
    const village = await unit('VILLAGE', 'Thôn thử', null, '2020-01-01', null);
    expect(violations(await link('admin', district, village, 'ABOLISHED', '2020-01-01'))).toContain(
      'higherLevel',
    );
    const newProvince = await unit('PROVINCE', 'Tỉnh nhận huyện', null, '2020-01-01', null);
    dataOf(await link('admin', district, newProvince, 'ABOLISHED', '2020-01-01'));
  });

  it('refuses a cycle', async () => {
    const x = await unit('COMMUNE', 'Xã vòng X', null, null, '2019-12-31');
    const y = await unit('COMMUNE', 'Xã vòng Y', null, '2020-01-01', '2020-12-31');
    dataOf(await link('admin', x, y, 'RENAMED_AS', '2020-01-01'));
    // Y back into X closes the loop (the dates would refuse it too; the loop is named on its own).
    expect(violations(await link('admin', y, x, 'RENAMED_AS', '2021-01-01'))).toContain('noCycle');
  });

  it('refuses a second fate for a merged unit, and a split of mixed kinds or dates', async () => {
    const merged = await unit('COMMUNE', 'Xã một số phận', null, null, '2019-12-31');
    const into = await unit('COMMUNE', 'Xã nhận 1', null, '2020-01-01', null);
    const other = await unit('COMMUNE', 'Xã nhận 2', null, '2020-01-01', null);
    dataOf(await link('admin', merged, into, 'MERGED_INTO', '2020-01-01'));
    expect(violations(await link('admin', merged, other, 'MERGED_INTO', '2020-01-01'))).toContain(
      'oneFate',
    );
    expect(violations(await link('admin', merged, other, 'SPLIT_INTO', '2020-01-01'))).toContain(
      'oneFate',
    );
  });

  it('refuses bad input with BAD_USER_INPUT, never a 500', async () => {
    const before = await unit('COMMUNE', 'Xã đầu vào xấu', null, null, '2019-12-31');
    const after = await unit('COMMUNE', 'Xã đầu vào xấu sau', null, '2020-01-01', null);
    const empty = await gql('admin', CREATE, {
      predecessorId: before,
      successorId: after,
      kind: 'MERGED_INTO',
      effectiveDate: '2020-01-01',
      legalAct: '   ',
    });
    expect(empty.status).toBeLessThan(500);
    expect(violations(empty)).toContain('required');
    const missing = await link(
      'admin',
      before,
      '00000000-0000-4000-8000-000000000000',
      'MERGED_INTO',
      '2020-01-01',
    );
    expect(violations(missing)).toContain('exists');
  });
});

describe('history: today’s unit gathers its predecessors and their villages', () => {
  let a: string;
  let b: string;
  let c: string;
  let inA: string;
  let inB: string;

  beforeAll(async () => {
    // A merged into B on 01/01/2020; B renamed C on 01/01/2023. Each had a village with a household.
    a = await unit('COMMUNE', 'Xã chuỗi A', null, null, '2019-12-31');
    b = await unit('COMMUNE', 'Xã chuỗi B', null, '2020-01-01', '2022-12-31');
    c = await unit('COMMUNE', 'Xã chuỗi C', null, '2023-01-01', null);
    inA = await household(await unit('VILLAGE', 'Thôn chuỗi A', a, null, null), 'Hộ chuỗi A (mẫu)');
    inB = await household(await unit('VILLAGE', 'Thôn chuỗi B', b, null, null), 'Hộ chuỗi B (mẫu)');
    dataOf(await link('admin', a, b, 'MERGED_INTO', '2020-01-01'));
    dataOf(await link('admin', b, c, 'RENAMED_AS', '2023-01-01'));
  });

  it('a merge then a renaming: C gathers A and B; A and B became C', async () => {
    expect((await view(c)).formerUnits.map((u) => u.name)).toEqual(['Xã chuỗi A', 'Xã chuỗi B']);
    expect((await view(a)).currentUnits.map((u) => u.name)).toEqual(['Xã chuỗi C']);
    expect((await view(b)).currentUnits.map((u) => u.name)).toEqual(['Xã chuỗi C']);
    expect((await view(c)).currentUnits.map((u) => u.name)).toEqual(['Xã chuỗi C']);
    const rows = (await app.db.query('SELECT id FROM plan68_unit_area($1, true) a(id) ORDER BY 1', [
      c,
    ])) as { id: string }[];
    expect(rows.length).toBe(5); // C, B, A and the two villages
  });

  it('filters households by today’s unit or by the unit as it was', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (
        dataOf(
          await gql('admin', 'query ($f: HouseholdFilter) { allHouseholds(filter: $f) { id } }', {
            f: filter,
          }),
        ).allHouseholds as { id: string }[]
      )
        .map((h) => h.id)
        .sort();
    expect(await ids({ unitId: c, unitMode: 'TODAY' })).toEqual([inA, inB].sort());
    expect(await ids({ unitId: c, unitMode: 'AS_THEN' })).toEqual([]);
    expect(await ids({ unitId: c })).toEqual([]);
    expect(await ids({ unitId: b, unitMode: 'TODAY' })).toEqual([inA, inB].sort());
    expect(await ids({ unitId: b, unitMode: 'AS_THEN' })).toEqual([inB]);
    expect(await ids({ unitId: a, unitMode: 'AS_THEN' })).toEqual([inA]);
    expect(await ids({ communeId: c, unitMode: 'TODAY' })).toEqual([inA, inB].sort());
    expect(await ids({ communeId: c })).toEqual([]);
  });

  it('a split: both parts gather the split unit’s history; it became both', async () => {
    const s = await unit('COMMUNE', 'Xã tách S', null, null, '2024-12-31');
    const t1 = await unit('COMMUNE', 'Xã tách T1', null, '2025-01-01', null);
    const t2 = await unit('COMMUNE', 'Xã tách T2', null, '2025-01-01', null);
    const inS = await household(
      await unit('VILLAGE', 'Thôn tách S', s, null, null),
      'Hộ tách (mẫu)',
    );
    dataOf(await link('admin', s, t1, 'SPLIT_INTO', '2025-01-01'));
    dataOf(await link('admin', s, t2, 'SPLIT_INTO', '2025-01-01'));
    expect((await view(s)).currentUnits.map((u) => u.name)).toEqual(['Xã tách T1', 'Xã tách T2']);
    expect((await view(t2)).formerUnits.map((u) => u.name)).toEqual(['Xã tách S']);
    for (const part of [t1, t2]) {
      expect(await households('admin', { unitId: part, unitMode: 'TODAY' })).toBe(1);
      expect(await households('admin', { unitId: part, unitMode: 'AS_THEN' })).toBe(0);
    }
    const [row] = (await app.db.query('SELECT village_id FROM households WHERE id = $1', [
      inS,
    ])) as { village_id: string }[];
    expect(row!.village_id).toBeTruthy();
  });
});

describe('every unit filter and the dashboard, by the unit as it was or today’s, per role', () => {
  /** The demo's households as each role sees them, without a unit filter. */
  const all = (who: Who) => households(who, {});

  it('households: today’s successor finds the Xuân Sơn Bắc households, as-then does not', async () => {
    for (const who of ['admin', 'analyst', 'officerA', 'officerB', 'memberA'] as const) {
      const demo = await count(who, 'Households', 'HouseholdFilter', { communeId: xsb });
      expect(demo, who).toBeGreaterThan(0);
      expect(await households(who, { unitId: xsb }), who).toBe(demo);
      expect(await households(who, { unitId: successorCommune, unitMode: 'TODAY' }), who).toBe(
        demo,
      );
      expect(await households(who, { communeId: successorCommune, unitMode: 'TODAY' }), who).toBe(
        demo,
      );
      expect(await households(who, { unitId: successorCommune, unitMode: 'AS_THEN' }), who).toBe(0);
      expect(await households(who, { communeId: successorCommune }), who).toBe(0);
      expect(await households(who, { unitId: phuYen, unitMode: 'AS_THEN' }), who).toBe(demo);
      expect(await households(who, { unitId: daklak, unitMode: 'TODAY' }), who).toBe(demo);
      expect(await households(who, { unitId: daklak, unitMode: 'AS_THEN' }), who).toBe(0);
      expect(demo, who).toBeLessThanOrEqual(await all(who));
    }
    // Row security stays as strict: an officer's count is their own agency's, not the commune's.
    const officerA = await households('officerA', { unitId: daklak, unitMode: 'TODAY' });
    const officerB = await households('officerB', { unitId: daklak, unitMode: 'TODAY' });
    const admin = await households('admin', { unitId: daklak, unitMode: 'TODAY' });
    expect(officerA).toBeLessThan(admin);
    expect(officerB).toBeLessThan(admin);
    const viewer = await gql(
      'viewer',
      '{ _allHouseholdsMeta(filter: { unitId: "' + daklak + '", unitMode: TODAY }) { count } }',
    );
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('partnerships and organizations: the commune’s and the province’s, either way', async () => {
    for (const who of ['admin', 'officerA', 'analyst'] as const) {
      const partnerships = (filter: Record<string, unknown>) =>
        count(who, 'Partnerships', 'PartnershipFilter', filter);
      const seen = await partnerships({ communeId: xsb });
      expect(seen, who).toBeGreaterThan(0);
      expect(await partnerships({ communeId: successorCommune, unitMode: 'TODAY' }), who).toBe(
        seen,
      );
      expect(await partnerships({ communeId: successorCommune }), who).toBe(0);
      expect(await partnerships({ unitId: daklak, unitMode: 'TODAY' }), who).toBe(seen);
      expect(await partnerships({ unitId: daklak }), who).toBe(0);
    }
    for (const who of ['admin', 'viewer'] as const) {
      const organizations = (filter: Record<string, unknown>) =>
        count(who, 'Organizations', 'OrganizationFilter', filter);
      // The seven organizations of the article sit in Phú Yên, Đồng Xuân and Xuân Sơn Bắc.
      expect(await organizations({ unitId: phuYen }), who).toBe(7);
      expect(await organizations({ unitId: daklak, unitMode: 'TODAY' }), who).toBe(7);
      expect(await organizations({ unitId: daklak, unitMode: 'AS_THEN' }), who).toBe(0);
      // The unit itself, not its sub-units: today's Đắk Lắk is Phú Yên's three provincial
      // organizations and the two of Đồng Xuân, the district abolished into it.
      expect(await organizations({ administrativeUnitId: daklak, unitMode: 'TODAY' }), who).toBe(5);
      expect(await organizations({ administrativeUnitId: daklak }), who).toBe(0);
    }
  });

  it('the dashboard: today’s unit gathers the figures of the unit as it was, in each role’s scope', async () => {
    const OVERVIEW = `query ($unitId: ID, $unitMode: UnitMode) {
      householdOverview(unitId: $unitId, unitMode: $unitMode) {
        householdCount openAspirationCount groupsWithoutRecentVisitCount byCategory { category count } } }`;
    for (const who of ['admin', 'officerA', 'memberA', 'analyst', 'viewer'] as const) {
      const overview = async (vars: Record<string, unknown>) =>
        dataOf(await gql(who, OVERVIEW, vars)).householdOverview;
      const asThen = await overview({ unitId: xsb, unitMode: 'AS_THEN' });
      const today = await overview({ unitId: successorCommune, unitMode: 'TODAY' });
      expect(asThen.householdCount, who).toBeGreaterThan(0);
      expect(today, who).toEqual(asThen);
      const nothing = await overview({ unitId: successorCommune, unitMode: 'AS_THEN' });
      expect(nothing.householdCount, who).toBe(0);
      expect(nothing.openAspirationCount, who).toBe(0);
      expect(nothing.groupsWithoutRecentVisitCount, who).toBe(0);
    }
    // An officer's figures stay their own agency's.
    const mine = dataOf(
      await gql('officerA', OVERVIEW, { unitId: daklak, unitMode: 'TODAY' }),
    ).householdOverview;
    const everyone = dataOf(
      await gql('admin', OVERVIEW, { unitId: daklak, unitMode: 'TODAY' }),
    ).householdOverview;
    expect(mine.householdCount).toBeLessThan(everyone.householdCount);
  });

  it('the dashboard’s aspiration and quiet-group figures equal their lists filtered by the same unit and mode', async () => {
    const OVERVIEW = `query ($unitId: ID, $unitMode: UnitMode) {
      householdOverview(unitId: $unitId, unitMode: $unitMode) {
        openAspirationCount groupsWithoutRecentVisitCount } }`;
    for (const who of ['admin', 'officerA', 'memberA', 'analyst'] as const) {
      for (const [unitId, unitMode] of [
        [successorCommune, 'TODAY'],
        [successorCommune, 'AS_THEN'],
        [xsb, 'AS_THEN'],
        [daklak, 'TODAY'],
      ] as const) {
        const figures = dataOf(await gql(who, OVERVIEW, { unitId, unitMode })).householdOverview;
        const where = `${who} ${unitMode}`;
        expect(
          await count(who, 'Aspirations', 'AspirationFilter', { unitId, unitMode, open: true }),
          where,
        ).toBe(figures.openAspirationCount);
        expect(
          await count(who, 'SupportGroups', 'SupportGroupFilter', {
            unitId,
            unitMode,
            withoutRecentVisit: true,
          }),
          where,
        ).toBe(figures.groupsWithoutRecentVisitCount);
      }
    }
    // The demo's open aspirations and its groups lie in Xuân Sơn Bắc, found by today's successor.
    const today = { unitId: successorCommune, unitMode: 'TODAY' };
    expect(await count('admin', 'Aspirations', 'AspirationFilter', today)).toBeGreaterThan(0);
    expect(await count('admin', 'SupportGroups', 'SupportGroupFilter', today)).toBe(10);
    const asThen = { unitId: successorCommune, unitMode: 'AS_THEN' };
    expect(await count('admin', 'SupportGroups', 'SupportGroupFilter', asThen)).toBe(0);
  });

  it('refuses an unknown mode and a malformed unit without a 500', async () => {
    const badMode = await gql(
      'admin',
      `{ _allHouseholdsMeta(filter: { unitId: "${xsb}", unitMode: SOMETIMES }) { count } }`,
    );
    expect(badMode.status).toBe(400);
    const badUnit = await gql(
      'admin',
      '{ householdOverview(unitId: "not-an-id") { householdCount } }',
    );
    expect(badUnit.status).toBeLessThan(500);
    expect(badUnit.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await households('admin', { unitId: 'not-an-id', unitMode: 'TODAY' })).toBe(0);
  });
});
