/**
 * Offsets map back to the caller's string: for every token and mention, the source slice between the
 * mapped start and end holds the token's text up to folding (the same letters), on generated articles
 * full of characters that folding changes the length of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';
import { HTML, PUNCT, UNICODE, WORDS } from '../fuzz/arbitraries.js';
import { letters, offsetsMapBack } from '../fuzz/checks.js';

// the core with the Arabic and Spanish names (news-tagger/languages), as news-tagger gives them in Node
const tagger = createTagger({ languages: [arabic(), spanish()] });

function mapped(body: string): { text: string; source: string }[] {
  const a = tagger.analyze({ id: 'o', body });
  const f = a.text.fields.find((x) => x.field === 'body')!;
  return [...a.text.tokens, ...a.mentions].map((t) => ({ text: t.text, source: body.slice(f.toSource(t.start), f.toSource(t.end)) }));
}

describe('end offsets after a character whose folding changes length', () => {
  it('maps the end of "Paris" before an ellipsis character to the end of "Paris"', () => {
    const out = mapped('Officials in Paris\u2026 said');
    expect(out.filter((x) => x.text === 'Paris').map((x) => x.source)).toEqual(['Paris', 'Paris']); // the token and the mention
  });

  it('keeps a composed letter whole before an ellipsis ("Cafe\\u0301\\u2026")', () => {
    const out = mapped('In Cafe\u0301\u2026 Paris');
    expect(out.find((x) => x.text === 'Caf\u00e9')?.source).toBe('Cafe\u0301');
  });

  it('maps words around &hellip; in HTML back to the words', () => {
    const body = '<p>Talks in Berlin&hellip; ended, said Kim Jong-un&hellip;</p>';
    const out = mapped(body);
    expect(out.find((x) => x.text === 'Berlin')?.source).toBe('Berlin');
    expect(out.find((x) => x.text === 'Jong-un')?.source).toBe('Jong-un');
  });
});

describe('offset cases found by the fuzzer (npm run fuzz)', () => {
  const lede = (text: string): { text: string; source: string }[] => {
    const a = tagger.analyze({ id: 'f', lede: text });
    const f = a.text.fields.find((x) => x.field === 'lede')!;
    return a.text.tokens.map((t) => ({ text: t.text, source: text.slice(f.toSource(t.start), f.toSource(t.end)) }));
  };

  it('Hangul jamo that compose, then an ellipsis: the syllable maps to both jamo', () => {
    expect(lede('\u1100\u1161\u2026')[0]).toEqual({ text: '\uac00', source: '\u1100\u1161' });
  });

  it('the last word of an HTML field keeps its end after a trailing character reference ("Paris&#769; <style>")', () => {
    const body = 'Paris&#769; <style>';
    const a = tagger.analyze({ id: 'f', body });
    const f = a.text.fields.find((x) => x.field === 'body')!;
    const t = a.text.tokens[0]!;
    expect(body.slice(f.toSource(t.start), f.toSource(t.end))).toBe('Paris&#769;');
  });

  it('a number that ends before the mark a character decomposes into ("3.5\\u0a36") keeps that character', () => {
    const out = lede('3.5\u0a36abc');
    expect(out.map((x) => x.source)).toEqual(['3.5\u0a36', 'abc']);
  });

  it('a fold of the same total length is not linear: U+FB2A grows by one, a compatibility ideograph shrinks by one', () => {
    const out = lede('\ufb2a\u2033\ud87e\udc00');
    expect(out.map((x) => x.source)).toEqual(['\ufb2a', '\u2033', '\ud87e\udc00']);
  });
});

describe('offsets property', () => {
  const piece = fc.constantFrom(...WORDS, ...UNICODE, ...PUNCT, ...HTML);
  const text = fc.array(fc.tuple(piece, fc.constantFrom('', ' ', '\n')), { maxLength: 40 }).map((xs) => xs.map(([a, b]) => a + b).join(''));

  it('every token and mention slices back to the same letters', () => {
    fc.assert(
      fc.property(text, text, (title, body) => {
        const article = { id: 'p', title, body };
        offsetsMapBack(tagger.analyze(article), (field) => (field === 'title' ? title : field === 'body' ? body : ''));
      }),
      { numRuns: 400 },
    );
  });

  it('letters() keeps letters and digits only, composed', () => {
    expect(letters('Cafe\u0301... 12!')).toBe('Caf\u00e912');
  });
});
