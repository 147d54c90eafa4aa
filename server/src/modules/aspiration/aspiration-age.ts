import { BadInputError } from '../../common/errors';

/**
 * How old an open aspiration is, in days since it was recorded, in the buckets the dashboard
 * shows. The dashboard's counts and the list they open use these same bounds, so a figure and the
 * records behind it cannot disagree.
 */
export const ASPIRATION_AGE_BUCKETS = {
  '0-30': [0, 30],
  '31-90': [31, 90],
  '91-180': [91, 180],
  '180+': [181, null],
} as const satisfies Record<string, readonly [number, number | null]>;

export type AspirationAgeBucket = keyof typeof ASPIRATION_AGE_BUCKETS;

/** SQL naming the bucket of an age in days (an integer expression). */
export function ageBucketCase(age: string): string {
  const branches = Object.entries(ASPIRATION_AGE_BUCKETS)
    .filter(([, [, to]]) => to !== null)
    .map(([bucket, [, to]]) => `WHEN ${age} <= ${to} THEN '${bucket}'`);
  const last = Object.keys(ASPIRATION_AGE_BUCKETS).at(-1)!;
  return `CASE ${branches.join(' ')} ELSE '${last}' END`;
}

/** SQL keeping the aspirations (alias) recorded within the bucket's days before `today`. */
export function ageBucketPredicate(alias: string, bucket: unknown, today: string): string {
  if (typeof bucket !== 'string' || !(bucket in ASPIRATION_AGE_BUCKETS))
    throw BadInputError.of('filter.ageBucket', 'oneOf', 'is not an age bucket', {
      allowed: Object.keys(ASPIRATION_AGE_BUCKETS),
    });
  const [from, to] = ASPIRATION_AGE_BUCKETS[bucket as AspirationAgeBucket];
  const age = `(${today} - ${alias}.recorded_date)`;
  return to === null ? `${age} >= ${from}` : `${age} BETWEEN ${from} AND ${to}`;
}
