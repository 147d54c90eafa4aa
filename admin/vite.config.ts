import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
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
      // PERF: engines parse a JSON string several times faster than the same object literal.
      const json = JSON.stringify(withoutFieldsNeedingArguments(introspection));
      return `export default JSON.parse(${JSON.stringify(json)});`;
    },
  };
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * PERF: writes a brotli (.br, quality 11, 9 above 1 MB) and a gzip (.gz, level 9) copy beside every script,
 * style and page of the build, which the server sends as they are. At the highest quality
 * brotli is ~15 % smaller than the server could afford to compress on each request (quality 4),
 * and the console's editor (~4 MB of scripts) costs no CPU per visit.
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    async writeBundle({ dir }) {
      if (!dir) return;
      const files = (await readdir(dir, { recursive: true })).filter((name) =>
        /\.(js|css|html|svg|json)$/.test(name),
      );
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(dir, name);
          const content = await readFile(file);
          if (content.length < 1024) return;
          // Quality 11 takes ~1 s a megabyte: the editor's largest files get 9 (a few % bigger).
          const quality = content.length > 1_000_000 ? 9 : zlib.BROTLI_MAX_QUALITY;
          const params = {
            [zlib.BROTLI_PARAM_QUALITY]: quality,
            [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
          };
          await writeFile(`${file}.br`, await brotli(content, { params }));
          await writeFile(`${file}.gz`, await gzipped(content, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), graphqlIntrospection(), precompress()],
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    // react-admin and Monaco (the console's editor) minify to ~0.8 and ~3 MB; each stays one
    // chunk loaded only where it is needed.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // The admin (/) and the analysts' console (/console): two pages sharing React, nothing else.
      // Monaco's modules say "use no memo" for React's compiler, which a bundle cannot keep.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      input: {
        admin: fileURLToPath(new URL('index.html', import.meta.url)),
        console: fileURLToPath(new URL('console.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/graphql': `http://127.0.0.1:${process.env.API_PORT ?? 4000}` },
  },
});
