import v8 from 'node:v8';

/**
 * How the server keeps its resident size at 150 MB under load (issue 12), where V8's defaults let
 * it reach 250–260 MB on the bench's household pages at 16 connections.
 *
 * Most of that is room, not live data. After a full collection under that load the old generation
 * holds about 30 MB and the process 100 MB, half of it node's own code mapped from its binary.
 * By default V8 lets the young generation grow to two 16 MB semi-spaces, and the old generation
 * grow to about four times its live size between full collections (its factor for a heap limit of
 * gigabytes), which in-flight requests fill with the short-lived objects they promote.
 */

/**
 * Node flags every launch of the server passes (`npm start`, the image, the bench, the tests'
 * servers). The semi-space size is fixed when V8 starts: it cannot be set from inside the process.
 * Measured in interleaved rounds against 16 MB ones: from no difference to 10 % fewer answers
 * on the household page (the rounds' own spread is as wide), 13–16 MB less resident.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'] as const;

/**
 * How far the old generation may grow past its live size before the next full collection.
 * Full collections of a 30–40 MB heap are cheap (7 ms plus incremental marking). Measured alone
 * (16 MB semi-spaces): the household page's peak 257 → 167 MB, its throughput unchanged.
 */
export const HEAP_GROWING_PERCENT = 40;

/**
 * Sets the old generation's growth. V8 reads this flag at every collection, so unlike the
 * semi-space it takes effect when set at run time.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** A flag's name as V8 reads it: `--max_semi_space_size=4` sets `--max-semi-space-size`. */
const flagName = (flag: string) => flag.split('=')[0]!.replaceAll('_', '-');

/**
 * The memory flags this process was started without, on its command line or in NODE_OPTIONS,
 * so a launch that bypasses `npm start` is told what it costs. A flag given with another value
 * is the operator's choice, not missing.
 */
export function missingNodeFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].map(flagName));
  return SERVER_NODE_FLAGS.filter((flag) => !given.has(flagName(flag)));
}
