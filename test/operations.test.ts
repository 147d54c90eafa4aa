/**
 * Operations drills on real processes and a real PostgreSQL, as an operator meets them: kill -9 of
 * node and of its embedded PostgreSQL, stops, a data folder PostgreSQL cannot enter, processes
 * starting together, the log, readiness, metrics and a drain with kept-alive connections.
 * Runs the built server (`npm test` builds it first; alone: `npm run build:server`).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { appRoleUrl } from '../server/src/db/app-role';
import { freePort } from '../server/src/db/embedded';
import { hashPassword } from '../server/src/modules/user/auth.service';
import {
  generatedPassword,
  processHarness,
  readyPattern,
  signIn,
  waitFor,
  type Server,
} from './support/process';

const harness = processHarness();
afterAll(harness.cleanUp);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes whose command line names `folder`: what a data folder's PostgreSQL runs as. */
function processesOn(folder: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(folder);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const postmasterPid = (pgDir: string) =>
  Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

async function call<T = any>(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, body, requestId: response.headers.get('x-request-id') };
}

const donationCount = async (port: number, cookie: string) =>
  (
    await call<{ _allDonationsMeta: { count: number } }>(
      port,
      '{ _allDonationsMeta { count } }',
      {},
      cookie,
    )
  ).body.data?._allDonationsMeta.count;

async function donate(port: number, cookie: string, donorName: string) {
  const funds = await call<{ allFunds: { id: string }[] }>(
    port,
    '{ allFunds(perPage: 1) { id } }',
    {},
    cookie,
  );
  return call(
    port,
    `mutation ($f: ID!, $n: String!) { createDonation(fundId: $f, donorKind: BUSINESS, donorName: $n,
       form: CASH, amount: 1000000, receivedDate: "2025-03-02") { id } }`,
    { f: funds.body.data!.allFunds[0]!.id, n: donorName },
    cookie,
  );
}

/** Sends `signal` and waits for the exit, 10 s at most (a hung stop fails its assertion). */
const stopped = async (server: Server, signal: NodeJS.Signals = 'SIGTERM') => {
  const began = Date.now();
  server.child.kill(signal);
  const code = await Promise.race([
    server.exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000)),
  ]);
  return { code, ms: Date.now() - began };
};

describe('operations (embedded PostgreSQL)', () => {
  it('survives kill -9 of node and of its PostgreSQL with the data intact, and stops in ≤ 3 s', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-ops-'));
    chmodSync(dataDir, 0o755);
    harness.removeLater(dataDir);
    const pgDir = path.join(dataDir, 'postgres');
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const base = `http://127.0.0.1:${port}`;

    // 1. kill -9 of node leaves its PostgreSQL running; the next start stops it and goes on.
    const first = harness.start(env);
    await waitFor(first, readyPattern(port));
    const password = generatedPassword(dataDir);
    let { cookie } = await signIn(port, password);
    expect((await donate(port, cookie!, 'Trước khi bị dừng đột ngột')).body.errors).toBeUndefined();
    const donations = await donationCount(port, cookie!);
    const orphan = postmasterPid(pgDir);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan), 'the PostgreSQL outlives a killed node').toBe(true);

    const second = harness.start(env);
    await waitFor(second, readyPattern(port));
    expect(second.output()).toContain('stopping the PostgreSQL a previous run left behind');
    expect(alive(orphan)).toBe(false);
    ({ cookie } = await signIn(port, password));
    expect(await donationCount(port, cookie!)).toBe(donations);

    // 2. kill -9 of the PostgreSQL: readiness says so, then the server serves again by itself.
    const statuses: number[] = [];
    const killedAt = Date.now();
    process.kill(postmasterPid(pgDir), 'SIGKILL');
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const response = await fetch(`${base}/readyz`).catch(() => null);
      if (response) statuses.push(response.status);
      if (statuses.includes(503) && response?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const recoveredMs = Date.now() - killedAt;
    // Not ready while PostgreSQL is down, then ready again, within seconds.
    const down = statuses.indexOf(503);
    expect(down, `readiness after the kill: ${statuses.join(' ')}`).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(down)).toContain(200);
    expect(recoveredMs).toBeLessThan(20_000);
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    ({ cookie } = await signIn(port, password));
    expect(await donationCount(port, cookie!)).toBe(donations);
    expect((await donate(port, cookie!, 'Sau khi cơ sở dữ liệu khởi động lại')).body.errors).toBe(
      undefined,
    );
    console.info(`serving again ${recoveredMs} ms after kill -9 of the embedded PostgreSQL`);

    // 3. A stop while its PostgreSQL is down still takes ≤ 3 s and removes the pid files.
    process.kill(postmasterPid(pgDir), 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const whileDown = await stopped(second);
    expect(whileDown.code).toBe(0);
    expect(whileDown.ms).toBeLessThanOrEqual(3_000);
    expect(existsSync(path.join(dataDir, 'plan68.pid'))).toBe(false);

    // 4. And the next start is a normal one; a plain stop takes ≤ 3 s and leaves nothing running.
    const third = harness.start(env);
    await waitFor(third, readyPattern(port));
    ({ cookie } = await signIn(port, password));
    expect(await donationCount(port, cookie!)).toBe(donations! + 1);
    const plain = await stopped(third);
    expect(plain.code).toBe(0);
    expect(plain.ms).toBeLessThanOrEqual(3_000);
    expect(existsSync(path.join(dataDir, 'plan68.pid'))).toBe(false);
    expect(existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    expect(processesOn(pgDir)).toEqual([]);
    console.info(
      `stop while the database was down: ${whileDown.ms} ms; plain stop: ${plain.ms} ms`,
    );
  });

  it('refuses a data folder PostgreSQL cannot enter, says how to fix it, and moves nothing', async () => {
    const closed = mkdtempSync(path.join(os.tmpdir(), 'plan68-closed-'));
    chmodSync(closed, 0o700);
    harness.removeLater(closed);
    const name = `data-${process.pid}-${Date.now()}`;
    const server = harness.start({
      PORT: String(await freePort()),
      DATA_DIR: path.join(closed, name),
    });
    expect(await server.exited).toBe(1);
    expect(server.log()).toContain(`chmod o+x ${closed}`);
    expect(server.log()).toMatch(/DATA_DIR/);
    expect(existsSync(path.join('/var/tmp', `plan68-${name}`))).toBe(false);
  });
});

describe('operations (DATABASE_URL, several processes)', () => {
  const adminPassword = 'mat-khau-van-hanh-2025';
  const appPassword = () => inject('appRolePassword');

  /**
   * A server on a copy of the migrated demo database, with the suite's app role, once ready; its
   * admin signs in with `adminPassword` (the template's users have no known password).
   */
  async function startedOnDemoCopy(env: Record<string, string> = {}) {
    const databaseUrl = await harness.database({ fromTemplate: true });
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-ops-'));
    harness.removeLater(dataDir);
    const server = harness.start({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      APP_DATABASE_URL: appRoleUrl(databaseUrl, appPassword()),
      DATA_DIR: dataDir,
      ...env,
    });
    await waitFor(server, readyPattern(port));
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    await owner.query(`UPDATE users SET password_hash = $1 WHERE username = 'admin'`, [
      await hashPassword(adminPassword),
    ]);
    await owner.end();
    return { databaseUrl, port, server };
  }

  it('two processes starting at once on an empty database both start; a third that cannot serve changes nothing', async () => {
    const databaseUrl = await harness.database();
    const appUrl = appRoleUrl(databaseUrl, appPassword());
    const ports = [await freePort(), await freePort()];
    const servers = ports.map((port) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-ops-'));
      harness.removeLater(dataDir);
      return harness.start({
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        APP_DATABASE_URL: appUrl,
        ADMIN_PASSWORD: adminPassword,
        DATA_DIR: dataDir,
      });
    });
    await Promise.all(servers.map((server, i) => waitFor(server, readyPattern(ports[i]!), 90_000)));
    for (const port of ports) {
      expect((await signIn(port, adminPassword)).data?.login.username).toBe('admin');
    }
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ n: string; distinct_names: string }>(
        'SELECT count(*) AS n, count(DISTINCT name) AS distinct_names FROM migrations',
      );
      expect(rows[0]!.n).toBe(rows[0]!.distinct_names);
      const admins = await owner.query(`SELECT 1 FROM users WHERE username = 'admin'`);
      expect(admins.rowCount).toBe(1);
      const provinces = await owner.query(
        `SELECT count(*)::int AS n FROM administrative_units WHERE level = 'PROVINCE'`,
      );
      expect(provinces.rows[0].n).toBeGreaterThan(0);
    } finally {
      await owner.end();
    }

    // A third process on a port already taken, without APP_DATABASE_URL: it exits, and the app
    // role's password (which the running processes use) is unchanged.
    const thirdDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-ops-'));
    harness.removeLater(thirdDir);
    const third = harness.start({
      PORT: String(ports[0]),
      DATABASE_URL: databaseUrl,
      ADMIN_PASSWORD: adminPassword,
      DATA_DIR: thirdDir,
    });
    expect(await third.exited).toBe(1);
    expect(third.log()).toMatch(/EADDRINUSE|address already in use/);
    const asApp = new pg.Client({ connectionString: appUrl });
    await asApp.connect(); // fails with "password authentication failed" if it was reset
    await asApp.end();
    for (const port of ports)
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    for (const server of servers) expect((await stopped(server)).code).toBe(0);
  });

  it('logs JSON lines only, one per request with its id, user, role, operation, duration and result, and no secret', async () => {
    const { databaseUrl, port, server } = await startedOnDemoCopy({ LOG_LEVEL: 'info' });
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    const { rows: hashes } = await owner.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'admin'`,
    );
    await owner.end();

    const wrong = await signIn(port, 'khong-dung-mat-khau-nay');
    expect(wrong.data?.login).toBeFalsy();
    const login = await signIn(port, adminPassword);
    expect(login.data?.login.username).toBe('admin');
    const token = login.cookie!.split('=')[1]!;
    const citizenId = '079123456789';
    const search = await call(
      port,
      'query Search($q: String) { allHouseholds(filter: { q: $q }) { id } }',
      { q: citizenId },
      login.cookie,
    );
    expect(search.status).toBe(200);
    const refused = await call(port, '{ allUsers { id } }');
    const refusedError = refused.body.errors?.[0];
    expect(refusedError?.extensions?.requestId).toBe(refused.requestId);
    const missing = await fetch(`http://127.0.0.1:${port}/nope`);
    expect((await stopped(server)).code).toBe(0);

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
    for (const entry of entries) {
      expect(entry).toMatchObject({
        level: expect.any(String),
        time: expect.any(String),
        message: expect.any(String),
      });
    }
    const lineOf = (requestId: string | null) =>
      entries.filter((entry) => entry.requestId === requestId && entry.message === 'request');
    expect(lineOf(login.requestId)).toEqual([
      expect.objectContaining({
        operation: 'login',
        result: 'ok',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(lineOf(search.requestId)).toEqual([
      expect.objectContaining({ operation: 'Search', result: 'ok', user: 'admin', role: 'ADMIN' }),
    ]);
    expect(lineOf(refused.requestId)).toEqual([
      expect.objectContaining({ operation: 'allUsers', result: 'UNAUTHENTICATED' }),
    ]);
    expect(lineOf(missing.headers.get('x-request-id'))).toEqual([
      expect.objectContaining({ status: 404, path: '/nope' }),
    ]);
    const everything = server.output();
    for (const secret of [
      adminPassword,
      'khong-dung-mat-khau-nay',
      appPassword(),
      hashes[0]!.password_hash,
      token,
      citizenId,
    ]) {
      expect(everything, 'a secret in the log').not.toContain(secret);
    }
    expect(everything).not.toMatch(/\$argon2/);
  });

  it('readiness fails when the app role cannot read or the migrations are not the code’s; /metrics in Prometheus text; unknown paths 404', async () => {
    const { databaseUrl, port, server } = await startedOnDemoCopy();
    const base = `http://127.0.0.1:${port}`;
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      await owner.query('REVOKE SELECT ON organizations FROM plan68_app');
      const noGrants = await fetch(`${base}/readyz`);
      expect(noGrants.status).toBe(503);
      expect(JSON.stringify(await noGrants.json())).toMatch(/permission denied/);
      expect((await fetch(`${base}/livez`)).status).toBe(200);
      await owner.query('GRANT SELECT ON organizations TO plan68_app');
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      await owner.query(
        `INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FromANewerVersion9999999999999')`,
      );
      const ahead = await fetch(`${base}/readyz`);
      expect(ahead.status).toBe(503);
      expect(JSON.stringify(await ahead.json())).toMatch(/migrations not current/);
      await owner.query(`DELETE FROM migrations WHERE timestamp = 9999999999999`);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await owner.end();
    }

    await signIn(port, 'khong-dung-mat-khau-nay');
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(
      /^plan68_http_requests_total\{route="graphql",operation="login",result="[A-Z_]+"\} 1$/m,
    );
    expect(text).toMatch(/^plan68_http_request_duration_seconds_bucket\{.*le="0\.1".*\} \d+$/m);
    expect(text).toMatch(/^plan68_db_pool_connections\{pool="requests",state="idle"\} \d+$/m);
    expect(text).toMatch(/^# TYPE plan68_database_errors_total counter$/m);

    for (const unknown of ['/nope', '/api/v1/households', '/graphql/x']) {
      const response = await fetch(`${base}${unknown}`);
      expect(response.status, unknown).toBe(404);
      expect(await response.text()).not.toMatch(/<html|<div id="root">/i);
    }
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await stopped(server)).code).toBe(0);
  });

  it('while it drains, an answer closes its kept-alive connection and a request sent on it anyway is refused unrun', async () => {
    const { databaseUrl, port, server } = await startedOnDemoCopy();
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    // A failed assertion ends the test before owner.end(): its later disconnect is not an error.
    owner.on('error', () => undefined);
    onTestFinished(() => owner.end().catch(() => undefined));
    const { rows: funds } = await owner.query<{ id: string }>('SELECT id FROM funds LIMIT 1');
    const { cookie } = await signIn(port, adminPassword);

    const request = (query: string, variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query, variables });
      return {
        head:
          `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
          `Cookie: ${cookie}\r\nConnection: keep-alive\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        body,
      };
    };
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    let closed = false;
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => (closed = true));
    socket.on('error', () => (closed = true));

    // The first request is in flight (its body half sent) when the stop begins.
    const first = request('{ _allDonationsMeta { count } }', {});
    socket.write(first.head + first.body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(first.body.slice(10));
    const deadline = Date.now() + 5_000;
    while (!/\r\n\r\n[\s\S]*\}\s*$/.test(received) && !closed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received.toLowerCase()).toContain('connection: close');

    // A keep-alive client sends its next request at once: it is refused or answered, never run
    // and left unanswered.
    const donor = `Gửi khi máy chủ đang dừng ${Date.now()}`;
    const second = request(
      `mutation ($f: ID!, $n: String!) { createDonation(fundId: $f, donorKind: BUSINESS, donorName: $n,
         form: CASH, amount: 1000000, receivedDate: "2025-03-02") { id } }`,
      { f: funds[0]!.id, n: donor },
    );
    const before = received.length;
    if (!closed) socket.write(second.head + second.body);
    await server.exited;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = received.slice(before);
    const { rowCount } = await owner.query('SELECT 1 FROM donations WHERE donor_name = $1', [
      donor,
    ]);
    if (/^HTTP\/1\.1 200/.test(answer)) expect(rowCount).toBe(1);
    else {
      expect(answer === '' || /^HTTP\/1\.1 503/.test(answer), answer).toBe(true);
      expect(rowCount, 'a write that was never answered').toBe(0);
    }
    socket.destroy();
  });
});
