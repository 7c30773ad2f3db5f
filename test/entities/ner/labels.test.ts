import { describe, expect, it } from 'vitest';
import { BOUNDARY_HASH, hashString } from '../../../src/entities/ner/features.js';
import { bilouFromSpans, NER_LABELS, spansFromBilou, spansFromIob } from '../../../src/entities/ner/labels.js';

describe('spansFromIob (conlleval convention)', () => {
  const rows: { tags: string[]; spans: string[] }[] = [
    { tags: ['I-PER', 'I-PER', 'O', 'I-LOC'], spans: ['0-2 PER', '3-4 LOC'] },
    // IOB1: B- splits two adjacent entities of the same type.
    { tags: ['I-LOC', 'B-LOC', 'I-LOC'], spans: ['0-1 LOC', '1-3 LOC'] },
    // A type change starts a new entity.
    { tags: ['I-ORG', 'I-PER'], spans: ['0-1 ORG', '1-2 PER'] },
    // IOB2 input works too.
    { tags: ['B-PER', 'I-PER', 'B-PER'], spans: ['0-2 PER', '2-3 PER'] },
    { tags: ['O', 'O'], spans: [] },
    { tags: ['I-MISC'], spans: ['0-1 MISC'] },
  ];
  for (const { tags, spans } of rows) {
    it(tags.join(' '), () => {
      expect(spansFromIob(tags).map((s) => `${s.start}-${s.end} ${s.type}`)).toEqual(spans);
    });
  }
});

describe('BILOU', () => {
  it('encodes spans and decodes them back', () => {
    const spans = [
      { start: 0, end: 1, type: 'PER' as const },
      { start: 2, end: 5, type: 'ORG' as const },
      { start: 5, end: 7, type: 'LOC' as const },
    ];
    const classes = bilouFromSpans(spans, 8);
    expect(Array.from(classes, (c) => NER_LABELS[c])).toEqual(['U-PER', 'O', 'B-ORG', 'I-ORG', 'L-ORG', 'B-LOC', 'L-LOC', 'O']);
    expect(spansFromBilou(classes)).toEqual(spans);
  });

  it('closes a broken entity where it breaks', () => {
    const labels = ['B-PER', 'I-PER', 'O', 'I-LOC', 'U-ORG'];
    const classes = labels.map((l) => NER_LABELS.indexOf(l));
    expect(spansFromBilou(classes).map((s) => `${s.start}-${s.end} ${s.type}`)).toEqual(['0-2 PER', '3-4 LOC', '4-5 ORG']);
  });
});

describe('feature constants', () => {
  it('the sentence-boundary hash is the hash of "<S>"', () => {
    expect(BOUNDARY_HASH).toBe(hashString('<S>'));
  });
});
