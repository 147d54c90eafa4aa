import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it crossed the network (still compressed). */
  body: Buffer;
}

/** One request with exactly the headers given (fetch would add its own Accept-Encoding). */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const decoded = (answer: RawAnswer): Buffer => {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  return answer.body;
};

const HOUSEHOLDS = '{ allHouseholds(perPage: 50) { id headName address village { name } } }';

describe('what crosses the network', () => {
  let app: TestApp;
  let cookie: string;

  beforeAll(async () => {
    app = await startTestApp();
    cookie = await app.login();
  });

  afterAll(async () => {
    await app?.close();
  });

  const askHouseholds = (acceptEncoding?: string) =>
    request(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie,
        ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      },
      body: JSON.stringify({ query: HOUSEHOLDS }),
    });

  it('compresses a GraphQL answer for a client that accepts gzip, and not for one that does not', async () => {
    const plain = await askHouseholds();
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const data = JSON.parse(plain.body.toString('utf8'));
    expect(data.data.allHouseholds.length).toBeGreaterThan(0);

    const identity = await askHouseholds('identity');
    expect(identity.headers['content-encoding']).toBeUndefined();

    const gzipped = await askHouseholds('gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(decoded(gzipped).toString('utf8'))).toEqual(data);
    // A list of households shrinks to well under half.
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    // The request keeps its id and the log its status, as for any answer.
    expect(gzipped.headers['x-request-id']).toBeTruthy();

    const brotli = await askHouseholds('br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(brotli).toString('utf8'))).toEqual(data);
  });

  it("sends the sign-in page's scripts compressed, the same bytes once decoded", async () => {
    const page = await request(`${app.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    const html = decoded(page).toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1]!,
    );
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    const totals = { identity: 0, gzip: 0, br: 0 };
    for (const asset of assets) {
      const original = await request(`${app.url}${asset}`);
      expect(original.headers['content-encoding']).toBeUndefined();
      totals.identity += original.body.length;
      for (const encoding of ['gzip', 'br'] as const) {
        const answer = await request(`${app.url}${asset}`, {
          headers: { 'accept-encoding': encoding },
        });
        expect([asset, answer.status, answer.headers['content-encoding']]).toEqual([
          asset,
          200,
          encoding,
        ]);
        expect(answer.headers['content-type']).toMatch(
          asset.endsWith('.js') ? /javascript/ : /text\/css/,
        );
        expect(decoded(answer).equals(original.body)).toBe(true);
        totals[encoding] += answer.body.length;
      }
    }
    console.info(`sign-in page code (bodies, bytes): ${JSON.stringify(totals)}`);
    expect(totals.br).toBeLessThan(totals.gzip);
    expect(totals.gzip).toBeLessThan(totals.identity / 3);
  });

  it('opens the console only to signed-in users', async () => {
    const anonymous = await request(`${app.url}/console`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/#/login');
    const byFileName = await request(`${app.url}/console.html`);
    expect(byFileName.status).toBe(303);
    const stale = await request(`${app.url}/console`, {
      headers: { cookie: 'plan68_session=not-a-session' },
    });
    expect(stale.status).toBe(303);

    const signedIn = await request(`${app.url}/console`, { headers: { cookie } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['content-type']).toMatch(/text\/html/);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect(signedIn.body.toString('utf8')).toContain('Bảng truy vấn dữ liệu');
    const byFileNameSignedIn = await request(`${app.url}/console.html`, { headers: { cookie } });
    expect([byFileNameSignedIn.status, byFileNameSignedIn.headers.location]).toEqual([
      301,
      '/console',
    ]);
  });
});
