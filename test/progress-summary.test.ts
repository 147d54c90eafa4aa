import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';

let app: TestApp;
let cookie: string;
let commitmentId: string;

const ACHIEVED =
  'query ($id: ID!) { Commitment(id: $id) { achievedQuantity status lastProgressDate } }';
const sumInTable = async (id: string) =>
  Number(
    (
      await app.db.query(
        'SELECT coalesce(sum(quantity), 0) AS sum FROM progress_entries WHERE commitment_id = $1',
        [id],
      )
    )[0].sum,
  );

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  const { allCommitments } = dataOf(
    await app.graphql(
      '{ allCommitments(filter: { q: "tủ sách pháp luật" }) { id } }',
      {},
      { cookie },
    ),
  );
  commitmentId = allCommitments[0].id;
});
afterAll(() => app.close());

describe('progress totals (kept by a trigger, read by lists and dashboards)', () => {
  it('stay exact under concurrent entries for the same commitment', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.graphql(
          'mutation ($c: ID!, $d: LocalDate!) { createProgressEntry(commitmentId: $c, entryDate: $d, description: "Bổ sung sách", quantity: 1) { id } }',
          { c: commitmentId, d: `2014-07-${String(i + 1).padStart(2, '0')}` },
          { cookie },
        ),
      ),
    );
    const { Commitment } = dataOf(await app.graphql(ACHIEVED, { id: commitmentId }, { cookie }));
    expect(Commitment.achievedQuantity).toBe(20);
    expect(await sumInTable(commitmentId)).toBe(20);
    expect(Commitment.lastProgressDate).toBe('2014-07-20');
    expect(Commitment.status).toBe('IN_PROGRESS');
  });

  it('follow changes made by SQL scripts too: bulk insert, move to another commitment, delete', async () => {
    const other = (await app.db.query(`SELECT id FROM commitments WHERE title = 'Chứng thực'`))[0]
      .id as string;
    await app.db.query(
      `INSERT INTO progress_entries (commitment_id, entry_date, description, quantity)
       SELECT $1, date '2014-08-01' + g, 'Nhập từ tệp', 2 FROM generate_series(1, 50) g`,
      [commitmentId],
    );
    expect(
      dataOf(await app.graphql(ACHIEVED, { id: commitmentId }, { cookie })).Commitment
        .achievedQuantity,
    ).toBe(120);
    await app.db.query(
      `UPDATE progress_entries SET commitment_id = $2 WHERE commitment_id = $1 AND description = 'Nhập từ tệp'`,
      [commitmentId, other],
    );
    expect(
      dataOf(await app.graphql(ACHIEVED, { id: commitmentId }, { cookie })).Commitment
        .achievedQuantity,
    ).toBe(20);
    expect(
      dataOf(await app.graphql(ACHIEVED, { id: other }, { cookie })).Commitment.achievedQuantity,
    ).toBe(100);
    await app.db.query('DELETE FROM progress_entries WHERE commitment_id = $1', [other]);
    const after = dataOf(await app.graphql(ACHIEVED, { id: other }, { cookie })).Commitment;
    expect(after).toEqual({ achievedQuantity: 0, status: 'NOT_STARTED', lastProgressDate: null });
    expect(await sumInTable(other)).toBe(0);
  });
});
