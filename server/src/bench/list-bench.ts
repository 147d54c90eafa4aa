import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../app';
import { Role } from '../common/roles';
import type { DataSource } from 'typeorm';
import { openAppDatabase } from '../db/app-role';
import { openDatabase } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded';
import { seedDemoIfEmpty } from '../db/seed/demo';
import { createUser } from '../modules/user/auth.service';

/**
 * Prints throughput and latency of the hottest lists through the real HTTP server and the app role:
 * 25 progress entries with their commitment, memorandum, partnership, commune and organizations;
 * 25 households as an administrator and as an agency officer (row-level security and scope).
 * Usage: npm run bench [-- <entries> <seconds> <concurrency>]
 */
const ENTRIES = Number(process.argv[2] ?? 20_000);
const SECONDS = Number(process.argv[3] ?? 10);
const CONCURRENCY = Number(process.argv[4] ?? 16);

const QUERY = `{ allProgressEntries(perPage: 25, sortField: "entryDate", sortOrder: "DESC") {
  id entryDate quantity cost
  commitment { title status achievedQuantity responsibleOrganization { name }
    memorandum { title partnership { name commune { name } sponsors { name } } } } } }`;

const HOUSEHOLD_QUERY = `{ allHouseholds(perPage: 25, sortField: "headName", sortOrder: "ASC") {
  id headName legalBasis village { name parent { name } } organization { name } } }`;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan68-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  await pg.createDatabase('bench');
  let statements = 0;
  const url = pg.urlFor('bench');
  const db = await openDatabase({ url });
  let appDb: DataSource | null = null;
  try {
    await seedDemoIfEmpty(db);
    await db.query(
      `INSERT INTO progress_entries (commitment_id, entry_date, description, quantity, cost)
       SELECT c.id, date '2014-06-01' + (g % 3000), 'Bench entry ' || g, g % 3, (g % 50) * 100000
         FROM generate_series(1, $1) g
         JOIN LATERAL (SELECT id FROM commitments ORDER BY id OFFSET (g % 11) LIMIT 1) c ON true`,
      [ENTRIES],
    );
    // Households of the two agencies with groups, half each, so an officer's list is filtered by
    // row-level security and by the service's scope.
    await db.query(
      `INSERT INTO households (village_id, head_name, organization_id)
       SELECT (SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY id LIMIT 1),
              'Hộ thử ' || g,
              (SELECT organization_id FROM support_groups GROUP BY organization_id
                ORDER BY organization_id OFFSET (g % 2) LIMIT 1)
         FROM generate_series(1, $1) g`,
      [ENTRIES],
    );
    await db.query('ANALYZE');
    const [{ organization_id: officerOrg }] = (await db.query(
      `SELECT organization_id FROM support_groups GROUP BY organization_id ORDER BY organization_id LIMIT 1`,
    )) as { organization_id: string }[];
    for (const [username, role, organizationId] of [
      ['bench', Role.ADMIN, null],
      ['bench-officer', Role.AGENCY_OFFICER, officerOrg],
    ] as const) {
      await createUser(db, {
        username,
        displayName: username,
        password: 'bench-password-1',
        role,
        organizationId,
      });
    }
    appDb = await openAppDatabase(db, url, { onQuery: () => statements++ });
    const app = await createApp({ db: appDb, production: true });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
    const signIn = async (username: string) => {
      const login = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { login(username: "${username}", password: "bench-password-1") { id } }`,
        }),
      });
      return login.headers.get('set-cookie')!.split(';')[0]!;
    };

    const scenario = async (title: string, username: string, query: string) => {
      const cookie = await signIn(username);
      const request = async () => {
        const started = performance.now();
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ query }),
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
          title,
          `  SQL statements per request: ${perRequest} (BEGIN, settings and COMMIT included)`,
          `  ${CONCURRENCY} concurrent clients for ${SECONDS} s: ${(latencies.length / SECONDS).toFixed(0)} req/s`,
          `  latency ms: p50 ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}`,
          `  server RSS: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB (client in the same process)`,
          '',
        ].join('\n'),
      );
    };

    await scenario(
      `admin: 25 progress entries with references, ${ENTRIES} entries in the table`,
      'bench',
      QUERY,
    );
    await scenario(
      `admin: 25 households with village and agency, ${ENTRIES} households`,
      'bench',
      HOUSEHOLD_QUERY,
    );
    await scenario(
      `agency officer: the same list, scoped by the service and by row-level security (half the rows)`,
      'bench-officer',
      HOUSEHOLD_QUERY,
    );
    await app.apollo.stop();
  } finally {
    await appDb?.destroy();
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
