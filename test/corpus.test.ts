import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCorpusIndex, isNewsTaggerError, loadCorpusIndex, type IndexArticle } from '../src/index.js';

const SAMPLE: IndexArticle[] = readFileSync(join(__dirname, '..', 'examples', 'corpus', 'sample-articles.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as IndexArticle);

function sampleIndex(options = {}) {
  const index = createCorpusIndex(options);
  index.addAll(SAMPLE);
  return index;
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(isNewsTaggerError(error), String(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected a NewsTaggerError ${code}`);
}

describe('CorpusIndex: add, update, remove', () => {
  it('indexes the sample corpus and counts documents and terms', () => {
    const index = sampleIndex();
    expect(index.size).toBe(SAMPLE.length);
    const stats = index.stats();
    expect(stats.documents).toBe(SAMPLE.length);
    expect(stats.terms).toBeGreaterThan(500);
    expect(stats.deleted).toBe(0);
    // "measles" appears in the four measles stories and nowhere else
    expect(index.documentFrequency('measl')).toBe(4);
  });

  it('rejects duplicate and unknown ids with coded errors', () => {
    const index = sampleIndex();
    expectCode(() => index.add(SAMPLE[0] as IndexArticle), 'DUPLICATE_ID');
    expectCode(() => index.remove('no-such-story'), 'UNKNOWN_ID');
    expectCode(() => index.update({ id: 'no-such-story', title: 'x', body: 'y' }), 'UNKNOWN_ID');
    expectCode(() => index.related('no-such-story'), 'UNKNOWN_ID');
    expectCode(() => index.readNext('no-such-story'), 'UNKNOWN_ID');
    expectCode(() => index.add({ id: 'x', title: 5 } as unknown as IndexArticle), 'INVALID_ARTICLE');
    expectCode(() => createCorpusIndex({ tf: 'log' } as never), 'INVALID_OPTION');
    expectCode(() => index.related('sample-001', { k: -1 }), 'INVALID_OPTION');
    expectCode(() => index.related('sample-001', { colapse: true } as never), 'INVALID_OPTION');
  });

  it('update replaces the vector: the article is found by its new words only', () => {
    const index = sampleIndex();
    const before = index.documentFrequency('measl');
    const freight = index.documentFrequency('freight');
    index.update({ id: 'sample-016', title: 'Nigeria opens new rail line to Kano', body: 'The railway carries freight and passengers between Lagos and Kano.' });
    expect(index.documentFrequency('measl')).toBe(before - 1);
    expect(index.documentFrequency('freight')).toBe(freight + 1);
    const hits = index.related({ id: 'probe', title: 'Kano rail line', body: 'Freight trains to Kano from Lagos.' }, { k: 3, localScaling: 0 });
    expect(hits[0]?.id).toBe('sample-016');
  });

  it('warm() computes ahead what queries compute lazily: results do not change', () => {
    const lazy = sampleIndex();
    const warmed = sampleIndex();
    warmed.warm();
    for (const id of ['sample-001', 'sample-012', 'sample-028']) {
      expect(warmed.related(id)).toEqual(lazy.related(id));
    }
  });

  it('remove hides an article at once; vacuum keeps results identical', () => {
    const index = sampleIndex();
    const before = index.related('sample-005', { k: 5 }).map((r) => r.id);
    index.remove('sample-006');
    expect(index.has('sample-006')).toBe(false);
    const after = index.related('sample-005', { k: 5 });
    expect(after.map((r) => r.id)).not.toContain('sample-006');
    index.vacuum();
    expect(index.stats().deleted).toBe(0);
    expect(index.related('sample-005', { k: 5 }).map((r) => r.id)).toEqual(after.map((r) => r.id));
    expect(before).toContain('sample-006');
  });

  it('scores a small archive with the idf of the whole archive, as vacuum() does', () => {
    const docs: IndexArticle[] = [
      { id: 'a', title: 'Ferry strike in Tarrow', body: 'The ferry crews of Tarrow went on strike over pay.' },
      { id: 'b', title: 'Tarrow ferry strike ends', body: 'The ferry crews of Tarrow ended their strike over pay.' },
      { id: 'c', title: 'Orchard harvest', body: 'Apple growers picked a record harvest.' },
    ];
    const fresh = createCorpusIndex();
    fresh.addAll(docs);
    const vacuumed = createCorpusIndex();
    vacuumed.addAll(docs);
    vacuumed.vacuum();
    for (const id of ['a', 'b']) {
      const got = fresh.related(id);
      expect(got.map((r) => r.id)).toEqual(vacuumed.related(id).map((r) => r.id));
      expect(got[0]?.similarity).toBeCloseTo(vacuumed.related(id)[0]?.similarity as number, 6);
    }
  });
});

describe('related()', () => {
  const index = sampleIndex();

  it('finds the same story and explains why', () => {
    const results = index.related('sample-016', { k: 3 });
    expect(results.map((r) => r.id).slice(0, 3).sort()).toEqual(['sample-017', 'sample-018', 'sample-019']);
    const top = results[0];
    expect(top?.why.terms).toContain('measles');
    expect(top?.score).toBeGreaterThan(0);
    expect(top?.similarity).toBeGreaterThan(0);
    expect(top?.section).toBe('Health');
  });

  it('never returns the page itself and scores never increase', () => {
    for (const a of SAMPLE) {
      const results = index.related(a.id, { k: 10 });
      expect(results.map((r) => r.id)).not.toContain(a.id);
      for (let i = 1; i < results.length; i++) expect((results[i] as { score: number }).score).toBeLessThanOrEqual((results[i - 1] as { score: number }).score);
    }
  });

  it('answers for an article that is not indexed, without adding it', () => {
    const draft: IndexArticle = {
      id: 'draft-1',
      title: 'Measles vaccination drive extended in northern Nigeria',
      body: 'Health workers in Kano and Kaduna will continue the measles vaccination campaign for another week, the WHO said.',
    };
    const results = index.related(draft, { k: 3 });
    expect(results[0]?.id).toMatch(/^sample-01[6-9]$/);
    expect(index.has('draft-1')).toBe(false);
    expect(index.related({ id: 'empty', title: '', body: '...' })).toEqual([]);
  });

  it('filters by section, date window, exclusions and language', () => {
    const same = index.related('sample-005', { k: 10, section: 'same' });
    expect(same.length).toBeGreaterThan(0);
    expect(same.every((r) => r.section === 'Economy')).toBe(true);
    const other = index.related('sample-005', { k: 10, section: 'other' });
    expect(other.every((r) => r.section !== 'Economy')).toBe(true);
    const windowed = index.related('sample-005', { k: 10, since: '2026-03-01', until: '2026-03-31' });
    expect(windowed.every((r) => (r.date as string) >= '2026-03-01' && (r.date as string) <= '2026-03-31T23:59:59Z')).toBe(true);
    const recent = index.related('sample-030', { k: 10, maxAgeDays: 14 });
    expect(recent.every((r) => Date.parse(r.date as string) >= Date.parse('2026-03-04'))).toBe(true);
    const excluded = index.related('sample-005', { k: 10, exclude: ['sample-006', 'sample-008'] });
    expect(excluded.map((r) => r.id)).not.toContain('sample-006');
    expect(excluded.map((r) => r.id)).not.toContain('sample-008');
    expect(index.related('sample-005', { lang: 'fr' })).toEqual([]);
  });

  it('a recency half-life puts the fresh story above the old one', () => {
    const idx = createCorpusIndex();
    const body = 'The central bank held its policy rate at 4.5 percent and said inflation was easing.';
    idx.add({ id: 'old', title: 'Central bank holds rate', body, date: '2025-01-10' });
    idx.add({ id: 'fresh', title: 'Central bank holds policy rate', body: `${body} Markets expected it.`, date: '2026-03-01' });
    idx.add({ id: 'page', title: 'Central bank keeps rate on hold', body: `${body} Analysts expect a cut later.`, date: '2026-03-02' });
    idx.add({ id: 'other', title: 'Football club wins league', body: 'The club won the league on the last day.', date: '2026-03-02' });
    const ranked = idx.related('page', { halfLifeDays: 30, collapse: false, localScaling: 0, minScore: 0 });
    expect(ranked.map((r) => r.id).slice(0, 2)).toEqual(['fresh', 'old']);
    expect((ranked[0] as { score: number }).score).toBeGreaterThan((ranked[1] as { score: number }).score * 10);
  });

  it('collapses an updated version of a story into the newest one, and drops copies of the page', () => {
    const idx = createCorpusIndex();
    idx.addAll(SAMPLE);
    const base = SAMPLE.find((a) => a.id === 'sample-017') as IndexArticle;
    idx.add({ ...base, id: 'sample-017-update', date: '2026-02-24', body: `${base.body} Updated with figures from the health ministry.` });
    const collapsed = idx.related('sample-016', { k: 10 });
    const ids = collapsed.map((r) => r.id);
    expect(ids).toContain('sample-017-update');
    expect(ids).not.toContain('sample-017');
    expect(collapsed.find((r) => r.id === 'sample-017-update')?.duplicates).toEqual(['sample-017']);
    const uncollapsed = idx.related('sample-016', { k: 10, collapse: false }).map((r) => r.id);
    expect(uncollapsed).toContain('sample-017');
    // the update is a copy of sample-017: not "related news" for it
    expect(idx.related('sample-017').map((r) => r.id)).not.toContain('sample-017-update');
  });

  it('entity ids join the vector and the explanation, and boost shared entities', () => {
    const idx = createCorpusIndex();
    idx.add({ id: 'a', title: 'Talks in the capital', body: 'Officials met for talks on Monday.', entities: [{ id: 'country:KP' }, { id: 'person:kim-jong-un', weight: 0.8 }] });
    idx.add({ id: 'b', title: 'Talks resume', body: 'Officials met again for talks.', entities: [{ id: 'country:KP' }] });
    idx.add({ id: 'c', title: 'Talks resume', body: 'Officials met again for talks.', entities: [{ id: 'country:FR' }] });
    idx.add({ id: 'd', title: 'Harvest begins', body: 'Farmers started the rice harvest.' });
    expect(idx.documentFrequency('country:KP', true)).toBe(2);
    const results = idx.related('a', { collapse: false, localScaling: 0 });
    expect(results[0]?.id).toBe('b');
    expect(results[0]?.why.entities).toEqual(['country:KP']);
    const boosted = idx.related('a', { collapse: false, localScaling: 0, entityBoost: 0.5 });
    // b shares country:KP, the stronger of the page's two entities; c shares none and is not boosted
    const ratio = (boosted[0]?.score ?? 0) / (results[0]?.score ?? 1);
    expect(ratio).toBeGreaterThan(1.2);
    expect(boosted.find((r) => r.id === 'c')?.score).toBeCloseTo(results.find((r) => r.id === 'c')?.score ?? -1, 9);
    expectCode(() => idx.add({ id: 'e', title: 't', body: 'b', entities: [{ id: 3 }] } as never), 'INVALID_ARTICLE');
  });

  it('diversity (MMR) keeps k results and still never returns the page', () => {
    const results = index.related('sample-012', { k: 4, diversity: 0.5 });
    expect(results.length).toBeLessThanOrEqual(4);
    expect(results.map((r) => r.id)).not.toContain('sample-012');
    for (let i = 1; i < results.length; i++) expect((results[i] as { score: number }).score).toBeLessThanOrEqual((results[i - 1] as { score: number }).score);
  });
});

describe('readNext()', () => {
  const index = sampleIndex();

  it('excludes the page, its Related News and what is shown', () => {
    const relatedIds = index.related('sample-001', { k: 5 }).map((r) => r.id);
    const next = index.readNext('sample-001', { k: 5 });
    const ids = next.map((r) => r.id);
    expect(ids).not.toContain('sample-001');
    for (const id of relatedIds) expect(ids).not.toContain(id);
    const shown = index.readNext('sample-001', { k: 5, shown: ['sample-002'], exclude: ['sample-004'] }).map((r) => r.id);
    expect(shown).not.toContain('sample-002');
    expect(shown).not.toContain('sample-004');
    expect(shown).not.toContain('sample-001');
    for (let i = 1; i < next.length; i++) expect((next[i] as { score: number }).score).toBeLessThanOrEqual((next[i - 1] as { score: number }).score);
  });

  it('prefers the same section when similarity is alike', () => {
    const next = index.readNext('sample-006', { k: 3, relatedK: 0, otherSectionFactor: 0.5, diversity: 0 });
    expect(next[0]?.section).toBe('Economy');
  });
});

describe('save and load', () => {
  it('save -> load -> save is byte-identical and answers the same', () => {
    const index = sampleIndex();
    index.remove('sample-010');
    const bytes = index.save();
    const loaded = loadCorpusIndex(bytes);
    expect(loaded.size).toBe(index.size);
    expect(loaded.save()).toEqual(bytes);
    for (const id of ['sample-001', 'sample-016', 'sample-030']) {
      expect(loaded.related(id, { k: 5 }).map((r) => r.id)).toEqual(index.related(id, { k: 5 }).map((r) => r.id));
    }
    loaded.add({ id: 'new', title: 'Measles cases fall', body: 'Measles cases fell after the vaccination campaign.' });
    expect(loaded.has('new')).toBe(true);
  });

  it('rejects other files, other versions, corrupt bytes and other options with coded errors', () => {
    const bytes = sampleIndex().save();
    expectCode(() => loadCorpusIndex(new TextEncoder().encode('{"not":"an index"}')), 'INDEX_FORMAT');
    expectCode(() => loadCorpusIndex(new Uint8Array(3)), 'INDEX_FORMAT');
    const version = bytes.slice();
    version[4] = 99;
    expectCode(() => loadCorpusIndex(version), 'INDEX_VERSION');
    const corrupt = bytes.slice();
    corrupt[corrupt.length - 5] = (corrupt[corrupt.length - 5] as number) ^ 0xff;
    expectCode(() => loadCorpusIndex(corrupt), 'INDEX_CORRUPT');
    expectCode(() => loadCorpusIndex(bytes, { stem: false }), 'INDEX_OPTIONS_MISMATCH');
    expect(loadCorpusIndex(bytes, { stem: true, entities: () => [] }).size).toBe(SAMPLE.length);
  });
});

// ---- properties --------------------------------------------------------------------------------

const WORDS = [
  'minister', 'election', 'vote', 'parliament', 'budget', 'tax', 'bank', 'rate', 'inflation', 'harvest',
  'rice', 'wheat', 'drought', 'flood', 'storm', 'missile', 'border', 'troops', 'talks', 'ceasefire',
  'vaccine', 'measles', 'hospital', 'league', 'match', 'goal', 'coach', 'court', 'judge', 'ruling',
  'pipeline', 'gas', 'grid', 'solar', 'climate', 'summit', 'trade', 'tariff', 'exports', 'shipping',
];
const articleArb = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
  body: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 40 }),
  section: fc.constantFrom('Politics', 'Economy', 'Sports'),
  day: fc.integer({ min: 1, max: 28 }),
});
const corpusArb = fc.array(articleArb, { minLength: 2, maxLength: 30 }).map((list) =>
  list.map((a, i) => ({ id: `p${i}`, title: a.title.join(' '), body: a.body.join(' '), section: a.section, date: `2026-02-${String(a.day).padStart(2, '0')}` })),
);

describe('properties (fast-check)', () => {
  it('related(id) never contains id and its scores never increase', () => {
    fc.assert(
      fc.property(corpusArb, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (corpus, exact, diversity, feedback) => {
        const index = createCorpusIndex();
        index.addAll(corpus);
        for (const a of corpus) {
          const results = index.related(a.id, { k: 5, exact, diversity, feedbackDocs: feedback ? 3 : 0 });
          if (results.some((r) => r.id === a.id)) return false;
          for (let i = 1; i < results.length; i++) if ((results[i] as { score: number }).score > (results[i - 1] as { score: number }).score) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('add then remove restores every document frequency', () => {
    fc.assert(
      fc.property(corpusArb, articleArb, (corpus, extra) => {
        const index = createCorpusIndex({ stem: false });
        index.addAll(corpus);
        const before = WORDS.map((w) => index.documentFrequency(w));
        const stats = index.stats();
        index.add({ id: 'extra', title: extra.title.join(' '), body: extra.body.join(' ') });
        index.remove('extra');
        const after = WORDS.map((w) => index.documentFrequency(w));
        const s = index.stats();
        return JSON.stringify(before) === JSON.stringify(after) && s.documents === stats.documents && s.postings === stats.postings && s.terms === stats.terms;
      }),
      { numRuns: 100 },
    );
  });

  it('save -> load -> save is identical after any adds and removes', () => {
    fc.assert(
      fc.property(corpusArb, fc.array(fc.nat(), { maxLength: 5 }), (corpus, removals) => {
        const index = createCorpusIndex();
        index.addAll(corpus);
        for (const r of removals) {
          const id = `p${r % corpus.length}`;
          if (index.has(id)) index.remove(id);
        }
        const bytes = index.save();
        const again = loadCorpusIndex(bytes).save();
        return bytes.length === again.length && bytes.every((b, i) => b === again[i]);
      }),
      { numRuns: 60 },
    );
  });

  it('pruned and exact modes agree on the top result for typical articles', () => {
    // the sample corpus: every article as the query; pruning to 8 terms to make the check bite
    const index = sampleIndex();
    let agree = 0;
    for (const a of SAMPLE) {
      const pruned = index.related(a.id, { k: 1, maxQueryTerms: 8 })[0]?.id;
      const exact = index.related(a.id, { k: 1, exact: true })[0]?.id;
      if (pruned === exact) agree++;
    }
    expect(agree / SAMPLE.length).toBeGreaterThanOrEqual(0.9);
  });
});
