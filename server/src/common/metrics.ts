import client from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * What an operator scrapes at /metrics (Prometheus text): requests by route, GraphQL operation and
 * result, their latency, the database pools' use and the database errors, and Node's own figures
 * (memory, CPU, event loop). One registry per process.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'plan68_' });

export const requests = new client.Counter({
  name: 'plan68_http_requests_total',
  help: 'HTTP requests answered, by route, GraphQL operation and result (ok, an error code, or the HTTP status).',
  labelNames: ['route', 'operation', 'result'] as const,
  registers: [registry],
});

export const latency = new client.Histogram({
  name: 'plan68_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route and GraphQL operation.',
  labelNames: ['route', 'operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const databaseErrors = new client.Counter({
  name: 'plan68_database_errors_total',
  help: 'SQL statements that failed, and connections lost.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const replicaReads = new client.Counter({
  name: 'plan68_replica_reads_total',
  help: 'GraphQL requests meant for the read replica, by where they ran: the replica, or the primary because the replica was unavailable.',
  labelNames: ['served_by'] as const,
  registers: [registry],
});

export const replicaLag = new client.Gauge({
  name: 'plan68_replica_lag_seconds',
  help: 'How far the read replica was behind the primary at the last readiness check (0 when it had replayed everything it received).',
  registers: [registry],
});

export const replicaUp = new client.Gauge({
  name: 'plan68_replica_up',
  help: '1 while reads go to the read replica, 0 while they fall back to the primary.',
  registers: [registry],
});

export const exportPlaces = new client.Gauge({
  name: 'plan68_export_places',
  help: 'Exports and imports building their answers (running) and waiting for a place (waiting); see export-gate.ts.',
  labelNames: ['state'] as const,
  registers: [registry],
});

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const pools = new Map<string, DataSource>();

/** Reports a pool's connections (in use, idle, clients waiting) at every scrape. */
export function watchPool(name: string, db: DataSource): void {
  pools.set(name, db);
}

new client.Gauge({
  name: 'plan68_db_pool_connections',
  help: 'Connections of each database pool, by state (in use, idle) and clients waiting for one.',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [name, db] of pools) {
      const pool = (db.driver as unknown as { master?: PgPool }).master;
      if (!db.isInitialized || !pool) continue;
      this.set({ pool: name, state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ pool: name, state: 'idle' }, pool.idleCount);
      this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
    }
  },
});
