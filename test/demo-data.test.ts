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
