import { describe, expect, it } from 'vitest';
import { PovertyResult } from './household.entity';
import { povertyOutcome } from './poverty';

const { POOR, NEAR_POOR, NOT_POOR } = PovertyResult;
const history = (...results: PovertyResult[]) =>
  results.map((result, i) => ({ year: 2014 + i, result }));

describe('poverty outcome over yearly reviews', () => {
  it('has not escaped while every review is poor', () => {
    expect(povertyOutcome(history(POOR, POOR, POOR))).toMatchObject({
      escapedInYear: null,
      escapedSustainably: false,
    });
  });

  it('escaped in the first year found not poor, sustainably once a later year confirms it', () => {
    expect(povertyOutcome(history(POOR, NEAR_POOR))).toMatchObject({
      escapedInYear: 2015,
      escapedSustainably: false,
    });
    expect(povertyOutcome(history(POOR, NEAR_POOR, NOT_POOR))).toMatchObject({
      escapedInYear: 2015,
      escapedSustainably: true,
      latestResult: NOT_POOR,
    });
  });

  it('is not sustainable when the household falls back into poverty', () => {
    expect(povertyOutcome(history(POOR, NOT_POOR, POOR))).toMatchObject({
      escapedInYear: null,
      escapedSustainably: false,
    });
    expect(povertyOutcome(history(POOR, NOT_POOR, POOR, NOT_POOR))).toMatchObject({
      escapedInYear: 2017,
      escapedSustainably: false,
    });
  });

  it('does not count a household that was never poor, and orders reviews by year', () => {
    expect(povertyOutcome(history(NOT_POOR, NOT_POOR)).escapedInYear).toBeNull();
    const shuffled = [
      { year: 2016, result: NOT_POOR },
      { year: 2014, result: POOR },
      { year: 2015, result: NOT_POOR },
    ];
    expect(povertyOutcome(shuffled)).toMatchObject({
      escapedInYear: 2015,
      escapedSustainably: true,
      latestYear: 2016,
    });
  });
});
