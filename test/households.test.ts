import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../server/src/common/time';
import { dataOf, startTestApp, type TestApp } from './support/app';
import {
  expectBadInput,
  loadMutationArgTypes,
  countRows as sharedCountRows,
  mutationDocument,
  type Row,
  type Vars,
} from './support/mutations';

let app: TestApp;
let cookie: string;
let argTypes: Map<string, Map<string, string>>;
let villageId: string;
let communeId: string;
let communePcId: string;

const CITIZEN_ID = '012345678905';
const MEMBER_FIELDS =
  'id householdId fullName birthYear relation isPupil citizenIdMasked legacyIdNumberMasked version createdAt updatedAt';
const HOUSEHOLD_FIELDS = 'villageId headName address circumstances needs notes version';
const ASPIRATION_FIELDS =
  'status authorityId forwardedDate response responseDate recordedDate content open version';

const gql = (query: string, variables: Vars = {}) => app.graphql(query, variables, { cookie });
const read = async (query: string, variables: Vars = {}) => dataOf(await gql(query, variables));

/** Calls a mutation with exactly the given arguments, typed as the schema declares them. */
const mutate = (name: string, variables: Vars, selection = 'id') =>
  gql(mutationDocument(argTypes, name, variables, selection), variables);

const write = async (name: string, variables: Vars, selection = 'id'): Promise<Row> =>
  dataOf(await mutate(name, variables, selection)).result;

const getOne = async (type: string, id: string, selection: string): Promise<Row> =>
  (await read(`query ($id: ID!) { record: ${type}(id: $id) { ${selection} } }`, { id })).record;

const countRows = (table: string) => sharedCountRows(app, table);

/** Runs a request and checks that the table holds as many rows afterwards. */
async function writesNothing<T>(table: string, request: () => Promise<T>): Promise<T> {
  const before = await countRows(table);
  const result = await request();
  expect(await countRows(table), `rows in ${table}`).toBe(before);
  return result;
}

const vietnamDate = todayInVietnam;
const today = () => vietnamDate(new Date());
const thisYear = () => Number(today().slice(0, 4));

const newHousehold = (headName: string, extra: Vars = {}) =>
  write('createHousehold', { villageId, headName, ...extra }, `id ${HOUSEHOLD_FIELDS}`);

const overview = async () =>
  (
    await read(
      `{ householdOverview { escapedCount escapedSustainablyCount openAspirationCount openAspirationsByAge { bucket count } } }`,
    )
  ).householdOverview;

beforeAll(async () => {
  app = await startTestApp();
  cookie = await app.login();
  argTypes = await loadMutationArgTypes(app, cookie);
  const data = await read(`{
    allAdministrativeUnits(perPage: 1000) { id name level }
    allOrganizations(perPage: 1000) { id name } }`);
  const unit = (name: string) => data.allAdministrativeUnits.find((u: Row) => u.name === name);
  villageId = unit('Thôn 1 (mẫu)').id;
  communeId = unit('Xuân Sơn Bắc').id;
  communePcId = data.allOrganizations.find((o: Row) => o.name === 'UBND xã Xuân Sơn Bắc').id;
});
afterAll(() => app?.close());

describe('households', () => {
  it('refuses a commune as the village and writes nothing', async () => {
    const response = await writesNothing('households', () =>
      mutate('createHousehold', { villageId: communeId, headName: 'Hộ Nguyễn Văn Tư' }),
    );
    expectBadInput(response, 'villageId', 'villageLevel');
  });

  it('refuses to move a household to a commune, leaving it unchanged', async () => {
    const { id } = await newHousehold('Hộ Phạm Văn Năm');
    const before = await getOne('Household', id, HOUSEHOLD_FIELDS);
    const response = await mutate('updateHousehold', { id, villageId: communeId, notes: 'Chuyển' });
    expectBadInput(response, 'villageId', 'villageLevel');
    expect(await getOne('Household', id, HOUSEHOLD_FIELDS)).toEqual(before);
  });

  it('keeps needs as a set and finds households by one need', async () => {
    const created = await newHousehold('Hộ Lê Văn Sáu', { needs: ['HEALTH', 'CAPITAL', 'HEALTH'] });
    expect([...created.needs].sort()).toEqual(['CAPITAL', 'HEALTH']);
    const other = await newHousehold('Hộ Lê Văn Bảy', { needs: ['HOUSING'] });
    const updated = await write(
      'updateHousehold',
      { id: other.id, needs: ['EDUCATION', 'HOUSING', 'EDUCATION'] },
      'needs',
    );
    expect([...updated.needs].sort()).toEqual(['EDUCATION', 'HOUSING']);

    const { all, capital, meta } = await read(`{
      all: allHouseholds(perPage: 1000) { id needs }
      capital: allHouseholds(filter: { needs: CAPITAL }, perPage: 1000) { id }
      meta: _allHouseholdsMeta(filter: { needs: CAPITAL }) { count } }`);
    const expected = all.filter((h: Row) => h.needs.includes('CAPITAL')).map((h: Row) => h.id);
    expect(capital.map((h: Row) => h.id).sort()).toEqual(expected.sort());
    expect(capital.map((h: Row) => h.id)).toContain(created.id);
    expect(capital.map((h: Row) => h.id)).not.toContain(other.id);
    expect(meta.count).toBe(expected.length);
  });
});

describe('household members’ ID numbers', () => {
  let householdId: string;
  let memberId: string;

  const newMember = (extra: Vars) =>
    mutate(
      'createHouseholdMember',
      { householdId, fullName: 'Nguyễn Thị Chín', relation: 'SPOUSE', birthYear: 1980, ...extra },
      MEMBER_FIELDS,
    );

  beforeAll(async () => {
    householdId = (await newHousehold('Hộ Nguyễn Văn Tám')).id;
  });

  it('stores a 12-digit citizen ID and shows it masked', async () => {
    const created = dataOf(
      await newMember({ fullName: 'Nguyễn Văn Tám', relation: 'HEAD', citizenId: CITIZEN_ID }),
    ).result;
    expect(created.citizenIdMasked).toBe('0**********5');
    memberId = created.id;
  });

  it('stores an old 9-digit number apart, masked too', async () => {
    const created = dataOf(await newMember({ legacyIdNumber: '381234567' })).result;
    expect(created).toMatchObject({ legacyIdNumberMasked: '3*******7', citizenIdMasked: null });
  });

  it.each([
    {
      title: 'an 11-digit citizen ID',
      input: { citizenId: '01234567890' },
      field: 'citizenId',
      rule: 'citizenId',
    },
    {
      title: 'a 13-digit citizen ID',
      input: { citizenId: '0123456789051' },
      field: 'citizenId',
      rule: 'citizenId',
    },
    {
      title: 'a citizen ID with letters',
      input: { citizenId: '01234567890A' },
      field: 'citizenId',
      rule: 'citizenId',
    },
    {
      title: 'a citizen ID with spaces inside',
      input: { citizenId: '012 345 678 905' },
      field: 'citizenId',
      rule: 'citizenId',
    },
    {
      title: 'a citizen ID another member has',
      input: { citizenId: CITIZEN_ID },
      field: 'citizenId',
      rule: 'unique',
    },
    {
      title: 'a 12-digit number as the old ID',
      input: { legacyIdNumber: '123456789012' },
      field: 'legacyIdNumber',
      rule: 'legacyIdNumber',
    },
    {
      title: 'an 8-digit old ID',
      input: { legacyIdNumber: '12345678' },
      field: 'legacyIdNumber',
      rule: 'legacyIdNumber',
    },
  ])('refuses $title and writes nothing', async ({ input, field, rule }) => {
    const response = await writesNothing('household_members', () => newMember(input));
    expectBadInput(response, field, rule);
  });

  it('refuses another member’s citizen ID on update, leaving the member unchanged', async () => {
    const other = dataOf(await newMember({ citizenId: '079123456789' })).result;
    const response = await mutate('updateHouseholdMember', { id: other.id, citizenId: CITIZEN_ID });
    expectBadInput(response, 'citizenId', 'unique');
    expect(await getOne('HouseholdMember', other.id, MEMBER_FIELDS)).toEqual(other);
  });

  it('lets a member keep their own citizen ID on update', async () => {
    const updated = await write(
      'updateHouseholdMember',
      { id: memberId, citizenId: CITIZEN_ID, birthYear: 1979 },
      'citizenIdMasked birthYear',
    );
    expect(updated).toEqual({ citizenIdMasked: '0**********5', birthYear: 1979 });
  });

  it('never sends the full ID number in lists, records or refusals', async () => {
    const [household, ...others] = await Promise.all([
      gql(`query ($id: ID!) { Household(id: $id) { members { ${MEMBER_FIELDS} } } }`, {
        id: householdId,
      }),
      gql(`{ allHouseholds(perPage: 1000) { id members { ${MEMBER_FIELDS} } } }`),
      gql(`{ allHouseholdMembers(perPage: 1000) { ${MEMBER_FIELDS} } }`),
      gql(`query ($q: String) { allHouseholdMembers(filter: { q: $q }) { ${MEMBER_FIELDS} } }`, {
        q: CITIZEN_ID,
      }),
      gql(`query ($id: ID!) { HouseholdMember(id: $id) { ${MEMBER_FIELDS} } }`, { id: memberId }),
      newMember({ citizenId: CITIZEN_ID }),
    ]);
    const masked = dataOf(household).Household.members.map((m: Row) => m.citizenIdMasked);
    expect(masked).toContain('0**********5');
    for (const response of [household, ...others]) {
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(CITIZEN_ID);
      expect(text).not.toContain('381234567');
    }
  });
});

describe('household categories over time', () => {
  let bothId: string;
  let formerNearPoorId: string;

  beforeAll(async () => {
    const year = thisYear();
    const period = (householdId: string, category: string, validFrom: string, validTo?: string) =>
      write('createHouseholdCategoryPeriod', { householdId, category, validFrom, validTo });
    bothId = (await newHousehold('Hộ Trần Văn Mười')).id;
    await period(bothId, 'POOR', '2014-01-01');
    await period(bothId, 'POLICY_FAMILY', '2010-01-01');
    await period(bothId, 'NEAR_POOR', `${year - 2}-01-01`, `${year - 1}-12-31`);
    formerNearPoorId = (await newHousehold('Hộ Võ Văn Một')).id;
    await period(formerNearPoorId, 'NEAR_POOR', '2015-01-01', `${year - 1}-12-31`);
  });

  it('holds several categories at once and drops a period that ended last year', async () => {
    const household = await getOne(
      'Household',
      bothId,
      'currentCategories categoryPeriods { category validFrom validTo }',
    );
    expect([...household.currentCategories].sort()).toEqual(['POLICY_FAMILY', 'POOR']);
    expect(household.categoryPeriods.map((p: Row) => p.category)).toEqual([
      'NEAR_POOR',
      'POOR',
      'POLICY_FAMILY',
    ]);
    const former = await getOne('Household', formerNearPoorId, 'currentCategories');
    expect(former.currentCategories).toEqual([]);
  });

  it.each(['POOR', 'NEAR_POOR', 'POLICY_FAMILY'])(
    'lists the households in category %s today',
    async (category) => {
      const { all, filtered, meta } = await read(
        `query ($c: HouseholdCategory) {
           all: allHouseholds(perPage: 1000) { id currentCategories }
           filtered: allHouseholds(filter: { category: $c }, perPage: 1000) { id }
           meta: _allHouseholdsMeta(filter: { category: $c }) { count } }`,
        { c: category },
      );
      const expected = all
        .filter((h: Row) => h.currentCategories.includes(category))
        .map((h: Row) => h.id);
      const ids = filtered.map((h: Row) => h.id);
      expect(ids.sort()).toEqual(expected.sort());
      expect(meta.count).toBe(expected.length);
      expect(ids.includes(bothId)).toBe(category !== 'NEAR_POOR');
      expect(ids).not.toContain(formerNearPoorId);
    },
  );

  it('counts the ten demo households and the new one among the poor today', async () => {
    const { meta } = await read(
      '{ meta: _allHouseholdsMeta(filter: { category: POOR }) { count } }',
    );
    expect(meta.count).toBe(11);
  });

  it('starts a period today and ends one yesterday by the calendar in Vietnam', async () => {
    const { id } = await newHousehold('Hộ Đặng Văn Hai');
    const yesterday = vietnamDate(new Date(Date.now() - 86_400_000));
    await write('createHouseholdCategoryPeriod', {
      householdId: id,
      category: 'NEAR_POOR',
      validFrom: '2015-01-01',
      validTo: yesterday,
    });
    await write('createHouseholdCategoryPeriod', {
      householdId: id,
      category: 'POOR',
      validFrom: today(),
    });
    expect((await getOne('Household', id, 'currentCategories')).currentCategories).toEqual([
      'POOR',
    ]);
    const { poor, nearPoor } = await read(
      `query ($ids: [ID!]) {
         poor: allHouseholds(filter: { ids: $ids, category: POOR }) { id }
         nearPoor: allHouseholds(filter: { ids: $ids, category: NEAR_POOR }) { id } }`,
      { ids: [id] },
    );
    expect([poor, nearPoor]).toEqual([[{ id }], []]);
  });

  it('refuses a period ending before it starts and writes nothing', async () => {
    const response = await writesNothing('household_category_periods', () =>
      mutate('createHouseholdCategoryPeriod', {
        householdId: bothId,
        category: 'NEAR_POOR',
        validFrom: '2016-01-01',
        validTo: '2015-12-31',
      }),
    );
    expectBadInput(response, 'validTo', 'afterValidFrom');
  });
});

describe('poverty reviews', () => {
  const OUTCOME =
    'povertyReviews { year result } povertyOutcome { escapedInYear escapedSustainably latestYear latestResult }';
  let before: Row;
  const households: Record<string, string> = {};

  const review = (householdId: string, year: number, result: string) =>
    // The standard defaults to the one in force in the year (reviews.test.ts checks the rule).
    mutate('createPovertyReview', { householdId, year, result }, 'id year result');

  const HISTORIES = {
    sustained: 'POOR → NEAR_POOR → NOT_POOR',
    relapsed: 'POOR → NOT_POOR → POOR',
    justOut: 'POOR → NOT_POOR',
  };
  const resultsOf = (history: string) => history.split(' → ');

  beforeAll(async () => {
    before = await overview();
    for (const [key, history] of Object.entries(HISTORIES)) {
      households[key] = (await newHousehold(`Hộ rà soát ${history}`)).id;
      const reviews = resultsOf(history).map((result, i) => ({ year: 2014 + i, result }));
      for (const { year, result } of reviews.reverse())
        dataOf(await review(households[key], year, result));
    }
  });

  it.each([
    {
      key: 'sustained',
      title: 'escaped in 2015, sustainably',
      outcome: { escapedInYear: 2015, escapedSustainably: true, latestYear: 2016 },
    },
    {
      key: 'relapsed',
      title: 'not escaped',
      outcome: { escapedInYear: null, escapedSustainably: false, latestYear: 2016 },
    },
    {
      key: 'justOut',
      title: 'escaped in 2015, not yet proven sustainable',
      outcome: { escapedInYear: 2015, escapedSustainably: false, latestYear: 2015 },
    },
  ])('reads the $key history as $title', async ({ key, outcome }) => {
    const results = resultsOf(HISTORIES[key as keyof typeof HISTORIES]);
    const household = await getOne('Household', households[key]!, OUTCOME);
    expect(household.povertyReviews).toEqual(
      results.map((result, i) => ({ year: 2014 + i, result })),
    );
    expect(household.povertyOutcome).toEqual({ ...outcome, latestResult: results.at(-1) });
  });

  it('counts two more escapes, one of them sustained, on the dashboard', async () => {
    const after = await overview();
    expect(after.escapedCount - before.escapedCount).toBe(2);
    expect(after.escapedSustainablyCount - before.escapedSustainablyCount).toBe(1);
  });

  it('stops counting an escape as sustained once a later review finds the household poor again', async () => {
    const start = await overview();
    dataOf(await review(households.sustained!, 2017, 'POOR'));
    const household = await getOne('Household', households.sustained!, OUTCOME);
    expect(household.povertyOutcome).toMatchObject({
      escapedInYear: null,
      escapedSustainably: false,
    });
    const after = await overview();
    expect(after.escapedCount).toBe(start.escapedCount - 1);
    expect(after.escapedSustainablyCount).toBe(start.escapedSustainablyCount - 1);
  });

  it('follows a corrected review and a deleted one on the dashboard', async () => {
    const reviews = (id: string) =>
      getOne('Household', id, 'povertyReviews { id year result version }').then(
        (h) => h.povertyReviews as Row[],
      );
    const start = await overview();
    // justOut: POOR 2014 → NOT_POOR 2015. Corrected: 2015 was POOR after all → no escape.
    const [, in2015] = await reviews(households.justOut!);
    dataOf(await mutate('updatePovertyReview', { id: in2015!.id, result: 'POOR' }));
    expect((await overview()).escapedCount).toBe(start.escapedCount - 1);
    // relapsed: POOR → NOT_POOR → POOR. Deleting the 2016 review leaves the 2015 escape.
    const relapse = (await reviews(households.relapsed!)).find((r) => r.year === 2016)!;
    dataOf(await mutate('deletePovertyReview', { id: relapse.id, version: relapse.version }));
    const after = await overview();
    expect(after.escapedCount).toBe(start.escapedCount);
    expect(after.escapedSustainablyCount).toBe(start.escapedSustainablyCount);
  });

  it('counts on the dashboard exactly the households whose record reads as escaped', async () => {
    const data = await read(
      `{ allHouseholds(perPage: 1000) { id povertyOutcome { escapedInYear escapedSustainably } } }`,
    );
    const rows = data.allHouseholds as Row[];
    expect(rows.length).toBeLessThan(1000);
    const escaped = rows.filter((h) => h.povertyOutcome?.escapedInYear != null);
    const figures = await overview();
    expect(figures.escapedCount).toBe(escaped.length);
    expect(figures.escapedSustainablyCount).toBe(
      escaped.filter((h) => h.povertyOutcome.escapedSustainably).length,
    );
  });

  it.each([
    { title: 'a second review for the same year', year: () => 2015, rule: 'oncePerYear' },
    { title: 'a review of next year', year: () => thisYear() + 1, rule: 'notInFuture' },
  ])('refuses $title and writes nothing', async ({ year, rule }) => {
    const response = await writesNothing('poverty_reviews', () =>
      review(households.justOut!, year(), 'NOT_POOR'),
    );
    expectBadInput(response, 'year', rule);
  });

  it('refuses to move a review onto a year already reviewed, leaving it unchanged', async () => {
    const { allPovertyReviews } = await read(
      'query ($h: ID!) { allPovertyReviews(filter: { householdId: $h, year_gte: 2015 }) { id } }',
      { h: households.justOut },
    );
    const id = allPovertyReviews[0].id;
    const fields = 'householdId year result standard notes version';
    const unchanged = await getOne('PovertyReview', id, fields);
    const response = await mutate('updatePovertyReview', { id, year: 2014, notes: 'Nhầm năm' });
    expectBadInput(response, 'year', 'oncePerYear');
    expect(await getOne('PovertyReview', id, fields)).toEqual(unchanged);
  });
});

describe('aspirations', () => {
  let householdId: string;
  let aspiration: Row;
  let visitId: string;

  const update = (changes: Vars) =>
    mutate('updateAspiration', { id: aspiration.id, ...changes }, `id ${ASPIRATION_FIELDS}`);

  /** Sends an update that must be refused, and checks the aspiration did not change. */
  async function refusedUpdate(changes: Vars, field: string, rule: string) {
    const before = await getOne('Aspiration', aspiration.id, ASPIRATION_FIELDS);
    expectBadInput(await update(changes), field, rule);
    expect(await getOne('Aspiration', aspiration.id, ASPIRATION_FIELDS)).toEqual(before);
  }

  beforeAll(async () => {
    const { allSupportGroups } = await read(
      '{ allSupportGroups(filter: { q: "Nhóm 1 – Sở Tư pháp" }) { householdIds visits { id } } }',
    );
    householdId = allSupportGroups[0].householdIds[0];
    visitId = allSupportGroups[0].visits[0].id;
  });

  it('records a new aspiration as RECORDED and counts it open on the dashboard', async () => {
    const start = await overview();
    aspiration = await write(
      'createAspiration',
      {
        householdId,
        visitId,
        content: 'Đề nghị hỗ trợ sửa nhà trước mùa mưa bão.',
        status: 'RECORDED',
        recordedDate: today(),
      },
      `id ageDays ${ASPIRATION_FIELDS}`,
    );
    expect(aspiration).toMatchObject({ status: 'RECORDED', open: true, ageDays: 0 });
    const after = await overview();
    expect(after.openAspirationCount).toBe(start.openAspirationCount + 1);
    const fresh = (o: Row) => o.openAspirationsByAge.find((b: Row) => b.bucket === '0-30').count;
    expect(fresh(after)).toBe(fresh(start) + 1);
  });

  it('refuses a new aspiration that starts FORWARDED and writes nothing', async () => {
    const response = await writesNothing('aspirations', () =>
      mutate('createAspiration', {
        householdId,
        content: 'Đề nghị cấp thẻ bảo hiểm y tế.',
        status: 'FORWARDED',
        recordedDate: today(),
        authorityId: communePcId,
        forwardedDate: today(),
      }),
    );
    expectBadInput(response, 'status', 'startsRecorded');
  });

  it('refuses RECORDED → RESOLVED without forwarding', async () => {
    await refusedUpdate(
      {
        status: 'RESOLVED',
        authorityId: communePcId,
        forwardedDate: today(),
        response: 'Đã hỗ trợ.',
        responseDate: today(),
      },
      'status',
      'transition',
    );
  });

  it('refuses forwarding without the authority', async () => {
    await refusedUpdate(
      { status: 'FORWARDED', forwardedDate: today() },
      'authorityId',
      'requiredWhenForwarded',
    );
  });

  it('forwards it to the commune People’s Committee', async () => {
    const forwarded = dataOf(
      await mutate(
        'updateAspiration',
        {
          id: aspiration.id,
          status: 'FORWARDED',
          authorityId: communePcId,
          forwardedDate: today(),
        },
        'status authority { name } forwardedDate open',
      ),
    ).result;
    expect(forwarded).toEqual({
      status: 'FORWARDED',
      authority: { name: 'UBND xã Xuân Sơn Bắc' },
      forwardedDate: today(),
      open: true,
    });
  });

  it('refuses RESOLVED without the authority’s response', async () => {
    await refusedUpdate(
      { status: 'RESOLVED', responseDate: today() },
      'response',
      'requiredWhenAnswered',
    );
  });

  it('resolves it with the response, and the dashboard counts one open aspiration fewer', async () => {
    const start = await overview();
    const resolved = dataOf(
      await update({
        status: 'RESOLVED',
        response: 'UBND xã hỗ trợ 20 tấm tôn lợp mái.',
        responseDate: today(),
      }),
    ).result;
    expect(resolved).toMatchObject({ status: 'RESOLVED', open: false, responseDate: today() });
    const after = await overview();
    expect(after.openAspirationCount).toBe(start.openAspirationCount - 1);
    expect(after.openAspirationsByAge).toEqual(
      start.openAspirationsByAge.map((b: Row) => ({
        bucket: b.bucket,
        count: b.bucket === '0-30' ? b.count - 1 : b.count,
      })),
    );
  });

  it('refuses RESOLVED → FORWARDED', async () => {
    await refusedUpdate({ status: 'FORWARDED' }, 'status', 'transition');
  });

  it('lists the household’s aspirations newest first', async () => {
    await write('createAspiration', {
      householdId,
      content: 'Mong được vay vốn ưu đãi.',
      status: 'RECORDED',
      recordedDate: '2014-06-10',
    });
    const household = await getOne('Household', householdId, 'aspirations { recordedDate }');
    const dates = household.aspirations.map((a: Row) => a.recordedDate);
    expect(dates).toEqual([today(), '2014-06-10']);
  });
});

describe('finding households by place', () => {
  let units: Row[];
  let households: Row[];
  let created: Row;
  const idsOf = (rows: Row[]) => rows.map((r) => r.id as string).sort();
  const search = async (q: string) =>
    (
      await read('query ($q: String) { allHouseholds(filter: { q: $q }, perPage: 1000) { id } }', {
        q,
      })
    ).allHouseholds as Row[];

  beforeAll(async () => {
    created = await newHousehold('Hộ Đoàn Văn Tám');
    ({ allAdministrativeUnits: units, allHouseholds: households } = await read(`{
      allAdministrativeUnits(perPage: 1000) { id name level parentId }
      allHouseholds(perPage: 1000) { id villageId } }`));
  });

  it('finds a household by its commune’s name, typed without accents', async () => {
    expect(idsOf(await search('xuan son bac'))).toContain(created.id);
  });

  it('finds a household by its village’s name', async () => {
    expect(idsOf(await search('thôn 1 (mẫu)'))).toContain(created.id);
  });

  it('does not find it by the name of another commune, and finds that commune’s households', async () => {
    const province = units.find((u) => u.id === units.find((c) => c.id === communeId)!.parentId);
    const commune = await write('createAdministrativeUnit', {
      name: 'Hòa Kiến',
      level: 'COMMUNE',
      parentId: province!.id,
    });
    const village = await write('createAdministrativeUnit', {
      name: 'Thôn Ngọc Phước',
      level: 'VILLAGE',
      parentId: commune.id,
    });
    const there = await write('createHousehold', {
      villageId: village.id,
      headName: 'Hộ Võ Thị Chín',
    });
    const found = idsOf(await search('hoa kien'));
    expect(found).toContain(there.id);
    expect(found).not.toContain(created.id);
    expect(idsOf(await search('ngoc phuoc'))).toEqual([there.id]);
  });

  it('filters by commune: exactly the households of its villages', async () => {
    const villagesOfCommune = new Set(
      units.filter((u) => u.parentId === communeId).map((u) => u.id),
    );
    const expected = idsOf(households.filter((h) => villagesOfCommune.has(h.villageId)));
    const { items, meta } = await read(
      `query ($c: ID) { items: allHouseholds(filter: { communeId: $c }, perPage: 1000) { id }
        meta: _allHouseholdsMeta(filter: { communeId: $c }) { count } }`,
      { c: communeId },
    );
    expect(expected).toContain(created.id);
    expect(idsOf(items)).toEqual(expected);
    expect(meta.count).toBe(expected.length);
  });
});
