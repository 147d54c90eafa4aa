import {
  getNamedType,
  GraphQLObjectType,
  Kind,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { preparedShape } from '../../db/prepared';
import { reachOf } from '../access-matrix';
import type { RequestContext } from '../context';
import { isPlainField } from '../direct-resolvers';
import { loggedFromIdAlone } from '../personal-data';
import { readsEveryRow } from '../roles';
import { serviceFor } from './crud.service';
import type { EntityClass } from './field-spec';

/*
 * PERF: a page's references read with the page, in one statement. The household page asked five
 * more statements for its references (villages, their communes, agencies, groups and their
 * agencies), each hydrated whole by TypeORM and resolved through DataLoader promises: about 5 of
 * its 7 ms of server CPU, where the same page without references took 2 ms. Here PostgreSQL builds
 * each row's referenced records as JSON, with exactly the fields the query asks for. A first page,
 * which CrudService.list reads in one prepared statement, reads them in that statement (one round
 * trip fewer: the administrator's household page took 4.6 → 4.2 ms of server CPU and 2.8 → 2.5 ms of
 * PostgreSQL CPU per answer, interleaved 10 s rounds at 16 connections).
 *
 * Nothing a caller sees changes: a reference is read under the same two walls as when it is loaded
 * on its own (row-level security, since the statement runs on the request's connection, and the
 * target service's read scope in the same statement), so what the caller may not read comes as
 * null or is left out of a list, as the nested-read guard would leave it. The fields still resolve
 * through the schema's resolvers (access log, masks, the guard itself); only the record they read
 * comes from here. Anything this cannot answer exactly (a computed field, a fragment, a type it
 * does not convert) is left to the resolvers as before.
 */

/** A reference a record's field resolves, declared where the field is. */
export type Relation =
  | {
      kind: 'one';
      /** The owner's property holding the target's id. */
      foreignKey: string;
      target: () => EntityClass;
    }
  | {
      kind: 'many';
      /** Join table holding (ownerColumn, targetColumn) pairs; targets in id order. */
      table: string;
      ownerColumn: string;
      targetColumn: string;
      target: () => EntityClass;
    };

const relations = new Map<string, Map<string, Relation>>();

/** Declares that `owner.field` resolves `relation`, so a list can read it with its rows. */
export function declareRelation(owner: string, field: string, relation: Relation): void {
  let fields = relations.get(owner);
  if (!fields) relations.set(owner, (fields = new Map()));
  fields.set(field, relation);
}

const PREFETCHED = Symbol('references read with the record');

interface Carrier {
  [PREFETCHED]?: Record<string, unknown>;
}

/**
 * The value read for `field` with the record (a record, null, or a list), or undefined when it
 * was not: the field's resolver then reads it itself.
 */
export function prefetchedOf(record: object, field: string): unknown {
  return (record as Carrier)[PREFETCHED]?.[field];
}

/** Column types whose JSON value is the value TypeORM hydrates (no dates, no bigint money). */
const SAME_IN_JSON = new Set([
  'uuid',
  'character varying',
  'varchar',
  'text',
  'integer',
  'int',
  'int4',
  'smallint',
  'int2',
  'boolean',
  'bool',
  'enum',
]);

interface Node {
  field: string;
  relation: Relation;
  /** For a single reference: the owner's column holding the target's id. */
  foreignKeyColumn: string | null;
  metadata: EntityMetadata;
  prototype: object;
  /** Entity property and column of every field read. */
  columns: { property: string; column: string }[];
  children: Node[];
  /** Set for a target the caller reads by scope: the ids found are then known to be visible. */
  scoped: boolean;
  targetName: string;
}

/**
 * What a list statement reads for its page (CrudService.list): only the rows' properties the
 * page's fields read, and select expressions beside them, with what to do with their values once
 * the rows are hydrated.
 */
export interface ColumnsReadWithRows {
  /**
   * The entity properties the page's fields read from its records, or null when a field may read
   * any. PERF: the household page's 25 rows were read whole (17 columns: dates TypeORM parses, and
   * the address, circumstances and needs nobody on the page is shown).
   */
  properties: readonly string[] | null;
  /** Select expressions on `alias`, their values appended to `params` as positional parameters. */
  sql(alias: string, params: unknown[]): string[];
  /** The rows as hydrated, each beside the raw row that holds the expressions' values. */
  keep(rows: readonly ObjectLiteral[], raw: readonly Record<string, unknown>[]): void;
}

/** Where the expressions' values come in a raw row. */
const columnName = (index: number) => `plan68_ref_${index}`;

/** Properties of its record a field resolved by code reads (beyond the id, always read). */
const fieldNeeds = new Map<string, Map<string, readonly string[]>>();

/** Declares that `owner.field`, resolved by code, reads only `properties` of its record. */
export function declareFieldNeeds(owner: string, field: string, properties: readonly string[]) {
  let fields = fieldNeeds.get(owner);
  if (!fields) fieldNeeds.set(owner, (fields = new Map()));
  fields.set(field, properties);
}

/**
 * What the list field of `info` reads of records of type `owner`: their properties its fields
 * read, and the references it asks for, read by the list's own statement (`withRows`, PERF: one
 * round trip and one statement fewer per page), or, when the list could not read them, by `fetch`
 * in one statement of their own. Null when the list reads its rows whole and nothing beside them.
 */
export function planPage(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  owner: { name: string; entity: EntityClass },
): PagePlan | null {
  const ownerType = info.schema.getType(owner.name);
  if (info.fieldNodes.length !== 1) return null;
  if (!(ownerType instanceof GraphQLObjectType)) return null;
  const selection = info.fieldNodes[0]!.selectionSet;
  if (!selection || !simpleSelection(selection)) return null;
  const ownerMetadata = ctx.db.connection.getMetadata(owner.entity);
  const nodes = new Planner(ctx).children(ownerType, ownerMetadata, selection);
  const properties = propertiesRead(ownerType, ownerMetadata, selection);
  if (nodes.length === 0 && !properties) return null;
  return new PagePlan(ctx, ownerMetadata.tableName, nodes, properties);
}

/**
 * The properties of its records a selection reads (plain fields, the ids references follow, what
 * code-resolved fields declare), or null when one of its fields may read any.
 */
function propertiesRead(
  type: GraphQLObjectType,
  metadata: EntityMetadata,
  selection: SelectionSetNode,
): string[] | null {
  const declared = relations.get(type.name);
  const needs = fieldNeeds.get(type.name);
  const properties = new Set(['id']);
  for (const node of selection.selections) {
    if (node.kind !== Kind.FIELD) return null;
    const name = node.name.value;
    if (name === '__typename') continue;
    const field = type.getFields()[name];
    const relation = declared?.get(name);
    const needed = needs?.get(name);
    if (relation) {
      if (relation.kind === 'one') properties.add(relation.foreignKey);
    } else if (needed) {
      for (const property of needed) properties.add(property);
    } else if (isPlainField(field)) {
      properties.add(name);
    } else return null;
  }
  // The access log names the household a personal record is about by its own householdId.
  if (metadata.findColumnWithPropertyName('householdId')) properties.add('householdId');
  for (const property of properties) {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column || !column.isSelect) return null;
  }
  return [...properties];
}

export class PagePlan {
  /** Whether the rows' references were read with them. */
  private kept = false;

  constructor(
    private readonly ctx: RequestContext,
    private readonly ownerTable: string,
    private readonly nodes: Node[],
    properties: string[] | null,
  ) {
    this.withRows = {
      properties,
      sql: (alias, params) => {
        const aliases = { next: 0 };
        return this.nodes.map(
          (node, i) => `${nodeSql(node, alias, params, this.ctx, aliases)} AS "${columnName(i)}"`,
        );
      },
      keep: (rows, raw) => {
        const visible = new Map<string, string[]>();
        rows.forEach((row, r) =>
          keep(row, this.nodes, (_node, i) => raw[r]![columnName(i)], visible),
        );
        this.markVisible(visible);
        this.kept = true;
      },
    };
  }

  /** For the list's statement to read with its rows. */
  readonly withRows: ColumnsReadWithRows;

  /** Reads them for `rows` in a statement of their own, unless the list read them already. */
  async fetch(rows: ObjectLiteral[]): Promise<void> {
    if (this.kept || rows.length === 0 || this.nodes.length === 0) return;
    const params: unknown[] = [rows.map((row) => row.id)];
    const columns = this.withRows.sql('r', params);
    const sql = `SELECT r.id AS id, ${columns.join(', ')} FROM "${this.ownerTable}" r WHERE r.id = ANY($1::uuid[])`;
    const found: Record<string, unknown>[] = await this.ctx.db.query(
      preparedShape('plan68_prefetch', sql),
      params,
    );
    const byId = new Map(found.map((row) => [String(row.id), row]));
    const visible = new Map<string, string[]>();
    for (const row of rows) {
      const read = byId.get(String(row.id));
      // A row gone since the page was read keeps its resolvers, which find what is there now.
      if (read) keep(row, this.nodes, (_node, i) => read[columnName(i)], visible);
    }
    this.markVisible(visible);
  }

  private markVisible(visible: Map<string, string[]>): void {
    for (const [target, ids] of visible) serviceFor(target)?.markVisible(this.ctx, ids);
  }
}

/** No fragments and no directives: each field's selection is exactly what it says. */
function simpleSelection(selection: SelectionSetNode): boolean {
  return selection.selections.every((node) => node.kind === Kind.FIELD && !node.directives?.length);
}

class Planner {
  constructor(private readonly ctx: RequestContext) {}

  /** The references of `type` the selection asks for that can be read here. */
  children(type: GraphQLObjectType, metadata: EntityMetadata, selection: SelectionSetNode): Node[] {
    const declared = relations.get(type.name);
    if (!declared) return [];
    const nodes: Node[] = [];
    const names = selection.selections.map((node) =>
      node.kind === Kind.FIELD ? node.name.value : '',
    );
    for (const node of selection.selections) {
      if (node.kind !== Kind.FIELD) continue;
      const field = node.name.value;
      const relation = declared.get(field);
      // Asked twice (under two aliases), a field may ask two different selections of its records.
      if (!relation || !node.selectionSet || names.indexOf(field) !== names.lastIndexOf(field))
        continue;
      const planned = this.node(type, metadata, field, relation, node.selectionSet);
      if (planned) nodes.push(planned);
    }
    return nodes;
  }

  private node(
    owner: GraphQLObjectType,
    ownerMetadata: EntityMetadata,
    field: string,
    relation: Relation,
    selection: SelectionSetNode,
  ): Node | null {
    const targetType = getNamedType(owner.getFields()[field]?.type);
    const role = this.ctx.user?.role;
    if (!(targetType instanceof GraphQLObjectType) || !role) return null;
    const targetName = targetType.name;
    const reach = reachOf(targetName, role, 'read');
    // No grant: the nested-read guard answers without reading anything. A personal record whose
    // household the access log takes from the record itself is loaded whole.
    if (!reach || !loggedFromIdAlone(targetName)) return null;
    if (reach === 'scoped' && !serviceFor(targetName)) return null;
    if (!simpleSelection(selection)) return null;
    const asked = selection.selections.map((node) =>
      node.kind === Kind.FIELD ? node.name.value : '',
    );
    // `{ id }` of records the caller reads whole is answered without them: a reference from the id
    // it holds, a join from the ids the request's id lists read together (Loaders.idList).
    const idOnly = asked.every((name) => name === 'id' || name === '__typename');
    if (idOnly && reach === 'all' && readsEveryRow(role)) return null;

    let foreignKeyColumn: string | null = null;
    if (relation.kind === 'one') {
      foreignKeyColumn =
        ownerMetadata.findColumnWithPropertyName(relation.foreignKey)?.databaseName ?? null;
      if (!foreignKeyColumn) return null;
    }
    const target = relation.target();
    const metadata = this.ctx.db.connection.getMetadata(target);
    const properties = new Set(['id']);
    const children = this.children(targetType, metadata, selection);
    const childFields = new Set(children.map((child) => child.field));
    const targetRelations = relations.get(targetName);
    for (const name of asked) {
      if (name === '__typename' || childFields.has(name)) continue;
      const nested = targetRelations?.get(name);
      if (nested) {
        // Resolved by its own resolver from the record: it needs the id it follows.
        if (nested.kind === 'one') properties.add(nested.foreignKey);
        continue;
      }
      if (!isPlainField(targetType.getFields()[name])) return null;
      properties.add(name);
    }
    for (const child of children)
      if (child.relation.kind === 'one') properties.add(child.relation.foreignKey);
    const columns: Node['columns'] = [];
    for (const property of properties) {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || column.transformer || column.isArray || !column.isSelect) return null;
      const type = this.ctx.db.connection.driver.normalizeType(column);
      if (!SAME_IN_JSON.has(type)) return null;
      columns.push({ property, column: column.databaseName });
    }
    // json_build_object takes at most 100 arguments.
    if (columns.length + children.length > 50) return null;
    return {
      field,
      relation,
      foreignKeyColumn,
      metadata,
      prototype: (target as unknown as { prototype: object }).prototype,
      columns,
      children,
      scoped: reach === 'scoped',
      targetName,
    };
  }
}

/** The JSON of one reference of the record `owner` (an alias), as a scalar subquery. */
function nodeSql(
  node: Node,
  owner: string,
  params: unknown[],
  ctx: RequestContext,
  aliases: { next: number },
): string {
  const t = `p${aliases.next++}`;
  const pairs = [
    ...node.columns.map(({ property, column }) => `'${property}', ${t}."${column}"`),
    ...node.children.map(
      (child) => `'@${child.field}', ${nodeSql(child, t, params, ctx, aliases)}`,
    ),
  ];
  const object = `json_build_object(${pairs.join(', ')})`;
  // The caller's read scope of the target, as its list would apply it (true for whole reads).
  const scope = serviceFor(node.targetName)?.readScopeSql(ctx, t, params) ?? 'true';
  const table = `"${node.metadata.tableName}" ${t}`;
  const { relation } = node;
  if (relation.kind === 'one')
    return `(SELECT ${object} FROM ${table} WHERE ${t}.id = ${owner}."${node.foreignKeyColumn}" AND (${scope}))`;
  const j = `${t}j`;
  return `(SELECT coalesce(json_agg(${object} ORDER BY ${t}.id), '[]'::json)
            FROM "${relation.table}" ${j} JOIN ${table} ON ${t}.id = ${j}."${relation.targetColumn}"
           WHERE ${j}."${relation.ownerColumn}" = ${owner}.id AND (${scope}))`;
}

/** Keeps on `record` the references read for it, as records of their entity's class. */
function keep(
  record: object,
  nodes: Node[],
  valueOf: (node: Node, index: number) => unknown,
  visible: Map<string, string[]>,
): void {
  const kept: Record<string, unknown> = {};
  nodes.forEach((node, i) => {
    const value = valueOf(node, i);
    kept[node.field] = Array.isArray(value)
      ? value.map((item) => recordOf(node, item as Record<string, unknown>, visible))
      : value == null
        ? null
        : recordOf(node, value as Record<string, unknown>, visible);
  });
  (record as Carrier)[PREFETCHED] = kept;
}

function recordOf(
  node: Node,
  json: Record<string, unknown>,
  visible: Map<string, string[]>,
): object {
  const record = Object.create(node.prototype) as Record<string, unknown>;
  for (const { property } of node.columns) record[property] = json[property];
  if (node.scoped) {
    const ids = visible.get(node.targetName);
    if (ids) ids.push(String(json.id));
    else visible.set(node.targetName, [String(json.id)]);
  }
  if (node.children.length > 0)
    keep(record, node.children, (child) => json[`@${child.field}`], visible);
  return record;
}
