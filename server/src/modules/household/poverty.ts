import { PovertyResult } from './household.entity';

export interface PovertyOutcomeValue {
  /** The review year in which the household was first found no longer poor after being poor. */
  escapedInYear: number | null;
  /** Escaped, and every later review (at least one) kept it out of poverty. */
  escapedSustainably: boolean;
  latestYear: number | null;
  latestResult: PovertyResult | null;
}

/**
 * Reads a household's yearly reviews: "escaped poverty" is a review that is not POOR right after
 * one that is; "sustainably" means no later review put it back, and there is a later review to
 * prove it. A household poor again after escaping counts from its latest escape.
 */
export function povertyOutcome(
  reviews: { year: number; result: PovertyResult }[],
): PovertyOutcomeValue {
  const ordered = [...reviews].sort((a, b) => a.year - b.year);
  let escapedInYear: number | null = null;
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1]!;
    const now = ordered[i]!;
    if (now.result === PovertyResult.POOR) escapedInYear = null;
    else if (before.result === PovertyResult.POOR) escapedInYear = now.year;
  }
  const latest = ordered.at(-1) ?? null;
  return {
    escapedInYear,
    escapedSustainably: escapedInYear !== null && latest !== null && latest.year > escapedInYear,
    latestYear: latest?.year ?? null,
    latestResult: latest?.result ?? null,
  };
}
