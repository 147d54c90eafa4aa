import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { inject } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../server/src/memory';
import { withDatabase } from './urls';

/** `node dist/server/main.js` as `npm start` runs it (built by `npm test` before the suite). */
export interface Server {
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr interleaved. */
  output: () => string;
  /** Its stderr alone: the log. */
  log: () => string;
  exited: Promise<number | null>;
}

/** Starts servers and makes folders and databases that the test file's `cleanUp` removes. */
export function processHarness() {
  const children: ChildProcess[] = [];
  const folders: string[] = [];
  const databases: string[] = [];

  function start(
    env: Record<string, string>,
    nodeFlags: readonly string[] = SERVER_NODE_FLAGS,
  ): Server {
    const child = spawn(process.execPath, [...nodeFlags, 'dist/server/main.js'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let text = '';
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      log += chunk.toString();
    });
    // 'exit' can come before the last of the output is read from the pipes (a busy machine lost
    // the request lines the logging test reads); what is still in them is waited for, a second at
    // most: a child the server started (its PostgreSQL) may hold them open.
    const drained = Promise.all(
      [child.stdout!, child.stderr!].map(
        (stream) => new Promise<void>((resolve) => stream.once('close', () => resolve())),
      ),
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code, signal) => {
        const result = code ?? (signal ? -1 : null);
        const waited = setTimeout(() => resolve(result), 1000);
        void drained.then(() => {
          clearTimeout(waited);
          resolve(result);
        });
      }),
    );
    return { child, output: () => text, log: () => log, exited };
  }

  /** Creates an empty database (or a copy of the suite's migrated, seeded template). */
  async function database(options: { fromTemplate?: boolean } = {}): Promise<string> {
    const adminUrl = inject('pgAdminUrl');
    const name = `plan68_proc_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(
            `CREATE DATABASE ${name}${options.fromTemplate ? ` TEMPLATE ${inject('pgTemplate')}` : ''}`,
          );
          break;
        } catch (error) {
          // Two copies of one template at the same instant collide; a moment later they do not.
          if (attempt > 20 || !/being accessed/.test((error as Error).message)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    } finally {
      await client.end();
    }
    databases.push(name);
    return withDatabase(adminUrl, name);
  }

  async function cleanUp() {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    for (const name of databases)
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }

  return { start, database, cleanUp, removeLater: (folder: string) => folders.push(folder) };
}

export async function waitFor(
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

/** The port a server announced in its "ready" log line. */
export const readyPattern = (port: number) =>
  new RegExp(`plan68 is ready at http://(?:127\\.0\\.0\\.1|localhost):${port}/`);

/** The admin password a first start generated, from the file it points to. */
export function generatedPassword(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'admin-password.txt'), 'utf8').trim();
}

export async function signIn(port: number, password: string, username = 'admin') {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }',
      variables: { u: username, p: password },
    }),
  });
  const body = (await response.json()) as { data?: { login: { username: string } } };
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  return { ...body, cookie, requestId: response.headers.get('x-request-id') };
}

/** Waits until `url` answers `status` (or anything, when connections are refused meanwhile). */
export async function waitForStatus(url: string, status: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'nothing';
  for (;;) {
    try {
      const response = await fetch(url);
      last = String(response.status);
      if (response.status === status) return;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} never answered ${status} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The environment of a developer's shell: none of the hosting vitest run's own variables, and no
 * DATABASE_URL, so a command started in it uses the embedded PostgreSQL as a fresh machine would.
 */
export function shellEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key];
  delete env.DATABASE_URL;
  return env;
}

/** Runs a command to its end in shellEnv(): its exit code and everything it printed. */
export function runInShell(
  command: string,
  args: string[],
  cwd = path.resolve('.'),
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: shellEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: stripVTControlCharacters(output) }));
  });
}
