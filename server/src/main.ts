import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { loadConfig } from './config';
import { logger } from './common/logger';
import { openAppDatabase } from './db/app-role';
import { openDatabase } from './db/data-source';
import { startEmbeddedPostgres, traversableByOthers, type EmbeddedPostgres } from './db/embedded';
import { ensureAdmin } from './db/seed/admin';
import { seedDemoIfEmpty } from './db/seed/demo';

const started = Date.now();

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

async function main() {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | null = null;
  let releaseLock: (() => void) | null = null;
  let databaseUrl = config.databaseUrl;

  if (!databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    releaseLock = takeLock(path.join(config.dataDir, 'plan68.pid'));
    let pgDir = path.join(config.dataDir, 'postgres');
    if (!traversableByOthers(pgDir)) {
      pgDir = path.join(
        '/var/tmp',
        `plan68-${Buffer.from(config.dataDir).toString('base64url').slice(-24)}`,
        'postgres',
      );
      logger.warn('data folder not reachable by the postgres user; using another folder', {
        pgDir,
      });
    }
    embedded = await startEmbeddedPostgres({
      dataDir: pgDir,
      port: config.embeddedPgPort,
    });
    await embedded.createDatabase('plan68');
    databaseUrl = embedded.urlFor('plan68');
  }

  let db: DataSource | null = null;
  let appDb: DataSource | null = null;
  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      logger.info('shutting down', { reason });
      await app?.apollo
        .stop()
        .catch((error: Error) => logger.warn('stop http', { error: error.message }));
      for (const pool of [appDb, db]) {
        await pool
          ?.destroy()
          .catch((error: Error) => logger.warn('close pool', { error: error.message }));
      }
      await embedded
        ?.stop()
        .catch((error: Error) => logger.warn('stop postgres', { error: error.message }));
      releaseLock?.();
      logger.info('stopped');
    })();
    return stopping;
  };
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn('second signal: exiting now');
        process.exit(1);
      }
      void shutdown(signal).then(() => process.exit(0));
    });
  }

  try {
    db = await openDatabase({ url: databaseUrl });
    const admin = await ensureAdmin(db, config);
    if (config.seedDemo) await seedDemoIfEmpty(db);
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
    });
    await new Promise<void>((resolve, reject) => {
      app!.httpServer.once('error', reject);
      app!.httpServer.listen(config.port, config.host, resolve);
    });
    const address = app.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    const lines = [
      '',
      `plan68 is ready at http://${host}:${port}/  (GraphQL: http://${host}:${port}/graphql)`,
      `  database: ${embedded ? `embedded PostgreSQL, data in ${embedded.dataDir}` : 'DATABASE_URL'}`,
      `  sign in as "${admin.username}" ${admin.passwordHint}`,
      `  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (error) {
    await shutdown('startup failed');
    throw error;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`\nplan68 could not start: ${error.message}\n`);
  process.exit(1);
});
