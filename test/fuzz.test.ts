/**
 * Schema-driven fuzzing (SECURITY.md A.9, E.31): requests generated from schema.graphql for every
 * root query and mutation, sent as the administrator and an agency officer (and now and then as the
 * other roles), through the real HTTP server. Every answer is below 500, carries no internal error
 * and only known error codes, and a refused request writes no row.
 *
 * `FUZZ_RUNS` (default 2000) sets the number of requests, `FUZZ_SEED` the seed (default 682025);
 * `npm run fuzz -- 10000 [seed]` runs longer (10,000 when no count is given). An internal error is
 * reported with the server's own log line for its request id.
 */
import fc from 'fast-check';
import { getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import {
  abbreviate,
  changedTables,
  collectAllIds,
  collectVisibleIds,
  fingerprint,
  fingerprintQuery,
  fuzzOperations,
  loadSchema,
  recordTypes,
  requestArbitrary,
  type FuzzOperation,
  type FuzzRequest,
  type IdPools,
} from './support/fuzz';
import { signInRoles, type RoleFixture } from './support/roles';

const RUNS = Number(process.env.FUZZ_RUNS || 2000);
const SEED = Number(process.env.FUZZ_SEED || 68_2025);
if (!Number.isSafeInteger(RUNS) || RUNS < 1)
  throw new Error(`FUZZ_RUNS must be a count, not ${RUNS}`);
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, not ${SEED}`);

/** Codes a client may see for a refused request. */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'RATE_LIMITED',
]);

/** What an error message must never show: SQL, constraint or driver details. */
const LEAK =
  /violates|constraint|duplicate key|syntax error at|relation "|column "|QueryFailedError|EntityNotFound|TypeORM|invalid input syntax|out of range for type|null value in/i;

type Actor = keyof RoleFixture['cookies'] | 'anonymous';
const OTHERS: Actor[] = ['memberA', 'analyst', 'viewer', 'officerB', 'anonymous'];

interface Planned {
  actor: Actor;
  request: FuzzRequest;
}

interface Failure {
  kind:
    | 'http5xx'
    | 'internal'
    | 'unknownCode'
    | 'malformed'
    | 'leak'
    | 'wroteWhenRefused'
    | 'queryWrote'
    | 'transport';
  operation: string;
  detail: string;
  example: Planned & { status?: number; errors?: unknown; serverLog?: unknown };
}

let app: TestApp;
let fx: RoleFixture;
const serverLog = new Map<string, unknown>();
const otherLog: unknown[] = [];
let restoreStderr: (() => void) | null = null;

/** Keeps the server's error log lines (JSON with a requestId) to explain internal errors. */
function captureServerLog() {
  const original = process.stderr.write.bind(process.stderr);
  process.env.LOG_LEVEL = 'error';
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    let captured = false;
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { requestId?: string };
        if (entry.requestId) serverLog.set(entry.requestId, entry);
        else otherLog.push(entry);
        captured = true;
      } catch {
        // not a log line
      }
    }
    return captured ? true : (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  restoreStderr = () => {
    process.stderr.write = original;
    delete process.env.LOG_LEVEL;
  };
}

async function send(actor: Actor, query: string, variables: Record<string, unknown>) {
  const cookie = actor === 'anonymous' ? undefined : fx.cookies[actor];
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let body: { data?: Record<string, unknown> | null; errors?: any[] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** Which role sends the j-th request of an operation: admin and officer A in turn, every 8th another. */
function actorFor(operation: string, opIndex: number, j: number): Actor {
  if (operation === 'login' || operation === 'logout') return 'anonymous';
  if (j % 8 === 7) return OTHERS[(opIndex + Math.floor(j / 8)) % OTHERS.length]!;
  return (j - Math.floor(j / 8)) % 2 === 0 ? 'admin' : 'officerA';
}

/** A failure's class: its kind, operation and the server's message with ids and numbers blanked. */
const normalize = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d+/g, 'N')
    .slice(0, 200);

beforeAll(async () => {
  captureServerLog();
  app = await startTestApp();
  fx = await signInRoles(app);
}, 120_000);

afterAll(async () => {
  restoreStderr?.();
  await app?.close();
});

describe('schema-driven fuzzing', () => {
  it(
    `answers ${RUNS} generated requests with no 5xx, no internal error, known codes and no write when refused (seed ${SEED})`,
    async () => {
      const started = Date.now();
      const schema = loadSchema();
      const ops = fuzzOperations(schema);
      const types = recordTypes(schema);
      // The fuzzing users' own accounts stay out of reach: a revoked or demoted session would end the run.
      const exclude = new Set(Object.values(fx.userIds));
      const all = await collectAllIds(app.db, types, exclude);
      const visible = new Map<Actor, Map<string, string[]>>();
      for (const actor of ['admin', 'officerA', ...OTHERS] as Actor[]) {
        visible.set(
          actor,
          actor === 'anonymous'
            ? new Map()
            : await collectVisibleIds(
                schema,
                async (q) => (await send(actor, q, {})).body ?? {},
                exclude,
              ),
        );
      }
      // Every record type has a pool (kept by reference: records the run creates join it).
      for (const pools of [all, ...visible.values()])
        for (const type of types) if (!pools.has(type)) pools.set(type, []);
      const poolsFor = (actor: Actor): IdPools => ({ all, visible: visible.get(actor)! });
      const arbitraries = new Map<string, fc.Arbitrary<FuzzRequest>>();
      const arbitraryFor = (op: FuzzOperation, actor: Actor) => {
        const key = `${op.name} ${actor}`;
        if (!arbitraries.has(key))
          arbitraries.set(key, requestArbitrary(schema, op, poolsFor(actor)));
        return arbitraries.get(key)!;
      };

      // Each operation gets its share of RUNS, in rounds: one request of each operation in turn,
      // so the state each one meets varies. Request j of operation k is drawn from its own seed
      // when it is sent (pools then include what the run has created so far).
      const counts = ops.map(
        (_, k) => Math.floor(RUNS / ops.length) + (k < RUNS % ops.length ? 1 : 0),
      );
      const schedule: { op: FuzzOperation; k: number; j: number }[] = [];
      for (let j = 0; schedule.length < RUNS; j++)
        ops.forEach((op, k) => {
          if (j < counts[k]!) schedule.push({ op, k, j });
        });

      const perOperation = new Map<string, Map<Actor, number>>();
      const codes = new Map<string, number>();
      const codesByActor = new Map<string, number>();
      const statuses = new Map<number, number>();
      const okByOperation = new Map<string, number>();
      const rules = new Map<string, number>();
      let writes = 0;
      const failures = new Map<string, { count: number; first: Failure }>();
      const fail = (f: Failure) => {
        const key = `${f.kind} ${f.operation} ${normalize(f.detail)}`;
        const seen = failures.get(key);
        if (seen) seen.count += 1;
        else failures.set(key, { count: 1, first: f });
      };
      const tally = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

      const fingerprintSql = await fingerprintQuery(app.db);
      let before = await fingerprint(app.db, fingerprintSql);
      const latencies: { ms: number; planned: Planned }[] = [];
      for (const { op, k, j } of schedule) {
        const actor = actorFor(op.name, k, j);
        const [drawn] = fc.sample(arbitraryFor(op, actor), {
          seed: (SEED + k * 7919 + j * 104_729) | 0,
          numRuns: 1,
        });
        const planned: Planned = { actor, request: drawn! };
        const request = planned.request;
        const byActor = perOperation.get(request.operation) ?? new Map<Actor, number>();
        perOperation.set(request.operation, byActor);
        tally(byActor, actor);
        let result: Awaited<ReturnType<typeof send>>;
        const sent = Date.now();
        try {
          result = await send(actor, request.query, request.variables);
        } catch (error) {
          fail({
            kind: 'transport',
            operation: request.operation,
            detail: String(error),
            example: planned,
          });
          before = await fingerprint(app.db, fingerprintSql);
          continue;
        }
        latencies.push({ ms: Date.now() - sent, planned });
        const after = await fingerprint(app.db, fingerprintSql);
        const { status, body } = result;
        tally(statuses, status);
        const errors = body?.errors ?? [];
        const example = { ...planned, status, errors };
        if (status >= 500)
          fail({
            kind: 'http5xx',
            operation: request.operation,
            detail: `HTTP ${status}`,
            example,
          });
        if (!body || (!errors.length && (body.data === undefined || body.data === null))) {
          fail({
            kind: 'malformed',
            operation: request.operation,
            detail: result.text.slice(0, 200),
            example,
          });
        }
        if (!errors.length) {
          tally(codes, 'OK');
          tally(okByOperation, request.operation);
          // A record the run created joins the pools: later requests read, change and delete it.
          const created = (body?.data?.[op.name] as { id?: unknown } | null)?.id;
          const type = getNamedType(op.field.type).name;
          if (op.kind === 'mutation' && typeof created === 'string' && all.has(type)) {
            for (const pool of new Set([all, visible.get(actor)!, visible.get('admin')!]))
              if (!pool.get(type)!.includes(created)) pool.get(type)!.push(created);
          }
        }
        for (const error of errors) {
          const code = String(error?.extensions?.code ?? 'NONE');
          tally(codes, code);
          tally(codesByActor, `${actor} ${code}`);
          if (error?.extensions?.rule)
            tally(rules, `${error.extensions.field ?? ''}:${error.extensions.rule}`);
          if (code === 'INTERNAL_SERVER_ERROR') {
            const requestId = error.extensions?.requestId as string | undefined;
            const log = requestId
              ? (serverLog.get(requestId) as { error?: { message?: string } })
              : undefined;
            fail({
              kind: 'internal',
              operation: request.operation,
              detail: log?.error?.message ?? String(error.message),
              example: { ...example, serverLog: log },
            });
          } else if (!KNOWN_CODES.has(code)) {
            fail({ kind: 'unknownCode', operation: request.operation, detail: code, example });
          } else if (LEAK.test(String(error.message))) {
            fail({
              kind: 'leak',
              operation: request.operation,
              detail: String(error.message),
              example,
            });
          }
        }
        const changed = changedTables(before, after);
        if (changed.length && request.kind === 'mutation') writes += 1;
        if (errors.length && changed.length) {
          fail({
            kind: 'wroteWhenRefused',
            operation: request.operation,
            detail: `${changed.join(',')} after ${errors.map((e) => e?.extensions?.code).join(',')}`,
            example,
          });
        } else if (request.kind === 'query' && changed.some((t) => t !== 'access_log')) {
          // A read records who read what (access_log) and nothing else.
          fail({
            kind: 'queryWrote',
            operation: request.operation,
            detail: changed.join(','),
            example,
          });
        }
        before = after;
      }

      // The run's own sessions lasted: answers were judged as the roles they were meant for.
      for (const actor of ['admin', 'officerA'] as const) {
        const me = await send(actor, '{ me { id } }', {});
        expect(me.body?.data?.me, `${actor} still signed in`).toMatchObject({
          id: fx.userIds[actor],
        });
      }

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const slowest = latencies
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map(
          ({ ms, planned }) =>
            `  ${ms} ms ${planned.actor} ${planned.request.query.slice(0, 160)} ${JSON.stringify(abbreviate(planned.request.variables, 30)).slice(0, 300)}`,
        );
      const lines = [
        `fuzz: seed ${SEED}, ${schedule.length} requests over ${ops.length} operations in ${seconds} s`,
        `HTTP statuses: ${JSON.stringify(Object.fromEntries(statuses))}`,
        `answers by code: ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}`,
        `by role and code: ${JSON.stringify(Object.fromEntries([...codesByActor].sort()))}`,
        `requests per operation (role: count):`,
        ...[...perOperation].map(
          ([op, byActor]) =>
            `  ${op}: ${[...byActor].map(([a, n]) => `${a} ${n}`).join(', ')}; answered ${okByOperation.get(op) ?? 0}`,
        ),
        `mutations that wrote: ${writes}`,
        `slowest requests:`,
        ...slowest,
        `refusals by field:rule: ${JSON.stringify(Object.fromEntries([...rules].sort((a, b) => b[1] - a[1])))}`,
      ];
      const report = [...failures.values()].map(({ count, first }) =>
        [
          `✗ ${first.kind} in ${first.operation} (${count}×) as ${first.example.actor}: ${first.detail}`,
          `    ${first.example.request.query.slice(0, 600)}`,
          `    variables ${JSON.stringify(abbreviate(first.example.request.variables))}`,
          `    answer ${first.example.status} ${JSON.stringify(abbreviate(first.example.errors)).slice(0, 600)}`,
          ...(first.example.serverLog
            ? [
                `    server log ${JSON.stringify(abbreviate(first.example.serverLog, 400)).slice(0, 1500)}`,
              ]
            : []),
        ].join('\n'),
      );
      if (otherLog.length)
        report.push(`server errors without a request id: ${JSON.stringify(otherLog.slice(0, 5))}`);
      // The same cause seen in several operations, once.
      const causes = new Map<string, Set<string>>();
      for (const { first } of failures.values()) {
        const cause = `${first.kind}: ${normalize(first.detail)}`;
        causes.set(cause, (causes.get(cause) ?? new Set()).add(first.operation));
      }
      console.log(
        [
          ...lines,
          `failure classes: ${failures.size} (by operation), ${causes.size} by cause`,
          ...[...causes].map(([cause, ops]) => `  ${cause} — in ${[...ops].join(', ')}`),
          ...report.map((r) => r.split('\n')[0]),
        ].join('\n'),
      );

      // Every operation was tried as the administrator and as an officer.
      if (RUNS >= ops.length * 4) {
        for (const op of ops) {
          if (op.name === 'login' || op.name === 'logout') continue;
          const byActor = perOperation.get(op.name);
          expect(byActor?.get('admin'), `${op.name} as admin`).toBeGreaterThan(0);
          expect(byActor?.get('officerA'), `${op.name} as officer`).toBeGreaterThan(0);
        }
      }
      expect(schedule.length).toBe(RUNS);
      // The fingerprint sees writes: some generated mutations succeeded and wrote.
      if (RUNS >= 1000) expect(writes).toBeGreaterThan(10);
      expect(report, report.join('\n')).toEqual([]);
    },
    Math.max(120_000, RUNS * 150),
  );
});
