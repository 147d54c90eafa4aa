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
import { applyDirectResolvers, isPlainField, readPlainFieldsDirectly } from './direct-resolvers';

// Fields every record inherits, as BaseRecord declares them.
@ObjectType()
abstract class ProbeBase {
  @Field(() => String)
  origin: string;
}

// A record type of its own, declared as the resources declare theirs: plain properties (one
// renamed, one inherited), references resolved by methods, one restricted to a role, one shadowed
// by a property.
@ObjectType()
class Probe extends ProbeBase {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  label: string;

  @Field(() => String, { name: 'title' })
  heading: string;

  @Field(() => String)
  note: string;

  describe() {
    return `probe ${this.id}`;
  }
}

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => Probe)
  probe() {
    // A plain object, as some loaders return: type-graphql makes it a Probe for the methods below.
    return {
      id: 'p1',
      label: 'first',
      heading: 'First',
      note: 'from the record',
      origin: 'inherited',
    };
  }

  @Authorized()
  @FieldResolver(() => String, { name: 'twin' })
  resolve_twin(
    @Root() root: Probe,
    @Ctx() ctx: RequestContext,
    @Info() info: { fieldName: string },
  ) {
    return `${root.describe()} twin for ${String(ctx.user?.role)} at ${info.fieldName}`;
  }

  @Authorized(['ADMIN'])
  @FieldResolver(() => String)
  secret(@Ctx('user') user: { role: string }, @Root('label') label: string) {
    return `${label} seen by ${user.role}`;
  }

  // Named like a property of the record: type-graphql's schema keeps the property.
  @Authorized()
  @FieldResolver(() => String, { name: 'note' })
  resolve_note() {
    return 'from the resolver';
  }
}

let direct: GraphQLSchema;
let original: GraphQLSchema;

const build = () => buildSchemaSync({ resolvers: [ProbeResolver], authChecker, validate: false });

beforeAll(() => {
  original = build();
  direct = readPlainFieldsDirectly(applyDirectResolvers(build()));
});

const fieldsOf = (schema: GraphQLSchema) =>
  (schema.getType('Probe') as GraphQLObjectType).getFields();

const run = (schema: GraphQLSchema, query: string, user: unknown) =>
  graphql({ schema, source: query, contextValue: { user } as unknown as RequestContext });

const QUERIES = [
  '{ probe { id label title note origin } }',
  '{ probe { id twin } }',
  '{ probe { secret } }',
  '{ probe { twin secret note } }',
];
const USERS = [null, { role: 'ADMIN' }, { role: 'AGENCY_OFFICER' }];

describe('resolvers taken out of type-graphql', () => {
  it('answer every query and caller exactly as type-graphql does, refusals included', async () => {
    for (const query of QUERIES)
      for (const user of USERS) {
        const [expected, actual] = await Promise.all([
          run(original, query, user),
          run(direct, query, user),
        ]);
        expect(JSON.parse(JSON.stringify(actual)), `${query} as ${JSON.stringify(user)}`).toEqual(
          JSON.parse(JSON.stringify(expected)),
        );
      }
  });

  it('check the role and sign-in rules themselves', async () => {
    const signedOut = await run(direct, '{ probe { id twin } }', null);
    expect(signedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const officer = await run(direct, '{ probe { secret } }', { role: 'AGENCY_OFFICER' });
    expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await run(direct, '{ probe { twin secret } }', { role: 'ADMIN' });
    expect(admin.data).toEqual({
      probe: { twin: 'probe p1 twin for ADMIN at twin', secret: 'first seen by ADMIN' },
    });
  });

  it('are replaced where type-graphql resolves the field with them, and only there', () => {
    expect(fieldsOf(direct).twin!.resolve).not.toBe(fieldsOf(original).twin!.resolve);
    expect(fieldsOf(direct).secret!.resolve).not.toBe(fieldsOf(original).secret!.resolve);
    // plain properties: graphql-js reads them; a renamed one keeps its resolver
    expect(fieldsOf(direct).label!.resolve).toBeUndefined();
    expect(fieldsOf(direct).id!.resolve).toBeUndefined();
    expect(fieldsOf(direct).origin!.resolve).toBeUndefined();
    expect(isPlainField(fieldsOf(direct).origin)).toBe(true);
    expect(isPlainField(fieldsOf(direct).title)).toBe(false);
    expect(isPlainField(fieldsOf(direct).twin)).toBe(false);
    expect(fieldsOf(direct).title!.resolve).toBeDefined();
  });
});
