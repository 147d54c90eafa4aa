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
