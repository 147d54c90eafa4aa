import { describe, expect, it } from 'vitest';
import { reachOf } from './access-matrix';

// The whole table is compared with the policy statement in test/policy/policy-statement.test.ts;
// these cases check the lookup, with grants taken from the README's access table.
describe('reachOf', () => {
  it('answers each role and mode from the table', () => {
    expect(reachOf('Household', 'ADMIN', 'write')).toBe('all');
    expect(reachOf('Household', 'AGENCY_OFFICER', 'read')).toBe('scoped');
    expect(reachOf('Household', 'ANALYST', 'read')).toBe('all');
    expect(reachOf('Visit', 'GROUP_MEMBER', 'write')).toBe('scoped');
  });

  it('tells reading from writing: a group member reads its households but does not write them', () => {
    expect(reachOf('Household', 'GROUP_MEMBER', 'read')).toBe('scoped');
    expect(reachOf('Household', 'GROUP_MEMBER', 'write')).toBeUndefined();
    expect(reachOf('AuditEntry', 'ADMIN', 'read')).toBe('all');
    expect(reachOf('AuditEntry', 'ADMIN', 'write')).toBeUndefined();
  });

  it('grants nothing to a role the table does not name', () => {
    expect(reachOf('Household', 'VIEWER', 'read')).toBeUndefined();
    expect(reachOf('User', 'AGENCY_OFFICER', 'read')).toBeUndefined();
  });

  it('grants nothing on a resource it does not know', () => {
    expect(reachOf('Nothing', 'ADMIN', 'read')).toBeUndefined();
    expect(reachOf('toString', 'ADMIN', 'read')).toBeUndefined();
  });
});
