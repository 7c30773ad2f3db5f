import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTagger, isNewsTaggerError, normalizeText, readingTime, tokenize } from '../src/node.js';

const ARTICLE = {
  id: 'a1',
  title: 'Kim Jong\u2011un hosts Russia\u2019s deputy defence minister in Pyongyang',
  lede: 'The visit is the third by a senior Russian official this year.',
  body:
    '<p>North Korean leader Kim Jong-un met Russia\u2019s Deputy Defence Minister Alexander Fomin in Pyongyang on Friday, ' +
    'the Korean Central News Agency (KCNA) said.</p>\n<script>trackPageView();</script>' +
    '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>' +
    '<p>The two sides discussed \u201cmilitary cooperation\u201d &amp; regional security \u2014 a topic that worries Seoul, Tokyo and Washington.</p>',
};

describe('analyzeText on an HTML article', () => {
  const tagger = createTagger();
  const a = tagger.analyzeText(ARTICLE);

  it('strips markup, scripts and navigation and keeps paragraphs', () => {
    const body = a.fields.find((f) => f.field === 'body');
    expect(body?.html).toBe(true);
    expect(body?.text).not.toMatch(/<|trackPageView|Home \|/);
    expect(body?.text).toContain('said.\n\nThe two sides');
    expect(body?.text).toContain('"military cooperation" & regional security');
  });

  it('tags each token with its field, and offsets slice back to the token text', () => {
    for (const t of a.tokens) {
      const f = a.fields.find((x) => x.field === t.field);
      expect(f?.text.slice(t.start, t.end)).toBe(t.text);
    }
    expect(a.tokens[0]?.field).toBe('title');
    expect(a.tokens.some((t) => t.field === 'lede')).toBe(true);
    expect(a.tokens.at(-1)?.field).toBe('body');
  });

  it('maps offsets back into the original HTML', () => {
    const body = a.fields.find((f) => f.field === 'body');
    const fomin = a.tokens.find((t) => t.text === 'Fomin');
    expect(body && fomin).toBeTruthy();
    const s = body!.toSource(fomin!.start);
    expect(ARTICLE.body.slice(s, s + 5)).toBe('Fomin');
    const amp = body!.text.indexOf('&');
    expect(ARTICLE.body.slice(body!.toSource(amp), body!.toSource(amp + 1))).toBe('&amp;');
  });

  it('splits sentences per field and at paragraph breaks', () => {
    const bySentence = new Map<number, string[]>();
    for (const t of a.tokens) bySentence.set(t.sentence, [...(bySentence.get(t.sentence) ?? []), t.text]);
    expect(a.sentences.length).toBe(4); // title, lede, two body paragraphs
    expect(a.sentences.map((s) => s.field)).toEqual(['title', 'lede', 'body', 'body']);
  });

  it('counts lede and body words for the reading time', () => {
    expect(a.wordCount).toBeGreaterThan(40);
    expect(a.readingTime).toEqual({ minutes: 1, words: a.wordCount });
  });
});

describe('tokenize', () => {
  const rows: { input: string; out: string[] }[] = [
    { input: "Putin's envoy", out: ['Putin', "'s", 'envoy'] },
    { input: 'Kim Jong-un and Kim Jong Un', out: ['Kim', 'Jong-un', 'and', 'Kim', 'Jong', 'Un'] },
    { input: 'US-China talks on F-16 jets and COVID-19', out: ['US', '-', 'China', 'talks', 'on', 'F-16', 'jets', 'and', 'COVID-19'] },
    { input: 'The U.S. and the E.U.', out: ['The', 'U.S.', 'and', 'the', 'E.U.'] },
    { input: 'Zürich, São Paulo, Đoković, Kyiv', out: ['Zürich', ',', 'São', 'Paulo', ',', 'Đoković', ',', 'Kyiv'] },
    { input: 'Growth of 3.5% in 2023-24, $1,200 at 10:30', out: ['Growth', 'of', '3.5', '%', 'in', '2023-24', ',', '$', '1,200', 'at', '10:30'] },
    { input: "O'Brien met AT&T officials", out: ["O'Brien", 'met', 'AT&T', 'officials'] },
    { input: 'See https://example.com/a?b=1. Or mail desk@example.org', out: ['See', 'https://example.com/a?b=1', '.', 'Or', 'mail', 'desk@example.org'] },
    { input: 'قال المتحدث إن غزة', out: ['قال', 'المتحدث', 'إن', 'غزة'] },
  ];
  for (const { input, out } of rows) {
    it(`tokenizes ${JSON.stringify(input)}`, () => {
      expect(tokenize(input).tokens.map((t) => t.text)).toEqual(out);
    });
  }

  it('gives each token a kind', () => {
    const kinds = tokenize('Visit https://x.org, pay $5 or mail a@b.co now!').tokens.map((t) => t.kind);
    expect(kinds).toEqual(['word', 'url', 'punct', 'word', 'symbol', 'number', 'word', 'word', 'email', 'word', 'punct']);
  });

  it('does not end sentences after titles, initials or abbreviations', () => {
    const { sentences } = tokenize('Gen. Fomin met Mr. Kim. John F. Kennedy spoke. Then it rained.');
    expect(sentences).toHaveLength(3);
  });

  it('ends a sentence before an opening quote and after a closing one', () => {
    const { sentences } = tokenize('He said "we will stay." "Good," she said.');
    expect(sentences).toHaveLength(2);
  });

  it('keeps offsets exact for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normalizeText(s);
        const { tokens, sentences } = tokenize(n.text);
        for (const t of tokens) {
          if (n.text.slice(t.start, t.end) !== t.text) return false;
          const a = n.map(t.start);
          const b = n.map(t.end);
          if (!(a >= 0 && b >= a && b <= s.length)) return false;
        }
        for (let i = 1; i < sentences.length; i++) if (sentences[i]!.tokenStart !== sentences[i - 1]!.tokenEnd) return false;
        return true;
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeText', () => {
  const rows: { input: string; out: string }[] = [
    { input: 'Kim\u00a0Jong\u2011un\u2019s \u201cvisit\u201d\u2026', out: 'Kim Jong-un\'s "visit"...' },
    { input: 'Paris \u2013 Berlin \u2014 Rome', out: 'Paris \u2014 Berlin \u2014 Rome' },
    { input: 'Cafe\u0301 in Zu\u0308rich', out: 'Caf\u00e9 in Z\u00fcrich' },
    { input: 'line\r\nbreak\rend', out: 'line\nbreak\nend' },
    { input: 'zero\u200bwidth soft\u00adhyphen', out: 'zerowidth softhyphen' },
    { input: 'lone \ud83d surrogate', out: 'lone \ufffd surrogate' },
    { input: 'plain ASCII stays the same', out: 'plain ASCII stays the same' },
  ];
  for (const { input, out } of rows) {
    it(`folds ${JSON.stringify(input)}`, () => expect(normalizeText(input).text).toBe(out));
  }

  it('treats plain text with a less-than sign as text, not HTML', () => {
    expect(normalizeText('Inflation < 2% and rates > 5%').html).toBe(false);
  });

  it('maps offsets after a length-changing fold back to the source', () => {
    const src = 'Wait\u2026 then Zu\u0308rich voted';
    const n = normalizeText(src);
    const at = n.text.indexOf('voted');
    expect(src.slice(n.map(at), n.map(at) + 5)).toBe('voted');
  });
});

describe('bad input', () => {
  const tagger = createTagger();
  it('returns an empty analysis for empty, blank and markup-only text', () => {
    for (const body of ['', '   \n\t ', '<div><script>x()</script><nav>Menu</nav></div>', '<p></p><br/>']) {
      const a = tagger.analyzeText({ id: 'x', title: '', body });
      expect(a.tokens).toEqual([]);
      expect(a.readingTime).toEqual({ minutes: 0, words: 0 });
    }
  });

  it('treats null fields from JSON as empty', () => {
    const a = tagger.analyzeText(JSON.parse('{"id":null,"title":null,"body":"Seoul reacted.","lede":null,"tags":null}'));
    expect(a.tokens.map((t) => t.text)).toEqual(['Seoul', 'reacted', '.']);
  });

  it('rejects a 10 MB body with INPUT_TOO_LARGE', () => {
    const body = 'word '.repeat(2_000_000);
    expect(() => tagger.analyzeText({ id: 'big', title: '', body })).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
  });

  it('accepts a large body when maxFieldLength allows it', () => {
    const big = createTagger({ maxFieldLength: 20_000_000 });
    expect(big.analyzeText({ id: 'big', title: '', body: 'word '.repeat(2_000_000) }).wordCount).toBe(2_000_000);
  });

  it('rejects wrong types with INVALID_ARTICLE naming the field', () => {
    for (const [input, field] of [[null, 'article'], ['text', 'article'], [{ title: 5, body: '' }, 'title'], [{ body: ['a'] }, 'body'], [{ body: '', tags: 'x' }, 'tags']] as const) {
      try {
        tagger.analyzeText(input);
        expect.unreachable();
      } catch (error) {
        expect(isNewsTaggerError(error, 'INVALID_ARTICLE')).toBe(true);
        expect((error as Error).message).toContain(`"${field}"`);
      }
    }
  });

  it('rejects bad options with INVALID_OPTION naming the option', () => {
    expect(() => createTagger({ wordsPerMinute: 0 })).toThrow(/wordsPerMinute/);
    expect(() => createTagger({ format: 'pdf' as never })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => createTagger({ wordsPerMinut: 200 } as never)).toThrow(/wordsPerMinut/);
  });

  it('does not mutate the caller article or options', () => {
    const article = Object.freeze({ id: 'f', title: 'Frozen', body: 'Text.', category: 'World' });
    const options = Object.freeze({ wordsPerMinute: 100 });
    expect(() => createTagger(options).analyzeText(article)).not.toThrow();
  });
});

describe('readingTime', () => {
  it('rounds up and has a one-minute floor', () => {
    expect(readingTime(0, 230)).toEqual({ minutes: 0, words: 0 });
    expect(readingTime(1, 230)).toEqual({ minutes: 1, words: 1 });
    expect(readingTime(460, 230)).toEqual({ minutes: 2, words: 460 });
    expect(readingTime(461, 230)).toEqual({ minutes: 3, words: 461 });
  });
  it('uses the tagger option', () => {
    const a = createTagger({ wordsPerMinute: 10 }).analyzeText({ id: 'r', title: '', body: 'one two three four five six seven eight nine ten eleven' });
    expect(a.readingTime.minutes).toBe(2);
  });
});
