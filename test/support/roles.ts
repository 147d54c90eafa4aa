import { randomBytes } from 'node:crypto';
import { Role } from '../../server/src/common/roles';
import { createUser } from '../../server/src/modules/user/auth.service';
import type { TestApp } from './app';

/** One agency of the demo data, with the records its users should (and only they should) reach. */
export interface AgencyFixture {
  organizationId: string;
  groupIds: string[];
  householdIds: string[];
  staffIds: string[];
  fundId: string | null;
  /** A staff member who sits in (or leads) one of the agency's groups. */
  groupMemberStaffId: string;
}

export interface RoleFixture {
  /** Session cookies, one per signed-in user. */
  cookies: {
    admin: string;
    officerA: string;
    officerB: string;
    memberA: string;
    analyst: string;
    viewer: string;
  };
  userIds: Record<keyof RoleFixture['cookies'], string>;
  agencyA: AgencyFixture;
  agencyB: AgencyFixture;
}

async function agency(app: TestApp, organizationId: string): Promise<AgencyFixture> {
  const q = async (sql: string) =>
    ((await app.db.query(sql, [organizationId])) as { id: string }[]).map((r) => r.id);
  const groupIds = await q(`SELECT id FROM support_groups WHERE organization_id = $1 ORDER BY id`);
  const householdIds = await q(
    `SELECT id FROM households WHERE organization_id = $1
      UNION SELECT sgh.household_id FROM support_group_households sgh
              JOIN support_groups g ON g.id = sgh.support_group_id WHERE g.organization_id = $1
      ORDER BY 1`,
  );
  const staffIds = await q(`SELECT id FROM staff_members WHERE organization_id = $1 ORDER BY id`);
  const [fundId] = await q(`SELECT id FROM funds WHERE organization_id = $1 ORDER BY id`);
  const [groupMemberStaffId] = await q(
    `SELECT m.staff_member_id AS id FROM support_group_members m
       JOIN support_groups g ON g.id = m.support_group_id
      WHERE g.organization_id = $1 ORDER BY g.id, m.staff_member_id LIMIT 1`,
  );
  if (!groupMemberStaffId) throw new Error(`no group member in organization ${organizationId}`);
  return {
    organizationId,
    groupIds,
    householdIds,
    staffIds,
    fundId: fundId ?? null,
    groupMemberStaffId,
  };
}

/**
 * Users of every role over the demo data's two agencies with support groups (A and B), signed in
 * through the real login mutation.
 */
export async function signInRoles(app: TestApp): Promise<RoleFixture> {
  const orgs = (await app.db.query(
    `SELECT organization_id AS id FROM support_groups GROUP BY organization_id ORDER BY min(name) LIMIT 2`,
  )) as { id: string }[];
  if (orgs.length < 2) throw new Error('the demo data should have two agencies with groups');
  const agencyA = await agency(app, orgs[0]!.id);
  const agencyB = await agency(app, orgs[1]!.id);
  const specs = {
    officerA: { role: Role.AGENCY_OFFICER, organizationId: agencyA.organizationId },
    officerB: { role: Role.AGENCY_OFFICER, organizationId: agencyB.organizationId },
    memberA: { role: Role.GROUP_MEMBER, staffMemberId: agencyA.groupMemberStaffId },
    analyst: { role: Role.ANALYST },
    viewer: { role: Role.VIEWER },
  };
  const cookies = { admin: await app.login() } as RoleFixture['cookies'];
  const [admin] = (await app.db.query(`SELECT id FROM users WHERE username = $1`, [
    app.adminUsername,
  ])) as { id: string }[];
  const userIds = { admin: admin!.id } as RoleFixture['userIds'];
  for (const [key, spec] of Object.entries(specs) as [
    keyof typeof specs,
    (typeof specs)[keyof typeof specs],
  ][]) {
    const username = `${key.toLowerCase()}_${randomBytes(3).toString('hex')}`;
    const password = randomBytes(12).toString('base64url');
    const user = await createUser(app.db, {
      username,
      displayName: `Thử nghiệm ${key}`,
      password,
      ...spec,
    });
    userIds[key] = user.id;
    const result = await app.graphql(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
      { u: username, p: password },
    );
    if (!result.cookie) throw new Error(`login of ${key} failed: ${JSON.stringify(result.body)}`);
    cookies[key] = result.cookie;
  }
  return { cookies, userIds, agencyA, agencyB };
}
