/**
 * A request opens with one statement on its own connection: its session looked up (and the idle
 * timer touched at most once a minute), its settings set, a scoped role's groups read. The touch
 * then holds the session's row until the request commits, so another request of the same session
 * must never wait for it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles } from './support/roles';

let app: TestApp;
let cookie: string;
let tokenHash: string;

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  tokenHash = createHash('sha256').update(cookie.split('=')[1]!).digest('hex');
});
afterAll(() => app?.close());

const me = async () =>
  (
    dataOf(await app.graphql('{ me { username role } }', {}, { cookie })) as {
      me: { username: string } | null;
    }
  ).me;

describe('opening a request', () => {
  it('looks the session up in the statement that sets who is asking', async () => {
    app.queries.length = 0;
    expect(await me()).toMatchObject({ username: app.adminUsername });
    const sent = [...app.queries];
    const lookups = sent.filter((text) => text.includes('app_session_account'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toContain(`set_config('app.user_id'`);
    // Only the transaction's start comes before it.
    expect(sent.indexOf(lookups[0]!)).toBe(1);
  });

  it('answers a session due for its touch while another transaction holds its row', async () => {
    // The owner's own connection, for a transaction of its own.
    const owner = app.db.createQueryRunner();
    await owner.connect();
    try {
      await owner.query(
        `UPDATE sessions SET last_seen_at = now() - interval '2 minutes' WHERE token_hash = $1`,
        [tokenHash],
      );
      await owner.query('BEGIN');
      await owner.query('SELECT 1 FROM sessions WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
      const started = Date.now();
      const answer = await Promise.race([
        me(),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000)),
      ]);
      expect(answer).toMatchObject({ username: app.adminUsername });
      expect(Date.now() - started).toBeLessThan(5_000);
      await owner.query('ROLLBACK');
      // Nobody held the row this time: the touch happened.
      expect(await me()).toMatchObject({ username: app.adminUsername });
      const [{ touched }] = (await owner.query(
        `SELECT now() - last_seen_at < interval '1 minute' AS touched FROM sessions WHERE token_hash = $1`,
        [tokenHash],
      )) as { touched: boolean }[];
      expect(touched).toBe(true);
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.release();
    }
  });
});

describe('the statements every request sends', () => {
  it('are prepared once on a connection and run again from there', async () => {
    // One connection for requests, so what it keeps prepared can be read on it afterwards.
    const single = await startTestApp({ poolSize: 1 });
    try {
      const admin = await single.login();
      for (let i = 0; i < 3; i++) {
        const data = dataOf(
          await single.graphql(
            '{ allHouseholds(perPage: 5) { id village { name } groups { id } } _allHouseholdsMeta { count } }',
            {},
            { cookie: admin },
          ),
        ) as { allHouseholds: { village: { name: string } }[] };
        expect(data.allHouseholds[0]!.village.name).toBeTruthy();
      }
      const kept = (await single.appDb.query(
        `SELECT name, generic_plans + custom_plans AS runs FROM pg_prepared_statements
          WHERE name LIKE 'plan68_%' ORDER BY name`,
      )) as { name: string; runs: string }[];
      const runs = Object.fromEntries(kept.map((row) => [row.name, Number(row.runs)]));
      // Three requests after the sign-in, each opened, reading villages and the kept count.
      expect(runs.plan68_open_with_session).toBeGreaterThanOrEqual(3);
      expect(runs.plan68_by_id_administrative_units).toBe(3);
      expect(runs.plan68_kept_count).toBe(3);
      // Statements of a shape made at run time: the page's id lists, its access-log rows.
      const ofShape = (prefix: string) =>
        Object.entries(runs)
          .filter(([name]) => name.startsWith(prefix))
          .map(([, n]) => n);
      expect(ofShape('plan68_id_lists_')).toEqual([3]);
      expect(ofShape('plan68_access_log_')).toEqual([3]);
    } finally {
      await single.close();
    }
  });

  it('check which referenced records an officer may read by one statement per table, whatever the number of ids', async () => {
    const single = await startTestApp({ poolSize: 1 });
    try {
      const { cookies } = await signInRoles(single);
      // Pages of different lengths reference different numbers of households and staff.
      const shown: number[] = [];
      for (const perPage of [1, 3, 1000]) {
        const data = dataOf(
          await single.graphql(
            `{ allVisits(perPage: ${perPage}) { id household { id } participants { id } } }`,
            {},
            { cookie: cookies.officerA },
          ),
        ) as { allVisits: unknown[] };
        shown.push(data.allVisits.length);
      }
      expect(shown[2]).toBeGreaterThan(shown[1]!);
      const kept = (await single.appDb.query(
        `SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements
          WHERE name LIKE 'plan68_visible_%'`,
      )) as { statement: string; runs: string }[];
      for (const table of ['households', 'staff_members']) {
        const ofTable = kept.filter((row) => row.statement.includes(`FROM "${table}"`));
        expect(
          ofTable.map((row) => Number(row.runs)),
          table,
        ).toEqual([3]);
      }
    } finally {
      await single.close();
    }
  });

  it("read an officer's household dashboard from statements prepared once on the connection", async () => {
    const single = await startTestApp({ poolSize: 1 });
    try {
      const { cookies } = await signInRoles(single);
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const data = dataOf(
          await single.graphql(
            '{ householdOverview { householdCount groupsWithoutRecentVisitCount openAspirationCount } }',
            {},
            { cookie: cookies.officerA },
          ),
        ) as { householdOverview: { householdCount: number } };
        counts.push(data.householdOverview.householdCount);
      }
      expect(counts[0]).toBeGreaterThan(0);
      const kept = (await single.appDb.query(
        `SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements
          WHERE name LIKE 'plan68_overview_%'`,
      )) as { statement: string; runs: string }[];
      // The scope's households, its quiet groups, its open aspirations by age.
      for (const table of ['households h', 'support_groups g', 'aspirations a']) {
        const ofTable = kept.filter((row) => row.statement.includes(`FROM ${table}`));
        expect(
          ofTable.map((row) => Number(row.runs)),
          table,
        ).toEqual([3]);
      }
    } finally {
      await single.close();
    }
  });
});
