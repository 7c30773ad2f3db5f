import { describe, expect, it } from 'vitest';
import { createCorpusIndex } from '../src/index.js';

// Fictional articles written for these tests.
describe('related(): pseudo-relevance feedback by rescoring', () => {
  const index = createCorpusIndex();
  index.addAll([
    { id: 'page', title: 'Harbour pilots strike', body: 'Harbour pilots walked out over night shifts at the container port.' },
    { id: 'pilots-2', title: 'Pilots strike closes the port', body: 'The container port stayed shut as harbour pilots struck over shifts and cranes stood idle.' },
    { id: 'pilots-3', title: 'Port pilots talks', body: 'Talks between the port authority and the harbour pilots over shifts resumed; cranes idle, ships queue at anchor.' },
    { id: 'cranes', title: 'Cranes idle, ships at anchor', body: 'Ships queue at anchor while cranes stand idle at the container terminal.' },
    { id: 'orchard', title: 'Orchard fair', body: 'The village orchard fair crowned a cider maker and a beekeeper.' },
    { id: 'choir', title: 'Choir concert', body: 'The town choir sang carols in the market square.' },
  ]);

  it('adds weight x the cosine with the centroid of the best candidates, keeping each similarity', () => {
    const plain = index.related('page', { k: 5 });
    const fb = index.related('page', { k: 5, feedbackMode: 'rescore', feedbackDocs: 2, feedbackWeight: 0.5 });
    expect(fb.map((r) => r.id).sort()).toEqual(plain.map((r) => r.id).sort());
    for (const r of fb) expect(r.similarity).toBeCloseTo(plain.find((p) => p.id === r.id)?.similarity ?? -1, 6);
    // the story about idle cranes shares words with the best matches more than with the page
    const gain = (id: string): number => (fb.find((r) => r.id === id)?.score ?? 0) - (plain.find((r) => r.id === id)?.score ?? 0);
    expect(gain('cranes')).toBeGreaterThan(0);
    for (let i = 1; i < fb.length; i++) expect(fb[i]?.score).toBeLessThanOrEqual(fb[i - 1]?.score as number);
  });

  it('is off with feedbackDocs 0 or feedbackWeight 0', () => {
    const plain = JSON.stringify(index.related('page', { k: 5 }));
    expect(JSON.stringify(index.related('page', { k: 5, feedbackMode: 'rescore', feedbackDocs: 0 }))).toBe(plain);
    expect(JSON.stringify(index.related('page', { k: 5, feedbackMode: 'rescore', feedbackDocs: 2, feedbackWeight: 0 }))).toBe(plain);
  });
});

describe('related(): defaults of the page language', () => {
  // Fictional Arabic articles written for this test: a water shortage story, its follow-ups, other news.
  const index = createCorpusIndex();
  index.addAll([
    { id: 'a1', lang: 'ar', title: 'انقطاع المياه في المدينة', body: 'انقطعت المياه عن أحياء المدينة بسبب عطل في محطة الضخ.' },
    { id: 'a2', lang: 'ar', title: 'إصلاح محطة الضخ', body: 'بدأ العمال إصلاح محطة الضخ وعادت المياه إلى بعض الأحياء.' },
    { id: 'a3', lang: 'ar', title: 'المياه تعود إلى المدينة', body: 'عادت المياه إلى أحياء المدينة بعد إصلاح العطل في المحطة.' },
    { id: 'a4', lang: 'ar', title: 'مهرجان الكتاب', body: 'افتتح مهرجان الكتاب في المدينة بمشاركة دور نشر عربية.' },
    { id: 'e1', lang: 'en', title: 'Water cut in the city', body: 'Water was cut in city districts after a pumping station failed.' },
    { id: 'e2', lang: 'en', title: 'Pumping station repaired', body: 'Workers repaired the pumping station and water returned to the districts.' },
  ]);

  it('ranks an Arabic page with the Arabic defaults, which any option given by the caller overrides', () => {
    const arabic = { localScaling: 0, feedbackDocs: 3, feedbackWeight: 0.3, feedbackMode: 'rescore' } as const;
    expect(index.related('a1')).toEqual(index.related('a1', arabic));
    expect(index.related('a1', { localScaling: 0.25, feedbackDocs: 0 })).toEqual(
      index.related('a1', { ...arabic, localScaling: 0.25, feedbackDocs: 0 }),
    );
    expect(index.related('a1', { localScaling: 0.25, feedbackDocs: 0 })).not.toEqual(index.related('a1'));
  });

  it('leaves an English page on the general defaults', () => {
    expect(index.related('e1')).toEqual(index.related('e1', { localScaling: 0.25, feedbackDocs: 0 }));
  });
});
