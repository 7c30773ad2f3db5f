/**
 * Metric functions for the evaluation harness. Each is a pure function with a hand-computed test
 * (test/eval-metrics.test.ts).
 */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Precision, recall and F1 from counts; 0 where a denominator is 0. */
export function prf({ tp, fp, fn }: Counts): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

/** Set comparison of one document's predictions with its gold labels. */
export function compareSets(predicted: Iterable<string>, gold: Iterable<string>): Counts {
  const p = new Set(predicted);
  const g = new Set(gold);
  let tp = 0;
  for (const x of p) if (g.has(x)) tp++;
  return { tp, fp: p.size - tp, fn: g.size - tp };
}

/** Accumulates counts per type and micro-averages them. */
export class PrfAccumulator {
  private readonly byType = new Map<string, Counts>();

  add(type: string, counts: Counts): void {
    const c = this.byType.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c.tp += counts.tp;
    c.fp += counts.fp;
    c.fn += counts.fn;
    this.byType.set(type, c);
  }

  /** Micro average over the given types (all types by default). */
  micro(types?: readonly string[]): PRF {
    const total = { tp: 0, fp: 0, fn: 0 };
    for (const [type, c] of this.byType) {
      if (types !== undefined && !types.includes(type)) continue;
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
    return prf(total);
  }

  /** Per-type figures, sorted by type name. */
  perType(): Record<string, PRF> {
    const out: Record<string, PRF> = {};
    for (const type of [...this.byType.keys()].sort()) out[type] = prf(this.byType.get(type) as Counts);
    return out;
  }
}

/** Fraction of the top k results that are relevant (divides by k, as trec_eval does). */
export function precisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as string)) hits++;
  return hits / k;
}

/** Fraction of the relevant items found in the top k; 0 when there are none to find. */
export function recallAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as string)) hits++;
  return hits / relevant.size;
}

/** Reciprocal rank of the first relevant item (1-based), 0 when none is ranked. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  for (let i = 0; i < ranked.length; i++) if (relevant.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Percent with one decimal, for tables. */
export function pct(x: number): string {
  return (100 * x).toFixed(1);
}

/** Tokens of the article-extraction benchmark's measure: runs of word characters (Unicode letters, digits, marks, underscore). */
export function wordRuns(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
}

/**
 * The benchmark's shingle counts for one page: each text becomes the multiset of its runs of 4
 * consecutive tokens (a text of fewer than 4 tokens is one shorter shingle, an empty text one empty
 * shingle, as in the benchmark's `_ngrams`); true positives are shared shingles with multiplicity.
 */
export function shingleCounts(truth: string, predicted: string, n = 4): Counts {
  const shingles = (text: string): Map<string, number> => {
    const tokens = wordRuns(text);
    const out = new Map<string, number>();
    for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
      const key = tokens.slice(i, i + n).join('\u0001');
      out.set(key, (out.get(key) ?? 0) + 1);
    }
    return out;
  };
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  for (const [key, count] of p) {
    const shared = Math.min(count, t.get(key) ?? 0);
    tp += shared;
    fp += count - shared;
  }
  let total = 0;
  for (const count of t.values()) total += count;
  return { tp, fp, fn: total - tp };
}

/** The benchmark's summary: precision and recall averaged over pages, F1 of the two averages. */
export function averagedPrf(pages: readonly Counts[]): { precision: number; recall: number; f1: number } {
  const precision = mean(pages.map((c) => (c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp))));
  const recall = mean(pages.map((c) => (c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn))));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
