import { describe, expect, it } from 'vitest';
import { fnv1a, halfOf, meanByHalf } from '../eval/split.js';

describe('eval split (hand-computed)', () => {
  it('fnv1a of "" and "a" are the FNV-1a 32-bit reference values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });
  it('a key always falls in the same half: "a" (even hash) is dev', () => {
    expect(halfOf('a')).toBe('dev');
    expect(halfOf('a')).toBe(halfOf('a'));
  });
  it('meanByHalf: dev [1, 0], test [1] -> 0.5, 1, 2/3', () => {
    const m = meanByHalf([1, 0, 1], ['dev', 'dev', 'test']);
    expect(m.dev).toBe(0.5);
    expect(m.test).toBe(1);
    expect(m.all).toBeCloseTo(2 / 3);
  });
});
