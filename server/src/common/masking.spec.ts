import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { RequestContext, SessionUser } from './context';
import { deidentified, hidden, initials, redacted, stars } from './masking';
import { Role } from './roles';

const as = (role: Role | null): RequestContext =>
  ({ user: role ? ({ id: 'u1', username: 'u', role } as SessionUser) : null }) as RequestContext;

describe('who reads de-identified data', () => {
  it('is the analyst, and only the analyst (README: "names come as initials")', () => {
    expect(deidentified(as(Role.ANALYST))).toBe(true);
    for (const role of [Role.ADMIN, Role.AGENCY_OFFICER, Role.GROUP_MEMBER, Role.VIEWER]) {
      expect(deidentified(as(role)), role).toBe(false);
    }
  });

  it('is nobody when no one is signed in (such requests are refused elsewhere)', () => {
    expect(deidentified(as(null))).toBe(false);
  });
});

describe('initials', () => {
  it('turns a Vietnamese full name into initials: "Nguyễn Văn An" → "N. V. A."', () => {
    expect(initials('Nguyễn Văn An')).toBe('N. V. A.');
  });

  it('capitalises, keeps Vietnamese letters and ignores extra spaces of any kind', () => {
    expect(initials('  đỗ   thị\tẩn \n')).toBe('Đ. T. Ẩ.');
  });

  it('takes the first letter of each word and skips words without one', () => {
    expect(initials('(bà) Lê - Hoa 2')).toBe('B. L. H.');
    expect(initials('123 ...')).toBe('');
    expect(initials('')).toBe('');
  });

  it('passes anything that is not text through unchanged', () => {
    expect(initials(null)).toBeNull();
    expect(initials(undefined)).toBeUndefined();
    expect(initials(42)).toBe(42);
  });
});

describe('masks', () => {
  it('hide a value as null, or say it is hidden where text is required', () => {
    expect(hidden()).toBeNull();
    expect(redacted()).toBe('(đã ẩn)');
  });
});

describe('stars', () => {
  it('hides every character of an identity number, and leaves nothing else to guess', () => {
    expect(stars('012345678901')).toBe('************');
    expect(stars('123456789')).toBe('*********');
    expect(stars(null)).toBeNull();
  });
});
