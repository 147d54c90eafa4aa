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
 * The caller's read scope of an entity's records, for the child lists read here: whether each
 * record read is within it is answered by the statement that reads the records, and told to the
 * nested-read guard (nested-access.ts), which would otherwise ask it in a statement of its own for
 * every kind of child a page shows. Undefined for callers who read every record or none.
 */
export interface ReadScope {
  /** The scope as SQL on `alias`, its values appended to `params` (CrudService.readScopeSql). */
  sql(alias: string, params: unknown[]): string;
  /** Which of the records read are within the scope, and which are not. */
  seen(visible: string[], hidden: string[]): void;
}

/** The flag a child list's statement adds to each record it reads under a ReadScope. */
const VISIBLE = '@visible';

/**
 * Per-request batching: every reference asked for while one GraphQL response is being built is
 * fetched with one statement per target table, so a list costs the same number of queries whatever
 * its length (PERF: N+1 is the difference between ~175 and ~700 req/s on a 25-row page).
 */
export class Loaders {
  private readonly byIdLoaders = new Map<EntityClass, DataLoader<string, unknown>>();
  private readonly namedLoaders = new Map<string, DataLoader<unknown, unknown>>();
  /** How to read each kind of id list, by its key (see idList). */
  private readonly idListBranches = new Map<string, IdListKind>();
  private idListLoader: DataLoader<string, unknown[]> | null = null;
  private readonly childIdLoaders = new Map<string, IdListLoader<Record<string, string>>>();

  constructor(
    private readonly db: EntityManager,
    private readonly readScopeOf: (entity: EntityClass) => ReadScope | undefined = () => undefined,
  ) {}

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
  hydrate<T extends ObjectLiteral>(
    entity: EntityClass,
    rows: Record<string, unknown>[],
    /** The alias of a query builder's select (its columns then come as `<alias>_<column>`). */
    alias?: string,
    /** The properties read, when not every column was; the others are left out of the record. */
    properties?: readonly string[] | null,
  ): T[] {
    const metadata = this.db.connection.getMetadata(entity);
    const columns = properties
      ? metadata.columns.filter((column) => properties.includes(column.propertyName))
      : metadata.columns;
    return rows.map((row) => this.hydrated(metadata, row, alias ? `${alias}_` : '', columns) as T);
  }

  /** A row as TypeORM hydrates it (each column's type and transformer), in the entity's class. */
  private hydrated(
    metadata: EntityMetadata,
    row: Record<string, unknown>,
    prefix = '',
    columns = metadata.columns,
  ): ObjectLiteral {
    const driver = this.db.connection.driver;
    const record = metadata.create() as ObjectLiteral;
    for (const column of columns)
      column.setEntityValue(
        record,
        driver.prepareHydratedValue(row[prefix + column.databaseName], column),
      );
    return record;
  }

  /** Ids on the far side of a join table, e.g. a partnership's sponsor organizations. */
  joinedIds(table: string, ownerColumn: string, targetColumn: string): IdListLoader<string> {
    return this.idList(`join:${table}:${ownerColumn}:${targetColumn}`, {
      branch: (
        owners,
      ) => `j."${ownerColumn}" AS owner, json_agg(j."${targetColumn}" ORDER BY j."${targetColumn}") AS items
        FROM "${table}" j WHERE j."${ownerColumn}" = ANY(${owners}) GROUP BY j."${ownerColumn}"`,
    });
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
    const column = (property: string) => columnOf(metadata, 'c', property);
    const properties = ['id', foreignKey, 'householdId'].filter(
      (property, i, all) =>
        all.indexOf(property) === i && metadata.findColumnWithPropertyName(property),
    );
    const order = childOrder(metadata, 'c', orderBy);
    const fields = properties.map((property) => `'${property}', ${column(property)}`).join(', ');
    const scope = this.readScopeOf(entity);
    return this.idList(`children:${metadata.tableName}:${foreignKey}:${order}`, {
      branch: (owners, params) => {
        const visible = scope ? `, '${VISIBLE}', (${scope.sql('c', params)})` : '';
        return `${column(foreignKey)} AS owner, json_agg(json_build_object(${fields}${visible}) ORDER BY ${order}) AS items
        FROM "${metadata.tableName}" c WHERE ${column(foreignKey)} = ANY(${owners}) GROUP BY ${column(foreignKey)}`;
      },
      read: scope && ((items) => reportSeen(scope, items as Record<string, unknown>[])),
    });
  }

  /**
   * Lists of ids per owner of every kind asked for while one answer is built, read in ONE statement
   * (a UNION ALL with a branch per kind): the admin's household page asks five such lists per row.
   * Row-level security reads each branch as it would read the kind alone.
   */
  private idList<T>(kind: string, how: IdListKind): IdListLoader<T> {
    if (!this.idListBranches.has(kind)) this.idListBranches.set(kind, how);
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
          return `SELECT ${i} AS kind, ${this.idListBranches.get(listKind)!.branch(owners, params)}`;
        })
        .join('\nUNION ALL\n');
      const rows: { kind: number; owner: string; items: unknown[] }[] = await this.db.query(
        preparedShape('plan68_id_lists', sql),
        params,
      );
      const found = new Map<string, unknown[]>();
      const readOfKind = kinds.map(() => [] as unknown[]);
      for (const row of rows) {
        found.set(`${kinds[row.kind]}\u0000${row.owner}`, row.items);
        readOfKind[row.kind]!.push(...row.items);
      }
      kinds.forEach((listKind, i) => this.idListBranches.get(listKind)!.read?.(readOfKind[i]!));
      return keys.map((key) => found.get(key) ?? []);
    });
    const loader = this.idListLoader;
    return { load: (owner) => loader.load(`${kind}\u0000${owner}`) as Promise<T[]> };
  }

  /**
   * Child records pointing at each owner through `foreignKey`, e.g. a memorandum's commitments.
   * PERF: one prepared text per kind of child (TypeORM's query builder built and planned the same
   * statement for every batch), read whole and hydrated as byId hydrates its rows.
   */
  childrenOf<T extends ObjectLiteral>(
    entity: EntityClass,
    foreignKey: string,
    orderBy: Record<string, 'ASC' | 'DESC'> = {},
  ): DataLoader<string, T[]> {
    return this.named(
      `children:${entity.name}:${foreignKey}`,
      async (owners: readonly string[]) => {
        const metadata = this.db.connection.getMetadata(entity);
        const params: unknown[] = [[...owners]];
        const scope = this.readScopeOf(entity);
        const visible = scope ? `, (${scope.sql('r', params)}) AS "${VISIBLE}"` : '';
        const rows: Record<string, unknown>[] = await this.db.query(
          preparedShape(
            'plan68_children',
            `SELECT ${wholeRowColumns(metadata, 'r')}${visible} FROM "${metadata.tableName}" r
              WHERE ${columnOf(metadata, 'r', foreignKey)} = ANY($1::uuid[])
              ORDER BY ${childOrder(metadata, 'r', orderBy)}`,
          ),
          params,
        );
        if (scope) reportSeen(scope, rows);
        // PERF: grouped once, not filtered once per owner (a page of 25 owners × their rows).
        const byOwner = new Map<string, T[]>();
        for (const row of rows) {
          const record = this.hydrated(metadata, row) as T;
          const owner = String(record[foreignKey]);
          const list = byOwner.get(owner);
          if (list) list.push(record);
          else byOwner.set(owner, [record]);
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

function columnOf(metadata: EntityMetadata, alias: string, property: string): string {
  const found = metadata.findColumnWithPropertyName(property);
  if (!found) throw new Error(`${metadata.name} has no column ${property}`);
  return `${alias}."${found.databaseName}"`;
}

/** A child list's order, ties broken by id: the same whether its ids or its records are read. */
function childOrder(
  metadata: EntityMetadata,
  alias: string,
  orderBy: Record<string, 'ASC' | 'DESC'>,
): string {
  return [...Object.entries(orderBy), ['id', 'ASC'] as const]
    .map(([property, direction]) => `${columnOf(metadata, alias, property)} ${direction}`)
    .join(', ');
}

/** How one kind of id list is read (see Loaders.idList). */
interface IdListKind {
  /** Its branch of the statement: owner and items (a JSON array) of the owners in `owners`. */
  branch: (owners: string, params: unknown[]) => string;
  /** Told every item read for this kind, once per statement. */
  read?: (items: unknown[]) => void;
}

/**
 * Tells `scope` which of the records read carry the VISIBLE flag, and takes the flag off them:
 * it is not a field of the record.
 */
function reportSeen(scope: ReadScope, records: Record<string, unknown>[]): void {
  const visible: string[] = [];
  const hidden: string[] = [];
  for (const record of records) {
    (record[VISIBLE] === true ? visible : hidden).push(String(record.id));
    delete record[VISIBLE];
  }
  scope.seen(visible, hidden);
}
