import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp, type App } from './app';
import { loadConfig } from './config';
import { logger, routeProcessWarnings } from './common/logger';
import { openAppDatabase } from './db/app-role';
import { openDatabase } from './db/data-source';
import { replicaUrl } from './db/read-replica';
import {
  folderClosedToPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './db/embedded';
import { ensureAdmin } from './db/seed/admin';
import { seedDemoIfEmpty } from './db/seed/demo';
import { limitHeapGrowth, missingNodeFlags } from './memory';

const started = Date.now();

/** How long a stop may take: requests in flight get this long, less a margin for the rest. */
const STOP_MS = 3_000;

/** One running server per data folder: a second `npm start` must not touch a cluster in use. */
function takeLock(lockFile: string): () => void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `plan68 is already running (process ${pid}) on the data folder ${path.dirname(lockFile)}. ` +
          'Stop it first (Ctrl+C in its terminal), or set DATA_DIR / DATABASE_URL for a separate instance.',
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/** Listens, or fails with the reason (a port in use) before anything else is touched. */
function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** Settles after `ms` at the latest, whatever `work` does. */
const within = (work: Promise<unknown>, ms: number) =>
  Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms))]);

async function main() {
  const config = loadConfig();
  limitHeapGrowth();
  const missingFlags = missingNodeFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missingFlags.length > 0) {
    logger.warn('started without the memory flags `npm start` passes to node', {
      missingFlags,
      consequence: 'a young generation of 32 MB instead of 16 MB: that much more resident memory',
    });
  }
  let embedded: EmbeddedPostgres | null = null;
  let releaseLock: (() => void) | null = null;
  let databaseUrl = config.databaseUrl;
  let db: DataSource | null = null;
  let appDb: DataSource | null = null;
  let app: App | null = null;
  let stopping: Promise<void> | null = null;
  let embeddedState: 'ok' | 'restarting' = 'ok';
  let restarting: Promise<unknown> = Promise.resolve();

  // The port first: a start that cannot serve (the port is taken) must change nothing shared,
  // such as the app role's password that running processes use. Until the app is ready the
  // port answers 503.
  const httpServer = http.createServer();
  const starting = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(JSON.stringify({ status: 'starting' }));
  };
  httpServer.on('request', starting);
  await listen(httpServer, config.port, config.host);

  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.notice('shutting down', { reason });
      // Every step is bounded: a dead database must not keep the process (and its pid file) alive.
      if (app) await within(app.stop(), STOP_MS - 500);
      else await within(new Promise((resolve) => httpServer.close(resolve)), 500);
      for (const pool of [appDb, db]) await within(pool?.destroy() ?? Promise.resolve(), 300);
      // A restart of the database under way finishes first, so that what it started is stopped.
      await within(restarting, 1_000);
      await within(embedded?.stop() ?? Promise.resolve(), 1_000);
      releaseLock?.();
      logger.notice('stopped', { reason });
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn('second signal: exiting now');
        releaseLock?.();
        process.exit(1);
      }
      void shutdown(signal).then(() => process.exit(0));
    });
  }

  try {
    if (!databaseUrl) {
      const pgDir = path.join(config.dataDir, 'postgres');
      mkdirSync(config.dataDir, { recursive: true });
      const closed = folderClosedToPostgres(pgDir);
      if (closed) {
        throw new Error(
          `PostgreSQL runs as the user "postgres" and cannot reach ${pgDir}: the folder ${closed} ` +
            `may not be entered by other users. Allow it (chmod o+x ${closed}) or set DATA_DIR to a ` +
            'folder others may enter (for example /var/lib/plan68).',
        );
      }
      releaseLock = takeLock(path.join(config.dataDir, 'plan68.pid'));
      embedded = await startEmbeddedPostgres({
        dataDir: pgDir,
        port: config.embeddedPgPort,
        reclaimOrphan: true,
      });
      await embedded.createDatabase('plan68');
      databaseUrl = embedded.urlFor('plan68');
    }

    let admin: { username: string; passwordHint: string; generatedPassword?: string } | null = null;
    db = await openDatabase({ url: databaseUrl }, async (owner) => {
      admin = await ensureAdmin(owner, config);
      if (config.seedDemo) await seedDemoIfEmpty(owner);
    });
    appDb = await openAppDatabase(db, databaseUrl, { appUrl: config.appDatabaseUrl });
    // The owner's pool served migrations and seeding; requests never run with its rights.
    await db.destroy();
    db = null;
    app = await createApp({
      db: appDb,
      production: config.production,
      adminDir: config.adminDir,
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      httpServer,
      database: () => (embedded ? embeddedState : 'ok'),
      readDatabaseUrl: config.readDatabaseUrl
        ? replicaUrl(config.readDatabaseUrl, (appDb.options as { url: string }).url)
        : null,
    });
    httpServer.off('request', starting);
    if (embedded) superviseEmbedded();

    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    const signIn = admin as {
      username: string;
      passwordHint: string;
      generatedPassword?: string;
    } | null;
    const url = `http://${host}:${port}/`;
    const database = embedded ? `embedded PostgreSQL, data in ${embedded.dataDir}` : 'DATABASE_URL';
    const readySeconds = ((Date.now() - started) / 1000).toFixed(1);
    const signInLine = signIn ? `sign in as "${signIn.username}" ${signIn.passwordHint}` : '';
    // The log is JSON lines only: a supervisor or collector reads one format.
    logger.notice(`plan68 is ready at ${url}`, {
      url,
      graphql: `${url}graphql`,
      database,
      signIn: signInLine,
      readySeconds: Number(readySeconds),
    });
    if (process.stdout.isTTY) {
      // A person at a terminal gets the same in words, and a generated password once.
      const lines = [
        '',
        `plan68 is ready at ${url}  (GraphQL: ${url}graphql)`,
        `  database: ${database}`,
        ...(signInLine ? [`  ${signInLine}`] : []),
        ...(signIn?.generatedPassword ? [`  password: ${signIn.generatedPassword}`] : []),
        `  ready in ${readySeconds} s`,
        '',
      ];
      process.stdout.write(lines.join('\n') + '\n');
    }
  } catch (error) {
    await shutdown('startup failed');
    throw error;
  }

  /**
   * The embedded PostgreSQL is part of this program: if it dies, it is started again on the same
   * folder and port (the pools reconnect by themselves), and readiness says so meanwhile. If it
   * cannot be, the program stops with an error, so a supervisor restarts the whole.
   */
  function superviseEmbedded() {
    const current = embedded!;
    void current.exited.then(() => {
      if (stopping) return;
      restarting = restart(current);
    });
  }

  async function restart(current: EmbeddedPostgres) {
    embeddedState = 'restarting';
    logger.error('embedded PostgreSQL stopped unexpectedly; starting it again', {
      dataDir: current.dataDir,
    });
    for (let attempt = 1; attempt <= 5 && !stopping; attempt++) {
      try {
        embedded = await startEmbeddedPostgres({
          dataDir: current.dataDir,
          port: current.port,
          reclaimOrphan: true,
        });
        embeddedState = 'ok';
        logger.info('embedded PostgreSQL running again', { attempt });
        superviseEmbedded();
        return;
      } catch (error) {
        logger.warn('embedded PostgreSQL did not start yet', {
          attempt,
          error: (error as Error).message,
        });
        await new Promise((resolve) => setTimeout(resolve, attempt * 500));
      }
    }
    if (stopping) return;
    logger.error('embedded PostgreSQL could not be started again; stopping');
    embedded = null;
    await shutdown('database lost');
    process.exit(1);
  }
}

routeProcessWarnings();
main().catch((error: Error) => {
  logger.error(`plan68 could not start: ${error.message}`);
  process.exit(1);
});
