import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import type { WorkSlotLimits } from '../../server/src/common/work-slots';
import { Role } from '../../server/src/common/roles';
import { appRoleUrl } from '../../server/src/db/app-role';
import { createDataSource, openDatabase } from '../../server/src/db/data-source';
import { createUser } from '../../server/src/modules/user/auth.service';
import { withDatabase } from './urls';

export interface GraphQLResponse<T> {
  status: number;
  body: { data?: T | null; errors?: GraphQLErrorBody[] };
  cookie?: string;
  headers: Headers;
}

export interface GraphQLErrorBody {
  message: string;
  path?: string[];
  extensions?: {
    code?: string;
    field?: string;
    rule?: string;
    violations?: { field: string; rule: string; message: string }[];
    [key: string]: unknown;
  };
}

export interface TestApp {
  url: string;
  adminUsername: string;
  adminPassword: string;
  /** The owner's connection (bypasses row-level security): for setting up and checking data. */
  db: DataSource;
  /** The app's own pool, connected as the app role the way the server runs (or as the owner). */
  appDb: DataSource;
  /** Every SQL statement the app sent, in order (clear it to count a single request). */
  queries: string[];
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { cookie?: string },
  ): Promise<GraphQLResponse<T>>;
  /** Signs in as the admin and returns the Cookie header to send. */
  login(): Promise<string>;
  close(): Promise<void>;
}

async function createDatabaseFromTemplate(adminUrl: string, name: string, template: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // NOTE: two clones of one template at the same instant can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String((error as Error).message).includes('being accessed'))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

/** A fresh database (migrated, demo data loaded) behind the real HTTP server on a free port. */
export async function startTestApp(
  options: {
    poolSize?: number;
    /**
     * `owner` connects the server's requests as the database owner, past row-level security: only
     * for testing the services' scope alone. The default is the app role, as in production.
     */
    requestsAs?: 'app' | 'owner';
    /** Places for exports and imports (default: the server's own). */
    exportSlots?: WorkSlotLimits;
    /** The requests' statement timeout (default: the server's own, 30 s). */
    statementTimeoutMs?: number;
  } = {},
): Promise<TestApp> {
  const adminUrl = inject('pgAdminUrl');
  const name = `plan68_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await createDatabaseFromTemplate(adminUrl, name, inject('pgTemplate'));
  const queries: string[] = [];
  const ownerUrl = withDatabase(adminUrl, name);
  const db = await openDatabase({ url: ownerUrl });
  const appDb = createDataSource({
    url:
      options.requestsAs === 'owner' ? ownerUrl : appRoleUrl(ownerUrl, inject('appRolePassword')),
    poolSize: options.poolSize,
    onQuery: (sql) => queries.push(sql),
    statementTimeoutMs: options.statementTimeoutMs,
  });
  await appDb.initialize();
  const adminUsername = 'admin';
  const adminPassword = randomBytes(12).toString('base64url');
  await createUser(db, {
    username: adminUsername,
    displayName: 'Quản trị thử nghiệm',
    password: adminPassword,
    role: Role.ADMIN,
  });
  const app: App = await createApp({
    db: appDb,
    production: false,
    adminDir: path.resolve('dist/admin'),
    exportSlots: options.exportSlots,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

  async function graphql<T>(
    query: string,
    variables?: Record<string, unknown>,
    options: { cookie?: string } = {},
  ) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.get('set-cookie');
    return {
      status: response.status,
      body: (await response.json()) as GraphQLResponse<T>['body'],
      cookie: setCookie ? setCookie.split(';')[0] : undefined,
      headers: response.headers,
    };
  }

  return {
    url,
    adminUsername,
    adminPassword,
    db,
    appDb,
    queries,
    graphql,
    async login() {
      const result = await graphql(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
        { u: adminUsername, p: adminPassword },
      );
      if (!result.cookie) throw new Error(`login failed: ${JSON.stringify(result.body)}`);
      return result.cookie;
    },
    async close() {
      await app.apollo.stop();
      await appDb.destroy();
      await db.destroy();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** Throws with the server's errors when a GraphQL call did not succeed; returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.body.errors?.length || !response.body.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}
