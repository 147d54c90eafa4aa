/**
 * Every way through the schema to a household's personal data leaves a trace: this walks the
 * published schema from each query to every type that holds personal data (the policy statement's
 * list), two references deep, asks for its records' fields along that path as an agency officer,
 * and checks that the access log names every record the answer held, with its household. Then the
 * same for each mutation that answers with a personal record (an update that changes nothing).
 */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';
import { PERSONAL } from './policy/expected-access';

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const personal = new Set<string>(PERSONAL);
const MAX_DEPTH = 3;

interface Path {
  /** The query text of the path down to the personal type, with `%` where its fields go. */
  template: string;
  /** Field names from the root to the personal records. */
  steps: string[];
  target: string;
  /** The root field's required id argument, when it has one, and its type. */
  idOf?: string;
}

const scalarsOf = (type: GraphQLObjectType) =>
  Object.values(type.getFields())
    .filter((f) => f.args.length === 0)
    .filter((f) => {
      const named = getNamedType(f.type);
      return isScalarType(named) || isEnumType(named);
    })
    .map((f) => f.name);

const requiredArgs = (field: GraphQLField<unknown, unknown>) =>
  field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** Every path from a query to a personal type, at most MAX_DEPTH fields long. */
function pathsToPersonalData(): Path[] {
  const paths: Path[] = [];
  const query = schema.getQueryType()!;
  const walk = (
    type: GraphQLObjectType,
    template: string,
    steps: string[],
    idOf: string | undefined,
  ) => {
    if (personal.has(type.name) && steps.length > 0)
      paths.push({ template, steps, target: type.name, idOf });
    if (steps.length >= MAX_DEPTH) return;
    for (const field of Object.values(type.getFields())) {
      if (requiredArgs(field).length > 0) continue;
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      walk(named, template.replace('%', `${field.name} { id % }`), [...steps, field.name], idOf);
    }
  };
  for (const field of Object.values(query.getFields())) {
    const named = getNamedType(field.type);
    if (!isObjectType(named) || field.name.startsWith('_')) continue;
    const required = requiredArgs(field);
    // Reached with the id of a record of its own type; other required arguments are not walked.
    if (required.length === 1 && required[0]!.name === 'id' && field.name === named.name) {
      walk(named, `query ($id: ID!) { ${field.name}(id: $id) { id % } }`, [field.name], named.name);
    } else if (required.length === 0) {
      const args = field.args.some((a) => a.name === 'perPage') ? '(perPage: 5)' : '';
      walk(named, `{ ${field.name}${args} { % } }`, [field.name], undefined);
    }
  }
  return paths;
}

const PATHS = pathsToPersonalData();

/** Queries for administrators alone that reach personal data. */
const ADMIN_ONLY = new Set(['citizenIdDuplicates']);

let app: TestApp;
let fx: RoleFixture;

beforeAll(async () => {
  app = await startTestApp();
  fx = await signInRoles(app);
  // Agency A's records along every path: a disbursement to one of its households and a member,
  // a half-year report of its group, a plan with a step (the demo data has some of the rest).
  const household = fx.agencyA.householdIds[0]!;
  const group = fx.agencyA.groupIds[0]!;
  await app.db.query(
    `WITH d AS (
       -- Planned last of all, so it heads the agency's list (newest planned first) whatever the demo plans.
       INSERT INTO disbursements (fund_id, purpose, description, quantity, unit_amount, amount, status, planned_date)
       VALUES ($1, 'OTHER', 'Hỗ trợ giống', 1, 100000, 100000, 'PLANNED', '2099-12-31') RETURNING id),
     dh AS (INSERT INTO disbursement_households (disbursement_id, household_id)
            SELECT id, $2 FROM d)
     INSERT INTO disbursement_members (disbursement_id, household_member_id)
     SELECT d.id, m.id FROM d, household_members m WHERE m.household_id = $2 LIMIT 1`,
    [fx.agencyA.fundId, household],
  );
  // A house project of that household funded by the disbursement (the demo's may be open already).
  await app.db.query(
    `INSERT INTO house_projects (title, household_id, commitment_id, estimated_cost, surveyed_date, surveyed_confirmed_by)
     SELECT 'Xóa nhà tạm', $1, c.id, 40000000, '2025-01-10', 'Cán bộ xã' FROM commitments c
      WHERE c.area = 'TEMPORARY_HOUSE_REMOVAL' LIMIT 1 ON CONFLICT DO NOTHING`,
    [household],
  );
  await app.db.query(
    `INSERT INTO house_project_fundings (project_id, source, amount, disbursement_id)
     SELECT (SELECT id FROM house_projects WHERE household_id = $1 ORDER BY created_at DESC LIMIT 1),
            'AGENCY_FUND', 100000,
            (SELECT id FROM disbursements WHERE fund_id = $2 AND description = 'Hỗ trợ giống' LIMIT 1)`,
    [household, fx.agencyA.fundId],
  );
  await app.db.query(
    `INSERT INTO half_year_reports (group_id, year, half, narrative) VALUES ($1, 2030, 2, 'Báo cáo')`,
    [group],
  );
  // Every group of the agency helps at least that household.
  await app.db.query(
    `INSERT INTO support_group_households (support_group_id, household_id)
     SELECT g, $2 FROM unnest($1::uuid[]) AS g ON CONFLICT DO NOTHING`,
    [fx.agencyA.groupIds, household],
  );
  // One citizen ID on two people, for the administrators' list of duplicates.
  await app.db.query(
    `UPDATE household_members SET citizen_id = '079201234567'
      WHERE id IN (SELECT id FROM household_members WHERE household_id = ANY($1::uuid[]) LIMIT 2)`,
    [fx.agencyA.householdIds],
  );
  // Every group of the agency visits each household it helps, and an aspiration is raised there:
  // whichever group or household a path starts from, it reaches visits and aspirations.
  await app.db.query(
    `WITH v AS (
       INSERT INTO visits (group_id, household_id, visit_date)
       SELECT sgh.support_group_id, sgh.household_id, '2025-03-01'
         FROM support_group_households sgh WHERE sgh.support_group_id = ANY($1::uuid[])
       RETURNING id, household_id, group_id),
     -- A visit is members of the group going there: each has one of them as participant.
     p AS (
       INSERT INTO visit_participants (visit_id, staff_member_id)
       SELECT v.id, (SELECT m.staff_member_id FROM support_group_members m
                      WHERE m.support_group_id = v.group_id ORDER BY m.staff_member_id LIMIT 1)
         FROM v)
     INSERT INTO aspirations (household_id, visit_id, content, recorded_date)
     SELECT household_id, id, 'Cần vốn vay', '2025-03-01' FROM v`,
    [fx.agencyA.groupIds],
  );
  await app.db.query(
    `WITH p AS (INSERT INTO support_plans (group_id, household_id, title) VALUES ($1, $2, 'Kế hoạch')
                RETURNING id)
     INSERT INTO support_plan_steps (support_plan_id, description) SELECT id, 'Mua giống' FROM p`,
    [group, household],
  );
});
afterAll(() => app?.close());

const lastAccessId = async () =>
  (
    (await app.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM access_log`)) as {
      id: string;
    }[]
  )[0]!.id;

async function loggedSince(since: string, resource: string) {
  const rows = (await app.db.query(
    `SELECT record_ids::text[] AS records, household_ids::text[] AS households, user_id
       FROM access_log WHERE id > $1 AND resource = $2`,
    [since, resource],
  )) as { records: string[]; households: string[]; user_id: string }[];
  return {
    records: new Set(rows.flatMap((r) => r.records)),
    households: new Set(rows.flatMap((r) => r.households)),
    users: new Set(rows.map((r) => r.user_id)),
  };
}

/** The records at the end of a path in an answer, wherever lists branch on the way. */
function recordsAt(data: unknown, steps: string[]): Record<string, unknown>[] {
  let level: unknown[] = [data];
  for (const step of steps) {
    level = level
      .flatMap((node) => {
        const value = (node as Record<string, unknown> | null)?.[step];
        return Array.isArray(value) ? value : [value];
      })
      .filter((value) => value != null);
  }
  return level as Record<string, unknown>[];
}

/** The household each record is about, per the owner's connection (independent of the server). */
async function householdsOf(resource: string, ids: string[]): Promise<string[]> {
  if (resource === 'Household') return ids;
  const sql: Record<string, string> = {
    SupportPlanStep: `SELECT p.household_id AS id FROM support_plan_steps s JOIN support_plans p
                       ON p.id = s.support_plan_id WHERE s.id = ANY($1::uuid[])`,
    HouseProjectFunding: `SELECT p.household_id AS id FROM house_project_fundings l JOIN house_projects p
                       ON p.id = l.project_id WHERE l.id = ANY($1::uuid[])`,
  };
  const tables: Record<string, string> = {
    HouseholdMember: 'household_members',
    HouseholdCategoryPeriod: 'household_category_periods',
    PovertyReview: 'poverty_reviews',
    Visit: 'visits',
    SupportPlan: 'support_plans',
    Aspiration: 'aspirations',
    HouseProject: 'house_projects',
  };
  const query =
    sql[resource] ??
    `SELECT household_id AS id FROM ${tables[resource]} WHERE id = ANY($1::uuid[])`;
  return ((await app.db.query(query, [ids])) as { id: string }[]).map((r) => r.id);
}

async function idOfA(type: string): Promise<string> {
  const list = Object.values(schema.getQueryType()!.getFields()).find(
    (f) => f.name.startsWith('all') && getNamedType(f.type).name === type,
  )!;
  const rows = dataOf(
    await app.graphql(`{ r: ${list.name}(perPage: 1) { id } }`, undefined, {
      cookie: fx.cookies.officerA,
    }),
  ).r as { id: string }[];
  return rows[0]!.id;
}

describe('the schema', () => {
  it('has paths to every type that holds personal data', () => {
    const reached = new Set(PATHS.map((p) => p.target));
    expect([...reached].sort()).toEqual([...personal].sort());
    expect(PATHS.length).toBeGreaterThan(50);
  });
});

describe.each(PATHS.map((p) => [p.steps.join(' → '), p] as const))('%s', (_name, path) => {
  it('logs every record the answer holds, with its household', async () => {
    const target = schema.getType(path.target) as GraphQLObjectType;
    const query = path.template.replace('%', scalarsOf(target).join(' '));
    const variables = path.idOf ? { id: await idOfA(path.idOf) } : undefined;
    // As an officer; a query only administrators may ask, as an administrator.
    const who = ADMIN_ONLY.has(path.steps[0]!) ? 'admin' : 'officerA';
    const since = await lastAccessId();
    const response = await app.graphql(query, variables, { cookie: fx.cookies[who] });
    expect(response.body.errors, query).toBeUndefined();
    const records = recordsAt(response.body.data, path.steps);
    const ids = [...new Set(records.map((r) => String(r.id)))];
    expect(ids.length, `${query} reached no ${path.target}`).toBeGreaterThan(0);
    const logged = await loggedSince(since, path.target);
    const missing = ids.filter((id) => !logged.records.has(id));
    expect(missing, `${query}\nrecords of ${path.target} not in the access log`).toEqual([]);
    const households = await householdsOf(path.target, ids);
    expect(
      households.filter((h) => !logged.households.has(h)),
      'households not logged',
    ).toEqual([]);
    if (ids.length > 0) expect([...logged.users]).toEqual([fx.userIds[who]]);
  });
});

describe('mutations that answer with a personal record', () => {
  const updates = Object.values(schema.getMutationType()!.getFields()).filter(
    (f) => f.name.startsWith('update') && personal.has(getNamedType(f.type).name),
  );

  it('exist for every personal type', () => {
    expect(updates.map((f) => getNamedType(f.type).name).sort()).toEqual([...personal].sort());
  });

  it.each(updates.map((f) => [f.name, getNamedType(f.type).name] as const))(
    '%s that changes nothing still logs the record it answers with',
    async (name, type) => {
      const id = await idOfA(type);
      const fields = scalarsOf(schema.getType(type) as GraphQLObjectType).join(' ');
      const since = await lastAccessId();
      const response = await app.graphql(
        `mutation ($id: ID!) { r: ${name}(id: $id) { ${fields} } }`,
        { id },
        { cookie: fx.cookies.officerA },
      );
      expect(response.body.errors).toBeUndefined();
      const logged = await loggedSince(since, type);
      expect([...logged.records]).toEqual([id]);
      expect([...logged.households]).toEqual(await householdsOf(type, [id]));
    },
  );
});
