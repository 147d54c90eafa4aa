import DataLoader from 'dataloader';
import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import { prepared, preparedShape } from '../db/prepared';
import type { EntityClass } from './crud/field-spec';

/**
 * How one entity is read by id: its SELECT and the columns it hydrates. PERF: made once per
 * process; TypeORM's query builder rebuilt the same SQL for every batch of every request (about
 * 0.5 ms of the households page's server CPU went to building SQL, for five batches).
 */
interface ByIdRead {
  sql: string;
  metadata: EntityMetadata;
}

const byIdReads = new WeakMap<EntityMetadata, ByIdRead>();

/**
 * Every column of an entity's rows on `alias`, as getMany() selects them (no entity here hides a
 * column or is soft-deleted): what Loaders.byId and Loaders.hydrate read.
 */
export function wholeRowColumns(metadata: EntityMetadata, alias: string): string {
  return metadata.columns.map((column) => `${alias}."${column.databaseName}"`).join(', ');
}

function byIdRead(metadata: EntityMetadata): ByIdRead {
  let read = byIdReads.get(metadata);
  if (!read) {
    const columns = wholeRowColumns(metadata, 'r');
    read = {
      metadata,
      sql: prepared(
        `plan68_by_id_${metadata.tableName}`,
        `SELECT ${columns} FROM "${metadata.tableName}" r WHERE r.id = ANY($1::uuid[])`,
      ),
    };
    byIdReads.set(metadata, read);
  }
  return read;
}

/**
 * Per-request batching: every reference asked for while one GraphQL response is being built is
 * fetched with one statement per target table, so a list costs the same number of queries whatever
 * its length (PERF: N+1 is the difference between ~175 and ~700 req/s on a 25-row page).
 */
export class Loaders {
  private readonly byIdLoaders = new Map<EntityClass, DataLoader<string, unknown>>();
  private readonly namedLoaders = new Map<string, DataLoader<unknown, unknown>>();
  /** How to read each kind of id list, by its key (see idList). */
  private readonly idListBranches = new Map<string, (owners: string) => string>();
  private idListLoader: DataLoader<string, unknown[]> | null = null;
  private readonly childIdLoaders = new Map<string, IdListLoader<Record<string, string>>>();

  constructor(private readonly db: EntityManager) {}

  byId<T extends ObjectLiteral>(entity: EntityClass): DataLoader<string, T | null> {
    let loader = this.byIdLoaders.get(entity);
    if (!loader) {
      const { sql, metadata } = byIdRead(this.db.connection.getMetadata(entity));
      loader = new DataLoader<string, unknown>(async (ids) => {
        // One array parameter, not one parameter per id: PostgreSQL takes at most 65,535.
        const rows: Record<string, unknown>[] = await this.db.query(sql, [ids]);
        const byId = new Map<string, ObjectLiteral>();
        for (const row of rows) byId.set(String(row.id), this.hydrated(metadata, row));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.byIdLoaders.set(entity, loader);
    }
    return loader as DataLoader<string, T | null>;
  }

  /**
   * Records another statement read whole (wholeRowColumns), hydrated as byId hydrates them. Not
   * kept for later references: that statement may have read them under other rules than the
   * request's own connection.
   */
  hydrate<T extends ObjectLiteral>(entity: EntityClass, rows: Record<string, unknown>[]): T[] {
    const metadata = this.db.connection.getMetadata(entity);
    return rows.map((row) => this.hydrated(metadata, row) as T);
  }

  /** A row as TypeORM hydrates it (each column's type and transformer), in the entity's class. */
  private hydrated(metadata: EntityMetadata, row: Record<string, unknown>): ObjectLiteral {
    const driver = this.db.connection.driver;
    const record = metadata.create() as ObjectLiteral;
    for (const column of metadata.columns)
      column.setEntityValue(record, driver.prepareHydratedValue(row[column.databaseName], column));
    return record;
  }

  /** Ids on the far side of a join table, e.g. a partnership's sponsor organizations. */
  joinedIds(table: string, ownerColumn: string, targetColumn: string): IdListLoader<string> {
    return this.idList(
      `join:${table}:${ownerColumn}:${targetColumn}`,
      (
        owners,
      ) => `j."${ownerColumn}" AS owner, json_agg(j."${targetColumn}" ORDER BY j."${targetColumn}") AS items
        FROM "${table}" j WHERE j."${ownerColumn}" = ANY(${owners}) GROUP BY j."${ownerColumn}"`,
    );
  }

  /**
   * The child records of `childrenOf`, in its order, when only their ids are asked for
   * (`members { id }`, as every list of the admin asks them): each as its id, its owner's key and,
   * for a record about a household, that household (the access log names it). PERF: no whole rows
   * read and hydrated, and read together with the request's other id lists in one statement.
   */
  childIdsOf(
    entity: EntityClass,
    foreignKey: string,
    orderBy: Record<string, 'ASC' | 'DESC'> = {},
  ): IdListLoader<Record<string, string>> {
    // PERF: asked once per row of a page; its SQL is made once per request.
    const key = `${entity.name}:${foreignKey}:${Object.entries(orderBy).join()}`;
    let loader = this.childIdLoaders.get(key);
    if (!loader) {
      loader = this.childIdList(entity, foreignKey, orderBy);
      this.childIdLoaders.set(key, loader);
    }
    return loader;
  }

  private childIdList(
    entity: EntityClass,
    foreignKey: string,
    orderBy: Record<string, 'ASC' | 'DESC'>,
  ): IdListLoader<Record<string, string>> {
    const metadata = this.db.connection.getMetadata(entity);
    const column = (property: string) => {
      const found = metadata.findColumnWithPropertyName(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return `c."${found.databaseName}"`;
    };
    const properties = ['id', foreignKey, 'householdId'].filter(
      (property, i, all) =>
        all.indexOf(property) === i && metadata.findColumnWithPropertyName(property),
    );
    const order = [...Object.entries(orderBy), ['id', 'ASC'] as const]
      .map(([property, direction]) => `${column(property)} ${direction}`)
      .join(', ');
    const fields = properties.map((property) => `'${property}', ${column(property)}`).join(', ');
    return this.idList(
      `children:${metadata.tableName}:${foreignKey}:${order}`,
      (
        owners,
      ) => `${column(foreignKey)} AS owner, json_agg(json_build_object(${fields}) ORDER BY ${order}) AS items
        FROM "${metadata.tableName}" c WHERE ${column(foreignKey)} = ANY(${owners}) GROUP BY ${column(foreignKey)}`,
    );
  }

  /**
   * Lists of ids per owner of every kind asked for while one answer is built, read in ONE statement
   * (a UNION ALL with a branch per kind): the admin's household page asks five such lists per row.
   * Row-level security reads each branch as it would read the kind alone.
   */
  private idList<T>(kind: string, branch: (owners: string) => string): IdListLoader<T> {
    if (!this.idListBranches.has(kind)) this.idListBranches.set(kind, branch);
    this.idListLoader ??= new DataLoader<string, unknown[]>(async (keys) => {
      const ownersByKind = new Map<string, string[]>();
      for (const key of keys) {
        const [listKind, owner] = key.split('\u0000') as [string, string];
        const owners = ownersByKind.get(listKind);
        if (owners) owners.push(owner);
        else ownersByKind.set(listKind, [owner]);
      }
      const kinds = [...ownersByKind.keys()];
      const params: unknown[] = [];
      const sql = kinds
        .map((listKind, i) => {
          const owners = `$${params.push(ownersByKind.get(listKind))}::uuid[]`;
          return `SELECT ${i} AS kind, ${this.idListBranches.get(listKind)!(owners)}`;
        })
        .join('\nUNION ALL\n');
      const rows: { kind: number; owner: string; items: unknown[] }[] = await this.db.query(
        preparedShape('plan68_id_lists', sql),
        params,
      );
      const found = new Map(rows.map((row) => [`${kinds[row.kind]}\u0000${row.owner}`, row.items]));
      return keys.map((key) => found.get(key) ?? []);
    });
    const loader = this.idListLoader;
    return { load: (owner) => loader.load(`${kind}\u0000${owner}`) as Promise<T[]> };
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
        // Ties in a stable order, the same as childIdsOf's.
        query.addOrderBy('r.id', 'ASC');
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

/** The lists of ids of one owner (see Loaders.idList). */
export interface IdListLoader<T> {
  load(owner: string): Promise<T[]>;
}
