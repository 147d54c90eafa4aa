import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';

let app: TestApp;
let cookie: string;
beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
});
afterAll(() => app.close());

describe('the Plan 68 demo data', () => {
  it('has plan 68-KH/TU issued by the Provincial Standing Committee', async () => {
    const data = dataOf(
      await app.graphql('{ allPlans { code title issuer { name } } }', {}, { cookie }),
    );
    expect(data.allPlans).toHaveLength(1);
    expect(data.allPlans[0].code).toBe('68-KH/TU');
    expect(data.allPlans[0].issuer.name).toBe('Ban Thường vụ Tỉnh ủy Phú Yên');
  });

  it('has the partnership of 22/04/2014: two sponsors adopting Xuân Sơn Bắc commune', async () => {
    const data = dataOf(
      await app.graphql(
        `{ allPartnerships { coordinationPlanDate plan { code } sponsors { name }
             commune { name level parent { name level parent { name } } } } }`,
        {},
        { cookie },
      ),
    );
    expect(data.allPartnerships).toHaveLength(1);
    const [partnership] = data.allPartnerships;
    expect(partnership.coordinationPlanDate).toBe('2014-04-22');
    expect(partnership.plan.code).toBe('68-KH/TU');
    expect(partnership.sponsors.map((s: { name: string }) => s.name).sort()).toEqual([
      'Sở Tư pháp Phú Yên',
      'Đảng ủy khối Các cơ quan tỉnh',
    ]);
    expect(partnership.commune).toMatchObject({
      name: 'Xuân Sơn Bắc',
      level: 'COMMUNE',
      parent: { name: 'Đồng Xuân', level: 'DISTRICT', parent: { name: 'Phú Yên' } },
    });
  });

  it('has three information requests to the district and commune Party committees and People’s Committees', async () => {
    const data = dataOf(
      await app.graphql(
        '{ allInformationRequests { topic status recipients { name } } }',
        {},
        { cookie },
      ),
    );
    expect(data.allInformationRequests.map((r: { topic: string }) => r.topic).sort()).toEqual([
      'COMMUNE_CHARACTERISTICS',
      'POLICY_FAMILIES_AND_POOR_HOUSEHOLDS',
      'POLITICAL_SYSTEM',
    ]);
    for (const request of data.allInformationRequests) {
      expect(request.recipients.map((r: { name: string }) => r.name).sort()).toEqual([
        'Huyện ủy Đồng Xuân',
        'UBND huyện Đồng Xuân',
        'UBND xã Xuân Sơn Bắc',
        'Đảng ủy xã Xuân Sơn Bắc',
      ]);
    }
  });

  it('has the memorandum with exactly the five commitment areas and the commune’s four responsibilities', async () => {
    const data = dataOf(
      await app.graphql(
        `{ allMemorandums { id title parties { name } commitments { area title }
             responsibilities { position description responsibleOrganization { name } } } }`,
        {},
        { cookie },
      ),
    );
    expect(data.allMemorandums).toHaveLength(1);
    const [memo] = data.allMemorandums;
    expect(memo.parties.map((p: { name: string }) => p.name).sort()).toEqual([
      'Sở Tư pháp Phú Yên',
      'Đảng ủy khối Các cơ quan tỉnh',
      'Đảng ủy xã Xuân Sơn Bắc',
    ]);
    const areas = [...new Set(memo.commitments.map((c: { area: string }) => c.area))];
    expect(areas).toEqual([
      'THEMATIC_SESSIONS',
      'LEGAL_SUPPORT',
      'MASS_ORGANIZATIONS',
      'MARKET_ENVIRONMENT_CRITERIA',
      'TEMPORARY_HOUSE_REMOVAL',
    ]);
    const legal = memo.commitments.filter((c: { area: string }) => c.area === 'LEGAL_SUPPORT');
    expect(legal.map((c: { title: string }) => c.title)).toContain('Xây dựng tủ sách pháp luật');
    expect(legal).toHaveLength(6);
    expect(
      memo.commitments.find((c: { area: string }) => c.area === 'TEMPORARY_HOUSE_REMOVAL').title,
    ).toBe('Xóa 1 nhà tạm');
    expect(memo.responsibilities.map((r: { position: number }) => r.position)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(memo.responsibilities[2].description).toContain('thoát nghèo bền vững');
  });

  it('reports the five areas, not started, before any progress is recorded', async () => {
    const { allMemorandums } = dataOf(
      await app.graphql('{ allMemorandums { id } }', {}, { cookie }),
    );
    const data = dataOf(
      await app.graphql(
        `query ($id: ID!) { memorandumProgress(memorandumId: $id) { percent
             areas { area commitmentCount status achievedQuantity targetQuantity percent } } }`,
        { id: allMemorandums[0].id },
        { cookie },
      ),
    );
    expect(data.memorandumProgress.percent).toBe(0);
    expect(data.memorandumProgress.areas).toEqual([
      {
        area: 'THEMATIC_SESSIONS',
        commitmentCount: 1,
        status: 'NOT_STARTED',
        achievedQuantity: 0,
        targetQuantity: null,
        percent: 0,
      },
      {
        area: 'LEGAL_SUPPORT',
        commitmentCount: 6,
        status: 'NOT_STARTED',
        achievedQuantity: 0,
        targetQuantity: null,
        percent: 0,
      },
      {
        area: 'MASS_ORGANIZATIONS',
        commitmentCount: 1,
        status: 'NOT_STARTED',
        achievedQuantity: 0,
        targetQuantity: null,
        percent: 0,
      },
      {
        area: 'MARKET_ENVIRONMENT_CRITERIA',
        commitmentCount: 2,
        status: 'NOT_STARTED',
        achievedQuantity: 0,
        targetQuantity: null,
        percent: 0,
      },
      {
        area: 'TEMPORARY_HOUSE_REMOVAL',
        commitmentCount: 1,
        status: 'NOT_STARTED',
        achievedQuantity: 0,
        targetQuantity: 1,
        percent: 0,
      },
    ]);
  });
});

describe('lists of names', () => {
  it('sort in Vietnamese alphabetical order (Đ right after D), not by code point', async () => {
    const data = dataOf(
      await app.graphql(
        '{ allOrganizations(sortField: "name", sortOrder: "ASC", perPage: 50) { name } }',
        {},
        { cookie },
      ),
    );
    const names = data.allOrganizations.map((o: { name: string }) => o.name);
    expect(names).toEqual([
      'Ban Thường vụ Tỉnh ủy Phú Yên',
      'Đảng ủy khối Các cơ quan tỉnh',
      'Đảng ủy xã Xuân Sơn Bắc',
      'Huyện ủy Đồng Xuân',
      'Sở Tư pháp Phú Yên',
      'UBND huyện Đồng Xuân',
      'UBND xã Xuân Sơn Bắc',
    ]);
  });
});

describe('the demo tells the article’s story', () => {
  const ask = async (query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await app.graphql(query, variables, { cookie })) as any;
  const BLOC = 'Đảng ủy khối Các cơ quan tỉnh';
  const JUSTICE = 'Sở Tư pháp Phú Yên';

  it('has the ten support plans registered with the two agencies’ Party committees in June 2014', async () => {
    const { allSupportPlans } = await ask(
      '{ allSupportPlans(perPage: 100) { status registeredDate group { organization { name } } steps { description doneDate } } }',
    );
    expect(allSupportPlans).toHaveLength(10);
    const byAgency = new Map<string, number>();
    for (const plan of allSupportPlans) {
      expect(plan.status).toBe('REGISTERED');
      expect(plan.registeredDate).toMatch(/^2014-06-\d\d$/);
      // The registration step is done on the day the plan was registered.
      const registration = plan.steps.find((s: any) => s.description.includes('Đăng ký'));
      expect(registration.doneDate).toBe(plan.registeredDate);
      const agency = plan.group.organization.name;
      byAgency.set(agency, (byAgency.get(agency) ?? 0) + 1);
    }
    // "Đảng ủy khối Các cơ quan tỉnh có 3 nhóm, Sở Tư pháp 7 nhóm."
    expect(Object.fromEntries(byAgency)).toEqual({ [BLOC]: 3, [JUSTICE]: 7 });
  });

  it('keeps each planned disbursement on the fund of the agency that makes it, 31,000,000 đồng in all', async () => {
    const { allDisbursements } = await ask(
      '{ allDisbursements(perPage: 100) { amount fund { organization { name } } } }',
    );
    const sumOf = (agency: string) =>
      allDisbursements
        .filter((d: any) => d.fund.organization.name === agency)
        .reduce((s: number, d: any) => s + d.amount, 0);
    // 200 medicine packs (~20 million), 10 gifts of 500,000 and 20 gifts of 300,000 đồng.
    expect(sumOf(BLOC) + sumOf(JUSTICE)).toBe(20_000_000 + 10 * 500_000 + 20 * 300_000);
    expect(sumOf(BLOC)).toBeGreaterThan(0);
    expect(sumOf(JUSTICE)).toBeGreaterThan(0);
  });

  it('has, in each agency, staff holding every title the fund has a rate for', async () => {
    const { allFunds, allContributionRates, allStaffAssignments } = await ask(
      `{ allFunds { id organizationId organization { name } }
         allContributionRates(perPage: 1000) { fundId titleRank }
         allStaffAssignments(perPage: 1000) { organizationId titleRank } }`,
    );
    for (const fund of allFunds) {
      const held = new Set(
        allStaffAssignments
          .filter((a: any) => a.organizationId === fund.organizationId)
          .map((a: any) => a.titleRank),
      );
      const rated = allContributionRates
        .filter((r: any) => r.fundId === fund.id)
        .map((r: any) => r.titleRank);
      expect(rated.length, fund.organization.name).toBeGreaterThan(0);
      for (const title of rated)
        expect(held.has(title), `${fund.organization.name}: ${title}`).toBe(true);
    }
  });

  it('has everyone’s June 2014 dues paid, so each fund card shows money in', async () => {
    const { allFunds } = await ask('{ allFunds { id organization { name } } }');
    for (const fund of allFunds) {
      const { fundDues, fundOverview } = await ask(
        `query ($f: ID!) { fundDues(fundId: $f, fromMonth: "2014-06-01", toMonth: "2014-06-01") { expected paid arrears }
           fundOverview(fundId: $f, year: 2014) { collected monthly { month moneyIn } } }`,
        { f: fund.id },
      );
      expect(fundDues.length, fund.organization.name).toBeGreaterThan(0);
      for (const line of fundDues) expect(line).toMatchObject({ paid: line.expected, arrears: 0 });
      const june = fundDues.reduce((s: number, l: any) => s + l.expected, 0);
      expect(fundOverview.collected).toBe(june);
      expect(fundOverview.monthly.find((m: any) => m.month.startsWith('2014-06')).moneyIn).toBe(
        june,
      );
    }
  });

  it('never gives a staff member’s name to a household head (the names are fictional and distinct)', async () => {
    const { allStaffMembers, allHouseholds } = await ask(
      '{ allStaffMembers(perPage: 1000) { fullName } allHouseholds(perPage: 1000) { headName } }',
    );
    const staff = allStaffMembers.map((s: any) => s.fullName);
    const heads = allHouseholds.map((h: any) => h.headName);
    expect(new Set(staff).size).toBe(staff.length);
    expect(new Set(heads).size).toBe(heads.length);
    expect(heads.filter((name: string) => staff.includes(name))).toEqual([]);
    for (const name of [...staff, ...heads]) expect(name).toMatch(/\(mẫu\)$/);
  });
});
