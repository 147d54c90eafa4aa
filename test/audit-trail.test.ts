/**
 * The audit trail (SECURITY.md D.20, D.25): a database trigger records every change with who made it
 * (from the request's transaction-local settings, or null for scripts), the app role cannot rewrite
 * the trail or the ledger, identity numbers never enter it, and only administrators read it.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;
let villageId: string;
let ownerUser: string;

interface AuditRow {
  id: string;
  table_name: string;
  record_id: string;
  operation: string;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  changed_fields: string[] | null;
  actor_user_id: string | null;
  actor_role: string | null;
  db_user: string;
  txid: string;
}

const HOUSEHOLD = 'id version notes address organizationId';

async function lastAuditId(): Promise<string> {
  const [{ id }] = await app.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`);
  return id;
}

/** Audit rows of one record written after `since`, oldest first. */
async function auditSince(recordId: string, since: string): Promise<AuditRow[]> {
  return app.db.query(
    `SELECT id::text, table_name, record_id, operation, old_values, new_values, changed_fields,
            actor_user_id, actor_role, db_user, txid::text
       FROM audit_log WHERE record_id = $1 AND id > $2 ORDER BY id`,
    [recordId, since],
  );
}

async function household(id: string, cookie = roles.cookies.admin) {
  return dataOf(
    await app.graphql(
      `query ($id: ID!) { Household(id: $id) { ${HOUSEHOLD} } }`,
      { id },
      { cookie },
    ),
  ).Household as { id: string; version: number; notes: string | null; address: string | null };
}

const updateHousehold = (cookie: string, vars: Record<string, unknown>) =>
  app.graphql(
    `mutation ($id: ID!, $version: Int, $notes: String, $address: String) {
       updateHousehold(id: $id, version: $version, notes: $notes, address: $address) { ${HOUSEHOLD} }
     }`,
    vars,
    { cookie },
  );

async function createHousehold(headName: string, organizationId: string): Promise<string> {
  const data = dataOf(
    await app.graphql(
      `mutation ($v: ID!, $h: String!, $o: ID) { createHousehold(villageId: $v, headName: $h, organizationId: $o) { id } }`,
      { v: villageId, h: headName, o: organizationId },
      { cookie: roles.cookies.admin },
    ),
  );
  return data.createHousehold.id as string;
}

const codeOf = (response: GraphQLResponse<unknown>) => response.body.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  const [village] = await app.db.query(
    `SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY name LIMIT 1`,
  );
  villageId = village.id;
  [{ user: ownerUser }] = await app.db.query(`SELECT session_user AS user`);
});
afterAll(() => app?.close());

describe('changes through the API', () => {
  it("an administrator's update writes one audit row with the actor and only the changed field", async () => {
    const id = roles.agencyB.householdIds[0]!;
    const before = await household(id);
    const since = await lastAuditId();
    const notes = `Ghi chú kiểm tra ${randomInt(1e9)}`;
    const updated = dataOf(
      await updateHousehold(roles.cookies.admin, { id, version: before.version, notes }),
    ).updateHousehold;
    expect(updated).toMatchObject({ notes, version: before.version + 1 });
    const rows = await auditSince(id, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      table_name: 'households',
      record_id: id,
      operation: 'UPDATE',
      changed_fields: ['notes'],
      old_values: { notes: before.notes },
      new_values: { notes },
      actor_user_id: roles.userIds.admin,
      actor_role: 'ADMIN',
      db_user: 'plan68_app',
    });
    // Nothing else of the request (its access log row, the session) touched the trail.
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE id > $1`, [
      since,
    ]);
    expect(n).toBe(1);
  });

  it("an officer's update names the officer and the role", async () => {
    const id = roles.agencyA.householdIds[0]!;
    const before = await household(id, roles.cookies.officerA);
    const since = await lastAuditId();
    const address = `Số ${randomInt(1000)} đường kiểm tra`;
    dataOf(await updateHousehold(roles.cookies.officerA, { id, version: before.version, address }));
    const rows = await auditSince(id, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      operation: 'UPDATE',
      changed_fields: ['address'],
      old_values: { address: before.address },
      new_values: { address },
      actor_user_id: roles.userIds.officerA,
      actor_role: 'AGENCY_OFFICER',
    });
  });

  it('a refused update writes no audit row', async () => {
    const id = roles.agencyB.householdIds[0]!;
    const since = await lastAuditId();
    const response = await updateHousehold(roles.cookies.officerA, { id, notes: 'không được' });
    expect(response.body.data ?? null).toBeNull();
    expect(await auditSince(id, since)).toEqual([]);
  });
});

describe('changes by scripts', () => {
  it('are recorded with no actor and the database user that ran them', async () => {
    const id = roles.agencyA.householdIds[1]!;
    const [old] = await app.db.query(`SELECT notes FROM households WHERE id = $1`, [id]);
    const since = await lastAuditId();
    await app.db.query(`UPDATE households SET notes = 'sửa bằng tay' WHERE id = $1`, [id]);
    const rows = await auditSince(id, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      operation: 'UPDATE',
      changed_fields: ['notes'],
      old_values: { notes: old.notes },
      new_values: { notes: 'sửa bằng tay' },
      actor_user_id: null,
      actor_role: null,
      db_user: ownerUser,
    });
    expect(ownerUser).not.toBe('plan68_app');
  });

  it('an update that changes nothing writes nothing', async () => {
    const id = roles.agencyA.householdIds[1]!;
    const since = await lastAuditId();
    await app.db.query(`UPDATE households SET notes = notes WHERE id = $1`, [id]);
    expect(await auditSince(id, since)).toEqual([]);
  });
});

describe('the app role cannot rewrite history', () => {
  /** Runs as the app role with an administrator's settings, so only grants (not RLS) can refuse. */
  async function asAdminApp(sql: string) {
    const runner = app.appDb.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `SELECT set_config('app.role', 'ADMIN', true), set_config('app.user_id', $1, true)`,
        [roles.userIds.admin],
      );
      return await runner.query(sql);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  const REFUSED: [string, string][] = [
    ['audit_log', `UPDATE audit_log SET operation = 'DELETE'`],
    ['audit_log', `DELETE FROM audit_log`],
    [
      'audit_log',
      `INSERT INTO audit_log (table_name, record_id, operation, db_user, txid) VALUES ('x', 'x', 'UPDATE', 'x', 1)`,
    ],
    ['access_log', `DELETE FROM access_log`],
    ['access_log', `UPDATE access_log SET reason = 'x'`],
    ['contributions', `DELETE FROM contributions`],
    ['contributions', `UPDATE contributions SET amount = 1`],
    ['donations', `DELETE FROM donations`],
  ];

  /** A table's row count and a digest of its whole content. */
  async function snapshot(table: string) {
    const [row] = await app.db.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
         FROM ${table} t`,
    );
    return row as { rows: number; digest: string };
  }

  /** A contribution an officer posted through the API, for the statements to have to refuse. */
  let posted: { id: string; actorId: string; staffMemberId: string; fundId: string };

  beforeAll(async () => {
    const agency = roles.agencyA.fundId ? 'A' : 'B';
    const fixture = agency === 'A' ? roles.agencyA : roles.agencyB;
    const officer = agency === 'A' ? 'officerA' : 'officerB';
    expect(fixture.fundId, 'one of the agencies keeps a fund').toBeTruthy();
    const staffMemberId = fixture.staffIds[0]!;
    const created = dataOf(
      await app.graphql(
        `mutation ($f: ID!, $s: ID!) {
           createContribution(fundId: $f, staffMemberId: $s, month: "2014-02-01", amount: 30000,
                              paidDate: "2014-02-10", note: "Nộp quỹ tháng 2") { id }
         }`,
        { f: fixture.fundId, s: staffMemberId },
        { cookie: roles.cookies[officer] },
      ),
    ).createContribution as { id: string };
    dataOf(
      await app.graphql(
        `mutation ($f: ID!) { createDonation(fundId: $f, donorKind: BUSINESS, donorName: "Doanh nghiệp thử",
           form: CASH, amount: 1000000, receivedDate: "2014-02-11") { id } }`,
        { f: fixture.fundId },
        { cookie: roles.cookies.admin },
      ),
    );
    posted = {
      id: created.id,
      actorId: roles.userIds[officer],
      staffMemberId,
      fundId: fixture.fundId!,
    };
  });

  it.each(REFUSED)('%s: %s is permission denied and changes nothing', async (table, sql) => {
    const before = await snapshot(table);
    // Rows the statement would have changed are there (a refusal of an empty table proves little).
    expect(before.rows).toBeGreaterThan(0);
    const denied = new RegExp(`permission denied for table ${table}`);
    await expect(app.appDb.query(sql)).rejects.toThrow(denied);
    await expect(asAdminApp(sql)).rejects.toThrow(denied);
    expect(await snapshot(table)).toEqual(before);
  });

  it("keeps a posted contribution's trail as written: who posted it, and its values, and nothing since", async () => {
    const rows = await auditSince(posted.id, '0');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      table_name: 'contributions',
      record_id: posted.id,
      operation: 'INSERT',
      old_values: null,
      changed_fields: null,
      actor_user_id: posted.actorId,
      actor_role: 'AGENCY_OFFICER',
      db_user: 'plan68_app',
      new_values: {
        id: posted.id,
        fund_id: posted.fundId,
        staff_member_id: posted.staffMemberId,
        month: '2014-02-01',
        amount: 30000,
        paid_date: '2014-02-10',
        note: 'Nộp quỹ tháng 2',
        reverses_id: null,
        posted_by_id: posted.actorId,
      },
    });
    // The administrator reads the same through the API.
    const entries = dataOf(
      await app.graphql(
        `query ($id: String!) { allAuditEntries(filter: { recordId: $id, tableName: "contributions" }) {
           operation actorUserId actorRole oldValues newValues } }`,
        { id: posted.id },
        { cookie: roles.cookies.admin },
      ),
    ).allAuditEntries as Record<string, any>[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operation: 'INSERT',
      actorUserId: posted.actorId,
      actorRole: 'AGENCY_OFFICER',
      oldValues: null,
      newValues: { amount: 30000, month: '2014-02-01', note: 'Nộp quỹ tháng 2' },
    });
    // And the entry itself is what was posted, after every refused rewrite above.
    const [stored] = await app.db.query(
      `SELECT amount::int, month::text, note FROM contributions WHERE id = $1`,
      [posted.id],
    );
    expect(stored).toEqual({ amount: 30000, month: '2014-02-01', note: 'Nộp quỹ tháng 2' });
  });
});

describe('identity numbers', () => {
  it('never enter the audit trail, whether inserted, changed or deleted', async () => {
    const householdId = roles.agencyA.householdIds[0]!;
    const citizenId = `0${String(randomInt(1e10)).padStart(10, '0')}7`;
    const nextCitizenId = `0${String(randomInt(1e10)).padStart(10, '0')}3`;
    const legacyId = String(randomInt(1e8, 1e9));
    const since = await lastAuditId();
    const created = dataOf(
      await app.graphql(
        `mutation ($h: ID!, $c: String!, $l: String!) {
           createHouseholdMember(householdId: $h, fullName: "Người thử định danh", relation: CHILD,
                                 citizenId: $c, legacyIdNumber: $l) { id version citizenIdMasked }
         }`,
        { h: householdId, c: citizenId, l: legacyId },
        { cookie: roles.cookies.admin },
      ),
    ).createHouseholdMember;
    expect(created.citizenIdMasked).toBe(`${citizenId[0]}${'*'.repeat(10)}${citizenId[11]}`);
    dataOf(
      await app.graphql(
        `mutation ($id: ID!, $c: String!) { updateHouseholdMember(id: $id, citizenId: $c) { id } }`,
        { id: created.id, c: nextCitizenId },
        { cookie: roles.cookies.officerA },
      ),
    );
    dataOf(
      await app.graphql(
        `mutation ($id: ID!) { deleteHouseholdMember(id: $id) { id } }`,
        { id: created.id },
        { cookie: roles.cookies.admin },
      ),
    );
    const rows = await auditSince(created.id, since);
    expect(rows.map((r) => r.operation)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    expect(rows[0]!.new_values).toMatchObject({ citizen_id: '***', legacy_id_number: '***' });
    expect(rows[1]).toMatchObject({
      changed_fields: ['citizen_id'],
      old_values: { citizen_id: '***' },
      new_values: { citizen_id: '***' },
    });
    expect(rows[2]!.old_values).toMatchObject({ citizen_id: '***', legacy_id_number: '***' });
    for (const secret of [citizenId, nextCitizenId, legacyId]) {
      const [{ n }] = await app.db.query(
        `SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE '%' || $1 || '%'`,
        [secret],
      );
      expect(n, `audit rows holding ${secret}`).toBe(0);
    }
    const history = await app.graphql(
      `query ($id: String!) { allAuditEntries(filter: { recordId: $id }) { oldValues newValues } }`,
      { id: created.id },
      { cookie: roles.cookies.admin },
    );
    const text = JSON.stringify(dataOf(history));
    expect(text).toContain('***');
    for (const secret of [citizenId, nextCitizenId, legacyId]) expect(text).not.toContain(secret);
  });

  it('password hashes never enter the audit trail', async () => {
    const [{ n }] = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE '%$argon2%'`,
    );
    expect(n).toBe(0);
    const [{ m }] = await app.db.query(
      `SELECT count(*)::int AS m FROM audit_log WHERE table_name = 'users' AND new_values ->> 'password_hash' = '***'`,
    );
    expect(m).toBeGreaterThan(0);
  });
});

describe('optimistic locking', () => {
  it('of two parallel edits from the same version exactly one succeeds and one audit row is written', async () => {
    const id = roles.agencyA.householdIds[2]!;
    const { version } = await household(id);
    const since = await lastAuditId();
    const responses = await Promise.all([
      updateHousehold(roles.cookies.admin, { id, version, notes: 'sửa song song 1' }),
      updateHousehold(roles.cookies.officerA, { id, version, notes: 'sửa song song 2' }),
    ]);
    const succeeded = responses.filter((r) => r.body.data?.updateHousehold);
    const refused = responses.filter((r) => r.body.errors?.length);
    expect(succeeded, JSON.stringify(responses.map((r) => r.body))).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body.data ?? null).toBeNull();
    expect(refused[0]!.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      rule: 'staleVersion',
    });
    const winner = succeeded[0]!.body.data!.updateHousehold as { notes: string; version: number };
    expect(winner.version).toBe(version + 1);
    const rows = await auditSince(id, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.new_values).toEqual({ notes: winner.notes });
    const [stored] = await app.db.query(`SELECT notes, version FROM households WHERE id = $1`, [
      id,
    ]);
    expect(stored).toEqual({ notes: winner.notes, version: version + 1 });
  });
});

describe('reading the trail', () => {
  it("lists a record's history newest first, with who made each change", async () => {
    const id = await createHousehold('Hộ lịch sử thay đổi', roles.agencyA.organizationId);
    let { version } = await household(id);
    dataOf(await updateHousehold(roles.cookies.officerA, { id, version, notes: 'bước 1' }));
    ({ version } = await household(id));
    dataOf(await updateHousehold(roles.cookies.admin, { id, version, address: 'bước 2' }));
    await app.db.query(`UPDATE households SET notes = 'bước 3' WHERE id = $1`, [id]);
    const [officer] = await app.db.query(`SELECT username FROM users WHERE id = $1`, [
      roles.userIds.officerA,
    ]);
    const response = await app.graphql(
      `query ($id: String!) {
         allAuditEntries(filter: { recordId: $id }) {
           id at tableName recordId operation changedFields actorUserId actorRole dbUser
           oldValues newValues actor { username }
         }
         _allAuditEntriesMeta(filter: { recordId: $id }) { count }
       }`,
      { id },
      { cookie: roles.cookies.admin },
    );
    const data = dataOf(response);
    const entries = data.allAuditEntries as {
      id: string;
      at: string;
      operation: string;
      changedFields: string[] | null;
      actorRole: string | null;
      actor: { username: string } | null;
      newValues: Record<string, unknown> | null;
    }[];
    expect(data._allAuditEntriesMeta.count).toBe(4);
    expect(
      entries.map((e) => [e.operation, e.changedFields, e.actorRole, e.actor?.username ?? null]),
    ).toEqual([
      ['UPDATE', ['notes'], null, null],
      ['UPDATE', ['address'], 'ADMIN', app.adminUsername],
      ['UPDATE', ['notes'], 'AGENCY_OFFICER', officer.username],
      ['INSERT', null, 'ADMIN', app.adminUsername],
    ]);
    expect(entries[0]!.newValues).toEqual({ notes: 'bước 3' });
    expect(entries[3]!.newValues).toMatchObject({ id, head_name: 'Hộ lịch sử thay đổi' });
    for (let i = 1; i < entries.length; i++) {
      expect(Date.parse(entries[i - 1]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[i]!.at));
      expect(BigInt(entries[i - 1]!.id) > BigInt(entries[i]!.id)).toBe(true);
    }
    const one = dataOf(
      await app.graphql(
        `query ($id: ID!) { AuditEntry(id: $id) { id recordId operation actor { username } } }`,
        { id: entries[1]!.id },
        { cookie: roles.cookies.admin },
      ),
    ).AuditEntry;
    expect(one).toEqual({
      id: entries[1]!.id,
      recordId: id,
      operation: 'UPDATE',
      actor: { username: app.adminUsername },
    });
  });

  it('filters by actor, table and operation', async () => {
    const response = await app.graphql(
      `query ($actor: ID!) {
         allAuditEntries(perPage: 100, filter: { actorUserId: $actor, tableName: "households", operation: "UPDATE" }) {
           tableName operation actorUserId
         }
       }`,
      { actor: roles.userIds.officerA },
      { cookie: roles.cookies.admin },
    );
    const entries = dataOf(response).allAuditEntries as Record<string, string>[];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries)
      expect(e).toEqual({
        tableName: 'households',
        operation: 'UPDATE',
        actorUserId: roles.userIds.officerA,
      });
  });

  const NON_ADMINS = ['officerA', 'officerB', 'memberA', 'analyst', 'viewer'] as const;
  const ADMIN_QUERIES: [string, string][] = [
    ['allAuditEntries', `{ allAuditEntries { id } }`],
    ['_allAuditEntriesMeta', `{ _allAuditEntriesMeta { count } }`],
    ['AuditEntry', `{ AuditEntry(id: "1") { id } }`],
    ['allAccessLogEntries', `{ allAccessLogEntries { id } }`],
    ['_allAccessLogEntriesMeta', `{ _allAccessLogEntriesMeta { count } }`],
    [
      'breachReport',
      `query ($u: ID!) { breachReport(userId: $u, from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { username households { householdId } } }`,
    ],
  ];

  it.each(NON_ADMINS)(
    '%s is FORBIDDEN the audit trail, the access log and the breach report',
    async (who) => {
      for (const [name, query] of ADMIN_QUERIES) {
        const response = await app.graphql(
          query,
          { u: roles.userIds[who] },
          { cookie: roles.cookies[who] },
        );
        expect(codeOf(response), `${who} ${name}: ${JSON.stringify(response.body)}`).toBe(
          'FORBIDDEN',
        );
        expect(response.body.data ?? null).toBeNull();
      }
    },
  );

  it('an anonymous caller is refused too', async () => {
    for (const [name, query] of ADMIN_QUERIES) {
      const response = await app.graphql(query, { u: roles.userIds.admin });
      expect(codeOf(response), name).toBe('UNAUTHENTICATED');
    }
  });
});
