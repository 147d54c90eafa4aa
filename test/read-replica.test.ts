/**
 * The scale-out path on two real PostgreSQL servers: an embedded primary and a streaming hot
 * standby made from it, with the app's requests on the primary and READ_DATABASE_URL on the
 * standby. Where each statement ran is read from each server's own pg_stat_statements, not from
 * the app: dashboards and an analyst's lists run on the standby, lists of other roles and every
 * mutation on the primary, and what a read must still write (the access log) lands on the primary.
 * When the standby stops, reads fall back to the primary and come back when it returns.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../server/src/app';
import { Role } from '../server/src/common/roles';
import { appRoleUrl, setAppRolePassword } from '../server/src/db/app-role';
import { createDataSource, openDatabase } from '../server/src/db/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../server/src/db/embedded';
import { seedDemoIfEmpty } from '../server/src/db/seed/demo';
import { createUser } from '../server/src/modules/user/auth.service';
import { makeStandby, type Standby } from './support/standby';

const DATABASE = 'plan68';
let folder: string;
let primary: EmbeddedPostgres | null = null;
let standby: Standby | null = null;
let owner: DataSource | null = null;
let appDb: DataSource | null = null;
let app: App | null = null;
let baseUrl: string;
/** Superuser sessions on each server, to read what ran where. */
let onPrimary: pg.Client;
let onStandby: pg.Client;
const cookies: Record<'admin' | 'analyst' | 'viewer', string> = {
  admin: '',
  analyst: '',
  viewer: '',
};
let analystId: string;

async function graphql(query: string, cookie?: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  return { body, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

async function data(query: string, cookie: string, variables: Record<string, unknown> = {}) {
  const { body } = await graphql(query, cookie, variables);
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Executions, on one server, of statements whose text matches `pattern` (pg_stat_statements). */
async function ran(client: pg.Client, pattern: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT coalesce(sum(calls), 0)::int AS n FROM pg_stat_statements s
       JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 AND s.query ~* $2`,
    [DATABASE, pattern],
  );
  return rows[0]!.n;
}

/** What `work` made each server run, for statements matching `pattern`. */
async function where(pattern: string, work: () => Promise<unknown>) {
  const before = { primary: await ran(onPrimary, pattern), standby: await ran(onStandby, pattern) };
  await work();
  return {
    primary: (await ran(onPrimary, pattern)) - before.primary,
    standby: (await ran(onStandby, pattern)) - before.standby,
  };
}

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp() {
  const { rows } = await onPrimary.query<{ lsn: string }>('SELECT pg_current_wal_lsn() AS lsn');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows: done } = await onStandby.query<{ ok: boolean }>(
      'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok',
      [rows[0]!.lsn],
    );
    if (done[0]!.ok) return;
    if (Date.now() > deadline) throw new Error('the standby did not catch up in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readyz() {
  const response = await fetch(`${baseUrl}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as {
      status: string;
      replica?: { status: string; standby?: boolean; lagSeconds?: number; error?: string };
    },
  };
}

async function fallbacks(): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = /^plan68_replica_reads_total\{served_by="primary"\} (\d+)/m.exec(text);
  return line ? Number(line[1]) : 0;
}

const OVERVIEW = '{ householdOverview { householdCount openAspirationCount } }';
/** Statements that read the households table (the word, not household_ids and the like). */
const HOUSEHOLDS = '\\mhouseholds\\M';
/** The dashboard's statements: for a whole-program reader its count comes from row_counts. */
const DASHBOARD = '\\m(households|row_counts|aspirations)\\M';

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'plan68-replica-'));
  // PostgreSQL runs as the postgres user when we are root: it must walk into the folder.
  chmodSync(folder, 0o755);
  const primaryDir = path.join(folder, 'primary');
  primary = await startEmbeddedPostgres({ dataDir: primaryDir });
  // pg_stat_statements is how this test sees where statements ran; it loads at server start.
  const setup = new pg.Client({ connectionString: primary.adminUrl });
  await setup.connect();
  await setup.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await setup.end();
  const port = primary.port;
  await primary.stop();
  primary = await startEmbeddedPostgres({ dataDir: primaryDir, port });
  await primary.createDatabase(DATABASE);
  const ownerUrl = primary.urlFor(DATABASE);
  owner = await openDatabase({ url: ownerUrl });
  await owner.query('CREATE EXTENSION pg_stat_statements');
  await seedDemoIfEmpty(owner);
  const appPassword = randomBytes(18).toString('base64url');
  await setAppRolePassword(owner, appPassword);
  const passwords: Record<string, string> = {};
  for (const [key, role] of [
    ['admin', Role.ADMIN],
    ['analyst', Role.ANALYST],
    ['viewer', Role.VIEWER],
  ] as const) {
    passwords[key] = randomBytes(12).toString('base64url');
    const user = await createUser(owner, {
      username: `replica_${key}`,
      displayName: `Thử nghiệm ${key}`,
      password: passwords[key],
      role,
    });
    if (key === 'analyst') analystId = user.id;
  }

  // The standby is made after the data and roles: it gets them as a copy, later writes by streaming.
  standby = await makeStandby(primary, path.join(folder, 'standby'));
  onPrimary = new pg.Client({ connectionString: ownerUrl });
  onStandby = new pg.Client({ connectionString: standby.urlFor(DATABASE) });
  // The standby is stopped on purpose below: its session ends, and that is no failure.
  onStandby.on('error', () => undefined);
  await onPrimary.connect();
  await onStandby.connect();

  appDb = createDataSource({ url: appRoleUrl(ownerUrl, appPassword) });
  await appDb.initialize();
  app = await createApp({
    db: appDb,
    production: false,
    // As the app role, as main.ts derives it from READ_DATABASE_URL (replicaUrl).
    readDatabaseUrl: appRoleUrl(standby.urlFor(DATABASE), appPassword),
    replicaRetryMs: 500,
  });
  await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  for (const key of Object.keys(cookies) as (keyof typeof cookies)[]) {
    const { cookie, body } = await graphql(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
      undefined,
      { u: `replica_${key}`, p: passwords[key] },
    );
    if (!cookie) throw new Error(`login of ${key} failed: ${JSON.stringify(body)}`);
    cookies[key] = cookie;
  }
  await caughtUp();
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await appDb?.destroy();
  await owner?.destroy();
  await onPrimary?.end().catch(() => undefined);
  await onStandby?.end().catch(() => undefined);
  await standby?.stop();
  await primary?.stop();
  // The superuser's password file (primary.password) sits in the folder too.
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('a read replica (READ_DATABASE_URL)', () => {
  it('is a streaming standby, and readiness reports it with its lag', async () => {
    const { rows } = await onStandby.query<{ standby: boolean }>(
      'SELECT pg_is_in_recovery() AS standby',
    );
    expect(rows[0]!.standby).toBe(true);
    const { rows: senders } = await onPrimary.query<{ state: string }>(
      'SELECT state FROM pg_stat_replication',
    );
    expect(senders.map((s) => s.state)).toEqual(['streaming']);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.replica).toMatchObject({ status: 'ok', standby: true });
    expect(ready.body.replica!.lagSeconds).toBeGreaterThanOrEqual(0);
  });

  it("serves dashboards from the replica, for a viewer's aggregate pool and an administrator alike", async () => {
    const { rows } = await onPrimary.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM households',
    );
    for (const role of ['admin', 'viewer'] as const) {
      let overview: { householdCount: number } | undefined;
      const counts = await where(DASHBOARD, async () => {
        overview = (await data(OVERVIEW, cookies[role])).householdOverview;
      });
      expect(overview!.householdCount, role).toBe(rows[0]!.n);
      expect(counts.standby, role).toBeGreaterThan(0);
      expect(counts.primary, role).toBe(0);
    }
  });

  it("serves an analyst's list from the replica and writes its access log on the primary", async () => {
    const before = await onPrimary.query('SELECT 1 FROM access_log WHERE user_id = $1', [
      analystId,
    ]);
    let ids: string[] = [];
    const reads = await where(HOUSEHOLDS, async () => {
      const list = await data('{ allHouseholds(perPage: 5) { id } }', cookies.analyst);
      ids = (list.allHouseholds as { id: string }[]).map((h) => h.id);
    });
    expect(ids).toHaveLength(5);
    expect(reads.standby).toBeGreaterThan(0);
    expect(reads.primary).toBe(0);
    const { rows } = await onPrimary.query<{ action: string; resource: string; ids: string[] }>(
      `SELECT action, resource, record_ids::text[] AS ids FROM access_log
        WHERE user_id = $1 ORDER BY at DESC LIMIT 1`,
      [analystId],
    );
    expect(rows).toHaveLength(1);
    expect(before.rowCount).toBe(0);
    expect(rows[0]).toMatchObject({ action: 'READ', resource: 'Household' });
    expect([...rows[0]!.ids].sort()).toEqual([...ids].sort());
  });

  it("keeps an administrator's lists on the primary (a user checks there what they just did)", async () => {
    const reads = await where(HOUSEHOLDS, () =>
      data('{ allHouseholds(perPage: 5) { id } }', cookies.admin),
    );
    expect(reads.primary).toBeGreaterThan(0);
    expect(reads.standby).toBe(0);
  });

  it('writes a mutation on the primary; the replica has it after replication', async () => {
    const name = `Đơn vị bản sao ${randomBytes(3).toString('hex')}`;
    let id = '';
    const writes = await where('insert into "?organizations"?', async () => {
      const created = await data(
        'mutation ($name: String!) { createOrganization(kind: OTHER, name: $name) { id } }',
        cookies.admin,
        { name },
      );
      id = created.createOrganization.id as string;
    });
    expect(writes).toEqual({ primary: 1, standby: 0 });
    const onPrimaryNow = await onPrimary.query('SELECT name FROM organizations WHERE id = $1', [
      id,
    ]);
    expect(onPrimaryNow.rows).toEqual([{ name }]);
    await caughtUp();
    const replicated = await onStandby.query('SELECT name FROM organizations WHERE id = $1', [id]);
    expect(replicated.rows).toEqual([{ name }]);
  });

  it('falls back to the primary while the replica is down, and returns to it afterwards', async () => {
    await standby!.stop();
    const fallbacksBefore = await fallbacks();
    const { rows } = await onPrimary.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM households',
    );
    // The first read finds the replica gone and runs on the primary; so does the next one.
    for (let i = 0; i < 2; i++) {
      const overview = (await data(OVERVIEW, cookies.admin)).householdOverview;
      expect(overview.householdCount).toBe(rows[0]!.n);
    }
    expect(await fallbacks()).toBe(fallbacksBefore + 2);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.replica!.status).toBe('unavailable');

    await standby!.start();
    await onStandby.end().catch(() => undefined);
    onStandby = new pg.Client({ connectionString: standby!.urlFor(DATABASE) });
    onStandby.on('error', () => undefined);
    await onStandby.connect();
    const deadline = Date.now() + 15_000;
    while ((await readyz()).body.replica!.status !== 'ok') {
      if (Date.now() > deadline) throw new Error('the replica did not come back in 15 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const reads = await where(DASHBOARD, () => data(OVERVIEW, cookies.admin));
    expect(reads.standby).toBeGreaterThan(0);
    expect(reads.primary).toBe(0);
  });

  it('refuses a replica signed in as another role than the requests (the owner would pass row-level security)', async () => {
    const second = await createApp({
      db: appDb!,
      production: false,
      readDatabaseUrl: standby!.urlFor(DATABASE),
    });
    await new Promise<void>((resolve) => second.httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(second.httpServer.address() as AddressInfo).port}`;
      const ready = (await (await fetch(`${url}/readyz`)).json()) as {
        status: string;
        replica: { status: string; error: string };
      };
      expect(ready.status).toBe('ok');
      expect(ready.replica.status).toBe('unavailable');
      expect(ready.replica.error).toMatch(/signs in as postgres; requests must run as plan68_app/);
      const reads = await where(DASHBOARD, async () => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookies.viewer },
          body: JSON.stringify({ query: OVERVIEW }),
        });
        const body = (await response.json()) as { data?: unknown };
        expect(body.data).toBeTruthy();
      });
      expect(reads.standby).toBe(0);
      expect(reads.primary).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });
});
