import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCorpusIndex, createTagger, type Article } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';

const load = (lang: 'ar' | 'es'): Article[] =>
  readFileSync(join(__dirname, '..', 'examples', 'corpus', `sample-articles-${lang}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Article);

const english: Article[] = readFileSync(join(__dirname, '..', 'examples', 'corpus', 'sample-articles.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Article);

describe.each(['ar', 'es'] as const)('the %s sample corpus', (lang) => {
  const articles = load(lang);
  // the core with the Arabic and Spanish names (news-tagger/languages), as news-tagger gives them in Node
  const tagger = createTagger({ labels: lang, languages: [arabic(), spanish()] });

  it('is in its language, and detection agrees', () => {
    for (const a of articles) {
      expect(a.lang).toBe(lang);
      const { lang: _given, ...unlabelled } = a;
      expect(tagger.analyzeText(unlabelled).lang).toBe(lang);
    }
  });

  it('tags the countries of the first story and files it under Asia with a label in the language', () => {
    const result = tagger.tag(articles[0]);
    expect(result.tags.map((t) => t.id).slice(0, 2).sort()).toEqual(['country:CN', 'country:RU']);
    const asia = result.regions.find((r) => r.region === 'Asia');
    expect(asia?.label).toBe(lang === 'ar' ? 'آسيا' : 'Asia');
    const pacific = result.regions.find((r) => r.region === 'Asia-Pacific');
    expect(pacific?.label).toBe(lang === 'ar' ? 'آسيا والمحيط الهادئ' : 'Asia-Pacífico');
  });

  it('files the Gaza story under Palestine', () => {
    const gaza = articles.find((a) => /غزة|Gaza/u.test(a.title)) as Article;
    const regions = tagger.suggestRegions(gaza).map((r) => r.region);
    expect(regions).toContain('Palestine');
  });

  it('finds the same story in Related News, in the page language by default', () => {
    const index = createCorpusIndex();
    index.addAll([...articles, ...english]);
    const [first, second] = articles as [Article, Article];
    const related = index.related(first.id, { k: 3 });
    expect(related[0]?.id).toBe(second.id);
    expect(related.every((r) => r.id.startsWith(`sample-${lang}-`))).toBe(true);
    // 'any' mixes languages: nothing stops an English article from coming up
    const any = index.related(first.id, { k: 40, lang: 'any', minScore: 0 });
    expect(any.length).toBeGreaterThanOrEqual(related.length);
  });

  it('indexes every form of a word under one term (stemming in the language)', () => {
    const index = createCorpusIndex();
    index.addAll(articles);
    const withDoc = createCorpusIndex({ stem: false });
    withDoc.addAll(articles);
    expect(index.stats().terms).toBeLessThan(withDoc.stats().terms);
  });
});

describe('languages in one index', () => {
  it('detects the language of articles that do not say it, and related() keeps to it', () => {
    const index = createCorpusIndex();
    const strip = (a: Article): Article => {
      const { lang: _l, ...rest } = a;
      return rest as Article;
    };
    index.addAll([...load('ar'), ...load('es'), ...english].map(strip));
    for (const lang of ['ar', 'es'] as const) {
      const first = load(lang)[0] as Article;
      for (const r of index.related(first.id, { k: 5 })) expect(r.id.startsWith(`sample-${lang}-`)).toBe(true);
    }
  });
});
