import {
  GraphQLNonNull,
  GraphQLObjectType,
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isListType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { ACCESS, reachOf } from './access-matrix';
import type { RequestContext } from './context';
import { serviceFor } from './crud/crud.service';
import { forbidden } from './errors';

/**
 * Root queries check access in their services; this guards the way in through the side door:
 * every field of a record type that returns records of a resource in the access matrix (a
 * memorandum's partnership, a commitment's progress entries) applies the same read grant and,
 * for scoped roles, drops records outside the user's scope: a reference comes as null, a list
 * without them, so one hidden record never fails a whole list. Asking only for `{ id }` is
 * checked too: an id can say that a record exists. Aggregate types (dashboards, reports)
 * are not records: what they name was chosen by their query.
 */
export function guardNestedReads(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || roots.has(type) || !(type.name in ACCESS)) continue;
    for (const field of Object.values(type.getFields())) {
      const resource = getNamedType(field.type).name;
      if (!(resource in ACCESS)) continue;
      const resolve: GraphQLFieldResolver<unknown, RequestContext> =
        field.resolve ?? defaultFieldResolver;
      const required = field.type instanceof GraphQLNonNull;
      const many = isListType(getNullableType(field.type));
      field.resolve = (source, args, ctx: RequestContext, info) => {
        const role = ctx.user?.role;
        const reach = role ? reachOf(resource, role, 'read') : undefined;
        if (!reach) {
          if (many) return [];
          if (!required) return null;
          throw forbidden(`Your role may not read ${resource} records`, {
            rule: 'role',
            resource,
          });
        }
        const service = reach === 'scoped' ? serviceFor(resource) : undefined;
        // A role that reads every record gets the field as it resolves, without a promise of
        // its own: the household page resolves over a hundred references.
        if (!service) return resolve(source, args, ctx, info);
        return onlyVisible(service, ctx, resolve(source, args, ctx, info), required, resource);
      };
    }
  }
  return schema;
}

async function onlyVisible(
  service: NonNullable<ReturnType<typeof serviceFor>>,
  ctx: RequestContext,
  resolved: unknown,
  required: boolean,
  resource: string,
): Promise<unknown> {
  const result = await resolved;
  if (result == null) return result;
  if (Array.isArray(result)) {
    const seen = await service.visible(
      ctx,
      result.map((row: { id: string }) => row.id),
    );
    return result.filter((_row, i) => seen[i]);
  }
  const [seen] = await service.visible(ctx, [(result as { id: string }).id]);
  if (seen) return result;
  if (required) throw forbidden(`This ${resource} is outside your scope`, { rule: 'scope' });
  return null;
}
