import { describe, expect, it } from 'vitest';
import { createCorpusIndex } from '../src/index.js';

// Fictional articles written for these tests.
describe('queries after many removals', () => {
  // Enough removals that the next query first reclaims the removed slots (vacuum), renumbering documents.
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
  const build = () => {
    const index = createCorpusIndex();
    for (let i = 0; i < 3000; i++) {
      index.add({ id: `a${i}`, title: `${words[i % 12]} ${words[(i * 7) % 12]} w${i}`, body: `${words[(i * 5) % 12]} ${words[(i * 3) % 12]} story ${i} x${i % 50}` });
    }
    index.related('a1');
    for (let i = 0; i < 2500; i++) index.remove(`a${i}`);
    return index;
  };

  it('related() right after them explains each result with the page words, as later queries do', () => {
    const index = build();
    const first = index.related('a2999', { k: 5 });
    expect(first.length).toBeGreaterThan(0);
    for (const r of first) expect(r.why.terms.length).toBeGreaterThan(0);
    expect(first.map((r) => r.id)).not.toContain('a2999');
    expect(index.related('a2999', { k: 5 })).toEqual(first);
  });

  it('similarity() right after them is the cosine later calls give', () => {
    const index = build();
    const first = index.similarity('a2999', 'a2998');
    expect(Number.isFinite(first)).toBe(true);
    expect(index.similarity('a2999', 'a2998')).toBe(first);
  });
});
