import { describe, expect, it } from 'vitest';
import { countSpans, prf, scoreCounts, type SpanCounts } from '../../../src/entities/ner/metrics.js';

describe('entity-level scoring', () => {
  it('computes precision, recall and F1 by hand', () => {
    // 3 correct of 4 predicted, 6 gold: P = 75, R = 50, F1 = 2*75*50/125 = 60.
    const s = prf(3, 4, 6);
    expect(s.precision).toBe(75);
    expect(s.recall).toBe(50);
    expect(s.f1).toBeCloseTo(60, 10);
    expect(prf(0, 0, 0).f1).toBe(0);
  });

  it('counts exact span and type matches only, micro over the chosen types', () => {
    const counts: SpanCounts = new Map();
    countSpans(
      [
        { start: 0, end: 2, type: 'PER' },
        { start: 4, end: 5, type: 'LOC' },
        { start: 6, end: 7, type: 'MISC' },
      ],
      [
        { start: 0, end: 2, type: 'PER' }, // correct
        { start: 4, end: 5, type: 'ORG' }, // wrong type
        { start: 6, end: 7, type: 'MISC' }, // correct, not in the micro
      ],
      counts,
    );
    countSpans([{ start: 1, end: 3, type: 'LOC' }], [{ start: 1, end: 2, type: 'LOC' }], counts); // wrong boundary
    const { micro, byType } = scoreCounts(counts, ['PER', 'LOC', 'ORG']);
    // PER/LOC/ORG: gold 3, predicted 3, correct 1.
    expect([micro.gold, micro.predicted, micro.correct]).toEqual([3, 3, 1]);
    expect(micro.f1).toBeCloseTo(100 / 3, 10);
    expect(byType['PER']!.f1).toBe(100);
    expect(byType['LOC']!.f1).toBe(0);
    expect(byType['ORG']!.precision).toBe(0);
  });
});
