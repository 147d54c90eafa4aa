import { describe, expect, it } from 'vitest';
import { readsFromReplica } from './read-routing';
import { Role } from './roles';

/**
 * The README's policy ("Scale-out"): dashboards for every role and every query of an analyst go
 * to the replica; mutations, other reads and anything ambiguous stay on the primary. The query
 * names are written out here, not read from the rule's own list.
 */
const dashboards = [
  '{ householdOverview { householdCount } }',
  'query ($f: ID!) { fundOverview(fundId: $f, year: 2025) { raised } }',
  'query ($f: ID!) { fundBalance(fundId: $f) }',
  'query ($f: ID!) { fundDues(fundId: $f, fromMonth: "2025-01-01", toMonth: "2025-02-01") { amount } }',
  'query ($f: ID!) { fundArrearsByPerson(fundId: $f, year: 2025) { amount } }',
  'query ($m: ID!) { memorandumProgress(memorandumId: $m) { percent } }',
  '{ halfYearRollup(year: 2025, half: 1) { groups } }',
];
const writers = [Role.ADMIN, Role.AGENCY_OFFICER, Role.GROUP_MEMBER, Role.VIEWER];

describe('which requests read from the replica', () => {
  it('sends every dashboard there, for every role', () => {
    for (const query of dashboards) {
      for (const role of [...writers, Role.ANALYST]) {
        expect(readsFromReplica({ query }, role), `${role} ${query}`).toBe(true);
      }
    }
  });

  it('sends every query of an analyst there, and none of their mutations', () => {
    expect(readsFromReplica({ query: '{ allHouseholds { id } }' }, Role.ANALYST)).toBe(true);
    expect(readsFromReplica({ query: '{ me { id } }' }, Role.ANALYST)).toBe(true);
    expect(readsFromReplica({ query: 'mutation { logout }' }, Role.ANALYST)).toBe(false);
  });

  it("keeps other roles' lists and records, and a dashboard asked with them, on the primary", () => {
    for (const role of writers) {
      expect(readsFromReplica({ query: '{ allHouseholds { id } }' }, role)).toBe(false);
      expect(
        readsFromReplica({ query: '{ householdOverview { householdCount } me { id } }' }, role),
      ).toBe(false);
      expect(readsFromReplica({ query: '{ __typename }' }, role)).toBe(false);
    }
  });

  it('keeps mutations on the primary, even one named like a dashboard', () => {
    expect(readsFromReplica({ query: 'mutation householdOverview { logout }' }, Role.ADMIN)).toBe(
      false,
    );
  });

  it('runs the operation named in operationName, or the primary when it cannot tell', () => {
    const document = 'query Board { householdOverview { householdCount } } mutation Out { logout }';
    expect(readsFromReplica({ query: document, operationName: 'Board' }, Role.ADMIN)).toBe(true);
    expect(readsFromReplica({ query: document, operationName: 'Out' }, Role.ADMIN)).toBe(false);
    expect(readsFromReplica({ query: document }, Role.ADMIN)).toBe(false);
    expect(readsFromReplica({ query: document, operationName: 'Nope' }, Role.ADMIN)).toBe(false);
  });

  it('keeps what it cannot read on the primary: no body, no query, a malformed one, fragments', () => {
    expect(readsFromReplica(undefined, Role.ANALYST)).toBe(false);
    expect(readsFromReplica({}, Role.ANALYST)).toBe(false);
    expect(readsFromReplica({ query: 42 }, Role.ANALYST)).toBe(false);
    expect(readsFromReplica({ query: '{ householdOverview {' }, Role.ADMIN)).toBe(false);
    expect(
      readsFromReplica(
        { query: '{ ...F } fragment F on Query { householdOverview { householdCount } }' },
        Role.ADMIN,
      ),
    ).toBe(false);
  });
});
