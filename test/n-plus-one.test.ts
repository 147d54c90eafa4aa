import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';

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
