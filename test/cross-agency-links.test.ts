/**
 * Households a support group helps across agencies. An officer reads their agency's households
 * and those its groups help (SECURITY.md, DOMAIN.md). The group half of that is read from the
 * links the database keeps because they cross agencies (support_group_household_crossings,
 * migration 1796005000000): a group almost always helps its own agency's households, which the
 * agency half already finds.
 *
 * So the kept links must follow every change an administrator makes: a household linked to
 * another agency's group, a household or a group moved to another agency, a link removed. At each
 * step each officer must read exactly what the rule gives, through the server (both walls), with
 * row-level security out of the way (the services' scope alone) and with the services out of the
 * way (raw SQL as the app role under the request's settings: row-level security alone), and the
 * kept links must be exactly the links that cross.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

type Officer = 'officerA' | 'officerB';
/** What one officer reads of the household: the record, its count, its members. */
interface Reading {
  household: boolean;
  counted: number;
  members: number;
}

interface Scene {
  app: TestApp;
  roles: RoleFixture;
  household: string;
  members: number;
  groupOfA: string;
  groupOfB: string;
}

/** A household of agency A helped by a group of A and by no group of B, with members. */
async function scene(app: TestApp): Promise<Scene> {
  const roles = await signInRoles(app);
  const [row] = (await app.db.query(
    `SELECT l.household_id AS household, l.support_group_id AS "groupOfA",
            (SELECT count(*)::int FROM household_members m WHERE m.household_id = l.household_id) AS members
       FROM support_group_households l JOIN households h ON h.id = l.household_id
      WHERE l.support_group_id = ANY ($1) AND h.organization_id = $2
        AND EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = l.household_id)
        AND NOT EXISTS (SELECT 1 FROM support_group_households o
                         WHERE o.household_id = l.household_id AND o.support_group_id = ANY ($3))
      ORDER BY 1, 2 LIMIT 1`,
    [roles.agencyA.groupIds, roles.agencyA.organizationId, roles.agencyB.groupIds],
  )) as { household: string; groupOfA: string; members: number }[];
  return { app, roles, ...row!, groupOfB: roles.agencyB.groupIds[0]! };
}

/** The household as an officer reads it through the server. */
async function throughServer(s: Scene, who: Officer): Promise<Reading> {
  const data = dataOf(
    await s.app.graphql<{
      allHouseholds: { id: string }[];
      _allHouseholdsMeta: { count: number };
      allHouseholdMembers: { id: string }[];
    }>(
      `query ($h: ID!) {
         allHouseholds(filter: { ids: [$h] }) { id }
         _allHouseholdsMeta(filter: { ids: [$h] }) { count }
         allHouseholdMembers(filter: { householdId: $h }, perPage: 100) { id }
       }`,
      { h: s.household },
      { cookie: s.roles.cookies[who] },
    ),
  );
  return {
    household: data.allHouseholds.some((h) => h.id === s.household),
    counted: data._allHouseholdsMeta.count,
    members: data.allHouseholdMembers.length,
  };
}

/** The household as row-level security alone lets an officer read it. */
async function underRowSecurity(s: Scene, who: Officer): Promise<Reading> {
  const agency = who === 'officerA' ? s.roles.agencyA : s.roles.agencyB;
  const runner = s.app.appDb.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.role', 'AGENCY_OFFICER', true),
              set_config('app.organization_id', $2, true), set_config('app.staff_member_id', '', true),
              set_config('app.purpose', '', true)`,
      [s.roles.userIds[who], agency.organizationId],
    );
    const count = async (sql: string) =>
      ((await runner.query(sql, [s.household])) as { n: number }[])[0]!.n;
    const counted = await count('SELECT count(*)::int AS n FROM households WHERE id = $1');
    return {
      household: counted > 0,
      counted,
      members: await count(
        'SELECT count(*)::int AS n FROM household_members WHERE household_id = $1',
      ),
    };
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/** What an officer who may read the household, or may not, reads of it. */
const reads = (s: Scene, yes: boolean): Reading =>
  yes
    ? { household: true, counted: 1, members: s.members }
    : { household: false, counted: 0, members: 0 };

/** The kept links, and the links that cross agencies computed from the tables themselves. */
async function keptAndCrossing(app: TestApp) {
  const pairs = async (sql: string) =>
    ((await app.db.query(sql)) as { pair: string }[]).map((r) => r.pair);
  return {
    kept: await pairs(
      `SELECT support_group_id || '/' || household_id AS pair
         FROM support_group_household_crossings ORDER BY 1`,
    ),
    crossing: await pairs(
      `SELECT l.support_group_id || '/' || l.household_id AS pair
         FROM support_group_households l
         JOIN support_groups g ON g.id = l.support_group_id
         JOIN households h ON h.id = l.household_id
        WHERE g.organization_id IS DISTINCT FROM h.organization_id ORDER BY 1`,
    ),
  };
}

async function asAdmin(s: Scene, mutation: string, variables: Record<string, unknown>) {
  dataOf(await s.app.graphql(mutation, variables, { cookie: s.roles.cookies.admin }));
}

async function groupHouseholds(s: Scene, group: string): Promise<string[]> {
  return (
    (await s.app.db.query(
      'SELECT household_id AS id FROM support_group_households WHERE support_group_id = $1',
      [group],
    )) as { id: string }[]
  ).map((r) => r.id);
}

const setGroupHouseholds = (s: Scene, group: string, householdIds: string[]) =>
  asAdmin(
    s,
    'mutation ($g: ID!, $h: [ID!]) { updateSupportGroup(id: $g, householdIds: $h) { id } }',
    {
      g: group,
      h: householdIds,
    },
  );

/** The administrator takes the scene's household off the households `group` helps. */
const stopHelping = async (s: Scene, group: string) =>
  setGroupHouseholds(
    s,
    group,
    (await groupHouseholds(s, group)).filter((id) => id !== s.household),
  );

/**
 * The administrator's changes, in order, with who may read the household after each:
 * officer A (agency A's) and officer B (agency B's).
 */
const STEPS: {
  what: string;
  change: (s: Scene) => Promise<void>;
  officerA: boolean;
  officerB: boolean;
}[] = [
  {
    what: 'at first: agency A’s household, helped by A’s group',
    change: async () => {},
    officerA: true,
    officerB: false,
  },
  {
    what: 'a group of agency B helps it too',
    change: async (s) =>
      setGroupHouseholds(s, s.groupOfB, [...(await groupHouseholds(s, s.groupOfB)), s.household]),
    officerA: true,
    officerB: true,
  },
  {
    what: 'the household moves to agency B: A still reads it through its group',
    change: (s) =>
      asAdmin(
        s,
        'mutation ($h: ID!, $o: ID) { updateHousehold(id: $h, organizationId: $o) { id } }',
        {
          h: s.household,
          o: s.roles.agencyB.organizationId,
        },
      ),
    officerA: true,
    officerB: true,
  },
  {
    what: 'A’s group stops helping it',
    change: (s) => stopHelping(s, s.groupOfA),
    officerA: false,
    officerB: true,
  },
  {
    what: 'B’s group that helps it moves to agency A',
    change: (s) =>
      // Its people must be the new agency's staff.
      asAdmin(
        s,
        `mutation ($g: ID!, $o: ID, $p: ID!) {
           updateSupportGroup(id: $g, organizationId: $o, memberIds: [$p], leaderId: $p) { id } }`,
        { g: s.groupOfB, o: s.roles.agencyA.organizationId, p: s.roles.agencyA.staffIds[0] },
      ),
    officerA: true,
    officerB: true,
  },
  {
    what: 'that group stops helping it',
    change: (s) => stopHelping(s, s.groupOfB),
    officerA: false,
    officerB: true,
  },
];

describe('households helped across agencies, with both walls', () => {
  let app: TestApp;
  let s: Scene;
  beforeAll(async () => {
    app = await startTestApp();
    s = await scene(app);
  });
  afterAll(() => app?.close());

  it('each officer reads what the rule gives after each change, and the kept links are the crossing ones', async () => {
    for (const step of STEPS) {
      await step.change(s);
      for (const who of ['officerA', 'officerB'] as const) {
        const expected = reads(s, step[who]);
        expect(await throughServer(s, who), `${step.what}: ${who}, server`).toEqual(expected);
        expect(await underRowSecurity(s, who), `${step.what}: ${who}, row security alone`).toEqual(
          expected,
        );
      }
      const { kept, crossing } = await keptAndCrossing(app);
      expect(kept, step.what).toEqual(crossing);
    }
  });
});

describe("households helped across agencies, with row-level security out of the way (the services' scope alone)", () => {
  let app: TestApp;
  let s: Scene;
  beforeAll(async () => {
    app = await startTestApp({ requestsAs: 'owner' });
    s = await scene(app);
  });
  afterAll(() => app?.close());

  it('each officer reads what the rule gives after each change', async () => {
    for (const step of STEPS) {
      await step.change(s);
      for (const who of ['officerA', 'officerB'] as const) {
        expect(await throughServer(s, who), `${step.what}: ${who}`).toEqual(reads(s, step[who]));
      }
    }
    const { kept, crossing } = await keptAndCrossing(app);
    expect(kept).toEqual(crossing);
  });
});
