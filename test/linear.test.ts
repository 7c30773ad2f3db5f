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

  it('tokenizes a run of "-" into one token per character (the e-mail branch no longer rescans it)', () => {
    const { tokens } = tagger.analyzeText({ id: 'd', body: '-'.repeat(20_000) });
    expect(tokens.length).toBe(20_000);
    expect(new Set(tokens.map((t) => t.kind))).toEqual(new Set(['punct']));
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
