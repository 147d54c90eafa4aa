import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../server/src/db/embedded';
import { appRoleUrl } from '../server/src/db/app-role';
import { SERVER_NODE_FLAGS } from '../server/src/memory';
import {
  generatedPassword,
  processHarness,
  readyPattern,
  signIn,
  waitFor,
} from './support/process';

const harness = processHarness();
const { start } = harness;
const emptyDatabase = () => harness.database();
const folders = { push: (folder: string) => harness.removeLater(folder) };
afterAll(harness.cleanUp);

describe('npm start (the server process)', () => {
  it('with DATABASE_URL: migrates, loads the demo data, prints where to sign in, serves API and admin, stops on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-proc-'));
    folders.push(dataDir);
    const databaseUrl = await emptyDatabase();
    const server = start({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      // The role's password is shared by every test file on this cluster: the server must use it,
      // not give the role a new one (which is what it does when APP_DATABASE_URL is unset).
      APP_DATABASE_URL: appRoleUrl(databaseUrl, inject('appRolePassword')),
      DATA_DIR: dataDir,
    });
    await waitFor(server, readyPattern(port));
    const password = generatedPassword(dataDir);
    expect(server.output()).toContain('"database":"DATABASE_URL"');
    expect(server.output()).not.toContain(password);
    const session = await signIn(port, password);
    expect(session.data?.login.username).toBe('admin');
    // The spreadsheet and document libraries are loaded on first use (dynamic imports of the
    // built server): the import template is an .xlsx and a report a .docx, both zip files.
    const ask = async (query: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie! },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { data: any }).data;
    };
    const zip = (base64: string) => Buffer.from(base64, 'base64').subarray(0, 4).toString('latin1');
    expect(zip((await ask('{ householdImportTemplate }')).householdImportTemplate)).toBe(
      'PK\x03\x04',
    );
    const [memorandum] = (await ask('{ allMemorandums(perPage: 1) { id } }')).allMemorandums;
    const report = await ask(
      `{ memorandumProgressDocument(memorandumId: "${memorandum.id}") { fileName docx } }`,
    );
    expect(report.memorandumProgressDocument.fileName).toMatch(/\.docx$/);
    expect(zip(report.memorandumProgressDocument.docx)).toBe('PK\x03\x04');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('embedded: keeps data in DATA_DIR across restarts, refuses a second start on the same folder, shuts down cleanly', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-proc-'));
    chmodSync(dataDir, 0o755); // the postgres user must reach the data folder below it
    folders.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir };

    const first = start(env);
    const [, freshSeconds] = await waitFor(first, /"readySeconds":([\d.]+)/);
    const password = generatedPassword(dataDir);
    expect(first.output()).toContain(
      `with the password in ${path.join(dataDir, 'admin-password.txt')} (generated now)`,
    );
    // The log holds where the password is, never the password.
    expect(first.output()).not.toContain(password);
    expect(first.log()).not.toContain('started without the memory flags');
    expect(first.output()).toContain(
      `embedded PostgreSQL, data in ${path.join(dataDir, 'postgres')}`,
    );

    // Launched as plain `node dist/server/main.js`, as an operator might: it says what it lacks.
    const second = start({ ...env, PORT: String(await freePort()) }, []);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running \(process \d+\)/);
    const warning = second
      .log()
      .split('\n')
      .find((line) => line.includes('started without the memory flags'));
    expect(JSON.parse(warning!).missingFlags).toEqual([...SERVER_NODE_FLAGS]);
    expect((await signIn(port, password)).data?.login.username).toBe('admin');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'plan68.pid'))).toBe(false);

    const again = start(env);
    const [, existingSeconds] = await waitFor(again, /"readySeconds":([\d.]+)/);
    expect(again.output()).toContain(
      `with the password in ${path.join(dataDir, 'admin-password.txt')}`,
    );
    expect((await signIn(port, password)).data?.login.username).toBe('admin');
    console.info(
      `ready after start: fresh data dir ${freshSeconds} s, existing data dir ${existingSeconds} s`,
    );
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('in production, refuses to create the first admin without ADMIN_PASSWORD', async () => {
    const server = start({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATABASE_URL: await emptyDatabase(),
      APP_DATABASE_URL: 'postgres://unused',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('NODE_ENV=production needs ADMIN_PASSWORD');
  });
});
