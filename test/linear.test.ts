/**
 * Every input of the catalogue of pathological inputs (fuzz/catalogue.ts: issue #16's table, its
 * realistic forms, and what the fuzzer and reading the code found) as a named regression test: at
 * 50,000 characters it is analyzed and tagged without an error, and every offset maps back. Their
 * time and memory are shown by `npm run bench -- adversarial`, not here.
 */
import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';
import { CATALOGUE } from '../fuzz/catalogue.js';
import { offsetsMapBack } from '../fuzz/checks.js';

// the core with the Arabic and Spanish names (news-tagger/languages), as news-tagger gives them in Node
const tagger = createTagger({ languages: [arabic(), spanish()] });

describe('pathological inputs (fuzz/catalogue.ts)', () => {
  it.each(CATALOGUE.map((c) => [c.name, c] as const))('%s', (_name, item) => {
    const body = item.body(50_000);
    expect(body.length).toBeGreaterThanOrEqual(49_990);
    const analysis = tagger.analyze({ id: 'p', body });
    offsetsMapBack(analysis, (field) => (field === 'body' ? body : ''));
    const tags = tagger.tag({ id: 'p', body });
    expect(Array.isArray(tags.tags)).toBe(true);
  });

  it('tokenizes a run of "-" as one token, a short run as one token per character (the e-mail branch no longer rescans it)', () => {
    const long = tagger.analyzeText({ id: 'd', body: '-'.repeat(20_000) }).tokens;
    expect(long.map((t) => [t.kind, t.start, t.end])).toEqual([['punct', 0, 20_000]]);
    const short = tagger.analyzeText({ id: 'd', body: `a${'-'.repeat(63)}b@x` }).tokens;
    expect(short.filter((t) => t.text === '-').length).toBe(63);
  });

  it('a run of 64 or more of one punctuation or symbol character is one token; sentences still end after a run of dots', () => {
    const a = tagger.analyzeText({ id: 'r', body: `Stop${'.'.repeat(70)} Then he went. ${'\ud83d\ude00'.repeat(64)}` });
    expect(a.tokens.map((t) => t.text.length)).toEqual([4, 70, 4, 2, 4, 1, 128]);
    expect(a.sentences.map((x) => [x.start, x.end])).toEqual([[0, 74], [75, 217]]);
  });

  it('an ellipsis character is one token "..." (three typed dots stay three) and tag() gives the same result for both', () => {
    const typed = 'Officials in Paris... said Berlin and Kim Jong-un... met in Seoul. The talks... ended in Tokyo.';
    const folded = typed.replace(/\.\.\./gu, '\u2026');
    const tokens = (body: string): string[] => tagger.analyzeText({ id: 'e', body }).tokens.map((t) => t.text);
    expect(tokens(folded).filter((t) => t === '...').length).toBe(3);
    expect(tokens(typed).filter((t) => t === '...').length).toBe(0);
    expect(tokens(folded).length).toBe(tokens(typed).length - 6);
    expect(tagger.tag({ id: 'e', body: folded })).toEqual(tagger.tag({ id: 'e', body: typed }));
    const a = tagger.analyze({ id: 'e', body: folded });
    expect(a.mentions.map((m) => m.text)).toEqual(tagger.analyze({ id: 'e', body: typed }).mentions.map((m) => m.text));
  });

  it('names beside a run of lone surrogates or of Hangul jamo with ellipses map back to the caller\'s text, and are the names found without the run', () => {
    const plain = 'Officials in Paris met envoys from Berlin. Talks in Seoul ended. Paris said the envoys from Berlin would return to Paris next week.';
    for (const run of ['\ud800'.repeat(200), '\u1100\u1161\u2026'.repeat(100), '='.repeat(80)]) {
      const body = plain.replace('met ', `met ${run} `);
      const a = tagger.analyze({ id: 'r', body });
      const field = a.text.fields.find((f) => f.field === 'body')!;
      const names = a.mentions.map((m) => body.slice(field.toSource(m.start), field.toSource(m.end)));
      expect(names).toEqual(tagger.analyze({ id: 'r', body: plain }).mentions.map((m) => m.text));
      expect(names).toEqual(expect.arrayContaining(['Paris', 'Berlin', 'Seoul']));
      const ids = (b: string): string[] => tagger.tag({ id: 'r', title: 'Paris talks with Berlin', body: b }).tags.map((t) => t.id);
      expect(ids(body)).toEqual(ids(plain));
      expect(ids(body)).toEqual(['country:FR', 'country:DE']);
    }
  });

  it('still finds an e-mail address at the end of a long run of its characters', () => {
    const body = `${'a.'.repeat(5_000)}desk@example.org said`;
    const { tokens } = tagger.analyzeText({ id: 'e', body });
    const email = tokens.find((t) => t.kind === 'email');
    expect(email?.text).toBe(`${'a.'.repeat(5_000)}desk@example.org`);
  });

  it('reads markup as the tag regex did: "<a" with no ">" after it is text, names end on a word boundary', () => {
    const text = (body: string): string | undefined => tagger.analyzeText({ id: 'h', body }).fields.find((f) => f.field === 'body')?.text;
    expect(text('<p>Prices rose 5 <a in Paris')).toBe('Prices rose 5 <a in Paris');
    expect(text('<p>Prices <a rose, <b>sharply</b> in Paris')).toBe('Prices sharply in Paris');
    expect(text('<p>Talks <x-y->went</x-y-> on</p>')).toBe('Talks went on');
    expect(text('<p>a <a-:>b <a_b>c</p>')).toBe('a b <a_b>c');
  });
});
