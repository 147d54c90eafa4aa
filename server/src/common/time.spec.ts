import { describe, expect, it } from 'vitest';
import { todayInVietnam } from './time';

describe("today's date in Vietnam (UTC+7, no daylight saving)", () => {
  it('turns at 17:00 UTC', () => {
    expect(todayInVietnam(new Date('2026-06-30T16:59:59.999Z'))).toBe('2026-06-30');
    expect(todayInVietnam(new Date('2026-06-30T17:00:00.000Z'))).toBe('2026-07-01');
    expect(todayInVietnam(new Date('2025-12-31T17:00:00.000Z'))).toBe('2026-01-01');
    expect(todayInVietnam(new Date('2028-02-28T17:30:00.000Z'))).toBe('2028-02-29');
  });

  it("is the time-zone database's date for Asia/Ho_Chi_Minh, hour by hour over years", () => {
    const zone = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const start = Date.UTC(1976, 0, 1);
    const end = Date.UTC(2040, 0, 1);
    // Every 7 hours and 13 minutes: each hour of the day comes round, across every season.
    for (let t = start; t < end; t += (7 * 60 + 13) * 60 * 1000) {
      const instant = new Date(t);
      if (todayInVietnam(instant) !== zone.format(instant))
        expect(todayInVietnam(instant), instant.toISOString()).toBe(zone.format(instant));
    }
  });
});
