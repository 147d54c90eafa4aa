import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/**
 * The temporary house as a project (issue 14, point 3), through the HTTP server: a house project
 * for a household serving the memorandum's commitment "xóa 1 nhà tạm"; its assessment, budget by
 * source and stages; each rule refused with BAD_USER_INPUT naming the field and the rule; each
 * role's reach; and the handover moving the commitment's progress exactly once, even when the
 * handover is sent twice at the same moment.
 */

let app: TestApp;
let roles: RoleFixture;
type Who = keyof RoleFixture['cookies'];

/** The area-5 commitment of the demo memorandum, and a commitment of another area. */
let houseCommitment: string;
let otherCommitment: string;
/** Households of agency A only (not helped by agency B), the first helped by memberA's group. */
let householdA1: string;
let householdA2: string;
let householdA3: string;
/** A household of agency B that agency A does not help. */
let householdB: string;

const gql = (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  app.graphql(query, variables, { cookie: roles.cookies[who] });
const ok = async (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  dataOf(await gql(who, query, variables)) as Record<string, any>;
const refusal = (response: GraphQLResponse<unknown>) => {
  expect(response.body.data ?? null).toBeNull();
  return response.body.errors![0]!.extensions!;
};
/** The rules (field:rule) a BAD_USER_INPUT answer names. */
const broken = async (response: Promise<GraphQLResponse<unknown>>) => {
  const extensions = refusal(await response);
  expect(extensions.code).toBe('BAD_USER_INPUT');
  return (extensions.violations as { field: string; rule: string }[]).map(
    (v) => `${v.field}:${v.rule}`,
  );
};

const PROJECT_FIELDS = `id version stage title householdId commitmentId estimatedCost budgetTotal
  surveyedDate surveyedConfirmedBy surveyedRecordedById approvedDate approvedConfirmedBy
  approvedConfirmerPosition approvedRecordedById buildingDate handedOverDate handedOverRecordedById
  handoverMinutesNumber handoverGiver handoverReceiver progressEntryId
  budgetBySource { source amount workdays lineCount }`;

const CREATE = `mutation ($h: ID!, $c: ID!, $cost: Money!, $d: LocalDate!, $title: String!) {
  createHouseProject(title: $title, householdId: $h, commitmentId: $c, estimatedCost: $cost,
    surveyedDate: $d, surveyedConfirmedBy: "Trần Văn Khảo (mẫu)", surveyedConfirmerPosition: "Cán bộ địa chính xã")
  { ${PROJECT_FIELDS} } }`;

const ASSESS = `mutation ($id: ID!) {
  updateHouseProject(id: $id, assessmentDate: "2014-06-20", assessedBy: "Tổ khảo sát (mẫu)",
    houseCondition: TEMPORARY, wallMaterial: "Tre, nứa", roofMaterial: "Lá", floorMaterial: "Đất",
    floorArea: 24, occupants: 5, assessmentNotes: "Nhà dột khi mưa") { id version } }`;

const ADVANCE = `mutation ($id: ID!, $stage: HouseProjectStage!, $date: LocalDate!, $by: String!,
    $pos: String, $minutes: String, $giver: String, $receiver: String) {
  advanceHouseProject(id: $id, stage: $stage, date: $date, confirmedBy: $by, confirmerPosition: $pos,
    handoverMinutesNumber: $minutes, handoverGiver: $giver, handoverReceiver: $receiver)
  { ${PROJECT_FIELDS} } }`;

const FUND_LINE = `mutation ($p: ID!, $source: HouseFundingSource!, $amount: Money, $disb: ID, $don: ID,
    $programme: String, $workdays: Int) {
  createHouseProjectFunding(projectId: $p, source: $source, amount: $amount, disbursementId: $disb,
    donationId: $don, programmeName: $programme, workdays: $workdays) { id amount source } }`;

const DISBURSE = `mutation ($fund: ID!, $amount: Money!) {
  createDisbursement(fundId: $fund, purpose: HOUSING, description: "Hỗ trợ làm nhà (mẫu)", quantity: 1,
    unitAmount: $amount, amount: $amount, plannedDate: "2014-07-15") { id } }`;
const DONATE = `mutation ($fund: ID!, $amount: Money!) {
  createDonation(fundId: $fund, donorKind: BUSINESS, donorName: "Doanh nghiệp (mẫu)", form: CASH,
    amount: $amount, receivedDate: "2014-07-10") { id } }`;

async function createProject(
  who: Who,
  householdId: string,
  extra: Partial<{ c: string; cost: number; d: string; title: string }> = {},
) {
  return gql(who, CREATE, {
    h: householdId,
    c: houseCommitment,
    cost: 50_000_000,
    d: '2014-06-15',
    title: 'Xóa nhà tạm hộ thử nghiệm',
    ...extra,
  });
}

const advance = (who: Who, id: string, stage: string, date: string, extra = {}) =>
  gql(who, ADVANCE, {
    id,
    stage,
    date,
    by: 'Lê Văn Duyệt (mẫu)',
    pos: 'Chủ tịch UBND xã',
    ...extra,
  });

const tomorrow = () =>
  new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const HANDOVER = {
  minutes: '01/BB-BGN',
  giver: 'Đại diện Sở Tư pháp (mẫu)',
  receiver: 'Chủ hộ (mẫu)',
};

async function commitmentProgress() {
  const { Commitment } = await ok(
    'admin',
    `query ($id: ID!) { Commitment(id: $id) { achievedQuantity status progressEntries { id quantity entryDate description } } }`,
    { id: houseCommitment },
  );
  return Commitment as {
    achievedQuantity: number;
    status: string;
    progressEntries: { id: string; quantity: number; entryDate: string; description: string }[];
  };
}

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  const commitments = (await app.db.query(
    `SELECT id, area FROM commitments ORDER BY position`,
  )) as { id: string; area: string }[];
  houseCommitment = commitments.find((c) => c.area === 'TEMPORARY_HOUSE_REMOVAL')!.id;
  otherCommitment = commitments.find((c) => c.area === 'LEGAL_SUPPORT')!.id;
  // Households agency A helps and agency B does not, without a house project yet.
  const [memberGroup] = (await app.db.query(
    `SELECT support_group_id AS id FROM support_group_members WHERE staff_member_id = $1 ORDER BY 1 LIMIT 1`,
    [roles.agencyA.groupMemberStaffId],
  )) as { id: string }[];
  const free = (ids: string[]) =>
    app.db.query(
      `SELECT h.id FROM households h WHERE h.id = ANY($1::uuid[]) AND NOT (h.id = ANY($2::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM house_projects p WHERE p.household_id = h.id)
        ORDER BY (EXISTS (SELECT 1 FROM support_group_households s WHERE s.household_id = h.id
                          AND s.support_group_id = $3)) DESC, h.id`,
      [ids, roles.agencyB.householdIds, memberGroup!.id],
    ) as Promise<{ id: string }[]>;
  const onlyA = await free(roles.agencyA.householdIds);
  [householdA1, householdA2, householdA3] = onlyA.map((h) => h.id) as [string, string, string];
  const onlyB = (await app.db.query(
    `SELECT id FROM households WHERE id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[])) ORDER BY id LIMIT 1`,
    [roles.agencyB.householdIds, roles.agencyA.householdIds],
  )) as { id: string }[];
  householdB = onlyB[0]!.id;
  // memberA's group helps the first (the demo's own project may sit on its usual household).
  await app.db.query(
    `INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING`,
    [memberGroup!.id, householdA1],
  );
  expect([householdA1, householdA2, householdA3, householdB].every(Boolean)).toBe(true);
});
afterAll(() => app?.close());

describe('a house project walked from survey to handover', () => {
  let project: Record<string, any>;
  let disbursementA: string;
  let donationA: string;

  it('is opened by an officer of an agency helping the household, surveyed, with who recorded it', async () => {
    project = dataOf(await createProject('officerA', householdA1)).createHouseProject;
    expect(project).toMatchObject({
      stage: 'SURVEYED',
      surveyedDate: '2014-06-15',
      surveyedConfirmedBy: 'Trần Văn Khảo (mẫu)',
      surveyedRecordedById: roles.userIds.officerA,
      approvedDate: null,
      budgetTotal: 0,
      progressEntryId: null,
    });
  });

  it('serves only a commitment of area 5, and one open project per household', async () => {
    expect(await broken(createProject('officerA', householdA2, { c: otherCommitment }))).toEqual([
      'commitmentId:temporaryHouseArea',
    ]);
    expect(await broken(createProject('officerA', householdA1))).toEqual([
      'householdId:oneOpenProject',
    ]);
    expect(await broken(createProject('officerA', householdA2, { d: tomorrow() }))).toEqual([
      'surveyedDate:notInFuture',
    ]);
  });

  it('cannot skip a stage, nor be approved before the house is assessed and the budget covers the cost', async () => {
    expect(await broken(advance('officerA', project.id, 'BUILDING', '2014-08-01'))).toEqual([
      'stage:nextStageOnly',
    ]);
    expect(await broken(advance('officerA', project.id, 'HANDED_OVER', '2014-08-01'))).toEqual([
      'stage:nextStageOnly',
    ]);
    expect(await broken(advance('officerA', project.id, 'APPROVED', '2014-08-01'))).toEqual([
      'assessmentDate:assessmentBeforeApproval',
      'assessedBy:assessmentBeforeApproval',
      'houseCondition:assessmentBeforeApproval',
      'estimatedCost:budgetCoversCost',
    ]);
    await ok('officerA', ASSESS, { id: project.id });
    expect(await broken(advance('officerA', project.id, 'APPROVED', '2014-08-01'))).toEqual([
      'estimatedCost:budgetCoversCost',
    ]);
  });

  it('takes budget lines by source, each with what its source needs', async () => {
    const line = (vars: Record<string, unknown>) =>
      gql('officerA', FUND_LINE, { p: project.id, ...vars });
    disbursementA = (
      await ok('officerA', DISBURSE, { fund: roles.agencyA.fundId, amount: 20_000_000 })
    ).createDisbursement.id;
    donationA = (await ok('officerA', DONATE, { fund: roles.agencyA.fundId, amount: 15_000_000 }))
      .createDonation.id;
    const disbursementB = (
      await ok('officerB', DISBURSE, { fund: roles.agencyB.fundId, amount: 5_000_000 })
    ).createDisbursement.id;

    expect(await broken(line({ source: 'AGENCY_FUND', amount: 1_000_000 }))).toEqual([
      'disbursementId:requiredForSource',
    ]);
    expect(await broken(line({ source: 'STATE_PROGRAMME', amount: 1_000_000 }))).toEqual([
      'programmeName:requiredForSource',
    ]);
    expect(await broken(line({ source: 'WORKDAYS', amount: 1_000_000 }))).toEqual([
      'workdays:requiredForSource',
    ]);
    expect(await broken(line({ source: 'HOUSEHOLD_OWN' }))).toEqual(['amount:required']);
    expect(
      await broken(
        line({ source: 'HOUSEHOLD_OWN', amount: 1_000_000, programme: 'Chương trình X' }),
      ),
    ).toEqual(['programmeName:onlyForSource']);
    expect(
      await broken(
        line({ source: 'DONATION', amount: 1_000_000, disb: disbursementA, don: donationA }),
      ),
    ).toEqual(['disbursementId:onlyForSource']);
    // Agency B's disbursement does not exist for agency A's officer; for the administrator it is
    // money of an agency that does not help this household.
    expect(
      await broken(line({ source: 'AGENCY_FUND', amount: 1_000_000, disb: disbursementB })),
    ).toEqual(['disbursementId:exists']);
    expect(
      await broken(
        gql('admin', FUND_LINE, {
          p: project.id,
          source: 'AGENCY_FUND',
          amount: 1_000_000,
          disb: disbursementB,
        }),
      ),
    ).toEqual(['disbursementId:fundOfHelpingAgency']);
    expect(
      await broken(line({ source: 'AGENCY_FUND', amount: 20_000_001, disb: disbursementA })),
    ).toEqual(['amount:notMoreThanLinked']);

    await ok('officerA', FUND_LINE, {
      p: project.id,
      source: 'AGENCY_FUND',
      amount: 20_000_000,
      disb: disbursementA,
    });
    expect(
      await broken(line({ source: 'AGENCY_FUND', amount: 1_000_000, disb: disbursementA })),
    ).toEqual(['disbursementId:alreadyInBudget']);
    await ok('officerA', FUND_LINE, {
      p: project.id,
      source: 'DONATION',
      amount: 15_000_000,
      don: donationA,
    });
    await ok('officerA', FUND_LINE, {
      p: project.id,
      source: 'STATE_PROGRAMME',
      amount: 10_000_000,
      programme: 'Chương trình hỗ trợ nhà ở cho hộ nghèo (mẫu)',
    });
    await ok('officerA', FUND_LINE, { p: project.id, source: 'HOUSEHOLD_OWN', amount: 2_000_000 });
    // Workdays without a value count nothing; with a value, their value.
    await ok('officerA', FUND_LINE, { p: project.id, source: 'WORKDAYS', workdays: 20 });
    await ok('officerA', FUND_LINE, {
      p: project.id,
      source: 'WORKDAYS',
      workdays: 30,
      amount: 3_000_000,
    });

    const { HouseProject } = await ok(
      'officerA',
      `query ($id: ID!) { HouseProject(id: $id) { ${PROJECT_FIELDS} } }`,
      {
        id: project.id,
      },
    );
    expect(HouseProject.budgetTotal).toBe(50_000_000);
    expect(HouseProject.budgetBySource).toEqual([
      { source: 'AGENCY_FUND', amount: 20_000_000, workdays: 0, lineCount: 1 },
      { source: 'DONATION', amount: 15_000_000, workdays: 0, lineCount: 1 },
      { source: 'STATE_PROGRAMME', amount: 10_000_000, workdays: 0, lineCount: 1 },
      { source: 'HOUSEHOLD_OWN', amount: 2_000_000, workdays: 0, lineCount: 1 },
      { source: 'WORKDAYS', amount: 3_000_000, workdays: 50, lineCount: 2 },
    ]);
  });

  it('refuses a disbursement or a donation already funding another project', async () => {
    const other = dataOf(await createProject('officerA', householdA2)).createHouseProject;
    expect(
      await broken(
        gql('officerA', FUND_LINE, {
          p: other.id,
          source: 'AGENCY_FUND',
          amount: 1_000_000,
          disb: disbursementA,
        }),
      ),
    ).toEqual(['disbursementId:usedByAnotherProject']);
    expect(
      await broken(
        gql('officerA', FUND_LINE, {
          p: other.id,
          source: 'DONATION',
          amount: 1_000_000,
          don: donationA,
        }),
      ),
    ).toEqual(['donationId:usedByAnotherProject']);
    // A project not yet approved can be withdrawn.
    await ok('officerA', `mutation ($id: ID!) { deleteHouseProject(id: $id) { id } }`, {
      id: other.id,
    });
  });

  it('dates each stage on or after the one before, never in the future', async () => {
    expect(await broken(advance('officerA', project.id, 'APPROVED', '2014-06-14'))).toEqual([
      'date:notBeforePreviousStage',
    ]);
    expect(await broken(advance('officerA', project.id, 'APPROVED', tomorrow()))).toEqual([
      'date:notInFuture',
    ]);
    expect(
      await broken(advance('officerA', project.id, 'APPROVED', '2014-08-01', { by: '  ' })),
    ).toEqual(['confirmedBy:required']);
  });

  it('is approved once assessed and covered, with who confirmed it and who recorded it', async () => {
    const approved = (
      await ok('officerA', ADVANCE, {
        id: project.id,
        stage: 'APPROVED',
        date: '2014-08-01',
        by: 'Lê Văn Duyệt (mẫu)',
        pos: 'Chủ tịch UBND xã',
      })
    ).advanceHouseProject;
    expect(approved).toMatchObject({
      stage: 'APPROVED',
      approvedDate: '2014-08-01',
      approvedConfirmedBy: 'Lê Văn Duyệt (mẫu)',
      approvedConfirmerPosition: 'Chủ tịch UBND xã',
      approvedRecordedById: roles.userIds.officerA,
    });
  });

  it('keeps what was approved: no going back, no changed cost, budget lines only added', async () => {
    expect(refusal(await advance('officerA', project.id, 'APPROVED', '2014-08-02'))).toMatchObject({
      code: 'CONFLICT',
      rule: 'alreadyAtStage',
    });
    expect(await broken(advance('officerA', project.id, 'SURVEYED', '2014-08-02'))).toEqual([
      'stage:nextStageOnly',
    ]);
    expect(
      await broken(
        gql(
          'officerA',
          `mutation ($id: ID!) { updateHouseProject(id: $id, estimatedCost: 40000000) { id } }`,
          {
            id: project.id,
          },
        ),
      ),
    ).toEqual(['estimatedCost:fixedAfterApproval']);
    const [line] = (await app.db.query(
      `SELECT id FROM house_project_fundings WHERE project_id = $1 AND source = 'HOUSEHOLD_OWN'`,
      [project.id],
    )) as { id: string }[];
    expect(
      await broken(
        gql('officerA', `mutation ($id: ID!) { deleteHouseProjectFunding(id: $id) { id } }`, {
          id: line!.id,
        }),
      ),
    ).toEqual(['id:budgetFixedAfterApproval']);
    expect(
      await broken(
        gql(
          'officerA',
          `mutation ($id: ID!) { updateHouseProjectFunding(id: $id, amount: 1) { id } }`,
          { id: line!.id },
        ),
      ),
    ).toEqual(['amount:budgetFixedAfterApproval']);
    expect(
      refusal(
        await gql('officerA', `mutation ($id: ID!) { deleteHouseProject(id: $id) { id } }`, {
          id: project.id,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', rule: 'deleteAfterApproval' });
    // Notes stay editable; more money may still come in.
    await ok(
      'officerA',
      `mutation ($id: ID!) { updateHouseProject(id: $id, notes: "Khởi công sau mùa mưa") { id } }`,
      {
        id: project.id,
      },
    );
  });

  it('needs the handover record to hand the house over', async () => {
    await ok('officerA', ADVANCE, {
      id: project.id,
      stage: 'BUILDING',
      date: '2014-09-01',
      by: 'Lê Văn Duyệt (mẫu)',
    });
    expect(await broken(advance('officerA', project.id, 'HANDED_OVER', '2014-12-20'))).toEqual([
      'handoverMinutesNumber:requiredForHandover',
      'handoverGiver:requiredForHandover',
      'handoverReceiver:requiredForHandover',
    ]);
  });

  it('moves the commitment by one house exactly once when the handover is sent twice at once', async () => {
    const before = await commitmentProgress();
    // Both requests must be inside their transactions at once: the test holds the commitment's
    // row, which a progress entry needs (its foreign key, the summary's trigger), so the first
    // handover waits there holding the project, and the second waits for the project.
    const holder = app.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT id FROM commitments WHERE id = $1 FOR UPDATE', [houseCommitment]);
    const both = Promise.all([
      advance('officerA', project.id, 'HANDED_OVER', '2014-12-20', HANDOVER),
      advance('officerA', project.id, 'HANDED_OVER', '2014-12-20', HANDOVER),
    ]);
    const waiting = async () =>
      (
        (await app.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as { n: number }[]
      )[0]!.n;
    await expect.poll(waiting, { timeout: 15_000 }).toBe(2);
    await holder.commitTransaction();
    await holder.release();
    const [first, second] = await both;
    const answers = [first, second];
    const done = answers.filter((r) => r.body.data?.advanceHouseProject);
    const refused = answers.filter((r) => r.body.errors);
    expect(done).toHaveLength(1);
    expect(refused.map((r) => r.body.errors![0]!.extensions)).toMatchObject([
      { code: 'CONFLICT', rule: 'alreadyAtStage' },
    ]);
    const handed = (done[0]!.body.data as Record<string, any>).advanceHouseProject;
    expect(handed).toMatchObject({
      stage: 'HANDED_OVER',
      handedOverDate: '2014-12-20',
      handedOverRecordedById: roles.userIds.officerA,
      handoverMinutesNumber: '01/BB-BGN',
      handoverGiver: HANDOVER.giver,
      handoverReceiver: HANDOVER.receiver,
    });

    const after = await commitmentProgress();
    expect(after.achievedQuantity).toBe(before.achievedQuantity + 1);
    expect(after.progressEntries).toHaveLength(before.progressEntries.length + 1);
    const entry = after.progressEntries.find((e) => e.id === handed.progressEntryId)!;
    expect(entry).toMatchObject({ quantity: 1, entryDate: '2014-12-20' });
    // The household is named by its head's initials and village, never by the full name.
    const [household] = (await app.db.query(
      `SELECT h.head_name, v.name AS village FROM households h JOIN administrative_units v ON v.id = h.village_id WHERE h.id = $1`,
      [householdA1],
    )) as { head_name: string; village: string }[];
    expect(entry.description).toContain(household!.village);
    expect(entry.description).not.toContain(household!.head_name);
    // The summary the database keeps agrees with the entries.
    const [summary] = (await app.db.query(
      `SELECT achieved_quantity::int AS q FROM commitment_progress WHERE commitment_id = $1`,
      [houseCommitment],
    )) as { q: number }[];
    expect(summary!.q).toBe(after.achievedQuantity);
    // A third attempt, later, changes nothing either.
    expect(
      refusal(await advance('officerA', project.id, 'HANDED_OVER', '2014-12-21', HANDOVER)),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    expect((await commitmentProgress()).achievedQuantity).toBe(after.achievedQuantity);
  });

  it('leaves the household free for another project, and its progress entry cannot be deleted away', async () => {
    const next = dataOf(
      await createProject('officerA', householdA1, { d: '2015-01-10' }),
    ).createHouseProject;
    expect(next.stage).toBe('SURVEYED');
    const [{ progress_entry_id }] = (await app.db.query(
      `SELECT progress_entry_id FROM house_projects WHERE id = $1`,
      [project.id],
    )) as { progress_entry_id: string }[];
    expect(
      refusal(
        await gql('admin', `mutation ($id: ID!) { deleteProgressEntry(id: $id) { id } }`, {
          id: progress_entry_id,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', rule: 'inUse' });
  });

  it('is in the audit trail with the user who changed it', async () => {
    const rows = (await app.db.query(
      `SELECT operation, actor_user_id, changed_fields FROM audit_log
        WHERE table_name = 'house_projects' AND record_id = $1 ORDER BY id`,
      [project.id],
    )) as { operation: string; actor_user_id: string; changed_fields: string[] | null }[];
    expect(rows[0]).toMatchObject({ operation: 'INSERT', actor_user_id: roles.userIds.officerA });
    expect(rows.some((r) => r.changed_fields?.includes('handed_over_date'))).toBe(true);
    const lines = (await app.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'house_project_fundings' AND operation = 'INSERT'`,
    )) as { n: number }[];
    expect(lines[0]!.n).toBeGreaterThanOrEqual(6);
  });
});

describe('who reaches house projects', () => {
  let projectA: string;
  let projectB: string;

  beforeAll(async () => {
    projectA = dataOf(await createProject('officerA', householdA3, { title: 'Dự án A' }))
      .createHouseProject.id;
    projectB = dataOf(await createProject('officerB', householdB, { title: 'Dự án B' }))
      .createHouseProject.id;
  });

  const one = (who: Who, id: string) =>
    gql(who, `query ($id: ID!) { HouseProject(id: $id) { id title notes fundings { id } } }`, {
      id,
    });
  const listed = async (who: Who) =>
    (
      (await ok(who, `{ allHouseProjects(perPage: 1000) { id } }`)).allHouseProjects as {
        id: string;
      }[]
    ).map((p) => p.id);

  it('an officer reads and writes the projects of the households their agency helps, not another agency’s', async () => {
    expect(await listed('officerA')).toContain(projectA);
    expect(await listed('officerA')).not.toContain(projectB);
    expect(refusal(await one('officerA', projectB)).code).toBe('NOT_FOUND');
    expect(refusal(await advance('officerA', projectB, 'APPROVED', '2014-08-01')).code).toBe(
      'NOT_FOUND',
    );
    // Another agency's household does not exist for them.
    expect(await broken(createProject('officerA', householdB))).toEqual(['householdId:exists']);
  });

  it('a group member reads the projects of the households their groups help, and changes none', async () => {
    const { HouseProject } = await ok(
      'memberA',
      `query ($id: ID!) { HouseProject(id: $id) { id stage } }`,
      {
        id: (
          await app.db.query(
            `SELECT id FROM house_projects WHERE household_id = $1 ORDER BY created_at LIMIT 1`,
            [householdA1],
          )
        )[0].id,
      },
    );
    expect(HouseProject.stage).toBe('HANDED_OVER');
    expect(refusal(await one('memberA', projectB)).code).toBe('NOT_FOUND');
    expect(refusal(await createProject('memberA', householdA2)).code).toBe('FORBIDDEN');
    expect(refusal(await advance('memberA', projectA, 'APPROVED', '2014-08-01')).code).toBe(
      'FORBIDDEN',
    );
  });

  it('an analyst reads every project de-identified and changes none; a viewer reads none', async () => {
    const answer = dataOf(await one('analyst', projectA)) as Record<string, any>;
    expect(answer.HouseProject.title).toBe('(đã ẩn)');
    expect(await listed('analyst')).toEqual(expect.arrayContaining([projectA, projectB]));
    expect(refusal(await advance('analyst', projectA, 'APPROVED', '2014-08-01')).code).toBe(
      'FORBIDDEN',
    );
    expect(refusal(await gql('viewer', `{ allHouseProjects { id } }`)).code).toBe('FORBIDDEN');
    expect(refusal(await one('viewer', projectA)).code).toBe('FORBIDDEN');
  });

  it('reading a project is written to the access log with its household', async () => {
    await one('officerA', projectA);
    const rows = (await app.db.query(
      `SELECT household_ids::text[] AS h FROM access_log WHERE resource = 'HouseProject' AND $1 = ANY(record_ids)`,
      [projectA],
    )) as { h: string[] }[];
    expect(rows.some((r) => r.h.includes(householdA3))).toBe(true);
  });

  it('the dashboard card counts each caller’s own projects by stage, and each figure is its list', async () => {
    const OVERVIEW = `{ houseProjectOverview { total open canOpenRecords stages { stage count } } }`;
    for (const who of ['admin', 'officerA', 'officerB', 'memberA', 'analyst'] as const) {
      const { houseProjectOverview: card } = await ok(who, OVERVIEW);
      expect(card.canOpenRecords).toBe(true);
      expect(card.stages.map((s: { stage: string }) => s.stage)).toEqual([
        'SURVEYED',
        'APPROVED',
        'BUILDING',
        'HANDED_OVER',
      ]);
      for (const { stage, count } of card.stages as { stage: string; count: number }[]) {
        const { meta } = await ok(
          who,
          `query ($f: HouseProjectFilter) { meta: _allHouseProjectsMeta(filter: $f) { count } }`,
          { f: { stage } },
        );
        expect(meta.count, `${who} ${stage}`).toBe(count);
      }
      const { meta } = await ok(
        who,
        `query ($f: HouseProjectFilter) { meta: _allHouseProjectsMeta(filter: $f) { count } }`,
        { f: { open: true } },
      );
      expect(meta.count).toBe(card.open);
    }
    const officerA = (await ok('officerA', OVERVIEW)).houseProjectOverview;
    const admin = (await ok('admin', OVERVIEW)).houseProjectOverview;
    expect(officerA.total).toBeLessThan(admin.total);
    // A viewer sees the program's figures and no records behind them.
    const viewer = (await ok('viewer', OVERVIEW)).houseProjectOverview;
    expect(viewer).toMatchObject({ total: admin.total, canOpenRecords: false });
  });
});

describe('the demo', () => {
  it('gives the memorandum’s "xóa 1 nhà tạm" one sample project, building, its budget covering the cost, and no progress claimed', async () => {
    const { allHouseProjects } = await ok(
      'admin',
      `query ($c: ID) { allHouseProjects(filter: { commitmentId: $c }, sortField: "createdAt", sortOrder: "ASC", perPage: 1)
         { title stage estimatedCost budgetTotal surveyedDate approvedDate buildingDate houseCondition progressEntryId notes
           household { headName } commitment { area title } } }`,
      { c: houseCommitment },
    );
    const [demo] = allHouseProjects;
    expect(demo).toMatchObject({
      stage: 'BUILDING',
      houseCondition: 'TEMPORARY',
      progressEntryId: null,
      commitment: { area: 'TEMPORARY_HOUSE_REMOVAL', title: 'Xóa 1 nhà tạm' },
    });
    expect(demo.title).toContain('(mẫu)');
    expect(demo.notes).toContain('mẫu');
    expect(demo.household.headName).toContain('(mẫu)');
    expect(demo.budgetTotal).toBeGreaterThanOrEqual(demo.estimatedCost);
    expect(demo.surveyedDate <= demo.approvedDate && demo.approvedDate <= demo.buildingDate).toBe(
      true,
    );
  });
});
