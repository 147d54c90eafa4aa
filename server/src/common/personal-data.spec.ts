import { buildSchema, graphql } from 'graphql';
import type { EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { RequestContext, SessionUser } from './context';
import { AccessLogCollector, guardPersonalData, maskedColumnsOf } from './personal-data';
import { Role } from './roles';

/** Types named as the program's, with their masked fields and one that is not. */
const schema = guardPersonalData(
  buildSchema(`
    type Query { households: [Household!]! disbursements: [Disbursement!]! organizations: [Organization!]! }
    type Household { id: ID! headName: String! address: String notes: String size: Int }
    type Disbursement { id: ID! description: String! note: String amount: Int }
    type Organization { id: ID! name: String! }
  `),
);

const rootValue = {
  households: [
    { id: 'h1', headName: 'Nguyễn Văn An', address: 'Thôn Tân Hòa', notes: 'Bệnh tim', size: 4 },
    { id: 'h2', headName: 'Trần Thị Bình', address: null, notes: null, size: 2 },
  ],
  disbursements: [{ id: 'd1', description: 'Mua bò cho hộ ông An', note: 'Đã nhận', amount: 5 }],
  organizations: [{ id: 'o1', name: 'Sở Tư pháp' }],
};

function contextAs(role: Role) {
  const accessLog = new AccessLogCollector();
  return {
    user: { id: 'u1', username: 'u', role } as SessionUser,
    accessLog,
  } as unknown as RequestContext;
}

const read = (role: Role, source: string) => {
  const ctx = contextAs(role);
  return graphql({ schema, source, rootValue, contextValue: ctx }).then((r) => ({ ...r, ctx }));
};

/** What the collector would write, captured instead of a database. */
async function written(ctx: RequestContext) {
  const rows: Record<string, unknown>[] = [];
  const db = {
    // One INSERT for the whole answer: the user's columns and the address, then five values a row.
    query: (_sql: string, params: unknown[]) => {
      const [, , , address, ...values] = params;
      for (let i = 0; i < values.length; i += 5) {
        const [action, resource, recordIds, householdIds] = values.slice(i, i + 5);
        rows.push({ action, resource, recordIds, householdIds, address });
      }
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  await ctx.accessLog.flush(db, ctx.user, '203.0.113.9');
  return rows;
}

describe('masked fields', () => {
  it('reach an analyst masked as declared: initials, nothing, a placeholder', async () => {
    const { data } = await read(
      Role.ANALYST,
      '{ households { id headName address notes size } disbursements { description note amount } }',
    );
    expect(data).toEqual({
      households: [
        { id: 'h1', headName: 'N. V. A.', address: null, notes: null, size: 4 },
        { id: 'h2', headName: 'T. T. B.', address: null, notes: null, size: 2 },
      ],
      disbursements: [{ description: '(đã ẩn)', note: null, amount: 5 }],
    });
  });

  it('reach every other role as they are', async () => {
    for (const role of [Role.ADMIN, Role.AGENCY_OFFICER, Role.GROUP_MEMBER, Role.VIEWER]) {
      const { data } = await read(
        role,
        '{ households { headName address } disbursements { note } }',
      );
      expect(data, role).toEqual({
        households: [
          { headName: 'Nguyễn Văn An', address: 'Thôn Tân Hòa' },
          { headName: 'Trần Thị Bình', address: null },
        ],
        disbursements: [{ note: 'Đã nhận' }],
      });
    }
  });

  it('are the columns the CRUD layer keeps analysts from searching and sorting', () => {
    expect(maskedColumnsOf('Household')).toEqual([
      'headName',
      'address',
      'circumstances',
      'notes',
      'consentEvidence',
    ]);
    expect(maskedColumnsOf('PovertyReview')).toEqual(['notes']);
    expect(maskedColumnsOf('Organization')).toEqual([]);
  });
});

describe('the access log of a request', () => {
  it('names every personal record in the answer once, with its household, whatever the fields', async () => {
    const { ctx } = await read(Role.AGENCY_OFFICER, '{ households { size } a: households { id } }');
    expect(await written(ctx)).toEqual([
      {
        action: 'READ',
        resource: 'Household',
        recordIds: ['h1', 'h2'],
        householdIds: ['h1', 'h2'],
        address: '203.0.113.9',
      },
    ]);
  });

  it('writes nothing for records that hold no personal data', async () => {
    const { ctx } = await read(Role.ADMIN, '{ organizations { name } disbursements { amount } }');
    expect(await written(ctx)).toEqual([]);
  });

  it('logs an export when asked for one, or past 100 records, and only once per request', async () => {
    const ctx = contextAs(Role.ADMIN);
    for (let i = 0; i < 100; i++) ctx.accessLog.add('Visit', { id: `v${i}`, householdId: 'h1' });
    ctx.accessLog.add('HouseholdMember', { id: 'm1', householdId: 'h2' });
    ctx.accessLog.markExport('HouseholdMember');
    expect(await written(ctx)).toEqual([
      expect.objectContaining({ action: 'READ', resource: 'Visit', householdIds: ['h1'] }),
      expect.objectContaining({ action: 'EXPORT', resource: 'HouseholdMember', recordIds: ['m1'] }),
    ]);
    ctx.accessLog.add('Visit', { id: 'v100', householdId: 'h1' });
    for (let i = 0; i < 100; i++) ctx.accessLog.add('Visit', { id: `w${i}`, householdId: 'h3' });
    expect(await written(ctx)).toEqual([
      expect.objectContaining({ action: 'EXPORT', resource: 'Visit', householdIds: ['h1', 'h3'] }),
    ]);
    expect(await written(ctx)).toEqual([]);
  });
});
