/**
 * A statement PostgreSQL stops at the statement timeout (a broad search over a whole country's
 * households can run past it) answers TIMEOUT: the caller is told to narrow what they asked, not
 * that the server failed. The request writes nothing, and the server goes on answering.
 *
 * The timeout is made short here (1 s instead of 30 s), and a statement is made to run past it by
 * waiting on a lock the test holds on the table it reads or writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { signInRoles } from './support/roles';

let app: TestApp;
let cookie: string;
let villageId: string;
beforeAll(async () => {
  app = await startTestApp({ statementTimeoutMs: 1_000 });
  cookie = await app.login();
  [{ village_id: villageId }] = (await app.db.query(
    'SELECT village_id FROM households ORDER BY id LIMIT 1',
  )) as { village_id: string }[];
}, 60_000);
afterAll(() => app?.close());

/** Runs `work` while another session holds `table` locked against everyone, then lets go. */
async function whileLocked<T>(table: string, work: () => Promise<T>): Promise<T> {
  const runner = app.db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    return await work();
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

const LIST = `query ($q: String) {
  items: allHouseholds(perPage: 25, filter: { q: $q }) { id headName }
  total: _allHouseholdsMeta(filter: { q: $q }) { count } }`;

describe('a statement stopped at the statement timeout', () => {
  it('answers TIMEOUT, saying what to do, with the request id of the log and no SQL', async () => {
    const response = await whileLocked('households', () =>
      app.graphql(LIST, { q: 'nguyen' }, { cookie }),
    );
    const [first] = response.body.errors ?? [];
    expect(first?.extensions).toEqual({
      code: 'TIMEOUT',
      requestId: response.headers.get('x-request-id'),
    });
    expect(first?.message).toMatch(/ran too long.*narrow it/);
    // Nothing else is said of it: the total is read with the page (a search's count(*) OVER ()).
    expect(new Set(response.body.errors?.map((e) => e.extensions?.code))).toEqual(
      new Set(['TIMEOUT']),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/SELECT|FROM|households|plan68_|canceling/);
  });

  it("stops an officer's page and the total it counts, and answers at once", async () => {
    // An officer's page of members counts its own total (page-totals.test.ts): the total the
    // request asks with it is that statement's, so it is stopped with the page, with one code.
    const { cookies } = await signInRoles(app);
    const started = Date.now();
    const response = await whileLocked('household_members', () =>
      app.graphql(
        '{ items: allHouseholdMembers(perPage: 25) { id } total: _allHouseholdMembersMeta { count } }',
        {},
        { cookie: cookies.officerA },
      ),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.body.data).toBeNull();
    expect(new Set(response.body.errors?.map((e) => e.extensions?.code))).toEqual(
      new Set(['TIMEOUT']),
    );
    // Asked again without the lock, both answer.
    const again = await app.graphql(
      '{ items: allHouseholdMembers(perPage: 25) { id } total: _allHouseholdMembersMeta { count } }',
      {},
      { cookie: cookies.officerA },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.total.count).toBeGreaterThan(0);
  }, 30_000);

  it('writes nothing of a change it stopped', async () => {
    const headName = 'Hộ Chờ Khóa (thử quá giờ)';
    const response = await whileLocked('households', () =>
      app.graphql(
        'mutation ($v: ID!, $n: String!) { createHousehold(villageId: $v, headName: $n) { id } }',
        { v: villageId, n: headName },
        { cookie },
      ),
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    const written = (await app.db.query(
      'SELECT count(*)::int AS n FROM households WHERE head_name = $1',
      [headName],
    )) as { n: number }[];
    expect(written[0]!.n).toBe(0);
  });

  it('leaves the server answering the next request as usual', async () => {
    const response = await app.graphql(LIST, { q: '' }, { cookie });
    expect(response.body.errors).toBeUndefined();
    const [{ n }] = (await app.db.query('SELECT count(*)::int AS n FROM households')) as {
      n: number;
    }[];
    expect(response.body.data.total.count).toBe(n);
  });

  it('keeps a statement that ends in time: the lock let go before the timeout, the list answers', async () => {
    const runner = app.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('LOCK TABLE households IN ACCESS EXCLUSIVE MODE');
    const answer = app.graphql(LIST, { q: '' }, { cookie });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await runner.rollbackTransaction();
    await runner.release();
    const response = await answer;
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.items.length).toBeGreaterThan(0);
  });
});
