/**
 * Holes found by probing the API from outside as each role, each closed and kept closed here,
 * through the real HTTP server: what the prober sent, and what must happen instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let fx: RoleFixture;

beforeAll(async () => {
  app = await startTestApp();
  fx = await signInRoles(app);
});
afterAll(() => app?.close());

type Cookie = keyof RoleFixture['cookies'];
const as = (who: Cookie, query: string, variables?: Record<string, unknown>) =>
  app.graphql(query, variables, { cookie: fx.cookies[who] });

function expectRefused(response: GraphQLResponse<unknown>, extensions: Record<string, unknown>) {
  const body = JSON.stringify(response.body).slice(0, 2000);
  expect(response.status, body).toBeLessThan(500);
  expect(response.body.data ?? null, body).toBeNull();
  expect(response.body.errors?.[0]?.extensions, body).toMatchObject(extensions);
}

describe("M5 another agency's participation in a joint partnership", () => {
  let partnershipId: string;
  const sponsorsOf = async (id: string) =>
    (
      (await app.db.query(
        `SELECT organization_id AS id FROM partnership_sponsors WHERE partnership_id = $1 ORDER BY 1`,
        [id],
      )) as { id: string }[]
    ).map((r) => r.id);
  const UPDATE = `mutation ($id: ID!, $sponsorIds: [ID!]) {
    updatePartnership(id: $id, sponsorIds: $sponsorIds) { id sponsorIds } }`;

  beforeAll(async () => {
    // A partnership both agencies sponsor.
    const [row] = (await app.db.query(`SELECT id FROM partnerships ORDER BY name LIMIT 1`)) as {
      id: string;
    }[];
    partnershipId = row!.id;
    await app.db.query(
      `INSERT INTO partnership_sponsors (partnership_id, organization_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [partnershipId, [fx.agencyA.organizationId, fx.agencyB.organizationId]],
    );
  });

  it('is not the officer’s to remove', async () => {
    const before = await sponsorsOf(partnershipId);
    expect(before).toContain(fx.agencyB.organizationId);
    const response = await as('officerA', UPDATE, {
      id: partnershipId,
      sponsorIds: before.filter((id) => id !== fx.agencyB.organizationId),
    });
    expectRefused(response, {
      code: 'FORBIDDEN',
      field: 'sponsorIds',
      rule: 'otherAgencyParticipation',
    });
    expect(await sponsorsOf(partnershipId)).toEqual(before);
  });

  it('is not the officer’s to add either', async () => {
    const before = await sponsorsOf(partnershipId);
    const [outsider] = (await app.db.query(
      `SELECT id FROM organizations WHERE NOT (id = ANY($1::uuid[])) ORDER BY name LIMIT 1`,
      [before],
    )) as { id: string }[];
    const response = await as('officerA', UPDATE, {
      id: partnershipId,
      sponsorIds: [...before, outsider!.id],
    });
    expectRefused(response, { code: 'FORBIDDEN', field: 'sponsorIds' });
    expect(await sponsorsOf(partnershipId)).toEqual(before);
  });

  it('leaves the officer their own: the same list saved again, and their own agency withdrawn', async () => {
    const before = await sponsorsOf(partnershipId);
    dataOf(await as('officerA', UPDATE, { id: partnershipId, sponsorIds: [...before].reverse() }));
    expect(await sponsorsOf(partnershipId)).toEqual(before);
    // Withdrawing takes the partnership out of the officer's scope: refused as such, not as M5.
    const withdraw = await as('officerA', UPDATE, {
      id: partnershipId,
      sponsorIds: before.filter((id) => id !== fx.agencyA.organizationId),
    });
    expect(withdraw.body.errors?.[0]?.extensions?.rule).not.toBe('otherAgencyParticipation');
  });

  it('is the administrator’s to change', async () => {
    const before = await sponsorsOf(partnershipId);
    const after = before.filter((id) => id !== fx.agencyB.organizationId);
    dataOf(await as('admin', UPDATE, { id: partnershipId, sponsorIds: after }));
    expect(await sponsorsOf(partnershipId)).toEqual(after);
  });
});

describe('L3 a viewer and the ledger', () => {
  it('reads a fund’s total, equal to the administrator’s, without reading its entries', async () => {
    const fundId = fx.agencyA.fundId!;
    const [staff] = (await app.db.query(`SELECT id FROM staff_members WHERE organization_id = $1`, [
      fx.agencyA.organizationId,
    ])) as { id: string }[];
    await app.db.query(
      `INSERT INTO contributions (fund_id, amount, staff_member_id, month, paid_date)
       VALUES ($1, 70000, $2, '2025-02-01', '2025-02-10')`,
      [fundId, staff!.id],
    );
    const query = `query ($id: ID!) { fundBalance(fundId: $id) }`;
    const admin = dataOf(await as('admin', query, { id: fundId })) as { fundBalance: number };
    const viewer = dataOf(await as('viewer', query, { id: fundId })) as { fundBalance: number };
    expect(admin.fundBalance).toBeGreaterThanOrEqual(70000);
    expect(viewer.fundBalance).toBe(admin.fundBalance);
    expectRefused(await as('viewer', `{ allContributions { id } }`), { code: 'FORBIDDEN' });
  });
});

describe('L7 a refused sortField', () => {
  it.each([
    ['admin', 'allHouseholdMembers', 'nope', ['citizenId', 'legacyIdNumber']],
    ['admin', 'allUsers', 'nope', ['passwordHash']],
    ['analyst', 'allHouseholds', 'headName', ['headName', 'address', 'circumstances']],
  ] as const)(
    '%s · %s(sortField: %s) names only fields the caller may sort by',
    async (who, list, field, secret) => {
      const response = await as(who, `{ ${list}(sortField: "${field}") { id } }`);
      expectRefused(response, { code: 'BAD_USER_INPUT', field: 'sortField', rule: 'oneOf' });
      const allowed = response.body.errors![0]!.extensions!.violations![0] as unknown as {
        params: { allowed: string[] };
      };
      expect(allowed.params.allowed).toContain('createdAt');
      for (const name of secret) expect(allowed.params.allowed).not.toContain(name);
    },
  );
});

describe('L8 references a caller may not read', () => {
  it('come as null even when only their id is asked for', async () => {
    const response = await as('viewer', `{ allMemorandums { id partnership { id } } }`);
    expect(response.body.errors).toBeUndefined();
    const rows = (response.body.data as { allMemorandums: { partnership: unknown }[] })
      .allMemorandums;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.partnership === null)).toBe(true);
  });

  it('are answered from the record’s own id, without a lookup, for those who read every record', async () => {
    type Row = {
      organizationId: string;
      organization: { id: string; name?: string };
      planId: string;
      plan: { id: string };
    };
    app.queries.length = 0;
    const funds = (
      dataOf(
        await as(
          'admin',
          `{ allFunds(perPage: 100) { id organizationId organization { id } planId plan { id } } }`,
        ),
      ) as { allFunds: Row[] }
    ).allFunds;
    expect(funds.length).toBeGreaterThan(1);
    for (const fund of funds) {
      expect(fund.organization.id).toBe(fund.organizationId);
      expect(fund.plan.id).toBe(fund.planId);
    }
    const lookups = () => app.queries.filter((sql) => /FROM "(organizations|plans)"/.test(sql));
    expect(lookups()).toEqual([]);
    // Asking for more than the id loads the record.
    app.queries.length = 0;
    const named = (
      dataOf(
        await as('admin', `{ allFunds(perPage: 100) { organizationId organization { id name } } }`),
      ) as {
        allFunds: Row[];
      }
    ).allFunds;
    expect(lookups()).toHaveLength(1);
    const names = new Map(
      (
        (await app.db.query('SELECT id, name FROM organizations')) as { id: string; name: string }[]
      ).map((o) => [o.id, o.name]),
    );
    for (const fund of named) expect(fund.organization.name).toBe(names.get(fund.organizationId));
  });

  it('never fail a whole list: an officer lists every progress entry, other agencies’ partnerships hidden', async () => {
    // A partnership the officer's agency has no part in, with a progress entry of its own.
    const [plan] = (await app.db.query(`SELECT plan_id AS id FROM partnerships LIMIT 1`)) as {
      id: string;
    }[];
    const [commune] = (await app.db.query(
      `SELECT id FROM administrative_units WHERE level = 'COMMUNE' LIMIT 1`,
    )) as { id: string }[];
    const [foreign] = (await app.db.query(
      `INSERT INTO partnerships (name, plan_id, commune_id) VALUES ('Kết nghĩa khác', $1, $2) RETURNING id`,
      [plan!.id, commune!.id],
    )) as { id: string }[];
    const [memo] = (await app.db.query(
      `INSERT INTO memoranda (partnership_id, title, signed_date)
       VALUES ($1, 'Biên bản khác', '2014-06-01') RETURNING id`,
      [foreign!.id],
    )) as { id: string }[];
    await app.db.query(
      `WITH c AS (INSERT INTO commitments (memorandum_id, area, title)
                  VALUES ($1, 'THEMATIC_SESSIONS', 'Cam kết khác') RETURNING id)
       INSERT INTO progress_entries (commitment_id, entry_date, description, quantity)
       SELECT id, '2014-07-01', 'Một buổi', 1 FROM c`,
      [memo!.id],
    );
    await app.db.query(
      `INSERT INTO progress_entries (commitment_id, entry_date, description, quantity)
       SELECT c.id, '2014-07-02', 'Buổi của cơ quan', 1 FROM commitments c
         JOIN memoranda m ON m.id = c.memorandum_id
         JOIN partnership_sponsors ps ON ps.partnership_id = m.partnership_id AND ps.organization_id = $1
        LIMIT 1`,
      [fx.agencyA.organizationId],
    );
    const response = await as(
      'officerA',
      `{ allProgressEntries(perPage: 1000) { id commitment { memorandum { partnership { id name } } } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    const rows = (
      response.body.data as {
        allProgressEntries: {
          commitment: { memorandum: { partnership: { id: string } | null } };
        }[];
      }
    ).allProgressEntries;
    const [{ count }] = (await app.db.query(
      `SELECT count(*)::int AS count FROM progress_entries`,
    )) as { count: number }[];
    expect(rows).toHaveLength(count);
    const shown = new Set(
      rows.flatMap((r) =>
        r.commitment.memorandum.partnership ? [r.commitment.memorandum.partnership.id] : [],
      ),
    );
    const readable = new Set(
      (
        (await app.db.query(
          `SELECT partnership_id AS id FROM partnership_sponsors WHERE organization_id = $1
           UNION SELECT partnership_id FROM support_groups WHERE organization_id = $1`,
          [fx.agencyA.organizationId],
        )) as { id: string }[]
      ).map((r) => r.id),
    );
    for (const id of shown) expect(readable.has(id), id).toBe(true);
    expect(shown.size, 'the officer’s own partnerships still show').toBeGreaterThan(0);
    expect(
      rows.some((r) => r.commitment.memorandum.partnership === null),
      'the other partnership is hidden',
    ).toBe(true);
  });
});

describe('M2 dashboards count the caller’s own records', () => {
  const OVERVIEW = `{ householdOverview { householdCount groupsWithoutRecentVisitCount
      groupsWithoutRecentVisit { id } openAspirationCount byCategory { category count } } }`;
  interface Overview {
    householdCount: number;
    groupsWithoutRecentVisitCount: number;
    groupsWithoutRecentVisit: { id: string }[];
    openAspirationCount: number;
  }
  const overview = async (who: Cookie) =>
    (dataOf(await as(who, OVERVIEW)) as { householdOverview: Overview }).householdOverview;
  /** What the caller's own lists hold. */
  const lists = async (who: Cookie) =>
    dataOf(
      await as(
        who,
        `{ households: _allHouseholdsMeta { count }
           groups: allSupportGroups(perPage: 1000) { id }
           aspirations: allAspirations(perPage: 1000) { status } }`,
      ),
    ) as {
      households: { count: number };
      groups: { id: string }[];
      aspirations: { status: string }[];
    };

  it.each(['officerA', 'officerB', 'memberA', 'admin'] as const)(
    '%s: the household overview equals what the own lists hold',
    async (who) => {
      const [figures, own] = await Promise.all([overview(who), lists(who)]);
      expect(figures.householdCount).toBe(own.households.count);
      const groups = new Set(own.groups.map((g) => g.id));
      expect(figures.groupsWithoutRecentVisit.every((g) => groups.has(g.id))).toBe(true);
      expect(figures.groupsWithoutRecentVisitCount).toBe(figures.groupsWithoutRecentVisit.length);
      const open = own.aspirations.filter((a) =>
        ['RECORDED', 'FORWARDED', 'ANSWERED'].includes(a.status),
      ).length;
      expect(figures.openAspirationCount).toBe(open);
    },
  );

  it('an officer’s overview is not the program’s', async () => {
    const [officer, admin] = await Promise.all([overview('officerA'), overview('admin')]);
    expect(officer.householdCount).toBeLessThan(admin.householdCount);
  });

  it('a viewer gets the program’s figures and no group records', async () => {
    const [viewer, admin] = await Promise.all([overview('viewer'), overview('admin')]);
    expect(viewer.groupsWithoutRecentVisit).toEqual([]);
    expect(viewer.groupsWithoutRecentVisitCount).toBe(admin.groupsWithoutRecentVisitCount);
    expect(admin.groupsWithoutRecentVisitCount).toBeGreaterThan(0);
    expect(viewer.householdCount).toBe(admin.householdCount);
    expect(viewer.openAspirationCount).toBe(admin.openAspirationCount);
  });

  it('an officer’s half-year roll-up sums the agency’s groups only', async () => {
    const ROLLUP = `query ($org: ID) { halfYearRollup(year: 2014, half: 1, organizationId: $org) { groupCount } }`;
    const rollup = async (who: Cookie, org: string | null) =>
      (dataOf(await as(who, ROLLUP, { org })) as { halfYearRollup: { groupCount: number } })
        .halfYearRollup.groupCount;
    expect(await rollup('officerA', null)).toBe(fx.agencyA.groupIds.length);
    expect(await rollup('officerA', fx.agencyB.organizationId)).toBe(0);
    expect(await rollup('admin', fx.agencyB.organizationId)).toBe(fx.agencyB.groupIds.length);
    const [{ count }] = (await app.db.query(
      'SELECT count(*)::int AS count FROM support_groups',
    )) as { count: number }[];
    expect(await rollup('viewer', null)).toBe(count);
  });
});

describe('H1 spending a balance twice by backdating', () => {
  const day = (offset: number) => {
    const date = new Date(`${todayInVietnam()}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + offset);
    return date.toISOString().slice(0, 10);
  };
  const balance = async () =>
    (
      dataOf(
        await as('admin', `query ($f: ID!) { fundBalance(fundId: $f) }`, {
          f: fx.agencyA.fundId,
        }),
      ) as { fundBalance: number }
    ).fundBalance;
  const planned = async (amount: number) =>
    (
      dataOf(
        await as(
          'officerA',
          `mutation ($f: ID!, $a: Money!) { d: createDisbursement(fundId: $f, purpose: OTHER,
             description: "Chi thử", quantity: 1, unitAmount: $a, amount: $a) { id } }`,
          { f: fx.agencyA.fundId, a: amount },
        ),
      ) as { d: { id: string } }
    ).d.id;
  const POST = `mutation ($id: ID!, $d: LocalDate!, $r: String) {
    postDisbursement(id: $id, disbursedDate: $d, overrideReason: $r) { id status } }`;

  it('is refused: money spent today is no longer there on an earlier date', async () => {
    dataOf(
      await as(
        'officerA',
        `mutation ($f: ID!, $d: LocalDate!) { createDonation(fundId: $f, amount: 5000000,
           donorKind: INDIVIDUAL, donorName: "Nhà hảo tâm", form: CASH, receivedDate: $d) { id } }`,
        { f: fx.agencyA.fundId, d: day(-3) },
      ),
    );
    const before = await balance();
    expect(before).toBeGreaterThanOrEqual(5_000_000);
    // The whole balance goes out today…
    dataOf(await as('officerA', POST, { id: await planned(before), d: day(0) }));
    expect(await balance()).toBe(0);
    // …and again, dated two days ago, when it was still there.
    const second = await planned(1_000_000);
    const refused = await as('officerA', POST, { id: second, d: day(-2) });
    expectRefused(refused, { code: 'BAD_USER_INPUT', field: 'amount', rule: 'exceedsBalance' });
    expect(await balance()).toBe(0);
    // An officer's reason does not help; an administrator's does, and is kept.
    expectRefused(await as('officerA', POST, { id: second, d: day(-2), r: 'Tạm ứng' }), {
      code: 'CONFLICT',
      rule: 'overrideNeedsAdmin',
    });
    dataOf(await as('admin', POST, { id: second, d: day(-2), r: 'Tạm ứng theo quyết định' }));
    expect(await balance()).toBe(-1_000_000);
  });

  it('is refused too when money in is reversed after it was spent', async () => {
    const start = await balance();
    const gift = dataOf(
      await as(
        'officerA',
        `mutation ($f: ID!, $d: LocalDate!) { g: createDonation(fundId: $f, amount: 2000000,
           donorKind: INDIVIDUAL, donorName: "Nhà hảo tâm", form: CASH, receivedDate: $d) { id } }`,
        { f: fx.agencyA.fundId, d: day(-1) },
      ),
    ) as { g: { id: string } };
    dataOf(await as('officerA', POST, { id: await planned(start + 2_000_000), d: day(0) }));
    const reverse = await as(
      'officerA',
      `mutation ($id: ID!) { reverseDonation(id: $id, reason: "Nhập nhầm số tiền") { id } }`,
      { id: gift.g.id },
    );
    expectRefused(reverse, { code: 'BAD_USER_INPUT', rule: 'exceedsBalance' });
    expect(await balance()).toBe(0);
  });
});

describe('L5 a reversal’s date', () => {
  it('falls between its original’s date and today', async () => {
    const created = dataOf(
      await as(
        'officerB',
        `mutation ($f: ID!) { d: createDonation(fundId: $f, amount: 200000, donorKind: OTHER,
           donorName: "Hội", form: CASH, receivedDate: "2025-03-10") { id } }`,
        { f: fx.agencyB.fundId },
      ),
    ) as { d: { id: string } };
    const REVERSE = `mutation ($id: ID!, $date: LocalDate) {
      reverseDonation(id: $id, reason: "Nhập nhầm", date: $date) { id receivedDate } }`;
    expectRefused(await as('officerB', REVERSE, { id: created.d.id, date: '1900-01-01' }), {
      code: 'BAD_USER_INPUT',
      field: 'date',
      rule: 'notBeforeOriginal',
    });
    expectRefused(await as('officerB', REVERSE, { id: created.d.id, date: '2025-03-09' }), {
      code: 'BAD_USER_INPUT',
      field: 'date',
    });
    const [{ n }] = (await app.db.query(
      'SELECT count(*)::int AS n FROM donations WHERE reverses_id = $1',
      [created.d.id],
    )) as { n: number }[];
    expect(n).toBe(0);
    const done = dataOf(
      await as('officerB', REVERSE, { id: created.d.id, date: '2025-03-10' }),
    ) as {
      reverseDonation: { receivedDate: string };
    };
    expect(done.reverseDonation.receivedDate).toBe('2025-03-10');
  });
});

describe('L4 the same donation sent twenty times at once', () => {
  const CREATE = `mutation ($f: ID!, $k: String, $a: Money!) { d: createDonation(fundId: $f, amount: $a,
    donorKind: BUSINESS, donorName: "Công ty Hòa Bình", form: CASH, receivedDate: "2025-05-05",
    idempotencyKey: $k) { id } }`;
  const count = async () =>
    (
      (await app.db.query(
        `SELECT count(*)::int AS n FROM donations WHERE donor_name = 'Công ty Hòa Bình'`,
      )) as { n: number }[]
    )[0]!.n;

  it('is one donation when its submissions share a key', async () => {
    const before = await count();
    const key = '0b8f6c1e-6a0e-4a57-9d0c-6a2f7b1d2e01';
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        as('officerA', CREATE, { f: fx.agencyA.fundId, k: key, a: 3_000_000 }),
      ),
    );
    const ids = new Set(answers.map((a) => (dataOf(a) as { d: { id: string } }).d.id));
    expect(ids.size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the key again with another amount, adding nothing', async () => {
    const before = await count();
    const response = await as('officerA', CREATE, {
      f: fx.agencyA.fundId,
      k: '0b8f6c1e-6a0e-4a57-9d0c-6a2f7b1d2e01',
      a: 4_000_000,
    });
    expectRefused(response, { code: 'CONFLICT', rule: 'idempotencyKeyReused' });
    expect(await count()).toBe(before);
  });

  it('creates a disbursement once per key too', async () => {
    const key = '5d1b8a8e-7f0a-4c61-8f7e-3c1c2b0a9d02';
    const CREATE_OUT = `mutation ($f: ID!, $k: String) { d: createDisbursement(fundId: $f, purpose: OTHER,
      description: "Mua giống", quantity: 2, unitAmount: 150000, amount: 300000, idempotencyKey: $k) { id } }`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => as('officerA', CREATE_OUT, { f: fx.agencyA.fundId, k: key })),
    );
    const ids = new Set(answers.map((a) => (dataOf(a) as { d: { id: string } }).d.id));
    expect(ids.size).toBe(1);
  });
});

describe('L6 how much one request may ask for', () => {
  const DUES = `query ($f: ID!, $from: LocalDate!, $to: LocalDate!) {
    fundDues(fundId: $f, fromMonth: $from, toMonth: $to) { month } }`;

  it('dues: two years at once, not more', async () => {
    const ok = await as('officerA', DUES, {
      f: fx.agencyA.fundId,
      from: '2024-01-01',
      to: '2025-12-01',
    });
    expect(ok.body.errors).toBeUndefined();
    const refused = await as('officerA', DUES, {
      f: fx.agencyA.fundId,
      from: '2024-01-01',
      to: '2026-01-01',
    });
    expectRefused(refused, { code: 'BAD_USER_INPUT', field: 'toMonth', rule: 'maxMonths' });
    const century = await as('admin', DUES, {
      f: fx.agencyA.fundId,
      from: '1900-01-01',
      to: '2100-12-01',
    });
    expect(century.status).toBe(400);
    expect(century.body.errors?.[0]?.message).toBe('Query validation error.');
  });

  it('pages: five pages of 1000 rows in one request, not six (page sizes from variables too)', async () => {
    const pages = (n: number) =>
      `query ($n: Int) { ${Array.from({ length: n }, (_, i) => `p${i}: allOrganizations(perPage: $n, page: ${i}) { id }`).join(' ')} }`;
    const five = await as('admin', pages(5), { n: 1000 });
    expect(five.body.errors).toBeUndefined();
    const six = await as('admin', pages(6), { n: 1000 });
    expect(six.status).toBe(400);
    expect(six.body.errors?.[0]?.extensions).toMatchObject({ rule: 'maxRows' });
    expect(six.body.errors?.[0]?.message).toBe('Query validation error.');
  });
});

describe('L1 a malformed session cookie', () => {
  it.each(['plan68_session=%E0%A4%A', 'plan68_session=%', 'plan68_session="unterminated', '=;;=='])(
    '%s is a visitor without a session, not a server error',
    async (cookie) => {
      const response = await app.graphql('{ me { id } }', undefined, { cookie });
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ me: null });
    },
  );
});

describe('M7 very large amounts', () => {
  const DONATE = `mutation ($f: ID!, $a: Money!) { d: createDonation(fundId: $f, amount: $a,
    donorKind: OTHER, donorName: "Số lớn", form: CASH, receivedDate: "2025-06-01") { id amount } }`;

  it('one amount is at most one trillion đồng: beyond, BAD_USER_INPUT naming the field, nothing written', async () => {
    const [{ n: before }] = (await app.db.query(
      `SELECT count(*)::int AS n FROM donations WHERE donor_name = 'Số lớn'`,
    )) as { n: number }[];
    const refused = await as('admin', DONATE, { f: fx.agencyA.fundId, a: 9_007_199_254_740_991 });
    expectRefused(refused, { code: 'BAD_USER_INPUT', field: 'amount', rule: 'max' });
    const taken = dataOf(await as('admin', DONATE, { f: fx.agencyA.fundId, a: 1_000_000_000_000 }));
    expect(taken).toMatchObject({ d: { amount: 1_000_000_000_000 } });
    const [{ n: after }] = (await app.db.query(
      `SELECT count(*)::int AS n FROM donations WHERE donor_name = 'Số lớn'`,
    )) as { n: number }[];
    expect(after).toBe(before + 1);
  });

  it('stored sums past 2^53 − 1 are read exactly, as digits, and no read fails', async () => {
    const [plan] = (await app.db.query(`SELECT id FROM plans LIMIT 1`)) as { id: string }[];
    const [fund] = (await app.db.query(
      `INSERT INTO funds (name, organization_id, plan_id)
       SELECT 'Quỹ số lớn', o.id, $1 FROM organizations o
        WHERE NOT EXISTS (SELECT 1 FROM funds f WHERE f.organization_id = o.id) LIMIT 1
       RETURNING id`,
      [plan!.id],
    )) as { id: string }[];
    // Put there by a script, past what the API takes: reads must still answer, exactly.
    await app.db.query(
      `INSERT INTO donations (fund_id, amount, donor_kind, donor_name, form, received_date)
       VALUES ($1, 9007199254740991, 'OTHER', 'Kịch bản', 'CASH', '2025-01-02'),
              ($1, 9007199254740991, 'OTHER', 'Kịch bản', 'CASH', '2025-01-03')`,
      [fund!.id],
    );
    const response = await as(
      'admin',
      `query ($f: ID!) { fundBalance(fundId: $f) fundOverview(fundId: $f, year: 2025) {
         balance monthly { moneyIn } } allFunds(filter: { ids: [$f] }) { balance } }`,
      { f: fund!.id },
    );
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data as {
      fundBalance: unknown;
      fundOverview: { balance: unknown; monthly: { moneyIn: unknown }[] };
      allFunds: { balance: unknown }[];
    };
    expect(data.fundBalance).toBe('18014398509481982');
    expect(data.fundOverview.balance).toBe('18014398509481982');
    expect(data.fundOverview.monthly[0]!.moneyIn).toBe('18014398509481982');
    expect(data.allFunds[0]!.balance).toBe('18014398509481982');
  });
});

describe('fuzz findings: inputs that answered INTERNAL_SERVER_ERROR', () => {
  const households = async () =>
    ((await app.db.query('SELECT count(*)::int AS n FROM households')) as { n: number }[])[0]!.n;

  it('a NUL character in a text or a search: BAD_USER_INPUT naming where, nothing written', async () => {
    const before = await households();
    const inVariable = await as(
      'admin',
      `mutation ($name: String!, $v: ID!) { createHousehold(headName: $name, villageId: $v) { id } }`,
      { name: 'Nguyễn\u0000Văn', v: fx.agencyA.householdIds[0] },
    );
    expectRefused(inVariable, { code: 'BAD_USER_INPUT', field: 'name', rule: 'nulCharacter' });
    const inSearch = await as(
      'officerA',
      `query ($f: HouseholdFilter) { allHouseholds(filter: $f) { id } }`,
      {
        f: { q: 'a\u0000b' },
      },
    );
    expectRefused(inSearch, { code: 'BAD_USER_INPUT', field: 'f.q', rule: 'nulCharacter' });
    const inQuery = await as('admin', `{ allHouseholds(filter: { q: "x\\u0000y" }) { id } }`);
    expectRefused(inQuery, { code: 'BAD_USER_INPUT', field: 'filter', rule: 'nulCharacter' });
    expect(await households()).toBe(before);
  });

  it('more than 50 invalid values in one request: BAD_USER_INPUT, not a server error', async () => {
    const response = await as('admin', `query ($f: FundFilter) { allFunds(filter: $f) { id } }`, {
      f: { ids: Array(51).fill(null) },
    });
    expect(response.status).toBeLessThan(500);
    const codes = new Set(response.body.errors?.map((e) => e.extensions?.code));
    expect([...codes]).toEqual(['BAD_USER_INPUT']);
  });

  it.each(['submitHalfYearReport', 'refreshHalfYearReport'])(
    '%s of an id that is no id: NOT_FOUND',
    async (name) => {
      const response = await as('officerA', `mutation { ${name}(id: "không-phải-id") { id } }`);
      expectRefused(response, { code: 'NOT_FOUND' });
    },
  );

  it('reopenHalfYearReport of an id that is no id: NOT_FOUND', async () => {
    const response = await as(
      'officerA',
      `mutation { reopenHalfYearReport(id: "x", reason: "Cần sửa số liệu") { id } }`,
    );
    expectRefused(response, { code: 'NOT_FOUND' });
  });

  it('recordMonthDues for staff ids that are no ids: BAD_USER_INPUT on staffMemberIds', async () => {
    const response = await as(
      'officerA',
      `mutation ($f: ID!) { recordMonthDues(fundId: $f, month: "2025-01-01", paidDate: "2025-01-05",
         staffMemberIds: ["abc"]) { recorded } }`,
      { f: fx.agencyA.fundId },
    );
    expectRefused(response, { code: 'BAD_USER_INPUT', field: 'staffMemberIds', rule: 'exists' });
  });

  it('a contribution rate ending before it starts: BAD_USER_INPUT on validTo, nothing written', async () => {
    const [{ n: before }] = (await app.db.query(
      'SELECT count(*)::int AS n FROM contribution_rates',
    )) as { n: number }[];
    const response = await as(
      'officerA',
      `mutation ($f: ID!) { createContributionRate(fundId: $f, titleRank: CIVIL_SERVANT,
         monthlyAmount: 10000, validFrom: "2025-03-01", validTo: "2025-01-31") { id } }`,
      { f: fx.agencyA.fundId },
    );
    expectRefused(response, { code: 'BAD_USER_INPUT', field: 'validTo', rule: 'afterValidFrom' });
    const [{ n: after }] = (await app.db.query(
      'SELECT count(*)::int AS n FROM contribution_rates',
    )) as { n: number }[];
    expect(after).toBe(before);
  });
});

describe('L2 aggregates beside other fields of one request', () => {
  it('give a viewer the same figures together as alone, every time', async () => {
    const alone = dataOf(
      await as('viewer', `{ householdOverview { openAspirationCount householdCount } }`),
    );
    const funds = dataOf(await as('viewer', `{ allFunds { id balance } }`));
    for (let i = 0; i < 10; i++) {
      const together = dataOf(
        await as(
          'viewer',
          `{ allFunds { id balance } householdOverview { openAspirationCount householdCount }
             again: householdOverview { openAspirationCount } }`,
        ),
      ) as Record<string, unknown>;
      expect(together.householdOverview).toEqual(
        (alone as Record<string, unknown>).householdOverview,
      );
      expect(together.again).toEqual({
        openAspirationCount: (alone as { householdOverview: { openAspirationCount: number } })
          .householdOverview.openAspirationCount,
      });
      expect(together.allFunds).toEqual((funds as Record<string, unknown>).allFunds);
    }
  });
});

describe('M3 a citizen ID registered with another agency', () => {
  const CREATE = `mutation ($h: ID!, $c: String) { m: createHouseholdMember(householdId: $h,
    fullName: "Lê Văn Trùng", relation: CHILD, citizenId: $c) { id citizenIdMasked } }`;
  const UPDATE = `mutation ($id: ID!, $c: String) { m: updateHouseholdMember(id: $id, citizenId: $c) { id } }`;
  let n = 0;
  const newId = () => `07920${String(Date.now() % 1e6).padStart(6, '0')}${n++ % 10}`;

  it('is taken like an unused one: the answer tells the officer nothing', async () => {
    const taken = newId();
    const theirs = dataOf(
      await as('officerB', CREATE, { h: fx.agencyB.householdIds[0], c: taken }),
    ) as { m: { id: string } };
    const onTaken = await as('officerA', CREATE, { h: fx.agencyA.householdIds[0], c: taken });
    const onFree = await as('officerA', CREATE, { h: fx.agencyA.householdIds[0], c: newId() });
    expect(onTaken.body.errors).toBeUndefined();
    expect(onFree.body.errors).toBeUndefined();
    expect(Object.keys(onTaken.body.data as object)).toEqual(
      Object.keys(onFree.body.data as object),
    );
    // Moving an existing member onto the ID is the same.
    const mine = (dataOf(onFree) as { m: { id: string } }).m.id;
    const [other] = (await app.db.query(
      `SELECT id FROM household_members WHERE household_id = ANY($1::uuid[]) AND citizen_id IS NULL LIMIT 1`,
      [fx.agencyA.householdIds],
    )) as { id: string }[];
    const takenToo = newId();
    dataOf(await as('officerB', CREATE, { h: fx.agencyB.householdIds[0], c: takenToo }));
    expect(
      (await as('officerA', UPDATE, { id: other!.id, c: takenToo })).body.errors,
    ).toBeUndefined();
    // And the administrator finds the duplicate to resolve, with every member holding it.
    const duplicates = dataOf(
      await as('admin', `{ citizenIdDuplicates { citizenIdMasked members { id householdId } } }`),
    ) as { citizenIdDuplicates: { citizenIdMasked: string; members: { id: string }[] }[] };
    const item = duplicates.citizenIdDuplicates.find((d) =>
      d.members.some((m) => m.id === theirs.m.id),
    );
    expect(item?.members.map((m) => m.id).sort()).toEqual(
      [theirs.m.id, (dataOf(onTaken) as { m: { id: string } }).m.id].sort(),
    );
    const second = duplicates.citizenIdDuplicates.find((d) =>
      d.members.some((m) => m.id === other!.id),
    );
    expect(second?.members).toHaveLength(2);
    expect(item?.citizenIdMasked).toBe(`${taken[0]}**********${taken.at(-1)}`);
    expect(item?.members.some((m) => m.id === mine)).toBe(false);
  });

  it('is refused within the officer’s own households, naming the field', async () => {
    const id = newId();
    dataOf(await as('officerA', CREATE, { h: fx.agencyA.householdIds[0], c: id }));
    const again = await as('officerA', CREATE, { h: fx.agencyA.householdIds[1], c: id });
    expectRefused(again, { code: 'BAD_USER_INPUT', field: 'citizenId', rule: 'unique' });
  });

  it('is for administrators to list', async () => {
    for (const who of ['officerA', 'analyst', 'viewer'] as const)
      expectRefused(await as(who, `{ citizenIdDuplicates { citizenIdMasked } }`), {
        code: 'FORBIDDEN',
      });
  });
});
