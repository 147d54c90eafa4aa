import DataLoader from 'dataloader';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { EntityClass } from './crud/field-spec';

/**
 * Per-request batching: every reference asked for while one GraphQL response is being built is
 * fetched with one statement per target table, so a list costs the same number of queries whatever
 * its length (PERF: N+1 is the difference between ~175 and ~700 req/s on a 25-row page).
 */
export class Loaders {
  private readonly byIdLoaders = new Map<EntityClass, DataLoader<string, unknown>>();
  private readonly namedLoaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly db: EntityManager) {}

  byId<T extends ObjectLiteral>(entity: EntityClass): DataLoader<string, T | null> {
    let loader = this.byIdLoaders.get(entity);
    if (!loader) {
      loader = new DataLoader<string, unknown>(async (ids) => {
        // One array parameter, not one parameter per id: PostgreSQL takes at most 65,535.
        const rows = await this.db
          .getRepository(entity as unknown as new () => ObjectLiteral)
          .createQueryBuilder('r')
          .where('r.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
          .getMany();
        const byId = new Map(rows.map((row) => [String(row.id), row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byIdLoaders.set(entity, loader);
    }
    return loader as DataLoader<string, T | null>;
  }

  /** Ids on the far side of a join table, e.g. a partnership's sponsor organizations. */
  joinedIds(
    table: string,
    ownerColumn: string,
    targetColumn: string,
  ): DataLoader<string, string[]> {
    return this.named(
      `join:${table}:${ownerColumn}:${targetColumn}`,
      async (owners: readonly string[]) => {
        const rows: { owner: string; target: string }[] = await this.db.query(
          `SELECT "${ownerColumn}" AS owner, "${targetColumn}" AS target FROM "${table}"
          WHERE "${ownerColumn}" = ANY($1::uuid[]) ORDER BY "${targetColumn}"`,
          [owners],
        );
        const grouped = new Map<string, string[]>();
        for (const row of rows)
          grouped.set(row.owner, [...(grouped.get(row.owner) ?? []), row.target]);
        return owners.map((owner) => grouped.get(owner) ?? []);
      },
    );
  }

  /** Child records pointing at each owner through `foreignKey`, e.g. a memorandum's commitments. */
  childrenOf<T extends ObjectLiteral>(
    entity: EntityClass,
    foreignKey: string,
    orderBy: Record<string, 'ASC' | 'DESC'> = {},
  ): DataLoader<string, T[]> {
    return this.named(
      `children:${entity.name}:${foreignKey}`,
      async (owners: readonly string[]) => {
        const query = this.db
          .getRepository(entity as unknown as new () => T)
          .createQueryBuilder('r')
          .where(`r.${foreignKey} = ANY(CAST(:owners AS uuid[]))`, { owners: [...owners] });
        for (const [field, order] of Object.entries(orderBy)) query.addOrderBy(`r.${field}`, order);
        const rows = await query.getMany();
        // PERF: grouped once, not filtered once per owner (a page of 25 owners × their rows).
        const byOwner = new Map<string, T[]>();
        for (const row of rows) {
          const owner = String(row[foreignKey]);
          const list = byOwner.get(owner);
          if (list) list.push(row);
          else byOwner.set(owner, [row]);
        }
        return owners.map((owner) => byOwner.get(owner) ?? []);
      },
    );
  }

  /** A loader defined by a module (e.g. progress totals per commitment), shared for the request. */
  named<K, V>(
    key: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
  ): DataLoader<K, V> {
    let loader = this.namedLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.namedLoaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
