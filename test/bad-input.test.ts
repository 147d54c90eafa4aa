import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import {
  loadMutationArgTypes,
  countRows as sharedCountRows,
  mutationDocument as schemaMutationDocument,
  type Row,
  type Vars,
} from './support/mutations';

interface Demo {
  communeId: string;
  districtId: string;
  planId: string;
  partnershipId: string;
  memorandumId: string;
  orgId: (name: string) => string;
  commitmentId: (title: string) => string;
}

/** A rule the server reports on an input field, or a variable GraphQL itself refuses to coerce. */
type Expected =
  { field: string; rule: string } | { variable: string; rule?: string; messageIncludes?: string };

type Overrides = Vars | ((demo: Demo) => Vars);

interface Case {
  title: string;
  mutation: string;
  table: string;
  variables: (demo: Demo) => Vars;
  expected: Expected;
}

let app: TestApp;
let cookie: string;
let demo: Demo;
let mutationArgs: Map<string, Map<string, string>>;

const gql = (query: string, variables: Vars = {}) => app.graphql(query, variables, { cookie });

const mutationDocument = (name: string, variables: Vars, selection: string) =>
  schemaMutationDocument(mutationArgs, name, variables, selection);

/** Calls a mutation with exactly the given arguments, typed as the server's schema declares them. */
const mutate = (name: string, variables: Vars, selection = 'id') =>
  gql(mutationDocument(name, variables, selection), variables);

const countRows = (table: string) => sharedCountRows(app, table);

/** Runs a request and checks that the table holds as many rows afterwards. */
async function writesNothing<T>(table: string, request: () => Promise<T>): Promise<T> {
  const before = await countRows(table);
  const result = await request();
  expect(await countRows(table), `rows in ${table}`).toBe(before);
  return result;
}

function expectRefused(response: GraphQLResponse<unknown>, expected: Expected) {
  const body = JSON.stringify(response.body).slice(0, 2000);
  expect(response.status, body).toBeLessThan(500);
  expect(response.body.data ?? null, body).toBeNull();
  const [error] = response.body.errors ?? [];
  expect(error?.extensions?.code, body).toBe('BAD_USER_INPUT');
  if ('field' in expected) {
    expect(error!.extensions, body).toMatchObject(expected);
    expect(error!.extensions!.violations, body).toContainEqual(expect.objectContaining(expected));
  } else {
    expect(response.status, body).toBe(400);
    expect(error!.message, body).toContain(`$${expected.variable}`);
    if (expected.messageIncludes) expect(error!.message, body).toContain(expected.messageIncludes);
    if (expected.rule) expect(error!.extensions?.rule, body).toBe(expected.rule);
  }
}

const valid = {
  Organization: {
    table: 'organizations',
    variables: () => ({ name: 'Hội Cựu chiến binh xã', kind: 'MASS_ORGANIZATION' }),
  },
  Plan: {
    table: 'plans',
    variables: () => ({ code: '99-KH/TU', title: 'Kế hoạch thử' }),
  },
  AdministrativeUnit: {
    table: 'administrative_units',
    variables: (d: Demo) => ({ level: 'VILLAGE', name: 'Thôn Phú Sơn', parentId: d.communeId }),
  },
  Partnership: {
    table: 'partnerships',
    variables: (d: Demo) => ({
      name: 'Giúp đỡ thử',
      planId: d.planId,
      communeId: d.communeId,
      sponsorIds: [d.orgId('Sở Tư pháp Phú Yên')],
    }),
  },
  InformationRequest: {
    table: 'information_requests',
    variables: (d: Demo) => ({
      partnershipId: d.partnershipId,
      topic: 'OTHER',
      recipientIds: [d.orgId('UBND xã Xuân Sơn Bắc')],
      status: 'SENT',
      requestedDate: '2014-05-05',
    }),
  },
  Memorandum: {
    table: 'memoranda',
    variables: (d: Demo) => ({
      partnershipId: d.partnershipId,
      title: 'Biên bản thử',
      partyIds: [d.orgId('Sở Tư pháp Phú Yên')],
      signedDate: '2014-05-01',
    }),
  },
  Commitment: {
    table: 'commitments',
    variables: (d: Demo) => ({
      memorandumId: d.memorandumId,
      area: 'LEGAL_SUPPORT',
      title: 'Tủ sách pháp luật thôn',
    }),
  },
  ProgressEntry: {
    table: 'progress_entries',
    variables: (d: Demo) => ({
      commitmentId: d.commitmentId('Trợ giúp pháp lý'),
      entryDate: '2014-09-10',
      description: 'Trợ giúp pháp lý lưu động',
      quantity: 1,
    }),
  },
};

type Resource = keyof typeof valid;

const apply = (overrides: Overrides, demo: Demo) =>
  typeof overrides === 'function' ? overrides(demo) : overrides;

const create = (resource: Resource, overrides: Overrides) => ({
  mutation: `create${resource}`,
  table: valid[resource].table,
  variables: (d: Demo) => ({ ...valid[resource].variables(d), ...apply(overrides, d) }),
});

const tomorrowInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + 24 * 60 * 60 * 1000));

const cases: Case[] = [
  {
    title: 'a string for an Int',
    ...create('ProgressEntry', { quantity: 'hai' }),
    expected: { variable: 'quantity' },
  },
  {
    title: 'an Int beyond 32 bits',
    ...create('ProgressEntry', { quantity: 2 ** 31 }),
    expected: { variable: 'quantity' },
  },
  {
    title: 'a number for a String',
    ...create('Organization', { name: 123 }),
    expected: { variable: 'name' },
  },
  {
    title: 'a non-date string for a LocalDate',
    ...create('ProgressEntry', { entryDate: '22/04/2014' }),
    expected: { variable: 'entryDate', rule: 'date' },
  },
  {
    title: 'an impossible date',
    ...create('ProgressEntry', { entryDate: '2014-02-30' }),
    expected: { variable: 'entryDate', rule: 'date' },
  },
  {
    title: 'a date before 1900',
    ...create('Plan', { issuedDate: '1800-01-01' }),
    expected: { variable: 'issuedDate', rule: 'dateRange' },
  },
  {
    title: 'a date after 2100',
    ...create('Plan', { issuedDate: '2200-01-01' }),
    expected: { variable: 'issuedDate', rule: 'dateRange' },
  },
  {
    title: 'a fractional amount of money',
    ...create('ProgressEntry', { cost: 1.5 }),
    expected: { variable: 'cost', rule: 'money' },
  },
  {
    title: 'an amount of money beyond 2^53',
    ...create('ProgressEntry', { cost: 2 ** 53 }),
    expected: { variable: 'cost', rule: 'moneyRange' },
  },
  {
    title: 'a negative amount of money',
    ...create('ProgressEntry', { cost: -1 }),
    expected: { field: 'cost', rule: 'min' },
  },
  {
    title: 'an unknown enum value',
    ...create('Commitment', { area: 'HOUSING' }),
    expected: { variable: 'area', messageIncludes: 'HOUSING' },
  },
  {
    title: 'an empty name',
    ...create('Organization', { name: '' }),
    expected: { field: 'name', rule: 'required' },
  },
  {
    title: 'a whitespace-only name',
    ...create('Organization', { name: '   ' }),
    expected: { field: 'name', rule: 'required' },
  },
  {
    title: 'a name of 256 characters',
    ...create('Organization', { name: 'x'.repeat(256) }),
    expected: { field: 'name', rule: 'maxLength' },
  },
  {
    title: 'a name of 300 KB',
    ...create('Organization', { name: 'x'.repeat(300_000) }),
    expected: { field: 'name', rule: 'maxLength' },
  },
  {
    title: 'a description over 10,000 characters',
    ...create('ProgressEntry', { description: 'x'.repeat(10_001) }),
    expected: { field: 'description', rule: 'maxLength' },
  },
  {
    title: 'a negative quantity',
    ...create('ProgressEntry', { quantity: -1 }),
    expected: { field: 'quantity', rule: 'min' },
  },
  {
    title: 'a quantity over a million',
    ...create('ProgressEntry', { quantity: 1_000_001 }),
    expected: { field: 'quantity', rule: 'max' },
  },
  {
    title: 'a progress entry dated tomorrow',
    ...create('ProgressEntry', () => ({ entryDate: tomorrowInVietnam() })),
    expected: { field: 'entryDate', rule: 'notInFuture' },
  },
  {
    title: 'a commitment of a missing memorandum',
    ...create('Commitment', { memorandumId: randomUUID() }),
    expected: { field: 'memorandumId', rule: 'exists' },
  },
  {
    title: 'a malformed id as a foreign key',
    ...create('Commitment', { memorandumId: 'abc' }),
    expected: { field: 'memorandumId', rule: 'exists' },
  },
  {
    title: 'a malformed id in a join list',
    ...create('Partnership', { sponsorIds: ['abc'] }),
    expected: { field: 'sponsorIds', rule: 'exists' },
  },
  {
    title: 'a missing organization in a join list',
    ...create('InformationRequest', (d) => ({
      recipientIds: [d.orgId('UBND xã Xuân Sơn Bắc'), randomUUID()],
    })),
    expected: { field: 'recipientIds', rule: 'exists' },
  },
  {
    title: 'an empty required join list',
    ...create('Partnership', { sponsorIds: [] }),
    expected: { field: 'sponsorIds', rule: 'required' },
  },
  {
    title: 'a partnership with a district as its commune',
    ...create('Partnership', (d) => ({ communeId: d.districtId })),
    expected: { field: 'communeId', rule: 'communeLevel' },
  },
  {
    title: 'an administrative unit ending before it starts',
    ...create('AdministrativeUnit', { validFrom: '2014-01-01', validTo: '2013-12-31' }),
    expected: { field: 'validTo', rule: 'afterValidFrom' },
  },
  {
    title: 'a province with a parent unit',
    ...create('AdministrativeUnit', { level: 'PROVINCE' }),
    expected: { field: 'parentId', rule: 'provinceHasNoParent' },
  },
  {
    title: 'a district under a commune',
    ...create('AdministrativeUnit', { level: 'DISTRICT' }),
    expected: { field: 'parentId', rule: 'parentLevel' },
  },
  {
    title: 'a commitment with a unit but no quantity',
    ...create('Commitment', { targetUnit: 'nhà' }),
    expected: { field: 'targetQuantity', rule: 'requiredWithUnit' },
  },
  {
    title: 'an information request received before it was requested',
    ...create('InformationRequest', { status: 'RECEIVED', receivedDate: '2014-05-04' }),
    expected: { field: 'receivedDate', rule: 'afterRequestedDate' },
  },
  {
    title: 'an information request with a received date but not received',
    ...create('InformationRequest', { receivedDate: '2014-05-06' }),
    expected: { field: 'status', rule: 'receivedMeansReceived' },
  },
  {
    title: 'a memorandum signed before the coordination plan',
    ...create('Memorandum', { signedDate: '2014-04-21' }),
    expected: { field: 'signedDate', rule: 'afterCoordinationPlan' },
  },
  {
    title: 'a plan with a code already used',
    ...create('Plan', { code: '68-KH/TU' }),
    expected: { field: 'code', rule: 'unique' },
  },
  {
    title: 'a plan with a code already used, in another case',
    ...create('Plan', { code: '68-kh/tu' }),
    expected: { field: 'code', rule: 'unique' },
  },
  {
    title: 'a plan with a code already used, between spaces',
    ...create('Plan', { code: ' 68-KH/TU ' }),
    expected: { field: 'code', rule: 'unique' },
  },
];

interface UpdateCase {
  title: string;
  resource: Resource;
  id: (demo: Demo) => string;
  /** Every field the update could touch, read before and after to compare. */
  selection: string;
  changes: Overrides;
  expected: Expected;
}

const updateCases: UpdateCase[] = [
  {
    title: 'a whitespace-only plan title',
    resource: 'Plan',
    id: (d) => d.planId,
    selection: 'code title modelName issuerId issuedDate',
    changes: { title: '   ', issuedDate: '2014-03-01' },
    expected: { field: 'title', rule: 'required' },
  },
  {
    title: 'null for a required name',
    resource: 'Organization',
    id: (d) => d.orgId('Sở Tư pháp Phú Yên'),
    selection: 'name shortName kind',
    changes: { name: null, shortName: 'STP' },
    expected: { field: 'name', rule: 'required' },
  },
  {
    title: 'a name over 255 characters',
    resource: 'Organization',
    id: (d) => d.orgId('Sở Tư pháp Phú Yên'),
    selection: 'name shortName kind level administrativeUnitId',
    changes: { name: 'x'.repeat(256), shortName: 'STP' },
    expected: { field: 'name', rule: 'maxLength' },
  },
  {
    title: 'a district as the commune, along with new sponsors',
    resource: 'Partnership',
    id: (d) => d.partnershipId,
    selection: 'name communeId sponsorIds coordinationPlanDate notes',
    changes: (d) => ({
      communeId: d.districtId,
      sponsorIds: [d.orgId('Huyện ủy Đồng Xuân')],
      name: 'Tên mới',
    }),
    expected: { field: 'communeId', rule: 'communeLevel' },
  },
  {
    title: 'an empty sponsor list',
    resource: 'Partnership',
    id: (d) => d.partnershipId,
    selection: 'name sponsorIds',
    changes: { sponsorIds: [], name: 'Tên mới' },
    expected: { field: 'sponsorIds', rule: 'required' },
  },
  {
    title: 'a unit without a quantity on a criterion commitment',
    resource: 'Commitment',
    id: (d) => d.commitmentId('Tác động vào tiêu chí môi trường'),
    selection: 'title targetQuantity targetUnit targetCriterion',
    changes: { targetUnit: 'tiêu chí', title: 'Tiêu chí môi trường' },
    expected: { field: 'targetQuantity', rule: 'requiredWithUnit' },
  },
  {
    title: 'removing the quantity of a commitment with a unit',
    resource: 'Commitment',
    id: (d) => d.commitmentId('Xóa 1 nhà tạm'),
    selection: 'title targetQuantity targetUnit',
    changes: { targetQuantity: null },
    expected: { field: 'targetQuantity', rule: 'requiredWithUnit' },
  },
  {
    title: 'a unit as its own parent',
    resource: 'AdministrativeUnit',
    id: (d) => d.communeId,
    selection: 'name level parentId',
    changes: (d) => ({ parentId: d.communeId }),
    expected: { field: 'parentId', rule: 'notSelf' },
  },
  {
    title: 'a code already used by another plan',
    resource: 'Plan',
    id: (d) => d.planId,
    selection: 'code title',
    changes: { code: 'kh-thu/01' },
    expected: { field: 'code', rule: 'unique' },
  },
];

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  mutationArgs = await loadMutationArgTypes(app, cookie);
  const data = dataOf(
    await gql(`{
      allAdministrativeUnits { id name }
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
    districtId: byName(data.allAdministrativeUnits, 'name')('Đồng Xuân'),
    planId: data.allPlans[0].id,
    partnershipId: data.allPartnerships[0].id,
    memorandumId: data.allMemorandums[0].id,
    orgId: byName(data.allOrganizations, 'name'),
    commitmentId: byName(data.allCommitments, 'title'),
  };
});
afterAll(() => app?.close());

describe('a create with bad input is refused and writes nothing', () => {
  it.each(Object.keys(valid) as Resource[])(
    'accepts the valid %s input the cases start from',
    async (resource) => {
      const { result } = dataOf(await mutate(`create${resource}`, valid[resource].variables(demo)));
      dataOf(await mutate(`delete${resource}`, { id: result.id }));
    },
  );

  it.each(cases)('$title', async ({ mutation, table, variables, expected }) => {
    const response = await writesNothing(table, () => mutate(mutation, variables(demo)));
    expectRefused(response, expected);
  });

  it('reports every violation of one request', async () => {
    const response = await writesNothing('commitments', () =>
      mutate('createCommitment', {
        memorandumId: 'abc',
        area: 'LEGAL_SUPPORT',
        title: '  ',
        targetQuantity: 0,
        targetUnit: 'x'.repeat(51),
        position: -1,
      }),
    );
    expectRefused(response, { field: 'memorandumId', rule: 'exists' });
    const violations = response.body.errors![0]!.extensions!.violations!;
    expect(violations.map(({ field, rule }) => ({ field, rule }))).toEqual(
      expect.arrayContaining([
        { field: 'memorandumId', rule: 'exists' },
        { field: 'title', rule: 'required' },
        { field: 'targetQuantity', rule: 'min' },
        { field: 'targetUnit', rule: 'maxLength' },
        { field: 'position', rule: 'min' },
      ]),
    );
    expect(violations).toHaveLength(5);
    for (const violation of violations) expect(violation.message).toEqual(expect.any(String));
  });

  it.each([
    {
      title: 'a 10 MB body',
      body: () => {
        const variables = { ...valid.Organization.variables(), name: 'x'.repeat(10_000_000) };
        return JSON.stringify({
          query: mutationDocument('createOrganization', variables, 'id'),
          variables,
        });
      },
      status: 413,
      rule: 'maxBodySize',
    },
    {
      title: 'a body that is not JSON',
      body: () => '{"query": "mutation { createOrganization(',
      status: 400,
      rule: 'json',
    },
  ])('refuses $title with HTTP $status and a GraphQL-shaped error', async (c) => {
    const response = await writesNothing('organizations', () =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: c.body(),
      }),
    );
    expect(response.status).toBe(c.status);
    const body = (await response.json()) as GraphQLResponse<unknown>['body'];
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: c.rule });
  });
});

describe('an update with bad input leaves the record exactly as it was', () => {
  beforeAll(async () => {
    dataOf(await mutate('createPlan', { code: 'KH-THU/01', title: 'Kế hoạch khác' }));
  });

  it.each(updateCases)('$title', async ({ resource, id, selection, changes, expected }) => {
    const read = async () =>
      dataOf(
        await gql(
          `query ($id: ID!) { record: ${resource}(id: $id) { id version updatedAt ${selection} } }`,
          { id: id(demo) },
        ),
      ).record;
    const before = await read();
    const response = await mutate(`update${resource}`, {
      id: before.id,
      version: before.version,
      ...apply(changes, demo),
    });
    expectRefused(response, expected);
    expect(await read()).toEqual(before);
  });
});
