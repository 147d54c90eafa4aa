import type { DataSource } from 'typeorm';
import { logger } from '../common/logger';
import { replicaLag, replicaUp, watchPool } from '../common/metrics';
import { createDataSource, openAggregatePool, type DataSourceOptions } from './data-source';

/**
 * READ_DATABASE_URL as the replica's pools use it: with its own user and password when it names
 * them, else with those of the app role's URL (roles and their passwords replicate with the data,
 * so the role the primary's requests use signs in on the standby too).
 */
export function replicaUrl(readUrl: string, appUrl: string): string {
  const read = new URL(readUrl);
  if (!read.username) {
    const app = new URL(appUrl);
    read.username = app.username;
    read.password = app.password;
  }
  return read.toString();
}

export interface ReplicaStatus {
  status: 'ok' | 'unavailable';
  /** Whether the server is a standby in recovery (pg_is_in_recovery()). */
  standby?: boolean;
  /** Seconds behind the primary: 0 when everything received is replayed, else since the last replayed commit. */
  lagSeconds?: number;
  error?: string;
}

export interface ReplicaPools {
  requests: DataSource;
  aggregates: DataSource;
}

/** What the replica is checked with: who we are there, and whether and how far it is behind. */
const CHECK = `SELECT current_user AS role, pg_is_in_recovery() AS standby,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
       ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag`;

/**
 * The read replica's two pools (requests and aggregates, as on the primary). When it cannot be
 * reached, reads fall back to the primary: `pools()` answers null, a warning is logged once per
 * outage, `plan68_replica_up` is 0, and a new connection is tried every `retryMs` in the background,
 * so no request waits for a replica that is down.
 */
export class ReadReplica {
  private pair: ReplicaPools | null = null;
  private up = false;
  private lastError = 'not connected yet';
  private timer: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    /** The role the primary's requests run as: the replica's must be the same (row-level security). */
    private readonly role: string,
    private readonly options: Omit<DataSourceOptions, 'url'> & { retryMs?: number } = {},
  ) {
    replicaUp.set(0);
  }

  /** Connects now; a failure is logged and retried later (the app starts either way). */
  start(): Promise<void> {
    return this.connect();
  }

  /** The pools a read should run on, or null while the replica is unavailable. */
  pools(): ReplicaPools | null {
    return this.up ? this.pair : null;
  }

  /** A read could not start on the replica: reads go to the primary until a check succeeds. */
  markDown(error: Error | string): void {
    const message = typeof error === 'string' ? error : error.message;
    if (this.up) {
      logger.warn('read replica unavailable; reads go to the primary', { error: message });
    }
    this.lastError = message;
    this.up = false;
    replicaUp.set(0);
    this.retryLater();
  }

  /** For readiness: whether the replica answers, is a standby, and how far behind it is. */
  async status(): Promise<ReplicaStatus> {
    if (!this.up || !this.pair) return { status: 'unavailable', error: this.lastError };
    try {
      const { standby, lag } = await this.check(this.pair.requests);
      replicaLag.set(lag);
      return { status: 'ok', standby, lagSeconds: Math.round(lag * 1000) / 1000 };
    } catch (error) {
      this.markDown(error as Error);
      return { status: 'unavailable', error: this.lastError };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.connecting?.catch(() => undefined);
    for (const pool of [this.pair?.aggregates, this.pair?.requests]) {
      if (pool?.isInitialized) await pool.destroy().catch(() => undefined);
    }
    this.pair = null;
  }

  private async check(db: DataSource): Promise<{ standby: boolean; lag: number }> {
    const [row] = (await db.query(CHECK)) as { role: string; standby: boolean; lag: number }[];
    if (row!.role !== this.role) {
      // Another role (the owner, a superuser) would read past row-level security.
      throw new Error(
        `READ_DATABASE_URL signs in as ${row!.role}; requests must run as ${this.role} there too`,
      );
    }
    return { standby: row!.standby, lag: Number(row!.lag) };
  }

  private connect(): Promise<void> {
    this.connecting ??= this.tryConnect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async tryConnect(): Promise<void> {
    if (this.closed) return;
    let requests = this.pair?.requests ?? null;
    let made: DataSource[] = [];
    try {
      if (!requests) {
        requests = createDataSource({
          ...this.options,
          url: this.url,
          applicationName: 'plan68-replica',
        });
        made.push(requests);
        await requests.initialize();
      }
      const { standby } = await this.check(requests);
      if (!this.pair) {
        const aggregates = await openAggregatePool(requests);
        made.push(aggregates);
        this.pair = { requests, aggregates };
        watchPool('replica-requests', requests);
        watchPool('replica-aggregates', aggregates);
      }
      made = [];
      if (this.closed) return;
      this.up = true;
      replicaUp.set(1);
      logger.info('read replica connected: dashboards and analysts read there', { standby });
      if (!standby) logger.warn('READ_DATABASE_URL is not a standby in recovery (a primary?)');
    } catch (error) {
      for (const pool of made.reverse()) {
        if (pool.isInitialized) await pool.destroy().catch(() => undefined);
      }
      // Once per outage at warn level: a replica down for hours must not flood the log.
      const message = (error as Error).message;
      if (this.up || this.lastError !== message) {
        logger.warn('read replica unavailable; reads go to the primary', { error: message });
      }
      this.lastError = message;
      this.up = false;
      replicaUp.set(0);
      this.retryLater();
    }
  }

  private retryLater(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.options.retryMs ?? 5_000);
    this.timer.unref();
  }
}
