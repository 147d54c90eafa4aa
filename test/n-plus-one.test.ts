import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles } from './support/roles';

let app: TestApp;
let cookie: string;

const PAGE = `query ($perPage: Int!) {
  allProgressEntries(perPage: $perPage, sortField: "entryDate", sortOrder: "ASC") {
    id entryDate quantity
    commitment {
      title status achievedQuantity
      responsibleOrganization { name }
      memorandum { title parties { name } partnership { name sponsors { name } commune { name parent { name } } plan { code } } }
    }
  }
}`;

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  const { allCommitments } = dataOf(
    await app.graphql('{ allCommitments(perPage: 100) { id } }', {}, { cookie }),
  );
  for (let i = 0; i < 30; i++) {
    dataOf(
      await app.graphql(
        'mutation ($c: ID!, $d: LocalDate!) { createProgressEntry(commitmentId: $c, entryDate: $d, description: "Đã thực hiện", quantity: 0) { id } }',
        { c: allCommitments[i % allCommitments.length].id, d: `2014-0${(i % 9) + 1}-15` },
        { cookie },
      ),
    );
  }
});
afterAll(() => app.close());

async function statementsFor(perPage: number) {
  app.queries.length = 0;
  const data = dataOf(await app.graphql(PAGE, { perPage }, { cookie }));
  expect(data.allProgressEntries).toHaveLength(perPage);
  expect(data.allProgressEntries[0].commitment.memorandum.partnership.commune.name).toBe(
    'Xuân Sơn Bắc',
  );
  return [...app.queries];
}

describe('a list page with its references', () => {
  it('costs the same number of SQL statements for 5 rows as for 25 (references are batched)', async () => {
    const five = await statementsFor(5);
    const twentyFive = await statementsFor(25);
    expect(twentyFive.length).toBe(five.length);
    // session + list + one batch per reference level (commitment, organization, memorandum, parties,
    // partnership, sponsors, commune, parent, plan, progress totals) and nothing per row, plus the
    // request's transaction: BEGIN, the settings row-level security reads, COMMIT.
    expect(twentyFive.length).toBeLessThanOrEqual(17);
  });
});

describe("an officer's list with its references asked as { id }, as the admin sends them", () => {
  it('reads them with the page, in one statement, and loads none of them', async () => {
    const fx = await signInRoles(app);
    app.queries.length = 0;
    const data = dataOf(
      await app.graphql(
        '{ allVisits(perPage: 25) { id householdId household { id } groupId group { id } } }',
        {},
        { cookie: fx.cookies.officerA },
      ),
    );
    expect(data.allVisits.length).toBeGreaterThan(0);
    for (const visit of data.allVisits) {
      expect(visit.household?.id).toBe(visit.householdId);
      expect(visit.group?.id).toBe(visit.groupId);
    }
    const reading = (table: string) =>
      app.queries.filter((sql) => new RegExp(`FROM "${table}" "?\\w+"?\\s`).test(sql));
    // One statement reads both, each under the officer's scope (reference-prefetch.ts).
    expect(reading('households')).toHaveLength(1);
    expect(reading('support_groups')).toEqual(reading('households'));
    expect(reading('households')[0]).toMatch(/^SELECT r\.id AS id, \(SELECT json_build_object/);
    expect(reading('households')[0]).toMatch(/FROM "visits" r WHERE r\.id = ANY/);
  });

  it('asks once per referenced table which of them are in scope when they are resolved one by one', async () => {
    const fx = await signInRoles(app);
    app.queries.length = 0;
    const data = dataOf(
      await app.graphql(
        '{ allVisits(perPage: 25) { id householdId household @include(if: true) { id } groupId group @include(if: true) { id } } }',
        {},
        { cookie: fx.cookies.officerA },
      ),
    );
    expect(data.allVisits.length).toBeGreaterThan(0);
    // The officer's visits are their groups' visits, to households those groups help: shown.
    for (const visit of data.allVisits) {
      expect(visit.household?.id).toBe(visit.householdId);
      expect(visit.group?.id).toBe(visit.groupId);
    }
    const reading = (table: string) =>
      app.queries.filter((sql) => new RegExp(`FROM "${table}" "?r"?\\s`).test(sql));
    expect(reading('households')).toHaveLength(1);
    expect(reading('support_groups')).toHaveLength(1);
    expect(reading('households')[0]).toMatch(/^SELECT "r"\."id" AS "id" FROM/);
  });
});
