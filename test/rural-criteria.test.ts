/**
 * New-rural-development criteria with versions (issue 14, point 2), through the HTTP server:
 * the national sets as reference data with their periods in force, area-4 commitments linked to
 * criteria of the set in force when the memorandum was signed, a commune's yearly assessments
 * (written by administrators and the officers of an agency whose partnership helps the commune,
 * read by every role but viewers), and the dashboard card's query.
 *
 * Expected values are the legal facts and the policy as documented (migration header, README), not
 * read back from the constants under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

let app: TestApp;
let fx: RoleFixture;
type Who = keyof RoleFixture['cookies'];

const as = (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  app.graphql(query, variables, { cookie: fx.cookies[who] });
const ok = async (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  dataOf(await as(who, query, variables));
const refused = async (who: Who, query: string, variables: Record<string, unknown> = {}) => {
  const response = await as(who, query, variables);
  expect(response.body.data ?? null).toBeNull();
  return response.body.errors![0]!.extensions!;
};

/** criterion ids by "SETCODE/number", as the reference data holds them. */
const criterion: Record<string, string> = {};
let communeId: string; // Xuân Sơn Bắc, helped by both agencies A and B
let communeBOnly: string; // a commune only agency B's partnership helps
let villageId: string;
let planId: string;
let memorandumId: string;
let marketCommitmentId: string;
let environmentCommitmentId: string;
let legalCommitmentId: string;

const ASSESS = `mutation ($commune: ID!, $criterion: ID!, $year: Int!, $met: Boolean!, $on: LocalDate!, $evidence: String) {
  createCriterionAssessment(communeId: $commune, criterionId: $criterion, year: $year, met: $met,
    assessedOn: $on, evidence: $evidence) { id year met recordedById } }`;
const LINK = `mutation ($id: ID!, $ids: [ID!]) { updateCommitment(id: $id, criterionIds: $ids) { id criterionIds } }`;
const OVERVIEW = `query ($c: ID!) { communeCriteriaOverview(communeId: $c) {
  years rows { criterion { id number name } criteriaSet { code legalAct } lineageId
  cells { year status assessmentId } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  fx = await signInRoles(app);
  const rows = (await app.db.query(
    `SELECT s.code || '/' || c.number AS key, c.id FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id`,
  )) as { key: string; id: string }[];
  for (const row of rows) criterion[row.key] = row.id;
  ({ id: communeId } = (
    await app.db.query(`SELECT id FROM administrative_units WHERE name = 'Xuân Sơn Bắc'`)
  )[0]);
  ({ id: villageId } = (
    await app.db.query(`SELECT id FROM administrative_units WHERE level = 'VILLAGE' LIMIT 1`)
  )[0]);
  ({ id: planId } = (await app.db.query(`SELECT id FROM plans LIMIT 1`))[0]);
  ({ id: memorandumId } = (await app.db.query(`SELECT id FROM memoranda LIMIT 1`))[0]);
  const commitment = async (where: string) =>
    (
      (await app.db.query(
        `SELECT id FROM commitments WHERE memorandum_id = $1 AND ${where} LIMIT 1`,
        [memorandumId],
      )) as { id: string }[]
    )[0]!.id;
  marketCommitmentId = await commitment(`title ILIKE '%chợ nông thôn%'`);
  environmentCommitmentId = await commitment(`title ILIKE '%môi trường%'`);
  legalCommitmentId = await commitment(`area = 'LEGAL_SUPPORT'`);
  // A commune only agency B's partnership helps.
  const { createAdministrativeUnit } = await ok(
    'admin',
    `mutation ($p: ID!) { createAdministrativeUnit(level: COMMUNE, name: "Xã chỉ B giúp (mẫu)", parentId: $p) { id } }`,
    {
      p: (
        await app.db.query(`SELECT parent_id AS id FROM administrative_units WHERE id = $1`, [
          communeId,
        ])
      )[0].id,
    },
  );
  communeBOnly = createAdministrativeUnit.id;
  await ok(
    'admin',
    `mutation ($plan: ID!, $c: ID!, $b: [ID!]!) { createPartnership(name: "Giúp xã chỉ B (mẫu)", planId: $plan, communeId: $c, sponsorIds: $b) { id } }`,
    { plan: planId, c: communeBOnly, b: [fx.agencyB.organizationId] },
  );
});
afterAll(() => app?.close());

describe('the national criteria sets, as reference data with their periods in force', () => {
  it('holds the four sets from Decision 491/QĐ-TTg (2009) to Decision 51/2025/QĐ-TTg, each with its period', async () => {
    const { allCriteriaSets } = await ok(
      'viewer',
      '{ allCriteriaSets(sortField: "validFrom", sortOrder: "ASC") { code legalAct issuedDate validFrom validTo } }',
    );
    expect(allCriteriaSets.map((s: any) => s.legalAct)).toEqual([
      'Quyết định 491/QĐ-TTg',
      'Quyết định 1980/QĐ-TTg',
      'Quyết định 318/QĐ-TTg',
      'Quyết định 51/2025/QĐ-TTg',
    ]);
    expect(allCriteriaSets[0]).toMatchObject({ issuedDate: '2009-04-16', validFrom: '2009-04-16' });
    expect(allCriteriaSets[2]).toMatchObject({ issuedDate: '2022-03-08' });
    expect(allCriteriaSets[3]).toMatchObject({ issuedDate: '2025-12-29', validTo: null });
    // No gap and no overlap: each set ends the day before the next begins.
    for (let i = 1; i < allCriteriaSets.length; i++) {
      const end = new Date(`${allCriteriaSets[i - 1].validTo}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      expect(end.toISOString().slice(0, 10)).toBe(allCriteriaSets[i].validFrom);
    }
  });

  it('numbers the 2009 set’s 19 criteria as printed: 7 is the rural market, 17 the environment', async () => {
    const { allCriteriaSets } = await ok(
      'memberA',
      '{ allCriteriaSets(filter: { q: "491" }) { id } }',
    );
    const { allCriteria } = await ok(
      'memberA',
      'query ($s: ID!) { allCriteria(filter: { criteriaSetId: $s }, perPage: 50, sortField: "position") { number name indicators { code target } } }',
      { s: allCriteriaSets[0].id },
    );
    expect(allCriteria).toHaveLength(19);
    expect(allCriteria.map((c: any) => c.number)).toEqual(
      Array.from({ length: 19 }, (_, i) => String(i + 1)),
    );
    const byNumber = Object.fromEntries(allCriteria.map((c: any) => [c.number, c]));
    expect(byNumber['7'].name).toBe('Chợ nông thôn');
    expect(byNumber['17'].name).toBe('Môi trường');
    expect(byNumber['7'].indicators.map((i: any) => i.code)).toEqual(['7.1']);
    expect(byNumber['17'].indicators.map((i: any) => i.code)).toEqual([
      '17.1',
      '17.2',
      '17.3',
      '17.4',
      '17.5',
    ]);
  });

  it('follows what the market and environment criteria became; the 2026 set has no market criterion', async () => {
    const chain = async (start: string) => {
      const names: string[] = [];
      for (let id: string | undefined = criterion[start]; id;) {
        const [row] = await app.db.query(
          `SELECT s.code || '/' || c.number AS key, c.name FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id WHERE c.id = $1`,
          [id],
        );
        names.push(`${row.key} ${row.name}`);
        id = (await app.db.query(`SELECT id FROM criteria WHERE predecessor_id = $1`, [id]))[0]?.id;
      }
      return names;
    };
    expect(await chain('NTM-2009/7')).toEqual([
      'NTM-2009/7 Chợ nông thôn',
      'NTM-2016/7 Cơ sở hạ tầng thương mại nông thôn',
      'NTM-2021/7 Cơ sở hạ tầng thương mại nông thôn',
      'NTM-2026/2 Hạ tầng kinh tế - xã hội',
    ]);
    expect(await chain('NTM-2009/17')).toEqual([
      'NTM-2009/17 Môi trường',
      'NTM-2016/17 Môi trường và an toàn thực phẩm',
      'NTM-2021/17 Môi trường và an toàn thực phẩm',
      'NTM-2026/8 Môi trường và cảnh quan nông thôn',
    ]);
    const { allCriteria } = await ok('analyst', '{ allCriteria(filter: { q: "chợ" }) { id } }');
    expect(allCriteria.map((c: any) => c.id)).toEqual([criterion['NTM-2009/7']]);
  });

  it.each(['officerA', 'memberA', 'analyst', 'viewer'] as const)(
    'is read by %s and changed only by an administrator',
    async (who) => {
      await ok(who, '{ allCriteria(perPage: 1) { id } allCriterionIndicators(perPage: 1) { id } }');
      const error = await refused(
        who,
        'mutation { createCriteriaSet(code: "X", name: "X", legalAct: "X", validFrom: "2030-01-01") { id } }',
      );
      expect(error.code).toBe('FORBIDDEN');
      expect(
        (
          await refused(who, 'mutation ($id: ID!) { updateCriterion(id: $id, note: "x") { id } }', {
            id: criterion['NTM-2009/7'],
          })
        ).code,
      ).toBe('FORBIDDEN');
    },
  );

  it('refuses a set ending before it begins, a number used twice in a set, a predecessor from a later set', async () => {
    let error = await refused(
      'admin',
      'mutation { createCriteriaSet(code: "NTM-X", name: "X", legalAct: "X", validFrom: "2030-01-01", validTo: "2029-12-31") { id } }',
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'validTo',
      rule: 'afterValidFrom',
    });
    const set2009 = (await app.db.query(`SELECT id FROM criteria_sets WHERE code = 'NTM-2009'`))[0]
      .id;
    error = await refused(
      'admin',
      'mutation ($s: ID!) { createCriterion(criteriaSetId: $s, number: "7", name: "Chợ thứ hai") { id } }',
      { s: set2009 },
    );
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number', rule: 'uniqueInSet' });
    error = await refused(
      'admin',
      'mutation ($s: ID!, $p: ID!) { createCriterion(criteriaSetId: $s, number: "20", name: "X", predecessorId: $p) { id } }',
      { s: set2009, p: criterion['NTM-2016/7'] },
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'predecessorId',
      rule: 'earlierSet',
    });
    const { createCriterionIndicator } = await ok(
      'admin',
      'mutation ($c: ID!) { createCriterionIndicator(criterionId: $c, code: "7.9", content: "Chỉ tiêu thử", target: "Đạt") { id code } }',
      { c: criterion['NTM-2009/7'] },
    );
    expect(createCriterionIndicator.code).toBe('7.9');
    error = await refused(
      'admin',
      'mutation ($c: ID!) { createCriterionIndicator(criterionId: $c, code: "7.9", content: "Lặp") { id } }',
      { c: criterion['NTM-2009/7'] },
    );
    expect(error).toMatchObject({ field: 'code', rule: 'uniqueInCriterion' });
  });
});

describe('area-4 commitments linked to criteria of the set in force at signing', () => {
  it('the demo links its market and environment commitments to the 2009 set’s criteria 7 and 17', async () => {
    const { Commitment: market } = await ok(
      'viewer',
      'query ($id: ID!) { Commitment(id: $id) { area criterionIds criteria { number name } } }',
      { id: marketCommitmentId },
    );
    expect(market.area).toBe('MARKET_ENVIRONMENT_CRITERIA');
    expect(market.criteria).toEqual([{ number: '7', name: 'Chợ nông thôn' }]);
    const { Commitment: environment } = await ok(
      'viewer',
      'query ($id: ID!) { Commitment(id: $id) { criteria { number name } } }',
      { id: environmentCommitmentId },
    );
    expect(environment.criteria).toEqual([{ number: '17', name: 'Môi trường' }]);
    const { allCommitments } = await ok(
      'analyst',
      'query ($c: ID!) { allCommitments(filter: { criterionId: $c }) { id } }',
      { c: criterion['NTM-2009/17'] },
    );
    expect(allCommitments.map((c: any) => c.id)).toEqual([environmentCommitmentId]);
  });

  it('one commitment may act on both criteria (as the memorandum words it)', async () => {
    const { updateCommitment } = await ok('admin', LINK, {
      id: marketCommitmentId,
      ids: [criterion['NTM-2009/7'], criterion['NTM-2009/17']],
    });
    expect([...updateCommitment.criterionIds].sort()).toEqual(
      [criterion['NTM-2009/7'], criterion['NTM-2009/17']].sort(),
    );
    await ok('admin', LINK, { id: marketCommitmentId, ids: [criterion['NTM-2009/7']] });
  });

  it('refuses a criterion of a set not in force when the memorandum was signed (2014: not the 2016 set), writing nothing', async () => {
    const error = await refused('admin', LINK, {
      id: marketCommitmentId,
      ids: [criterion['NTM-2016/7']],
    });
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'criterionIds',
      rule: 'criteriaSetInForceOnSigning',
    });
    const links = await app.db.query(
      `SELECT criterion_id AS id FROM commitment_criteria WHERE commitment_id = $1`,
      [marketCommitmentId],
    );
    expect(links.map((l: any) => l.id)).toEqual([criterion['NTM-2009/7']]);
  });

  it('refuses criteria on a commitment of another area, and moving a linked commitment out of area 4', async () => {
    let error = await refused('admin', LINK, {
      id: legalCommitmentId,
      ids: [criterion['NTM-2009/7']],
    });
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'criterionIds',
      rule: 'criteriaOnlyForMarketEnvironmentArea',
    });
    error = await refused(
      'admin',
      'mutation ($id: ID!) { updateCommitment(id: $id, area: LEGAL_SUPPORT) { id } }',
      { id: marketCommitmentId },
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'area',
      rule: 'criteriaOnlyForMarketEnvironmentArea',
    });
  });

  it('judges by the signing date: a memorandum signed in 2023 takes the 2021–2025 set, not the 2009 one', async () => {
    const { allPartnerships } = await ok('admin', '{ allPartnerships(perPage: 1) { id } }');
    const { createMemorandum } = await ok(
      'admin',
      'mutation ($p: ID!, $o: ID!) { createMemorandum(partnershipId: $p, partyIds: [$o], title: "Biên bản 2023 (mẫu)", signedDate: "2023-05-10") { id } }',
      { p: allPartnerships[0].id, o: fx.agencyA.organizationId },
    );
    const create = (ids: string[]) =>
      as(
        'admin',
        'mutation ($m: ID!, $ids: [ID!]) { createCommitment(memorandumId: $m, area: MARKET_ENVIRONMENT_CRITERIA, title: "Chợ (mẫu)", criterionIds: $ids) { id criterionIds } }',
        { m: createMemorandum.id, ids },
      );
    const refusedOne = await create([criterion['NTM-2009/7']!]);
    expect(refusedOne.body.errors![0]!.extensions).toMatchObject({
      field: 'criterionIds',
      rule: 'criteriaSetInForceOnSigning',
    });
    const accepted = dataOf(await create([criterion['NTM-2021/7']!]));
    expect(accepted.createCommitment.criterionIds).toEqual([criterion['NTM-2021/7']]);
  });

  it('refuses to link when neither the signing date nor the coordination-plan date is known', async () => {
    const { createPartnership } = await ok(
      'admin',
      'mutation ($plan: ID!, $c: ID!, $b: [ID!]!) { createPartnership(name: "Chưa có ngày (mẫu)", planId: $plan, communeId: $c, sponsorIds: $b) { id } }',
      { plan: planId, c: communeBOnly, b: [fx.agencyB.organizationId] },
    );
    const { createMemorandum } = await ok(
      'admin',
      'mutation ($p: ID!, $o: ID!) { createMemorandum(partnershipId: $p, partyIds: [$o], title: "Chưa ký (mẫu)") { id } }',
      { p: createPartnership.id, o: fx.agencyB.organizationId },
    );
    const response = await as(
      'admin',
      'mutation ($m: ID!, $ids: [ID!]) { createCommitment(memorandumId: $m, area: MARKET_ENVIRONMENT_CRITERIA, title: "X", criterionIds: $ids) { id } }',
      { m: createMemorandum.id, ids: [criterion['NTM-2009/7']] },
    );
    expect(response.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'criterionIds',
      rule: 'memorandumSigned',
    });
  });

  it('an agency officer may not link criteria (commitments are reference data)', async () => {
    expect(
      (await refused('officerA', LINK, { id: marketCommitmentId, ids: [criterion['NTM-2009/7']] }))
        .code,
    ).toBe('FORBIDDEN');
  });
});

describe("a commune's yearly assessment of a criterion", () => {
  const assess = (who: Who, vars: Record<string, unknown>) =>
    as(who, ASSESS, {
      commune: communeId,
      criterion: criterion['NTM-2009/7'],
      year: 2012,
      met: false,
      on: '2012-12-20',
      ...vars,
    });

  it('an administrator records one; the server names who recorded it and the trail keeps it', async () => {
    const { createCriterionAssessment } = dataOf(
      await assess('admin', { year: 2010, evidence: 'Biên bản (mẫu)' }),
    );
    expect(createCriterionAssessment).toMatchObject({ year: 2010, recordedById: fx.userIds.admin });
    const [entry] = await app.db.query(
      `SELECT actor_user_id, operation FROM audit_log WHERE table_name = 'criterion_assessments' AND record_id = $1`,
      [createCriterionAssessment.id],
    );
    expect(entry).toEqual({ actor_user_id: fx.userIds.admin, operation: 'INSERT' });
  });

  it('an officer of an agency whose partnership helps the commune records one; another agency’s officer may not', async () => {
    const mine = dataOf(await assess('officerA', { year: 2011 }));
    expect(mine.createCriterionAssessment.recordedById).toBe(fx.userIds.officerA);
    const outside = await refused('officerA', ASSESS, {
      commune: communeBOnly,
      criterion: criterion['NTM-2009/7'],
      year: 2011,
      met: true,
      on: '2011-12-20',
    });
    expect(outside).toMatchObject({ code: 'FORBIDDEN', rule: 'scope', field: 'communeId' });
    const b = dataOf(
      await as('officerB', ASSESS, {
        commune: communeBOnly,
        criterion: criterion['NTM-2009/7'],
        year: 2013,
        met: true,
        on: '2013-12-20',
      }),
    );
    const id = b.createCriterionAssessment.id;
    // Officer A reads it but may neither change nor remove it.
    expect(
      (await ok('officerA', 'query ($id: ID!) { CriterionAssessment(id: $id) { id } }', { id }))
        .CriterionAssessment.id,
    ).toBe(id);
    expect(
      (
        await refused(
          'officerA',
          'mutation ($id: ID!) { updateCriterionAssessment(id: $id, met: false) { id } }',
          { id },
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refused(
          'officerA',
          'mutation ($id: ID!) { deleteCriterionAssessment(id: $id) { id } }',
          { id },
        )
      ).code,
    ).toBe('NOT_FOUND');
    // Nor move one of its own commune's into B's.
    expect(
      (
        await refused(
          'officerA',
          'mutation ($id: ID!, $c: ID!) { updateCriterionAssessment(id: $id, communeId: $c) { id } }',
          { id: mine.createCriterionAssessment.id, c: communeBOnly },
        )
      ).rule,
    ).toBe('scope');
  });

  it.each(['memberA', 'analyst', 'viewer'] as const)('%s may not record one', async (who) => {
    expect(
      (
        await refused(who, ASSESS, {
          commune: communeId,
          criterion: criterion['NTM-2009/7'],
          year: 2013,
          met: true,
          on: '2013-12-20',
        })
      ).code,
    ).toBe('FORBIDDEN');
  });

  it.each(['officerA', 'officerB', 'memberA', 'analyst'] as const)(
    '%s reads every commune’s assessments',
    async (who) => {
      const { _allCriterionAssessmentsMeta } = await ok(
        who,
        '{ _allCriterionAssessmentsMeta { count } }',
      );
      const [{ n }] = await app.db.query('SELECT count(*)::int AS n FROM criterion_assessments');
      expect(_allCriterionAssessmentsMeta.count).toBe(n);
    },
  );

  it('a viewer reads none', async () => {
    expect((await refused('viewer', '{ allCriterionAssessments { id } }')).code).toBe('FORBIDDEN');
  });

  it('refuses a unit that is not a commune', async () => {
    const response = await assess('admin', { commune: villageId, year: 2009, on: '2009-12-01' });
    expect(response.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'communeId',
      rule: 'communeLevel',
    });
  });

  it('refuses a criterion whose set was not in force in the year (2009 set in 2020, 2026 set in 2025)', async () => {
    for (const [key, year] of [
      ['NTM-2009/7', 2020],
      ['NTM-2026/2', 2025],
      ['NTM-2021/7', 2021],
    ] as const) {
      const response = await assess('admin', {
        criterion: criterion[key],
        year,
        on: `${year}-12-20`,
      });
      expect(response.body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'criterionId',
        rule: 'criteriaSetInForceInYear',
      });
    }
    // 2016: the 2009 set until October, the 2016–2020 set from then: both may be assessed.
    dataOf(
      await assess('admin', { criterion: criterion['NTM-2016/7'], year: 2016, on: '2016-12-20' }),
    );
    dataOf(
      await assess('admin', { criterion: criterion['NTM-2009/7'], year: 2016, on: '2016-06-20' }),
    );
  });

  it('keeps one assessment per commune, criterion and year', async () => {
    const response = await assess('officerB', { year: 2014, on: '2014-12-30' });
    expect(response.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
      rule: 'onePerCommuneCriterionYear',
    });
  });

  it('refuses an assessment dated before its year or in the future, and a year out of range', async () => {
    let response = await assess('admin', { year: 2013, on: '2012-12-31' });
    expect(response.body.errors![0]!.extensions).toMatchObject({
      field: 'assessedOn',
      rule: 'notBeforeYear',
    });
    response = await assess('admin', {
      year: 2013,
      on: `${new Date().getUTCFullYear() + 1}-06-01`,
    });
    expect(response.body.errors![0]!.extensions).toMatchObject({
      field: 'assessedOn',
      rule: 'notInFuture',
    });
    response = await assess('admin', { year: 1999, on: '2000-01-01' });
    expect(response.body.errors![0]!.extensions).toMatchObject({ field: 'year', rule: 'min' });
  });
});

describe('the card "Tiêu chí nông thôn mới của xã"', () => {
  it('shows, year by year since 2014, the linked criteria and those that took them over, each cell opening its assessment', async () => {
    const { communeCriteriaOverview: o } = await ok('memberA', OVERVIEW, { c: communeId });
    const thisYear = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(
        new Date(),
      ),
    );
    // The tests above added assessments from 2010: the years start with the first of them.
    expect(o.years[0]).toBe(2010);
    expect(o.years.at(-1)).toBe(thisYear);
    const label = (r: any) => `${r.criteriaSet.legalAct} ${r.criterion.number} ${r.criterion.name}`;
    expect(o.rows.map(label)).toEqual([
      'Quyết định 491/QĐ-TTg 7 Chợ nông thôn',
      'Quyết định 1980/QĐ-TTg 7 Cơ sở hạ tầng thương mại nông thôn',
      'Quyết định 318/QĐ-TTg 7 Cơ sở hạ tầng thương mại nông thôn',
      'Quyết định 51/2025/QĐ-TTg 2 Hạ tầng kinh tế - xã hội',
      'Quyết định 491/QĐ-TTg 17 Môi trường',
      'Quyết định 1980/QĐ-TTg 17 Môi trường và an toàn thực phẩm',
      'Quyết định 318/QĐ-TTg 17 Môi trường và an toàn thực phẩm',
      'Quyết định 51/2025/QĐ-TTg 8 Môi trường và cảnh quan nông thôn',
    ]);
    const cell = (row: number, year: number) => o.rows[row].cells.find((c: any) => c.year === year);
    // The demo's sample assessments of Xuân Sơn Bắc: market not met in 2014, environment met in 2015.
    const market2014 = cell(0, 2014);
    expect(market2014.status).toBe('NOT_MET');
    const { CriterionAssessment } = await ok(
      'memberA',
      'query ($id: ID!) { CriterionAssessment(id: $id) { year met evidence criterionId communeId } }',
      { id: market2014.assessmentId },
    );
    expect(CriterionAssessment).toMatchObject({
      year: 2014,
      met: false,
      criterionId: criterion['NTM-2009/7'],
      communeId,
    });
    expect(CriterionAssessment.evidence).toContain('mẫu');
    expect(cell(4, 2015).status).toBe('MET');
    expect(cell(1, 2018).status).toBe('MET');
    expect(cell(0, 2013)).toMatchObject({ status: 'NOT_ASSESSED', assessmentId: null });
    expect(cell(1, 2014)).toMatchObject({ status: 'NOT_IN_FORCE', assessmentId: null });
    expect(cell(0, 2017).status).toBe('NOT_IN_FORCE');
    expect(cell(3, 2025).status).toBe('NOT_IN_FORCE');
  });

  it('a commune none of whose commitments names a criterion shows no rows', async () => {
    const { communeCriteriaOverview: o } = await ok('officerB', OVERVIEW, { c: communeBOnly });
    expect(o.rows).toEqual([]);
  });

  it('is refused to a viewer, and to an id that is no unit', async () => {
    expect((await refused('viewer', OVERVIEW, { c: communeId })).code).toBe('FORBIDDEN');
    expect((await refused('analyst', OVERVIEW, { c: 'nope' })).code).toBe('NOT_FOUND');
  });
});
