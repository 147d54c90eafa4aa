import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../server/src/common/roles';
import { createUser } from '../server/src/modules/user/auth.service';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/**
 * Two-person approval of money out (issue 14, point 5), through the HTTP server. The policy under
 * test, as documented in the fund module and the README:
 * - a fund's approval threshold (whole đồng; empty = no approval) is set by administrators only;
 * - a disbursement above it is submitted (PLANNED → PENDING_APPROVAL), then approved or refused
 *   (a refusal needs a reason of at least 5 characters) by an administrator or an officer of the
 *   fund's agency who neither created, changed (amount, fund, purpose, quantity, unit amount) nor
 *   submitted it; only an approved one is posted;
 * - changing the amount, fund or purpose of a submitted or decided one sends it back to PLANNED;
 * - one decision and one posting, however many requests arrive at once.
 * The demo funds carry a sample threshold of 10,000,000 đồng.
 */

let app: TestApp;
let roles: RoleFixture;
/** A second officer of agency A: the approver of officer A's disbursements. */
let officerA2: string;
let officerA2Id: string;
let fundA: string;
let fundB: string;

const DEMO_THRESHOLD = 10_000_000;
const DAY = '2015-03-02';

const as = (cookie: string) => ({
  call: (query: string, variables: Record<string, unknown> = {}) =>
    app.graphql(query, variables, { cookie }),
  ok: async (query: string, variables: Record<string, unknown> = {}) =>
    dataOf(await app.graphql(query, variables, { cookie })),
  error: async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await app.graphql(query, variables, { cookie });
    expect(response.status).toBeLessThan(500);
    expect(response.body.data ?? null).toBeNull();
    return response.body.errors![0]!.extensions!;
  },
});

const FIELDS = `id status amount createdById revisedById submittedById submittedAt decidedById decidedAt
  decisionReason needsApproval myActions { madeByMe canSubmit canDecide canPost }`;
const CREATE = `mutation ($f: ID!, $q: Int!, $u: Money!, $a: Money!, $p: DisbursementPurpose!) {
  createDisbursement(fundId: $f, purpose: $p, description: "Chi thử duyệt", quantity: $q, unitAmount: $u, amount: $a) { ${FIELDS} } }`;
const GET = `query ($id: ID!) { Disbursement(id: $id) { ${FIELDS} } }`;
const SUBMIT = `mutation ($id: ID!) { submitDisbursement(id: $id) { ${FIELDS} } }`;
const APPROVE = `mutation ($id: ID!, $r: String) { approveDisbursement(id: $id, reason: $r) { ${FIELDS} } }`;
const REFUSE = `mutation ($id: ID!, $r: String!) { refuseDisbursement(id: $id, reason: $r) { ${FIELDS} } }`;
const POST = `mutation ($id: ID!, $d: LocalDate!) { postDisbursement(id: $id, disbursedDate: $d, overrideReason: null) { ${FIELDS} disbursedDate } }`;
const UPDATE = `mutation ($id: ID!, $q: Int, $u: Money, $a: Money, $p: DisbursementPurpose, $desc: String, $f: ID) {
  updateDisbursement(id: $id, quantity: $q, unitAmount: $u, amount: $a, purpose: $p, description: $desc, fundId: $f) { ${FIELDS} } }`;
const SET_THRESHOLD = `mutation ($id: ID!, $t: Money, $notes: String) {
  updateFund(id: $id, approvalThreshold: $t, notes: $notes) { id approvalThreshold notes } }`;

/** A disbursement of `amount` đồng (one unit) made by the given user on a fund. */
async function make(cookie: string, amount: number, fund = fundA, purpose = 'MEDICINE') {
  const { createDisbursement } = await as(cookie).ok(CREATE, {
    f: fund,
    q: 1,
    u: amount,
    a: amount,
    p: purpose,
  });
  return createDisbursement as Record<string, any>;
}

async function submitted(cookie: string, amount = 12_000_000) {
  const made = await make(cookie, amount);
  return (await as(cookie).ok(SUBMIT, { id: made.id })).submitDisbursement as Record<string, any>;
}

async function signIn(role: Role, organizationId: string) {
  const username = `approver_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const user = await createUser(app.db, {
    username,
    displayName: 'Người duyệt thử nghiệm',
    password,
    role,
    organizationId,
  });
  const result = await app.graphql(
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
    { u: username, p: password },
  );
  return { cookie: result.cookie!, id: user.id };
}

/** Audit entries of one disbursement, oldest first. */
const trail = async (id: string) =>
  (await app.db.query(
    `SELECT operation, new_values, changed_fields, actor_user_id FROM audit_log
      WHERE table_name = 'disbursements' AND record_id = $1 ORDER BY id`,
    [id],
  )) as {
    operation: string;
    new_values: Record<string, unknown>;
    changed_fields: string[] | null;
    actor_user_id: string;
  }[];

beforeAll(async () => {
  app = await startTestApp({ poolSize: 12 });
  roles = await signInRoles(app);
  fundA = roles.agencyA.fundId!;
  fundB = roles.agencyB.fundId!;
  ({ cookie: officerA2, id: officerA2Id } = await signIn(
    Role.AGENCY_OFFICER,
    roles.agencyA.organizationId,
  ));
  // Money on both funds, so posting is never refused for the balance.
  for (const fund of [fundA, fundB]) {
    await as(roles.cookies.admin).ok(
      `mutation ($f: ID!) { createDonation(fundId: $f, donorKind: BUSINESS, donorName: "Doanh nghiệp mẫu",
         form: CASH, amount: 500000000, receivedDate: "2014-01-02") { id } }`,
      { f: fund },
    );
  }
}, 120_000);
afterAll(() => app?.close());

describe('the threshold of a fund', () => {
  it('is the sample 10,000,000 đồng on the demo funds, so the medicine disbursement needs approval and the gifts do not', async () => {
    const { allFunds } = await as(roles.cookies.admin).ok('{ allFunds { approvalThreshold } }');
    expect(allFunds.map((f: any) => f.approvalThreshold)).toEqual([DEMO_THRESHOLD, DEMO_THRESHOLD]);
    const { allDisbursements } = await as(roles.cookies.admin).ok(
      '{ allDisbursements(filter: { status: PLANNED }, perPage: 50) { purpose amount needsApproval } }',
    );
    const demo = allDisbursements.filter((d: any) =>
      ['MEDICINE', 'POLICY_FAMILY_GIFTS', 'POOR_PUPIL_GIFTS'].includes(d.purpose),
    );
    expect(
      Object.fromEntries(demo.map((d: any) => [d.purpose, [d.amount, d.needsApproval]])),
    ).toEqual({
      MEDICINE: [20_000_000, true],
      POLICY_FAMILY_GIFTS: [5_000_000, false],
      POOR_PUPIL_GIFTS: [6_000_000, false],
    });
  });

  it('comes with two sample officers per demo agency (one prepares, one approves) that nobody signs in as until an administrator sets their password', async () => {
    const users = (await app.db.query(
      `SELECT u.username, u.display_name, u.role, o.name AS agency FROM users u
         JOIN organizations o ON o.id = u.organization_id
        WHERE u.display_name LIKE '%(mẫu)' ORDER BY u.username`,
    )) as { username: string; display_name: string; role: string; agency: string }[];
    expect(users.map((u) => [u.username, u.role, u.agency])).toEqual([
      ['khoi.duyetchi', 'AGENCY_OFFICER', 'Đảng ủy khối Các cơ quan tỉnh'],
      ['khoi.lapchi', 'AGENCY_OFFICER', 'Đảng ủy khối Các cơ quan tỉnh'],
      ['tuphap.duyetchi', 'AGENCY_OFFICER', 'Sở Tư pháp Phú Yên'],
      ['tuphap.lapchi', 'AGENCY_OFFICER', 'Sở Tư pháp Phú Yên'],
    ]);
    for (const password of ['tuphap.lapchi', 'matkhau123456', '']) {
      const attempt = await app.graphql(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
        { u: 'tuphap.lapchi', p: password },
      );
      expect(attempt.cookie).toBeUndefined();
    }
  });

  it('is set by administrators only, each change in the audit trail; an officer still edits the rest of the fund', async () => {
    const officer = as(roles.cookies.officerA);
    expect(await officer.error(SET_THRESHOLD, { id: fundA, t: 50_000_000 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'approvalThreshold',
      rule: 'adminOnly',
    });
    expect(await officer.error(SET_THRESHOLD, { id: fundA, t: null })).toMatchObject({
      field: 'approvalThreshold',
      rule: 'adminOnly',
    });
    // The form sends the unchanged threshold back with the other fields: that is no change.
    const kept = await officer.ok(SET_THRESHOLD, {
      id: fundA,
      t: DEMO_THRESHOLD,
      notes: 'Ghi chú của cán bộ',
    });
    expect(kept.updateFund).toMatchObject({ approvalThreshold: DEMO_THRESHOLD });
    expect(await as(roles.cookies.admin).error(SET_THRESHOLD, { id: fundA, t: -1 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'approvalThreshold',
    });

    const admin = as(roles.cookies.admin);
    await admin.ok(SET_THRESHOLD, { id: fundB, t: 15_000_000 });
    await admin.ok(SET_THRESHOLD, { id: fundB, t: DEMO_THRESHOLD });
    const changes = (await app.db.query(
      `SELECT old_values, new_values, actor_user_id, actor_role FROM audit_log
        WHERE table_name = 'funds' AND record_id = $1 AND 'approval_threshold' = ANY (changed_fields)
        ORDER BY id`,
      [fundB],
    )) as any[];
    expect(changes.slice(-2)).toMatchObject([
      {
        old_values: { approval_threshold: DEMO_THRESHOLD },
        new_values: { approval_threshold: 15_000_000 },
        actor_user_id: roles.userIds.admin,
        actor_role: 'ADMIN',
      },
      { new_values: { approval_threshold: DEMO_THRESHOLD } },
    ]);
  });

  it('needs no approval at or below it, nor on a fund without one', async () => {
    const officer = as(roles.cookies.officerA);
    const atThreshold = await make(roles.cookies.officerA, DEMO_THRESHOLD);
    expect(atThreshold).toMatchObject({
      needsApproval: false,
      myActions: { canSubmit: false, canPost: true },
    });
    expect(await officer.error(SUBMIT, { id: atThreshold.id })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
      rule: 'approvalNotRequired',
    });
    expect((await officer.ok(POST, { id: atThreshold.id, d: DAY })).postDisbursement.status).toBe(
      'POSTED',
    );

    const admin = as(roles.cookies.admin);
    await admin.ok(SET_THRESHOLD, { id: fundB, t: null });
    const large = await make(roles.cookies.officerB, 30_000_000, fundB);
    expect(large).toMatchObject({ needsApproval: false, myActions: { canPost: true } });
    expect(
      (await as(roles.cookies.officerB).ok(POST, { id: large.id, d: DAY })).postDisbursement.status,
    ).toBe('POSTED');
    await admin.ok(SET_THRESHOLD, { id: fundB, t: DEMO_THRESHOLD });
  });
});

describe('a disbursement above the threshold', () => {
  it('is submitted by its maker, approved by a second officer of the agency, then posted; the maker never decides', async () => {
    const maker = as(roles.cookies.officerA);
    const made = await make(roles.cookies.officerA, 12_000_000);
    expect(made).toMatchObject({
      status: 'PLANNED',
      createdById: roles.userIds.officerA,
      needsApproval: true,
      myActions: { madeByMe: true, canSubmit: true, canPost: false, canDecide: false },
    });
    expect(await maker.error(POST, { id: made.id, d: DAY })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
      rule: 'approvalRequired',
    });

    const pending = (await maker.ok(SUBMIT, { id: made.id })).submitDisbursement;
    expect(pending).toMatchObject({
      status: 'PENDING_APPROVAL',
      submittedById: roles.userIds.officerA,
      decidedById: null,
      myActions: { canSubmit: false, canDecide: false, canPost: false },
    });
    expect(pending.submittedAt).toBeTruthy();
    expect(await maker.error(SUBMIT, { id: made.id })).toMatchObject({
      field: 'status',
      rule: 'notPlanned',
    });
    expect(await maker.error(POST, { id: made.id, d: DAY })).toMatchObject({
      field: 'status',
      rule: 'awaitingApproval',
    });
    expect(await maker.error(APPROVE, { id: made.id })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'approvedBy',
      rule: 'notMaker',
    });
    expect(await maker.error(REFUSE, { id: made.id, r: 'Tự từ chối của mình' })).toMatchObject({
      field: 'refusedBy',
      rule: 'notMaker',
    });

    const second = as(officerA2);
    expect((await second.ok(GET, { id: made.id })).Disbursement).toMatchObject({
      myActions: { canDecide: true, madeByMe: false },
    });
    const approved = (await second.ok(APPROVE, { id: made.id, r: 'Đúng dự toán' }))
      .approveDisbursement;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      decidedById: officerA2Id,
      decisionReason: 'Đúng dự toán',
      myActions: { canDecide: false },
    });
    expect((await maker.ok(GET, { id: made.id })).Disbursement.myActions.canPost).toBe(true);
    expect(await as(roles.cookies.admin).error(APPROVE, { id: made.id })).toMatchObject({
      field: 'status',
      rule: 'notPending',
    });
    const posted = (await maker.ok(POST, { id: made.id, d: DAY })).postDisbursement;
    expect(posted).toMatchObject({
      status: 'POSTED',
      disbursedDate: DAY,
      myActions: { canPost: false },
    });

    // The trail: created, submitted, approved (with the reason), posted, each by its actor.
    const entries = await trail(made.id);
    expect(entries.map((e) => [e.operation, e.new_values.status ?? null, e.actor_user_id])).toEqual(
      [
        ['INSERT', 'PLANNED', roles.userIds.officerA],
        ['UPDATE', 'PENDING_APPROVAL', roles.userIds.officerA],
        ['UPDATE', 'APPROVED', officerA2Id],
        ['UPDATE', 'POSTED', roles.userIds.officerA],
      ],
    );
    expect(entries[2]!.new_values).toMatchObject({
      decided_by_id: officerA2Id,
      decision_reason: 'Đúng dự toán',
    });
  });

  it('may be approved by an administrator; an approval needs no reason', async () => {
    const pending = await submitted(roles.cookies.officerA);
    const approved = (await as(roles.cookies.admin).ok(APPROVE, { id: pending.id }))
      .approveDisbursement;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      decidedById: roles.userIds.admin,
      decisionReason: null,
    });
  });

  it('is refused with a reason, which the trail keeps; a refused one is not posted, and is changed and submitted again', async () => {
    const pending = await submitted(roles.cookies.officerA);
    const second = as(officerA2);
    for (const r of ['', '   ', 'Ko']) {
      expect(await second.error(REFUSE, { id: pending.id, r })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
        rule: 'required',
      });
    }
    expect(await second.error(REFUSE, { id: pending.id, r: 'x'.repeat(2001) })).toMatchObject({
      field: 'reason',
      rule: 'maxLength',
    });
    const refused = (
      await second.ok(REFUSE, { id: pending.id, r: 'Vượt dự toán được giao, đề nghị giảm' })
    ).refuseDisbursement;
    expect(refused).toMatchObject({
      status: 'REFUSED',
      decidedById: officerA2Id,
      decisionReason: 'Vượt dự toán được giao, đề nghị giảm',
      myActions: { canPost: false },
    });
    const maker = as(roles.cookies.officerA);
    expect(await maker.error(POST, { id: pending.id, d: DAY })).toMatchObject({
      field: 'status',
      rule: 'refused',
    });
    const [refusal] = (await trail(pending.id)).filter((e) => e.new_values.status === 'REFUSED');
    expect(refusal).toMatchObject({
      actor_user_id: officerA2Id,
      new_values: { decision_reason: 'Vượt dự toán được giao, đề nghị giảm' },
    });

    // Lowered: back to planned, the refusal voided; submitted again, it waits once more.
    const lowered = (await maker.ok(UPDATE, { id: pending.id, q: 1, u: 11_000_000, a: 11_000_000 }))
      .updateDisbursement;
    expect(lowered).toMatchObject({ status: 'PLANNED', decidedById: null, decisionReason: null });
    expect((await maker.ok(SUBMIT, { id: pending.id })).submitDisbursement.status).toBe(
      'PENDING_APPROVAL',
    );
  });

  it('goes back to planned, its approval voided, when its amount, fund or purpose changes; other changes keep it', async () => {
    const maker = as(roles.cookies.officerA);
    const second = as(officerA2);
    const approve = async (id: string) => second.ok(APPROVE, { id });

    const a = await submitted(roles.cookies.officerA);
    await approve(a.id);
    const described = (await maker.ok(UPDATE, { id: a.id, desc: 'Chi thử duyệt (sửa diễn giải)' }))
      .updateDisbursement;
    expect(described).toMatchObject({ status: 'APPROVED', decidedById: officerA2Id });
    const raised = (await maker.ok(UPDATE, { id: a.id, q: 2, u: 6_500_000, a: 13_000_000 }))
      .updateDisbursement;
    expect(raised).toMatchObject({
      status: 'PLANNED',
      submittedById: null,
      submittedAt: null,
      decidedById: null,
      decidedAt: null,
      revisedById: roles.userIds.officerA,
    });
    expect(await maker.error(POST, { id: a.id, d: DAY })).toMatchObject({
      rule: 'approvalRequired',
    });
    const voided = (await trail(a.id)).find(
      (e) => e.new_values.status === 'PLANNED' && e.operation === 'UPDATE',
    );
    expect(voided?.changed_fields).toEqual(expect.arrayContaining(['amount', 'decided_by_id']));

    const b = await submitted(roles.cookies.officerA);
    expect(
      (await maker.ok(UPDATE, { id: b.id, p: 'POOR_PUPIL_GIFTS' })).updateDisbursement.status,
    ).toBe('PLANNED');

    const c = await submitted(roles.cookies.officerA);
    await approve(c.id);
    // Moved to another fund of the scope (the admin may): another disbursement, to approve again.
    const moved = (await as(roles.cookies.admin).ok(UPDATE, { id: c.id, f: fundB }))
      .updateDisbursement;
    expect(moved).toMatchObject({ status: 'PLANNED', revisedById: roles.userIds.admin });
  });

  it('counts whoever changed its amount as a maker: that person cannot approve it', async () => {
    const made = await make(roles.cookies.officerA, 12_000_000);
    await as(officerA2).ok(UPDATE, { id: made.id, q: 1, u: 14_000_000, a: 14_000_000 });
    await as(roles.cookies.officerA).ok(SUBMIT, { id: made.id });
    expect(await as(officerA2).error(APPROVE, { id: made.id })).toMatchObject({
      field: 'approvedBy',
      rule: 'notMaker',
    });
    expect(
      (await as(roles.cookies.admin).ok(APPROVE, { id: made.id })).approveDisbursement.status,
    ).toBe('APPROVED');
  });
});

describe('who may decide', () => {
  it('an officer of another agency does not find it; group members, analysts and viewers may not', async () => {
    const pending = await submitted(roles.cookies.officerA);
    expect(await as(roles.cookies.officerB).error(APPROVE, { id: pending.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await as(roles.cookies.officerB).error(REFUSE, { id: pending.id, r: 'Không thuộc quỹ' }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await as(roles.cookies.officerB).error(SUBMIT, { id: pending.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const who of ['memberA', 'analyst', 'viewer'] as const) {
      const caller = as(roles.cookies[who]);
      expect(await caller.error(APPROVE, { id: pending.id }), who).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(
        await caller.error(REFUSE, { id: pending.id, r: 'Không được phép' }),
        who,
      ).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await caller.error(SUBMIT, { id: pending.id }), who).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    // An analyst reads it and sees no button.
    expect(
      (await as(roles.cookies.analyst).ok(GET, { id: pending.id })).Disbursement,
    ).toMatchObject({
      status: 'PENDING_APPROVAL',
      myActions: { canDecide: false, canSubmit: false, canPost: false },
    });
    expect(await as(roles.cookies.admin).error(APPROVE, { id: 'not-a-uuid' })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await as(roles.cookies.admin).ok(GET, { id: pending.id })).Disbursement.status).toBe(
      'PENDING_APPROVAL',
    );
  });

  it('lists the queue of the user’s scope: an officer sees their agency’s, an administrator every one', async () => {
    const mine = await submitted(roles.cookies.officerA);
    // Agency B's fund: its own officer makes and submits.
    const made = await make(roles.cookies.officerB, 11_000_000, fundB);
    const theirs = (await as(roles.cookies.officerB).ok(SUBMIT, { id: made.id }))
      .submitDisbursement;
    const QUEUE = `{ allDisbursements(filter: { status: PENDING_APPROVAL }, perPage: 100) { id fundId } }`;
    const ids = async (cookie: string) =>
      ((await as(cookie).ok(QUEUE)).allDisbursements as { id: string; fundId: string }[]).map(
        (d) => d.id,
      );
    const officerA = await ids(roles.cookies.officerA);
    expect(officerA).toContain(mine.id);
    expect(officerA).not.toContain(theirs.id);
    const admin = await ids(roles.cookies.admin);
    expect(admin).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});

describe('concurrency', () => {
  it('takes exactly one decision when approvals and refusals of one disbursement arrive at once', async () => {
    const { cookie: admin2 } = await signIn(Role.ADMIN, null as never);
    for (let round = 0; round < 3; round++) {
      const pending = await submitted(roles.cookies.officerA);
      const calls = [
        as(officerA2).call(APPROVE, { id: pending.id, r: 'Đồng ý 1' }),
        as(roles.cookies.admin).call(REFUSE, { id: pending.id, r: 'Từ chối đồng thời' }),
        as(admin2).call(APPROVE, { id: pending.id, r: 'Đồng ý 2' }),
        as(officerA2).call(REFUSE, { id: pending.id, r: 'Từ chối lần hai' }),
        as(roles.cookies.admin).call(APPROVE, { id: pending.id }),
      ];
      const responses = await Promise.all(calls);
      const succeeded = responses.filter((r) => !r.body.errors);
      expect(succeeded).toHaveLength(1);
      for (const failed of responses.filter((r) => r.body.errors)) {
        expect(failed.status).toBeLessThan(500);
        expect(failed.body.errors![0]!.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'status',
          rule: 'notPending',
        });
      }
      const decisions = (await trail(pending.id)).filter((e) =>
        ['APPROVED', 'REFUSED'].includes(String(e.new_values.status)),
      );
      expect(decisions).toHaveLength(1);
    }
  });

  it('posts an approved disbursement once when it is posted several times at once', async () => {
    const pending = await submitted(roles.cookies.officerA, 13_000_000);
    await as(officerA2).ok(APPROVE, { id: pending.id });
    const balance = async () =>
      Number(
        (
          await as(roles.cookies.admin).ok('query ($f: ID!) { fundBalance(fundId: $f) }', {
            f: fundA,
          })
        ).fundBalance,
      );
    const before = await balance();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        as(i % 2 ? officerA2 : roles.cookies.officerA).call(POST, { id: pending.id, d: DAY }),
      ),
    );
    expect(responses.filter((r) => !r.body.errors)).toHaveLength(1);
    for (const failed of responses.filter((r) => r.body.errors)) {
      expect(failed.status).toBeLessThan(500);
      expect(failed.body.errors![0]!.extensions).toMatchObject({ rule: 'alreadyPosted' });
    }
    expect(await balance()).toBe(before - 13_000_000);
    expect((await trail(pending.id)).filter((e) => e.new_values.status === 'POSTED')).toHaveLength(
      1,
    );
  });
});

describe('the database', () => {
  it('refuses, whoever connects, to post an unapproved disbursement above the threshold or to let a maker decide', async () => {
    const pending = await submitted(roles.cookies.officerA);
    await expect(
      app.db.query(
        `UPDATE disbursements SET status = 'POSTED', disbursed_date = '2015-03-02' WHERE id = $1`,
        [pending.id],
      ),
    ).rejects.toThrow(/approval threshold/);
    await expect(
      app.db.query(
        `UPDATE disbursements SET status = 'APPROVED', decided_by_id = submitted_by_id WHERE id = $1`,
        [pending.id],
      ),
    ).rejects.toThrow(/disbursements_decider_not_maker/);
  });
});
