import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { APP_ROLE } from './migrations/1795834800000-row-security-and-audit';
import { createDataSource, type DataSourceOptions } from './data-source';

export { APP_ROLE };

/**
 * Lets the app role sign in with a password the owner chooses now. The owner (who ran the
 * migrations) needs CREATEROLE or superuser for this; deployments that provision the role
 * themselves pass APP_DATABASE_URL instead.
 */
export async function setAppRolePassword(owner: DataSource, password: string): Promise<void> {
  const [{ sql }] = (await owner.query(
    `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS sql`,
    [APP_ROLE, password],
  )) as { sql: string }[];
  await owner.query(sql);
}

export function appRoleUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

/**
 * The connection pool requests run on: the app role, which neither owns the tables nor bypasses
 * row-level security, so a query the server forgot to scope still sees only the caller's rows.
 */
export async function openAppDatabase(
  owner: DataSource,
  ownerUrl: string,
  options: Omit<DataSourceOptions, 'url'> & { appUrl?: string | null } = {},
): Promise<DataSource> {
  let url = options.appUrl;
  if (!url) {
    const password = randomBytes(24).toString('base64url');
    await setAppRolePassword(owner, password);
    url = appRoleUrl(ownerUrl, password);
  }
  const db = createDataSource({ ...options, url });
  await db.initialize();
  return db;
}
