/** The decision threshold that maximizes micro-F1 (src/site/logistic.ts), computed by hand. */
import { describe, expect, it } from 'vitest';
import { bestThreshold } from '../../src/site/logistic.js';

describe('bestThreshold', () => {
  it.each([
    // p, y, missed, fixed -> threshold, f1
    // none: 0; top 1: 2/(1+3) = 0.5; top 2: 4/(2+3) = 0.8; top 3: 4/(3+3) = 0.667
    { p: [0.9, 0.7, 0.2], y: [1, 1, 0], missed: 1, fixed: undefined, threshold: 0.45, f1: 0.8 },
    // another kind's 2 right predictions fixed (its 2 gold tags in `missed`): none 4/(2+4) = 0.667,
    // top 1: 6/(3+4) = 0.857, top 2: 6/(4+4) = 0.75, top 3: 8/(5+4) = 0.889
    { p: [0.9, 0.6, 0.2], y: [1, 0, 1], missed: 2, fixed: { tp: 2, predicted: 2 }, threshold: 0.1, f1: 8 / 9 },
    // 10 wrong fixed predictions: top 1: 2/(11+1) = 0.167 beats top 2: 2/(12+1) = 0.154
    { p: [0.9, 0.1], y: [1, 0], missed: 0, fixed: { tp: 0, predicted: 10 }, threshold: 0.5, f1: 2 / 12 },
    // fixed predictions that are all right: keeping none of these candidates is best
    { p: [0.3], y: [0], missed: 3, fixed: { tp: 3, predicted: 3 }, threshold: 1, f1: 1 },
  ])('p $p, y $y, missed $missed, fixed $fixed', ({ p, y, missed, fixed, threshold, f1 }) => {
    const best = bestThreshold(p, y, missed, fixed);
    expect(best.threshold).toBeCloseTo(threshold, 9);
    expect(best.f1).toBeCloseTo(f1, 9);
  });
});
