import { expect } from 'vitest';
import { dataOf, type GraphQLResponse, type TestApp } from './app';

export type Vars = Record<string, unknown>;
export type Row = Record<string, any>;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const typeName = (t: TypeRef): string =>
  t.kind === 'NON_NULL'
    ? `${typeName(t.ofType!)}!`
    : t.kind === 'LIST'
      ? `[${typeName(t.ofType!)}]`
      : t.name!;

/** Reads every mutation's argument types from the schema: mutation name → argument name → type. */
export async function loadMutationArgTypes(
  app: TestApp,
  cookie: string,
): Promise<Map<string, Map<string, string>>> {
  const schema = dataOf(
    await app.graphql(
      `{ __schema { mutationType { fields { name args { name type { ...T } } } } } }
      fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`,
      {},
      { cookie },
    ),
  );
  return new Map(
    schema.__schema.mutationType.fields.map(
      (f: { name: string; args: { name: string; type: TypeRef }[] }) => [
        f.name,
        new Map(f.args.map((a) => [a.name, typeName(a.type)])),
      ],
    ),
  );
}

/** A mutation document passing exactly the given arguments, typed as the server's schema declares them. */
export function mutationDocument(
  argTypes: Map<string, Map<string, string>>,
  name: string,
  variables: Vars,
  selection = 'id',
): string {
  const args = argTypes.get(name);
  if (!args) throw new Error(`no mutation ${name}`);
  const keys = Object.keys(variables);
  const declared = keys.map((k) => {
    if (!args.has(k)) throw new Error(`${name} has no argument ${k}`);
    return `$${k}: ${args.get(k)}`;
  });
  const passed = keys.map((k) => `${k}: $${k}`);
  return `mutation (${declared.join(', ')}) { result: ${name}(${passed.join(', ')}) { ${selection} } }`;
}

export async function countRows(app: TestApp, table: string): Promise<number> {
  const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM "${table}"`);
  return count;
}

/** The response refused the input with BAD_USER_INPUT naming this field and rule, and returned no data. */
export function expectBadInput(response: GraphQLResponse<unknown>, field: string, rule: string) {
  const body = JSON.stringify(response.body).slice(0, 2000);
  expect(response.body.data ?? null, body).toBeNull();
  const extensions = response.body.errors?.[0]?.extensions;
  expect(extensions, body).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
  expect(extensions!.violations, body).toContainEqual(expect.objectContaining({ field, rule }));
}
