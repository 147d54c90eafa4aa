import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './support/app';
import { expectBadInput, type Vars } from './support/mutations';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
  cookie = roles.cookies.admin;
});
afterAll(() => app.close());

const USER_FIELDS =
  'id version username displayName role organizationId staffMemberId disabled organization { id } staffMember { id }';

const CREATE = `mutation ($username: String!, $displayName: String!, $password: String!, $role: Role!,
    $organizationId: ID, $staffMemberId: ID, $disabled: Boolean) {
  result: createUser(username: $username, displayName: $displayName, password: $password, role: $role,
    organizationId: $organizationId, staffMemberId: $staffMemberId, disabled: $disabled) { ${USER_FIELDS} } }`;

const UPDATE = `mutation ($id: ID!, $version: Int, $displayName: String, $role: Role, $organizationId: ID,
    $staffMemberId: ID, $disabled: Boolean, $password: String) {
  result: updateUser(id: $id, version: $version, displayName: $displayName, role: $role,
    organizationId: $organizationId, staffMemberId: $staffMemberId, disabled: $disabled, password: $password) { ${USER_FIELDS} } }`;

const REVOKE = 'mutation ($id: ID!) { result: revokeUserSessions(id: $id) }';

const LIST = `query ($filter: UserFilter, $sortField: String, $sortOrder: String) {
  items: allUsers(filter: $filter, perPage: 1000, sortField: $sortField, sortOrder: $sortOrder) { id username }
  meta: _allUsersMeta(filter: $filter) { count } }`;

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';
const ME = '{ me { id } }';

const gql = <T = any>(query: string, variables: Vars = {}, as = cookie) =>
  app.graphql<T>(query, variables, { cookie: as });

const uniqueName = (prefix: string) => `${prefix}.${randomBytes(3).toString('hex')}`;
const PASSWORD = 'a-long-enough-password';

async function create(vars: Vars): Promise<GraphQLResponse<any>> {
  return gql(CREATE, {
    username: uniqueName('user'),
    displayName: 'Nguyễn Văn Thử',
    password: PASSWORD,
    ...vars,
  });
}

async function createOk(vars: Vars) {
  return dataOf(await create(vars)).result as Record<string, any>;
}

async function signIn(username: string, password = PASSWORD): Promise<string> {
  const response = await app.graphql(LOGIN, { u: username, p: password });
  if (!response.cookie) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return response.cookie;
}

const isSignedIn = async (as: string) =>
  (await app.graphql(ME, {}, { cookie: as })).body.data?.me != null;

async function sessionCount(userId: string): Promise<number> {
  const [{ count }] = await app.db.query(
    'SELECT count(*)::int AS count FROM sessions WHERE user_id = $1',
    [userId],
  );
  return count;
}

describe('creating users', () => {
  it('creates a user of each role, who can then sign in; the password hash is never exposed', async () => {
    const { agencyA } = roles;
    const made = {
      admin: await createOk({ role: 'ADMIN' }),
      officer: await createOk({ role: 'AGENCY_OFFICER', organizationId: agencyA.organizationId }),
      member: await createOk({ role: 'GROUP_MEMBER', staffMemberId: agencyA.groupMemberStaffId }),
      analyst: await createOk({ role: 'ANALYST' }),
      viewer: await createOk({ role: 'VIEWER' }),
    };
    expect(made.admin).toMatchObject({ role: 'ADMIN', organizationId: null, disabled: false });
    expect(made.officer).toMatchObject({
      organizationId: agencyA.organizationId,
      organization: { id: agencyA.organizationId },
      staffMemberId: null,
    });
    // A group member's agency is their staff record's, set by the server.
    const [staff] = await app.db.query('SELECT organization_id FROM staff_members WHERE id = $1', [
      agencyA.groupMemberStaffId,
    ]);
    expect(made.member).toMatchObject({
      staffMemberId: agencyA.groupMemberStaffId,
      staffMember: { id: agencyA.groupMemberStaffId },
      organizationId: staff.organization_id,
    });
    for (const user of Object.values(made)) {
      const me = await app.graphql(
        '{ me { id role } }',
        {},
        { cookie: await signIn(user.username) },
      );
      expect(me.body.data?.me).toEqual({ id: user.id, role: user.role });
    }
    const type = dataOf(
      await gql('{ __type(name: "User") { fields { name } } }'),
    ).__type.fields.map((field: { name: string }) => field.name);
    expect(type).not.toContain('passwordHash');
    expect(JSON.stringify(dataOf(await gql(LIST)))).not.toContain('argon2');
    const [row] = await app.db.query('SELECT password_hash FROM users WHERE id = $1', [
      made.viewer.id,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('stores the sign-in name lower-case and refuses the same name in another case', async () => {
    const name = uniqueName('Tran.Thi');
    const user = await createOk({ role: 'VIEWER', username: name });
    expect(user.username).toBe(name.toLowerCase());
    await signIn(name.toUpperCase());
    expectBadInput(
      await create({ role: 'VIEWER', username: name.toUpperCase() }),
      'username',
      'unique',
    );
  });

  it.each(['ab', 'has space', 'trailing!', '.starts.with.dot', 'x'.repeat(51), 'người.dùng'])(
    'refuses the sign-in name %j',
    async (username) => {
      expectBadInput(await create({ role: 'VIEWER', username }), 'username', 'username');
    },
  );

  it('refuses a password shorter than 12 characters, and a missing one', async () => {
    expectBadInput(
      await create({ role: 'VIEWER', password: 'short-pass1' }),
      'password',
      'minLength',
    );
    expectBadInput(await create({ role: 'VIEWER', password: '' }), 'password', 'required');
  });

  it('requires an agency for an officer and a staff record for a group member', async () => {
    expectBadInput(await create({ role: 'AGENCY_OFFICER' }), 'organizationId', 'requiredForRole');
    expectBadInput(await create({ role: 'GROUP_MEMBER' }), 'staffMemberId', 'requiredForRole');
  });

  it('refuses agency or staff links on roles that do not use them', async () => {
    const { agencyA } = roles;
    for (const role of ['ADMIN', 'ANALYST', 'VIEWER']) {
      expectBadInput(
        await create({ role, organizationId: agencyA.organizationId }),
        'organizationId',
        'notForRole',
      );
      expectBadInput(
        await create({ role, staffMemberId: agencyA.groupMemberStaffId }),
        'staffMemberId',
        'notForRole',
      );
    }
  });

  it("refuses links to records that do not exist, or a group member's agency other than their staff record's", async () => {
    const { agencyA, agencyB } = roles;
    const missing = '00000000-0000-4000-8000-000000000000';
    expectBadInput(
      await create({ role: 'AGENCY_OFFICER', organizationId: missing }),
      'organizationId',
      'exists',
    );
    expectBadInput(
      await create({ role: 'GROUP_MEMBER', staffMemberId: missing }),
      'staffMemberId',
      'exists',
    );
    expectBadInput(
      await create({
        role: 'GROUP_MEMBER',
        staffMemberId: agencyA.groupMemberStaffId,
        organizationId: agencyB.organizationId,
      }),
      'organizationId',
      'staffOrganization',
    );
    expectBadInput(
      await create({
        role: 'AGENCY_OFFICER',
        organizationId: agencyB.organizationId,
        staffMemberId: agencyA.groupMemberStaffId,
      }),
      'staffMemberId',
      'staffOrganization',
    );
  });
});

describe('listing users', () => {
  it('filters by search text, ids, role, agency and disabled, and offers no deleteUser', async () => {
    const { agencyB } = roles;
    const tag = randomBytes(3).toString('hex');
    const officer = await createOk({
      role: 'AGENCY_OFFICER',
      organizationId: agencyB.organizationId,
      username: `list.officer.${tag}`,
      displayName: `Lê Thị Hồng ${tag}`,
    });
    const off = await createOk({ role: 'VIEWER', username: `list.off.${tag}`, disabled: true });
    const ids = async (filter: Vars) =>
      dataOf(await gql(LIST, { filter })).items.map((u: { id: string }) => u.id);
    expect(await ids({ q: `le thi hong ${tag}` })).toEqual([officer.id]);
    expect(await ids({ q: `list.off.${tag}` })).toEqual([off.id]);
    expect(await ids({ ids: [officer.id, off.id] })).toEqual(
      expect.arrayContaining([officer.id, off.id]),
    );
    expect(await ids({ organizationId: agencyB.organizationId })).toContain(officer.id);
    expect(await ids({ role: 'VIEWER', q: tag })).toEqual([off.id]);
    expect(await ids({ disabled: true, q: tag })).toEqual([off.id]);
    expect(await ids({ disabled: false, q: tag })).toEqual([officer.id]);
    const counted = dataOf(await gql(LIST, { filter: { q: tag } }));
    expect(counted.meta.count).toBe(2);
    expectBadInputSort(await gql(LIST, { sortField: 'passwordHash' }));
    const one = await gql(`query ($id: ID!) { User(id: $id) { id username } }`, { id: off.id });
    expect(dataOf(one).User).toEqual({ id: off.id, username: off.username });
    const mutations = dataOf(
      await gql('{ __schema { mutationType { fields { name } } } }'),
    ).__schema.mutationType.fields.map((field: { name: string }) => field.name);
    expect(mutations).toEqual(
      expect.arrayContaining(['createUser', 'updateUser', 'revokeUserSessions']),
    );
    expect(mutations).not.toContain('deleteUser');
  });
});

function expectBadInputSort(response: GraphQLResponse<unknown>) {
  expect(response.body.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'sortField',
  });
}

describe('changing users', () => {
  it('changes the role and links, clearing links the new role does not use', async () => {
    const { agencyA } = roles;
    const user = await createOk({ role: 'AGENCY_OFFICER', organizationId: agencyA.organizationId });
    const analyst = dataOf(
      await gql(UPDATE, { id: user.id, version: user.version, role: 'ANALYST' }),
    ).result;
    expect(analyst).toMatchObject({
      role: 'ANALYST',
      organizationId: null,
      version: user.version + 1,
    });
    expectBadInput(
      await gql(UPDATE, { id: user.id, role: 'VIEWER', organizationId: agencyA.organizationId }),
      'organizationId',
      'notForRole',
    );
    expectBadInput(
      await gql(UPDATE, { id: user.id, role: 'AGENCY_OFFICER' }),
      'organizationId',
      'requiredForRole',
    );
    expectBadInput(
      await gql(UPDATE, { id: user.id, password: 'too-short' }),
      'password',
      'minLength',
    );
    expectBadInput(
      await gql(UPDATE, { id: user.id, displayName: '   ' }),
      'displayName',
      'required',
    );
    const stale = await gql(UPDATE, { id: user.id, version: user.version, displayName: 'Cũ' });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      rule: 'staleVersion',
    });
  });

  it("ends a disabled user's sessions at once: their cookie stops working on the next request", async () => {
    const user = await createOk({ role: 'ANALYST' });
    const theirs = await signIn(user.username);
    const other = await signIn(user.username);
    expect((await gql('{ allPlans { id } }', {}, theirs)).body.errors).toBeUndefined();
    const disabled = dataOf(await gql(UPDATE, { id: user.id, disabled: true })).result;
    expect(disabled.disabled).toBe(true);
    expect(await sessionCount(user.id)).toBe(0);
    for (const stale of [theirs, other]) {
      const after = await gql('{ allPlans { id } }', {}, stale);
      expect(after.body.data).toBeNull();
      expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Disabled, they cannot sign in again; enabled, they can.
    expect((await app.graphql(LOGIN, { u: user.username, p: PASSWORD })).cookie).toBeUndefined();
    dataOf(await gql(UPDATE, { id: user.id, disabled: false }));
    expect(await isSignedIn(await signIn(user.username))).toBe(true);
  });

  it('ends the sessions when the role, agency, staff record or password changes, not when only the name does', async () => {
    const { agencyA, agencyB } = roles;
    const user = await createOk({ role: 'AGENCY_OFFICER', organizationId: agencyA.organizationId });
    const changes: [Vars, boolean][] = [
      [{ displayName: 'Tên mới' }, true],
      [{ organizationId: agencyB.organizationId }, false],
      [
        { role: 'GROUP_MEMBER', organizationId: null, staffMemberId: agencyB.groupMemberStaffId },
        false,
      ],
      [{ staffMemberId: agencyA.groupMemberStaffId }, false],
      [{ password: 'another-long-password' }, false],
    ];
    let password = PASSWORD;
    for (const [change, keeps] of changes) {
      const session = await signIn(user.username, password);
      dataOf(await gql(UPDATE, { id: user.id, ...change }));
      if (typeof change.password === 'string') password = change.password;
      expect(await isSignedIn(session), JSON.stringify(change)).toBe(keeps);
    }
    expect(await isSignedIn(await signIn(user.username, 'another-long-password'))).toBe(true);
  });

  it('revokes all sessions of a user on request and says how many ended', async () => {
    const user = await createOk({ role: 'VIEWER' });
    const sessions = [await signIn(user.username), await signIn(user.username)];
    expect(dataOf(await gql(REVOKE, { id: user.id })).result).toBe(2);
    for (const session of sessions) expect(await isSignedIn(session)).toBe(false);
    expect(dataOf(await gql(REVOKE, { id: user.id })).result).toBe(0);
    const missing = await gql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps password hashes out of the audit trail', async () => {
    const user = await createOk({ role: 'VIEWER' });
    dataOf(await gql(UPDATE, { id: user.id, password: 'yet-another-password' }));
    const rows: { old_values: Vars; new_values: Vars }[] = await app.db.query(
      `SELECT old_values, new_values FROM audit_log WHERE table_name = 'users' AND record_id = $1`,
      [user.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain('argon2');
  });
});

describe('administrators', () => {
  const adminId = () => roles.userIds.admin;

  it('cannot disable themselves', async () => {
    expectBadInput(await gql(UPDATE, { id: adminId(), disabled: true }), 'disabled', 'ownAccount');
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it('keeps their own session when setting their own password', async () => {
    const admin = await createOk({ role: 'ADMIN' });
    const session = await signIn(admin.username);
    const elsewhere = await signIn(admin.username);
    dataOf(await gql(UPDATE, { id: admin.id, password: 'the-admins-new-password' }, session));
    expect(await isSignedIn(session)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
  });

  it('cannot demote or disable the last enabled administrator', async () => {
    const other = await createOk({ role: 'ADMIN' });
    const otherCookie = await signIn(other.username);
    // With two enabled administrators, one can be demoted.
    dataOf(await gql(UPDATE, { id: other.id, role: 'VIEWER' }));
    // Now only the test's own admins remain: leave exactly one enabled.
    await app.db.query(`UPDATE users SET disabled = true WHERE role = 'ADMIN' AND id <> $1`, [
      adminId(),
    ]);
    expectBadInput(await gql(UPDATE, { id: adminId(), role: 'ANALYST' }), 'role', 'lastAdmin');
    const [row] = await app.db.query('SELECT role FROM users WHERE id = $1', [adminId()]);
    expect(row.role).toBe('ADMIN');
    // A second enabled admin lifts the rule for the first.
    dataOf(await gql(UPDATE, { id: other.id, role: 'ADMIN', disabled: false }));
    expect(await isSignedIn(otherCookie)).toBe(false);
    const second = await signIn(other.username);
    dataOf(await gql(UPDATE, { id: adminId(), role: 'VIEWER' }, second));
    expectBadInput(
      await gql(UPDATE, { id: other.id, role: 'VIEWER' }, second),
      'role',
      'lastAdmin',
    );
    expectBadInput(
      await gql(UPDATE, { id: other.id, disabled: true }, second),
      'disabled',
      'ownAccount',
    );
    // Restore the fixture's admin for the other tests.
    dataOf(await gql(UPDATE, { id: adminId(), role: 'ADMIN' }, second));
    cookie = await app.login();
    roles.cookies.admin = cookie;
  });
});

describe('non-administrators', () => {
  const operations = (targetId: string): [string, string, Vars][] => [
    ['allUsers', '{ allUsers { id } }', {}],
    ['_allUsersMeta', '{ _allUsersMeta { count } }', {}],
    ['User', 'query ($id: ID!) { User(id: $id) { id } }', { id: targetId }],
    [
      'createUser',
      CREATE,
      { username: uniqueName('intruder'), displayName: 'X', password: PASSWORD, role: 'ADMIN' },
    ],
    ['updateUser', UPDATE, { id: targetId, role: 'ADMIN' }],
    ['revokeUserSessions', REVOKE, { id: targetId }],
  ];

  it.each(['officerA', 'officerB', 'memberA', 'analyst', 'viewer'] as const)(
    'get FORBIDDEN on every user operation (%s)',
    async (who) => {
      const target = roles.userIds.viewer;
      const sessionsBefore = await sessionCount(target);
      const [before] = await app.db.query('SELECT version FROM users WHERE id = $1', [target]);
      for (const [name, query, vars] of operations(target)) {
        const response = await gql(query, vars, roles.cookies[who]);
        expect(response.body.data ?? null, name).toBeNull();
        expect(response.body.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
      }
      const [after] = await app.db.query('SELECT version FROM users WHERE id = $1', [target]);
      expect(after.version).toBe(before.version);
      expect(await sessionCount(target)).toBe(sessionsBefore);
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM users WHERE username LIKE 'intruder.%'`,
      );
      expect(count).toBe(0);
    },
  );

  it('get UNAUTHENTICATED when not signed in', async () => {
    const response = await app.graphql('{ allUsers { id } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
