/**
 * Exports (pages of more than 100 rows) build their answers a few at a time per process: each
 * 1,000-row household export holds about 100 MB while it is built, and ten at once took the
 * server to 1.3 GB. Here one place and one waiting: a second export waits for the first (without
 * a database connection), a third is refused at once with a clear, retryable error, and
 * everything else goes on meanwhile.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';

let app: TestApp;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp({ exportSlots: { concurrent: 1, waiting: 1, waitMs: 10_000 } });
  cookie = await app.login();
});
afterAll(() => app?.close());

const EXPORT = '{ allHouseholds(perPage: 1000) { id headName } }';

const householdCount = async (): Promise<number> =>
  (await app.db.query('SELECT count(*)::int AS count FROM households'))[0].count;

const send = (query: string) => app.graphql(query, {}, { cookie });

/** Runs `work` while the households table is locked: an export reading it waits mid-operation. */
async function withHouseholdsLocked<T>(work: () => Promise<T>): Promise<T> {
  const locker = app.db.createQueryRunner();
  await locker.connect();
  try {
    await locker.startTransaction();
    await locker.query('LOCK TABLE households IN ACCESS EXCLUSIVE MODE');
    return await work();
  } finally {
    await locker.commitTransaction().catch(() => undefined);
    await locker.release();
  }
}

/** An export sent on a raw socket, for its client to hang up on. */
function rawExport(): net.Socket {
  const port = Number(new URL(app.url).port);
  const body = JSON.stringify({ query: EXPORT });
  const socket = net.connect(port, '127.0.0.1', () =>
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    ),
  );
  socket.on('error', () => undefined);
  return socket;
}

/** Transactions the app's connections hold open (the owner's own excluded). */
const appTransactions = async (): Promise<number> =>
  (
    await app.db.query(
      `SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND usename <> current_user AND xact_start IS NOT NULL`,
    )
  )[0].count;

/** Resolves once `count` statements of the app wait for the lock. */
async function waitingOnLock(count: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await app.db.query(
            `SELECT count(*)::int AS count FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        )[0].count,
      { timeout: 10_000 },
    )
    .toBe(count);
}

describe('exports', () => {
  it('wait for a place, are refused beyond the waiting room, and leave other pages alone', async () => {
    const [first, second, refused, other] = await withHouseholdsLocked(async () => {
      const first = send(EXPORT);
      await waitingOnLock(1);
      // The second waits for the first's place (it has not reached the database).
      const second = send(EXPORT);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // It waits without a database connection: only the first holds a transaction.
      expect(await appTransactions()).toBe(1);
      // Operators see both in the metrics.
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toContain('plan68_export_places{state="running"} 1');
      expect(metrics).toContain('plan68_export_places{state="waiting"} 1');
      const refused = await send(EXPORT);
      // A page of 25 rows takes no place: it is answered while both exports are held.
      const other = await send('{ allOrganizations(perPage: 25) { id } }');
      await waitingOnLock(1);
      return [first, second, refused, other] as const;
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BUSY',
      rule: 'exportSlots',
      retryAfter: 10,
    });
    expect(refused.body.errors?.[0]?.message).toMatch(/try again/);
    expect(dataOf(other).allOrganizations.length).toBeGreaterThan(0);
    const total = await householdCount();
    expect(total).toBeGreaterThan(0);
    expect(dataOf(await first).allHouseholds).toHaveLength(total);
    expect(dataOf(await second).allHouseholds).toHaveLength(total);
  });

  it('give their place back when they fail, and when their client leaves, running or waiting', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = await send('{ allHouseholds(perPage: 1000, sortField: "nope") { id } }');
      expect(failed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // An export whose client hangs up while it runs.
    await withHouseholdsLocked(async () => {
      const socket = rawExport();
      await waitingOnLock(1);
      socket.destroy();
    });
    await expect.poll(appTransactions, { timeout: 5_000 }).toBe(0);
    // An export whose client hangs up while it waits for a place (behind one held by the lock).
    let running: Promise<unknown> = Promise.resolve();
    await withHouseholdsLocked(async () => {
      running = send(EXPORT);
      await waitingOnLock(1);
      const socket = rawExport();
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    await running;
    // Had any kept its place, this export would wait and then be refused.
    const started = Date.now();
    expect(dataOf(await send(EXPORT)).allHouseholds).toHaveLength(await householdCount());
    expect(Date.now() - started).toBeLessThan(5_000);
    // Once that answer has left, the metrics show every place free again.
    const places = async () =>
      (await (await fetch(`${app.url}/metrics`)).text())
        .split('\n')
        .filter((line) => line.startsWith('plan68_export_places{'));
    await expect
      .poll(places, { timeout: 2_000 })
      .toEqual([
        'plan68_export_places{state="running"} 0',
        'plan68_export_places{state="waiting"} 0',
      ]);
  });
});
