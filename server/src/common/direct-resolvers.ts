import {
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { authChecker } from './auth';
import type { RequestContext } from './context';

/*
 * PERF: type-graphql wraps every field in a resolver of its own. For a plain property it builds an
 * object and reads the property; for a field resolver it runs, at every call, an async auth
 * middleware, a middleware dispatcher and a sort of the handler's parameters. The household page
 * resolves some 600 plain fields and 150 references (the admin's list body 7 child lists more per
 * household), so these wrappers were a measurable share of its CPU and garbage. After type-graphql
 * has built the schema, the two passes below take them out where doing so changes nothing a
 * caller can see. They read type-graphql's metadata, which its package does not export: a new
 * version that moves it fails the start (metadata()), and direct-resolvers.spec.ts compares
 * answers both ways.
 */

interface FieldMetadataView {
  name: string;
  schemaName: string;
  target: Function;
  roles?: unknown[];
  middlewares?: unknown[];
}

interface ParamView {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}

interface FieldResolverView {
  kind: 'internal' | 'external';
  target: new () => Record<string, unknown>;
  methodName: string;
  schemaName: string;
  getObjectType?: () => Function | undefined;
  roles?: string[];
  middlewares?: unknown[];
  params?: ParamView[];
}

interface MetadataStorageView {
  objectTypes: { name: string; target: Function; fields?: FieldMetadataView[] }[];
  fieldResolvers: FieldResolverView[];
}

/** What type-graphql's decorators declared (its getMetadataStorage reads the same global). */
function metadata(): MetadataStorageView {
  const storage = (globalThis as unknown as { TypeGraphQLMetadataStorage?: MetadataStorageView })
    .TypeGraphQLMetadataStorage;
  if (!storage?.objectTypes || !storage.fieldResolvers)
    throw new Error('type-graphql metadata is not where this module expects it');
  return storage;
}

/** The object types type-graphql built, by the class declaring each: the type and its fields. */
function builtTypes(schema: GraphQLSchema) {
  const result = new Map<
    Function,
    { type: GraphQLObjectType; fields: Map<string, FieldMetadataView> }
  >();
  const declared = new Map(
    metadata().objectTypes.map((objectType) => [objectType.target, objectType]),
  );
  for (const objectType of metadata().objectTypes) {
    const type = schema.getType(objectType.name);
    if (!(type instanceof GraphQLObjectType)) continue;
    // As type-graphql's schema generator does: a type has the fields of the object types it
    // extends (a record's id and version), and a later field of the same name wins.
    const lineage: Function[] = [];
    for (
      let target = objectType.target;
      declared.has(target);
      target = Object.getPrototypeOf(target)
    )
      lineage.unshift(target);
    const fields = new Map<string, FieldMetadataView>();
    for (const target of lineage)
      for (const field of declared.get(target)!.fields ?? []) fields.set(field.schemaName, field);
    result.set(objectType.target, { type, fields });
  }
  return result;
}

type ParamReader = (
  root: Record<string, unknown>,
  ctx: RequestContext,
  info: GraphQLResolveInfo,
) => unknown;

/** What type-graphql passes for a @Root, @Ctx or @Info parameter; null for any other kind. */
function paramReader(param: ParamView): ParamReader | null {
  const { propertyName, getType } = param;
  switch (param.kind) {
    case 'info':
      return (_root, _ctx, info) => info;
    case 'context':
      return propertyName
        ? (_root, ctx) => (ctx as unknown as Record<string, unknown>)[propertyName]
        : (_root, ctx) => ctx;
    case 'root':
      return (root) => {
        const value = propertyName ? root[propertyName] : root;
        return getType ? asType(getType(), value) : value;
      };
    default:
      return null;
  }
}

// The list type-graphql's convertToType leaves as they are.
const SIMPLE_TYPES: Function[] = [String, Boolean, Number, Date, Array, Promise];

/** type-graphql's convertToType: a record not yet an instance of the declared class becomes one. */
function asType(target: unknown, data: unknown): unknown {
  if (data == null || target instanceof GraphQLScalarType || typeof target !== 'function')
    return data;
  if (SIMPLE_TYPES.includes((data as object).constructor) || data instanceof target) return data;
  if (Array.isArray(data)) return data.map((item) => asType(target, item));
  const instance = new (target as new () => Record<string, unknown>)();
  for (const key of Object.keys(instance))
    if (instance[key] === undefined && !(key in (data as object))) delete instance[key];
  return Object.assign(instance, data);
}

/**
 * Calls a field resolver's method directly, after the rule its @Authorized declares (the same
 * authChecker), where it takes only @Root, @Ctx and @Info and has no middleware, and where
 * type-graphql resolves the field with it: a field resolver whose name a property of the record
 * also declares is shadowed by that property in type-graphql's schema, and stays so.
 */
export function applyDirectResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = metadata();
  const built = builtTypes(schema);
  const instances = new Map<Function, Record<string, unknown>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || resolver.middlewares?.length) continue;
    const owner = built.get(resolver.getObjectType?.() as Function);
    if (owner?.fields.get(resolver.schemaName)?.name !== resolver.methodName) continue;
    const readers = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index).map(paramReader);
    if (readers.some((reader) => reader === null)) continue;
    const instance = instances.get(resolver.target) ?? new resolver.target();
    instances.set(resolver.target, instance);
    const method = instance[resolver.methodName] as (...params: unknown[]) => unknown;
    const roles = resolver.roles;
    const resolve: GraphQLFieldResolver<Record<string, unknown>, RequestContext> = (
      root,
      args,
      ctx,
      info,
    ) => {
      if (roles) authChecker({ root, args, context: ctx, info }, roles);
      return method.apply(
        instance,
        readers.map((read) => read!(root, ctx, info)),
      );
    };
    owner!.type.getFields()[resolver.schemaName]!.resolve = resolve;
  }
  return schema;
}

/** The fields whose value is the record's property of the same name (readPlainFieldsDirectly). */
const plainFields = new WeakSet<GraphQLField<unknown, unknown>>();

/**
 * Whether a field answers the record's property of its own name, whatever wraps it later (the
 * access log, masks): then a record read another way (reference-prefetch.ts) answers it the same.
 */
export function isPlainField(field: GraphQLField<unknown, unknown> | undefined): boolean {
  return field !== undefined && plainFields.has(field);
}

/**
 * Lets graphql-js read plain properties itself (its default resolver reads `record[field]`): a
 * field keeps type-graphql's resolver if it has a handler, a middleware, an @Authorized rule or a
 * GraphQL name that differs from its property.
 */
export function readPlainFieldsDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = metadata();
  const resolved = new Set(
    storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.methodName}`),
  );
  for (const [target, { type, fields }] of builtTypes(schema)) {
    for (const [schemaName, field] of fields) {
      if (
        field.name !== schemaName ||
        field.roles !== undefined ||
        field.middlewares?.length ||
        resolved.has(`${target.name}.${field.name}`) ||
        resolved.has(`${field.target.name}.${field.name}`)
      )
        continue;
      const graphqlField = type.getFields()[schemaName];
      if (!graphqlField) continue;
      graphqlField.resolve = undefined;
      plainFields.add(graphqlField);
    }
  }
  return schema;
}
