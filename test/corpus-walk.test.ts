import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCorpusIndex, type IndexArticle } from '../src/index.js';
import { CorpusIndexCore } from '../src/corpus/index.js';
import { resolveCorpusOptions } from '../src/corpus/options.js';
import { buildQuery, gatherCandidates, resolveRelated, type RelatedOptions } from '../src/corpus/related.js';

// Common words (in most stories), mid-frequency topic words and rare names, so that some queries walk
// long postings and others short ones.
const COMMON = ['government', 'officials', 'week', 'year', 'country', 'people', 'report'];
const TOPICS = [
  ['harvest', 'wheat', 'drought', 'farmers', 'grain', 'rainfall'],
  ['election', 'ballot', 'parliament', 'coalition', 'vote', 'campaign'],
  ['vaccine', 'measles', 'hospital', 'clinic', 'outbreak', 'doses'],
  ['pipeline', 'gas', 'tariff', 'exports', 'shipping', 'port'],
];
const RARE = ['Zürich', 'São', 'Paulo', 'Kyiv', 'Đoković', 'Mombasa', 'Tromsø', 'Gdańsk', 'Cusco', 'Tbilisi'];

const articleArb = fc.record({
  topic: fc.nat({ max: TOPICS.length - 1 }),
  common: fc.array(fc.constantFrom(...COMMON), { maxLength: 6 }),
  topical: fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 12 }),
  rare: fc.array(fc.constantFrom(...RARE), { maxLength: 2 }),
  section: fc.constantFrom('World', 'Business', 'Health'),
  lang: fc.constantFrom('en', 'en', 'en', 'fr'),
  day: fc.integer({ min: 1, max: 28 }),
});

function toArticle(a: typeof articleArb extends fc.Arbitrary<infer T> ? T : never, id: string): IndexArticle {
  const words = (TOPICS[a.topic] as string[]).filter((_, i) => a.topical.includes(i));
  return {
    id,
    title: `${words.slice(0, 3).join(' ')} ${a.rare.join(' ')}`.trim() || 'news',
    body: [...a.common, ...words, ...a.rare].join(' '),
    section: a.section,
    lang: a.lang,
    date: `2026-03-${String(a.day).padStart(2, '0')}T08:00:00Z`,
  };
}

const OPTIONS: RelatedOptions[] = [
  {},
  { exact: true },
  { maxQueryTerms: 2, candidates: 3 },
  { section: 'same', lang: 'any' },
  { section: 'other', maxAgeDays: 10, now: '2026-03-20T00:00:00Z' },
  { section: ['Health', 'World'], since: '2026-03-05', until: '2026-03-25' },
];

describe('gatherCandidates: the short walk (touched list) and the long one (scan of every slot)', () => {
  it('give the same candidates, with postings merged, removed documents and new ones in the tail', () => {
    fc.assert(
      fc.property(
        fc.array(articleArb, { minLength: 3, maxLength: 40 }),
        fc.array(articleArb, { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (first, later, removals) => {
          const core = new CorpusIndexCore(resolveCorpusOptions({}));
          first.forEach((a, i) => core.add(toArticle(a, `a${i}`)));
          core.vacuum(); // postings into the CSR block
          for (const r of removals) {
            const id = `a${r % first.length}`;
            if (core.has(id)) core.remove(id); // dead postings left in the CSR block
          }
          later.forEach((a, i) => core.add(toArticle(a, `b${i}`))); // tail postings
          for (const id of core.ids()) {
            for (const o of OPTIONS) {
              const opts = resolveRelated({ ...o, exclude: core.ids().slice(0, 1) });
              for (const rare of [false, true]) {
                const touched = gatherCandidates(core, buildQuery(core, id), opts, rare, 'touched');
                const dense = gatherCandidates(core, buildQuery(core, id), opts, rare, 'dense');
                expect(dense).toEqual(touched);
                const auto = gatherCandidates(core, buildQuery(core, id), opts, rare);
                expect(auto).toEqual(touched);
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the long walk finds the true top cosines (against a brute-force scan of stored vectors)', () => {
    // 120 stories: four topics x three regions, so that each query touches most of the archive
    const articles: IndexArticle[] = [];
    for (let i = 0; i < 120; i++) {
      const topic = TOPICS[i % 4] as string[];
      const words = topic.filter((_, j) => (i + j) % 3 !== 0);
      articles.push({
        id: `s${i}`,
        title: `${words[0]} ${words[1]} in ${RARE[i % RARE.length]}`,
        body: `${COMMON.filter((_, j) => (i + j) % 2 === 0).join(' ')} ${words.join(' ')} ${RARE[(i * 7) % RARE.length]}. ${words.slice(2).join(' ')}`,
      });
    }
    const index = createCorpusIndex();
    index.addAll(articles);
    index.vacuum();
    const unit = new Map(index.ids().map((id) => [id, new Map((index.get(id)?.terms ?? []).map((t) => [t.term, t.weight]))]));
    const cos = (a: string, b: string): number => {
      let dot = 0;
      for (const [t, w] of unit.get(a) ?? []) dot += w * (unit.get(b)?.get(t) ?? 0);
      return dot;
    };
    for (const id of index.ids().slice(0, 30)) {
      const results = index.related(id, { k: 5, exact: true, collapse: false, localScaling: 0, minScore: 0 });
      expect(results).toHaveLength(5);
      const brute = index.ids().filter((x) => x !== id).map((x) => cos(id, x)).sort((a, b) => b - a);
      results.forEach((r, i) => {
        expect(r.similarity).toBeCloseTo(cos(id, r.id), 5);
        expect(r.similarity).toBeCloseTo(brute[i] as number, 5);
      });
    }
  });
});
