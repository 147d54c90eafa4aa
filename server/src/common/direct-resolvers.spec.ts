import 'reflect-metadata';
import { graphql, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import {
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  ObjectType,
  Query,
  Resolver,
  Root,
  buildSchemaSync,
} from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { authChecker } from './auth';
import type { RequestContext } from './context';
import {
  applyDirectResolvers,
  readPlainFieldsDirectly,
  resolveDirectly,
  type DirectFieldHandler,
} from './direct-resolvers';

// A record type of its own, declared as the CRUD resources declare theirs: plain properties, one
// renamed, and references resolved by generated `resolve_<field>` methods.
@ObjectType()
class Probe {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  label: string;

  @Field(() => String, { name: 'title' })
  heading: string;

  @Field(() => String)
  note: string;
}

const calls: string[] = [];
const twin: DirectFieldHandler = (root) => {
  calls.push(`twin of ${String(root.id)}`);
  return { id: `${String(root.id)}-twin`, label: 'twin', heading: 'Twin', note: '' };
};
const noteAsReference: DirectFieldHandler = () => 'from the handler';

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => Probe)
  probe(): Probe {
    return { id: 'p1', label: 'first', heading: 'First', note: 'from the record' };
  }

  @Authorized()
  @FieldResolver(() => Probe, { name: 'twin', nullable: true })
  resolve_twin(@Root() root: Probe, @Ctx() ctx: RequestContext, @Info() info: never) {
    calls.push('through type-graphql');
    return twin(root as never, ctx, info);
  }

  // Named like a property of the record: type-graphql's schema keeps the property.
  @Authorized()
  @FieldResolver(() => String, { name: 'note' })
  resolve_note(@Root() root: Probe, @Ctx() ctx: RequestContext, @Info() info: never) {
    return noteAsReference(root as never, ctx, info);
  }
}

let schema: GraphQLSchema;

beforeAll(() => {
  resolveDirectly('Probe', 'twin', 'resolve_twin', twin);
  resolveDirectly('Probe', 'note', 'resolve_note', noteAsReference);
  schema = readPlainFieldsDirectly(
    applyDirectResolvers(
      buildSchemaSync({ resolvers: [ProbeResolver], authChecker, validate: false }),
    ),
  );
});

const probeFields = () =>
  (schema.getType('Probe') as GraphQLObjectType).getFields() as Record<
    string,
    { resolve?: unknown }
  >;

const run = (query: string, user: unknown) =>
  graphql({ schema, source: query, contextValue: { user } as unknown as RequestContext });

describe('references resolved directly', () => {
  it('still require a signed-in user, as @Authorized() does', async () => {
    calls.length = 0;
    const result = await run('{ probe { id twin { id } } }', null);
    expect(result.data).toEqual({ probe: { id: 'p1', twin: null } });
    expect(result.errors?.[0]?.path).toEqual(['probe', 'twin']);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(calls).toEqual([]);
  });

  it('answer a signed-in user through the registered handler, without type-graphql', async () => {
    calls.length = 0;
    const result = await run('{ probe { twin { id label } } }', { role: 'ADMIN' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ probe: { twin: { id: 'p1-twin', label: 'twin' } } });
    expect(calls).toEqual(['twin of p1']);
    expect(probeFields().twin!.resolve).toBeDefined();
  });

  it('leave a field whose name a property of the record holds to that property', async () => {
    const result = await run('{ probe { note } }', { role: 'ADMIN' });
    expect(result.data).toEqual({ probe: { note: 'from the record' } });
  });
});

describe('plain fields', () => {
  it('are read by graphql-js itself', async () => {
    expect(probeFields().label!.resolve).toBeUndefined();
    expect(probeFields().id!.resolve).toBeUndefined();
    const result = await run('{ probe { id label } }', null);
    expect(result.data).toEqual({ probe: { id: 'p1', label: 'first' } });
  });

  it('keep their resolver when the GraphQL name is not the property', async () => {
    expect(probeFields().title!.resolve).toBeDefined();
    const result = await run('{ probe { title } }', null);
    expect(result.data).toEqual({ probe: { title: 'First' } });
  });
});
