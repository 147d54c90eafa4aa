import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  production: boolean;
  databaseUrl: string | null;
  /**
   * How the server connects for requests: as the app role, subject to row-level security. When
   * unset, the owner gives the role a fresh password at start (one app process per database).
   */
  appDatabaseUrl: string | null;
  /**
   * A read replica (a hot standby of DATABASE_URL) for dashboards and analysts' queries; its user and
   * password default to the app role's (roles replicate with the data). Unset: everything reads the
   * primary.
   */
  readDatabaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
  dataDir: string;
  /** Port of the embedded PostgreSQL (127.0.0.1 only); a free one when unset. */
  embeddedPgPort: number | undefined;
  adminUsername: string;
  adminPassword: string | null;
  seedDemo: boolean;
  secureCookies: boolean;
  adminDir: string;
  /** Express "trust proxy": the proxies whose X-Forwarded-For names the client. */
  trustProxy: string;
}

/** Every environment variable the server reads (the compose file may set only these). */
export const ENV_VARS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'APP_DATABASE_URL',
  'READ_DATABASE_URL',
  'DATA_DIR',
  'EMBEDDED_PG_PORT',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'SEED_DEMO',
  'COOKIE_SECURE',
  'TRUST_PROXY',
  'LOG_LEVEL',
] as const;

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Settings come from the environment only; see README "Configuration". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    production,
    databaseUrl: env.DATABASE_URL || null,
    appDatabaseUrl: env.APP_DATABASE_URL || null,
    readDatabaseUrl: env.READ_DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT) || undefined,
    adminUsername: env.ADMIN_USERNAME ?? 'admin',
    adminPassword: env.ADMIN_PASSWORD || null,
    seedDemo: flag(env.SEED_DEMO, !production),
    secureCookies: flag(env.COOKIE_SECURE, production),
    adminDir: path.resolve(__dirname, '..', 'admin'),
    trustProxy: env.TRUST_PROXY || 'loopback',
  };
}
