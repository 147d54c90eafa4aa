import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ENV_VARS, loadConfig } from '../server/src/config';

const compose = parse(readFileSync('docker-compose.yml', 'utf8'));
const dockerfile = readFileSync('Dockerfile', 'utf8');
const interpolate = (value: string) =>
  value.replace(/\$\{(\w+)[^}]*\}/g, (_m, name: string) => `<${name}>`);

describe('docker-compose.yml (the production path)', () => {
  const { db, app } = compose.services;

  it('runs PostgreSQL with a data volume and a health check, and the app once the database is healthy', () => {
    expect(db.image).toMatch(/^postgres:\d+/);
    expect(db.volumes[0]).toMatch(/^pgdata:\/var\/lib\/postgresql/);
    expect(compose.volumes).toHaveProperty('pgdata');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(app.build).toBe('.');
    expect(app.depends_on.db.condition).toBe('service_healthy');
    expect(app.healthcheck.test.join(' ')).toContain('/readyz');
  });

  it('sets only variables the app reads, in production mode, with secrets taken from the environment', () => {
    for (const name of Object.keys(app.environment)) expect(ENV_VARS).toContain(name);
    expect(app.environment.NODE_ENV).toBe('production');
    expect(app.environment.ADMIN_PASSWORD).toMatch(/^\$\{ADMIN_PASSWORD:\?/);
    expect(db.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('points DATABASE_URL at the db service, its user and database', () => {
    const url = new URL(interpolate(app.environment.DATABASE_URL));
    expect(url.hostname).toBe('db');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(db.environment.POSTGRES_USER);
    expect(url.pathname).toBe(`/${db.environment.POSTGRES_DB}`);
  });

  it('publishes the port the app listens on, which the image exposes and health-checks', () => {
    const config = loadConfig(
      Object.fromEntries(
        Object.entries(app.environment).map(([k, v]) => [k, interpolate(String(v))]),
      ),
    );
    expect(config.production).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(config.seedDemo).toBe(false);
    const [, containerPort] = String(app.ports[0]).split(':');
    expect(Number(containerPort)).toBe(config.port);
    expect(dockerfile).toContain(`EXPOSE ${config.port}`);
    expect(app.healthcheck.test.join(' ')).toContain(`127.0.0.1:${config.port}/readyz`);
  });
});

describe('docker-compose.yml: the optional read replica (profile "replica")', () => {
  const { db, app } = compose.services;
  const replica = compose.services['db-replica'];
  const mounted = (service: { volumes: string[] }, target: string) => {
    const volume = service.volumes.find((v) => v.split(':')[1] === target);
    expect(volume, target).toBeDefined();
    return readFileSync(volume!.split(':')[0]!, 'utf8');
  };

  it('starts only with the profile, and leaves the app on the primary unless READ_DATABASE_URL is set', () => {
    expect(replica.profiles).toEqual(['replica']);
    for (const service of ['db', 'app']) expect(compose.services[service].profiles).toBeUndefined();
    expect(app.environment.READ_DATABASE_URL).toBe('${READ_DATABASE_URL:-}');
    // Empty, as compose passes an unset variable: no replica.
    expect(loadConfig({ READ_DATABASE_URL: '' }).readDatabaseUrl).toBeNull();
  });

  it('is a hot standby of db: same image, its own volume, a base backup with -R, then postgres', () => {
    expect(replica.image).toBe(db.image);
    expect(replica.depends_on.db.condition).toBe('service_healthy');
    expect(replica.volumes[0]).toMatch(/^pgreplica:\/var\/lib\/postgresql$/);
    expect(compose.volumes).toHaveProperty('pgreplica');
    expect(replica.healthcheck.test.join(' ')).toContain('pg_isready');
    const entrypoint = mounted(replica, replica.entrypoint[0]);
    expect(entrypoint).toMatch(/pg_basebackup -h db -U replicator\b.* -R /);
    expect(entrypoint).toMatch(/-S plan68_replica/);
    expect(entrypoint).toMatch(/^exec postgres -c hot_standby_feedback=on\s*$/m);
    expect(replica.environment.PGPASSWORD).toMatch(/^\$\{REPLICATION_PASSWORD/);
  });

  it("lets the replica stream from db: a replication role and a pg_hba line made when db's volume is initialised", () => {
    const init = mounted(db, '/docker-entrypoint-initdb.d/20-replication.sh');
    expect(init).toMatch(/CREATE ROLE replicator WITH REPLICATION LOGIN/);
    expect(init).toContain('host replication replicator all scram-sha-256');
    expect(db.environment.REPLICATION_PASSWORD).toBe('${REPLICATION_PASSWORD:-}');
    // The image sources a script that is not executable: an `exit` would end its entrypoint.
    expect(init).not.toMatch(/^\s*exit\b/m);
  });

  it('ships shell scripts that parse', () => {
    for (const script of ['primary-replication.sh', 'replica-entrypoint.sh']) {
      expect(() => execFileSync('sh', ['-n', `deploy/postgres/${script}`])).not.toThrow();
    }
  });
});
