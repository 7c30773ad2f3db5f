import { describe, expect, it } from 'vitest';
import { charSpanToTokens, compromiseSpans, groupByDocument, precisionByConfidence, scoreSpans } from '../../eval/tasks/ner.js';
import { parseConll } from '../../src/entities/ner/conll.js';

// A CoNLL-format snippet written for this test (invented text), with -DOCSTART- at the end of each
// document as in the shared copy.
const FILE = [
  'Mayor NNP I-NP O',
  'Lena NNP I-NP I-PER',
  'Okafor NNP I-NP I-PER',
  'visited VBD I-VP O',
  'Tarnow NNP I-NP I-LOC',
  '. . O O',
  '',
  'Velmora NNP I-NP I-ORG',
  'Shipping NNP I-NP I-ORG',
  'agreed VBD I-VP O',
  '. . O O',
  '',
  '-DOCSTART- -X- O O',
  '',
  'Brelin NNP I-NP I-LOC',
  'Tarnow NNP I-NP B-LOC',
  'rail NN I-NP O',
  'link NN I-NP O',
  '',
  '-DOCSTART- -X- O O',
  '',
].join('\n');

describe('CoNLL reading', () => {
  it('splits sentences and documents when DOCSTART ends each document', () => {
    const sentences = parseConll(FILE);
    expect(sentences.map((s) => s.words.length)).toEqual([6, 4, 4]);
    expect(groupByDocument(sentences).map((d) => d.length)).toEqual([2, 1]);
    expect(sentences[2]!.tags).toEqual(['I-LOC', 'B-LOC', 'O', 'O']);
  });
});

describe('scoring beside gold', () => {
  const sentences = parseConll(FILE);
  it('scores exact spans per type, MISC apart', () => {
    const predicted = [
      [
        { start: 1, end: 3, type: 'PER' as const }, // correct
        { start: 4, end: 5, type: 'ORG' as const }, // wrong type
      ],
      [{ start: 0, end: 1, type: 'ORG' as const }], // wrong boundary
      [
        { start: 0, end: 1, type: 'LOC' as const }, // correct
        { start: 1, end: 2, type: 'LOC' as const }, // correct (B- split)
      ],
    ];
    const s = scoreSpans(sentences, predicted);
    // gold: PER 1, LOC 3, ORG 1 = 5; predicted 5; correct 3 -> P = R = F1 = 60.
    expect([s.micro.gold, s.micro.predicted, s.micro.correct]).toEqual([5, 5, 3]);
    expect(s.micro.f1).toBeCloseTo(60, 10);
    expect(s.byType['LOC']!.recall).toBeCloseTo(200 / 3, 10);
    expect(s.misc.gold).toBe(0);
  });

  it('bins precision by confidence', () => {
    const predicted = [
      [
        { start: 1, end: 3, type: 'PER' as const, confidence: 0.95 },
        { start: 4, end: 5, type: 'ORG' as const, confidence: 0.55 },
      ],
      [],
      [{ start: 0, end: 1, type: 'LOC' as const, confidence: 1 }],
    ];
    const bands = precisionByConfidence(sentences, predicted);
    expect(bands.map((b) => [b.band, b.spans, b.precision])).toEqual([
      ['0.5-0.6', 1, 0],
      ['0.6-0.7', 0, 0],
      ['0.7-0.8', 0, 0],
      ['0.8-0.9', 0, 0],
      ['0.9-1.0', 2, 100],
    ]);
  });
});

describe('mapping compromise matches to tokens', () => {
  it('maps character spans over the space-joined sentence, trimming punctuation', () => {
    const words = ['Officials', 'in', 'São', 'Paulo', '.', 'Then'];
    // "Officials in São Paulo . Then": "São Paulo ." spans 13..24.
    expect(charSpanToTokens(words, 13, 24)).toEqual({ start: 2, end: 4 });
    expect(charSpanToTokens(words, 23, 24)).toBeUndefined();
  });

  it('finds a well-known name with compromise', () => {
    const spans = compromiseSpans(['Barack', 'Obama', 'spoke', 'in', 'Chicago', '.']);
    expect(spans).toContainEqual({ start: 0, end: 2, type: 'PER' });
  });
});

describe('ner-guardian recall', () => {
  it('counts distinct tagged names found, case-insensitively', async () => {
    const { recallCounts } = await import('../../eval/tasks/ner-guardian.js');
    expect(recallCounts(['Joe Biden', 'joe biden', 'Kyiv', 'Nato'], new Set(['joe biden', 'nato', 'paris']))).toEqual({ gold: 3, found: 2 });
    expect(recallCounts([], new Set(['x']))).toEqual({ gold: 0, found: 0 });
  });
});
