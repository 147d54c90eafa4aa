import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // NOTE: graphql ships CJS (main) and ESM (module) builds; Vite would pick the ESM one for our code
    // while type-graphql and Apollo load the CJS one, and `instanceof GraphQLScalarType` then fails.
    alias: [{ find: /^graphql$/, replacement: path.resolve('node_modules/graphql/index.js') }],
  },
  test: {
    include: ['server/src/**/*.spec.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // One PostgreSQL cluster for the run; every test file clones its own database from a template.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
