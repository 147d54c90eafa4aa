import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/*
 * A list reads the references it asks for with its rows (reference-prefetch.ts). Asked with a
 * directive, a reference is resolved field by field as before, so every page below is asked both
 * ways, by every role, and must answer the same and log the same personal records.
 */

let app: TestApp;
let fx: RoleFixture;
/** A household of agency A that a group of agency B helps as well. */
let sharedHousehold: string;
let groupOfB: string;

const PAGES = {
  households: `{ allHouseholds(perPage: 40) {
      id headName version
      village { id name code parent { id name } }
      organization { id name shortName }
      groups { id name organization { id name } }
    } }`,
  visits: `{ allVisits(perPage: 40) {
      id householdId
      household { id headName address village { name } }
      group { id name organization { name } leader { id fullName } }
      participants { id fullName }
    } }`,
  groups: `{ allSupportGroups(perPage: 40) {
      id name
      organization { id name }
      leader { id fullName }
      partnership { id commune { name parent { name } } }
      households { id headName }
    } }`,
  partnerships: `{ allPartnerships(perPage: 40) {
      id name commune { id name parent { name } } plan { id code } sponsors { id name }
    } }`,
  aspirations: `{ allAspirations(perPage: 40) {
      id household { id headName } authority { id name } visit { id }
    } }`,
  members: `{ allHouseholdMembers(perPage: 40) { id fullName household { id headName } } }`,
  // `standard` is the standard's name as recorded; a relation is declared by the same name.
  reviews: `{ allPovertyReviews(perPage: 40) { id year standard standardEdition result household { id headName } } }`,
  progress: `{ allProgressEntries(perPage: 40) {
      id commitment { id title responsibleOrganization { name } memorandum { id partnership { id name } } }
    } }`,
};

/** The same query with every nested selection behind `@include(if: true)`: resolved as before. */
function fieldByField(query: string): string {
  let depth = 0;
  return query.replace(/(\w+)\s*\{|\{|\}/g, (match, name: string | undefined) => {
    if (match === '}') {
      depth--;
      return match;
    }
    depth++;
    // depth 1: the operation; depth 2: the list field itself; deeper: its references.
    return name && depth > 2 ? `${name} @include(if: true) {` : match;
  });
}

const isPrefetch = (sql: string) => /json_build_object/.test(sql);

const ROLES = ['admin', 'officerA', 'officerB', 'memberA', 'analyst', 'viewer'] as const;

async function ask(query: string, cookie: string) {
  const [{ last }] = (await app.db.query(
    'SELECT coalesce(max(id), 0) AS last FROM access_log',
  )) as { last: string }[];
  app.queries.length = 0;
  const response = await app.graphql(query, {}, { cookie });
  const statements = [...app.queries];
  const logged = (await app.db.query(
    `SELECT resource, action, record_ids::text[] AS records, household_ids::text[] AS households
       FROM access_log WHERE id > $1 ORDER BY resource`,
    [last],
  )) as { resource: string; action: string; records: string[]; households: string[] }[];
  for (const row of logged) {
    row.records.sort();
    row.households.sort();
  }
  const answer = JSON.parse(JSON.stringify(response.body)) as {
    errors?: { extensions?: Record<string, unknown> }[];
  };
  for (const error of answer.errors ?? []) delete error.extensions?.requestId;
  return { answer, logged, statements };
}

/**
 * Asks `query` with its references read with the page and resolved one by one, as `role`:
 * both must answer the same and log the same personal records.
 */
async function bothWays(query: string, role: (typeof ROLES)[number], label: string) {
  const together = await ask(query, fx.cookies[role]);
  const alone = await ask(fieldByField(query), fx.cookies[role]);
  expect(together.answer, label).toEqual(alone.answer);
  expect(together.logged, `${label}: access log`).toEqual(alone.logged);
  // Not a comparison of two empty or refused pages (for the administrator, who reads them all).
  if (role === 'admin')
    expect(JSON.stringify(together.answer), label).not.toMatch(/"errors"|\[\]\}\}$/);
  return { together, alone };
}

/** The ids a statement of the test's own returns (as `id`). */
const idsOf = async (sql: string, params: unknown[]) =>
  ((await app.db.query(sql, params)) as { id: string }[]).map((row) => row.id);

beforeAll(async () => {
  app = await startTestApp();
  fx = await signInRoles(app);
  groupOfB = fx.agencyB.groupIds[0]!;
  const [own] = (await app.db.query(
    `SELECT h.id FROM households h WHERE h.organization_id = $1
        AND NOT EXISTS (SELECT 1 FROM support_group_households l
                         WHERE l.household_id = h.id AND l.support_group_id = $2)
      ORDER BY h.head_name LIMIT 1`,
    [fx.agencyA.organizationId, groupOfB],
  )) as { id: string }[];
  sharedHousehold = own!.id;
  await app.db.query(
    'INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)',
    [groupOfB, sharedHousehold],
  );
  const { allCommitments } = dataOf(
    await app.graphql('{ allCommitments(perPage: 10) { id } }', {}, { cookie: fx.cookies.admin }),
  );
  for (const [i, commitment] of (allCommitments as { id: string }[]).entries())
    dataOf(
      await app.graphql(
        `mutation ($c: ID!) { createProgressEntry(commitmentId: $c, entryDate: "2014-0${(i % 9) + 1}-15",
           description: "Đã thực hiện", quantity: 0) { id } }`,
        { c: commitment.id },
        { cookie: fx.cookies.admin },
      ),
    );
});
afterAll(() => app.close());

describe('a list page reading its references with its rows', () => {
  it('answers every page, for every role, as resolving each reference on its own does', async () => {
    for (const [page, query] of Object.entries(PAGES)) {
      for (const role of ROLES) {
        const label = `${page} as ${role}`;
        const { together, alone } = await bothWays(query, role, label);
        // The administrator's page reads references with its rows, and the fallback apart.
        if (role === 'admin') {
          expect(together.statements.filter(isPrefetch), label).toHaveLength(1);
          expect(alone.statements.filter(isPrefetch), label).toHaveLength(0);
        }
      }
    }
  });

  it('reads them in one statement instead of one per referenced table', async () => {
    const together = await ask(PAGES.households, fx.cookies.admin);
    const alone = await ask(fieldByField(PAGES.households), fx.cookies.admin);
    const prefetch = together.statements.filter(isPrefetch);
    expect(prefetch).toHaveLength(1);
    // The first page's own statement reads them, with its rows: no statement reads the page's
    // households again by id.
    expect(prefetch[0]).toMatch(/FROM "households" "r" .*LIMIT 40/s);
    expect(together.statements.filter((sql) => /FROM "households" r? ?WHERE/.test(sql))).toEqual(
      [],
    );
    // villages, their communes, agencies, groups' ids, groups and their agencies: none of them a
    // statement of its own.
    expect(alone.statements.length - together.statements.length).toBeGreaterThanOrEqual(5);
    const officer = await ask(PAGES.households, fx.cookies.officerA);
    // The groups read with the page are known to be in scope: no second statement asks again.
    expect(officer.statements.filter((sql) => /FROM "support_groups" "?r"?\s/.test(sql))).toEqual(
      [],
    );
  });

  it('reads only the columns its fields read, and whole rows for a field resolved by code', async () => {
    const listOf = (statements: string[]) =>
      statements.filter((sql) => /FROM "households" "r" .*LIMIT 40/s.test(sql));
    const page = await ask(PAGES.households, fx.cookies.admin);
    const [list] = listOf(page.statements);
    // The page shows no address, circumstances or consent, and no dates TypeORM would parse.
    expect(list).toMatch(/"r"\."head_name"/);
    expect(list).toMatch(/"r"\."village_id"/);
    expect(list).not.toMatch(/"r"\."(address|circumstances|consent_date|created_at)"/);
    const circumstances = await ask(
      '{ allHouseholds(perPage: 40) { id headName circumstances } }',
      fx.cookies.admin,
    );
    expect(listOf(circumstances.statements)[0]).toMatch(/"r"\."circumstances"/);
    expect(listOf(circumstances.statements)[0]).not.toMatch(/"r"\."address"/);
    const shown = circumstances.answer as {
      data: { allHouseholds: { circumstances: string | null }[] };
    };
    expect(shown.data.allHouseholds.length).toBeGreaterThan(0);
    for (const household of shown.data.allHouseholds) expect(household.circumstances).toBeTruthy();
    // povertyOutcome is computed by code from the record: it reads every column.
    const computed = await ask(
      '{ allHouseholds(perPage: 40) { id povertyOutcome { latestYear } } }',
      fx.cookies.admin,
    );
    expect(listOf(computed.statements)[0]).toMatch(/"r"\."address"/);
  });

  it('logs the households of the members a page shows, though it asks only their names', async () => {
    const { answer, logged, statements } = await ask(
      '{ allHouseholdMembers(perPage: 40) { id fullName } }',
      fx.cookies.admin,
    );
    const members = (answer as { data: { allHouseholdMembers: { id: string }[] } }).data
      .allHouseholdMembers;
    expect(members.length).toBeGreaterThan(0);
    // Read without the columns nobody asked for (citizen ids, birth years…).
    expect(statements.find((sql) => /FROM "household_members" "r"/.test(sql))).not.toMatch(
      /"r"\."(citizen_id|birth_year)" AS "/,
    );
    const ids = members.map((member) => member.id);
    const households = await idsOf(
      'SELECT DISTINCT household_id::text AS id FROM household_members WHERE id = ANY($1) ORDER BY 1',
      [ids],
    );
    expect(logged).toEqual([
      { resource: 'HouseholdMember', action: 'READ', records: [...ids].sort(), households },
    ]);
  });

  it("reads a later page's references in one statement of their own, and answers as resolving each does", async () => {
    // PostgreSQL would compute the references of every row OFFSET skips (crud.service.ts).
    const later = (query: string) => query.replace('(perPage: 40)', '(perPage: 3, page: 1)');
    for (const page of ['households', 'visits'] as const) {
      for (const role of ROLES) {
        const label = `${page}, page 2, as ${role}`;
        const { together } = await bothWays(later(PAGES[page]), role, label);
        if (role === 'admin') {
          const prefetch = together.statements.filter(isPrefetch);
          expect(prefetch, label).toHaveLength(1);
          expect(prefetch[0], label).toMatch(/ r WHERE r\.id = ANY\(\$1::uuid\[\]\)$/);
        }
      }
    }
  });

  it("shows an officer only their own agency's groups of a household another agency helps too", async () => {
    const query = `{ allHouseholds(perPage: 1, filter: { ids: ["${sharedHousehold}"] }) {
        id groups { id organization { id } } } }`;
    const linked = await idsOf(
      'SELECT support_group_id AS id FROM support_group_households WHERE household_id = $1 ORDER BY 1',
      [sharedHousehold],
    );
    expect(linked).toContain(groupOfB);

    const asAdmin = dataOf(await app.graphql(query, {}, { cookie: fx.cookies.admin }));
    expect(asAdmin.allHouseholds[0].groups.map((g: { id: string }) => g.id)).toEqual(linked);

    const asOfficer = dataOf(await app.graphql(query, {}, { cookie: fx.cookies.officerA }));
    const shown = asOfficer.allHouseholds[0].groups as {
      id: string;
      organization: { id: string };
    }[];
    // The officer's groups are their agency's (the access matrix's agency records).
    expect(shown.map((g) => g.id)).toEqual(linked.filter((id) => fx.agencyA.groupIds.includes(id)));
    expect(shown.map((g) => g.id)).not.toContain(groupOfB);
    for (const group of shown) expect(group.organization.id).toBe(fx.agencyA.organizationId);
  });
});
