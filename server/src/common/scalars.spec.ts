import { describe, expect, it } from 'vitest';
import { MoneyScalar, parseLocalDate, parseMoney } from './scalars';

describe('LocalDate', () => {
  it('accepts calendar dates and the date part of an ISO timestamp', () => {
    expect(parseLocalDate('2014-04-22')).toBe('2014-04-22');
    expect(parseLocalDate('2014-04-22T17:00:00.000Z')).toBe('2014-04-22');
  });

  it.each([
    ['22/04/2014', 'date'],
    ['2014-02-30', 'date'],
    ['2014-13-01', 'date'],
    ['1899-12-31', 'dateRange'],
    ['2101-01-01', 'dateRange'],
  ])('refuses %s (rule %s)', (value, rule) => {
    expect(() => parseLocalDate(value)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', rule }),
      }),
    );
  });
});

describe('Money', () => {
  it('carries amounts above 2^31 exactly, up to 2^53 − 1', () => {
    expect(parseMoney(5_000_000_000)).toBe(5_000_000_000);
    expect(parseMoney('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(MoneyScalar.serialize('5000000000')).toBe(5_000_000_000);
    // A sum past 2^53 − 1 stays exact, as digits; a safe one is a number, from any source.
    expect(MoneyScalar.serialize('18014398509481982')).toBe('18014398509481982');
    expect(MoneyScalar.serialize(18_014_398_509_481_982n)).toBe('18014398509481982');
    expect(MoneyScalar.serialize(-9_007_199_254_740_992n)).toBe('-9007199254740992');
    expect(MoneyScalar.serialize(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(() => MoneyScalar.serialize(1.5)).toThrow();
  });

  it.each([1.5, '1.5', 'abc', Number.MAX_SAFE_INTEGER + 2, '9007199254740993', null])(
    'refuses %s',
    (value) => {
      expect(() => parseMoney(value)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      );
    },
  );
});
