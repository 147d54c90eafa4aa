import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingNodeFlags, SERVER_NODE_FLAGS } from './memory';

describe('the memory flags every launch of the server passes to node', () => {
  it('are what `npm start` and the image run the server with', () => {
    const start = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string;
    expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} dist/server/main.js`);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))![1]!;
    expect(JSON.parse(cmd)).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/server/main.js']);
  });

  it('keep the young generation at two 8 MB semi-spaces however much a process allocates', () => {
    const newSpaceMb = (flags: readonly string[]) =>
      Number(
        execFileSync(process.execPath, [
          ...flags,
          '-e',
          `const keep = [];
           for (let i = 0; i < 2e6; i++) keep.push({ i, s: 'x' + i });
           const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
           console.log(space.space_size / 1048576);`,
        ]).toString(),
      );
    expect(newSpaceMb(SERVER_NODE_FLAGS)).toBeLessThanOrEqual(16);
    // Without them the same allocation grows it past that: the flags are what holds it.
    expect(newSpaceMb([])).toBeGreaterThan(16);
  });

  it('are reported missing when a process was started without them', () => {
    expect(missingNodeFlags([])).toEqual([...SERVER_NODE_FLAGS]);
    expect(missingNodeFlags(['--inspect'], '--enable-source-maps')).toEqual([...SERVER_NODE_FLAGS]);
  });

  it('are not reported when given on the command line, in NODE_OPTIONS, or with another value', () => {
    expect(missingNodeFlags([...SERVER_NODE_FLAGS])).toEqual([]);
    expect(missingNodeFlags([], ` --enable-source-maps  ${SERVER_NODE_FLAGS.join(' ')}`)).toEqual(
      [],
    );
    // An operator's own size is a choice, in either spelling V8 accepts.
    expect(missingNodeFlags(['--max-semi-space-size=16'])).toEqual([]);
    expect(missingNodeFlags(['--max_semi_space_size=4'])).toEqual([]);
  });
});
