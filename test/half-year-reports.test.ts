import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { loadMutationArgTypes, mutationDocument, type Row, type Vars } from './support/mutations';

let app: TestApp;
let cookie: string;
let argTypes: Map<string, Map<string, string>>;
let meId: string;
let partnershipId: string;
let orgIds: Map<string, string>;
let groups: Map<string, Row>;

const JUSTICE = 'Sở Tư pháp Phú Yên';
const BLOC = 'Đảng ủy khối Các cơ quan tỉnh';
const GROUP = 'Nhóm 1 – Sở Tư pháp';
const FIGURES = [
  'visitCount',
  'householdsVisited',
  'planStepsDone',
  'aspirationsRelayed',
  'aspirationsResolved',
] as const;
const REPORT_FIELDS = `id groupId year half status narrative ${FIGURES.join(' ')}
  submittedAt submittedById reopenedAt reopenedById reopenReason version`;

const gql = (query: string, variables: Vars = {}) => app.graphql(query, variables, { cookie });
const read = async (query: string, variables: Vars = {}) => dataOf(await gql(query, variables));

/** Calls a mutation with exactly the given arguments, typed as the schema declares them. */
const mutate = (name: string, variables: Vars, selection = 'id') =>
  gql(mutationDocument(argTypes, name, variables, selection), variables);

const write = async (name: string, variables: Vars, selection = 'id'): Promise<Row> =>
  dataOf(await mutate(name, variables, selection)).result;

const report = async (id: string): Promise<Row> =>
  (await read(`query ($id: ID!) { r: HalfYearReport(id: $id) { ${REPORT_FIELDS} } }`, { id })).r;

async function countReports(): Promise<number> {
  const [{ count }] = await app.db.query('SELECT count(*)::int AS count FROM half_year_reports');
  return count;
}

function expectError(response: GraphQLResponse<unknown>, extensions: Vars) {
  const body = JSON.stringify(response.body).slice(0, 2000);
  expect(response.body.data ?? null, body).toBeNull();
  expect(response.body.errors?.[0]?.extensions, body).toMatchObject(extensions);
}

const figuresOf = (r: Row) => Object.fromEntries(FIGURES.map((f) => [f, r[f]]));
const sumFigures = (rows: Row[]) =>
  Object.fromEntries(FIGURES.map((f) => [f, rows.reduce((sum, r) => sum + (r[f] as number), 0)]));
const group = (name: string) => groups.get(name)!;
const periodOf = (year: number, half: number) =>
  half === 1 ? [`${year}-01-01`, `${year}-06-30`] : [`${year}-07-01`, `${year}-12-31`];

/** The period's figures counted through the list API, independently of the report code. */
async function countedFigures(groupId: string, year: number, half: number) {
  const [from, to] = periodOf(year, half);
  const data = await read(
    `query ($g: ID!, $from: LocalDate!, $to: LocalDate!) {
       group: SupportGroup(id: $g) { householdIds }
       visits: allVisits(filter: { groupId: $g, visitDate_gte: $from, visitDate_lte: $to }, perPage: 1000) { householdId }
       plans: allSupportPlans(filter: { groupId: $g }, perPage: 1000) { steps { doneDate } }
       relayed: allAspirations(filter: { forwardedDate_gte: $from, forwardedDate_lte: $to }, perPage: 1000) { householdId }
       resolved: allAspirations(filter: { status: RESOLVED, responseDate_gte: $from, responseDate_lte: $to }, perPage: 1000) { householdId } }`,
    { g: groupId, from, to },
  );
  const helped = (rows: Row[]) =>
    rows.filter((a) => data.group.householdIds.includes(a.householdId)).length;
  return {
    visitCount: data.visits.length,
    householdsVisited: new Set(data.visits.map((v: Row) => v.householdId)).size,
    planStepsDone: data.plans
      .flatMap((p: Row) => p.steps)
      .filter((s: Row) => s.doneDate && s.doneDate >= from && s.doneDate <= to).length,
    aspirationsRelayed: helped(data.relayed),
    aspirationsResolved: helped(data.resolved),
  };
}

/** Records an aspiration and moves it through the given later statuses. */
async function aspiration(householdId: string, recordedDate: string, steps: Vars[]) {
  const { id } = await write('createAspiration', {
    householdId,
    content: `Kiến nghị ngày ${recordedDate}`,
    status: 'RECORDED',
    recordedDate,
  });
  for (const step of steps) await write('updateAspiration', { id, ...step });
}

/**
 * Besides its demo visit and done plan step of early June 2014, gives the group a second household
 * and records visits, done steps and aspirations on both sides of 2014-01-01, 2014-06-30 and
 * 2014-07-01, plus one aspiration of another group's household.
 */
async function recordGroupActivity(villageId: string) {
  const g = group(GROUP);
  const [demoHousehold] = g.householdIds;
  const { id: second } = await write('createHousehold', {
    villageId,
    headName: 'Hộ Đinh Văn Hai',
  });
  await write('updateSupportGroup', { id: g.id, householdIds: [demoHousehold, second] });
  const visit = (householdId: string, visitDate: string) =>
    write('createVisit', { groupId: g.id, householdId, visitDate, participantIds: [g.leaderId] });
  await visit(demoHousehold, '2014-01-01');
  await visit(demoHousehold, '2014-03-12');
  await visit(second, '2014-06-30');
  await visit(second, '2013-12-31');
  await visit(demoHousehold, '2014-07-01');

  const { allSupportPlans } = await read(
    'query ($g: ID!) { allSupportPlans(filter: { groupId: $g }) { id } }',
    { g: g.id },
  );
  const step = (doneDate: string | null, position: number) =>
    write('createSupportPlanStep', {
      supportPlanId: allSupportPlans[0].id,
      description: `Bước ${position}`,
      position,
      doneDate,
      plannedDate: '2014-12-01',
    });
  await step('2014-01-01', 3);
  await step('2014-07-01', 4);
  await step('2013-12-31', 5);
  await step(null, 6);

  const communePc = orgIds.get('UBND xã Xuân Sơn Bắc');
  const forward = (forwardedDate: string) => ({
    status: 'FORWARDED',
    authorityId: communePc,
    forwardedDate,
  });
  const answer = (status: string, responseDate: string) => ({
    status,
    response: 'UBND xã đã trả lời.',
    responseDate,
  });
  await aspiration(demoHousehold, '2014-02-01', [
    forward('2014-03-01'),
    answer('RESOLVED', '2014-06-30'),
  ]);
  await aspiration(demoHousehold, '2014-06-01', [
    forward('2014-06-30'),
    answer('RESOLVED', '2014-07-01'),
  ]);
  await aspiration(second, '2014-03-01', [forward('2014-04-01'), answer('ANSWERED', '2014-05-01')]);
  await aspiration(demoHousehold, '2014-06-15', [forward('2014-07-01')]);
  await aspiration(demoHousehold, '2013-12-01', [forward('2013-12-31')]);
  await aspiration(group('Nhóm 2 – Sở Tư pháp').householdIds[0], '2014-02-01', [
    forward('2014-03-01'),
    answer('RESOLVED', '2014-04-01'),
  ]);
}

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  argTypes = await loadMutationArgTypes(app, cookie);
  const data = await read(`{
    me { id }
    allOrganizations(perPage: 1000) { id name }
    allPartnerships { id }
    allAdministrativeUnits(filter: { level: VILLAGE }) { id }
    allSupportGroups(perPage: 1000) { id name householdIds leaderId } }`);
  meId = data.me.id;
  partnershipId = data.allPartnerships[0].id;
  orgIds = new Map(data.allOrganizations.map((o: Row) => [o.name, o.id]));
  groups = new Map(data.allSupportGroups.map((g: Row) => [g.name, g]));

  await recordGroupActivity(data.allAdministrativeUnits[0].id);
});
afterAll(() => app?.close());

describe('a group’s half-year report', () => {
  let h1: Row;

  it.each([
    {
      half: 1,
      figures: {
        visitCount: 4,
        householdsVisited: 2,
        // "Bước 3" (January) and the demo plan's first visit and registration (June).
        planStepsDone: 3,
        aspirationsRelayed: 3,
        aspirationsResolved: 1,
      },
    },
    {
      half: 2,
      figures: {
        visitCount: 1,
        householdsVisited: 1,
        planStepsDone: 1,
        aspirationsRelayed: 1,
        aspirationsResolved: 1,
      },
    },
  ])('is filled from the records of 2014 half $half', async ({ half, figures }) => {
    const created = await write(
      'createHalfYearReport',
      { groupId: group(GROUP).id, year: 2014, half },
      REPORT_FIELDS,
    );
    expect(created).toMatchObject({ year: 2014, half, status: 'DRAFT', submittedAt: null });
    expect(figuresOf(created)).toEqual(await countedFigures(group(GROUP).id, 2014, half));
    expect(figuresOf(created)).toEqual(figures);
    if (half === 1) h1 = created;
  });

  it('refuses a second report for the same group and period, writing nothing', async () => {
    const before = await countReports();
    const response = await mutate('createHalfYearReport', {
      groupId: group(GROUP).id,
      year: 2014,
      half: 1,
      narrative: 'Báo cáo trùng',
    });
    expectError(response, { code: 'BAD_USER_INPUT', rule: 'oncePerPeriod' });
    expect(await countReports()).toBe(before);
  });

  it.each([
    { title: 'half 0', half: 0, rule: 'min' },
    { title: 'half 3', half: 3, rule: 'max' },
  ])('refuses $title, writing nothing', async ({ half, rule }) => {
    const before = await countReports();
    const response = await mutate('createHalfYearReport', {
      groupId: group(GROUP).id,
      year: 2015,
      half,
    });
    expectError(response, { code: 'BAD_USER_INPUT', field: 'half', rule });
    expect(await countReports()).toBe(before);
  });

  it('recounts a draft when asked, after a late entry', async () => {
    await write('createVisit', {
      groupId: group(GROUP).id,
      householdId: group(GROUP).householdIds[0],
      visitDate: '2014-04-20',
      participantIds: [group(GROUP).leaderId],
    });
    const refreshed = await write('refreshHalfYearReport', { id: h1.id }, REPORT_FIELDS);
    expect(refreshed.visitCount).toBe(h1.visitCount + 1);
    expect(figuresOf(refreshed)).toEqual(await countedFigures(group(GROUP).id, 2014, 1));
    h1 = refreshed;
  });

  it('refuses to submit without a narrative, leaving the draft as it was', async () => {
    const response = await mutate('submitHalfYearReport', { id: h1.id });
    expectError(response, { code: 'BAD_USER_INPUT', field: 'narrative', rule: 'required' });
    expect(await report(h1.id)).toEqual(h1);
  });

  it('submits with a narrative, stamping who and when', async () => {
    const drafted = await write(
      'updateHalfYearReport',
      { id: h1.id, narrative: 'Nhóm đã tiếp cận 2 hộ, chuyển 3 kiến nghị lên UBND xã.' },
      REPORT_FIELDS,
    );
    const started = Date.now();
    const submitted = await write(
      'submitHalfYearReport',
      { id: h1.id, version: drafted.version },
      REPORT_FIELDS,
    );
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedById: meId });
    expect(Math.abs(Date.parse(submitted.submittedAt) - started)).toBeLessThan(60_000);
    expect(figuresOf(submitted)).toEqual(figuresOf(h1));
    h1 = submitted;
  });

  it.each([
    {
      title: 'an edit',
      request: () => mutate('updateHalfYearReport', { id: h1.id, narrative: 'Sửa' }),
    },
    { title: 'a deletion', request: () => mutate('deleteHalfYearReport', { id: h1.id }) },
    { title: 'a second submission', request: () => mutate('submitHalfYearReport', { id: h1.id }) },
  ])('refuses $title of the submitted report as locked, changing nothing', async ({ request }) => {
    expectError(await request(), { code: 'CONFLICT', rule: 'locked' });
    expect(await report(h1.id)).toEqual(h1);
  });

  it('keeps the submitted figures when later records arrive', async () => {
    await write('createVisit', {
      groupId: group(GROUP).id,
      householdId: group(GROUP).householdIds[0],
      visitDate: '2014-05-05',
      participantIds: [group(GROUP).leaderId],
    });
    const refreshed = await write('refreshHalfYearReport', { id: h1.id }, REPORT_FIELDS);
    expect(refreshed).toEqual(h1);
  });

  it.each(['', '   '])(
    'refuses to reopen with the reason %j, leaving it submitted',
    async (reason) => {
      const response = await mutate('reopenHalfYearReport', { id: h1.id, reason });
      expectError(response, { code: 'BAD_USER_INPUT', field: 'reason' });
      expect(await report(h1.id)).toEqual(h1);
    },
  );

  it('reopens with a reason, recording who reopened it', async () => {
    const reason = 'Bổ sung chuyến thăm ngày 05/5/2014';
    const reopened = await write('reopenHalfYearReport', { id: h1.id, reason }, REPORT_FIELDS);
    expect(reopened).toMatchObject({
      status: 'DRAFT',
      reopenReason: reason,
      reopenedById: meId,
      narrative: h1.narrative,
    });
    expect(reopened.reopenedAt).toEqual(expect.any(String));
    const edited = await write(
      'updateHalfYearReport',
      { id: h1.id, narrative: `${h1.narrative} Bổ sung 1 chuyến thăm.` },
      REPORT_FIELDS,
    );
    expect(edited.visitCount).toBe(h1.visitCount + 1);
    expect(figuresOf(edited)).toEqual(await countedFigures(group(GROUP).id, 2014, 1));
  });
});

describe('the half-year rollup', () => {
  const rollup = async (scope: Vars) =>
    (
      await read(
        `query ($organizationId: ID, $partnershipId: ID) {
           r: halfYearRollup(year: 2014, half: 1, organizationId: $organizationId, partnershipId: $partnershipId) {
             year half groupCount reportCount submittedCount ${FIGURES.join(' ')} } }`,
        scope,
      )
    ).r;

  const h1Reports = async () =>
    (
      await read(
        `{ allHalfYearReports(filter: { year_gte: 2014, year_lte: 2014, half_lte: 1 }, perPage: 1000) {
             status ${FIGURES.join(' ')} group { organizationId } } }`,
      )
    ).allHalfYearReports as Row[];

  beforeAll(async () => {
    const justice2 = await write(
      'createHalfYearReport',
      { groupId: group('Nhóm 2 – Sở Tư pháp').id, year: 2014, half: 1, narrative: 'Đã thăm hộ.' },
      REPORT_FIELDS,
    );
    await write('submitHalfYearReport', { id: justice2.id });
    await write('createHalfYearReport', {
      groupId: group('Nhóm 1 – Đảng ủy khối').id,
      year: 2014,
      half: 1,
    });
  });

  it('sums the reports of an agency’s groups', async () => {
    const reports = (await h1Reports()).filter(
      (r) => r.group.organizationId === orgIds.get(JUSTICE),
    );
    expect(reports).toHaveLength(2);
    const justice = await rollup({ organizationId: orgIds.get(JUSTICE) });
    expect(justice).toEqual({
      year: 2014,
      half: 1,
      groupCount: 7,
      reportCount: 2,
      submittedCount: 1,
      ...sumFigures(reports),
    });
    expect(justice.visitCount).toBe(
      (await countedFigures(group(GROUP).id, 2014, 1)).visitCount + 1,
    );
  });

  it('sums one report of the Bloc Party Committee’s three groups', async () => {
    const bloc = await rollup({ organizationId: orgIds.get(BLOC) });
    expect(bloc).toMatchObject({ groupCount: 3, reportCount: 1, submittedCount: 0, visitCount: 1 });
  });

  it('rolls up every group of the partnership', async () => {
    const all = await rollup({ partnershipId });
    expect(all).toEqual({
      year: 2014,
      half: 1,
      groupCount: 10,
      reportCount: 3,
      submittedCount: 1,
      ...sumFigures(await h1Reports()),
    });
  });

  it('refuses a third half', async () => {
    const response = await gql('{ halfYearRollup(year: 2014, half: 3) { groupCount } }');
    expectError(response, { code: 'BAD_USER_INPUT', field: 'half' });
  });

  it.each(['organizationId', 'partnershipId'])(
    'refuses a malformed %s as bad input naming it',
    async (field) => {
      const response = await gql(
        `query ($id: ID) { halfYearRollup(year: 2014, half: 1, ${field}: $id) { groupCount } }`,
        { id: 'Sở Tư pháp' },
      );
      expectError(response, { code: 'BAD_USER_INPUT', field });
    },
  );
});

describe('a report submitted while someone edits or deletes it', () => {
  const TRIES = 12;
  /** A fresh draft with a narrative, of a year no other test uses. */
  const draft = async (year: number) =>
    write(
      'createHalfYearReport',
      { groupId: group(GROUP).id, year, half: 1, narrative: 'Bản nháp' },
      REPORT_FIELDS,
    );

  it('is never changed after it was submitted (the edit lands before, or is refused)', async () => {
    for (let i = 0; i < TRIES; i++) {
      const created = await draft(2040 + i);
      const [submitted, edited] = await Promise.all([
        mutate('submitHalfYearReport', { id: created.id }, REPORT_FIELDS),
        mutate(
          'updateHalfYearReport',
          { id: created.id, narrative: `Sửa lần ${i}` },
          REPORT_FIELDS,
        ),
      ]);
      const stored = await report(created.id as string);
      expect(stored.status).toBe('SUBMITTED');
      // What was submitted is what is stored: an edit after the submit would have changed it.
      expect(stored.narrative).toBe(dataOf(submitted).result.narrative);
      if (edited.body.errors) expectError(edited, { code: 'CONFLICT', rule: 'locked' });
    }
  });

  it('is either deleted as a draft or submitted and kept, never both', async () => {
    for (let i = 0; i < TRIES; i++) {
      const created = await draft(2060 + i);
      const [submitted, deleted] = await Promise.all([
        mutate('submitHalfYearReport', { id: created.id }, 'id status'),
        mutate('deleteHalfYearReport', { id: created.id }),
      ]);
      const [row] = await app.db.query('SELECT status FROM half_year_reports WHERE id = $1', [
        created.id,
      ]);
      if (row) {
        expect(row.status).toBe('SUBMITTED');
        expect(dataOf(submitted).result.status).toBe('SUBMITTED');
        expectError(deleted, { code: 'CONFLICT', rule: 'locked' });
      } else {
        expect(dataOf(deleted).result.id).toBe(created.id);
        expectError(submitted, { code: 'NOT_FOUND' });
      }
    }
  });

  it('is deleted only in the version its deleter saw', async () => {
    const created = await draft(2080);
    await write('updateHalfYearReport', { id: created.id, narrative: 'Đã sửa' });
    const response = await mutate('deleteHalfYearReport', {
      id: created.id,
      version: created.version,
    });
    expectError(response, { code: 'CONFLICT', rule: 'staleVersion' });
    expect((await report(created.id as string)).narrative).toBe('Đã sửa');
  });
});
