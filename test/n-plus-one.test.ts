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
  /**
   * The officer's visit page with its references as `{ id }` (`directive` on each reference), and
   * the statements that read `table` with an alias matching `alias`.
   */
  async function visitPage(directive: string) {
    const fx = await signInRoles(app);
    app.queries.length = 0;
    const data = dataOf(
      await app.graphql(
        `{ allVisits(perPage: 25) { id householdId household ${directive} { id } groupId group ${directive} { id } } }`,
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
    const statements = [...app.queries];
    return (table: string, alias: string) =>
      statements.filter((sql) => new RegExp(`FROM "${table}" "?${alias}"?\\s`).test(sql));
  }

  it('reads them with the page, in one statement, and loads none of them', async () => {
    const reading = await visitPage('');
    // One statement reads both, each under the officer's scope (reference-prefetch.ts).
    expect(reading('households', '\\w+')).toHaveLength(1);
    expect(reading('support_groups', '\\w+')).toEqual(reading('households', '\\w+'));
    const [statement] = reading('households', '\\w+');
    // The page's own statement: its rows and their references, read together.
    expect(statement).toMatch(/\(SELECT json_build_object/);
    expect(statement).toMatch(/FROM "visits" "r" .*LIMIT 25/s);
    expect(reading('visits', '\\w+')).toEqual([statement]);
  });

  it('asks once per referenced table which of them are in scope when they are resolved one by one', async () => {
    const reading = await visitPage('@include(if: true)');
    expect(reading('households', 'r')).toHaveLength(1);
    expect(reading('support_groups', 'r')).toHaveLength(1);
    expect(reading('households', 'r')[0]).toMatch(/^SELECT "r"\."id" AS "id" FROM/);
  });
});
