/**
 * A record's child lists asked only as `{ id }` (how every list page of the admin asks a
 * household's members, visits, aspirations, support plans and groups) are read as ids alone, every
 * kind of the answer in one statement, instead of one statement per kind loading whole rows. They
 * must be exactly the records, in the same order, that loading them whole gives, for every role,
 * and the access log must still name the households they are about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let roles: RoleFixture;
type Who = keyof RoleFixture['cookies'];
// Every role that reads households (a viewer reads the program's public records only).
const WHO: Who[] = ['admin', 'officerA', 'officerB', 'memberA', 'analyst'];

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
});
afterAll(() => app?.close());

const lastId = async (): Promise<string> =>
  (await app.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM access_log`))[0].id;

const gql = (who: Who, query: string) => app.graphql(query, {}, { cookie: roles.cookies[who] });

/** Each list with a field beside `id`, which makes it load the records whole. */
const HOUSEHOLD_LISTS = {
  members: 'birthYear',
  visits: 'visitDate',
  aspirations: 'recordedDate',
  supportPlans: 'createdAt',
  groups: 'name',
} as const;

type Lists = Record<string, { id: string }[]>;

async function households(who: Who, whole: boolean) {
  const lists = Object.entries(HOUSEHOLD_LISTS)
    .map(([list, field]) => `${list} { id ${whole ? field : ''} }`)
    .join(' ');
  const response = await gql(who, `{ allHouseholds(perPage: 1000) { id ${lists} } }`);
  return (dataOf(response) as { allHouseholds: ({ id: string } & Lists)[] }).allHouseholds;
}

const idsOf = (rows: ({ id: string } & Lists)[], lists: string[]) =>
  rows.map((row) => ({
    id: row.id,
    ...Object.fromEntries(lists.map((list) => [list, row[list]!.map((item) => item.id)])),
  }));

describe('child lists asked only for their ids', () => {
  it('give every role the records, in the order, that loading them whole gives', async () => {
    const lists = Object.keys(HOUSEHOLD_LISTS);
    for (const who of WHO) {
      const idOnly = await households(who, false);
      const whole = await households(who, true);
      expect(idsOf(idOnly, lists), who).toEqual(idsOf(whole, lists));
    }
    // Not a comparison of empty lists: the administrator's page has every kind, and households
    // with several members, whose order (by birth year) is then compared.
    const admin = await households('admin', false);
    for (const list of lists)
      expect(
        admin.some((row) => row[list]!.length > 0),
        list,
      ).toBe(true);
    expect(admin.some((row) => row.members!.length > 1)).toBe(true);
    // And a scoped role sees fewer households than the administrator, through the same lists.
    expect((await households('officerA', false)).length).toBeLessThan(admin.length);
  });

  it('give a group its reports and a visit its aspirations as loading them whole does', async () => {
    for (const who of WHO) {
      const groups = async (fields: string) =>
        dataOf(await gql(who, `{ allSupportGroups(perPage: 1000) { id reports { ${fields} } } }`))
          .allSupportGroups as ({ id: string } & Lists)[];
      expect(idsOf(await groups('id'), ['reports']), who).toEqual(
        idsOf(await groups('id year half'), ['reports']),
      );
      const visits = async (fields: string) =>
        dataOf(await gql(who, `{ allVisits(perPage: 1000) { id aspirations { ${fields} } } }`))
          .allVisits as ({ id: string } & Lists)[];
      expect(idsOf(await visits('id'), ['aspirations']), who).toEqual(
        idsOf(await visits('id recordedDate'), ['aspirations']),
      );
    }
  });

  it('are read in one statement for the whole page, not one per kind', async () => {
    app.queries.length = 0;
    await households('admin', false);
    const childTables =
      /\b(household_members|visits|aspirations|support_plans|support_group_households|support_groups)\b/;
    const reading = app.queries.filter(
      (sql) => childTables.test(sql) && !sql.includes("set_config('app.user_id'"),
    );
    expect(reading).toHaveLength(1);
    expect(reading[0]).toContain('UNION ALL');
  });

  it('still name in the access log the households of the members and visits shown', async () => {
    const since = await lastId();
    const rows = await households('admin', false);
    const logged: { resource: string; record_ids: string[]; household_ids: string[] }[] =
      await app.db.query(
        `SELECT resource, record_ids::text[] AS record_ids, household_ids::text[] AS household_ids
           FROM access_log WHERE id > $1 AND resource IN ('HouseholdMember', 'Visit')`,
        [since],
      );
    for (const [resource, list] of [
      ['HouseholdMember', 'members'],
      ['Visit', 'visits'],
    ] as const) {
      const row = logged.find((entry) => entry.resource === resource);
      const shown = rows.filter((household) => household[list]!.length > 0);
      expect([...row!.record_ids].sort(), resource).toEqual(
        shown.flatMap((household) => household[list]!.map((item) => item.id)).sort(),
      );
      expect([...row!.household_ids].sort(), resource).toEqual(
        shown.map((household) => household.id).sort(),
      );
    }
    // A visit's aspirations are reached through the visit, not the household: their own record
    // names the household.
    const before = await lastId();
    const visits = dataOf(
      await gql('admin', `{ allVisits(perPage: 1000) { id householdId aspirations { id } } }`),
    ).allVisits as { householdId: string; aspirations: { id: string }[] }[];
    const heard = visits.filter((visit) => visit.aspirations.length > 0);
    expect(heard.length).toBeGreaterThan(0);
    const [aspirations] = await app.db.query(
      `SELECT household_ids::text[] AS household_ids FROM access_log
        WHERE id > $1 AND resource = 'Aspiration'`,
      [before],
    );
    expect([...aspirations.household_ids].sort()).toEqual(
      [...new Set(heard.map((visit) => visit.householdId))].sort(),
    );
  });
});

/**
 * A household of agency A that a group of agency B helps too, with one visit by each agency's
 * group: an officer of A may read the household but not B's visit.
 */
async function householdTwoAgenciesVisit(app: TestApp, roles: RoleFixture) {
  const groupOfA = roles.agencyA.groupIds[0]!;
  const groupOfB = roles.agencyB.groupIds[0]!;
  const [household] = (await app.db.query(
    `SELECT l.household_id AS id FROM support_group_households l
      WHERE l.support_group_id = $1
        AND NOT EXISTS (SELECT 1 FROM support_group_households o
                         WHERE o.household_id = l.household_id AND o.support_group_id = $2)
      ORDER BY 1 LIMIT 1`,
    [groupOfA, groupOfB],
  )) as { id: string }[];
  await app.db.query(
    'INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)',
    [groupOfB, household!.id],
  );
  const visitBy = async (group: string, day: number) => {
    const [member] = (await app.db.query(
      'SELECT staff_member_id AS id FROM support_group_members WHERE support_group_id = $1 LIMIT 1',
      [group],
    )) as { id: string }[];
    const created = await app.graphql(
      `mutation { createVisit(groupId: "${group}", householdId: "${household!.id}",
         visitDate: "2024-03-0${day}", findings: "Thăm hộ", participantIds: ["${member!.id}"]) { id } }`,
      {},
      { cookie: roles.cookies.admin },
    );
    return (dataOf(created).createVisit as { id: string }).id;
  };
  return {
    household: household!.id,
    ofA: await visitBy(groupOfA, 4),
    ofB: await visitBy(groupOfB, 5),
  };
}

/**
 * The visits of that household as `who` reads them, asked `{ id }` alone (an id list) and with a
 * field (whole records), and the statements the guard ran to check their scope on its own.
 */
async function sharedVisits(app: TestApp, roles: RoleFixture, who: Who, fields: string) {
  const { household, ofA, ofB } = shared.get(app)!;
  app.queries.length = 0;
  const rows = dataOf(
    await app.graphql(
      `{ allHouseholds(filter: { ids: ["${household}"] }) { id visits { ${fields} } } }`,
      {},
      { cookie: roles.cookies[who] },
    ),
  ).allHouseholds as { visits: { id: string }[] }[];
  return {
    shown: rows[0]!.visits.map((visit) => visit.id).filter((id) => id === ofA || id === ofB),
    guardAsked: app.queries.filter((sql) => /FROM "visits" "r" WHERE "r"\."id" = ANY/.test(sql)),
    ofA,
    ofB,
  };
}
const shared = new Map<TestApp, Awaited<ReturnType<typeof householdTwoAgenciesVisit>>>();

describe("a child list of another agency's records", () => {
  it('leaves them out for an officer, known from the statement that read the list', async () => {
    shared.set(app, await householdTwoAgenciesVisit(app, roles));
    const admin = await sharedVisits(app, roles, 'admin', 'id');
    expect([...admin.shown].sort()).toEqual([admin.ofA, admin.ofB].sort());
    for (const fields of ['id', 'id visitDate']) {
      const officerA = await sharedVisits(app, roles, 'officerA', fields);
      expect(officerA.shown, fields).toEqual([officerA.ofA]);
      // The statement that read the visits said which are in scope: the guard asked no more.
      expect(officerA.guardAsked, fields).toEqual([]);
    }
    const officerB = await sharedVisits(app, roles, 'officerB', 'id');
    expect(officerB.shown).toEqual([officerB.ofB]);
  });

  describe("with row-level security out of the way (the services' scope alone)", () => {
    let owner: TestApp;
    let ownerRoles: RoleFixture;
    beforeAll(async () => {
      owner = await startTestApp({ requestsAs: 'owner' });
      ownerRoles = await signInRoles(owner);
      shared.set(owner, await householdTwoAgenciesVisit(owner, ownerRoles));
    });
    afterAll(() => owner?.close());

    it('still leaves them out: the statement read them and found them outside the scope', async () => {
      for (const fields of ['id', 'id visitDate']) {
        const officerA = await sharedVisits(owner, ownerRoles, 'officerA', fields);
        expect(officerA.shown, fields).toEqual([officerA.ofA]);
        expect(officerA.guardAsked, fields).toEqual([]);
      }
    });
  });
});
