import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type TestApp } from './support/app';
import {
  expectBadInput,
  loadMutationArgTypes,
  countRows as sharedCountRows,
  mutationDocument,
  type Row,
  type Vars,
} from './support/mutations';

let app: TestApp;
let cookie: string;
let argTypes: Map<string, Map<string, string>>;
let partnershipId: string;
let orgIds: Map<string, string>;
let groups: Map<string, Row>;

const BLOC = 'Đảng ủy khối Các cơ quan tỉnh';
const JUSTICE = 'Sở Tư pháp Phú Yên';
const COMMUNE_PC = 'UBND xã Xuân Sơn Bắc';
const DEMO_GROUP_NAMES = [
  ...[1, 2, 3].map((n) => `Nhóm ${n} – Đảng ủy khối`),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => `Nhóm ${n} – Sở Tư pháp`),
];
const GROUP_FIELDS = 'id name organizationId leaderId memberIds householdIds formedDate version';

const gql = (query: string, variables: Vars = {}) => app.graphql(query, variables, { cookie });
const read = async (query: string, variables: Vars = {}) => dataOf(await gql(query, variables));

/** Calls a mutation with exactly the given arguments, typed as the schema declares them. */
const mutate = (name: string, variables: Vars, selection = 'id') =>
  gql(mutationDocument(argTypes, name, variables, selection), variables);

const write = async (name: string, variables: Vars, selection = 'id'): Promise<Row> =>
  dataOf(await mutate(name, variables, selection)).result;

const getOne = async (type: string, id: string, selection: string): Promise<Row> =>
  (await read(`query ($id: ID!) { record: ${type}(id: $id) { ${selection} } }`, { id })).record;

const countRows = (table: string) => sharedCountRows(app, table);

/** Runs a request and checks that none of the tables gained or lost a row. */
async function writesNothing<T>(tables: string[], request: () => Promise<T>): Promise<T> {
  const before = await Promise.all(tables.map(countRows));
  const result = await request();
  expect(await Promise.all(tables.map(countRows)), tables.join(', ')).toEqual(before);
  return result;
}

const vietnamDate = todayInVietnam;
const today = () => vietnamDate(new Date());
const tomorrow = () => vietnamDate(new Date(Date.now() + 86_400_000));
const monthsAgo = (months: number) => {
  const [y, m, d] = today().split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 - months, d!)).toISOString().slice(0, 10);
};

const orgId = (name: string) => orgIds.get(name)!;
const group = (name: string) => groups.get(name)!;

async function newStaff(organization: string, fullName: string): Promise<string> {
  return (await write('createStaffMember', { fullName, organizationId: orgId(organization) })).id;
}

const namesOf = (rows: Row[]) => rows.map((r) => r.name as string);

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  argTypes = await loadMutationArgTypes(app, cookie);
  const data = await read(`{
    allOrganizations(perPage: 1000) { id name }
    allPartnerships { id }
    allSupportGroups(perPage: 1000) { ${GROUP_FIELDS} } }`);
  orgIds = new Map(data.allOrganizations.map((o: Row) => [o.name, o.id]));
  partnershipId = data.allPartnerships[0].id;
  groups = new Map(data.allSupportGroups.map((g: Row) => [g.name, g]));
});
afterAll(() => app?.close());

describe('the demo support groups', () => {
  it('are exactly ten: three of the Bloc Party Committee and seven of the Department of Justice', async () => {
    const { allSupportGroups, meta } = await read(`{
      allSupportGroups(perPage: 1000) { name organization { name } }
      meta: _allSupportGroupsMeta { count } }`);
    expect(meta.count).toBe(10);
    expect(allSupportGroups.map((g: Row) => g.name).sort()).toEqual([...DEMO_GROUP_NAMES].sort());
    const byAgency = (agency: string) =>
      allSupportGroups.filter((g: Row) => g.organization.name === agency).length;
    expect([byAgency(BLOC), byAgency(JUSTICE)]).toEqual([3, 7]);
  });

  it.each(DEMO_GROUP_NAMES)(
    '%s: a leader among its members, all of its agency, one poor household, one visit in early June 2014',
    async (name) => {
      const record = await getOne(
        'SupportGroup',
        group(name).id,
        `organizationId leaderId members { id organizationId }
         households { currentCategories } visits { visitDate }`,
      );
      expect(record.members).toHaveLength(3);
      expect(record.members.map((m: Row) => m.id)).toContain(record.leaderId);
      for (const member of record.members)
        expect(member.organizationId).toBe(record.organizationId);
      expect(record.households).toHaveLength(1);
      expect(record.households[0].currentCategories).toContain('POOR');
      expect(record.visits).toHaveLength(1);
      expect(record.visits[0].visitDate).toMatch(/^2014-06-(0[1-9]|10)$/);
    },
  );
});

describe('a staff member’s title history', () => {
  let staffId: string;
  let deputyPeriod: Row;

  const assign = (titleRank: string, validFrom: string, validTo?: string) =>
    mutate(
      'createStaffAssignment',
      { staffMemberId: staffId, organizationId: orgId(JUSTICE), titleRank, validFrom, validTo },
      'id titleRank validFrom validTo version',
    );

  beforeAll(async () => {
    staffId = await newStaff(JUSTICE, 'Lê Thị Thu (thử)');
    dataOf(await assign('CIVIL_SERVANT', '2010-01-01', '2013-12-31'));
    deputyPeriod = dataOf(
      await assign('DEPUTY_HEAD_OF_DIVISION', '2014-01-01', '2014-06-30'),
    ).result;
    dataOf(await assign('HEAD_OF_DIVISION', '2014-07-01'));
  });

  it('keeps back-to-back periods, oldest first', async () => {
    const staff = await getOne(
      'StaffMember',
      staffId,
      'assignments { titleRank validFrom validTo }',
    );
    expect(staff.assignments).toEqual([
      { titleRank: 'CIVIL_SERVANT', validFrom: '2010-01-01', validTo: '2013-12-31' },
      { titleRank: 'DEPUTY_HEAD_OF_DIVISION', validFrom: '2014-01-01', validTo: '2014-06-30' },
      { titleRank: 'HEAD_OF_DIVISION', validFrom: '2014-07-01', validTo: null },
    ]);
  });

  it.each([
    ['2009-12-31', null],
    ['2013-12-31', 'CIVIL_SERVANT'],
    ['2014-01-01', 'DEPUTY_HEAD_OF_DIVISION'],
    ['2014-03-15', 'DEPUTY_HEAD_OF_DIVISION'],
    ['2014-06-30', 'DEPUTY_HEAD_OF_DIVISION'],
    ['2014-07-01', 'HEAD_OF_DIVISION'],
    ['2014-09-01', 'HEAD_OF_DIVISION'],
  ])('answers the title held on %s: %s', async (date, title) => {
    const staff = await read(
      'query ($id: ID!, $date: LocalDate!) { StaffMember(id: $id) { titleOn(date: $date) } }',
      { id: staffId, date },
    );
    expect(staff.StaffMember.titleOn).toBe(title);
  });

  it('gives today’s title as titleRank', async () => {
    expect((await getOne('StaffMember', staffId, 'titleRank')).titleRank).toBe('HEAD_OF_DIVISION');
  });

  it.each([
    {
      title: 'a period inside another',
      period: { titleRank: 'CIVIL_SERVANT', validFrom: '2014-03-01', validTo: '2014-04-30' },
      field: 'validFrom',
      rule: 'noOverlap',
    },
    {
      title: 'a period spanning two others',
      period: { titleRank: 'DEPUTY_DIRECTOR', validFrom: '2014-06-01', validTo: '2014-07-15' },
      field: 'validFrom',
      rule: 'noOverlap',
    },
    {
      title: 'an open period after the current one started',
      period: { titleRank: 'DIRECTOR', validFrom: '2020-01-01' },
      field: 'validFrom',
      rule: 'noOverlap',
    },
    {
      title: 'a period ending before it starts',
      period: { titleRank: 'CIVIL_SERVANT', validFrom: '2009-06-01', validTo: '2009-05-31' },
      field: 'validTo',
      rule: 'afterValidFrom',
    },
  ])('refuses $title and writes nothing', async ({ period, field, rule }) => {
    const response = await writesNothing(['staff_assignments'], () =>
      assign(period.titleRank, period.validFrom, period.validTo),
    );
    expectBadInput(response, field, rule);
  });

  it('refuses to stretch a period one day into the next one, leaving it unchanged', async () => {
    const before = await getOne(
      'StaffAssignment',
      deputyPeriod.id,
      'titleRank validFrom validTo version',
    );
    const response = await mutate('updateStaffAssignment', {
      id: deputyPeriod.id,
      validTo: '2014-07-01',
    });
    expectBadInput(response, 'validFrom', 'noOverlap');
    expect(
      await getOne('StaffAssignment', deputyPeriod.id, 'titleRank validFrom validTo version'),
    ).toEqual(before);
  });

  it('stores one of several overlapping periods sent at the same moment and refuses the others', async () => {
    const people = await Promise.all(
      ['Phan Văn Tín', 'Đỗ Thị Hằng', 'Bùi Văn Lộc', 'Hồ Thị Mai'].map((n) =>
        newStaff(JUSTICE, `${n} (thử)`),
      ),
    );
    const months = ['01', '02', '03', '04', '05', '06'];
    const responses = await Promise.all(
      people.flatMap((staffMemberId) =>
        months.map((month) =>
          mutate('createStaffAssignment', {
            staffMemberId,
            organizationId: orgId(JUSTICE),
            titleRank: 'CIVIL_SERVANT',
            validFrom: `2015-${month}-01`,
          }),
        ),
      ),
    );
    const codes = responses.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
    expect(
      codes.filter((c) => c === 'OK'),
      JSON.stringify(codes),
    ).toHaveLength(people.length);
    for (const code of codes.filter((c) => c !== 'OK'))
      expect(['BAD_USER_INPUT', 'CONFLICT'], JSON.stringify(codes)).toContain(code);
    for (const id of people)
      expect((await getOne('StaffMember', id, 'assignments { id }')).assignments).toHaveLength(1);
  });
});

describe('support group rules', () => {
  let justiceA: string;
  let justiceB: string;
  let blocC: string;
  let communeD: string;

  const newGroup = (overrides: Vars) =>
    mutate(
      'createSupportGroup',
      {
        name: 'Nhóm 8 – Sở Tư pháp',
        organizationId: orgId(JUSTICE),
        partnershipId,
        memberIds: [justiceA, justiceB],
        leaderId: justiceA,
        ...overrides,
      },
      'id name organizationId leaderId memberIds leader { fullName }',
    );

  beforeAll(async () => {
    justiceA = await newStaff(JUSTICE, 'Nguyễn Văn Ánh (thử)');
    justiceB = await newStaff(JUSTICE, 'Trần Thị Bích (thử)');
    blocC = await newStaff(BLOC, 'Lê Văn Cảnh (thử)');
    communeD = await newStaff(COMMUNE_PC, 'Võ Thị Duyên (thử)');
  });

  it('creates a group of the agency’s staff led by one of them', async () => {
    const created = dataOf(await newGroup({})).result;
    expect(created.memberIds.sort()).toEqual([justiceA, justiceB].sort());
    expect(created.leaderId).toBe(justiceA);
    expect(created.leader.fullName).toBe('Nguyễn Văn Ánh (thử)');
    const listed = await read(
      'query ($m: ID!) { allSupportGroups(filter: { memberId: $m }) { id } }',
      { m: justiceB },
    );
    expect(listed.allSupportGroups).toEqual([{ id: created.id }]);
  });

  it.each([
    {
      title: 'a member from another organization',
      overrides: () => ({ memberIds: [justiceA, blocC] }),
      field: 'memberIds',
      rule: 'sameOrganization',
    },
    {
      title: 'a leader who is not a member',
      overrides: () => ({ memberIds: [justiceA], leaderId: justiceB }),
      field: 'leaderId',
      rule: 'leaderIsMember',
    },
    {
      title: 'an organization that does not sponsor the partnership',
      overrides: () => ({
        organizationId: orgId(COMMUNE_PC),
        memberIds: [communeD],
        leaderId: communeD,
      }),
      field: 'organizationId',
      rule: 'sponsorOfPartnership',
    },
  ])('refuses $title and writes nothing', async ({ overrides, field, rule }) => {
    const response = await writesNothing(['support_groups', 'support_group_members'], () =>
      newGroup(overrides()),
    );
    expectBadInput(response, field, rule);
  });

  it.each([
    {
      title: 'adding a member from another organization',
      changes: (g: Row) => ({ memberIds: [...g.memberIds, justiceA] }),
      field: 'memberIds',
      rule: 'sameOrganization',
    },
    {
      title: 'dropping the leader from the members',
      changes: (g: Row) => ({ memberIds: g.memberIds.filter((id: string) => id !== g.leaderId) }),
      field: 'leaderId',
      rule: 'leaderIsMember',
    },
    {
      title: 'a leader from outside the group',
      changes: () => ({ leaderId: blocC }),
      field: 'leaderId',
      rule: 'leaderIsMember',
    },
  ])('refuses $title on a demo group and leaves it unchanged', async ({ changes, field, rule }) => {
    const id = group('Nhóm 1 – Đảng ủy khối').id;
    const before = await getOne('SupportGroup', id, GROUP_FIELDS);
    const response = await mutate('updateSupportGroup', { id, ...changes(before) });
    expectBadInput(response, field, rule);
    expect(await getOne('SupportGroup', id, GROUP_FIELDS)).toEqual(before);
  });
});

describe('groups without a recent visit', () => {
  const staleGroups = async () =>
    namesOf(
      (await read('{ householdOverview { groupsWithoutRecentVisit { name } } }')).householdOverview
        .groupsWithoutRecentVisit,
    );
  const visit = (name: string, visitDate: string) =>
    write('createVisit', {
      groupId: group(name).id,
      householdId: group(name).householdIds[0],
      visitDate,
      participantIds: [group(name).leaderId],
    });

  it('lists every demo group, their only visits being in 2014', async () => {
    expect(await staleGroups()).toEqual(expect.arrayContaining(DEMO_GROUP_NAMES));
  });

  it('drops a group visited today (in Vietnam) or five months ago, not one visited seven months ago', async () => {
    await visit('Nhóm 7 – Sở Tư pháp', today());
    await visit('Nhóm 6 – Sở Tư pháp', monthsAgo(5));
    await visit('Nhóm 5 – Sở Tư pháp', monthsAgo(7));
    const names = await staleGroups();
    expect(names).not.toContain('Nhóm 7 – Sở Tư pháp');
    expect(names).not.toContain('Nhóm 6 – Sở Tư pháp');
    expect(names).toEqual(
      expect.arrayContaining(DEMO_GROUP_NAMES.filter((n) => !/Nhóm [67] – Sở/.test(n))),
    );
    const lastVisit = await getOne(
      'SupportGroup',
      group('Nhóm 7 – Sở Tư pháp').id,
      'lastVisitDate',
    );
    expect(lastVisit.lastVisitDate).toBe(today());
  });

  it('counts every group without a recent visit and lists the first 100 by name, not every one', async () => {
    const [{ org }] = (await app.db.query(
      'SELECT organization_id AS org FROM support_groups LIMIT 1',
    )) as { org: string }[];
    await app.db.query(
      `INSERT INTO support_groups (name, organization_id, partnership_id)
       SELECT 'Nhóm chưa thăm ' || lpad(g::text, 3, '0'), $1, $2 FROM generate_series(1, 150) g`,
      [org, partnershipId],
    );
    const figures = (
      await read(
        '{ householdOverview { groupsWithoutRecentVisitCount groupsWithoutRecentVisit { name } } }',
      )
    ).householdOverview;
    const [{ stale }] = (await app.db.query(
      `SELECT count(*)::int AS stale FROM support_groups g WHERE NOT EXISTS (
         SELECT 1 FROM visits v WHERE v.group_id = g.id
            AND v.visit_date > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - interval '6 months')`,
    )) as { stale: number }[];
    expect(stale).toBeGreaterThan(150);
    expect(figures.groupsWithoutRecentVisitCount).toBe(stale);
    const names = namesOf(figures.groupsWithoutRecentVisit);
    expect(names).toHaveLength(100);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    await app.db.query(`DELETE FROM support_groups WHERE name LIKE 'Nhóm chưa thăm %'`);
  });
});

describe('visits', () => {
  const VISIT_FIELDS = 'groupId householdId visitDate participantIds findings version';
  const GROUP = 'Nhóm 2 – Sở Tư pháp';
  let visitId: string;

  const newVisit = (overrides: Vars) =>
    mutate(
      'createVisit',
      {
        groupId: group(GROUP).id,
        householdId: group(GROUP).householdIds[0],
        visitDate: '2014-05-15',
        participantIds: [group(GROUP).leaderId],
        findings: 'Hộ thiếu vốn chăn nuôi bò.',
        ...overrides,
      },
      `id ${VISIT_FIELDS}`,
    );

  beforeAll(async () => {
    const updated = await write(
      'updateSupportGroup',
      { id: group(GROUP).id, formedDate: '2014-05-15' },
      'formedDate',
    );
    expect(updated.formedDate).toBe('2014-05-15');
  });

  it('records a visit on the day the group was formed, with members as participants', async () => {
    const created = dataOf(await newVisit({})).result;
    expect(created).toMatchObject({
      visitDate: '2014-05-15',
      participantIds: [group(GROUP).leaderId],
    });
    visitId = created.id;
  });

  it.each([
    {
      title: 'a visit dated tomorrow in Vietnam',
      overrides: () => ({ visitDate: tomorrow() }),
      field: 'visitDate',
      rule: 'notInFuture',
    },
    {
      title: 'a visit the day before the group was formed',
      overrides: () => ({ visitDate: '2014-05-14' }),
      field: 'visitDate',
      rule: 'afterGroupFormed',
    },
    {
      title: 'a visit to a household the group does not help',
      overrides: () => ({ householdId: group('Nhóm 3 – Sở Tư pháp').householdIds[0] }),
      field: 'householdId',
      rule: 'helpedByGroup',
    },
    {
      title: 'a participant from another group',
      overrides: () => ({
        participantIds: [group(GROUP).leaderId, group('Nhóm 3 – Sở Tư pháp').leaderId],
      }),
      field: 'participantIds',
      rule: 'groupMembers',
    },
    {
      title: 'a visit with nobody taking part',
      overrides: () => ({ participantIds: [] }),
      field: 'participantIds',
      rule: 'atLeastOneParticipant',
    },
    {
      title: 'a visit without participantIds',
      overrides: () => ({ participantIds: undefined }),
      field: 'participantIds',
      rule: 'atLeastOneParticipant',
    },
  ])('refuses $title and writes nothing', async ({ overrides, field, rule }) => {
    const response = await writesNothing(['visits', 'visit_participants'], () =>
      newVisit(overrides()),
    );
    expectBadInput(response, field, rule);
  });

  it.each([
    {
      title: 'moving it to tomorrow',
      changes: () => ({ visitDate: tomorrow() }),
      field: 'visitDate',
      rule: 'notInFuture',
    },
    {
      title: 'adding a participant from another group',
      changes: () => ({ participantIds: [group('Nhóm 3 – Sở Tư pháp').leaderId] }),
      field: 'participantIds',
      rule: 'groupMembers',
    },
    {
      title: 'removing everyone who took part',
      changes: () => ({ participantIds: [] }),
      field: 'participantIds',
      rule: 'atLeastOneParticipant',
    },
    {
      title: 'moving it to a household the group does not help',
      changes: () => ({ householdId: group('Nhóm 3 – Sở Tư pháp').householdIds[0] }),
      field: 'householdId',
      rule: 'helpedByGroup',
    },
    {
      title: 'moving it to another group, none of whose members took part',
      changes: () => ({
        groupId: group('Nhóm 3 – Sở Tư pháp').id,
        householdId: group('Nhóm 3 – Sở Tư pháp').householdIds[0],
      }),
      field: 'participantIds',
      rule: 'groupMembers',
    },
  ])('refuses $title and leaves the visit unchanged', async ({ changes, field, rule }) => {
    const before = await getOne('Visit', visitId, VISIT_FIELDS);
    const response = await mutate('updateVisit', {
      id: visitId,
      findings: 'Đã sửa.',
      ...changes(),
    });
    expectBadInput(response, field, rule);
    expect(await getOne('Visit', visitId, VISIT_FIELDS)).toEqual(before);
  });

  it('shows a household’s visits newest first, whatever order they were entered in', async () => {
    const householdId = group(GROUP).householdIds[0];
    const dates = async () =>
      (await getOne('Household', householdId, 'visits { visitDate }')).visits.map(
        (v: Row) => v.visitDate,
      );
    const before = await dates();
    for (const visitDate of ['2015-03-01', '2014-09-10', '2016-01-20'])
      await write('createVisit', {
        groupId: group(GROUP).id,
        householdId,
        visitDate,
        participantIds: [group(GROUP).leaderId],
      });
    const after = await dates();
    expect(after).toEqual([...before, '2015-03-01', '2014-09-10', '2016-01-20'].sort().reverse());
  });
});

describe('support plans', () => {
  const GROUP = 'Nhóm 4 – Sở Tư pháp';
  const PLAN_FIELDS = 'groupId householdId title status registeredDate version';

  const demoPlanId = async () => {
    const { allSupportPlans } = await read(
      'query ($g: ID!) { allSupportPlans(filter: { groupId: $g, q: "Kế hoạch giúp đỡ hộ" }) { id } }',
      { g: group(GROUP).id },
    );
    expect(allSupportPlans).toHaveLength(1);
    return allSupportPlans[0].id as string;
  };

  const newPlan = (overrides: Vars) =>
    mutate(
      'createSupportPlan',
      {
        groupId: group(GROUP).id,
        householdId: group(GROUP).householdIds[0],
        title: 'Kế hoạch nuôi bò sinh sản',
        status: 'DRAFT',
        ...overrides,
      },
      `id ${PLAN_FIELDS}`,
    );

  it.each([
    { status: 'DRAFT', registeredDate: undefined },
    { status: 'REGISTERED', registeredDate: '2014-06-20' },
    { status: 'IN_PROGRESS', registeredDate: '2014-06-20' },
  ])('creates a $status plan for a household the group helps', async (input) => {
    const created = dataOf(await newPlan(input)).result;
    expect(created).toMatchObject({
      status: input.status,
      registeredDate: input.registeredDate ?? null,
    });
  });

  it.each([
    {
      title: 'a plan for a household the group does not help',
      overrides: () => ({ householdId: group('Nhóm 5 – Sở Tư pháp').householdIds[0] }),
      field: 'householdId',
      rule: 'helpedByGroup',
    },
    {
      title: 'a REGISTERED plan without its registration date',
      overrides: () => ({ status: 'REGISTERED' }),
      field: 'registeredDate',
      rule: 'requiredOnceRegistered',
    },
    {
      title: 'an IN_PROGRESS plan without a registration date',
      overrides: () => ({ status: 'IN_PROGRESS' }),
      field: 'registeredDate',
      rule: 'requiredOnceRegistered',
    },
  ])('refuses $title and writes nothing', async ({ overrides, field, rule }) => {
    const response = await writesNothing(['support_plans'], () => newPlan(overrides()));
    expectBadInput(response, field, rule);
  });

  it('refuses to take the registration date off the registered demo plan, leaving it as it was', async () => {
    const id = await demoPlanId();
    const before = await getOne('SupportPlan', id, PLAN_FIELDS);
    expect(before.status).toBe('REGISTERED');
    const response = await mutate('updateSupportPlan', { id, registeredDate: null });
    expectBadInput(response, 'registeredDate', 'requiredOnceRegistered');
    expect(await getOne('SupportPlan', id, PLAN_FIELDS)).toEqual(before);
  });

  it('counts the steps that have a done date', async () => {
    const plan = dataOf(await newPlan({ title: 'Kế hoạch hỗ trợ vốn' })).result;
    const step = (description: string, dates: Vars) =>
      write('createSupportPlanStep', { supportPlanId: plan.id, description, ...dates });
    await step('Tiếp cận hộ', { position: 1, doneDate: '2014-06-10' });
    const pending = await step('Làm hồ sơ vay vốn', { position: 2, plannedDate: '2014-08-01' });
    await step('Mua bò giống', { position: 3, doneDate: '2014-07-01' });
    const stepsDone = async () =>
      (await getOne('SupportPlan', plan.id, 'stepsDone steps { position }')).stepsDone;
    expect(await stepsDone()).toBe(2);
    await write('updateSupportPlanStep', { id: pending.id, doneDate: '2014-08-05' });
    expect(await stepsDone()).toBe(3);
  });

  it('counts the demo plan’s two done steps: the first visit and the registration', async () => {
    const plan = await getOne('SupportPlan', await demoPlanId(), 'stepsDone steps { doneDate }');
    expect(plan.steps).toHaveLength(2);
    expect(plan.stepsDone).toBe(2);
  });
});
