/**
 * A request runs on one connection, and its queries go there one at a time: the resolvers of a
 * nested answer start many at once (DataLoader batches), which pg 8 only queued with a deprecation
 * warning and pg 9 refuses.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';

let app: TestApp;
const overlaps: string[] = [];
// eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, unbound
const original = pg.Client.prototype.query;

beforeAll(async () => {
  app = await startTestApp();
  // Records a query sent while the same connection is still busy with another.
  const busy = new WeakMap<object, number>();
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const running = busy.get(this) ?? 0;
    const text =
      typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text);
    if (running > 0) overlaps.push(text.slice(0, 80));
    busy.set(this, running + 1);
    const done = () => busy.set(this, (busy.get(this) ?? 1) - 1);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    else done();
    return result;
  } as typeof pg.Client.prototype.query;
});
afterAll(async () => {
  pg.Client.prototype.query = original;
  await app?.close();
});

it('sends a nested answer’s queries one after another on the request’s connection', async () => {
  const cookie = await app.login();
  overlaps.length = 0;
  const data = dataOf(
    await app.graphql(
      `{ allHouseholds(perPage: 50) { id village { name } organization { name } groups { name }
           members { fullName } visits { visitDate } povertyReviews { year } }
         allSupportGroups { id leader { fullName } members { fullName } households { headName } } }`,
      undefined,
      { cookie },
    ),
  ) as { allHouseholds: unknown[] };
  expect(data.allHouseholds.length).toBeGreaterThan(5);
  expect(overlaps).toEqual([]);
});
