/**
 * The development split of the related-articles evaluations. Every default of Related News and Read
 * Next that was tuned after 2026-11-27 was chosen on the `dev` half only; the `test` half is reported
 * beside it and was never looked at while tuning.
 *
 * A record's half comes from a hash of a key, so it does not depend on file order:
 *   - Reuters-21578: the story id (each story is its own unit);
 *   - NeuS/AllSides: the cluster (all three articles of a story fall in the same half, so no story is
 *     half tuned on and half held out).
 * The pool of each query is still the whole file: the split is over queries and their relevance
 * labels, as an archive is always indexed whole.
 */

/** One half of the split. */
export type Half = 'dev' | 'test';

/** FNV-1a (32-bit) of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The half of a record by its key (see above): 'dev' when the hash is even. */
export function halfOf(key: string): Half {
  return (fnv1a(key) & 1) === 0 ? 'dev' : 'test';
}

/** Mean of `values` over the records of each half and over all, by their keys' halves. */
export function meanByHalf(values: readonly number[], halves: readonly Half[]): { dev: number; test: number; all: number } {
  let dev = 0;
  let nDev = 0;
  let test = 0;
  let nTest = 0;
  for (let i = 0; i < values.length; i++) {
    if (halves[i] === 'dev') {
      dev += values[i] as number;
      nDev++;
    } else {
      test += values[i] as number;
      nTest++;
    }
  }
  const n = nDev + nTest;
  return { dev: nDev === 0 ? 0 : dev / nDev, test: nTest === 0 ? 0 : test / nTest, all: n === 0 ? 0 : (dev + test) / n };
}
