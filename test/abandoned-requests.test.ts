import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../server/src/common/logger';
import { dataOf, startTestApp, type TestApp } from './support/app';

/**
 * Each request holds one pooled connection (its transaction) from the moment its context is made.
 * A browser that closes a tab, a phone losing signal or a load balancer timing out leaves requests
 * nobody reads: each must still give its connection back, or a pool of a few connections is
 * exhausted after a few abandoned pages and the server stops answering everybody.
 */
const POOL_SIZE = 2;

let app: TestApp;
let cookie: string;
let port: number;

beforeAll(async () => {
  app = await startTestApp({ poolSize: POOL_SIZE });
  cookie = await app.login();
  port = Number(new URL(app.url).port);
});
afterAll(() => app?.close());

/** Sends one POST /graphql on a raw socket and lets `abandon` decide when to hang up. */
function sendAndAbandon(
  query: string,
  abandon: (socket: net.Socket, send: () => void) => void,
): Promise<void> {
  const body = JSON.stringify({ query });
  const head =
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
    `Cookie: ${cookie}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      abandon(socket, () => socket.write(head + body)),
    );
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

const HOUSEHOLD_PAGE =
  '{ allHouseholds(perPage: 25) { id headName village { name } } _allHouseholdsMeta { count } }';

/** The app's transactions still open on the database: a leaked request shows here. */
async function openTransactions(): Promise<number> {
  const [{ count }] = await app.db.query(
    `SELECT count(*)::int AS count FROM pg_stat_activity
      WHERE datname = current_database() AND usename <> current_user
        AND state IN ('idle in transaction', 'idle in transaction (aborted)', 'active')`,
  );
  return count as number;
}

describe('requests their clients abandon', () => {
  it('give their connections back, whether the client hangs up mid-operation or before the answer is read', async () => {
    const errors = vi.spyOn(logger, 'error');
    const abandoned = 4 * POOL_SIZE;
    await Promise.all([
      // Hung up the moment the request is sent: the operation is still running.
      ...Array.from({ length: abandoned }, () =>
        sendAndAbandon(HOUSEHOLD_PAGE, (socket, send) => {
          send();
          setImmediate(() => socket.destroy());
        }),
      ),
      // Hung up a little later, while the answer may be on its way.
      ...Array.from({ length: abandoned }, () =>
        sendAndAbandon(HOUSEHOLD_PAGE, (socket, send) => {
          send();
          setTimeout(() => socket.destroy(), 20);
        }),
      ),
      // Hung up halfway through the body: no operation ever starts.
      ...Array.from({ length: abandoned }, () =>
        sendAndAbandon(HOUSEHOLD_PAGE, (socket) => {
          socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`);
          socket.write(`Cookie: ${cookie}\r\nContent-Length: 500\r\n\r\n{"query":"{ me`);
          setTimeout(() => socket.destroy(), 20);
        }),
      ),
    ]);

    // Three times as many abandoned requests as the pool has connections: every later request
    // is still answered, one after another and several at once.
    for (let i = 0; i < 3 * POOL_SIZE; i++) {
      const page = dataOf(await app.graphql(HOUSEHOLD_PAGE, {}, { cookie })) as any;
      expect(page._allHouseholdsMeta.count).toBeGreaterThan(0);
    }
    const together = await Promise.all(
      Array.from({ length: 3 * POOL_SIZE }, () => app.graphql('{ me { id } }', {}, { cookie })),
    );
    for (const response of together) expect(dataOf(response)).toMatchObject({ me: {} });

    await expect.poll(openTransactions, { timeout: 5_000 }).toBe(0);
    // An abandoned request is no server error: its operation ran to its end on its connection.
    expect(errors.mock.calls).toEqual([]);
    errors.mockRestore();
  });

  it('run to their end on their own connection when the client hangs up mid-operation', async () => {
    // The operation is held mid-way (the households table locked by the test), the client leaves,
    // then the lock goes: the rest of the operation must still run on its connection. Before, the
    // hang-up gave that connection back at once and every later statement of the operation failed
    // ("Query runner already released", logged as an unexpected error): Apollo runs an operation on
    // a copy of the context, so the check "is its operation running?" never recognised it.
    const errors = vi.spyOn(logger, 'error');
    const lines = vi.spyOn(logger, 'info');
    const logged = async () => {
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM access_log WHERE resource = 'Household' AND username = 'admin'`,
      );
      return count as number;
    };
    const loggedBefore = await logged();
    const locker = app.db.createQueryRunner();
    await locker.connect();
    try {
      await locker.startTransaction();
      await locker.query('LOCK TABLE households IN ACCESS EXCLUSIVE MODE');
      const abandoned = sendAndAbandon(HOUSEHOLD_PAGE, (socket, send) => {
        send();
        const waiting = async () => {
          const [{ count }] = await app.db.query(
            `SELECT count(*)::int AS count FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (count > 0) socket.destroy();
          else setTimeout(() => void waiting(), 10);
        };
        void waiting();
      });
      await abandoned;
      await locker.commitTransaction();
    } finally {
      await locker.release();
    }
    // The households it read are in the access log: its transaction committed after its last
    // statement, not at the hang-up (whose commit came before the page was read).
    await expect.poll(logged, { timeout: 5_000 }).toBe(loggedBefore + 1);
    await expect.poll(openTransactions, { timeout: 5_000 }).toBe(0);
    const page = dataOf(await app.graphql(HOUSEHOLD_PAGE, {}, { cookie })) as any;
    expect(page._allHouseholdsMeta.count).toBeGreaterThan(0);
    expect(errors.mock.calls.map(([message]) => message)).toEqual([]);
    errors.mockRestore();
    // The request has its log line, as one the client left (499, as proxies write it).
    const requestLines = lines.mock.calls
      .filter(([message]) => message === 'request')
      .map(([, line]) => line as Record<string, unknown>);
    expect(requestLines).toContainEqual(
      expect.objectContaining({
        path: '/graphql',
        status: 499,
        result: 'aborted',
        operation: 'allHouseholds,_allHouseholdsMeta',
      }),
    );
    lines.mockRestore();
  });

  it('give their connections back when the request is refused before its operation runs', async () => {
    // Bodies without an operation are refused by the HTTP layer after the request's context (and
    // its connection) was made, so no operation hook ever closes the transaction.
    const malformed = [
      {},
      { query: 5 },
      { variables: {} },
      { query: '{ me { id } }', variables: 'x' },
    ];
    for (let round = 0; round < 2 * POOL_SIZE; round++) {
      for (const body of malformed) {
        const response = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        });
        expect(response.status, JSON.stringify(body)).toBe(400);
      }
    }
    const response = await app.graphql('{ allHouseholds( { id } }', {}, { cookie });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(dataOf(await app.graphql('{ me { id } }', {}, { cookie }))).toMatchObject({ me: {} });
    await expect.poll(openTransactions, { timeout: 5_000 }).toBe(0);
  });
});
