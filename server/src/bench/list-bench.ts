import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../app';
import { Role } from '../common/roles';
import { openDatabase } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded';
import { seedDemoIfEmpty } from '../db/seed/demo';
import { createUser } from '../modules/user/auth.service';

/**
 * Prints throughput and latency of the admin's hottest list: 25 progress entries with their
 * commitment, memorandum, partnership, commune and organizations, through the real HTTP server.
 * Usage: npm run bench [-- <entries> <seconds> <concurrency>]
 */
const ENTRIES = Number(process.argv[2] ?? 20_000);
const SECONDS = Number(process.argv[3] ?? 10);
const CONCURRENCY = Number(process.argv[4] ?? 16);

const QUERY = `{ allProgressEntries(perPage: 25, sortField: "entryDate", sortOrder: "DESC") {
  id entryDate quantity cost
  commitment { title status achievedQuantity responsibleOrganization { name }
    memorandum { title partnership { name commune { name } sponsors { name } } } } } }`;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan68-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  await pg.createDatabase('bench');
  let statements = 0;
  const db = await openDatabase({
    url: pg.urlFor('bench'),
    onQuery: () => statements++,
    slowQueryMs: Number(process.env.BENCH_SLOW_MS) || undefined,
  });
  try {
    await seedDemoIfEmpty(db);
    await db.query(
      `INSERT INTO progress_entries (commitment_id, entry_date, description, quantity, cost)
       SELECT c.id, date '2014-06-01' + (g % 3000), 'Bench entry ' || g, g % 3, (g % 50) * 100000
         FROM generate_series(1, $1) g
         JOIN LATERAL (SELECT id FROM commitments ORDER BY id OFFSET (g % 11) LIMIT 1) c ON true`,
      [ENTRIES],
    );
    await db.query('ANALYZE');
    await createUser(db, {
      username: 'bench',
      displayName: 'Bench',
      password: 'bench-password-1',
      role: Role.ADMIN,
    });
    const app = await createApp({ db, production: true });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
    const login = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(username: "bench", password: "bench-password-1") { id } }',
      }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const request = async () => {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return performance.now() - started;
    };
    statements = 0;
    await request();
    const perRequest = statements;
    for (let i = 0; i < 50; i++) await request(); // warm-up

    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) latencies.push(await request());
      }),
    );
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
    process.stdout.write(
      [
        `list of 25 progress entries with references, ${ENTRIES} entries in the table`,
        `  SQL statements per request: ${perRequest}`,
        `  ${CONCURRENCY} concurrent clients for ${SECONDS} s: ${(latencies.length / SECONDS).toFixed(0)} req/s`,
        `  latency ms: p50 ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}`,
        `  server RSS: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB (client in the same process)`,
        '',
      ].join('\n'),
    );
    await app.apollo.stop();
  } finally {
    await db.destroy();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.password`, { force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
