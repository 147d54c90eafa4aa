import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The focused tests of the rule modules, for StrykerJS (`npm run test:mutation`, see
 * docs/mutation-testing.md). Stryker runs every file here for a mutant of module-level code (the
 * access table, the transition table, constants), so the list stays short.
 * NOTE: not Stryker's `testFiles` option: with it, Stryker 9.6 switches such mutants on only after
 * the modules have loaded, and none of them can be killed.
 */
const FOCUSED = [
  // Pure first: Stryker stops a run at the first failure, before the database files.
  'test/policy/policy-statement.test.ts',
  'server/src/common/access-matrix.spec.ts',
  'server/src/modules/aspiration/aspiration-lifecycle.spec.ts',
  'server/src/common/crud/normalize.spec.ts',
  'server/src/common/masking.spec.ts',
  'server/src/common/personal-data.spec.ts',
  'server/src/modules/household/poverty.spec.ts',
  // These run their SQL on a clone of the template database made by the global setup.
  'server/src/modules/fund/dues.spec.ts',
  'server/src/modules/user/login-throttle.spec.ts',
];

class FocusedOrder extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) =>
      FOCUSED.findIndex((name) => file.moduleId.endsWith(name));
    return Promise.resolve([...files].sort((a, b) => rank(a) - rank(b)));
  }
}

export default defineConfig({
  resolve: {
    // As in vitest.config.mts: one graphql build for our code, type-graphql and Apollo.
    alias: [{ find: /^graphql$/, replacement: path.resolve('node_modules/graphql/index.js') }],
  },
  test: {
    include: FOCUSED,
    globalSetup: ['test/support/global-setup.ts'],
    sequence: { sequencer: FocusedOrder },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
