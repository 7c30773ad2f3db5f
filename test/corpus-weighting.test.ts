import { describe, expect, it } from 'vitest';
import {
  cosine,
  entityBoostFactor,
  l2Norm,
  mmrScore,
  moderation,
  rawTfWeight,
  recencyFactor,
  smoothIdf,
  tfWeight,
} from '../src/index.js';
import { idfWeight } from '../src/corpus/weighting.js';

describe('corpus weighting formulas (hand-computed)', () => {
  it.each([
    { count: 0, out: 0 },
    { count: 0.5, out: 0.5 },
    { count: 1, out: 1 },
    { count: Math.E, out: 2 },
    { count: Math.E ** 2, out: 3 },
  ])('tfWeight($count) = $out', ({ count, out }) => {
    expect(tfWeight(count)).toBeCloseTo(out, 12);
  });

  it('rawTfWeight keeps the count', () => {
    expect(rawTfWeight(3)).toBe(3);
    expect(rawTfWeight(-1)).toBe(0);
  });

  it('smoothIdf is ln((1 + n) / (1 + df)) + 1', () => {
    // n = 3 documents, df = 1: ln(4 / 2) + 1 = 1.693147...
    expect(smoothIdf(1, 3)).toBeCloseTo(1.6931471805599454, 12);
    // a term in every document still counts: ln(4 / 4) + 1 = 1
    expect(smoothIdf(3, 3)).toBe(1);
    expect(idfWeight(1, 3, 1)).toBeCloseTo(1.6931471805599454, 12);
    expect(idfWeight(1, 3, 0.5)).toBeCloseTo(Math.sqrt(1.6931471805599454), 12);
    expect(idfWeight(1, 3, 0)).toBe(1);
  });

  it('l2Norm and cosine', () => {
    expect(l2Norm([3, 4])).toBe(5);
    expect(l2Norm([3, 4, 12], 2)).toBe(5);
    expect(cosine(6, 2, 3)).toBe(1);
    expect(cosine(1, 0, 3)).toBe(0);
  });

  it('recencyFactor halves every half-life and leaves newer or undated articles alone', () => {
    expect(recencyFactor(7, 7)).toBe(0.5);
    expect(recencyFactor(14, 7)).toBe(0.25);
    expect(recencyFactor(-3, 7)).toBe(1);
    expect(recencyFactor(Number.NaN, 7)).toBe(1);
    expect(recencyFactor(30, 0)).toBe(1);
  });

  it('mmrScore, entityBoostFactor and moderation', () => {
    expect(mmrScore(0.8, 0.5, 0.7)).toBeCloseTo(0.56 - 0.15, 12);
    expect(entityBoostFactor(1, 2, 0.3)).toBeCloseTo(1.15, 12);
    expect(entityBoostFactor(5, 2, 0.3)).toBeCloseTo(1.3, 12);
    expect(entityBoostFactor(0, 0, 0.3)).toBe(1);
    expect(moderation(0.15, 0.3)).toBeCloseTo(0.5, 12);
    expect(moderation(0.3, 0.3)).toBe(1);
    expect(moderation(1, 0.3)).toBeCloseTo(0.2, 12);
    // 1 - 0.8 * (0.65 - 0.3) / 0.7 = 0.6
    expect(moderation(0.65, 0.3)).toBeCloseTo(0.6, 12);
    expect(moderation(0, 0.3)).toBe(0);
  });
});
