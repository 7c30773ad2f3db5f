import { describe, expect, it } from 'vitest';
import { compareSets, mean, precisionAtK, prf, PrfAccumulator, recallAtK, reciprocalRank } from '../eval/metrics.js';
import { parseHarnessArgs } from '../scripts/lib/cli-args.js';
import { goldId } from '../eval/entity-gold.js';
import { compileGazetteer } from '../src/entities/gazetteer.js';
import { defaultGazetteer } from '../src/default-data.js';

describe('metrics (hand-computed)', () => {
  it('prf: tp 3, fp 1, fn 2 -> P 0.75, R 0.6, F1 2*0.45/1.35', () => {
    const r = prf({ tp: 3, fp: 1, fn: 2 });
    expect(r.precision).toBeCloseTo(0.75);
    expect(r.recall).toBeCloseTo(0.6);
    expect(r.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35);
  });
  it('prf: zero denominators give 0, not NaN', () => {
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0 });
  });
  it('compareSets counts duplicates once', () => {
    expect(compareSets(['russia', 'russia', 'japan'], ['russia', 'north-korea'])).toEqual({ tp: 1, fp: 1, fn: 1 });
  });
  it('micro averages add counts across types; per type stays apart', () => {
    const acc = new PrfAccumulator();
    acc.add('people', { tp: 1, fp: 1, fn: 0 });
    acc.add('places', { tp: 3, fp: 0, fn: 1 });
    const micro = acc.micro();
    expect(micro.precision).toBeCloseTo(4 / 5);
    expect(micro.recall).toBeCloseTo(4 / 5);
    expect(acc.micro(['people']).precision).toBeCloseTo(0.5);
    expect(Object.keys(acc.perType())).toEqual(['people', 'places']);
  });
  it('precision@k divides by k; recall@k by the relevant count', () => {
    const ranked = ['a', 'x', 'b', 'y'];
    const rel = new Set(['a', 'b', 'c']);
    expect(precisionAtK(ranked, rel, 2)).toBeCloseTo(0.5);
    expect(precisionAtK(ranked, rel, 10)).toBeCloseTo(0.2);
    expect(recallAtK(ranked, rel, 3)).toBeCloseTo(2 / 3);
    expect(recallAtK(ranked, new Set(), 3)).toBe(0);
  });
  it('reciprocal rank of the first relevant item, and mean', () => {
    expect(reciprocalRank(['x', 'y', 'a'], new Set(['a']))).toBeCloseTo(1 / 3);
    expect(reciprocalRank(['x'], new Set(['a']))).toBe(0);
    expect(mean([1, 0.5, 0])).toBeCloseTo(0.5);
    expect(mean([])).toBe(0);
  });
});

describe('harness arguments', () => {
  it('parses task, --data, --json, --limit and extra flags', () => {
    const a = parseHarnessArgs(['tags', '--data', 'x.jsonl', '--json', '--limit', '10', '--k=5']);
    expect(a).toMatchObject({ name: 'tags', data: 'x.jsonl', json: true, limit: 10 });
    expect(a.flags.get('k')).toBe('5');
  });
  it('rejects a bad --limit', () => {
    expect(() => parseHarnessArgs(['tags', '--limit', '-3'])).toThrow(/--limit/);
  });
});

describe('gold labels to library entries', () => {
  const gazetteer = compileGazetteer(defaultGazetteer());
  it('reads a gold label as its default entry, not as a namesake or a metonym', () => {
    // London, Ontario marks "London" ambiguous: the label is London, England
    expect(goldId(gazetteer, 'London', 'place')).toBe('city:GB-london');
    // a country name is the country; a capital is the city, not the government it stands for
    expect(goldId(gazetteer, 'North Korea', 'place')).toBe('country:KP');
    expect(goldId(gazetteer, 'Moscow', 'place')).toBe('city:RU-moscow');
    expect(goldId(gazetteer, 'Nobody Anywhere', 'person')).toBe('new:nobody anywhere');
  });
});

describe('the article-extraction benchmark measure (hand-computed)', () => {
  it('shingles of 4 word runs, shared with multiplicity', async () => {
    const { shingleCounts } = await import('../eval/metrics.js');
    // truth: a b c d e -> abcd, bcde; predicted: a b c d x -> abcd, bcdx
    expect(shingleCounts('a b c d e', 'a b c d x')).toEqual({ tp: 1, fp: 1, fn: 1 });
    // punctuation only separates word runs
    expect(shingleCounts('a, b. c-d', 'a b c d')).toEqual({ tp: 1, fp: 0, fn: 0 });
    // repeated shingles count as often as they occur on both sides
    expect(shingleCounts('w x y z w x y z', 'w x y z')).toEqual({ tp: 1, fp: 0, fn: 4 });
    // fewer than 4 tokens make one short shingle; an empty text one empty shingle
    expect(shingleCounts('only two', 'only two')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(shingleCounts('a b c d', '')).toEqual({ tp: 0, fp: 1, fn: 1 });
  });
  it('precision and recall averaged over pages, F1 of the averages', async () => {
    const { averagedPrf } = await import('../eval/metrics.js');
    const r = averagedPrf([{ tp: 1, fp: 1, fn: 0 }, { tp: 3, fp: 0, fn: 1 }]);
    expect(r.precision).toBeCloseTo(0.75); // (0.5 + 1) / 2
    expect(r.recall).toBeCloseTo(0.875); // (1 + 0.75) / 2
    expect(r.f1).toBeCloseTo((2 * 0.75 * 0.875) / 1.625);
  });
});
