import 'reflect-metadata';
import { DataSource, type DataSourceOptions as TypeOrmOptions, type Logger } from 'typeorm';
import { logger } from '../common/logger';
import { entities } from './entities';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './naming';

/** Sees every SQL statement: logs failures and slow ones, and lets tests count statements. */
class SqlLogger implements Logger {
  constructor(private readonly onQuery?: (sql: string) => void) {}
  logQuery(query: string) {
    this.onQuery?.(query);
  }
  logQueryError(error: string | Error, query: string) {
    logger.warn('query failed', {
      error: error instanceof Error ? error.message : error,
      query: query.slice(0, 500),
    });
  }
  logQuerySlow(time: number, query: string) {
    logger.warn('slow query', { ms: time, query: query.slice(0, 500) });
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
    poolErrorHandler: (error: Error) =>
      logger.warn('database connection lost', { error: error.message }),
    logging: true,
    logger: new SqlLogger(options.onQuery),
    maxQueryExecutionTime: options.slowQueryMs ?? 1000,
    extra: {
      max: options.poolSize ?? 10,
      // NOTE: fail fast instead of hanging a request when the database is unreachable or stuck.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'plan68',
    },
  });
}

/** Connects and brings the schema up to date. */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
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
