/**
 * Vietnamese personal-data law (SECURITY.md D.21, F.34–F.36): reads of households' personal data are
 * logged so a breach can be reported within 72 hours, full citizen IDs are shown only to an
 * administrator who says why, never in logs or other answers, analysts get de-identified data, and
 * every household records the legal basis for processing it.
 */
import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { expectBadInput } from './support/mutations';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;
let villageId: string;
/** Households of the groups memberA sits in or leads (agency A's, so officerA reads them too). */
let memberHouseholds: string[];
/** The seeded person: a member of one of memberA's households, with a full citizen ID. */
let seeded: { memberId: string; householdId: string; citizenId: string };
let memberFields: string;
let householdFields: string;

type Who = keyof RoleFixture['cookies'];
const WHO: Who[] = ['admin', 'officerA', 'officerB', 'memberA', 'analyst', 'viewer'];

/** A fresh 12-digit citizen ID that no other test uses. */
const newCitizenId = () =>
  `0${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(100)).padStart(2, '0')}`;

const gql = <T = any>(who: Who, query: string, variables: Record<string, unknown> = {}) =>
  app.graphql<T>(query, variables, { cookie: roles.cookies[who] });

const codeOf = (response: GraphQLResponse<unknown>) => response.body.errors?.[0]?.extensions?.code;

async function lastAccessId(): Promise<string> {
  const [{ id }] = await app.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM access_log`);
  return id;
}

interface AccessRow {
  user_id: string;
  username: string;
  role: string;
  action: string;
  resource: string;
  record_ids: string[];
  household_ids: string[];
  reason: string | null;
}

async function accessSince(since: string): Promise<AccessRow[]> {
  return app.db.query(
    `SELECT user_id, username, role, action::text, resource, record_ids::text[] AS record_ids,
            household_ids::text[] AS household_ids, reason
       FROM access_log WHERE id > $1 ORDER BY id`,
    [since],
  );
}

const dbNow = async (): Promise<string> =>
  ((await app.db.query(`SELECT clock_timestamp() AS t`)) as { t: Date }[])[0]!.t.toISOString();

/** Every field of a type that takes no required argument and returns a scalar or an enum. */
async function scalarFields(type: string): Promise<string> {
  const data = dataOf(
    await gql(
      'admin',
      `query ($t: String!) { __type(name: $t) { fields { name args { type { kind } }
         type { kind ofType { kind ofType { kind ofType { kind } } } } } } }`,
      { t: type },
    ),
  );
  type T = { kind: string; ofType: T | null };
  const leaf = (t: T): string => (t.ofType ? leaf(t.ofType) : t.kind);
  return (data.__type.fields as { name: string; args: { type: { kind: string } }[]; type: T }[])
    .filter((f) => f.args.every((a) => a.type.kind !== 'NON_NULL'))
    .filter((f) => ['SCALAR', 'ENUM'].includes(leaf(f.type)))
    .map((f) => f.name)
    .join(' ');
}

async function createMember(householdId: string, citizenId: string, who: Who = 'admin') {
  return gql(
    who,
    `mutation ($h: ID!, $c: String) {
       createHouseholdMember(householdId: $h, fullName: "Nguyễn Thị Định Danh", relation: CHILD,
                             birthYear: 2001, citizenId: $c) { id citizenIdMasked }
     }`,
    { h: householdId, c: citizenId },
  );
}

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  const [village] = await app.db.query(
    `SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY name LIMIT 1`,
  );
  villageId = village.id;
  const memberHouseholdsNow = async () =>
    (
      (await app.db.query(
        `SELECT DISTINCT sgh.household_id AS id FROM support_group_households sgh
         JOIN support_groups g ON g.id = sgh.support_group_id
        WHERE g.leader_id = $1
           OR g.id IN (SELECT support_group_id FROM support_group_members WHERE staff_member_id = $1)
        ORDER BY 1`,
        [roles.agencyA.groupMemberStaffId],
      )) as { id: string }[]
    ).map((r) => r.id);
  // The demo group of memberA helps one household; it takes on two more of agency A's, so the
  // drill has several households to read while others of the agency stay out of memberA's reach.
  const [group] = await app.db.query(
    `SELECT support_group_id AS id FROM support_group_members WHERE staff_member_id = $1 LIMIT 1`,
    [roles.agencyA.groupMemberStaffId],
  );
  const initial = await memberHouseholdsNow();
  const outside = roles.agencyA.householdIds.filter((id) => !initial.includes(id));
  for (const id of outside.slice(0, 2))
    await app.db.query(
      `INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)`,
      [group.id, id],
    );
  memberHouseholds = await memberHouseholdsNow();
  expect(memberHouseholds.length).toBeGreaterThanOrEqual(3);
  expect(roles.agencyA.householdIds.some((id) => !memberHouseholds.includes(id))).toBe(true);
  const citizenId = newCitizenId();
  const householdId = memberHouseholds[0]!;
  const member = dataOf(await createMember(householdId, citizenId)).createHouseholdMember;
  seeded = { memberId: member.id, householdId, citizenId };
  memberFields = await scalarFields('HouseholdMember');
  householdFields = await scalarFields('Household');
  expect(memberFields).toContain('citizenIdMasked');
  expect(householdFields).toContain('headName');
});
afterAll(() => app?.close());

describe('the access log', () => {
  it('records who viewed a household, with its id', async () => {
    const id = memberHouseholds[0]!;
    const since = await lastAccessId();
    dataOf(
      await gql('officerA', `query ($id: ID!) { Household(id: $id) { id headName } }`, { id }),
    );
    const [officer] = await app.db.query(`SELECT username FROM users WHERE id = $1`, [
      roles.userIds.officerA,
    ]);
    expect(await accessSince(since)).toEqual([
      {
        user_id: roles.userIds.officerA,
        username: officer.username,
        role: 'AGENCY_OFFICER',
        action: 'READ',
        resource: 'Household',
        record_ids: [id],
        household_ids: [id],
        reason: null,
      },
    ]);
  });

  it('records every household of a list, and the households of listed members', async () => {
    const since = await lastAccessId();
    const households = dataOf(await gql('memberA', `{ allHouseholds(perPage: 50) { id } }`))
      .allHouseholds as { id: string }[];
    const members = dataOf(
      await gql('memberA', `{ allHouseholdMembers(perPage: 50) { id householdId } }`),
    ).allHouseholdMembers as { id: string; householdId: string }[];
    expect(households.map((h) => h.id).sort()).toEqual(memberHouseholds);
    expect(members.length).toBeGreaterThan(0);
    const rows = await accessSince(since);
    expect(rows.map((r) => [r.user_id, r.action, r.resource])).toEqual([
      [roles.userIds.memberA, 'READ', 'Household'],
      [roles.userIds.memberA, 'READ', 'HouseholdMember'],
    ]);
    expect([...rows[0]!.record_ids].sort()).toEqual(memberHouseholds);
    expect([...rows[0]!.household_ids].sort()).toEqual(memberHouseholds);
    expect([...rows[1]!.record_ids].sort()).toEqual(members.map((m) => m.id).sort());
    expect([...rows[1]!.household_ids].sort()).toEqual(
      [...new Set(members.map((m) => m.householdId))].sort(),
    );
  });

  it('logs a page of more than 100 rows as an EXPORT, and 100 as a READ', async () => {
    const since = await lastAccessId();
    dataOf(await gql('officerA', `{ allHouseholds(perPage: 1000) { id } }`));
    dataOf(await gql('officerA', `{ allHouseholds(perPage: 100) { id } }`));
    const rows = await accessSince(since);
    expect(rows.map((r) => [r.action, r.resource, r.household_ids.length])).toEqual([
      ['EXPORT', 'Household', roles.agencyA.householdIds.length],
      ['READ', 'Household', roles.agencyA.householdIds.length],
    ]);
  });

  it('logs one row per resource of an answer, each with its own action, in one statement', async () => {
    const since = await lastAccessId();
    app.queries.length = 0;
    const households = dataOf(
      await gql('officerA', `{ allHouseholds(perPage: 1000) { id members { id householdId } } }`),
    ).allHouseholds as { id: string; members: { id: string; householdId: string }[] }[];
    const members = households.flatMap((h) => h.members);
    expect(members.length).toBeGreaterThan(0);
    const rows = await accessSince(since);
    // The page asked for 1,000 rows: an export of households, whatever their number; the members
    // shown with them are an export when more than 100.
    expect(rows.map((r) => [r.action, r.resource])).toEqual([
      ['EXPORT', 'Household'],
      [members.length > 100 ? 'EXPORT' : 'READ', 'HouseholdMember'],
    ]);
    expect([...rows[1]!.record_ids].sort()).toEqual(members.map((m) => m.id).sort());
    expect([...rows[1]!.household_ids].sort()).toEqual(
      [...new Set(members.map((m) => m.householdId))].sort(),
    );
    expect(app.queries.filter((sql) => /INSERT INTO access_log/.test(sql))).toHaveLength(1);
  });

  it('logs the household of a record shown only by its id', async () => {
    const [visit] = (await app.db.query(
      `SELECT a.visit_id AS id, v.household_id FROM aspirations a JOIN visits v ON v.id = a.visit_id LIMIT 1`,
    )) as { id: string; household_id: string }[];
    expect(visit, 'the demo has an aspiration raised at a visit').toBeDefined();
    const since = await lastAccessId();
    dataOf(await gql('admin', `{ allAspirations(perPage: 1000) { id visit { id } } }`));
    const visits = (await accessSince(since)).find((row) => row.resource === 'Visit');
    expect(visits?.record_ids).toContain(visit!.id);
    expect(visits?.household_ids).toContain(visit!.household_id);
  });

  it('shows the administrator the entries of one household', async () => {
    const id = memberHouseholds[1]!;
    dataOf(await gql('analyst', `query ($id: ID!) { Household(id: $id) { id } }`, { id }));
    const entries = dataOf(
      await gql(
        'admin',
        `query ($h: ID!, $u: ID!) {
           allAccessLogEntries(perPage: 100, filter: { householdId: $h, userId: $u }) {
             userId role action resource householdIds
           }
         }`,
        { h: id, u: roles.userIds.analyst },
      ),
    ).allAccessLogEntries;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e).toMatchObject({ userId: roles.userIds.analyst, role: 'ANALYST' });
      expect(e.householdIds).toContain(id);
    }
  });
});

describe('the breach drill', () => {
  it('lists exactly the households a compromised account read between T1 and T2, with a Vietnamese notification', async () => {
    const [h1, h2, ...rest] = memberHouseholds;
    // A household only officerA reads: another of agency A's, or failing that one of agency B's.
    const outsideA = roles.agencyA.householdIds.find((id) => !memberHouseholds.includes(id));
    const officerOnly = outsideA ?? roles.agencyB.householdIds[0]!;
    const officer = outsideA ? 'officerA' : 'officerB';
    // Before T1: not in the report.
    dataOf(
      await gql('memberA', `query ($id: ID!) { Household(id: $id) { id } }`, { id: rest[0] ?? h2 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const t1 = await dbNow();
    dataOf(
      await gql('memberA', `query ($id: ID!) { Household(id: $id) { id headName } }`, { id: h1 }),
    );
    dataOf(
      await gql('memberA', `query ($ids: [ID!]) { allHouseholds(filter: { ids: $ids }) { id } }`, {
        ids: [h1, h2],
      }),
    );
    dataOf(
      await gql(officer, `query ($id: ID!) { Household(id: $id) { id } }`, { id: officerOnly }),
    );
    const t2 = await dbNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // After T2: not in the report either.
    dataOf(await gql('memberA', `{ allHouseholds(perPage: 50) { id } }`));

    const report = dataOf(
      await gql(
        'admin',
        `query ($u: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
           breachReport(userId: $u, from: $from, to: $to) {
             username accessCount exportCount revealCount notificationText
             households { householdId headName villageName reads firstReadAt lastReadAt }
           }
         }`,
        { u: roles.userIds.memberA, from: t1, to: t2 },
      ),
    ).breachReport;
    const [member] = await app.db.query(`SELECT username FROM users WHERE id = $1`, [
      roles.userIds.memberA,
    ]);
    const heads = (await app.db.query(
      `SELECT id, head_name FROM households WHERE id = ANY ($1::uuid[])`,
      [[h1, h2]],
    )) as { id: string; head_name: string }[];
    expect(report).toMatchObject({
      username: member.username,
      accessCount: 2,
      exportCount: 0,
      revealCount: 0,
    });
    expect(report.households.map((h: { householdId: string }) => h.householdId).sort()).toEqual(
      [h1, h2].sort(),
    );
    expect(report.households.map((h: { householdId: string }) => h.householdId)).not.toContain(
      officerOnly,
    );
    for (const h of report.households) {
      expect(h.headName).toBe(heads.find((x) => x.id === h.householdId)!.head_name);
      expect(h.villageName).toEqual(expect.any(String));
      expect(h.reads).toBe(h.householdId === h1 ? 2 : 1);
      expect(Date.parse(h.firstReadAt)).toBeGreaterThanOrEqual(Date.parse(t1));
      expect(Date.parse(h.lastReadAt)).toBeLessThanOrEqual(Date.parse(t2));
    }
    const text: string = report.notificationText;
    expect(text).toMatch(/THÔNG BÁO/);
    expect(text).toMatch(/Bộ Công an/);
    expect(text).toContain(member.username);
    expect(text).toContain('liên quan đến 2 hộ gia đình');
    expect(text).toContain('2 lần');

    // The officer's own report over the same window names the officer's household, not memberA's.
    const other = dataOf(
      await gql(
        'admin',
        `query ($u: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
           breachReport(userId: $u, from: $from, to: $to) { households { householdId } }
         }`,
        { u: roles.userIds[officer], from: t1, to: t2 },
      ),
    ).breachReport;
    expect(other.households).toEqual([{ householdId: officerOnly }]);
  });

  it('refuses a window that ends before it starts', async () => {
    const response = await gql(
      'admin',
      `query ($u: ID!) { breachReport(userId: $u, from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z") { username } }`,
      { u: roles.userIds.memberA },
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
  });
});

const REVEAL = `mutation ($id: ID!, $reason: String!) {
  revealCitizenId(householdMemberId: $id, reason: $reason) { householdMemberId citizenId legacyIdNumber }
}`;

describe('revealing a citizen ID', () => {
  it('shows the full number to an administrator and logs who, which and why', async () => {
    const since = await lastAccessId();
    const reason = 'Đối chiếu hồ sơ vay vốn với Ngân hàng Chính sách xã hội';
    const response = await gql('admin', REVEAL, { id: seeded.memberId, reason });
    expect(dataOf(response).revealCitizenId).toEqual({
      householdMemberId: seeded.memberId,
      citizenId: seeded.citizenId,
      legacyIdNumber: null,
    });
    expect(await accessSince(since)).toEqual([
      expect.objectContaining({
        user_id: roles.userIds.admin,
        role: 'ADMIN',
        action: 'REVEAL',
        resource: 'HouseholdMember',
        record_ids: [seeded.memberId],
        household_ids: [seeded.householdId],
        reason,
      }),
    ]);
  });

  it.each(['officerA', 'memberA', 'analyst', 'viewer'] as const)(
    'is FORBIDDEN to %s and logs nothing',
    async (who) => {
      const since = await lastAccessId();
      const response = await gql(who, REVEAL, { id: seeded.memberId, reason: 'Cần xem số đầy đủ' });
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.body.data ?? null).toBeNull();
      expect(JSON.stringify(response.body)).not.toContain(seeded.citizenId);
      expect(await accessSince(since)).toEqual([]);
    },
  );

  it.each(['', '   ', 'vì'])('requires a reason (refuses %j) and logs nothing', async (reason) => {
    const since = await lastAccessId();
    const response = await gql('admin', REVEAL, { id: seeded.memberId, reason });
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(JSON.stringify(response.body)).not.toContain(seeded.citizenId);
    expect(await accessSince(since)).toEqual([]);
  });
});

describe('full citizen IDs in answers', () => {
  it("appear in no role's member or household answers, only in the administrator's reveal", async () => {
    const queries = [
      `{ allHouseholdMembers(perPage: 1000) { ${memberFields} household { ${householdFields} } } }`,
      `query ($m: ID!) { HouseholdMember(id: $m) { ${memberFields} } }`,
      `{ allHouseholds(perPage: 1000) { ${householdFields} members { ${memberFields} } } }`,
      `query ($h: ID!) { Household(id: $h) { ${householdFields} members { ${memberFields} } } }`,
      `query ($h: ID!) { allHouseholdMembers(filter: { householdId: $h }) { ${memberFields} } }`,
    ];
    const masks: Record<string, Set<string>> = {};
    for (const who of WHO) {
      masks[who] = new Set();
      for (const query of queries) {
        const response = await gql(who, query, { m: seeded.memberId, h: seeded.householdId });
        const text = JSON.stringify(response.body);
        expect(text, `${who}: ${query.slice(0, 60)}`).not.toContain(seeded.citizenId);
        for (const match of text.matchAll(/"citizenIdMasked":"([^"]*)"/g))
          masks[who].add(match[1]!);
      }
    }
    const partial = `${seeded.citizenId[0]}${'*'.repeat(10)}${seeded.citizenId[11]}`;
    for (const who of ['admin', 'officerA', 'memberA'] as const)
      expect([...masks[who]!], who).toEqual([partial]);
    expect([...masks.analyst!]).toEqual(['*'.repeat(12)]);
    expect([...masks.officerB!]).toEqual([]);
    expect([...masks.viewer!]).toEqual([]);

    // Only the reveal shows it, to the administrator.
    const revealed = await gql('admin', REVEAL, {
      id: seeded.memberId,
      reason: 'Xác minh nhân thân khi cấp quà Tết',
    });
    expect(JSON.stringify(revealed.body)).toContain(seeded.citizenId);
  });

  it('are refused (write-only) when asked for by name', async () => {
    const response = await gql(
      'admin',
      `query ($m: ID!) { HouseholdMember(id: $m) { citizenId } }`,
      { m: seeded.memberId },
    );
    expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toContain(seeded.citizenId);
  });
});

describe('server logs', () => {
  const original = process.env.LOG_LEVEL;
  afterEach(() => {
    vi.restoreAllMocks();
    if (original === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = original;
  });

  it('never contain a citizen ID after writing, reading and failing duplicate inserts', async () => {
    const captured: string[] = [];
    const capture =
      (write: (...args: any[]) => boolean) =>
      (chunk: unknown, ...rest: any[]) => {
        captured.push(String(chunk));
        return write(...([chunk, ...rest] as [any]));
      };
    const stdout = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout) as never);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture(() => true) as never);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        captured.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    // Everything the server would log in production, and more.
    process.env.LOG_LEVEL = 'debug';

    const citizenId = newCitizenId();
    const householdId = memberHouseholds[1]!;
    // Write.
    const created = dataOf(await createMember(householdId, citizenId, 'officerA'))
      .createHouseholdMember as { id: string };
    // Read, as each role that may.
    for (const who of ['admin', 'officerA', 'memberA', 'analyst'] as const) {
      dataOf(
        await gql(who, `query ($m: ID!) { HouseholdMember(id: $m) { ${memberFields} } }`, {
          m: created.id,
        }),
      );
      dataOf(await gql(who, `{ allHouseholdMembers(perPage: 1000) { ${memberFields} } }`));
    }
    // A duplicate, refused by the server's own check.
    const duplicate = await createMember(householdId, citizenId, 'admin');
    expectBadInput(duplicate, 'citizenId', 'unique');
    expect(JSON.stringify(duplicate.body)).not.toContain(citizenId);
    // Two concurrent creates of a new number: the second waits for the first, then is refused.
    const raced = newCitizenId();
    const pair = await Promise.all([
      createMember(householdId, raced, 'admin'),
      createMember(householdId, raced, 'officerA'),
    ]);
    expect(pair.filter((r) => r.body.data?.createHouseholdMember)).toHaveLength(1);
    for (const r of pair) expect(JSON.stringify(r.body)).not.toContain(raced);
    // An insert straight through the app's pool that PostgreSQL refuses (no name) is reported by
    // the SQL logger: the statement may be logged, its parameters (the ID among them) must not be.
    const runner = app.appDb.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `SELECT set_config('app.role', 'ADMIN', true), set_config('app.user_id', $1, true)`,
        [roles.userIds.admin],
      );
      await expect(
        runner.query(
          `INSERT INTO household_members (household_id, full_name, relation, citizen_id)
           VALUES ($1, NULL, 'CHILD', $2)`,
          [householdId, citizenId],
        ),
      ).rejects.toThrow(/full_name/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    process.env.LOG_LEVEL = original ?? '';
    vi.restoreAllMocks();

    const logs = captured.join('\n');
    // The capture works: the failed insert was logged.
    expect(logs).toContain('query failed');
    expect(logs).toContain('INSERT INTO household_members');
    for (const secret of [citizenId, raced, seeded.citizenId]) expect(logs).not.toContain(secret);
  });
});

describe('legal basis for processing', () => {
  const CREATE = `mutation ($v: ID!, $h: String!, $basis: LegalBasis, $date: LocalDate, $method: ConsentMethod,
                           $notice: String, $evidence: String) {
    createHousehold(villageId: $v, headName: $h, legalBasis: $basis, consentDate: $date,
                    consentMethod: $method, consentNoticeVersion: $notice, consentEvidence: $evidence) {
      id legalBasis consentDate consentMethod consentNoticeVersion consentEvidence
    }
  }`;
  const consent = {
    basis: 'CONSENT',
    date: '2025-03-15',
    method: 'WRITTEN',
    notice: 'TB-68/2025 v1',
    evidence: 'Hồ sơ số 12/2025, lưu tại UBND xã',
  };
  const countHouseholds = async () =>
    Number((await app.db.query(`SELECT count(*)::int AS n FROM households`))[0].n);

  it('is recorded on every household, and the database requires it', async () => {
    const [column] = await app.db.query(
      `SELECT is_nullable, column_default FROM information_schema.columns
        WHERE table_name = 'households' AND column_name = 'legal_basis'`,
    );
    expect(column.is_nullable).toBe('NO');
    const [{ missing, total }] = await app.db.query(
      `SELECT count(*) FILTER (WHERE legal_basis IS NULL)::int AS missing, count(*)::int AS total FROM households`,
    );
    expect(total).toBeGreaterThan(0);
    expect(missing).toBe(0);
    await expect(
      app.db.query(
        `INSERT INTO households (village_id, head_name, legal_basis) VALUES ($1, 'Không cơ sở', NULL)`,
        [villageId],
      ),
    ).rejects.toThrow(/null value in column "legal_basis"/);
  });

  it('defaults to the statutory duty when none is given', async () => {
    const created = dataOf(
      await gql('officerA', CREATE, { v: villageId, h: 'Hộ theo nhiệm vụ luật định' }),
    ).createHousehold;
    expect(created).toMatchObject({ legalBasis: 'STATUTORY_DUTY', consentDate: null });
    const [row] = await app.db.query(`SELECT legal_basis FROM households WHERE id = $1`, [
      created.id,
    ]);
    expect(row.legal_basis).toBe('STATUTORY_DUTY');
  });

  it.each([
    ['consentDate', 'date'],
    ['consentMethod', 'method'],
    ['consentNoticeVersion', 'notice'],
  ] as const)('refuses consent without %s, naming the field', async (field, key) => {
    const before = await countHouseholds();
    const response = await gql('officerA', CREATE, {
      v: villageId,
      h: 'Hộ đồng ý thiếu thông tin',
      ...consent,
      [key]: null,
    });
    expectBadInput(response, field, 'requiredForConsent');
    expect(await countHouseholds()).toBe(before);
  });

  it('refuses bare consent naming all three fields', async () => {
    const response = await gql('admin', CREATE, {
      v: villageId,
      h: 'Hộ im lặng',
      basis: 'CONSENT',
    });
    expect(response.body.data ?? null).toBeNull();
    const violations = response.body.errors?.[0]?.extensions?.violations ?? [];
    expect(violations.map((v) => [v.field, v.rule]).sort()).toEqual([
      ['consentDate', 'requiredForConsent'],
      ['consentMethod', 'requiredForConsent'],
      ['consentNoticeVersion', 'requiredForConsent'],
    ]);
  });

  it('refuses switching an existing household to consent without the details', async () => {
    const id = memberHouseholds[0]!;
    const response = await gql(
      'officerA',
      `mutation ($id: ID!) { updateHousehold(id: $id, legalBasis: CONSENT) { id } }`,
      { id },
    );
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'requiredForConsent',
    });
    const [row] = await app.db.query(`SELECT legal_basis FROM households WHERE id = $1`, [id]);
    expect(row.legal_basis).toBe('STATUTORY_DUTY');
  });

  it('stores complete consent with its date, method, notice version and evidence', async () => {
    const created = dataOf(
      await gql('officerA', CREATE, { v: villageId, h: 'Hộ đồng ý đầy đủ', ...consent }),
    ).createHousehold;
    expect(created).toMatchObject({
      legalBasis: 'CONSENT',
      consentDate: consent.date,
      consentMethod: consent.method,
      consentNoticeVersion: consent.notice,
      consentEvidence: consent.evidence,
    });
    const [row] = await app.db.query(
      `SELECT legal_basis, to_char(consent_date, 'YYYY-MM-DD') AS consent_date, consent_method,
              consent_notice_version, consent_evidence FROM households WHERE id = $1`,
      [created.id],
    );
    expect(row).toEqual({
      legal_basis: 'CONSENT',
      consent_date: consent.date,
      consent_method: consent.method,
      consent_notice_version: consent.notice,
      consent_evidence: consent.evidence,
    });
  });

  it('the database itself refuses consent without its details', async () => {
    await expect(
      app.db.query(
        `INSERT INTO households (village_id, head_name, legal_basis, consent_method, consent_notice_version)
         VALUES ($1, 'Hộ chèn thẳng', 'CONSENT', 'WRITTEN', 'v1')`,
        [villageId],
      ),
    ).rejects.toThrow(/households_consent_complete/);
  });
});

describe('de-identified data for analysts', () => {
  it('shows an analyst initials and hides free text, while the administrator sees it all', async () => {
    const created = dataOf(
      await gql(
        'admin',
        `mutation ($v: ID!, $o: ID) {
           createHousehold(villageId: $v, organizationId: $o, headName: "Nguyễn Văn An",
             address: "12 Lê Lợi", circumstances: "Mẹ ốm lâu năm", notes: "Cần hỗ trợ nhà ở",
             legalBasis: CONSENT, consentDate: "2025-02-01", consentMethod: ELECTRONIC,
             consentNoticeVersion: "v2", consentEvidence: "Biên bản 7/2025") { id }
         }`,
        { v: villageId, o: roles.agencyA.organizationId },
      ),
    ).createHousehold as { id: string };
    const member = dataOf(
      await gql(
        'admin',
        `mutation ($h: ID!, $c: String!) {
           createHouseholdMember(householdId: $h, fullName: "Trần Thị Bích Đào", relation: SPOUSE,
                                 citizenId: $c) { id }
         }`,
        { h: created.id, c: newCitizenId() },
      ),
    ).createHouseholdMember as { id: string };
    const QUERY = `query ($id: ID!, $m: ID!) {
      Household(id: $id) { headName address circumstances notes consentEvidence legalBasis consentNoticeVersion
                           members { fullName citizenIdMasked } }
      allHouseholds(filter: { ids: [$id] }) { headName address circumstances notes consentEvidence }
      HouseholdMember(id: $m) { fullName citizenIdMasked }
      allHouseholdMembers(filter: { householdId: $id }) { fullName citizenIdMasked }
    }`;
    const asAdmin = dataOf(await gql('admin', QUERY, { id: created.id, m: member.id }));
    const asAnalyst = dataOf(await gql('analyst', QUERY, { id: created.id, m: member.id }));
    expect(asAdmin.Household).toMatchObject({
      headName: 'Nguyễn Văn An',
      address: '12 Lê Lợi',
      circumstances: 'Mẹ ốm lâu năm',
      notes: 'Cần hỗ trợ nhà ở',
      consentEvidence: 'Biên bản 7/2025',
      members: [
        { fullName: 'Trần Thị Bích Đào', citizenIdMasked: expect.stringMatching(/^\d\*{10}\d$/) },
      ],
    });
    const hidden = {
      headName: 'N. V. A.',
      address: null,
      circumstances: null,
      notes: null,
      consentEvidence: null,
    };
    expect(asAnalyst.Household).toEqual({
      ...hidden,
      legalBasis: 'CONSENT',
      consentNoticeVersion: 'v2',
      members: [{ fullName: 'T. T. B. Đ.', citizenIdMasked: '*'.repeat(12) }],
    });
    expect(asAnalyst.allHouseholds).toEqual([hidden]);
    const maskedMember = { fullName: 'T. T. B. Đ.', citizenIdMasked: '*'.repeat(12) };
    expect(asAnalyst.HouseholdMember).toEqual(maskedMember);
    expect(asAnalyst.allHouseholdMembers).toEqual([maskedMember]);
  });

  it('refuses an analyst searching or sorting by what the mask hides, so a search cannot confirm a name', async () => {
    const name = (
      dataOf(await gql('admin', '{ allHouseholds(perPage: 1) { headName } }')) as {
        allHouseholds: { headName: string }[];
      }
    ).allHouseholds[0]!.headName;
    const search = `query ($q: String) { allHouseholds(filter: { q: $q }) { id } _allHouseholdsMeta(filter: { q: $q }) { count } }`;
    const byAdmin = dataOf(await gql('admin', search, { q: name }));
    expect(byAdmin._allHouseholdsMeta.count).toBeGreaterThan(0);
    const byAnalyst = await gql('analyst', search, { q: name });
    expect(byAnalyst.body.data).toBeNull();
    expect(byAnalyst.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'maskedSearch',
    });
    const members = await gql('analyst', `{ allHouseholdMembers(filter: { q: "Nguyễn" }) { id } }`);
    expect(codeOf(members)).toBe('FORBIDDEN');
    const sorted = await gql('analyst', `{ allHouseholds(sortField: "headName") { id } }`);
    expect(sorted.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sortField',
    });
    // The plain list still works, ordered by something the analyst may see.
    const plain = dataOf(await gql('analyst', `{ allHouseholds(perPage: 5) { id headName } }`));
    expect(plain.allHouseholds.length).toBeGreaterThan(0);
  });

  it('does not list households for an analyst in the order of their real head names', async () => {
    // Created in an order that is neither the names' nor its reverse, so the default order of
    // the list (which an analyst sees next to initials only) cannot follow the real names
    // without showing it.
    const names = [
      'Đặng Văn Thứ Tự (mẫu)',
      'Hoàng Thị Thứ Tự (mẫu)',
      'Bùi Văn Thứ Tự (mẫu)',
      'Lê Thị Thứ Tự (mẫu)',
      'Cao Văn Thứ Tự (mẫu)',
      'Giang Thị Thứ Tự (mẫu)',
      'An Văn Thứ Tự (mẫu)',
      'Kim Thị Thứ Tự (mẫu)',
    ];
    const ids: string[] = [];
    for (const headName of names) {
      const created = dataOf(
        await gql(
          'admin',
          `mutation ($v: ID!, $o: ID, $h: String!) {
             createHousehold(villageId: $v, organizationId: $o, headName: $h) { id }
           }`,
          { v: villageId, o: roles.agencyA.organizationId, h: headName },
        ),
      ).createHousehold as { id: string };
      ids.push(created.id);
    }
    const LIST = `query ($ids: [ID!]) { allHouseholds(filter: { ids: $ids }, perPage: 100) { id headName } }`;
    // The real names' order, as the administrator's default list shows it (Vietnamese order).
    const byName = (
      dataOf(await gql('admin', LIST, { ids })).allHouseholds as { id: string }[]
    ).map((h) => h.id);
    const nameOrder = [6, 2, 4, 0, 5, 1, 7, 3].map((i) => ids[i]!);
    expect(byName).toEqual(nameOrder);
    expect(byName).not.toEqual(ids);

    const asAnalyst = dataOf(await gql('analyst', LIST, { ids })).allHouseholds as {
      id: string;
      headName: string;
    }[];
    const order = asAnalyst.map((h) => h.id);
    expect([...order].sort()).toEqual([...ids].sort());
    expect(asAnalyst.every((h) => !h.headName.includes('Thứ Tự'))).toBe(true);
    expect(order).not.toEqual(nameOrder);
    expect(order).not.toEqual([...nameOrder].reverse());
    // Page by page the same: the first page is not the first names either.
    const firstPage = dataOf(
      await gql(
        'analyst',
        `query ($ids: [ID!]) { allHouseholds(filter: { ids: $ids }, perPage: 3) { id } }`,
        { ids },
      ),
    ).allHouseholds.map((h: { id: string }) => h.id);
    expect(firstPage).toEqual(order.slice(0, 3));
  });

  it('hides free text about a household from an analyst: plan titles and goals, findings, aspirations', async () => {
    const QUERY = `{ allSupportPlans(perPage: 100) { title goals measures }
      allVisits(perPage: 100) { findings } allAspirations(perPage: 100) { content response } }`;
    const asAdmin = dataOf(await gql('admin', QUERY));
    const asAnalyst = dataOf(await gql('analyst', QUERY));
    // The demo plans are titled after their household's head ("… hộ Võ Văn Nam (mẫu)").
    expect(asAdmin.allSupportPlans.some((p: { title: string }) => p.title.includes('(mẫu)'))).toBe(
      true,
    );
    expect(asAnalyst.allSupportPlans.length).toBe(asAdmin.allSupportPlans.length);
    for (const plan of asAnalyst.allSupportPlans)
      expect(plan).toEqual({ title: '(đã ẩn)', goals: null, measures: null });
    for (const visit of asAnalyst.allVisits) expect(visit).toEqual({ findings: null });
    for (const aspiration of asAnalyst.allAspirations)
      expect(aspiration).toEqual({ content: '(đã ẩn)', response: null });
  });
});
