import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../server/src/db/embedded';
import { appRoleUrl } from '../server/src/db/app-role';
import { withDatabase } from './support/urls';

/** `node dist/server/main.js` as `npm start` runs it (built by `npm test` before the suite). */
interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const folders: string[] = [];
const databases: string[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});

function start(env: Record<string, string>): Server {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(
  server: Server,
  pattern: RegExp,
  timeoutMs = 40_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = server.output().match(pattern);
    if (match) return match;
    if (server.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`did not see ${pattern}; output:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function signIn(port: number, password: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($p: String!) { login(username: "admin", password: $p) { username } }',
      variables: { p: password },
    }),
  });
  return (await response.json()) as { data?: { login: { username: string } } };
}

async function emptyDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `plan68_proc_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  databases.push(name);
  return withDatabase(adminUrl, name);
}

describe('npm start (the server process)', () => {
  it('with DATABASE_URL: migrates, loads the demo data, prints where to sign in, serves API and admin, stops on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-proc-'));
    folders.push(dataDir);
    const databaseUrl = await emptyDatabase();
    const server = start({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      // The role's password is shared by every test file on this cluster: the server must use it,
      // not give the role a new one (which is what it does when APP_DATABASE_URL is unset).
      APP_DATABASE_URL: appRoleUrl(databaseUrl, inject('appRolePassword')),
      DATA_DIR: dataDir,
    });
    const [, password] = await waitFor(server, /with the password (\S+)/);
    await waitFor(server, new RegExp(`ready at http://127\\.0\\.0\\.1:${port}/`));
    expect(server.output()).toContain('database: DATABASE_URL');
    expect((await signIn(port, password!)).data?.login.username).toBe('admin');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('embedded: keeps data in DATA_DIR across restarts, refuses a second start on the same folder, shuts down cleanly', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-proc-'));
    chmodSync(dataDir, 0o755); // the postgres user must reach the data folder below it
    folders.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };

    const first = start(env);
    const [, password] = await waitFor(first, /with the password (\S+)/);
    const [, freshSeconds] = await waitFor(first, /ready in ([\d.]+) s/);
    expect(readFileSync(path.join(dataDir, 'admin-password.txt'), 'utf8').trim()).toBe(password);
    expect(first.output()).toContain(
      `embedded PostgreSQL, data in ${path.join(dataDir, 'postgres')}`,
    );

    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running \(process \d+\)/);
    expect((await signIn(port, password!)).data?.login.username).toBe('admin');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'plan68.pid'))).toBe(false);

    const again = start(env);
    const [, existingSeconds] = await waitFor(again, /ready in ([\d.]+) s/);
    expect(again.output()).toContain(
      `with the password in ${path.join(dataDir, 'admin-password.txt')}`,
    );
    expect((await signIn(port, password!)).data?.login.username).toBe('admin');
    console.info(
      `ready after start: fresh data dir ${freshSeconds} s, existing data dir ${existingSeconds} s`,
    );
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('in production, refuses to create the first admin without ADMIN_PASSWORD', async () => {
    const server = start({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATABASE_URL: await emptyDatabase(),
      APP_DATABASE_URL: 'postgres://unused',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('NODE_ENV=production needs ADMIN_PASSWORD');
  });
});
