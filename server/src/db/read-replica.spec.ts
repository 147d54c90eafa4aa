import { describe, expect, it } from 'vitest';
import { replicaUrl } from './read-replica';

const app = 'postgres://plan68_app:s%2Fcret@db:5432/plan68';

describe('READ_DATABASE_URL as the replica pools use it', () => {
  it("takes the app role's user and password when it names none (roles replicate)", () => {
    const url = new URL(replicaUrl('postgres://db-replica:5432/plan68', app));
    expect([url.hostname, url.port, url.pathname]).toEqual(['db-replica', '5432', '/plan68']);
    expect([url.username, decodeURIComponent(url.password)]).toEqual(['plan68_app', 's/cret']);
  });

  it('keeps a user and password it names', () => {
    const url = new URL(replicaUrl('postgres://reader:pw@db-replica/plan68?sslmode=require', app));
    expect([url.username, url.password, url.search]).toEqual(['reader', 'pw', '?sslmode=require']);
  });
});
