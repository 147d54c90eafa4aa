import { readFileSync } from 'node:fs';
import type { GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { isPublic } from '../server/src/common/auth';
import { printedSchema } from '../server/src/emit-schema';
import { getSchema } from '../server/src/schema';

const RESOURCES = [
  ['AdministrativeUnit', 'AdministrativeUnits'],
  ['Organization', 'Organizations'],
  ['Plan', 'Plans'],
  ['Partnership', 'Partnerships'],
  ['InformationRequest', 'InformationRequests'],
  ['Memorandum', 'Memorandums'],
  ['Commitment', 'Commitments'],
  ['ProgressEntry', 'ProgressEntries'],
  ['CounterpartResponsibility', 'CounterpartResponsibilities'],
] as const;

describe('the GraphQL schema', () => {
  it('is the committed schema.graphql (run `npm run schema:emit` after changing the API)', () => {
    expect(readFileSync('schema.graphql', 'utf8')).toBe(printedSchema());
  });

  it('denies by default: every query, mutation and field resolver has an authorization rule or is marked public', () => {
    getSchema();
    const storage = getMetadataStorage();
    const authorized = new Set(
      storage.authorizedFields.map((a) => `${a.target.name}.${a.fieldName}`),
    );
    const handlers = [...storage.queries, ...storage.mutations, ...storage.fieldResolvers];
    const unguarded = handlers
      .map((h) => `${h.target.name}.${h.methodName}`)
      .filter((key) => !authorized.has(key) && !isPublic(...(key.split('.') as [string, string])));
    expect(handlers.length).toBeGreaterThan(60);
    expect(unguarded).toEqual([]);
  });

  it('exposes only sign-in, sign-out and who-am-I to anonymous callers', () => {
    getSchema();
    const storage = getMetadataStorage();
    const publicNames = [...storage.queries, ...storage.mutations]
      .filter((h) => isPublic(h.target.name, h.methodName))
      .map((h) => h.schemaName)
      .sort();
    expect(publicNames).toEqual(['login', 'logout', 'me']);
  });

  it.each(RESOURCES)('follows the ra-data-graphql-simple grammar for %s', (type, plural) => {
    const schema = getSchema();
    const queries = schema.getQueryType()!.getFields();
    const mutations = schema.getMutationType()!.getFields();
    const list = queries[`all${plural}`]!;
    expect(list.args.map((a) => a.name).sort()).toEqual([
      'filter',
      'page',
      'perPage',
      'sortField',
      'sortOrder',
    ]);
    expect(String(list.type)).toBe(`[${type}!]!`);
    expect(String(queries[`_all${plural}Meta`]!.type)).toBe('ListMetadata!');
    expect(queries[type]!.args.map((a) => `${a.name}:${String(a.type)}`)).toEqual(['id:ID!']);
    expect(mutations[`create${type}`]).toBeDefined();
    expect(mutations[`update${type}`]!.args.map((a) => a.name)).toEqual(
      expect.arrayContaining(['id', 'version']),
    );
    expect(mutations[`delete${type}`]!.args.map((a) => a.name).sort()).toEqual(['id', 'version']);
    const filter = schema.getType(`${type}Filter`) as GraphQLInputObjectType;
    const filterFields = Object.keys(filter.getFields());
    expect(filterFields).toEqual(expect.arrayContaining(['q', 'ids']));
    // Every foreign key of the type can filter its list (react-admin's getManyReference).
    const foreignKeys = Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).filter(
      (f) => f.endsWith('Id'),
    );
    expect(filterFields).toEqual(expect.arrayContaining(foreignKeys));
  });
});
