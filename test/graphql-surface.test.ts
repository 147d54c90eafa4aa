import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  buildSchema,
  introspectionFromSchema,
  print,
  type IntrospectionQuery,
  type IntrospectionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../server/src/app';
import { Role } from '../server/src/common/roles';
import { createUser } from '../server/src/modules/user/auth.service';
import { startTestApp, type TestApp } from './support/app';

// NOTE: ra-data-graphql ships ESM that imports @apollo/client's CommonJS by name; its CJS build loads.
const requireCjs = createRequire(path.resolve('package.json'));
const { introspectSchema, defaultOptions } = requireCjs('ra-data-graphql');
const { buildQuery } = requireCjs('ra-data-graphql-simple');

const ANALYST_LIMIT = 3;

let app: TestApp;
/** The same database behind a production server: secure cookies, a low analyst rate. */
let prod: App;
let prodUrl: string;
let adminCookie: string;

interface Reply {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body, text, headers: response.headers };
}

const post = (
  base: string,
  body: unknown,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) =>
  send(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const gql = (
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
) => post(base, { query, variables }, { cookie });

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';

beforeAll(async () => {
  app = await startTestApp();
  prod = await createApp({
    db: app.appDb,
    production: true,
    adminDir: null,
    secureCookies: true,
    rateLimits: { [Role.ANALYST]: ANALYST_LIMIT },
  });
  await new Promise<void>((resolve) => prod.httpServer.listen(0, '127.0.0.1', resolve));
  prodUrl = `http://127.0.0.1:${(prod.httpServer.address() as AddressInfo).port}`;
  const login = await gql(prodUrl, LOGIN, { u: app.adminUsername, p: app.adminPassword });
  adminCookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await prod?.apollo.stop();
  await app?.close();
});

// ---------------------------------------------------------------------------------------------
// Every operation the admin sends, rebuilt the way the admin builds it.

/** Mirrors admin/vite.config.ts: fields needing arguments are dropped from record types. */
function withoutFieldsNeedingArguments(introspection: IntrospectionQuery): IntrospectionQuery {
  const { queryType, mutationType } = introspection.__schema;
  const roots = new Set([queryType.name, mutationType?.name]);
  const types = introspection.__schema.types.map((type): IntrospectionType => {
    if (type.kind !== 'OBJECT' || roots.has(type.name)) return type;
    const fields = type.fields.filter((field) =>
      field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue != null),
    );
    return { ...type, fields };
  });
  return { __schema: { ...introspection.__schema, types } };
}

const FETCH_TYPES = [
  'GET_LIST',
  'GET_ONE',
  'GET_MANY',
  'GET_MANY_REFERENCE',
  'CREATE',
  'UPDATE',
  'DELETE',
] as const;

/** What ra-data-graphql-simple sends for each resource and fetch type (create/update: every field). */
async function dataProviderOperations(): Promise<{ name: string; query: string }[]> {
  const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
  const introspection = withoutFieldsNeedingArguments(
    introspectionFromSchema(schema, { descriptions: false }),
  );
  const results = await introspectSchema(null, {
    schema: introspection.__schema,
    operationNames: defaultOptions.introspection.operationNames,
  });
  const build = buildQuery(results);
  const operations: { name: string; query: string }[] = [];
  for (const resource of results.resources) {
    for (const fetchType of FETCH_TYPES) {
      const field = resource[fetchType];
      if (!field) continue;
      const data = Object.fromEntries(field.args.map((arg: { name: string }) => [arg.name, '1']));
      const { query } = build(fetchType, resource.type.name, {
        id: '1',
        ids: ['1'],
        target: 'id',
        data,
        previousData: data,
        pagination: { page: 1, perPage: 1000 },
        sort: { field: 'id', order: 'ASC' },
        filter: { q: 'a' },
      });
      operations.push({ name: `${resource.type.name} ${fetchType}`, query: print(query) });
    }
  }
  return operations;
}

/** Values of interpolations the admin fills at run time (a new one makes this test say so). */
const INTERPOLATIONS: Record<string, string[]> = {
  resource: ['Contribution', 'Donation', 'Disbursement'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every GraphQL document written out in admin/src: string constants starting with query/mutation. */
function adminDocuments(): { name: string; query: string }[] {
  const documents: { name: string; query: string }[] = [];
  for (const file of sourceFiles('admin/src')) {
    const text = readFileSync(file, 'utf8');
    const constants = new Map<string, string>();
    for (const match of text.matchAll(/const (\w+) =\s*(['`])([^'`]*)\2;/g))
      constants.set(match[1]!, match[3]!);
    for (const match of text.matchAll(/(['`])(\s*(?:query|mutation)\b[^'`]*)\1/g)) {
      let variants = [match[2]!];
      for (const [placeholder, name] of match[2]!.matchAll(/\$\{(\w+)\}/g)) {
        const known = constants.get(name!);
        const values = known !== undefined ? [known] : INTERPOLATIONS[name!];
        if (!values) throw new Error(`${file}: unknown interpolation ${placeholder}`);
        variants = variants.flatMap((v) => values.map((value) => v.replace(placeholder, value)));
      }
      for (const query of variants)
        documents.push({ name: `${path.relative('admin/src', file)}: ${query.trim()}`, query });
    }
  }
  return documents;
}

describe('the admin', () => {
  it('has every operation it sends accepted by the limits', async () => {
    const operations = [...(await dataProviderOperations()), ...adminDocuments()];
    expect(operations.length).toBeGreaterThan(200);
    expect(operations.filter((o) => o.name.includes('mutation Login'))).toHaveLength(1);
    const refused: { name: string; errors: unknown }[] = [];
    for (const { name, query } of operations) {
      // Anonymous on purpose: limits are checked before sign-in is, and nothing gets changed.
      const reply = await gql(prodUrl, query);
      const errors = (reply.body?.errors ?? []) as { extensions?: { code?: string } }[];
      if (
        reply.status === 413 ||
        errors.some((e) =>
          ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'].includes(e.extensions?.code ?? ''),
        )
      )
        refused.push({ name, errors });
    }
    expect(refused).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// One step over each limit is refused; the limit itself passes. The limits are the README's
// ("Security limits"), written out on purpose: changing the server's must turn these red.

/** `{ __type(name: "Query") { fields { type { ofType … { name } } } } }`: `depth` fields deep. */
function nested(depth: number): string {
  const objects = ['__type(name: "Query")', 'fields', 'type'];
  while (objects.length < depth - 1) objects.push('ofType');
  return `{ ${objects.map((n) => `${n} {`).join(' ')} name ${'} '.repeat(objects.length)}}`;
}

/**
 * GraphQL Armor's cost: a scalar costs 1, an object 2 plus 1.5 × what it holds. Here
 * `type { name ×284 }` costs 2 + 1.5 × 284 = 428, `fields { … }` 2 + 1.5 × 428 = 644,
 * `__type { … }` 2 + 1.5 × 644 = 968, and each top-level `__typename` 1: 968 + extra.
 * At depth 4 and some 330 tokens, no other limit is near.
 */
const costing = (extra: number) =>
  `{ __type(name: "Query") { fields { type { ${'name '.repeat(284)}} } } ${'__typename '.repeat(extra)}}`;

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
const directives = (n: number) =>
  `{ me { ${Array<string>(n).fill('id @skip(if: false)').join(' ')} } }`;
const NO_ID = '"00000000-0000-0000-0000-000000000000"';
/** 16 tokens around a list of n - 16 ids (a list of fields that long would trip another guard). */
const tokens = (n: number) =>
  `{ allPlans(filter: { ids: [${Array<string>(n - 16)
    .fill(NO_ID)
    .join(' ')}] }) { id } }`;

const LIMIT_CASES = [
  ['depth 8', nested(8), nested(9)],
  ['15 aliases', aliases(15), aliases(16)],
  ['50 directives', directives(50), directives(51)],
  ['1000 tokens', tokens(1000), tokens(1001)],
  ['cost 1000', costing(32), costing(33)],
] as const;

describe('query-shape limits', () => {
  it.each(LIMIT_CASES)(
    '%s: at the limit it runs, one step over it is refused without naming the limit',
    async (_name, atLimit, overLimit) => {
      const ok = await gql(app.url, atLimit, {}, await app.login());
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data).toBeTruthy();

      const refused = await gql(app.url, overLimit);
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      const error = refused.body.errors[0];
      expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(
        error.extensions.code,
      );
      expect(error.message).toBe('Syntax Error: Query validation error.');
      // Signed in or not, the same: the limits hold before anything runs.
      const signedIn = await gql(app.url, overLimit, {}, await app.login());
      expect(signedIn.status).toBe(400);
      expect(signedIn.body.errors[0].message).toBe('Syntax Error: Query validation error.');
    },
  );

  it('refuses a fragment that multiplies itself (10 levels × 10 spreads), quickly', async () => {
    const fragments = Array.from(
      { length: 10 },
      (_, i) =>
        `fragment F${i} on Query { ${
          i === 0
            ? '__typename'
            : Array<string>(10)
                .fill(`...F${i - 1}`)
                .join(' ')
        } }`,
    );
    const started = Date.now();
    const reply = await gql(app.url, `{ ...F9 } ${fragments.join(' ')}`);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].message).toBe('Syntax Error: Query validation error.');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses 16 aliased sign-ins, and even 2, before any is tried', async () => {
    const logins = (n: number) =>
      `mutation { ${Array.from(
        { length: n },
        (_, i) => `a${i}: login(username: "${app.adminUsername}", password: "guess-${i}") { id }`,
      ).join(' ')} }`;
    for (const n of [16, 2]) {
      const reply = await gql(app.url, logins(n));
      expect(reply.status).toBe(400);
      expect(reply.body.data).toBeUndefined();
      expect(reply.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const counted = await app.db.query(
      'SELECT coalesce(sum(failures), 0)::int AS n FROM login_throttles',
    );
    expect(counted[0].n).toBe(0);
  });

  it('refuses a JSON array of operations (no batching)', async () => {
    const reply = await post(app.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('"__typename":"Query"');
  });

  it('serves a page of 1000 rows and refuses 1001', async () => {
    const full = await gql(prodUrl, '{ allHouseholds(perPage: 1000) { id } }', {}, adminCookie);
    expect(full.body.errors).toBeUndefined();
    expect(Array.isArray(full.body.data.allHouseholds)).toBe(true);
    const reply = await gql(prodUrl, '{ allHouseholds(perPage: 1001) { id } }', {}, adminCookie);
    expect(reply.body.data).toBeNull();
    expect(reply.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'perPage',
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('in production', () => {
  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Household") { fields { name } } }'],
    ['a fragment', 'query { ...F } fragment F on Query { __schema { queryType { name } } }'],
  ])('refuses anonymous introspection through %s', async (_name, query) => {
    const reply = await gql(prodUrl, query);
    expect(reply.status).toBe(400);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
    expect(reply.text).not.toContain('Household');
  });

  it('lets a signed-in user introspect, and anyone ask for __typename', async () => {
    const schema = await gql(prodUrl, '{ __schema { types { name } } }', {}, adminCookie);
    expect(schema.body.data.__schema.types.map((t: { name: string }) => t.name)).toContain(
      'Household',
    );
    expect((await gql(prodUrl, '{ __typename }')).body).toEqual({
      data: { __typename: 'Query' },
    });
  });

  it('serves no explorer or landing page to a browser', async () => {
    const reply = await send(`${prodUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(reply.headers.get('content-type')).not.toMatch(/html/);
    expect(reply.text).not.toMatch(/<html|sandbox|embeddable|graphiql/i);
  });

  it('masks an internal error: a request id, no stack trace, no SQL or table name', async () => {
    await app.db.query('ALTER TABLE plans RENAME TO plans_gone_for_a_test');
    let reply: Reply;
    try {
      reply = await gql(prodUrl, '{ allPlans { id } }', {}, adminCookie);
    } finally {
      await app.db.query('ALTER TABLE plans_gone_for_a_test RENAME TO plans');
    }
    const error = reply.body.errors[0];
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe(`Internal error (request ${error.extensions.requestId})`);
    expect(error.extensions.stacktrace).toBeUndefined();
    expect(reply.text).not.toMatch(/\bplans\b|plans_gone/);
    expect(reply.text).not.toMatch(/relation|select |query failed|\.ts:/i);
  });

  /** The log lines written while `work` ran (LOG_LEVEL raised for it), parsed. */
  async function loggedDuring(work: () => Promise<void>): Promise<Record<string, unknown>[]> {
    const written: string[] = [];
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
      process.env.LOG_LEVEL = previous;
    }
    return written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** One request sent with `requestId` while the database is broken by `breakSql`, mended after. */
  async function askWhileBroken(breakSql: string, mendSql: string, requestId: string) {
    let reply!: Reply;
    const lines = await loggedDuring(async () => {
      await app.db.query(breakSql);
      try {
        reply = await post(
          prodUrl,
          { query: '{ allPlans { id } }' },
          { cookie: adminCookie, headers: { 'x-request-id': requestId } },
        );
      } finally {
        await app.db.query(mendSql);
      }
    });
    return { reply, lines };
  }

  it('names the request of an internal error alike in its header, its answer and its log line', async () => {
    const { reply, lines } = await askWhileBroken(
      'ALTER TABLE plans RENAME TO plans_gone_for_a_test',
      'ALTER TABLE plans_gone_for_a_test RENAME TO plans',
      'trace-plans-1',
    );
    expect(reply.headers.get('x-request-id')).toBe('trace-plans-1');
    expect(reply.body.errors[0]).toMatchObject({
      message: 'Internal error (request trace-plans-1)',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-plans-1' },
    });
    expect(lines.filter((line) => line.message === 'unexpected error')).toEqual([
      expect.objectContaining({ level: 'error', requestId: 'trace-plans-1' }),
    ]);
    expect(lines.filter((line) => line.message === 'request')).toEqual([
      expect.objectContaining({ requestId: 'trace-plans-1', status: 200 }),
    ]);
  });

  it('names the request of an error raised before the operation runs (the session lookup)', async () => {
    const { reply, lines } = await askWhileBroken(
      'ALTER FUNCTION app_session_account(text, interval) RENAME TO app_session_account_gone',
      'ALTER FUNCTION app_session_account_gone(text, interval) RENAME TO app_session_account',
      'trace-context-1',
    );
    expect(reply.status).toBe(500);
    expect(reply.body.errors).toEqual([
      {
        message: 'Internal error (request trace-context-1)',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-context-1' },
      },
    ]);
    expect(reply.text).not.toMatch(/app_session_account|function/);
    expect(lines.filter((line) => line.message === 'unexpected error')).toEqual([
      expect.objectContaining({ requestId: 'trace-context-1' }),
    ]);
  });

  const MISTAKES: [string, string, Record<string, unknown>][] = [
    ['an unknown field', '{ allHousehold { id } }', {}],
    ['an unknown argument', '{ allPlans(perPag: 5) { id } }', {}],
    ['an unknown type', 'query ($f: PlanFiltr) { allPlans(filter: $f) { id } }', {}],
    [
      'an unknown enum literal',
      'mutation { createOrganization(name: "X", kind: OTHR) { id } }',
      {},
    ],
    [
      'an unknown enum value in a variable',
      'mutation ($k: OrganizationKind!) { createOrganization(name: "X", kind: $k) { id } }',
      { k: 'OTHR' },
    ],
    [
      'an unknown input field in a variable',
      'query ($f: OrganizationFilter) { allOrganizations(filter: $f) { id } }',
      { f: { nam: 'x' } },
    ],
  ];

  it.each(MISTAKES)(
    'never suggests names after %s, signed in or not',
    async (_name, query, variables) => {
      for (const cookie of [undefined, adminCookie]) {
        const reply = await gql(prodUrl, query, variables, cookie);
        expect(reply.body.errors.length).toBeGreaterThan(0);
        expect(reply.text).not.toMatch(/did you mean/i);
        expect(reply.text).not.toMatch(/"(allHouseholds|PlanFilter|perPage|OTHER|name)"/);
      }
    },
  );
});

describe('cross-site requests and large bodies', () => {
  it('refuses a simple GET without a content type or preflight header (CSRF)', async () => {
    const simple = await send(`${prodUrl}/graphql?query=${encodeURIComponent('{__typename}')}`);
    expect(simple.status).toBe(400);
    expect(simple.text).not.toContain('"__typename":"Query"');
    const preflighted = await send(
      `${prodUrl}/graphql?query=${encodeURIComponent('{__typename}')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(preflighted.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a text/plain POST (a form or no-cors fetch could send one)', async () => {
    const reply = await send(`${prodUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: LOGIN, variables: { u: 'admin', p: 'x' } }),
    });
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('"data"');
  });

  /** A JSON body of exactly `bytes` bytes: a small query padded with JSON whitespace. */
  const bodyOf = (bytes: number) => {
    const json = JSON.stringify({ query: '{ __typename }' });
    return json + ' '.repeat(bytes - json.length);
  };

  it('takes a body of 1 MB (1,048,576 bytes) and answers one byte more with 413 in GraphQL shape', async () => {
    const atLimit = bodyOf(1024 * 1024);
    expect(Buffer.byteLength(atLimit)).toBe(1_048_576);
    const ok = await post(prodUrl, atLimit);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { __typename: 'Query' } });

    const reply = await post(prodUrl, bodyOf(1024 * 1024 + 1));
    expect(reply.status).toBe(413);
    expect(reply.body.data ?? null).toBeNull();
    expect(reply.body.errors[0].extensions).toMatchObject({ rule: 'maxBodySize' });
  });
});

describe('the session cookie behind TLS', () => {
  it('is __Host-plan68_session: HttpOnly, Secure, SameSite=Lax, Path=/, no Domain', async () => {
    const reply = await gql(prodUrl, LOGIN, { u: app.adminUsername, p: app.adminPassword });
    const setCookie = reply.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^__Host-plan68_session=[A-Za-z0-9_-]{43};/);
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/']),
    );
    expect(attributes.some((a) => a.startsWith('domain'))).toBe(false);
    const cookie = setCookie.split(';')[0]!;
    const me = await gql(prodUrl, '{ me { username } }', {}, cookie);
    expect(me.body.data).toEqual({ me: { username: app.adminUsername } });
  });

  it('is not taken under the plain name, which another origin of the site could plant', async () => {
    const token = adminCookie.split('=')[1];
    const planted = await gql(prodUrl, '{ me { username } }', {}, `plan68_session=${token}`);
    expect(planted.body.data).toEqual({ me: null });
  });

  it('is cleared under the same name at sign-out', async () => {
    const login = await gql(prodUrl, LOGIN, { u: app.adminUsername, p: app.adminPassword });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const out = await gql(prodUrl, 'mutation { logout }', {}, cookie);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-plan68_session=;.*Secure/i);
    expect((await gql(prodUrl, '{ me { id } }', {}, cookie)).body.data).toEqual({ me: null });
  });
});

describe('request rate per role', () => {
  it('lets an analyst make 600 requests a minute by default: the 601st is 429, a minute later they go on', async () => {
    await createUser(app.db, {
      username: 'rate.analyst600',
      displayName: 'Phân tích',
      password: 'analyst-password-600',
      role: Role.ANALYST,
    });
    // The test server runs with the default limits.
    const login = await gql(app.url, LOGIN, { u: 'rate.analyst600', p: 'analyst-password-600' });
    const analyst = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = () => gql(app.url, '{ me { username } }', {}, analyst);
    /** `n` requests, 50 at a time; their statuses. */
    const burst = async (n: number) => {
      const statuses: number[] = [];
      for (let sent = 0; sent < n; sent += 50) {
        const replies = await Promise.all(Array.from({ length: Math.min(50, n - sent) }, me));
        statuses.push(...replies.map((r) => r.status));
      }
      return statuses;
    };
    // The server's clock stands still, so no request is earned back while the test runs.
    const start = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(start);
    try {
      expect(await burst(600)).toEqual(Array<number>(600).fill(200));
      const limited = await me();
      expect(limited.status).toBe(429);
      expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      // A minute later the analyst goes on (well beyond the 10 a rate of 600 an hour would give).
      clock.mockReturnValue(start + 60_000);
      expect(await burst(100)).toEqual(Array<number>(100).fill(200));
    } finally {
      clock.mockRestore();
    }
  }, 60_000);

  it(`answers an analyst's request number ${ANALYST_LIMIT + 1} within a minute with 429; others go on`, async () => {
    await createUser(app.db, {
      username: 'rate.analyst',
      displayName: 'Phân tích',
      password: 'analyst-password-1',
      role: Role.ANALYST,
    });
    const login = await gql(prodUrl, LOGIN, { u: 'rate.analyst', p: 'analyst-password-1' });
    const analyst = login.headers.get('set-cookie')!.split(';')[0]!;
    for (let i = 0; i < ANALYST_LIMIT; i++) {
      const reply = await gql(prodUrl, '{ me { username } }', {}, analyst);
      expect(reply.status).toBe(200);
    }
    const limited = await gql(prodUrl, '{ me { username } }', {}, analyst);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.data).toBeUndefined();
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    for (let i = 0; i < ANALYST_LIMIT + 2; i++) {
      const admin = await gql(prodUrl, '{ me { username } }', {}, adminCookie);
      expect(admin.status).toBe(200);
    }
  });
});

describe('browser protections on every answer', () => {
  it('in production: a content security policy of its own origin, no framing, no referrer, HSTS', async () => {
    const response = await fetch(`${prodUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it('without TLS (development): the same, but no HSTS a browser would keep for the host', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
