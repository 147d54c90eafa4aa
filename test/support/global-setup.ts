import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { setAppRolePassword } from '../../server/src/db/app-role';
import { openDatabase } from '../../server/src/db/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/src/db/embedded';
import { seedDemoIfEmpty } from '../../server/src/db/seed/demo';
import { withDatabase } from './urls';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    appRolePassword: string;
  }
}

/**
 * One PostgreSQL for the whole run (embedded, or the server in DATABASE_URL), with a template
 * database migrated and loaded with the demo data once; test files clone it in ~0.2 s each.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'plan68-test-'));
    embedded = await startEmbeddedPostgres({ dataDir });
    adminUrl = embedded.adminUrl;
  }
  const template = `plan68_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const db = await openDatabase({ url: withDatabase(adminUrl, template) });
  await seedDemoIfEmpty(db);
  // One password for the whole run: test files connect as the app role concurrently.
  const appRolePassword = randomBytes(18).toString('base64url');
  await setAppRolePassword(db, appRolePassword);
  await db.destroy();
  project.provide('appRolePassword', appRolePassword);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    if (embedded) {
      await admin.end();
      await embedded.stop();
      rmSync(dataDir!, { recursive: true, force: true });
      rmSync(`${dataDir}.password`, { force: true });
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    }
  };
}
