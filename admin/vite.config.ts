import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import {
  buildSchema,
  introspectionFromSchema,
  type IntrospectionQuery,
  type IntrospectionType,
} from 'graphql';
import { defineConfig, type Plugin } from 'vite';

const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const INTROSPECTION_ID = 'virtual:graphql-introspection';

/**
 * NOTE: ra-data-graphql-simple selects every field of a type without arguments, so a field with a
 * required argument (e.g. `StaffMember.titleOn(date)`) would make each query invalid. Such fields
 * are dropped from the types of records; the root Query and Mutation keep all their fields.
 */
function withoutFieldsNeedingArguments(introspection: IntrospectionQuery): IntrospectionQuery {
  const { queryType, mutationType } = introspection.__schema;
  const roots = new Set([queryType.name, mutationType?.name]);
  const types = introspection.__schema.types.map((type): IntrospectionType => {
    if (type.kind !== 'OBJECT' || roots.has(type.name)) return type;
    const fields = type.fields.filter((field) =>
      field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue != null),
    );
    return { ...type, fields };
  });
  return { __schema: { ...introspection.__schema, types } };
}

/**
 * NOTE: the server turns introspection off in production, so the data provider gets the committed
 * schema.graphql (kept fresh by CI) as an introspection result built here, at build time.
 */
function graphqlIntrospection(): Plugin {
  return {
    name: 'graphql-introspection',
    resolveId: (id) => (id === INTROSPECTION_ID ? `\0${INTROSPECTION_ID}` : null),
    load(id) {
      if (id !== `\0${INTROSPECTION_ID}`) return null;
      this.addWatchFile(SCHEMA_FILE);
      const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
      const introspection = introspectionFromSchema(schema, { descriptions: false });
      return `export default ${JSON.stringify(withoutFieldsNeedingArguments(introspection))};`;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), graphqlIntrospection()],
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    // react-admin alone minifies to ~830 kB; it is split from MUI and the app, not within itself.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // PERF: libraries change less often than the app; their own chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'mui', test: /node_modules[\\/]@mui/, priority: 20 },
            {
              name: 'react-admin',
              test: /node_modules[\\/](ra-[\w-]+|react-admin)[\\/]/,
              priority: 15,
            },
            { name: 'vendor', test: /node_modules/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/graphql': `http://127.0.0.1:${process.env.API_PORT ?? 4000}` },
  },
});
