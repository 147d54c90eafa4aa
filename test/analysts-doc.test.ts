import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  buildSchema,
  getNamedType,
  isListType,
  getNullableType,
  parse,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../server/src/common/roles';
import { createUser } from '../server/src/modules/user/auth.service';
import { startTestApp, type TestApp } from './support/app';

const run = promisify(execFile);
const DOC = path.resolve('docs/analysts.md');

interface Block {
  lang: string;
  code: string;
  variables?: string;
}

/** The fenced blocks of the page, each `graphql` block with the `json variables` block after it. */
function blocksOf(file: string): Block[] {
  const text = readFileSync(file, 'utf8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(/^```([\w ]*)\n([\s\S]*?)^```$/gm)) {
    const info = match[1]!.trim();
    const code = match[2]!;
    if (info === 'json variables') {
      const previous = blocks.at(-1);
      if (previous?.lang !== 'graphql' || previous.variables)
        throw new Error('a json variables block must follow a graphql block');
      previous.variables = code;
    } else {
      blocks.push({ lang: info, code });
    }
  }
  return blocks;
}

// Read when the file is collected: each example becomes a test of its own.
const blocks = blocksOf(DOC);
const schema = buildSchema(readFileSync(path.resolve('schema.graphql'), 'utf8'));

/** The list query of a record type (`Memorandum` → `allMemorandums`), from the schema. */
function listQueryOf(type: string): string {
  const fields = Object.values(schema.getQueryType()!.getFields());
  const list = fields.find(
    (f) =>
      f.name.startsWith('all') &&
      isListType(getNullableType(f.type)) &&
      getNamedType(f.type).name === type,
  );
  if (!list) throw new Error(`no list of ${type} in the schema`);
  return list.name;
}

const nameOf = (query: string) =>
  (parse(query).definitions[0] as OperationDefinitionNode).name?.value ?? 'anonymous';

describe('docs/analysts.md, example by example, as an analyst', () => {
  let app: TestApp;
  let cookie: string;
  const analyst = { username: 'analyst_doc', password: randomBytes(12).toString('base64url') };
  let householdCount: number;

  beforeAll(async () => {
    app = await startTestApp();
    await createUser(app.db, { ...analyst, displayName: 'Phân tích', role: Role.ANALYST });
    const login = await app.graphql(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
      { u: analyst.username, p: analyst.password },
    );
    cookie = login.cookie!;
    const [row] = (await app.db.query('SELECT count(*)::int AS n FROM households')) as {
      n: number;
    }[];
    householdCount = row!.n;
    expect(householdCount).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** `"<Memorandum id>"` → the id of the first memorandum the analyst can list. */
  async function withIds(variables: string | undefined) {
    if (!variables) return undefined;
    const placeholders = [...variables.matchAll(/"<(\w+) id>"/g)];
    let text = variables;
    for (const [placeholder, type] of placeholders) {
      const list = listQueryOf(type!);
      const answer = await app.graphql(`{ ${list}(perPage: 1) { id } }`, {}, { cookie });
      const id = (answer.body.data as Record<string, { id: string }[]>)[list]![0]?.id;
      expect(id, `a ${type} for ${placeholder}`).toBeTruthy();
      text = text.replace(placeholder, JSON.stringify(id));
    }
    return JSON.parse(text) as Record<string, unknown>;
  }

  const queries = blocks.filter((b) => b.lang === 'graphql');

  it('has examples of lists, filters, summaries and masking', () => {
    const names = queries.map((b) => nameOf(b.code));
    expect(names).toEqual(
      expect.arrayContaining([
        'FirstPageOfVisits',
        'PoorHouseholdsNeedingCapital',
        'Overview',
        'MemorandumProgress',
        'HalfYear',
        'MembersAsAnalystsSeeThem',
      ]),
    );
  });

  it.each(queries.map((b) => [nameOf(b.code), b] as const))(
    'answers %s with data and no error',
    async (_name, block) => {
      const answer = await app.graphql(block.code, await withIds(block.variables), { cookie });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
      const data = answer.body.data as Record<string, unknown>;
      const operation = parse(block.code).definitions[0] as OperationDefinitionNode;
      // Every field the example asks for at the top comes back, and lists are not empty.
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const value = data[key];
        expect(value, key).not.toBeNull();
        expect(value, key).toBeDefined();
        if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
      }
    },
  );

  it('shows analysts initials, hidden addresses and starred citizen IDs, as the page says', async () => {
    const block = queries.find((b) => nameOf(b.code) === 'MembersAsAnalystsSeeThem')!;
    const answer = await app.graphql(block.code, {}, { cookie });
    const members = (
      answer.body.data as {
        allHouseholdMembers: {
          fullName: string;
          citizenIdMasked: string | null;
          household: { headName: string; address: string | null };
        }[];
      }
    ).allHouseholdMembers;
    expect(members.length).toBeGreaterThan(0);
    const initials = /^(\p{Lu}\. ?)+$/u;
    for (const member of members) {
      expect(member.fullName).toMatch(initials);
      expect(member.household.headName).toMatch(initials);
      expect(member.household.address).toBeNull();
      if (member.citizenIdMasked !== null) expect(member.citizenIdMasked).toMatch(/^\*+$/);
    }
  });

  describe('the scripts', () => {
    let dir: string;
    const env = () => ({
      ...process.env,
      PLAN68_URL: app.url,
      PLAN68_USERNAME: analyst.username,
      PLAN68_PASSWORD: analyst.password,
    });

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'plan68-analysts-'));
    });

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('signs in with curl and reads the overview', async () => {
      const block = blocks.find((b) => b.lang === 'sh')!;
      expect(block.code).toContain('login(');
      const { stdout } = await run('sh', ['-e', '-c', block.code], { cwd: dir, env: env() });
      // The second answer: the overview counts every household for an analyst.
      expect(stdout).toContain(`"householdCount":${householdCount}`);
    });

    it('signs in from Node, pages through every household and signs out', async () => {
      const block = blocks.find((b) => b.lang === 'js')!;
      const file = path.join(dir, 'households.mjs');
      await writeFile(file, block.code);
      const { stdout } = await run(process.execPath, [file], { cwd: dir, env: env() });
      expect(stdout.trim()).toBe(`households: ${householdCount} of ${householdCount}`);
    });
  });
});
