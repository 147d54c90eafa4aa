import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

/** Every installed version of a package, wherever it sits in the tree. */
function versionsOf(name: string): Set<string> {
  const tree = JSON.parse(
    execFileSync('npm', ['ls', name, '--all', '--json'], { encoding: 'utf8' }),
  ) as NpmTree;
  const found = new Set<string>();
  const walk = (node: NpmTree) => {
    for (const [dependency, child] of Object.entries(node.dependencies ?? {})) {
      if (dependency === name && child.version) found.add(child.version);
      walk(child);
    }
  };
  walk(tree);
  return found;
}

describe('dependencies', () => {
  it('install exactly one graphql, of major version 16 (Apollo 5, type-graphql 2 and the admin share it)', () => {
    const versions = [...versionsOf('graphql')];
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatch(/^16\./);
  });
});

describe('the server at start', () => {
  it('has not loaded the spreadsheet and document libraries, which only imports and reports use', () => {
    // exceljs and docx hold about 40 MB of memory once loaded, for what a few users ask now and
    // then: they are loaded on first use. Checked on the built server (`npm test` builds first).
    const loaded = execFileSync(
      process.execPath,
      [
        '-e',
        `require('./dist/server/app.js'); require('./dist/server/db/seed/demo.js');
         const packages = Object.keys(require.cache)
           .filter((file) => file.includes('/node_modules/'))
           .map((file) => file.split('/node_modules/').pop().split('/')[0]);
         console.log(JSON.stringify([...new Set(packages)]));`,
      ],
      { encoding: 'utf8' },
    );
    const packages = JSON.parse(loaded) as string[];
    expect(packages).toContain('typeorm');
    expect(packages).not.toContain('exceljs');
    expect(packages).not.toContain('docx');
  });
});
