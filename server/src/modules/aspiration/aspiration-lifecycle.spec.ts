import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ASPIRATION_TRANSITIONS,
  AspirationStatus,
  OPEN_ASPIRATION_STATUSES,
  type Aspiration,
} from './aspiration.entity';
import { aspirationViolations } from './aspiration.service';

const { RECORDED, FORWARDED, ANSWERED, RESOLVED, DECLINED } = AspirationStatus;
const STATUSES = [RECORDED, FORWARDED, ANSWERED, RESOLVED, DECLINED];

/**
 * The lifecycle as the domain tells it: a household's aspiration is recorded, forwarded to the
 * competent authority, and answered, resolved or declined; an answer may still be followed by a
 * resolution or a refusal. Resolved and declined are final.
 */
const NEXT: Record<AspirationStatus, AspirationStatus[]> = {
  RECORDED: [FORWARDED],
  FORWARDED: [ANSWERED, RESOLVED, DECLINED],
  ANSWERED: [RESOLVED, DECLINED],
  RESOLVED: [],
  DECLINED: [],
};

// 10:00 on 15 June 2024 in Viet Nam (UTC+7).
const TODAY = '2024-06-15';
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-06-15T10:00:00+07:00'));
});
afterAll(() => {
  vi.useRealTimers();
});

/** An aspiration with every fact its status needs, dated in order before today. */
function aspiration(status: AspirationStatus, changes: Partial<Aspiration> = {}): Aspiration {
  const forwarded = status !== RECORDED;
  const answered = [ANSWERED, RESOLVED, DECLINED].includes(status);
  return {
    householdId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    visitId: null,
    content: 'Xin hỗ trợ vốn vay',
    status,
    recordedDate: '2024-06-01',
    authorityId: forwarded ? 'a987fbc9-4bed-3078-cf07-9141ba07c9f3' : null,
    forwardedDate: forwarded ? '2024-06-05' : null,
    response: answered ? 'Đã đưa vào danh sách vay vốn' : null,
    responseDate: answered ? '2024-06-10' : null,
    ...changes,
  } as Aspiration;
}

describe('aspiration lifecycle: statuses', () => {
  it('declares the transitions of the domain, and the open statuses as those not settled', () => {
    expect(ASPIRATION_TRANSITIONS).toEqual(NEXT);
    expect(OPEN_ASPIRATION_STATUSES).toEqual([RECORDED, FORWARDED, ANSWERED]);
  });

  it('starts every new aspiration as RECORDED', () => {
    expect(aspirationViolations(aspiration(RECORDED), null)).toEqual([]);
    for (const status of [FORWARDED, ANSWERED, RESOLVED, DECLINED]) {
      expect(aspirationViolations(aspiration(status), null), status).toEqual([
        { field: 'status', rule: 'startsRecorded', message: 'a new aspiration starts as RECORDED' },
      ]);
    }
  });

  it.each(STATUSES)(
    'moves from %s only to the next statuses of the lifecycle, or stays',
    (from) => {
      for (const to of STATUSES) {
        const violations = aspirationViolations(aspiration(to), from);
        if (to === from || NEXT[from].includes(to)) {
          expect(violations, `${from} → ${to}`).toEqual([]);
        } else {
          expect(violations, `${from} → ${to}`).toEqual([
            {
              field: 'status',
              rule: 'transition',
              message: `cannot go from ${from} to ${to}`,
              params: { from, to, allowed: NEXT[from] },
            },
          ]);
        }
      }
    },
  );
});

describe('aspiration lifecycle: facts each status needs', () => {
  const required = (field: string, rule: string) => ({
    field,
    rule,
    message:
      rule === 'requiredWhenForwarded' ? 'is required once forwarded' : 'is required once answered',
  });

  it('needs the authority and the date once forwarded, not before', () => {
    expect(aspirationViolations(aspiration(RECORDED), RECORDED)).toEqual([]);
    for (const status of [FORWARDED, ANSWERED, RESOLVED, DECLINED]) {
      const missing = aspiration(status, {
        authorityId: null,
        forwardedDate: null,
        responseDate: null,
      });
      const expected = [
        required('authorityId', 'requiredWhenForwarded'),
        required('forwardedDate', 'requiredWhenForwarded'),
      ];
      if (status !== FORWARDED) expected.push(required('responseDate', 'requiredWhenAnswered'));
      expect(aspirationViolations(missing, status), status).toEqual(expected);
    }
  });

  it('needs the response and its date once answered, resolved or declined, not while forwarded', () => {
    expect(aspirationViolations(aspiration(FORWARDED), FORWARDED)).toEqual([]);
    for (const status of [ANSWERED, RESOLVED, DECLINED]) {
      expect(
        aspirationViolations(aspiration(status, { response: '', responseDate: null }), status),
        status,
      ).toEqual([
        required('response', 'requiredWhenAnswered'),
        required('responseDate', 'requiredWhenAnswered'),
      ]);
    }
  });
});

describe('aspiration lifecycle: dates', () => {
  const future = (field: string) => ({
    field,
    rule: 'notInFuture',
    message: `must not be after today (${TODAY})`,
  });

  it('takes today, in Viet Nam, and refuses tomorrow for each date', () => {
    const onTime = aspiration(RESOLVED, {
      recordedDate: TODAY,
      forwardedDate: TODAY,
      responseDate: TODAY,
    });
    expect(aspirationViolations(onTime, RESOLVED)).toEqual([]);
    const tomorrow = '2024-06-16';
    expect(aspirationViolations(aspiration(RECORDED, { recordedDate: tomorrow }), null)).toEqual([
      future('recordedDate'),
    ]);
    expect(
      aspirationViolations(aspiration(FORWARDED, { forwardedDate: tomorrow }), FORWARDED),
    ).toEqual([future('forwardedDate')]);
    expect(
      aspirationViolations(aspiration(ANSWERED, { responseDate: tomorrow }), ANSWERED),
    ).toEqual([future('responseDate')]);
  });

  it('counts the day where the users are: 00:30 in Viet Nam is already the next day', () => {
    vi.setSystemTime(new Date('2024-06-15T17:30:00Z'));
    try {
      expect(
        aspirationViolations(aspiration(RECORDED, { recordedDate: '2024-06-16' }), null),
      ).toEqual([]);
      expect(
        aspirationViolations(aspiration(RECORDED, { recordedDate: '2024-06-17' }), null),
      ).toEqual([
        {
          field: 'recordedDate',
          rule: 'notInFuture',
          message: 'must not be after today (2024-06-16)',
        },
      ]);
    } finally {
      vi.setSystemTime(new Date('2024-06-15T10:00:00+07:00'));
    }
  });

  it('keeps the order recorded ≤ forwarded ≤ answered, the same day allowed', () => {
    const sameDay = {
      recordedDate: '2024-06-05',
      forwardedDate: '2024-06-05',
      responseDate: '2024-06-05',
    };
    expect(aspirationViolations(aspiration(ANSWERED, sameDay), ANSWERED)).toEqual([]);
    expect(
      aspirationViolations(aspiration(FORWARDED, { forwardedDate: '2024-05-31' }), FORWARDED),
    ).toEqual([
      {
        field: 'forwardedDate',
        rule: 'afterRecordedDate',
        message: 'must not be before recordedDate',
      },
    ]);
    expect(
      aspirationViolations(aspiration(ANSWERED, { responseDate: '2024-06-04' }), ANSWERED),
    ).toEqual([
      {
        field: 'responseDate',
        rule: 'afterForwardedDate',
        message: 'must not be before forwardedDate',
      },
    ]);
  });

  it('checks the order of the dates given even before the status needs them', () => {
    expect(
      aspirationViolations(aspiration(RECORDED, { forwardedDate: '2024-05-01' }), RECORDED),
    ).toEqual([
      {
        field: 'forwardedDate',
        rule: 'afterRecordedDate',
        message: 'must not be before recordedDate',
      },
    ]);
    expect(
      aspirationViolations(aspiration(FORWARDED, { responseDate: '2024-06-01' }), FORWARDED),
    ).toEqual([
      {
        field: 'responseDate',
        rule: 'afterForwardedDate',
        message: 'must not be before forwardedDate',
      },
    ]);
  });
});

describe('aspiration lifecycle: everything at once', () => {
  it('reports every broken rule in one answer', () => {
    const wrong = aspiration(DECLINED, {
      recordedDate: '2024-07-01',
      authorityId: null,
      forwardedDate: '2024-06-20',
      response: null,
      responseDate: '2024-06-19',
    });
    expect(aspirationViolations(wrong, RECORDED).map((v) => `${v.field}:${v.rule}`)).toEqual([
      'status:transition',
      'recordedDate:notInFuture',
      'forwardedDate:notInFuture',
      'responseDate:notInFuture',
      'authorityId:requiredWhenForwarded',
      'forwardedDate:afterRecordedDate',
      'response:requiredWhenAnswered',
      'responseDate:afterForwardedDate',
    ]);
  });
});
