import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asksHeavyWork } from './export-gate';

describe('asksHeavyWork', () => {
  const heavy = (query: string, variables: Record<string, unknown> = {}) =>
    asksHeavyWork(parse(query), variables);

  it('counts a page of more than 100 rows, given in the document or by a variable, and an import', () => {
    expect(heavy('{ allHouseholds(perPage: 1000) { id } }')).toBe(true);
    expect(heavy('{ allHouseholds(perPage: 101) { id } }')).toBe(true);
    expect(heavy('query ($n: Int) { allVisits(perPage: $n) { id } }', { n: 1000 })).toBe(true);
    expect(heavy('query ($n: Int = 1000) { allVisits(perPage: $n) { id } }')).toBe(true);
    expect(heavy('query ($n: Int = 1000) { allVisits(perPage: $n) { id } }', { n: 10 })).toBe(
      false,
    );
    expect(
      heavy('mutation ($i: HouseholdImportInput!) { importHouseholds(input: $i) { created } }'),
    ).toBe(true);
  });

  it('does not count pages of up to 100 rows, nor requests without pages', () => {
    expect(heavy('{ allHouseholds(perPage: 100) { id } }')).toBe(false);
    expect(heavy('{ allHouseholds { id } _allHouseholdsMeta { count } }')).toBe(false);
    expect(heavy('query ($n: Int) { allVisits(perPage: $n) { id } }', { n: 25 })).toBe(false);
    expect(heavy('{ householdOverview { total } }')).toBe(false);
  });
});
