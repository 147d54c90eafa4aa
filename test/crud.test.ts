import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { loadMutationArgTypes, mutationDocument, type Row, type Vars } from './support/mutations';

interface Demo {
  communeId: string;
  planId: string;
  partnershipId: string;
  memorandumId: string;
  orgId: (name: string) => string;
  commitmentId: (title: string) => string;
}

interface Resource {
  name: string;
  plural: string;
  /** A foreign key of the created record to filter the list by. */
  foreignKey: string;
  create: (demo: Demo) => Vars;
  update: Vars;
}

let app: TestApp;
let cookie: string;
let demo: Demo;
let mutationArgs: Map<string, Map<string, string>>;

const gql = (query: string, variables: Vars = {}) => app.graphql(query, variables, { cookie });

/** Calls a mutation with exactly the given arguments, typed as the server's schema declares them. */
const mutate = (name: string, variables: Vars, selection = 'id') =>
  gql(mutationDocument(mutationArgs, name, variables, selection), variables);

const fieldsOf = (r: Resource) =>
  ['id', 'version', ...new Set([...Object.keys(r.create(demo)), ...Object.keys(r.update)])].join(
    ' ',
  );

const getOne = (r: Resource, id: string, selection = fieldsOf(r)) =>
  gql(`query ($id: ID!) { result: ${r.name}(id: $id) { ${selection} } }`, { id });

interface ListArgs {
  filter?: Vars;
  page?: number;
  perPage?: number;
  sortField?: string;
  sortOrder?: string;
}

const list = (r: Resource, args: ListArgs, selection = 'id') =>
  gql(
    `query ($filter: ${r.name}Filter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
       items: all${r.plural}(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { ${selection} }
       meta: _all${r.plural}Meta(filter: $filter) { count } }`,
    { ...args },
  );

const resource = (name: string) => resources.find((r) => r.name === name)!;

function expectError(response: GraphQLResponse<unknown>, code: string, extensions: Vars = {}) {
  expect(response.body.errors?.[0]?.extensions, JSON.stringify(response.body)).toMatchObject({
    code,
    ...extensions,
  });
}

const sortIds = (ids: string[]) => [...ids].sort();
const sorted = (record: Row) =>
  Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, Array.isArray(v) ? sortIds(v) : v]),
  );

const resources: Resource[] = [
  {
    name: 'AdministrativeUnit',
    plural: 'AdministrativeUnits',
    foreignKey: 'parentId',
    create: (d) => ({
      level: 'VILLAGE',
      name: 'Thôn Tân Bình',
      code: 'TB-01',
      parentId: d.communeId,
      validFrom: '2014-01-01',
    }),
    update: { name: 'Thôn Tân Bình Đông', validTo: '2025-06-30' },
  },
  {
    name: 'Organization',
    plural: 'Organizations',
    foreignKey: 'administrativeUnitId',
    create: (d) => ({
      name: 'Hội Nông dân xã Xuân Sơn Bắc',
      shortName: 'Hội ND xã',
      kind: 'MASS_ORGANIZATION',
      level: 'COMMUNE',
      administrativeUnitId: d.communeId,
    }),
    update: { shortName: 'Hội Nông dân', kind: 'OTHER' },
  },
  {
    name: 'Plan',
    plural: 'Plans',
    foreignKey: 'issuerId',
    create: (d) => ({
      code: '12-KH/TU',
      title: 'Kế hoạch thử nghiệm giúp đỡ thôn khó khăn',
      modelName: 'Cơ quan giúp đỡ thôn',
      issuerId: d.orgId('Ban Thường vụ Tỉnh ủy Phú Yên'),
      issuedDate: '2014-03-15',
    }),
    update: { title: 'Kế hoạch thử nghiệm (sửa đổi)', issuedDate: '2014-03-20' },
  },
  {
    name: 'Partnership',
    plural: 'Partnerships',
    foreignKey: 'communeId',
    create: (d) => ({
      name: 'Sở Tư pháp giúp đỡ thôn Tân Bình',
      planId: d.planId,
      communeId: d.communeId,
      sponsorIds: [d.orgId('Sở Tư pháp Phú Yên')],
      coordinationPlanDate: '2014-05-01',
      notes: 'Thống nhất kế hoạch phối hợp.',
    }),
    update: { name: 'Sở Tư pháp giúp đỡ thôn Tân Bình Đông', coordinationPlanDate: '2014-05-02' },
  },
  {
    name: 'InformationRequest',
    plural: 'InformationRequests',
    foreignKey: 'partnershipId',
    create: (d) => ({
      partnershipId: d.partnershipId,
      topic: 'OTHER',
      details: 'Danh sách các thôn đặc biệt khó khăn.',
      recipientIds: [d.orgId('UBND xã Xuân Sơn Bắc')],
      status: 'SENT',
      requestedDate: '2014-05-05',
    }),
    update: { status: 'RECEIVED', receivedDate: '2014-05-12' },
  },
  {
    name: 'Memorandum',
    plural: 'Memorandums',
    foreignKey: 'partnershipId',
    create: (d) => ({
      partnershipId: d.partnershipId,
      title: 'Biên bản ghi nhớ bổ sung',
      signedDate: '2014-06-01',
      partyIds: [d.orgId('Đảng ủy khối Các cơ quan tỉnh')],
      notes: 'Bổ sung nội dung giúp đỡ.',
    }),
    update: { title: 'Biên bản ghi nhớ bổ sung (lần 2)', signedDate: '2014-06-02' },
  },
  {
    name: 'CounterpartResponsibility',
    plural: 'CounterpartResponsibilities',
    foreignKey: 'memorandumId',
    create: (d) => ({
      memorandumId: d.memorandumId,
      position: 5,
      description: 'Báo cáo kết quả thực hiện hằng quý.',
      responsibleOrganizationId: d.orgId('UBND xã Xuân Sơn Bắc'),
    }),
    update: { description: 'Báo cáo kết quả thực hiện hằng tháng.', position: 6 },
  },
  {
    name: 'Commitment',
    plural: 'Commitments',
    foreignKey: 'memorandumId',
    create: (d) => ({
      memorandumId: d.memorandumId,
      area: 'LEGAL_SUPPORT',
      title: 'Tập huấn hòa giải ở cơ sở',
      description: 'Cho tổ hòa giải các thôn.',
      targetQuantity: 3,
      targetUnit: 'lớp',
      responsibleOrganizationId: d.orgId('Sở Tư pháp Phú Yên'),
      dueDate: '2015-12-31',
      position: 20,
    }),
    update: { title: 'Tập huấn hòa giải viên ở cơ sở', targetQuantity: 4 },
  },
  {
    name: 'ProgressEntry',
    plural: 'ProgressEntries',
    foreignKey: 'commitmentId',
    create: (d) => ({
      commitmentId: d.commitmentId('Tuyên truyền pháp luật'),
      entryDate: '2014-08-15',
      description: 'Tuyên truyền Luật Hôn nhân và gia đình',
      quantity: 2,
      cost: 3_500_000_000,
      evidence: 'Biên bản số 12/BB',
      completes: false,
    }),
    update: { quantity: 3, cost: 4_000_000_000 },
  },
];

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  mutationArgs = await loadMutationArgTypes(app, cookie);
  const data = dataOf(
    await gql(`{
      allAdministrativeUnits(filter: { level: COMMUNE }) { id name }
      allOrganizations(perPage: 1000) { id name }
      allPlans { id }
      allPartnerships { id }
      allMemorandums { id }
      allCommitments(perPage: 1000) { id title }
    }`),
  );
  const byName = (rows: Row[], key: string) => (value: string) => {
    const row = rows.find((r) => r[key] === value);
    if (!row) throw new Error(`demo data has no ${value}`);
    return row.id as string;
  };
  demo = {
    communeId: byName(data.allAdministrativeUnits, 'name')('Xuân Sơn Bắc'),
    planId: data.allPlans[0].id,
    partnershipId: data.allPartnerships[0].id,
    memorandumId: data.allMemorandums[0].id,
    orgId: byName(data.allOrganizations, 'name'),
    commitmentId: byName(data.allCommitments, 'title'),
  };
});
afterAll(() => app?.close());

describe.each(resources)('$name', (r) => {
  let created: Row;

  it('creates a record with the given fields at version 1', async () => {
    const input = r.create(demo);
    created = dataOf(await mutate(`create${r.name}`, input, fieldsOf(r))).result;
    expect(created.id).toEqual(expect.any(String));
    expect(sorted(created)).toMatchObject({ ...sorted(input), version: 1 });
  });

  it('gets it by id', async () => {
    expect(dataOf(await getOne(r, created.id)).result).toEqual(created);
  });

  it('lists and counts it by id and by a foreign key', async () => {
    const byIds = dataOf(await list(r, { filter: { ids: [created.id] } }));
    expect(byIds.items).toEqual([{ id: created.id }]);
    expect(byIds.meta.count).toBe(1);

    const filter = { [r.foreignKey]: created[r.foreignKey] };
    const byKey = dataOf(await list(r, { filter, perPage: 1000 }, `id ${r.foreignKey}`));
    expect(byKey.items).toContainEqual({ id: created.id, [r.foreignKey]: created[r.foreignKey] });
    expect(byKey.items.every((row: Row) => row[r.foreignKey] === created[r.foreignKey])).toBe(true);
    expect(byKey.meta.count).toBe(byKey.items.length);

    const elsewhere = dataOf(await list(r, { filter: { [r.foreignKey]: randomUUID() } }));
    expect(elsewhere).toEqual({ items: [], meta: { count: 0 } });
  });

  it('updates it with the current version, to version 2', async () => {
    const response = await mutate(
      `update${r.name}`,
      { id: created.id, version: 1, ...r.update },
      fieldsOf(r),
    );
    expect(sorted(dataOf(response).result)).toEqual(
      sorted({ ...created, ...r.update, version: 2 }),
    );
  });

  it('refuses an update with a stale version, with CONFLICT staleVersion, and changes nothing', async () => {
    const response = await mutate(`update${r.name}`, { id: created.id, version: 1, ...r.update });
    expectError(response, 'CONFLICT', { rule: 'staleVersion', currentVersion: 2 });
    expect(response.body.data ?? null).toBeNull();
    const current = dataOf(await getOne(r, created.id)).result;
    expect(sorted(current)).toEqual(sorted({ ...created, ...r.update, version: 2 }));
  });

  it.each([
    ['a random uuid', randomUUID()],
    ['a malformed id', 'abc'],
  ])('answers NOT_FOUND to get, update and delete %s', async (_title, id) => {
    expectError(await getOne(r, id), 'NOT_FOUND', { id });
    expectError(await mutate(`update${r.name}`, { id, ...r.update }), 'NOT_FOUND', { id });
    expectError(await mutate(`delete${r.name}`, { id }), 'NOT_FOUND', { id });
  });

  it('deletes it, returning it, after which it is NOT_FOUND', async () => {
    const deleted = dataOf(await mutate(`delete${r.name}`, { id: created.id }, 'id version'));
    expect(deleted.result).toEqual({ id: created.id, version: 2 });
    expectError(await getOne(r, created.id), 'NOT_FOUND');
    expect(dataOf(await list(r, { filter: { ids: [created.id] } })).meta.count).toBe(0);
  });

  it('refuses anonymous callers with UNAUTHENTICATED and no data', async () => {
    const response = await app.graphql(`{ all${r.plural} { id } _all${r.plural}Meta { count } }`);
    expect(response.body.data ?? null).toBeNull();
    const codes = response.body.errors?.map((e) => e.extensions?.code) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['UNAUTHENTICATED']));
  });
});

describe('lists', () => {
  const organizations = resource('Organization');
  const names = ['Tổ thử sắp xếp A', 'Tổ thử sắp xếp B', 'Tổ thử sắp xếp C'];
  const filter = { q: 'to thu sap xep' };
  const namesOf = (response: GraphQLResponse<Row>) =>
    dataOf(response).items.map((o: Row) => o.name);

  beforeAll(async () => {
    for (const name of [names[1], names[2], names[0]]) {
      dataOf(await mutate('createOrganization', { name, kind: 'OTHER' }));
    }
  });

  it('sorts by a field ascending and descending', async () => {
    const ascending = await list(
      organizations,
      { filter, sortField: 'name', sortOrder: 'ASC' },
      'name',
    );
    const descending = await list(
      organizations,
      { filter, sortField: 'name', sortOrder: 'DESC' },
      'name',
    );
    expect(namesOf(ascending)).toEqual(names);
    expect(namesOf(descending)).toEqual([...names].reverse());
  });

  it('pages with a zero-based page and perPage, counting all matches', async () => {
    const page = (n: number) =>
      list(
        organizations,
        { filter, sortField: 'name', sortOrder: 'ASC', page: n, perPage: 2 },
        'name',
      );
    expect(namesOf(await page(0))).toEqual(names.slice(0, 2));
    expect(namesOf(await page(1))).toEqual(names.slice(2));
    expect(namesOf(await page(2))).toEqual([]);
    expect(dataOf(await page(1)).meta.count).toBe(3);
  });

  it.each([
    ['perPage over the cap', { perPage: 5000 }, 'perPage'],
    ['perPage 0', { perPage: 0 }, 'perPage'],
    ['a negative page', { page: -1 }, 'page'],
    ['an unknown sortField', { sortField: 'password' }, 'sortField'],
    ['an unknown sortOrder', { sortField: 'name', sortOrder: 'UP' }, 'sortOrder'],
  ])('refuses %s with BAD_USER_INPUT', async (_title, args, field) => {
    const response = await list(organizations, args);
    expectError(response, 'BAD_USER_INPUT', { field });
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    ['AdministrativeUnit', 'xuan son bac', 'Xuân Sơn Bắc'],
    ['Organization', 'xuan son bac', 'UBND xã Xuân Sơn Bắc'],
    ['Organization', 'SỞ TƯ PHÁP', 'Sở Tư pháp Phú Yên'],
    ['Organization', 'dang uy khoi', 'Đảng ủy khối Các cơ quan tỉnh'],
    ['AdministrativeUnit', 'Xuân Sơn Bắc'.normalize('NFD'), 'Xuân Sơn Bắc'],
  ])('searches %s for "%s" ignoring accents and case', async (name, q, expected) => {
    const found = dataOf(await list(resource(name), { filter: { q }, perPage: 100 }, 'name'));
    expect(found.items.map((row: Row) => row.name)).toContain(expected);
    expect(found.meta.count).toBe(found.items.length);
  });

  it.each(['%', '_', '\\'])('matches %s in q literally', async (q) => {
    const found = dataOf(await list(organizations, { filter: { q } }));
    expect(found).toEqual({ items: [], meta: { count: 0 } });
  });
});

describe('join lists', () => {
  const partnerships = resource('Partnership');

  it('round-trip through create, read, update and the sponsorId filter', async () => {
    const bloc = demo.orgId('Đảng ủy khối Các cơ quan tỉnh');
    const justice = demo.orgId('Sở Tư pháp Phú Yên');
    const { result } = dataOf(
      await mutate(
        'createPartnership',
        { ...partnerships.create(demo), sponsorIds: [bloc, justice] },
        'id version sponsorIds sponsors { name }',
      ),
    );
    expect(sortIds(result.sponsorIds)).toEqual(sortIds([bloc, justice]));
    expect(result.sponsors.map((s: Row) => s.name).sort()).toEqual([
      'Sở Tư pháp Phú Yên',
      'Đảng ủy khối Các cơ quan tỉnh',
    ]);

    const after = dataOf(
      await mutate(
        'updatePartnership',
        { id: result.id, version: result.version, sponsorIds: [justice] },
        'sponsorIds sponsors { name }',
      ),
    ).result;
    expect(after).toEqual({ sponsorIds: [justice], sponsors: [{ name: 'Sở Tư pháp Phú Yên' }] });

    const sponsoredBy = async (sponsorId: string) =>
      dataOf(await list(partnerships, { filter: { sponsorId } })).items.map((p: Row) => p.id);
    expect(await sponsoredBy(justice)).toContain(result.id);
    expect(await sponsoredBy(bloc)).not.toContain(result.id);
  });
});

describe('deleting a referenced record', () => {
  it.each([
    ['Memorandum', () => demo.memorandumId],
    ['Organization', () => demo.orgId('Sở Tư pháp Phú Yên')],
  ])('refuses a %s still referred to with CONFLICT inUse and keeps it', async (name, id) => {
    const response = await mutate(`delete${name}`, { id: id() });
    expectError(response, 'CONFLICT', { rule: 'inUse' });
    expect(dataOf(await getOne(resource(name), id(), 'id')).result).toEqual({ id: id() });
  });
});

describe('optional fields with a default', () => {
  it.each([
    [
      'ProgressEntry',
      { quantity: 0, completes: false },
      () => ({
        commitmentId: demo.commitmentId('Chứng thực'),
        entryDate: '2014-09-01',
        description: 'Chứng thực bản sao',
      }),
    ],
    [
      'Commitment',
      { position: 0 },
      () => ({
        memorandumId: demo.memorandumId,
        area: 'MASS_ORGANIZATIONS',
        title: 'Thành lập chi hội phụ nữ',
      }),
    ],
  ])('may be left out when creating a %s', async (name, defaults, input) => {
    const selection = Object.keys(defaults).join(' ');
    expect(dataOf(await mutate(`create${name}`, input(), selection)).result).toEqual(defaults);
  });
});

describe('progress', () => {
  const status = async (commitmentId: string) =>
    dataOf(await getOne(resource('Commitment'), commitmentId, 'achievedQuantity status')).result;
  const record = (commitmentId: string, entry: Vars) =>
    mutate('createProgressEntry', {
      commitmentId,
      entryDate: '2014-10-01',
      description: 'Kết quả thực hiện',
      ...entry,
    }).then(dataOf);
  const areaProgress = async (area: string) => {
    const { memorandumProgress } = dataOf(
      await gql(
        'query ($id: ID!) { memorandumProgress(memorandumId: $id) { areas { area percent status } } }',
        { id: demo.memorandumId },
      ),
    );
    return memorandumProgress.areas.find((a: Row) => a.area === area);
  };

  it('completes a quantity commitment and its area when the target is reached', async () => {
    const house = demo.commitmentId('Xóa 1 nhà tạm');
    expect(await status(house)).toEqual({ achievedQuantity: 0, status: 'NOT_STARTED' });
    await record(house, { quantity: 1, description: 'Bàn giao nhà cho hộ nghèo' });
    expect(await status(house)).toEqual({ achievedQuantity: 1, status: 'COMPLETED' });

    expect(await areaProgress('TEMPORARY_HOUSE_REMOVAL')).toMatchObject({
      percent: 100,
      status: 'COMPLETED',
    });
  });

  it('starts a criterion commitment with any entry and completes it with completes: true', async () => {
    const market = demo.commitmentId('Tác động vào tiêu chí chợ nông thôn');
    await record(market, { quantity: 0 });
    expect(await status(market)).toEqual({ achievedQuantity: 0, status: 'IN_PROGRESS' });
    await record(market, { completes: true, entryDate: '2014-12-01' });
    expect(await status(market)).toEqual({ achievedQuantity: 0, status: 'COMPLETED' });
    expect(await areaProgress('MARKET_ENVIRONMENT_CRITERIA')).toMatchObject({
      percent: 50,
      status: 'IN_PROGRESS',
    });
  });
});
