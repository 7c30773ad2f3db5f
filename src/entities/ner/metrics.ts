/**
 * Entity-level scoring in the conlleval convention: a predicted entity counts only when its
 * boundaries and type both match a gold entity exactly.
 */
import type { Span } from './labels.js';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

/** Precision, recall and F1 (in percent, 0 when undefined) from counts. */
export function prf(correct: number, predicted: number, gold: number): PRF {
  const precision = predicted === 0 ? 0 : (100 * correct) / predicted;
  const recall = gold === 0 ? 0 : (100 * correct) / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
}

/** Counts of gold, predicted and correct entities per type. */
export type SpanCounts = Map<string, { gold: number; predicted: number; correct: number }>;

/** Adds the spans of one sentence to `counts` (exact boundary and type match). */
export function countSpans(gold: readonly Span[], predicted: readonly Span[], counts: SpanCounts): void {
  const key = (s: Span): string => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const entry = (type: string) => {
    let e = counts.get(type);
    if (e === undefined) {
      e = { gold: 0, predicted: 0, correct: 0 };
      counts.set(type, e);
    }
    return e;
  };
  for (const s of gold) entry(s.type).gold++;
  for (const s of predicted) {
    const e = entry(s.type);
    e.predicted++;
    if (goldKeys.has(key(s))) e.correct++;
  }
}

/** Scores per type and micro-averaged over `types`. */
export function scoreCounts(counts: SpanCounts, types: readonly string[]): { micro: PRF; byType: Record<string, PRF> } {
  let gold = 0;
  let predicted = 0;
  let correct = 0;
  const byType: Record<string, PRF> = {};
  for (const type of types) {
    const e = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    byType[type] = prf(e.correct, e.predicted, e.gold);
    gold += e.gold;
    predicted += e.predicted;
    correct += e.correct;
  }
  return { micro: prf(correct, predicted, gold), byType };
}
