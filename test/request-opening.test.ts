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

/** An app whose requests share one connection, so what it keeps prepared can be read on it. */
async function onOneConnection(work: (single: TestApp) => Promise<void>) {
  const single = await startTestApp({ poolSize: 1 });
  try {
    await work(single);
  } finally {
    await single.close();
  }
}

/** The statements kept prepared under names starting with `prefix`, and how often each ran. */
async function preparedRuns(single: TestApp, prefix: string) {
  const rows = (await single.appDb.query(
    `SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements
      WHERE starts_with(name, $1) ORDER BY name`,
    [prefix],
  )) as { name: string; statement: string; runs: string }[];
  return rows.map((row) => ({ ...row, runs: Number(row.runs) }));
}

/** The runs of each statement reading from `from` ('FROM "households"', 'FROM aspirations a'…). */
const runsFrom = (kept: { statement: string; runs: number }[], from: string) =>
  kept.filter((row) => row.statement.includes(from)).map((row) => row.runs);

describe('the statements every request sends', () => {
  it('are prepared once on a connection and run again from there', () =>
    onOneConnection(async (single) => {
      const admin = await single.login();
      for (let i = 0; i < 3; i++) {
        // The page reads its villages with its rows (reference-prefetch.ts); asked behind a
        // directive, they are loaded by id as a single record's references are.
        // A later page reads them in a statement of its own (crud.service.ts, READ_WITH_MARK).
        for (const [village, page] of [
          ['village', 0],
          ['village @include(if: true)', 0],
          ['village', 1],
        ] as const) {
          const data = dataOf(
            await single.graphql(
              `{ allHouseholds(perPage: 5, page: ${page}) { id ${village} { name } groups { id } } _allHouseholdsMeta { count } }`,
              {},
              { cookie: admin },
            ),
          ) as { allHouseholds: { village: { name: string } }[] };
          expect(data.allHouseholds[0]!.village.name).toBeTruthy();
        }
      }
      const kept = await preparedRuns(single, 'plan68_');
      const runs = Object.fromEntries(kept.map((row) => [row.name, row.runs]));
      // Nine requests after the sign-in, each opened and reading the kept count.
      expect(runs.plan68_open_with_session).toBeGreaterThanOrEqual(9);
      expect(runs.plan68_by_id_administrative_units).toBe(3);
      expect(runs.plan68_kept_count).toBe(9);
      // Statements of a shape made at run time: the first page with and without its references,
      // the later page's references, its id lists, its access-log rows.
      const ofShape = (prefix: string) =>
        kept.filter((row) => row.name.startsWith(prefix)).map((row) => row.runs);
      expect(ofShape('plan68_list_')).toEqual([3, 3]);
      expect(ofShape('plan68_prefetch_')).toEqual([3]);
      expect(ofShape('plan68_id_lists_')).toEqual([9]);
      expect(ofShape('plan68_access_log_')).toEqual([9]);
    }));

  it('check which referenced records an officer may read by one statement per table, whatever the number of ids', () =>
    onOneConnection(async (single) => {
      const { cookies } = await signInRoles(single);
      // Pages of different lengths reference different numbers of households and staff.
      const shown: number[] = [];
      for (const perPage of [1, 3, 1000]) {
        const data = dataOf(
          await single.graphql(
            // Behind a directive, as a single record's references are checked (a page reads
            // them with its rows: reference-prefetch.test.ts).
            `{ allVisits(perPage: ${perPage}) { id household @include(if: true) { id } participants @include(if: true) { id } } }`,
            {},
            { cookie: cookies.officerA },
          ),
        ) as { allVisits: unknown[] };
        shown.push(data.allVisits.length);
      }
      expect(shown[2]).toBeGreaterThan(shown[1]!);
      const kept = await preparedRuns(single, 'plan68_visible_');
      for (const table of ['households', 'staff_members'])
        expect(runsFrom(kept, `FROM "${table}"`), table).toEqual([3]);
    }));

  it("read an officer's household dashboard from statements prepared once on the connection", () =>
    onOneConnection(async (single) => {
      const { cookies } = await signInRoles(single);
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const data = dataOf(
          await single.graphql(
            '{ householdOverview { householdCount groupsWithoutRecentVisitCount openAspirationCount groupsWithoutRecentVisit { id name } } }',
            {},
            { cookie: cookies.officerA },
          ),
        ) as {
          householdOverview: {
            householdCount: number;
            groupsWithoutRecentVisitCount: number;
            groupsWithoutRecentVisit: { name: string }[];
          };
        };
        counts.push(data.householdOverview.householdCount);
        const quiet = data.householdOverview.groupsWithoutRecentVisit;
        expect(quiet.length).toBeGreaterThan(0);
        expect(quiet.length).toBe(data.householdOverview.groupsWithoutRecentVisitCount);
        for (const group of quiet) expect(group.name).toBeTruthy();
      }
      expect(counts[0]).toBeGreaterThan(0);
      const kept = await preparedRuns(single, 'plan68_overview_');
      // The scope's households, their figures (escapes, categories over the years), its quiet
      // groups (read whole, not again by id), its open aspirations by age.
      for (const table of [
        'households h',
        'household_poverty_outcomes o',
        'support_groups g',
        'aspirations a',
      ])
        expect(runsFrom(kept, `FROM ${table}`), table).toEqual([3]);
      expect(await preparedRuns(single, 'plan68_by_id_support_groups')).toEqual([]);
    }));

  it("read a list's first page and its count from statements prepared once on the connection", () =>
    onOneConnection(async (single) => {
      const { cookies } = await signInRoles(single);
      const ask = async (cookie: string, query: string) =>
        dataOf(await single.graphql(query, {}, { cookie })) as Record<string, unknown[]>;
      const fields = 'id headName consentDate createdAt needs village { id }';
      let first: { id: string; headName: string }[] = [];
      const totals: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await ask(
          cookies.officerA,
          `{ items: allHouseholds(perPage: 4) { ${fields} } total: _allHouseholdsMeta { count } }`,
        );
        first = answer.items as typeof first;
        totals.push(answer.total);
      }
      expect(first).toHaveLength(4);
      const kept = async (prefix: string) =>
        runsFrom(await preparedRuns(single, prefix), 'FROM "households"');
      expect(await kept('plan68_list_')).toEqual([3]);
      // The officer's page reads every household of the scope to sort them: it counts them too.
      expect(await kept('plan68_count_')).toEqual([]);
      // A total asked alone is counted by itself, prepared as well, and says the same.
      for (let i = 0; i < 3; i++)
        expect(
          (await ask(cookies.officerA, '{ total: _allHouseholdsMeta { count } }')).total,
        ).toEqual(totals[0]);
      expect(new Set(totals.map((total) => JSON.stringify(total))).size).toBe(1);
      expect((totals[0] as { count: number }).count).toBeGreaterThan(4);
      expect(await kept('plan68_count_')).toEqual([3]);

      // A later page is planned as before: it holds the same records as the prepared first page,
      // read and converted the same way (dates, timestamps, lists).
      const later = await ask(
        cookies.officerA,
        `{ items: allHouseholds(page: 1, perPage: 2) { ${fields} } }`,
      );
      expect(later.items).toEqual(first.slice(2));
      // So is a search, whose plan depends on its words.
      const found = await ask(
        cookies.officerA,
        `{ items: allHouseholds(filter: { q: ${JSON.stringify(first[0]!.headName)} }) { id } _allHouseholdsMeta(filter: { q: ${JSON.stringify(first[0]!.headName)} }) { count } }`,
      );
      expect(found.items).toContainEqual({ id: first[0]!.id });
      expect(await kept('plan68_list_')).toEqual([3]);
      expect(await kept('plan68_count_')).toEqual([3]);

      // Money comes as integer VND either way.
      const money = 'id amount paidDate';
      const ledger = await ask(
        cookies.admin,
        `{ items: allContributions(perPage: 4) { ${money} } }`,
      );
      expect(ledger.items).toHaveLength(4);
      const ledgerLater = await ask(
        cookies.admin,
        `{ items: allContributions(page: 1, perPage: 2) { ${money} } }`,
      );
      expect(ledgerLater.items).toEqual(ledger.items.slice(2));
    }));
});
