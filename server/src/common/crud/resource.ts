import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { getNamedType, Kind, type GraphQLResolveInfo } from 'graphql';
import { getMetadataArgsStorage, type ObjectLiteral } from 'typeorm';
import { ACCESS, reachOf } from '../access-matrix';
import type { RequestContext } from '../context';
import { loggedFromIdAlone } from '../personal-data';
import { readsEveryRow, WRITERS } from '../roles';
import { LocalDateScalar, MoneyScalar } from '../scalars';
import { serviceFor, type CrudService } from './crud.service';
import type { EntityClass, FieldSpec } from './field-spec';
import { declareFieldNeeds, declareRelation, planPage, prefetchedOf } from './reference-prefetch';

@ObjectType({ description: 'How many records a filtered list holds (react-admin pagination).' })
export class ListMetadata {
  @Field(() => Int)
  count: number;
}

@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: 'Zero-based page number.' })
  page?: number;

  @Field(() => Int, { nullable: true, description: 'Rows per page, 1–1000 (default 25).' })
  perPage?: number;

  @Field(() => String, { nullable: true, description: 'A field of the record to sort by.' })
  sortField?: string;

  @Field(() => String, { nullable: true, description: 'ASC or DESC.' })
  sortOrder?: string;
}

function scalarOf(spec: FieldSpec): () => unknown {
  switch (spec.kind) {
    case 'text':
      return () => String;
    case 'int':
      return () => Int;
    case 'money':
      return () => MoneyScalar;
    case 'date':
      return () => LocalDateScalar;
    case 'bool':
      return () => Boolean;
    case 'enum':
      return () => spec.enumObject;
    case 'enums':
      return () => [spec.enumObject];
    case 'ref':
      return () => ID;
    case 'refs':
      return () => [ID];
  }
}

function addField(
  target: ClassType,
  name: string,
  type: () => unknown,
  nullable: boolean,
  description?: string,
) {
  Field(type as () => StringConstructor, { nullable, description })(target.prototype, name);
}

export interface ResourceDefinition<T extends ObjectLiteral & { id: string; version: number }> {
  entity: ClassType<T> & EntityClass;
  /** GraphQL type name, e.g. `Commitment`. */
  name: string;
  /** As react-admin's pluralize spells it, e.g. `Memorandums`. */
  plural: string;
  service: CrudService<T>;
  /** Extra list filters beyond the generic grammar, handled by the service's customFilter. */
  extraFilters?: Record<string, { type: () => unknown; description: string }>;
  /** Ledger records are append-only: no updateX / deleteX at all (corrections are reversals). */
  appendOnly?: boolean;
}

/**
 * Builds the ra-data-graphql-simple grammar for one resource: `allXs`, `_allXsMeta`, `X`, `createX`,
 * `updateX`, `deleteX`, the `XFilter` input, and for every reference field `xId` an object field `x`
 * resolved through the request's DataLoader.
 */
export function buildCrudResolvers<T extends ObjectLiteral & { id: string; version: number }>(
  def: ResourceDefinition<T>,
): ClassType[] {
  const { fields } = def.service.options;

  @ArgsType()
  class CreateArgs {}
  @ArgsType()
  class UpdateArgs {}
  @InputType(`${def.name}Filter`, { description: `Filters of the ${def.name} list.` })
  class FilterInput {}

  addField(UpdateArgs, 'id', () => ID, false);
  addField(
    UpdateArgs,
    'version',
    () => Int,
    true,
    'The version edited; a different current version is a CONFLICT.',
  );
  addField(FilterInput, 'q', () => String, true, 'Search text; accents and case are ignored.');
  addField(FilterInput, 'ids', () => [ID], true);
  for (const [name, spec] of Object.entries(fields)) {
    addField(CreateArgs, name, scalarOf(spec), !spec.required, spec.description);
    addField(UpdateArgs, name, scalarOf(spec), true, spec.description);
    if (spec.kind === 'ref' || spec.kind === 'enum' || spec.kind === 'bool') {
      addField(FilterInput, name, scalarOf(spec), true);
    } else if (spec.kind === 'enums') {
      addField(
        FilterInput,
        name,
        () => spec.enumObject,
        true,
        `Records whose ${name} include this value.`,
      );
    } else if (spec.kind === 'refs') {
      addField(
        FilterInput,
        spec.filterName,
        () => ID,
        true,
        `Records whose ${name} include this id.`,
      );
    } else if (spec.kind === 'date' || spec.kind === 'int' || spec.kind === 'money') {
      addField(FilterInput, `${name}_gte`, scalarOf(spec), true);
      addField(FilterInput, `${name}_lte`, scalarOf(spec), true);
    }
  }
  for (const [name, extra] of Object.entries(def.extraFilters ?? {})) {
    addField(FilterInput, name, extra.type, true, extra.description);
  }
  Object.defineProperty(CreateArgs, 'name', { value: `Create${def.name}Args` });
  Object.defineProperty(UpdateArgs, 'name', { value: `Update${def.name}Args` });

  const service = def.service;

  @Resolver(() => def.entity)
  class CrudResolver {
    @Authorized()
    @Query(() => [def.entity], {
      name: `all${def.plural}`,
      description: `A page of ${def.name} records.`,
    })
    async list(
      @Args(() => ListArgs) list: ListArgs,
      @Arg('filter', () => FilterInput, { nullable: true }) filter: Record<string, unknown> | null,
      @Ctx() ctx: RequestContext,
      @Info() info: GraphQLResolveInfo,
    ) {
      const page = planPage(ctx, info, def);
      const rows = await service.list(ctx, list, filter, page?.withRows);
      await page?.fetch(rows);
      return rows;
    }

    @Authorized()
    @Query(() => ListMetadata, { name: `_all${def.plural}Meta` })
    async meta(
      @Args(() => ListArgs) _list: ListArgs,
      @Arg('filter', () => FilterInput, { nullable: true }) filter: Record<string, unknown> | null,
      @Ctx() ctx: RequestContext,
    ): Promise<ListMetadata> {
      return { count: await service.count(ctx, filter) };
    }

    @Authorized()
    @Query(() => def.entity, {
      name: def.name,
      description: `One ${def.name}; NOT_FOUND if the id does not exist.`,
    })
    one(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
      return service.get(ctx, id);
    }

    @Authorized(WRITERS)
    @Mutation(() => def.entity, { name: `create${def.name}` })
    create(@Args(() => CreateArgs) args: Record<string, unknown>, @Ctx() ctx: RequestContext) {
      return service.create(ctx, args);
    }
  }

  @Resolver(() => def.entity)
  class CrudChangeResolver {
    @Authorized(WRITERS)
    @Mutation(() => def.entity, { name: `update${def.name}` })
    update(@Args(() => UpdateArgs) args: Record<string, unknown>, @Ctx() ctx: RequestContext) {
      return service.update(ctx, args);
    }

    @Authorized(WRITERS)
    @Mutation(() => def.entity, { name: `delete${def.name}` })
    remove(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int, {
        nullable: true,
        description: 'The version you saw: refused with CONFLICT staleVersion if it changed since.',
      })
      version: number | null,
      @Ctx() ctx: RequestContext,
    ) {
      return service.remove(ctx, id, version);
    }
  }

  return [
    CrudResolver,
    ...(def.appendOnly ? [] : [CrudChangeResolver]),
    referenceResolvers(def.entity, def.name, fields),
  ];
}

type FieldHandler = (
  root: Record<string, unknown>,
  ctx: RequestContext,
  info: GraphQLResolveInfo,
) => unknown;

/**
 * PERF: whether a reference can be answered from the id the record already holds. The admin's
 * lists ask every reference as `{ id }` only (a fund list: 100 organizations and 100 plans loaded
 * and hydrated for their ids). Two cases:
 * - the roles row-level security lets read every row, where the matrix lets them read every
 *   record of the target;
 * - a scoped role, where the target's service decides: the nested-read guard (nested-access.ts)
 *   then asks the database which of the ids are in scope, on the request's connection, so under
 *   row-level security as well. Loading the records first only asked the row-level half of the
 *   same question (an officer's visit page: three statements more).
 * For anyone else whether the target may be seen is answered by loading it. Never for a record the
 * access log needs whole to name its household (personal-data.ts).
 */
function answeredByIdAlone(info: GraphQLResolveInfo, ctx: RequestContext): boolean {
  const role = ctx.user?.role;
  if (!role) return false;
  const target = getNamedType(info.returnType).name;
  if (!loggedFromIdAlone(target) || !(info.parentType.name in ACCESS)) return false;
  const reach = reachOf(target, role, 'read');
  const readsAll = reach === 'all' && readsEveryRow(role);
  const guarded = reach === 'scoped' && serviceFor(target) !== undefined;
  return (readsAll || guarded) && selectsIdOnly(info);
}

/** Whether a field asks for nothing of its records but `id` (and `__typename`). */
export function selectsIdOnly(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every(
    (node) =>
      node.selectionSet?.selections.every(
        (selection) =>
          selection.kind === Kind.FIELD &&
          !selection.directives?.length &&
          (selection.name.value === 'id' || selection.name.value === '__typename'),
      ) ?? false,
  );
}

/**
 * The child records of `owner` for a field resolver (`childrenOf`), or only what identifies them
 * when the field asks for nothing else (`childIdsOf`). Either way read on the request's connection
 * under row-level security, so the same records.
 */
export function childRecords<T extends ObjectLiteral>(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  child: { entity: EntityClass; foreignKey: string; orderBy: Record<string, 'ASC' | 'DESC'> },
  owner: string,
): Promise<T[]> {
  const { entity, foreignKey, orderBy } = child;
  return selectsIdOnly(info)
    ? (ctx.loaders.childIdsOf(entity, foreignKey, orderBy).load(owner) as Promise<never>)
    : ctx.loaders.childrenOf<T>(entity, foreignKey, orderBy).load(owner);
}

/** Records joined to their owner through a join table, as joinedRecords reads them. */
export interface Join {
  table: string;
  ownerColumn: string;
  targetColumn: string;
  target: () => EntityClass;
}

/** Declares that `owner.field` lists the records of `join`, so a list can read them with its rows. */
export function joinRelation(owner: string, field: string, join: Join): Join {
  declareRelation(owner, field, { kind: 'many', ...join });
  return join;
}

/**
 * The records joined to `owner` through a join table (joinRelation): as read with the owner's
 * page when they were, else only their ids when that is all that is asked and the caller may read
 * every one of them (answeredByIdAlone), else loaded whole.
 */
export async function joinedRecords<T extends ObjectLiteral>(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  join: Join,
  owner: { id: string },
): Promise<T[]> {
  const read = prefetchedOf(owner, info.fieldName);
  if (read !== undefined) return read as T[];
  const ids = await ctx.loaders
    .joinedIds(join.table, join.ownerColumn, join.targetColumn)
    .load(String(owner.id));
  if (answeredByIdAlone(info, ctx)) return ids.map((id) => ({ id }) as unknown as T);
  const targets = await ctx.loaders.byId<T>(join.target()).loadMany(ids);
  return targets.filter((t): t is T => t !== null && !(t instanceof Error));
}

/**
 * One resolver class per owner type holding a field resolver for every reference: `x` for `xId`
 * through the request's DataLoader, and `xs` plus `xIds` for join-table lists.
 * NOTE: type-graphql finds a field resolver's handler by method name within its owner type, so each
 * handler gets its own method name; decorators are applied by hand because the names are computed.
 */
function referenceResolvers(
  owner: ClassType,
  ownerName: string,
  fields: Record<string, FieldSpec>,
): ClassType {
  class ReferenceResolvers {}
  const add = (
    fieldName: string,
    type: () => unknown,
    nullable: boolean,
    handler: FieldHandler,
    description?: string,
  ) => {
    const method = `resolve_${fieldName}`;
    Object.defineProperty(ReferenceResolvers.prototype, method, {
      value: handler,
      writable: true,
      configurable: true,
    });
    const descriptor = Object.getOwnPropertyDescriptor(ReferenceResolvers.prototype, method)!;
    Root()(ReferenceResolvers.prototype, method, 0);
    Ctx()(ReferenceResolvers.prototype, method, 1);
    Info()(ReferenceResolvers.prototype, method, 2);
    Authorized()(ReferenceResolvers.prototype, method, descriptor);
    FieldResolver(type as () => StringConstructor, { name: fieldName, nullable, description })(
      ReferenceResolvers.prototype,
      method,
      descriptor,
    );
  };
  // The entity's own columns by name: a reference named like one (PovertyReview's `standard`, the
  // standard's name as recorded beside `standardId`) has no field of its own, the column answers it.
  const columns = new Set(
    getMetadataArgsStorage()
      .columns.filter((column) => column.target === owner)
      .map((column) => column.propertyName),
  );
  for (const [idField, spec] of Object.entries(fields)) {
    if (spec.kind === 'ref' && !columns.has(spec.relation)) {
      declareRelation(ownerName, spec.relation, {
        kind: 'one',
        foreignKey: idField,
        target: spec.target,
      });
      // Nullable even when the id is required: a record the caller may not read comes as null
      // (the guard in nested-access.ts), and one such reference must not fail a whole list.
      add(
        spec.relation,
        () => spec.target(),
        true,
        (root, ctx, info) => {
          const read = prefetchedOf(root, spec.relation);
          if (read !== undefined) return read;
          const id = root[idField] as string | null;
          if (!id) return null;
          return answeredByIdAlone(info, ctx) ? { id } : ctx.loaders.byId(spec.target()).load(id);
        },
        `The ${spec.targetName} of \`${idField}\`; null when you may not read it.`,
      );
    } else if (spec.kind === 'refs') {
      const join = joinRelation(ownerName, spec.relation, {
        table: spec.joinTable,
        ownerColumn: spec.ownerColumn,
        targetColumn: spec.targetColumn,
        target: () => spec.target(),
      });
      declareFieldNeeds(ownerName, idField, []);
      add(
        idField,
        () => [ID],
        false,
        (root, ctx) =>
          ctx.loaders
            .joinedIds(join.table, join.ownerColumn, join.targetColumn)
            .load(String(root.id)),
      );
      add(
        spec.relation,
        () => [spec.target()],
        false,
        (root, ctx, info) => joinedRecords(ctx, info, join, root as { id: string }),
      );
    }
  }
  Resolver(() => owner)(ReferenceResolvers);
  return ReferenceResolvers;
}
