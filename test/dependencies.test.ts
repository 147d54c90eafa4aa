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
