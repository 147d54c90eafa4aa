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

describe('poverty outcome: edges', () => {
  it('says nothing for a household with no review yet', () => {
    expect(povertyOutcome([])).toEqual({
      escapedInYear: null,
      escapedSustainably: false,
      latestYear: null,
      latestResult: null,
    });
  });

  it('reads a single review as the latest, with no escape', () => {
    expect(povertyOutcome([{ year: 2014, result: NOT_POOR }])).toEqual({
      escapedInYear: null,
      escapedSustainably: false,
      latestYear: 2014,
      latestResult: NOT_POOR,
    });
  });

  it('reports the latest review, not the first or the second', () => {
    expect(povertyOutcome(history(POOR, POOR, NEAR_POOR, NEAR_POOR))).toEqual({
      escapedInYear: 2016,
      escapedSustainably: true,
      latestYear: 2017,
      latestResult: NEAR_POOR,
    });
  });

  it('does not call a step between two reviews that are not poor an escape', () => {
    // Near-poor to not poor is progress, but the household was not poor to begin with.
    expect(povertyOutcome(history(NEAR_POOR, NOT_POOR, NOT_POOR))).toMatchObject({
      escapedInYear: null,
      escapedSustainably: false,
    });
  });

  it('keeps an escape through later reviews that are not poor, in whatever order they come', () => {
    const reviews = [
      { year: 2018, result: NOT_POOR },
      { year: 2016, result: NEAR_POOR },
      { year: 2015, result: POOR },
      { year: 2017, result: NOT_POOR },
      { year: 2014, result: POOR },
    ];
    expect(povertyOutcome(reviews)).toEqual({
      escapedInYear: 2016,
      escapedSustainably: true,
      latestYear: 2018,
      latestResult: NOT_POOR,
    });
    // The caller's list is read, not reordered.
    expect(reviews.map((r) => r.year)).toEqual([2018, 2016, 2015, 2017, 2014]);
  });

  it('orders by year even when the reviews come newest first', () => {
    expect(povertyOutcome(history(POOR, NOT_POOR, NOT_POOR).reverse())).toEqual({
      escapedInYear: 2015,
      escapedSustainably: true,
      latestYear: 2016,
      latestResult: NOT_POOR,
    });
  });

  it('is not sustainable while the escape is the latest review, nor while the household is poor', () => {
    expect(povertyOutcome(history(NOT_POOR, POOR, NOT_POOR))).toEqual({
      escapedInYear: 2016,
      escapedSustainably: false,
      latestYear: 2016,
      latestResult: NOT_POOR,
    });
    expect(povertyOutcome(history(NOT_POOR, NOT_POOR, POOR))).toEqual({
      escapedInYear: null,
      escapedSustainably: false,
      latestYear: 2016,
      latestResult: POOR,
    });
  });
});
