import { describe, expect, it } from 'vitest';
import { createNerRecognizer } from '../../../src/entities/ner/recognizer.js';
import type { TextAnalysis, Token } from '../../../src/types.js';

/** A minimal stand-in for the library tokenizer: words (with inner hyphens/apostrophes/periods), numbers, punctuation. */
function analyze(body: string): TextAnalysis {
  const tokens: Token[] = [];
  let sentence = 0;
  for (const m of body.matchAll(/'s\b|[\p{L}\p{M}]+(?:[-'.][\p{L}\p{M}]+)*\.?(?<=\p{Lu}\.)|[\p{L}\p{M}]+(?:[-'][\p{L}\p{M}]+)*|\p{N}+|\S/gu)) {
    const text = m[0];
    tokens.push({ text, norm: text.toLowerCase(), start: m.index, end: m.index + text.length, kind: /\p{L}/u.test(text) ? 'word' : 'punct', field: 'body', sentence, index: tokens.length });
    if (text === '.') sentence++;
  }
  return {
    fields: [{ field: 'body', text: body, html: false, toSource: (o) => o }],
    tokens,
    sentences: [],
    wordCount: tokens.length,
    readingTime: { minutes: 1, words: tokens.length },
  };
}

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
      expect(body.slice(m.start, m.end)).toBe(m.text);
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
