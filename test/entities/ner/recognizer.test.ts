import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNerRecognizer } from '../../../src/with-model.js';
import { createTagger } from '../../../src/node.js';
import type { TextAnalysis } from '../../../src/types.js';

const tagger = createTagger();
const analyze = (body: string): TextAnalysis => tagger.analyzeText({ id: 't', title: '', body });

describe('createNerRecognizer with the shipped model', () => {
  const recognizer = createNerRecognizer();

  it('finds people, places and organizations in news text, with offsets that slice back', () => {
    const body =
      'German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Tuesday. ' +
      'The European Commission said Volkswagen would pay a fine. Merkel later flew to Moscow.';
    const text = analyze(body);
    const mentions = recognizer.recognize(text.tokens, text);
    const found = mentions.map((m) => `${m.type}:${m.text}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'person:Angela Merkel',
        'person:Emmanuel Macron',
        'place:Paris',
        'organization:European Commission',
        'person:Merkel',
        'place:Moscow',
      ]),
    );
    for (const m of mentions) {
      expect(text.fields.find((f) => f.field === m.field)!.text.slice(m.start, m.end)).toBe(m.text);
      expect(text.tokens[m.tokenStart]!.start).toBe(m.start);
      expect(text.tokens[m.tokenEnd - 1]!.end).toBe(m.end);
      expect(m.source).toBe('ner');
    }
  });

  it('handles names with diacritics and an all-caps headline', () => {
    const text = analyze('On Sunday, Novak Đoković beat Stefanos Tsitsipas in São Paulo. FLOODS HIT BANGLADESH AS UNITED NATIONS APPEALS FOR AID.');
    const found = recognizer.recognize(text.tokens, text).map((m) => `${m.type}:${m.text}`);
    expect(found).toEqual(expect.arrayContaining(['person:Novak Đoković', 'person:Stefanos Tsitsipas', 'place:São Paulo', 'place:BANGLADESH']));
  });

  it('returns nothing for empty input or text without names', () => {
    expect(recognizer.recognize([], analyze(''))).toEqual([]);
    const text = analyze('prices rose by 3 percent in the first quarter , the report said .');
    expect(recognizer.recognize(text.tokens, text)).toEqual([]);
  });
});

describe('createNerRecognizer on arbitrary text', () => {
  const recognizer = createNerRecognizer();

  it('never throws and returns mentions inside the tokens, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('Paris', 'OBAMA', 'São', 'Đoković', '.', "'s", '\u{1F600}', 'U.S.')), { maxLength: 40 }), (parts) => {
        const text = analyze(parts.join(' '));
        const mentions = recognizer.recognize(text.tokens, text);
        let last = -1;
        for (const m of mentions) {
          expect(m.tokenStart).toBeGreaterThanOrEqual(0);
          expect(m.tokenEnd).toBeLessThanOrEqual(text.tokens.length);
          expect(m.tokenStart).toBeGreaterThan(last - 1);
          expect(m.confidence).toBeGreaterThanOrEqual(0.5);
          expect(m.confidence).toBeLessThanOrEqual(1);
          last = m.tokenEnd;
        }
      }),
      { numRuns: 200 },
    );
  });
});
