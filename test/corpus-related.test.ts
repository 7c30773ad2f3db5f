import { describe, expect, it } from 'vitest';
import { createCorpusIndex, isNewsTaggerError, loadCorpusIndex } from '../src/index.js';

// Fictional articles written for these tests.
const STRONG = [
  'lighthouse', 'keeper', 'ferry', 'harbour', 'gale', 'trawler', 'quay', 'breakwater', 'tide', 'beacon',
  'coastguard', 'anchor', 'mooring', 'skipper', 'buoy', 'estuary', 'seawall', 'fog', 'rescue', 'lifeboat',
  'cliff', 'pier', 'cargo', 'hull', 'rudder', 'sonar', 'vessel', 'dock', 'crane', 'winch',
];
const WEAK = ['orchard', 'cider', 'beekeeper', 'almanac', 'quilt'];

describe('related(): the adaptive walk (queryCoverage)', () => {
  const index = createCorpusIndex();
  // the page: thirty strong words (title and body, repeated) and five weak ones (once, in the body)
  index.add({ id: 'page', title: STRONG.slice(0, 10).join(' '), body: `${STRONG.join(' ')} ${STRONG.join(' ')} ${WEAK.join(' ')}` });
  // the sibling shares only the weak words
  index.add({ id: 'sibling', title: 'A village fair', body: `${WEAK.join(' ')} ${WEAK.join(' ')} and a brass band` });
  // other pages share the strong words, so they count in the archive
  for (let i = 0; i < 30; i++) index.add({ id: `harbour-${i}`, title: `Harbour notes ${i}`, body: `${STRONG[i]} ${STRONG[(i + 7) % 30]} town council budget school` });

  it('walks only the strongest terms by default, so a page sharing only weak words is no candidate', () => {
    expect(index.related('page', { k: 50 }).map((r) => r.id)).not.toContain('sibling');
  });
  it('walks further terms until they hold the asked share of the page vector, and finds it', () => {
    expect(index.related('page', { k: 50, queryCoverage: 1, maxQueryTerms: 100 }).map((r) => r.id)).toContain('sibling');
    expect(index.related('page', { k: 50, exact: true }).map((r) => r.id)).toContain('sibling');
  });
  it('rejects a coverage outside [0, 1] and a minimum that is not a positive integer, naming the option', () => {
    for (const [name, options] of [
      ['queryCoverage', { queryCoverage: 1.5 }],
      ['queryCoverage', { queryCoverage: Number.NaN }],
      ['minQueryTerms', { minQueryTerms: 0 }],
      ['minQueryTerms', { minQueryTerms: 2.5 }],
    ] as const) {
      let error: unknown;
      try {
        index.related('page', options);
      } catch (e) {
        error = e;
      }
      expect(isNewsTaggerError(error, 'INVALID_OPTION')).toBe(true);
      expect((error as Error).message).toContain(name);
    }
  });
});

describe('related(): why.terms in the page\'s own words', () => {
  // Fictional pages: the first one indexed spells the stem "stock" as "stockings", the two market pages
  // as "stocks"; one says "rates", the other "rate".
  const archive = [
    { id: 'hosiery', title: 'Wool stockings sell out at the winter marketplace', body: 'The stockings, knitted in Tarrow, sold out in a day. Stockings in red went first.' },
    { id: 'markets-1', title: 'Stocks fall as Tarrow bank raises rates', body: 'Stocks fell sharply on Monday. Traders sold stocks of exporters and the markets closed lower.' },
    { id: 'markets-2', title: 'Stocks recover after the Tarrow rate rise', body: 'Stocks recovered on Tuesday as traders bought stocks of exporters; the markets closed higher.' },
  ];
  const index = createCorpusIndex();
  index.addAll(archive);

  it('explains two pages that both say "stocks" with "stocks", not the first spelling in the archive', () => {
    const top = index.related('markets-1')[0];
    expect(top?.id).toBe('markets-2');
    expect(top?.why.terms).toContain('stocks');
    expect(top?.why.terms).not.toContain('stockings');
    // the page's own spelling of a stem the two pages spell differently
    expect(top?.why.terms).toContain('rates');
    expect(index.related('markets-2')[0]?.why.terms).toContain('rate');
  });
  it('uses the spelling of the page, for an indexed page and for an article that is not indexed', () => {
    expect(index.related('hosiery', { minScore: 0 }).find((r) => r.id === 'markets-1')?.why.terms).toContain('stockings');
    const draft = { id: 'draft', title: 'Stock prices in Tarrow', body: 'A stock index of Tarrow exporters rose.' };
    const terms = index.related(draft)[0]?.why.terms ?? [];
    expect(terms).toContain('stock');
    expect(terms).not.toContain('stocks');
  });
  it('get() lists each document\'s own spelling, and save -> load keeps them', () => {
    expect(index.get('markets-2')?.terms.map((t) => t.term)).toContain('stocks');
    expect(index.get('hosiery')?.terms.map((t) => t.term)).toContain('stockings');
    const loaded = loadCorpusIndex(index.save());
    expect(loaded.related('markets-1')[0]?.why.terms).toEqual(index.related('markets-1')[0]?.why.terms);
    expect(loaded.get('markets-2')?.terms).toEqual(index.get('markets-2')?.terms);
  });
});

describe('similarity(a, b)', () => {
  const index = createCorpusIndex();
  index.addAll([
    { id: 'a', title: 'Ferry strike in Tarrow', body: 'The ferry crews of Tarrow went on strike over pay.' },
    { id: 'b', title: 'Tarrow ferry strike ends', body: 'The ferry crews of Tarrow ended their strike over pay.' },
    { id: 'c', title: 'Orchard harvest', body: 'Apple growers picked a record harvest.' },
  ]);
  index.vacuum(); // norms with the idf of the whole archive
  it('is the cosine that related() reports, symmetric, 1 for a page with itself and 0 without shared terms', () => {
    const ab = index.related('a').find((r) => r.id === 'b')?.similarity as number;
    expect(index.similarity('a', 'b')).toBeCloseTo(ab, 6);
    expect(index.similarity('b', 'a')).toBeCloseTo(ab, 6);
    expect(index.similarity('a', 'a')).toBeCloseTo(1, 6);
    expect(index.similarity('a', 'c')).toBe(0);
  });
  it('throws UNKNOWN_ID for an id that is not indexed', () => {
    expect(() => index.similarity('a', 'nope')).toThrow(/nope/);
  });
});
