import {
  GraphQLObjectType,
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
 * resolves some 600 plain fields and 150 references, so these wrappers were a measurable share of
 * its CPU and garbage. After type-graphql has built the schema, the two passes below take them out
 * where doing so changes nothing a caller can see.
 */

export type DirectFieldHandler = (
  root: Record<string, unknown>,
  ctx: RequestContext,
  info: GraphQLResolveInfo,
) => unknown;

interface FieldMetadataView {
  name: string;
  schemaName: string;
  target: Function;
  roles?: unknown[];
  middlewares?: unknown[];
}

interface MetadataStorageView {
  objectTypes: { name: string; target: Function; fields?: FieldMetadataView[] }[];
  fieldResolvers: { methodName: string; getObjectType?: () => Function | undefined }[];
}

/** type-graphql keeps what its decorators declared on the global object (its getMetadataStorage). */
function metadata(): MetadataStorageView {
  const storage = (globalThis as { TypeGraphQLMetadataStorage?: MetadataStorageView })
    .TypeGraphQLMetadataStorage;
  if (!storage?.objectTypes || !storage.fieldResolvers)
    throw new Error('type-graphql metadata is not where this module expects it');
  return storage;
}

/** The fields type-graphql built: by GraphQL type, then by GraphQL field name. */
function builtFields(schema: GraphQLSchema) {
  const result = new Map<string, Map<string, FieldMetadataView>>();
  for (const objectType of metadata().objectTypes) {
    if (!(schema.getType(objectType.name) instanceof GraphQLObjectType)) continue;
    const fields = new Map<string, FieldMetadataView>();
    // As type-graphql's schema generator does: a later field of the same name wins.
    for (const field of objectType.fields ?? []) fields.set(field.schemaName, field);
    result.set(objectType.name, fields);
  }
  return result;
}

const handlers = new Map<string, { method: string; handler: DirectFieldHandler }>();

/**
 * Registers the handler of a field resolver declared with `@Authorized()` and the parameters
 * (@Root, @Ctx, @Info), under the method name it was declared with.
 */
export function resolveDirectly(
  typeName: string,
  fieldName: string,
  method: string,
  handler: DirectFieldHandler,
) {
  handlers.set(`${typeName}.${fieldName}`, { method, handler });
}

/**
 * Calls each registered handler directly, after the authentication rule `@Authorized()` applies,
 * where type-graphql resolves the field with it. A field resolver whose name a property of the
 * record also declares is shadowed by that property in type-graphql's schema, and stays so.
 */
export function applyDirectResolvers(schema: GraphQLSchema): GraphQLSchema {
  const built = builtFields(schema);
  for (const [key, { method, handler }] of handlers) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    if (built.get(typeName)?.get(fieldName)?.name !== method) continue;
    const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
    const resolve: GraphQLFieldResolver<Record<string, unknown>, RequestContext> = (
      root,
      args,
      ctx,
      info,
    ) => {
      authChecker({ root, args, context: ctx, info }, []);
      return handler(root, ctx, info);
    };
    field.resolve = resolve;
  }
  return schema;
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
  for (const [typeName, fields] of builtFields(schema)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const target = storage.objectTypes.find((o) => o.name === typeName)!.target;
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
      if (graphqlField) graphqlField.resolve = undefined;
    }
  }
  return schema;
}
