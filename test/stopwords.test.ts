import { describe, expect, it } from 'vitest';
import { isNewsTaggerError } from '../src/errors.js';
import { buildStopwords, DEFAULT_STOPWORDS } from '../src/text/stopwords.js';

function invalidOption(run: () => unknown): boolean {
  try {
    run();
  } catch (error) {
    return isNewsTaggerError(error, 'INVALID_OPTION');
  }
  return false;
}

describe('DEFAULT_STOPWORDS', () => {
  it('is a list of 150-200 distinct lower-case words', () => {
    expect(DEFAULT_STOPWORDS.length).toBeGreaterThanOrEqual(150);
    expect(DEFAULT_STOPWORDS.length).toBeLessThanOrEqual(200);
    expect(new Set(DEFAULT_STOPWORDS).size).toBe(DEFAULT_STOPWORDS.length);
    for (const word of DEFAULT_STOPWORDS) expect(word).toBe(word.trim().toLowerCase());
  });

  it('drops the function words and reporting verbs of a news sentence, not its content', () => {
    const stop = buildStopwords();
    const sentence =
      'The minister said on Tuesday that the government would not raise fuel taxes, according to officials who told reporters it was also too early to say';
    const kept = sentence
      .toLowerCase()
      .split(/[^\p{L}']+/u)
      .filter((word) => word !== '' && !stop.has(word));
    expect(kept).toEqual(['minister', 'tuesday', 'government', 'raise', 'fuel', 'taxes', 'officials', 'who',
      'reporters', 'early']);
  });

  it('keeps words that are also names or acronyms in news (US, WHO, May, UN, New York)', () => {
    const stop = buildStopwords();
    for (const word of ['us', 'who', 'may', 'will', 'un', 'eu', 'new', 'mine']) expect(stop.has(word)).toBe(false);
  });
});

describe('buildStopwords', () => {
  it('returns the defaults when no option is given, as a new set each time', () => {
    const a = buildStopwords();
    const b = buildStopwords();
    expect([...a]).toEqual([...DEFAULT_STOPWORDS]);
    expect(a).not.toBe(b);
    (a as Set<string>).add('kremlin');
    expect(buildStopwords().has('kremlin')).toBe(false);
  });

  it('replaces the defaults with an iterable, lower-cased, trimmed and NFC-normalized', () => {
    const set = buildStopwords(['Reuters', ' AFP ', 'Zu\u0308rich', '', 'reuters']);
    expect([...set]).toEqual(['reuters', 'afp', 'z\u00fcrich']);
    expect(set.has('the')).toBe(false);
  });

  it('accepts any iterable: a Set, a generator', () => {
    expect([...buildStopwords(new Set(['Said']))]).toEqual(['said']);
    function* words() {
      yield 'Kremlin';
      yield 'Pyongyang';
    }
    expect([...buildStopwords(words())]).toEqual(['kremlin', 'pyongyang']);
  });

  it('accepts an empty iterable (no stopwords at all)', () => {
    expect(buildStopwords([]).size).toBe(0);
  });

  it('passes the defaults to a function, which can add words', () => {
    const set = buildStopwords((defaults) => [...defaults, 'Reuters', 'AP']);
    expect(set.size).toBe(DEFAULT_STOPWORDS.length + 2);
    expect(set.has('reuters')).toBe(true);
    expect(set.has('ap')).toBe(true);
    expect(set.has('the')).toBe(true);
  });

  it('passes the defaults to a function, which can remove words', () => {
    const set = buildStopwords((defaults) => [...defaults].filter((word) => word !== 'said' && word !== 'it'));
    expect(set.has('said')).toBe(false);
    expect(set.has('it')).toBe(false);
    expect(set.has('the')).toBe(true);
  });

  it('does not let a function change the defaults seen by later calls', () => {
    buildStopwords((defaults) => {
      (defaults as Set<string>).delete('the');
      return defaults;
    });
    expect(buildStopwords().has('the')).toBe(true);
  });

  it.each([
    ['a bare string', 'the'],
    ['a number', 42],
    ['null', null],
    ['a plain object', { the: true }],
    ['an array with a non-string', ['the', 7]],
    ['a function returning a number', () => 3],
    ['a function returning a string', () => 'the'],
  ])('rejects %s with INVALID_OPTION', (_label, option) => {
    expect(invalidOption(() => buildStopwords(option as never))).toBe(true);
  });

  it('names the option in the error message', () => {
    expect(() => buildStopwords(42 as never)).toThrow(/stopwords/);
  });
});
