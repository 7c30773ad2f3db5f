/** Invariants of tag and region suggestions over articles assembled from sentences the project wrote. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/node.js';

const SENTENCES = [
  'North Korean leader Kim Jong-un met Russian President Vladimir Putin in Vladivostok.',
  "Putin's spokesman said the Kremlin welcomed the talks.",
  'Washington said the sanctions on Pyongyang would stay.',
  'Officials in Seoul and Tokyo voiced concern.',
  'The European Union and Nato held an emergency meeting in Brussels.',
  'Prime Minister Rishi Sunak told MPs that Britain would send more aid to Ukraine.',
  'Protesters gathered in Zürich, São Paulo and Kyiv on Saturday.',
  'Deputy Foreign Minister Anna Kowalczyk said Poland was ready to help.',
  'Kowalczyk later flew to Warsaw.',
  'The Korean Central News Agency (KCNA) reported the launch. KCNA gave no details.',
  'It rained all day and nobody said anything.',
  'JORDAN AND CHAD SIGN TRADE PACT',
  '<p>Talks in <b>Geneva</b> ended without a deal.</p>',
];

const article = fc.record({
  title: fc.constantFrom(...SENTENCES),
  paragraphs: fc.array(fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 6 }),
});

describe('suggestion invariants', () => {
  const tagger = createTagger();

  it('scores lie in [0, 1], never increase down the list, and evidence slices back to the text', () => {
    fc.assert(
      fc.property(article, ({ title, paragraphs }) => {
        const input = { id: 'p', title, body: paragraphs.map((p) => p.join(' ')).join('\n\n') };
        const r = tagger.tag(input, { minScore: 0, limit: 50 });
        const text = tagger.analyzeText(input);
        for (let i = 0; i < r.tags.length; i++) {
          const t = r.tags[i]!;
          expect(t.score).toBeGreaterThanOrEqual(0);
          expect(t.score).toBeLessThanOrEqual(1);
          if (i > 0) expect(t.score).toBeLessThanOrEqual(r.tags[i - 1]!.score);
          for (const m of t.evidence.mentions) {
            const f = text.fields.find((x) => x.field === m.field)!;
            expect(f.text.slice(m.start, m.end)).toBe(m.text);
          }
        }
        expect(new Set(r.tags.map((t) => t.id)).size).toBe(r.tags.length);
        for (let i = 1; i < r.regions.length; i++) expect(r.regions[i]!.score).toBeLessThanOrEqual(r.regions[i - 1]!.score);
      }),
      { numRuns: 150 },
    );
  });
});
