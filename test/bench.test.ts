/**
 * The benchmark issue 12 names, run end to end at a small scale through the real commands:
 * `npm run bench:data` builds a data set in an embedded PostgreSQL of its own, `npm run bench`
 * drives the real server and the raw one against it with autocannon. Its figures are not judged
 * here (a timed test cannot be honest on a shared machine). What a developer reads in its report
 * is: a row for every case asked for, each with its load, latencies in order and no failed
 * answer; the target column and the summary lines agreeing with the rows; and a run whose answers
 * fail ending red. Runs the built scripts (`npm test` builds them first; alone:
 * `npm run build:server`).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/src/db/embedded';
import { runInShell, shellEnv } from './support/process';

const DATA = 'dist/server/bench/data.js';
const BENCH = 'dist/server/bench/bench.js';
/** Issue 12: a list page's p95 ≤ 50 ms at 16 connections, a dashboard's ≤ 100 ms at 8. */
const ISSUE_TARGET_MS = { list: 50, dashboard: 100 };
/** Small loads: the suite's other files share these two cores. */
const LIST_CONNECTIONS = 3;
const DASHBOARD_CONNECTIONS = 2;
/** The dashboard's aggregates, by the names the report gives them; the other cases are lists. */
const DASHBOARD_CASE = /Overview|Fund list|fund picker|memorandumProgress|Rollup/;

let folder = '';
let pgPort = 0;
let built: { code: number | null; output: string };

/** `node <script> …` run to its end from a developer's shell (support/process.ts). */
const run = (script: string, args: string[]) => runInShell(process.execPath, [script, ...args]);

interface Row {
  name: string;
  role: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  meets: string;
  p99: number;
  failures: string;
  statements: string;
  rssMb: number;
  cells: string[];
}

const number = (cell: string | undefined) => Number((cell ?? '').replace(/,/g, ''));

/** The report's Markdown table, one object per case row. */
function tableRows(output: string): Row[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Case ') && !/^\| -/.test(line))
    .map((line) => {
      // NOTE: a failed case's row leaves its figures' cells empty ("| |").
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return {
        name: cells[0]!,
        role: cells[1]!,
        connections: number(cells[2]),
        rps: number(cells[3]),
        p50: number(cells[4]),
        p95: number(cells[5]),
        meets: cells[6] ?? '',
        p99: number(cells[7]),
        failures: cells[8] ?? '',
        statements: cells[9] ?? '',
        rssMb: number(cells[10]),
        cells,
      };
    });
}

function benchArgs(only: string): string[] {
  return [
    '--seconds',
    '1',
    '--warmup',
    '0',
    '--connections',
    String(LIST_CONNECTIONS),
    '--dashboard-connections',
    String(DASHBOARD_CONNECTIONS),
    '--data-dir',
    folder,
    '--pg-port',
    String(pgPort),
    '--only',
    only,
  ];
}

beforeAll(async () => {
  // PostgreSQL runs as the user "postgres" when we are root: it must be able to enter the folder.
  folder = mkdtempSync(path.join(os.tmpdir(), 'plan68-bench-test-'));
  chmodSync(folder, 0o755);
  pgPort = await freePort();
  built = await run(DATA, [
    '--scale',
    '0.001',
    '--households',
    '400',
    '--data-dir',
    folder,
    '--port',
    String(pgPort),
  ]);
}, 180_000);

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('npm run bench:data at a small scale', () => {
  it('builds the data set of the sizes asked for, in a database of its own, and says how to sign in', () => {
    expect(built.code, built.output).toBe(0);
    // Its closing table: each table's rows, then how many the load was asked for.
    expect(built.output).toMatch(/^\s+households\s+\d+\s+400\s/m);
    expect(built.output).toMatch(/^\s+support_groups\s+\d+\s+100\s/m);
    expect(built.output).toContain('into plan68_bench (embedded PostgreSQL');
    for (const user of ['bench_admin', 'bench_officer', 'bench_member'])
      expect(built.output).toMatch(new RegExp(`^\\s+${user}\\s`, 'm'));
  });

  it('rejects a size it cannot build, naming the flag', async () => {
    const { code, output } = await run(DATA, ['--agencies', '1', '--data-dir', folder]);
    expect(code).not.toBe(0);
    expect(output).toContain('--agencies must be at least 2');
  });
});

/** A printed share agrees with the table's whole req/s, each off by up to half a request. */
function expectShare(printed: number, rps: number, of: number, what: string) {
  const low = ((rps - 0.5) / (of + 0.5)) * 100;
  const high = ((rps + 0.5) / (of - 0.5)) * 100;
  expect(printed, what).toBeGreaterThanOrEqual(low - 0.05);
  expect(printed, what).toBeLessThanOrEqual(high + 0.05);
}

/**
 * The verdict a printed share (one decimal) implies against a target in %. A share printed as the
 * target itself may lie on either side of it, so either verdict stands there.
 */
function expectVerdict(verdict: string, printed: number, target: number, what: string) {
  if (printed !== target) expect(verdict, what).toBe(printed > target ? 'met' : 'not met');
}

describe('npm run bench against it', () => {
  let report: { code: number | null; output: string };
  let rows: Row[];

  beforeAll(async () => {
    expect(built.code, built.output).toBe(0);
    report = await run(
      BENCH,
      benchArgs(
        'households page|^ADMIN householdOverview$|^AGENCY_OFFICER (Fund list|dashboard fund picker)',
      ),
    );
    rows = tableRows(report.output);
  }, 240_000);

  it('ends green and has a row for every case asked for, the raw server right after the admin', () => {
    expect(report.code, report.output).toBe(0);
    expect(rows.map((row) => `${row.role} ${row.name}`)).toEqual([
      'ADMIN households page',
      'owner households page, raw SQL',
      'ADMIN householdOverview',
      'AGENCY_OFFICER households page',
      'AGENCY_OFFICER Fund list (100, with balances)',
      'AGENCY_OFFICER dashboard fund picker (100)',
    ]);
  });

  it('loads each case at the connections asked for its kind, with every answer good', () => {
    for (const row of rows) {
      const dashboard = DASHBOARD_CASE.test(row.name);
      expect(row.connections, row.name).toBe(dashboard ? DASHBOARD_CONNECTIONS : LIST_CONNECTIONS);
      expect(row.rps, row.name).toBeGreaterThan(0);
      expect(row.p50, row.name).toBeGreaterThan(0);
      expect(row.p50, row.name).toBeLessThanOrEqual(row.p95);
      expect(row.p95, row.name).toBeLessThanOrEqual(row.p99);
      expect(row.failures, row.name).toBe('0 / 0 / 0');
      expect(row.rssMb, row.name).toBeGreaterThan(0);
    }
  });

  it('counts the statements of each request, the raw server answering in exactly one', () => {
    const statements = (row: Row) => number(row.statements.split(' ')[0]!);
    const raw = rows.find((row) => row.role === 'owner')!;
    expect(statements(raw)).toBe(1);
    for (const row of rows.filter((r) => r.role !== 'owner')) {
      // The opening, the list or aggregate, and COMMIT at the least; BEGIN/SET… in brackets.
      expect(statements(row), row.name).toBeGreaterThanOrEqual(3);
      expect(row.statements, row.name).toMatch(/^\d+(\.\d+)? \(\d+(\.\d+)?\)$/);
    }
  });

  it("says whether each p95 meets the issue's target, and counts them right", () => {
    const app = rows.filter((row) => row.role !== 'owner');
    const kinds = { list: 0, dashboard: 0 };
    const met = { list: 0, dashboard: 0 };
    for (const row of app) {
      const kind = DASHBOARD_CASE.test(row.name) ? 'dashboard' : 'list';
      const target = ISSUE_TARGET_MS[kind];
      kinds[kind]++;
      expect(row.meets, row.name).toContain(`(≤ ${target})`);
      // The table rounds p95 to 0.1 ms; a value on the edge may round either way.
      if (Math.abs(row.p95 - target) > 0.1)
        expect(row.meets.startsWith('yes'), `${row.name}: p95 ${row.p95}`).toBe(row.p95 <= target);
      if (row.meets.startsWith('yes')) met[kind]++;
    }
    expect(report.output).toContain(
      `${met.list} of ${kinds.list} list pages (p95 ≤ ${ISSUE_TARGET_MS.list} ms at ${LIST_CONNECTIONS} connections)`,
    );
    expect(report.output).toContain(
      `${met.dashboard} of ${kinds.dashboard} dashboards (p95 ≤ ${ISSUE_TARGET_MS.dashboard} ms at ${DASHBOARD_CONNECTIONS} connections)`,
    );
  });

  it("gives each role's household page as a share of the raw server's throughput", () => {
    const raw = rows.find((row) => row.role === 'owner')!;
    for (const role of ['ADMIN', 'AGENCY_OFFICER']) {
      const app = rows.find((row) => row.role === role && row.name === 'households page')!;
      const printed = report.output.match(
        new RegExp(
          `${role} ([\\d.]+) % of the raw server's req/s \\(raw is [\\d.]+× faster; target ≥ 40 %: (met|not met)\\)`,
        ),
      );
      expect(printed, role).not.toBeNull();
      expectShare(Number(printed![1]), app.rps, raw.rps, role);
      // Issue 12: the household list at least 0.4× the raw server's throughput.
      expectVerdict(printed![2]!, Number(printed![1]), 40, role);
    }
  });

  it("gives the officer's household page as a share of the administrator's", () => {
    const page = (role: string) =>
      rows.find((row) => row.role === role && row.name === 'households page')!;
    const printed = report.output.match(
      /the officer's page answers ([\d.]+) % of the administrator's req\/s \(target ≥ 80 %: (met|not met)\)/,
    );
    expect(printed).not.toBeNull();
    expectShare(Number(printed![1]), page('AGENCY_OFFICER').rps, page('ADMIN').rps, 'officer');
    // Issue 12: the officer's within 20 % of the administrator's.
    expectVerdict(printed![2]!, Number(printed![1]), 80, 'officer');
  });

  it('says on which machine and how it ran', () => {
    expect(report.output).toMatch(/Machine: \d+ cores, .*Node v\d+.*PostgreSQL \d+/);
    expect(report.output).toContain(
      `--seconds 1 --warmup 0 --connections ${LIST_CONNECTIONS} --dashboard-connections ${DASHBOARD_CONNECTIONS}`,
    );
  });
});

describe('npm run bench when the app cannot answer', () => {
  it('ends red and says which case failed', async () => {
    expect(built.code, built.output).toBe(0);
    // A deployment that lost a grant: the app role may no longer read who is in which group.
    const serving = spawn(
      process.execPath,
      [DATA, '--serve', '--data-dir', folder, '--port', String(pgPort)],
      { env: shellEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let served = '';
    serving.stdout.on('data', (chunk: Buffer) => (served += chunk.toString()));
    serving.stderr.on('data', (chunk: Buffer) => (served += chunk.toString()));
    const stopped = new Promise((resolve) => serving.on('close', resolve));
    try {
      const deadline = Date.now() + 60_000;
      while (!served.includes('bench database running')) {
        if (serving.exitCode !== null || Date.now() > deadline)
          throw new Error(`the data set's PostgreSQL did not start:\n${served}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const password = readFileSync(path.join(folder, 'postgres.password'), 'utf8').trim();
      const owner = new pg.Client({
        connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/plan68_bench`,
      });
      await owner.connect();
      try {
        await owner.query('REVOKE SELECT ON support_group_households FROM plan68_app');
      } finally {
        await owner.end();
      }

      const { code, output } = await run(BENCH, benchArgs('^ADMIN households page$'));
      expect(code, output).not.toBe(0);
      const [row] = tableRows(output);
      expect(row?.name, output).toBe('households page');
      // Either its first answer already failed, or the load counted the failed answers.
      if (!row!.cells[3]!.startsWith('FAILED')) expect(row!.failures).not.toBe('0 / 0 / 0');
    } finally {
      serving.kill('SIGINT');
      await stopped;
    }
  }, 180_000);
});
