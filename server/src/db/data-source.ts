import 'reflect-metadata';
import {
  DataSource,
  MigrationExecutor,
  type DataSourceOptions as TypeOrmOptions,
  type Logger,
} from 'typeorm';
import { logger } from '../common/logger';
import { databaseErrors } from '../common/metrics';
import { entities } from './entities';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './naming';

/** Sees every SQL statement: logs failures and slow ones, and lets tests count statements. */
class SqlLogger implements Logger {
  constructor(private readonly onQuery?: (sql: string) => void) {}
  // NOTE: String(query): a prepared statement (db/prepared.ts) comes as an object.
  logQuery(query: string) {
    this.onQuery?.(String(query));
  }
  logQueryError(error: string | Error, query: string) {
    databaseErrors.inc({ kind: 'query' });
    logger.warn('query failed', {
      error: error instanceof Error ? error.message : error,
      query: String(query).slice(0, 500),
    });
  }
  logQuerySlow(time: number, query: string) {
    logger.warn('slow query', { ms: time, query: String(query).slice(0, 500) });
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') logger.warn(String(message));
  }
}

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  onQuery?: (sql: string) => void;
  /** Statements slower than this are logged (default 1 s). */
  slowQueryMs?: number;
  /** How the pool's sessions are named in pg_stat_activity (default `plan68`). */
  applicationName?: string;
  /** How long one statement may run before PostgreSQL stops it (default 30 s). */
  statementTimeoutMs?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // NOTE: gen_random_uuid() is built in since PostgreSQL 13; extensions are created by migrations.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // NOTE: without an error handler a dropped idle connection crashes the process (pg#1700).
    poolErrorHandler: (error: Error) => {
      databaseErrors.inc({ kind: 'connection' });
      logger.warn('database connection lost', { error: error.message });
    },
    logging: true,
    logger: new SqlLogger(options.onQuery),
    maxQueryExecutionTime: options.slowQueryMs ?? 1000,
    extra: {
      max: options.poolSize ?? 10,
      // NOTE: fail fast instead of hanging a request when the database is unreachable or stuck.
      connectionTimeoutMillis: 5_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: options.applicationName ?? 'plan68',
    },
  });
}

/** The advisory lock processes take turns on to prepare one database (any number of the program's). */
const STARTUP_LOCK = 68_000_001;

/**
 * Runs `work` while holding the database's startup lock: processes starting at the same time on one
 * database migrate and load the first data one after another, never side by side.
 */
export async function withStartupLock<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Applies the pending migrations (or, with `undo`, reverts the last one), each in its own
 * transaction, on a session without the pool's statement timeout: that timeout bounds a request,
 * and a migration rewriting a nation's 900,000 reviews legitimately runs longer than any request.
 * Locks stay bounded by PostgreSQL's own waits; the startup lock keeps migrators one at a time.
 */
export async function runMigrations(dataSource: DataSource, undo = false): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET statement_timeout = 0');
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    if (undo) await executor.undoLastMigration();
    else await executor.executePendingMigrations();
  } finally {
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}

/**
 * Connects and brings the schema up to date; `prepare` (the first administrator, the demo data)
 * runs under the same startup lock as the migrations.
 */
export async function openDatabase(
  options: DataSourceOptions,
  prepare?: (db: DataSource) => Promise<void>,
): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await withStartupLock(dataSource, async () => {
    await runMigrations(dataSource);
    await prepare?.(dataSource);
  });
  return dataSource;
}

/**
 * A small pool beside a request pool, for aggregates (see asAggregate): they run on connections of
 * their own, so an aggregate never waits for a request connection that waits for it.
 */
export async function openAggregatePool(db: DataSource, size = 4): Promise<DataSource> {
  const options = db.options as TypeOrmOptions & { extra?: Record<string, unknown> };
  const pool = new DataSource({
    ...options,
    migrations: [],
    extra: { ...options.extra, max: size, application_name: 'plan68-aggregates' },
  } as TypeOrmOptions);
  return pool.initialize();
}
