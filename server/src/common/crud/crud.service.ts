import {
  Brackets,
  QueryFailedError,
  type EntityManager,
  type ObjectLiteral,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { reachOf, type Reach } from '../access-matrix';
import { readsEveryRow } from '../roles';
import { COUNTED_TABLES } from '../../db/migrations/1795984000000-row-counts-kept-by-the-database';
import { UNIT_COUNTED_TABLES } from '../../db/migrations/1796007000000-unit-choices-in-name-order';
import { SEARCHED_BEHIND_ROW_SECURITY } from '../../db/migrations/1796008000000-search-behind-row-security';
import { prepared, preparedShape } from '../../db/prepared';
import type { RequestContext } from '../context';
import type { ReadScope } from '../loaders';
import type { ColumnsReadWithRows } from './reference-prefetch';
import { deidentified } from '../masking';
import { EXPORT_SIZE, maskedColumnsOf } from '../personal-data';
import {
  AppError,
  BadInputError,
  conflict,
  forbidden,
  notFound,
  unauthenticated,
  type FieldViolation,
} from '../errors';
import type { EntityClass, FieldSpecs } from './field-spec';
import { isUuid, normalizeInput } from './normalize';
import { bindHolder, SCOPE_GROUPS, SCOPE_ORG, type ScopeSql } from './scopes';
import { unitAreaSql, unitModeOf, unitSameSql, UnitMode, type UnitArea } from './unit-area';

/** The tables whose rows the database counts (row_counts). */
const COUNTED = new Set<string>([...COUNTED_TABLES, ...UNIT_COUNTED_TABLES]);
const KEPT_COUNT = prepared(
  'plan68_kept_count',
  'SELECT row_count FROM row_counts WHERE table_name = $1',
);

/**
 * Whether a list's page or count is sent as a prepared statement, planned once per connection:
 * planning them was 0.3–0.6 ms each of every list page (an officer's scope included). Not a search,
 * whose plan depends on its words (a trigram index or not), and not a query with joins, which
 * TypeORM reads its own way; list pages only from the first (CrudService.list): a text per page
 * would fill the prepared statements' budget (preparedShape) with pages rarely asked again.
 */
function planOnce(qb: SelectQueryBuilder<ObjectLiteral>, filter: Filter): boolean {
  return filter?.q == null && qb.expressionMap.joinAttributes.length === 0;
}

/**
 * PERF: a page's total, counted by the statement that reads the page (`count(*) OVER ()`), for
 * the total the same request asks with the same filter: the admin asks a page and its total at
 * once. For a search, which is counted neither from the kept counts nor by a prepared statement:
 * counting it apart ran it twice (for an administrator, plan68_search_ids twice: 14 of 32 ms of SQL
 * for "nguyen van" at 300,000 households). For a scoped caller's page of a resource whose scope
 * lists its parents (CrudOptions.countsWithScopedPage): that page reads every row in scope to sort
 * it, and the count read them all again. The page's resolver registers its total before its first
 * await; a total asked before the page, or a page past the end, is counted by itself.
 */
const pageTotals = new WeakMap<RequestContext, Map<string, Promise<number | undefined>>>();
const PAGE_TOTAL_ALIAS = 'plan68_page_total';
const pageTotalKey = (resource: string, filter: Filter) => `${resource}:${JSON.stringify(filter)}`;
const isSearch = (filter: Filter) => filter?.q != null;

/**
 * Whether row-level security filters a table, asked once per table and process: only migrations
 * change it, and a restart follows them. Asked on every page, it cost an officer's household list
 * a round trip before its real count.
 */
const rowSecurity = new Map<string, Promise<boolean>>();
function hasRowSecurity(ctx: RequestContext, table: string): Promise<boolean> {
  let known = rowSecurity.get(table);
  if (!known) {
    known = (
      ctx.db.query('SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass($1)', [
        table,
      ]) as Promise<{ relrowsecurity: boolean }[]>
    ).then(([row]) => row?.relrowsecurity !== false);
    // A failed lookup is asked again next time, not remembered.
    known.catch(() => rowSecurity.delete(table));
    rowSecurity.set(table, known);
  }
  return known;
}

/**
 * Where a list's statement takes the columns read with its rows: a select TypeORM writes as it is
 * given, replaced in the statement's text. NOTE: only at page 0. There the subqueries run for the
 * page's rows alone: PostgreSQL evaluates expensive select expressions after the sort and under
 * the LIMIT; at a later page they would also run for every row OFFSET skips.
 */
const READ_WITH_MARK = 'NULL::text';
const READ_WITH_ALIAS = 'plan68_read_with';

export const MAX_PAGE_SIZE = 1000;

export interface ListParams {
  page?: number | null;
  perPage?: number | null;
  sortField?: string | null;
  sortOrder?: string | null;
}

export type Filter = Record<string, unknown> | null | undefined;

/** What a rule (or a `prepare`) knows of the write it judges. */
export interface RuleContext<T> {
  em: EntityManager;
  ctx: RequestContext;
  existing: T | null;
  /** Join-table id lists given in this write (absent ones are unchanged). */
  lists: Record<string, string[] | undefined>;
  /** The field values given in this write, checked (an update's unchanged fields are absent). */
  given: Record<string, unknown>;
}

/** Cross-field rules of one resource, checked inside the write transaction on the merged record. */
export type RuleCheck<T> = (
  record: T,
  context: RuleContext<T>,
) => Promise<FieldViolation[]> | FieldViolation[];

export interface CrudOptions<T> {
  entity: EntityClass;
  /** GraphQL type name, used in messages: `Commitment abc does not exist`. */
  name: string;
  fields: FieldSpecs;
  /** Entity properties searched (accent- and case-insensitively) by the `q` filter. */
  searchColumns: string[];
  /**
   * More SQL the `q` filter ORs with the columns (alias `r`; `param` names the `%text%` pattern),
   * e.g. a household found by its village's name. It must stay index-backed (query-plans.test.ts).
   */
  searchAlso?: (param: string) => string;
  defaultSort?: { field: string; order: 'ASC' | 'DESC' };
  /** Columns never exposed through the API (e.g. full citizen IDs): no sorting by them either. */
  hiddenColumns?: string[];
  rules?: RuleCheck<T>;
  /**
   * Columns the server sets from the record before the rules see it (defaults depending on other
   * fields, a snapshot of a referenced record): written with the caller's values, checked with them.
   */
  prepare?: (record: T, context: RuleContext<T>) => Promise<Partial<T>> | Partial<T>;
  /**
   * Runs in the write's transaction once the record is written or deleted, to keep records derived
   * from it in step (a yearly review's category periods); a throw undoes the whole write.
   */
  afterWrite?: (
    change: { before: T | null; after: T | null },
    context: { em: EntityManager; ctx: RequestContext },
  ) => Promise<void>;
  /**
   * Refuses a change from the stored record's state (a submitted report, a posted entry): run on the
   * row as locked for the write, so a concurrent submit or post cannot slip in between.
   */
  guardChange?: (existing: T, change: 'update' | 'delete') => void;
  /**
   * Columns the server sets on an update from the locked record and the change (e.g. a changed
   * amount voids an approval), written in the same statement; never taken from the caller.
   */
  changeColumns?: (
    existing: T,
    values: Partial<T>,
    lists: Record<string, string[] | undefined>,
    ctx: RequestContext,
  ) => Partial<T>;
  /**
   * Places a record in the scope of an officer (their agency) or group member (their groups), as
   * SQL on the given alias; required for resources the access matrix grants as 'scoped'.
   */
  scope?: ScopeSql;
  /**
   * Whether an officer's or member's page reads every row in their scope whatever its sort: the
   * scope is a list of parents (`household_id = ANY(…)`, `group_id = ANY(…)`), and no index gives
   * one order across several parents, so the page's statement counts them too (pageTotals). Not
   * for a scope an index reads in the page's order (a ledger's fund), whose page stops at its rows.
   */
  countsWithScopedPage?: boolean;
  /** Narrower scope for writes, when a role reads more than it may change. */
  writeScope?: ScopeSql;
  /** The field naming the owning agency: an officer's own when left empty, never another's. */
  ownerField?: string;
  /** The field that places the record in scope, named when a write would move it out. */
  scopeField?: string;
  /**
   * The column placing a record in an administrative unit (e.g. `village_id`): the `unitId` filter
   * finds records in that unit or its sub-units, by the unit as it was or by today's (`unitMode`).
   */
  unitColumn?: string;
  /**
   * For records placed in a unit through another record (an aspiration by its household's village):
   * the condition that record `alias` lies in the area `area` describes.
   */
  unitOf?: (alias: string, area: UnitArea) => string;
}

/**
 * The list / get / create / update / delete behaviour every resource shares. Each write runs in one
 * transaction: input checked, references proven to exist, rules applied, then written, or nothing is.
 */
const services = new Map<string, CrudService<ObjectLiteral & { id: string; version: number }>>();
const servicesByEntity = new Map<
  EntityClass,
  CrudService<ObjectLiteral & { id: string; version: number }>
>();

/** The service of a resource by its GraphQL name (used to scope records reached by reference). */
export function serviceFor(name: string) {
  return services.get(name);
}

/**
 * The caller's read scope of an entity's records when they read some of them by scope: the child
 * lists the request's loaders read then say which records are within it (Loaders' ReadScope).
 */
export function readScopeOf(ctx: RequestContext, entity: EntityClass): ReadScope | undefined {
  const service = servicesByEntity.get(entity);
  const role = ctx.user?.role;
  if (!service || !role || reachOf(service.options.name, role, 'read') !== 'scoped') return;
  return {
    sql: (alias, params) => service.readScopeSql(ctx, alias, params) ?? 'false',
    seen: (visible, hidden) => service.markVisible(ctx, visible, hidden),
  };
}

/**
 * A scope predicate of scopes.ts bound to the request's scope, its values pushed onto `params`
 * as numbered parameters (for raw SQL beside the query builder).
 */
export function bindScope(ctx: RequestContext, sql: string, params: unknown[]): string {
  return bindHolder(sql, ctx.scope.organizationId)
    .replaceAll(SCOPE_ORG, () => `$${params.push(ctx.scope.organizationId)}::uuid`)
    .replaceAll(SCOPE_GROUPS, () => `$${params.push(ctx.scope.groupIds)}::uuid[]`);
}

export class CrudService<T extends ObjectLiteral & { id: string; version: number }> {
  constructor(readonly options: CrudOptions<T>) {
    services.set(options.name, this as never);
    servicesByEntity.set(options.entity, this as never);
  }

  /** Which of these records the user may read, batched per request (one query per resource). */
  async visible(ctx: RequestContext, ids: string[]): Promise<boolean[]> {
    if (this.reach(ctx, 'read') === 'all') return ids.map(() => true);
    return this.visibleLoader(ctx)
      .loadMany(ids)
      .then((seen) => seen.map((value) => value === true));
  }

  /**
   * Records of this request already read on the request's connection and found within the
   * caller's read scope by this service's readScopeSql (reference-prefetch.ts, the loaders' child
   * lists), or outside it: visible() need not ask again.
   */
  markVisible(ctx: RequestContext, ids: string[], hidden: string[] = []): void {
    const loader = this.visibleLoader(ctx);
    for (const id of ids) loader.prime(id, true);
    for (const id of hidden) loader.prime(id, false);
  }

  private visibleLoader(ctx: RequestContext) {
    return ctx.loaders.named<string, boolean>(`visible:${this.options.name}`, async (keys) => {
      const wanted = keys.filter(isUuid);
      let rows: { id: string }[] = [];
      if (wanted.length > 0) {
        // PERF: one array parameter keeps one text per resource, prepared: with one parameter
        // per id, each count of ids was a text of its own, planned every time (0.2–0.9 ms of
        // an officer's visit page, where three of these run).
        const [sql, params] = this.scoped(
          this.repo(ctx)
            .createQueryBuilder('r')
            .select('r.id', 'id')
            .where('r.id = ANY(CAST(:ids AS uuid[]))', { ids: wanted }),
          ctx,
          'read',
        ).getQueryAndParameters();
        rows = await ctx.db.query(preparedShape('plan68_visible', sql), params);
      }
      const found = new Set(rows.map((row) => row.id));
      return keys.map((key) => found.has(key));
    });
  }

  protected repo(ctx: RequestContext | EntityManager): Repository<T> {
    const manager = 'db' in ctx ? ctx.db : ctx;
    return manager.getRepository(this.options.entity as unknown as new () => T);
  }

  /** What the signed-in user's role may do with this resource; FORBIDDEN when nothing. */
  reach(ctx: RequestContext, mode: 'read' | 'write'): Reach {
    if (!ctx.user) throw unauthenticated();
    const reach = reachOf(this.options.name, ctx.user.role, mode);
    if (!reach) {
      throw forbidden(
        `Your role may not ${mode === 'read' ? 'read' : 'change'} ${this.options.name} records`,
        { rule: 'role', resource: this.options.name },
      );
    }
    return reach;
  }

  /** Narrows a query to the records the user may read or write (a no-op for 'all'). */
  protected scoped<Q extends SelectQueryBuilder<ObjectLiteral>>(
    qb: Q,
    ctx: RequestContext,
    mode: 'read' | 'write',
    alias = 'r',
  ): Q {
    if (this.reach(ctx, mode) === 'all') return qb;
    const scope =
      mode === 'write' ? (this.options.writeScope ?? this.options.scope) : this.options.scope;
    // Fail closed: a resource granted as 'scoped' without a scope shows nothing.
    if (!scope) return qb.andWhere('false') as Q;
    return qb.andWhere(`(${bindHolder(scope(alias), ctx.scope.organizationId)})`, {
      scopeOrg: ctx.scope.organizationId,
      scopeGroups: ctx.scope.groupIds,
    }) as Q;
  }

  /** Narrows a query on alias `t` to the records the user may read; none without a read grant. */
  protected readableOnly<Q extends SelectQueryBuilder<ObjectLiteral>>(
    qb: Q,
    ctx: RequestContext,
  ): Q {
    if (!ctx.user || !reachOf(this.options.name, ctx.user.role, 'read')) {
      return qb.andWhere('false') as Q;
    }
    return this.scoped(qb, ctx, 'read', 't');
  }

  /**
   * The user's read scope of this resource as SQL on `alias` for hand-written (aggregate) queries,
   * its values appended to `params` as positional parameters: `true` for a role that reads every
   * record, null for a role that reads none.
   */
  readScopeSql(ctx: RequestContext, alias: string, params: unknown[]): string | null {
    const reach = ctx.user ? reachOf(this.options.name, ctx.user.role, 'read') : undefined;
    if (!reach) return null;
    if (reach === 'all') return 'true';
    if (!this.options.scope) return 'false';
    return bindScope(ctx, this.options.scope(alias), params);
  }

  /** Whether one record is within the user's read or write scope. */
  async inScope(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    mode: 'read' | 'write',
  ): Promise<boolean> {
    if (this.reach(ctx, mode) === 'all') return true;
    const qb = this.repo(em)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where('r.id = :id', { id });
    return (await this.scoped(qb, ctx, mode).getRawOne()) != null;
  }

  /**
   * A page of the records the user may read. Where the page is read in one prepared statement,
   * `readWith` names the only properties its rows need and adds columns read by the same statement
   * (a page's references); the rows are read whole and the caller reads those otherwise.
   */
  async list(
    ctx: RequestContext,
    params: ListParams,
    filter: Filter,
    readWith?: ColumnsReadWithRows,
  ): Promise<T[]> {
    const { page, perPage } = checkPage(params);
    const qb = this.scoped(this.filtered(ctx, filter), ctx, 'read');
    const { field, order, nullable, text } = this.sort(ctx, params);
    let settleTotal: ((total: number | undefined) => void) | undefined;
    let failTotal: ((error: unknown) => void) | undefined;
    if (
      isSearch(filter) ||
      (this.options.countsWithScopedPage && this.reach(ctx, 'read') === 'scoped')
    ) {
      const total = new Promise<number | undefined>((resolve, reject) => {
        settleTotal = resolve;
        failTotal = reject;
      });
      // A total nobody asks for must not be an unhandled rejection.
      total.catch(() => undefined);
      const totals = pageTotals.get(ctx) ?? new Map<string, Promise<number | undefined>>();
      pageTotals.set(ctx, totals);
      totals.set(pageTotalKey(this.options.name, filter), total);
    }
    /** The total as the page's rows carry it: an empty later page says nothing of it. */
    const totalOf = (raw: Record<string, unknown>[]) =>
      raw[0] ? Number(raw[0][PAGE_TOTAL_ALIAS]) : page === 0 ? 0 : undefined;
    let rows: T[];
    try {
      // PERF: NULLS LAST only where NULLs can occur; on a NOT NULL column it would stop PostgreSQL
      // from reading the column's index in order and make it sort the whole table.
      // Text sorts in Vietnamese order (Đ after D, not after Z), whatever the database's own locale.
      qb.orderBy(
        text ? `r.${field} COLLATE "vi-VN-x-icu"` : `r.${field}`,
        order,
        nullable ? 'NULLS LAST' : undefined,
      )
        .addOrderBy('r.id', 'ASC')
        .offset(page * perPage)
        .limit(perPage);
      if (page === 0 && planOnce(qb, filter)) {
        if (readWith?.properties) qb.select(readWith.properties.map((property) => `r.${property}`));
        if (readWith) qb.addSelect(READ_WITH_MARK, READ_WITH_ALIAS);
        if (settleTotal) qb.addSelect('count(*) OVER ()', PAGE_TOTAL_ALIAS);
        const [sql, parameters] = qb.getQueryAndParameters();
        const mark = `${READ_WITH_MARK} AS "${READ_WITH_ALIAS}"`;
        const extra = readWith && sql.includes(mark) ? readWith.sql('r', parameters) : [];
        const raw: Record<string, unknown>[] = await ctx.db.query(
          preparedShape('plan68_list', sql.replace(mark, extra.join(', ') || 'NULL')),
          parameters,
        );
        rows = ctx.loaders.hydrate<T>(this.options.entity, raw, 'r', readWith?.properties);
        if (extra.length > 0) readWith!.keep(rows, raw);
        settleTotal?.(totalOf(raw));
      } else if (settleTotal) {
        const { entities, raw } = await qb
          .addSelect('count(*) OVER ()', PAGE_TOTAL_ALIAS)
          .getRawAndEntities<Record<string, unknown>>();
        rows = entities;
        settleTotal(totalOf(raw));
      } else rows = await qb.getMany();
    } catch (error) {
      // The total waits on this page: it fails with it rather than wait for ever.
      failTotal?.(error);
      throw error;
    }
    // Its records go to the access log as the answer resolves them; a page this large is an export.
    if (perPage > EXPORT_SIZE) ctx.accessLog.markExport(this.options.name);
    return rows;
  }

  async count(ctx: RequestContext, filter: Filter): Promise<number> {
    const withPage = pageTotals.get(ctx)?.get(pageTotalKey(this.options.name, filter));
    if (withPage) {
      const total = await withPage;
      if (total !== undefined) return total;
    }
    // PERF: with nothing filtered, a caller who sees every row of the table is given the count the
    // database keeps (migration 1795984000000) instead of counting 200,000–300,000 rows: those who
    // read every row, and anyone the matrix lets read every record of a table without row-level
    // security (an officer's list of the program's progress entries).
    const unfiltered = Object.entries(filter ?? {}).every(
      // The unit mode alone filters nothing (the admin's switch sends it with every list query).
      ([key, value]) => key === 'unitMode' || value === undefined || value === null,
    );
    const table = this.repo(ctx).metadata.tableName;
    // Only the tables it counts: another (funds, 1,000 rows) is counted at once, not asked twice.
    if (
      unfiltered &&
      COUNTED.has(table) &&
      this.reach(ctx, 'read') === 'all' &&
      (readsEveryRow(ctx.user?.role) || !(await hasRowSecurity(ctx, table)))
    ) {
      const [kept] = (await ctx.db.query(KEPT_COUNT, [table])) as { row_count: string }[];
      if (kept) return Number(kept.row_count);
    }
    const counted = this.scoped(this.filtered(ctx, filter), ctx, 'read');
    if (!planOnce(counted, filter)) return counted.getCount();
    const [sql, parameters] = counted.select('COUNT(1)', 'cnt').getQueryAndParameters();
    const [row] = (await ctx.db.query(preparedShape('plan68_count', sql), parameters)) as {
      cnt: string;
    }[];
    return Number(row!.cnt);
  }

  /** One record the user may read; another agency's record is NOT_FOUND, as if it did not exist. */
  async get(ctx: RequestContext, id: string): Promise<T> {
    const reach = this.reach(ctx, 'read');
    const found = isUuid(id) ? await ctx.loaders.byId<T>(this.options.entity).load(id) : null;
    if (!found) throw notFound(this.options.name, id);
    if (reach === 'scoped' && !(await this.inScope(ctx.db, ctx, id, 'read')))
      throw notFound(this.options.name, id);
    return found;
  }

  async create(ctx: RequestContext, input: Record<string, unknown>): Promise<T> {
    const id = await this.write(ctx, (em) => this.insertChecked(ctx, em, input));
    return this.reload(ctx, id);
  }

  /**
   * One record of a larger write (a row of an imported file) with every rule a single create has,
   * inside the caller's transaction; the caller decides whether the whole stands or falls.
   */
  async insertWithin(
    ctx: RequestContext,
    em: EntityManager,
    input: Record<string, unknown>,
  ): Promise<string> {
    try {
      return await this.insertChecked(ctx, em, input);
    } catch (error) {
      throw translateDbError(
        error,
        this.options.name,
        this.options.scopeField ?? this.options.ownerField,
      );
    }
  }

  /**
   * The checked insert inside a transaction the caller already holds, so a subclass can take its
   * own locks first (a nested transaction would wait on them from another connection).
   * `extra` columns are set by the server, never by the caller (e.g. who posted an entry).
   */
  protected async insertChecked(
    ctx: RequestContext,
    em: EntityManager,
    input: Record<string, unknown>,
    extra: Partial<T> = {},
  ): Promise<string> {
    const reach = this.reach(ctx, 'write');
    const { values, lists, violations } = normalizeInput(this.options.fields, input, 'create');
    this.checkOwner(ctx, reach, values, 'create');
    const given = { ...values };
    await this.checkAll(ctx, em, values as Partial<T>, lists, null, violations, given);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(this.options.entity)
      .values({ ...values, ...extra })
      .returning('id')
      .execute();
    const newId = String((inserted.raw as { id: string }[])[0]!.id);
    await this.replaceLists(em, newId, lists);
    await this.checkStillInScope(em, ctx, newId);
    if (this.options.afterWrite) {
      const after = await this.repo(em).findOneBy({ id: newId } as never);
      await this.options.afterWrite({ before: null, after }, { em, ctx });
    }
    return newId;
  }

  /**
   * An officer's records belong to their agency: left empty it is theirs, set to another it is
   * refused here, inside the mutation (type-graphql does not enforce rules on input fields).
   */
  private checkOwner(
    ctx: RequestContext,
    reach: Reach,
    values: Record<string, unknown>,
    mode: 'create' | 'update',
  ) {
    const field = this.options.ownerField;
    if (!field || reach !== 'scoped') return;
    const own = ctx.scope.organizationId;
    if (mode === 'create' && values[field] == null && own) values[field] = own;
    if (values[field] !== undefined && values[field] !== own) {
      throw forbidden(`You may only use your own agency in ${field}`, {
        field,
        rule: 'ownAgency',
      });
    }
  }

  /** After a scoped write, the record must still be one the user may write. */
  private async checkStillInScope(em: EntityManager, ctx: RequestContext, id: string) {
    if (await this.inScope(em, ctx, id, 'write')) return;
    const field = this.options.scopeField ?? this.options.ownerField;
    throw forbidden(`This ${this.options.name} would be outside the records you may change`, {
      rule: 'scope',
      ...(field ? { field } : {}),
    });
  }

  async update(ctx: RequestContext, input: Record<string, unknown>): Promise<T> {
    const id = String(input.id);
    const expectedVersion = input.version as number | null | undefined;
    const reach = this.reach(ctx, 'write');
    const { values, lists, violations } = normalizeInput(this.options.fields, input, 'update');
    this.checkOwner(ctx, reach, values, 'update');
    await this.write(ctx, async (em) => {
      const existing = isUuid(id)
        ? await this.scoped(
            this.repo(em)
              .createQueryBuilder('r')
              .setLock('pessimistic_write')
              .where('r.id = :id', { id }),
            ctx,
            'write',
          ).getOne()
        : null;
      if (!existing) throw notFound(this.options.name, id);
      if (expectedVersion != null && expectedVersion !== existing.version)
        throw stale(this.options.name, existing.version);
      this.options.guardChange?.(existing, 'update');
      const merged = { ...existing, ...values } as T;
      const prepared = await this.checkAll(ctx, em, merged, lists, existing, violations, values);
      const result = await em
        .createQueryBuilder()
        .update(this.options.entity)
        .set({
          ...values,
          ...prepared,
          ...this.options.changeColumns?.(existing, values as Partial<T>, lists, ctx),
          version: () => 'version + 1',
          updatedAt: () => 'now()',
        })
        .where('id = :id AND version = :version', { id, version: existing.version })
        .execute();
      if (result.affected !== 1) throw stale(this.options.name, existing.version);
      await this.replaceLists(em, id, lists);
      await this.checkStillInScope(em, ctx, id);
      if (this.options.afterWrite) {
        const after = await this.repo(em).findOneBy({ id } as never);
        await this.options.afterWrite({ before: existing, after }, { em, ctx });
      }
    });
    return this.reload(ctx, id);
  }

  /** Deletes a record; with `expectedVersion`, only the version the caller saw. */
  async remove(ctx: RequestContext, id: string, expectedVersion?: number | null): Promise<T> {
    this.reach(ctx, 'write');
    return this.write(ctx, async (em) => {
      const existing = isUuid(id)
        ? await this.scoped(
            this.repo(em)
              .createQueryBuilder('r')
              .setLock('pessimistic_write')
              .where('r.id = :id', { id }),
            ctx,
            'write',
          ).getOne()
        : null;
      if (!existing) throw notFound(this.options.name, id);
      if (expectedVersion != null && expectedVersion !== existing.version)
        throw stale(this.options.name, existing.version);
      this.options.guardChange?.(existing, 'delete');
      await em
        .createQueryBuilder()
        .delete()
        .from(this.options.entity)
        .where('id = :id', { id })
        .execute();
      await this.options.afterWrite?.({ before: existing, after: null }, { em, ctx });
      return existing;
    });
  }

  /**
   * Runs a write in a transaction (a savepoint of the request's) and turns constraint failures
   * into errors the caller can act on. A deadlock is tried again, up to DEADLOCK_ATTEMPTS times:
   * summaries kept by triggers lock shared rows (a table's count, a bucket of villages) in the
   * order each statement's triggers fire, so two writes can wait on each other; PostgreSQL undoes
   * one, rolling back to the savepoint releases what it took, the other finishes, and this one
   * runs again from the start, rules included.
   */
  protected async write<R>(
    ctx: RequestContext,
    work: (em: EntityManager) => Promise<R>,
  ): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ctx.db.transaction(work);
      } catch (error) {
        if (attempt < DEADLOCK_ATTEMPTS && isDeadlock(error)) {
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
          continue;
        }
        throw translateDbError(
          error,
          this.options.name,
          this.options.scopeField ?? this.options.ownerField,
        );
      }
    }
  }

  private async checkAll(
    ctx: RequestContext,
    em: EntityManager,
    record: Partial<T>,
    lists: Record<string, string[]>,
    existing: T | null,
    violations: FieldViolation[],
    given: Record<string, unknown>,
  ): Promise<Partial<T>> {
    const all = [...violations];
    all.push(...(await this.checkReferences(ctx, em, record, lists, existing)));
    all.push(...(await this.checkUnique(ctx, em, record, existing)));
    let prepared: Partial<T> = {};
    if (all.length === 0 && this.options.prepare) {
      prepared = await this.options.prepare(record as T, { em, ctx, existing, lists, given });
      Object.assign(record, prepared);
    }
    if (all.length === 0 && this.options.rules) {
      all.push(...(await this.options.rules(record as T, { em, ctx, existing, lists, given })));
    }
    if (all.length > 0) throw new BadInputError(all);
    return prepared;
  }

  /**
   * A record may only point at records its writer may read: another agency's household, staff
   * member or group does not exist as far as an officer is concerned. Checked here, by the target's
   * own scope, so it holds without row-level security too.
   */
  private async checkReferences(
    ctx: RequestContext,
    em: EntityManager,
    record: Partial<T>,
    lists: Record<string, string[]>,
    existing: T | null,
  ): Promise<FieldViolation[]> {
    const violations: FieldViolation[] = [];
    for (const [field, spec] of Object.entries(this.options.fields)) {
      if (spec.kind !== 'ref' && spec.kind !== 'refs') continue;
      const ids = spec.kind === 'ref' ? [record[field] as string | null] : lists[field];
      const wanted = (ids ?? []).filter((id): id is string => isUuid(id));
      if (spec.kind === 'ref' && existing && existing[field] === record[field]) continue;
      if (wanted.length === 0) continue;
      const query = em
        .getRepository(spec.target() as unknown as new () => ObjectLiteral)
        .createQueryBuilder('t')
        .select('t.id', 'id')
        .where('t.id IN (:...ids)', { ids: wanted });
      const target = serviceFor(spec.targetName);
      const found = target
        ? await target.readableOnly(query, ctx).getRawMany<{ id: string }>()
        : await query.getRawMany<{ id: string }>();
      const missing = wanted.filter((id) => !found.some((row) => row.id === id));
      if (missing.length > 0) {
        violations.push({
          field,
          rule: 'exists',
          message: `${spec.targetName} ${missing.join(', ')} does not exist`,
          params: { target: spec.targetName, ids: missing },
        });
      }
    }
    return violations;
  }

  /**
   * Unique among the records the writer may read: whether a value is used beyond them is not the
   * writer's to learn (an answer would tell, say, that a citizen ID is registered with another
   * agency). Writers of one value wait for each other here, so neither slips past the check.
   */
  private async checkUnique(
    ctx: RequestContext,
    em: EntityManager,
    record: Partial<T>,
    existing: T | null,
  ): Promise<FieldViolation[]> {
    const violations: FieldViolation[] = [];
    for (const [field, spec] of Object.entries(this.options.fields)) {
      if (spec.kind !== 'text' || !spec.unique || record[field] == null) continue;
      // A value kept as it was is not checked again: an edit elsewhere in the record goes through.
      if (existing && existing[field] === record[field]) continue;
      const value = String(record[field]);
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `${this.options.name}.${field}:${value.toLowerCase()}`,
      ]);
      const qb = this.repo(em)
        .createQueryBuilder('r')
        .where(`lower(r.${field}) = lower(:value)`, { value });
      if (existing) qb.andWhere('r.id <> :id', { id: existing.id });
      if ((await this.scoped(qb, ctx, 'read').getCount()) > 0) {
        violations.push({ field, rule: 'unique', message: 'is already used by another record' });
      }
    }
    return violations;
  }

  private async replaceLists(em: EntityManager, ownerId: string, lists: Record<string, string[]>) {
    for (const [field, ids] of Object.entries(lists)) {
      const spec = this.options.fields[field];
      if (spec?.kind !== 'refs') continue;
      await em.query(`DELETE FROM "${spec.joinTable}" WHERE "${spec.ownerColumn}" = $1`, [ownerId]);
      if (ids.length > 0) {
        await em.query(
          `INSERT INTO "${spec.joinTable}" ("${spec.ownerColumn}", "${spec.targetColumn}")
           SELECT $1, unnest($2::uuid[])`,
          [ownerId, ids],
        );
      }
    }
  }

  protected async reload(ctx: RequestContext, id: string): Promise<T> {
    const row = await this.repo(ctx).findOneBy({ id } as never);
    if (!row) throw notFound(this.options.name, id);
    return row;
  }

  /** The filter grammar of ra-data-graphql-simple: q, ids, foreign keys, enums, and _gte/_lte ranges. */
  protected filtered(ctx: RequestContext, filter: Filter): SelectQueryBuilder<T> {
    const qb = this.repo(ctx).createQueryBuilder('r');
    let n = 0;
    const param = () => `p${n++}`;
    const unitMode = unitModeOf(filter?.unitMode);
    for (const [key, value] of Object.entries(filter ?? {})) {
      if (value === undefined || value === null) continue;
      if (key === 'unitMode') continue;
      if (key === 'unitId' && (this.options.unitColumn || this.options.unitOf)) {
        const p = param();
        const area: UnitArea = (column) => unitAreaSql(column, `:${p}`, unitMode);
        const { unitColumn, unitOf } = this.options;
        if (!isUuid(value)) qb.andWhere('false');
        else qb.andWhere(unitColumn ? area(`r.${unitColumn}`) : unitOf!('r', area), { [p]: value });
        continue;
      }
      if (key === 'q') {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text === '' || this.options.searchColumns.length === 0) continue;
        // A de-identified role searches only what it may read: a match on a masked column would
        // confirm what the mask hides.
        const masked = deidentified(ctx) ? maskedColumnsOf(this.options.name) : [];
        const columns = this.options.searchColumns.filter((c) => !masked.includes(c));
        if (columns.length === 0) {
          throw forbidden('Searching personal data is not open to your role', {
            field: 'filter.q',
            rule: 'maskedSearch',
          });
        }
        const p = param();
        const table = this.repo(ctx).metadata;
        const behindWall = SEARCHED_BEHIND_ROW_SECURITY[table.tableName];
        const databaseColumns = columns.map(
          (c) => table.findColumnWithPropertyName(c)?.databaseName ?? c,
        );
        const byIndexAsOwner =
          readsEveryRow(ctx.user?.role) &&
          behindWall !== undefined &&
          databaseColumns.every((c) => behindWall.includes(c));
        qb.andWhere(
          new Brackets((or) => {
            if (byIndexAsOwner) {
              // PERF: row-level security keeps LIKE off the trigram indexes; for a caller who
              // reads every row the ids are found by index (migration 1796008000000).
              or.orWhere(
                `r.id = ANY ((SELECT plan68_search_ids('${table.tableName}', ` +
                  `'{${databaseColumns.join(',')}}', :${p}))::uuid[])`,
              );
            } else
              for (const column of columns) {
                or.orWhere(
                  // The expression of the trigram indexes (migration 1795982000000).
                  `plan68_search_text(r.${column}) LIKE plan68_search_text(:${p}) ESCAPE '\\'`,
                );
              }
            if (this.options.searchAlso) or.orWhere(this.options.searchAlso(p));
          }),
          { [p]: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
        );
        continue;
      }
      if (key === 'ids') {
        const ids = (value as unknown[]).filter(isUuid);
        if (ids.length === 0) qb.andWhere('false');
        else qb.andWhere(`r.id IN (:...${param()})`, { [`p${n - 1}`]: ids });
        continue;
      }
      const range = /^(.+)_(gte|lte)$/.exec(key);
      if (range) {
        const p = param();
        qb.andWhere(`r.${range[1]} ${range[2] === 'gte' ? '>=' : '<='} :${p}`, { [p]: value });
        continue;
      }
      const listSpec = Object.values(this.options.fields).find(
        (s) => s.kind === 'refs' && s.filterName === key,
      );
      if (listSpec?.kind === 'refs') {
        const p = param();
        if (!isUuid(value)) qb.andWhere('false');
        else
          qb.andWhere(
            `EXISTS (SELECT 1 FROM "${listSpec.joinTable}" j WHERE j."${listSpec.ownerColumn}" = r.id AND j."${listSpec.targetColumn}" = :${p})`,
            { [p]: value },
          );
        continue;
      }
      const spec = this.options.fields[key];
      if (spec?.kind === 'enums') {
        const p = param();
        qb.andWhere(`:${p} = ANY(r.${key})`, { [p]: value });
        continue;
      }
      if (spec?.kind === 'ref' && !isUuid(value)) {
        qb.andWhere('false');
        continue;
      }
      if (
        spec?.kind === 'ref' &&
        spec.targetName === 'AdministrativeUnit' &&
        unitMode === UnitMode.TODAY
      ) {
        const p = param();
        const column = this.repo(ctx).metadata.findColumnWithPropertyName(key)!.databaseName;
        qb.andWhere(unitSameSql(`r.${column}`, `:${p}`, unitMode), { [p]: value });
        continue;
      }
      if (spec) {
        const p = param();
        qb.andWhere(`r.${key} = :${p}`, { [p]: value });
        continue;
      }
      this.customFilter(qb, key, value, param(), unitMode);
    }
    return qb;
  }

  /** Filters a resource adds beyond the generic grammar; the base refuses them. */
  protected customFilter(
    _qb: SelectQueryBuilder<T>,
    key: string,
    _value: unknown,
    _param: string,
    _unitMode: UnitMode = UnitMode.AS_THEN,
  ): void {
    throw BadInputError.of(`filter.${key}`, 'unknownFilter', 'is not a filter of this list');
  }

  private sort(ctx: RequestContext, params: ListParams) {
    const fallback = this.options.defaultSort ?? { field: 'createdAt', order: 'DESC' as const };
    const order = (params.sortOrder ?? fallback.order).toUpperCase();
    if (order !== 'ASC' && order !== 'DESC')
      throw BadInputError.of('sortOrder', 'oneOf', 'must be ASC or DESC');
    const masked = (name: string) =>
      deidentified(ctx) && maskedColumnsOf(this.options.name).includes(name);
    // A de-identified role's default order must not follow a masked column (it would leak it).
    const field = params.sortField ?? (masked(fallback.field) ? 'createdAt' : fallback.field);
    // Only what this caller may sort by, and only that is named when the field is refused.
    const sortable = this.repo(ctx).metadata.columns.filter(
      (c) => !this.options.hiddenColumns?.includes(c.propertyName) && !masked(c.propertyName),
    );
    const column = sortable.find((c) => c.propertyName === field);
    if (!column) {
      throw BadInputError.of('sortField', 'oneOf', `cannot sort by ${field}`, {
        allowed: sortable.map((c) => c.propertyName),
      });
    }
    return {
      field,
      order: order as 'ASC' | 'DESC',
      nullable: column.isNullable,
      text: column.type === 'text',
    };
  }
}

/** The page asked for, checked: 0-based page, 1–MAX_PAGE_SIZE rows. */
export function checkPage(params: ListParams) {
  const page = params.page ?? 0;
  const perPage = params.perPage ?? 25;
  if (!Number.isInteger(page) || page < 0)
    throw BadInputError.of('page', 'min', 'must be 0 or more', { min: 0 });
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE_SIZE) {
    throw BadInputError.of('perPage', 'range', `must be between 1 and ${MAX_PAGE_SIZE}`, {
      min: 1,
      max: MAX_PAGE_SIZE,
    });
  }
  return { page, perPage };
}

function stale(name: string, currentVersion: number) {
  return conflict(`${name} was changed by someone else meanwhile; reload it and try again`, {
    rule: 'staleVersion',
    currentVersion,
  });
}

/** How many times a write that lost a deadlock runs before the caller hears "try again". */
const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '40P01'
  );
}

/** PostgreSQL error codes that mean the caller's data, not a bug. */
export function translateDbError(error: unknown, name: string, field?: string): unknown {
  if (error instanceof AppError || !(error instanceof QueryFailedError)) return error;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  switch (code) {
    case '23505':
      return conflict(`A ${name} with the same values already exists`, { rule: 'unique' });
    case '23P01':
      // An exclusion constraint (overlapping periods) caught a concurrent write the rules could not see.
      return conflict(`This ${name} overlaps another one saved meanwhile`, { rule: 'noOverlap' });
    case '23001':
    case '23503':
      return conflict(`This ${name} is still referred to by other records; remove those first`, {
        rule: 'inUse',
      });
    case '23502':
    case '23514':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return new AppError('BAD_USER_INPUT', `A value does not fit the ${name} record`, {
        rule: 'invalid',
      });
    case '40P01':
    case '40001':
      // Two writes at the same moment waited on each other: one of them is undone, not lost.
      return conflict(`This ${name} was changed at the same moment by someone else; try again`, {
        rule: 'concurrentChange',
      });
    case '42501':
      // Row-level security refused the new row: the write would leave the caller's scope. The
      // service's own check usually answers first; this is the database's second wall speaking.
      return forbidden(`This ${name} would be outside the records you may change`, {
        rule: 'scope',
        ...(field ? { field } : {}),
      });
    case 'P0001': {
      // Raised by our own triggers (append-only ledger, reversal rules); the hint names the rule.
      const driver = error.driverError as { message?: string; hint?: string };
      return conflict(driver.message ?? 'Refused by a database rule', {
        rule: driver.hint ?? 'databaseRule',
      });
    }
    default:
      return error;
  }
}
