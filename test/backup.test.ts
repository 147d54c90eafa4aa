/**
 * The backup drill, through real processes on a real embedded PostgreSQL: write, back up while the
 * server runs, write more, restore into a new data folder, start there, and find exactly the backup
 * point: every table's rows, the ledger, the audit trail, sign-in and an officer's scope.
 * Runs the built server and CLI (`npm test` builds them first; alone: `npm run build:server`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../server/src/db/embedded';
import { processHarness, waitFor } from './support/process';

const CLI = 'dist/server/db/cli.js';
/** The servers, started as `npm start` runs them (support/process.ts). */
const harness = processHarness();
const children: ChildProcess[] = [];
const folders: string[] = [];

afterAll(async () => {
  await harness.cleanUp();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A folder the postgres user can walk through (PostgreSQL runs as that user when we are root). */
function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  folders.push(dir);
  return dir;
}

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env };
}

/** `node dist/server/db/cli.js …` as `npm run db:backup` / `db:restore` run it. */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: baseEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** A client of the GraphQL API that keeps its session cookie. */
function apiClient(port: number) {
  let cookie = '';
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string }[];
    };
    if (body.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data as Record<string, any>;
  };
  return {
    call,
    signIn: (username: string, password: string) =>
      call(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }',
        { u: username, p: password },
      ),
  };
}

/** The superuser connection of the embedded cluster running in `dataDir` (port from postmaster.pid). */
function clusterUrl(dataDir: string): string {
  const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split(
    '\n',
  )[3];
  const password = readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/plan68`;
}

async function sql<T = Record<string, unknown>>(
  dataDir: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: clusterUrl(dataDir) });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Everything the drill compares: rows of every table, the ledger, the audit trail's entries. */
async function snapshot(dataDir: string) {
  const tables = await sql<{ name: string }>(
    dataDir,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = Number(
      (await sql<{ n: string }>(dataDir, `SELECT count(*) AS n FROM ${name}`))[0]!.n,
    );
  }
  const [ledger] = await sql(
    dataDir,
    `SELECT (SELECT sum(amount) FROM donations)::text AS donations,
            (SELECT sum(amount) FROM contributions)::text AS contributions,
            (SELECT sum(amount) FROM disbursements)::text AS disbursements`,
  );
  const [audit] = await sql(
    dataDir,
    `SELECT count(*)::int AS entries, max(id)::text AS last_id,
            md5(string_agg(a::text, '|' ORDER BY id)) AS digest FROM audit_log a`,
  );
  return { counts, ledger, audit };
}

/** Names, sizes and times of everything below `dir`: proof that a refused restore touched nothing. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const item = path.join(rel, name);
      const info = statSync(path.join(dir, item));
      out.push(`${item} ${info.size} ${info.mtimeMs} ${info.mode}`);
      if (info.isDirectory()) walk(item);
    }
  };
  walk('');
  return out.sort();
}

const HOUSEHOLDS = `{ allHouseholds(perPage: 1000, sortField: "id", sortOrder: "ASC") { id headName } }`;

describe('db:backup and db:restore (embedded PostgreSQL)', () => {
  it('restores exactly the backup point of a running server into a new data folder', async () => {
    expect(existsSync(path.join('dist/server/db/backup.js')), 'npm run build:server first').toBe(
      true,
    );
    const work = tempFolder('plan68-backup-');
    const first = path.join(work, 'first');
    const restored = path.join(work, 'restored');
    const file = path.join(work, 'plan68.tar.gz');

    // 1. A server with the demo data, and writes through the API (the audit trail records them).
    const portA = await freePort();
    const serverA = harness.start({ PORT: String(portA), DATA_DIR: first });
    await waitFor(serverA, /plan68 is ready/);
    const adminPassword = readFileSync(path.join(first, 'admin-password.txt'), 'utf8').trim();
    const admin = apiClient(portA);
    await admin.signIn('admin', adminPassword!);
    const [place] = await sql<{ org: string; village: string; fund: string; staff: string }>(
      first,
      `SELECT h.organization_id AS org, h.village_id AS village, f.id AS fund, s.id AS staff
         FROM households h, funds f JOIN staff_members s ON s.organization_id = f.organization_id
        WHERE h.organization_id IS NOT NULL ORDER BY h.id, f.id, s.id LIMIT 1`,
    );
    expect(place).toBeTruthy();
    const donate = (name: string, amount: number) =>
      admin.call(
        `mutation ($f: ID!, $n: String!, $a: Money!) { createDonation(fundId: $f, donorKind: BUSINESS,
           donorName: $n, form: CASH, amount: $a, receivedDate: "2025-03-02") { id } }`,
        { f: place!.fund, n: name, a: amount },
      );
    const contribute = (month: string) =>
      admin.call(
        `mutation ($f: ID!, $s: ID!, $m: LocalDate!) { createContribution(fundId: $f, staffMemberId: $s,
           month: $m, amount: 30000, paidDate: "2025-03-05") { id } }`,
        { f: place!.fund, s: place!.staff, m: month },
      );
    const household = (headName: string) =>
      admin.call(
        `mutation ($v: ID!, $h: String!, $o: ID) { createHousehold(villageId: $v, headName: $h, organizationId: $o) { id } }`,
        { v: place!.village, h: headName, o: place!.org },
      );
    await donate('Doanh nghiệp trước sao lưu', 2_500_000);
    await contribute('2025-01-01');
    await household('Hộ trước sao lưu');
    const officerPassword = 'can-bo-sao-luu-2025';
    await admin.call(
      `mutation ($o: ID!, $p: String!) { createUser(username: "officer.backup", displayName: "Cán bộ",
         role: AGENCY_OFFICER, organizationId: $o, password: $p) { id } }`,
      { o: place!.org, p: officerPassword },
    );
    const officer = apiClient(portA);
    await officer.signIn('officer.backup', officerPassword);
    const scopeAtBackup = (await officer.call(HOUSEHOLDS)).allHouseholds as { headName: string }[];
    expect(scopeAtBackup.map((h) => h.headName)).toContain('Hộ trước sao lưu');
    const atBackup = await snapshot(first);
    expect(atBackup.audit.entries).toBeGreaterThan(0);

    // 2. The backup, while the server runs.
    const backup = await cli(['backup', file], { DATA_DIR: first });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/backup written to .*plan68\.tar\.gz/);
    const size = statSync(file).size;

    const again = await cli(['backup', file], { DATA_DIR: first });
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/exists already/);
    expect(statSync(file).size).toBe(size);

    // A restore never touches the running cluster.
    const onRunning = await cli(['restore', file], { DATA_DIR: first });
    expect(onRunning.code).toBe(1);
    expect(onRunning.output).toMatch(/is not empty/);

    // 3. More writes after the backup point, then stop.
    await donate('Doanh nghiệp sau sao lưu', 7_000_000);
    await contribute('2025-02-01');
    await household('Hộ sau sao lưu');
    expect((await snapshot(first)).counts.donations).toBe(atBackup.counts.donations! + 1);
    serverA.child.kill('SIGTERM');
    expect(await serverA.exited).toBe(0);

    // Into a folder that is not empty: refused, non-zero, nothing touched.
    const before = listing(first);
    const refused = await cli(['restore', file], { DATA_DIR: first });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/DATA_DIR .* is not empty.*never overwrites/s);
    expect(listing(first)).toEqual(before);

    // With the server stopped, a backup runs the cluster for its own time only.
    const whileStopped = await cli(['backup', path.join(work, 'stopped.tar.gz')], {
      DATA_DIR: first,
    });
    expect(whileStopped.code, whileStopped.output).toBe(0);
    expect(existsSync(path.join(first, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(first, 'plan68.pid'))).toBe(false);

    // 4. Restore into a new, empty data folder and start there.
    const restore = await cli(['restore', file], { DATA_DIR: restored });
    expect(restore.code, restore.output).toBe(0);
    const portB = await freePort();
    const serverB = harness.start({ PORT: String(portB), DATA_DIR: restored });
    await waitFor(serverB, /plan68 is ready/);
    expect(serverB.output()).toContain(
      `with the password in ${path.join(restored, 'admin-password.txt')}`,
    );

    // 5. Exactly the backup point: rows, ledger, audit trail; later writes absent.
    expect(await snapshot(restored)).toEqual(atBackup);
    expect(
      await sql(restored, `SELECT 1 FROM donations WHERE donor_name = 'Doanh nghiệp sau sao lưu'`),
    ).toEqual([]);
    expect(readFileSync(path.join(restored, 'admin-password.txt'), 'utf8').trim()).toBe(
      adminPassword,
    );
    // Sign-in works (the app role's grants on sessions and login_throttles came with the cluster),
    // and row-level security gives the officer exactly the households of the backup point.
    const adminB = apiClient(portB);
    expect((await adminB.signIn('admin', adminPassword!)).login.username).toBe('admin');
    const officerB = apiClient(portB);
    await officerB.signIn('officer.backup', officerPassword);
    expect((await officerB.call(HOUSEHOLDS)).allHouseholds).toEqual(scopeAtBackup);

    serverB.child.kill('SIGTERM');
    expect(await serverB.exited).toBe(0);
    console.info(
      `backup drill: backup ${(size / 1024 / 1024).toFixed(1)} MB in ${backup.seconds.toFixed(1)} s ` +
        `(running server), restore ${restore.seconds.toFixed(1)} s`,
    );
  }, 90_000);

  it('refuses a damaged archive and leaves the empty folder empty', async () => {
    const work = tempFolder('plan68-backup-bad-');
    const bad = path.join(work, 'bad.tar.gz');
    copyFileSync(path.join(__dirname, '..', 'package.json'), bad);
    const target = path.join(work, 'data');
    const notArchive = await cli(['restore', bad], { DATA_DIR: target });
    expect(notArchive.code).toBe(1);
    expect(notArchive.output).toMatch(/not a readable plan68 backup/);
    truncateSync(bad, 0);
    expect((await cli(['restore', bad], { DATA_DIR: target })).code).toBe(1);
    expect(readdirSync(target)).toEqual([]);
    const missing = await cli(['restore', path.join(work, 'none.tar.gz')], { DATA_DIR: target });
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/does not exist/);
  });
});

describe('db:backup with DATABASE_URL', () => {
  it('refuses without pg_dump of the server’s major version and says how to back up docker compose', async () => {
    const empty = tempFolder('plan68-no-bin-');
    const result = await cli(['backup', path.join(empty, 'x.tar.gz')], {
      DATABASE_URL: inject('pgAdminUrl'),
      PG_BIN: empty,
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /PostgreSQL 18, and pg_dump, pg_dumpall of version 18 were not found/,
    );
    expect(result.output).toContain('docker compose exec -T db pg_dumpall');
    expect(readdirSync(empty)).toEqual([]);
  });
});
