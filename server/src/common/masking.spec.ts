import 'reflect-metadata';
import { graphql } from 'graphql';
import { Field, ObjectType, Query, Resolver, buildSchema, type ResolverData } from 'type-graphql';
import { describe, expect, it, vi } from 'vitest';
import type { RequestContext, SessionUser } from './context';
import {
  MaskedForAnalysts,
  deidentified,
  hidden,
  initials,
  maskingMiddleware,
  redacted,
} from './masking';
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

describe('masking middleware', () => {
  const run = async (role: Role | null, value: unknown, mask = initials) => {
    const next = vi.fn(() => Promise.resolve(value));
    const middleware = maskingMiddleware(mask);
    const result: unknown = await middleware(
      { context: as(role) } as ResolverData<RequestContext>,
      next,
    );
    expect(next).toHaveBeenCalledOnce();
    return result;
  };

  it('masks the resolved value for an analyst', async () => {
    expect(await run(Role.ANALYST, 'Trần Thị Bình')).toBe('T. T. B.');
    expect(await run(Role.ANALYST, 'Nhà dột', redacted)).toBe('(đã ẩn)');
  });

  it('gives every other role, and an anonymous request, the value itself', async () => {
    for (const role of [Role.ADMIN, Role.AGENCY_OFFICER, Role.GROUP_MEMBER, Role.VIEWER, null]) {
      expect(await run(role, 'Trần Thị Bình'), String(role)).toBe('Trần Thị Bình');
    }
  });
});

describe('@MaskedForAnalysts on a GraphQL field', () => {
  it('masks the field for analysts only, whatever the query asks', async () => {
    // NOTE: declared in the test, not the module, so that a broken decorator fails this test
    // (Stryker counts a test file that fails to load as no test at all).
    @ObjectType()
    class MaskedPerson {
      @Field(() => String)
      @MaskedForAnalysts(initials)
      fullName: string;

      @Field(() => String, { nullable: true })
      @MaskedForAnalysts(hidden)
      address: string | null;

      @Field(() => String)
      @MaskedForAnalysts(redacted)
      circumstances: string;

      @Field(() => Number)
      birthYear: number;
    }

    @Resolver()
    class MaskedPersonResolver {
      @Query(() => MaskedPerson)
      person(): MaskedPerson {
        return Object.assign(new MaskedPerson(), {
          fullName: 'Nguyễn Văn An',
          address: 'Thôn Tân Hòa (mẫu)',
          circumstances: 'Nhà tạm, thiếu vốn',
          birthYear: 1970,
        });
      }
    }

    const schema = await buildSchema({ resolvers: [MaskedPersonResolver], validate: false });
    const read = (role: Role) =>
      graphql({
        schema,
        source: '{ person { fullName address circumstances birthYear } }',
        contextValue: as(role),
      });
    expect(await read(Role.ANALYST)).toEqual({
      data: {
        person: { fullName: 'N. V. A.', address: null, circumstances: '(đã ẩn)', birthYear: 1970 },
      },
    });
    expect(await read(Role.ADMIN)).toEqual({
      data: {
        person: {
          fullName: 'Nguyễn Văn An',
          address: 'Thôn Tân Hòa (mẫu)',
          circumstances: 'Nhà tạm, thiếu vốn',
          birthYear: 1970,
        },
      },
    });
  });
});
