import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Role } from '../common/roles';
import { appRoleUrl, setAppRolePassword } from '../db/app-role';
import { openDatabase } from '../db/data-source';
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded';
import { seedDemoIfEmpty } from '../db/seed/demo';
import { SERVER_NODE_FLAGS } from '../memory';
import { createUser, hashPassword } from '../modules/user/auth.service';

/**
 * A bounded mixed read/write load on TWO app processes (`node dist/server/main.js`) sharing ONE
 * database, as a deployment behind a load balancer runs: throughput, latency and errors, then a
 * check in SQL that every write a client saw confirmed is stored exactly once, also when the same
 * submission (one idempotency key) reached both processes.
 *
 * Usage: npm run load [-- <seconds> <connections>]
 *   or LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_WRITE_PERCENT (default 20 s, 16, 15 %).
 * Without DATABASE_URL it starts its own embedded PostgreSQL in a temporary folder; with it, it
 * creates and drops a database `plan68_load_<pid>` there. The app role's password is set for the
 * run, which on a shared server affects other users of that role: pass APP_DATABASE_URL then.
 * Exits non-zero on any error or any confirmed write not stored exactly once.
 */
const SECONDS = Number(process.argv[2] ?? process.env.LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.argv[3] ?? process.env.LOAD_CONNECTIONS ?? 16);
const WRITE_SHARE = Number(process.env.LOAD_WRITE_PERCENT ?? 15) / 100;
const PROCESSES = 2;
const READY_MS = 90_000;
const STOP_MS = 5_000;
const MAIN = path.join(__dirname, '..', 'main.js');
const YEAR = 2025;
const RECEIVED = '2025-03-02';

const READS = {
  households: `query Households { allHouseholds(page: 0, perPage: 25, sortField: "headName", sortOrder: "ASC") {
    id headName village { name } } _allHouseholdsMeta { count } }`,
  householdOverview: `query HouseholdOverview { householdOverview {
    householdCount escapedCount openAspirationCount groupsWithoutRecentVisitCount
    byCategory { category count } } }`,
  fundOverview: `query FundOverview($f: ID!, $y: Int!) { fundOverview(fundId: $f, year: $y) {
    balance collected expected arrears compliancePercent monthly { month moneyIn moneyOut } } }`,
};

const CREATE_DONATION = `mutation CreateDonation($f: ID!, $n: String!, $k: String) {
  createDonation(fundId: $f, donorKind: BUSINESS, donorName: $n, form: CASH, amount: 1000000,
    receivedDate: "${RECEIVED}", idempotencyKey: $k) { id donorName } }`;

type Kind = 'read' | 'write';

interface Outcome {
  ok: boolean;
  ms: number;
  data?: any;
  error?: string;
}

/** One submission of the form: a donor name, a key, and what each attempt with them answered. */
interface Submission {
  donorName: string;
  key: string;
  repeat: 'none' | 'after' | 'together';
  confirmedIds: string[];
  failed: number;
}

interface AppProcess {
  child: ChildProcess;
  port: number;
  log: () => string;
  exited: Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const number = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));

function startApp(port: number, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, MAIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, port, log: () => log, exited };
}

async function waitReady(app: AppProcess): Promise<void> {
  const ready = new RegExp(`plan68 is ready at http://(?:127\\.0\\.0\\.1|localhost):${app.port}/`);
  const deadline = Date.now() + READY_MS;
  while (!ready.test(app.log())) {
    if (app.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the app on port ${app.port} did not start:\n${app.log().slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopApp(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const stopped = await Promise.race([
    app.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_MS)),
  ]);
  if (!stopped) {
    app.child.kill('SIGKILL');
    await app.exited;
  }
}

/** Warnings and errors in a process's JSON log (lines that are not JSON count as errors). */
function logProblems(log: string): { warnings: Map<string, number>; errors: string[] } {
  const warnings = new Map<string, number>();
  const errors: string[] = [];
  for (const line of log.split('\n').filter((l) => l.trim() !== '')) {
    try {
      const entry = JSON.parse(line) as { level?: string; message?: string; query?: string };
      // A slow query is named by its first words, so the report says which one.
      const message = entry.query
        ? `${entry.message}: ${entry.query.replace(/\s+/g, ' ').slice(0, 100)}`
        : String(entry.message);
      if (entry.level === 'warn') warnings.set(message, (warnings.get(message) ?? 0) + 1);
      else if (entry.level === 'error' || entry.level === 'fatal') errors.push(line);
    } catch {
      errors.push(line);
    }
  }
  return { warnings, errors };
}

async function post(
  port: number,
  cookie: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Outcome & { cookie?: string }> {
  const started = performance.now();
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const elapsed = performance.now() - started;
    let body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ok: false, ms: elapsed, error: `HTTP ${response.status}: not JSON` };
    }
    if (response.status !== 200 || body.errors?.length) {
      const first = body.errors?.[0];
      const code = first?.extensions?.code ? `${first.extensions.code}: ` : '';
      return {
        ok: false,
        ms: elapsed,
        error: `HTTP ${response.status}${first ? ` ${code}${first.message}` : ''}`,
      };
    }
    const setCookie = response.headers.get('set-cookie')?.split(';')[0];
    return { ok: true, ms: elapsed, data: body.data, cookie: setCookie };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      ms: performance.now() - started,
      error: `network: ${cause ?? (error as Error).message}`,
    };
  }
}

async function main() {
  if (!(SECONDS > 0) || !(CONNECTIONS >= PROCESSES) || !(WRITE_SHARE >= 0 && WRITE_SHARE <= 1)) {
    throw new Error('usage: npm run load [-- <seconds > 0> <connections ≥ 2>]');
  }
  const run = randomBytes(4).toString('hex');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan68-load-'));
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  let embedded: EmbeddedPostgres | null = null;
  let serverUrl = process.env.DATABASE_URL || null;
  const database = `plan68_load_${process.pid}`;
  const apps: AppProcess[] = [];
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
  };
  const goOn = () => {
    if (interrupted) throw new Error('interrupted');
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  let failed = false;

  try {
    if (!serverUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres') });
      serverUrl = embedded.adminUrl;
    }
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const ownerUrl = withDatabase(serverUrl, database);

    // Migrations, the demo data, an admin with a password of this run, the app role's password.
    const adminPassword = randomBytes(18).toString('base64url');
    const db = await openDatabase({ url: ownerUrl });
    let appUrl = process.env.APP_DATABASE_URL
      ? withDatabase(process.env.APP_DATABASE_URL, database)
      : null;
    try {
      await seedDemoIfEmpty(db);
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM users WHERE username = 'admin'`,
      )) as { count: number }[];
      if (count === 0) {
        await createUser(db, {
          username: 'admin',
          displayName: 'Load test',
          password: adminPassword,
          role: Role.ADMIN,
        });
      } else {
        await db.query(`UPDATE users SET password_hash = $1 WHERE username = 'admin'`, [
          await hashPassword(adminPassword),
        ]);
      }
      if (!appUrl) {
        const appPassword = randomBytes(18).toString('base64url');
        await setAppRolePassword(db, appPassword);
        appUrl = appRoleUrl(ownerUrl, appPassword);
      }
    } finally {
      await db.destroy();
    }

    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    let funds: string[];
    try {
      // Row-level security is forced on the owner too; an administrator's setting reads all.
      await owner.query(`SELECT set_config('app.role', 'ADMIN', false)`);
      funds = (await owner.query<{ id: string }>('SELECT id FROM funds ORDER BY id')).rows.map(
        (row) => row.id,
      );
    } finally {
      await owner.end();
    }
    if (funds.length === 0) throw new Error('the demo data has no fund');
    goOn();

    for (let i = 0; i < PROCESSES; i++) {
      const dataDir = path.join(dir, `app-${i}`);
      mkdirSync(dataDir);
      apps.push(
        startApp(await freePort(), {
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          COOKIE_SECURE: 'false',
          DATABASE_URL: ownerUrl,
          APP_DATABASE_URL: appUrl,
          ADMIN_PASSWORD: adminPassword,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        }),
      );
    }
    goOn();
    await Promise.all(apps.map(waitReady));
    goOn();

    // Each connection signs in once, on its own process, and warms up without being measured.
    const workers = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, index) => {
        const app = apps[index % PROCESSES]!;
        const login = await post(
          app.port,
          null,
          'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }',
          { u: 'admin', p: adminPassword },
        );
        if (!login.ok || !login.cookie) {
          throw new Error(`sign-in on port ${app.port} failed: ${login.error ?? 'no cookie'}`);
        }
        for (let i = 0; i < 3; i++) {
          await post(app.port, login.cookie, READS.households);
          await post(app.port, login.cookie, READS.fundOverview, { f: funds[0], y: YEAR });
        }
        return {
          index,
          port: app.port,
          other: apps[(index + 1) % PROCESSES]!.port,
          cookie: login.cookie,
        };
      }),
    );

    const latencies: Record<Kind, number[]> = { read: [], write: [] };
    const byOperation = new Map<string, number[]>();
    const errors: Record<Kind, number> = { read: 0, write: 0 };
    const messages = new Map<string, number>();
    const submissions: Submission[] = [];
    const record = (kind: Kind, operation: string, outcome: Outcome) => {
      latencies[kind].push(outcome.ms);
      const list = byOperation.get(operation) ?? [];
      list.push(outcome.ms);
      byOperation.set(operation, list);
      if (!outcome.ok) {
        errors[kind]++;
        const message = `${kind}: ${outcome.error}`;
        messages.set(message, (messages.get(message) ?? 0) + 1);
      }
    };

    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      workers.map(async (worker) => {
        let n = 0;
        const readNames = Object.keys(READS) as (keyof typeof READS)[];
        while (performance.now() < deadline && !interrupted) {
          n++;
          if (Math.random() < WRITE_SHARE) {
            // Every fifth submission is sent twice with its key: alternately once more to the
            // other process after the answer (a retry), and to both processes at once.
            const submission: Submission = {
              donorName: `load-${run}-${worker.index}-${n}`,
              key: randomUUID(),
              repeat: submissions.length % 5 !== 4 ? 'none' : n % 2 ? 'after' : 'together',
              confirmedIds: [],
              failed: 0,
            };
            submissions.push(submission);
            const variables = {
              f: funds[n % funds.length],
              n: submission.donorName,
              k: submission.key,
            };
            const send = (port: number) => post(port, worker.cookie, CREATE_DONATION, variables);
            const outcomes =
              submission.repeat === 'together'
                ? await Promise.all([send(worker.port), send(worker.other)])
                : [await send(worker.port)];
            if (submission.repeat === 'after') outcomes.push(await send(worker.other));
            for (const outcome of outcomes) {
              record('write', 'createDonation', outcome);
              if (outcome.ok) submission.confirmedIds.push(outcome.data.createDonation.id);
              else submission.failed++;
            }
          } else {
            const name = readNames[n % readNames.length]!;
            const variables =
              name === 'fundOverview' ? { f: funds[n % funds.length], y: YEAR } : {};
            record('read', name, await post(worker.port, worker.cookie, READS[name], variables));
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // What the database holds for this run's donors, read as the owner.
    const check = new pg.Client({ connectionString: ownerUrl });
    await check.connect();
    let stored: { id: string; donor_name: string; fund_id: string; idempotency_key: string }[];
    let sharedKeys: number;
    try {
      await check.query(`SELECT set_config('app.role', 'ADMIN', false)`);
      stored = (
        await check.query(
          'SELECT id, donor_name, fund_id, idempotency_key FROM donations WHERE donor_name LIKE $1',
          [`load-${run}-%`],
        )
      ).rows;
      sharedKeys = (
        await check.query(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM donations WHERE idempotency_key IS NOT NULL
             GROUP BY fund_id, idempotency_key HAVING count(*) > 1) d`,
        )
      ).rows[0].n as number;
    } finally {
      await check.end();
    }
    const rowsByName = new Map<string, typeof stored>();
    for (const row of stored)
      rowsByName.set(row.donor_name, [...(rowsByName.get(row.donor_name) ?? []), row]);

    let confirmed = 0;
    let exactlyOnce = 0;
    let missing = 0;
    let duplicated = 0;
    let otherId = 0;
    let unconfirmedStored = 0;
    let unconfirmedAbsent = 0;
    const repeats = { after: 0, together: 0 };
    for (const submission of submissions) {
      const rows = rowsByName.get(submission.donorName) ?? [];
      if (submission.repeat !== 'none') repeats[submission.repeat]++;
      if (rows.length > 1) duplicated++;
      if (submission.confirmedIds.length === 0) {
        if (rows.length === 0) unconfirmedAbsent++;
        else unconfirmedStored++;
        continue;
      }
      confirmed++;
      if (rows.length === 0) missing++;
      else if (rows.length === 1) {
        // Every confirmed attempt of the submission must name the one stored row.
        if (submission.confirmedIds.every((id) => id === rows[0]!.id)) exactlyOnce++;
        else otherId++;
      }
    }

    const all = [...latencies.read, ...latencies.write].sort((a, b) => a - b);
    latencies.read.sort((a, b) => a - b);
    latencies.write.sort((a, b) => a - b);
    const totalErrors = errors.read + errors.write;
    const line = (label: string, values: number[]) =>
      `  ${label.padEnd(20)} ${number(values.length).padStart(8)}   p50 ${ms(percentile(values, 0.5)).padStart(7)}` +
      `   p95 ${ms(percentile(values, 0.95)).padStart(7)}   p99 ${ms(percentile(values, 0.99)).padStart(7)}`;
    const problems = apps.map((app) => logProblems(app.log()));
    const output = [
      '',
      `load: ${PROCESSES} processes on one database, ${CONNECTIONS} connections (${CONNECTIONS / PROCESSES} per process), ${seconds.toFixed(1)} s, ~${Math.round(WRITE_SHARE * 100)} % writes`,
      `requests ${number(all.length)}  (${(all.length / seconds).toFixed(0)} req/s)  errors ${number(totalErrors)} (reads ${errors.read}, writes ${errors.write})`,
      `latency ms${' '.repeat(15)}requests`,
      line('all', all),
      line('reads', latencies.read),
      line('writes', latencies.write),
      ...[...byOperation].map(([operation, values]) =>
        line(
          `  ${operation}`,
          values.sort((a, b) => a - b),
        ),
      ),
      `writes: ${number(submissions.length)} submissions (${repeats.after} retried on the other process, ${repeats.together} sent to both at once)`,
      `  confirmed ${number(confirmed)}, stored exactly once ${number(exactlyOnce)}, missing ${missing}, duplicated ${duplicated}, answered with another id ${otherId}`,
      `  unconfirmed ${submissions.length - confirmed}: stored ${unconfirmedStored}, absent ${unconfirmedAbsent}`,
      `  idempotency keys with more than one row: ${sharedKeys}`,
      `server logs: ${problems.map((p, i) => `process ${i + 1}: ${[...p.warnings.values()].reduce((a, b) => a + b, 0)} warnings, ${p.errors.length} errors`).join('; ')}`,
    ];
    for (const [message, count] of [...messages].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      output.push(`  error ×${count}: ${message}`);
    }
    const warnings = new Map<string, number>();
    for (const [message, count] of problems.flatMap((p) => [...p.warnings])) {
      warnings.set(message, (warnings.get(message) ?? 0) + count);
    }
    for (const [message, count] of [...warnings].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
      output.push(`  warning ×${count}: ${message.slice(0, 200)}`);
    }
    for (const error of problems.flatMap((p) => p.errors).slice(0, 5)) {
      output.push(`  log: ${error.slice(0, 300)}`);
    }
    const ok =
      !interrupted &&
      totalErrors === 0 &&
      missing === 0 &&
      duplicated === 0 &&
      otherId === 0 &&
      sharedKeys === 0 &&
      confirmed > 0;
    output.push(ok ? 'result: OK' : `result: FAILED${interrupted ? ' (interrupted)' : ''}`, '');
    console.log(output.join('\n'));
    failed = !ok;
  } finally {
    await Promise.all(apps.map(stopApp));
    if (embedded) await embedded.stop().catch(() => undefined);
    else if (serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin
        .connect()
        .then(() => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
        .catch((error: Error) => console.error(`could not drop ${database}: ${error.message}`))
        .finally(() => admin.end().catch(() => undefined));
    }
    rmSync(dir, { recursive: true, force: true });
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
