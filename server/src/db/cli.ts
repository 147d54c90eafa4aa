import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { createDataSource, openDatabase, runMigrations } from './data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { seedDemoIfEmpty } from './seed/demo';
import { todayInVietnam } from '../common/time';
import { anonymiseExpiredHouseholds } from '../modules/household/retention';
import { backup, defaultBackupFile, restore } from './backup';

/**
 * Database chores: `migrate`, `revert`, `seed`, `reset`, `retention`, `drift` (exit 1 when entities and migrations
 * disagree) and `generate <Name>` (writes a migration from the difference). Uses DATABASE_URL, or the
 * embedded PostgreSQL in DATA_DIR (the server must be stopped), or a throw-away one for drift/generate.
 * `backup [file]` (while the server runs) and `restore <file>` (into an empty DATA_DIR or database):
 * see backup.ts and docs/backup.md.
 */
const USAGE =
  'usage: node dist/server/db/cli.js migrate|revert|seed|reset|retention|drift|generate <Name>|backup [file]|restore <file>';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function withDatabase<T>(scratch: boolean, work: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl && !scratch) return work(config.databaseUrl);
  let tempDir: string | null = null;
  let embedded: EmbeddedPostgres;
  if (scratch) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-scratch-'));
    rmSync(tempDir, { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir: tempDir });
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
  }
  try {
    await embedded.createDatabase('plan68');
    return await work(embedded.urlFor('plan68'));
  } finally {
    await embedded.stop();
    if (tempDir) {
      rmSync(tempDir, { recursive: true, force: true });
      rmSync(`${tempDir}.password`, { force: true });
    }
  }
}

/** The SQL that would bring a database migrated to the latest migration in line with the entities. */
export async function pendingSchemaChanges(db: DataSource) {
  const sql = await db.driver.createSchemaBuilder().log();
  return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query) };
}

function migrationSource(name: string, timestamp: number, up: string[], down: string[]) {
  const line = (q: string) => `    await queryRunner.query(${JSON.stringify(q)});`;
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(line).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.reverse().map(line).join('\n')}
  }
}
`;
}

async function run(command: string | undefined, arg: string | undefined) {
  switch (command) {
    case 'migrate':
      return withDatabase(false, async (url) => {
        const db = await openDatabase({ url });
        await db.destroy();
      });
    case 'revert':
      return withDatabase(false, async (url) => {
        const db = await createDataSource({ url }).initialize();
        await runMigrations(db, true);
        await db.destroy();
      });
    case 'seed':
      return withDatabase(false, async (url) => {
        const db = await openDatabase({ url });
        process.stdout.write(
          (await seedDemoIfEmpty(db))
            ? 'demo data loaded\n'
            : 'database not empty; nothing loaded\n',
        );
        await db.destroy();
      });
    case 'reset':
      return withDatabase(false, async (url) => {
        const db = await createDataSource({ url }).initialize();
        await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await db.destroy();
        const fresh = await openDatabase({ url });
        await seedDemoIfEmpty(fresh);
        await fresh.destroy();
        process.stdout.write(
          'database reset and demo data loaded; sign-in users were removed too\n',
        );
      });
    case 'retention':
      // Nightly in production (cron or a systemd timer): erases the personal data of households
      // whose last activity is older than the retention period.
      return withDatabase(false, async (url) => {
        const db = await openDatabase({ url });
        const done = await anonymiseExpiredHouseholds(db, todayInVietnam());
        await db.destroy();
        process.stdout.write(
          `retention: ${done.households} households and ${done.members} members anonymised\n`,
        );
      });
    case 'drift':
      return withDatabase(true, async (url) => {
        const db = await openDatabase({ url });
        const { up } = await pendingSchemaChanges(db);
        await db.destroy();
        if (up.length > 0) {
          process.stderr.write(
            `entities and migrations disagree; missing migration:\n${up.join(';\n')}\n`,
          );
          process.exitCode = 1;
        } else process.stdout.write('no drift: migrations match the entities\n');
      });
    case 'generate': {
      if (!arg || !/^[A-Z][A-Za-z0-9]+$/.test(arg))
        throw new Error('generate needs a PascalCase name');
      return withDatabase(true, async (url) => {
        const db = await openDatabase({ url });
        const { up, down } = await pendingSchemaChanges(db);
        await db.destroy();
        if (up.length === 0) return void process.stdout.write('no changes\n');
        const timestamp = Date.now();
        const kebab = arg.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
        const file = path.resolve('server/src/db/migrations', `${timestamp}-${kebab}.ts`);
        writeFileSync(file, migrationSource(arg, timestamp, up, down));
        process.stdout.write(`wrote ${file}\nadd it to server/src/db/migrations/index.ts\n`);
      });
    }
    case 'backup': {
      const config = loadConfig();
      const done = await backup(config, arg ?? defaultBackupFile());
      const { manifest } = done;
      process.stdout.write(
        `backup written to ${done.file} (${megabytes(done.bytes)}, ${done.seconds.toFixed(1)} s)\n` +
          `  ${manifest.kind === 'embedded-physical' ? 'embedded PostgreSQL, physical online backup' : 'pg_dumpall --globals-only + pg_dump'}` +
          ` of PostgreSQL ${manifest.postgres.version}, taken ${manifest.createdAt}\n` +
          `  restore: npm run db:restore -- ${done.file}  (into an empty DATA_DIR or database)\n`,
      );
      return;
    }
    case 'restore': {
      if (!arg) throw new Error('restore needs the backup file: npm run db:restore -- <file>');
      const config = loadConfig();
      const done = await restore(config, arg);
      process.stdout.write(
        `restored ${path.resolve(arg)} (backup of ${done.manifest.createdAt}, PostgreSQL ` +
          `${done.manifest.postgres.version}) into ${done.target} in ${done.seconds.toFixed(1)} s\n` +
          `  start the server as usual (npm start); sign-in users and passwords are those of the backup\n`,
      );
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

if (require.main === module) {
  run(process.argv[2], process.argv[3]).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
