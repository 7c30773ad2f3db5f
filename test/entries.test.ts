/**
 * What the core (src/index.ts: the browser build of `news-tagger`) leaves to entries of their own, and
 * the errors it gives when a browser user forgets one: news-tagger/languages (Arabic and Spanish names),
 * news-tagger/page (the page extractor), news-tagger/site (site models). Node's `news-tagger`
 * (src/node.ts) passes them by default. Article text written for this test.
 */
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import * as node from '../src/node.js';
import { arabic, spanish } from '../src/languages.js';
import { extractArticle, pageReader } from '../src/pages.js';
import { loadSiteModel, trainSiteModel } from '../src/sites.js';
import { newsPage } from './page/pages.js';
import { fictionalArchive } from './site/archive.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(core.isNewsTaggerError(error), String(error)).toBe(true);
    return (error as core.NewsTaggerError).code;
  }
  return undefined;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

const ARABIC = { id: 'ar-e', title: 'روسيا والصين توقعان اتفاقا', body: 'وقعت روسيا والصين اتفاقا للتعاون في بكين يوم الاثنين.', lang: 'ar' };
const SPANISH = { id: 'es-e', title: 'Rusia y Alemania firman un acuerdo', body: 'Rusia y Alemania firmaron el lunes en Berlín un acuerdo sobre el gas, según fuentes oficiales.' };
const ENGLISH = { id: 'en-e', title: 'Germany and France sign a gas deal', body: 'Germany and France signed a gas deal in Berlin on Monday, officials said.' };

describe('news-tagger/languages', () => {
  it('the core refuses an Arabic or Spanish article without the names, naming the import', () => {
    const tagger = core.createTagger();
    expect(codeOf(() => tagger.tag(ARABIC))).toBe('DATA_MISSING');
    expect(messageOf(() => tagger.tag(ARABIC))).toMatch(/languages: \[arabic\(\)\] from news-tagger\/languages/);
    expect(codeOf(() => tagger.suggestTags(SPANISH))).toBe('DATA_MISSING');
    expect(messageOf(() => tagger.suggestTags(SPANISH))).toMatch(/spanish\(\)/);
    expect(codeOf(() => tagger.tag(ENGLISH))).toBeUndefined();
  });

  it('with the names, the core tags as Node does; languages: [] opts out', () => {
    const withNames = core.createTagger({ languages: [arabic(), spanish()], nerModel: node.createTagger().options.nerModel });
    expect(withNames.suggestTags(ARABIC).map((t) => t.id)).toEqual(expect.arrayContaining(['country:RU', 'country:CN']));
    expect(withNames.suggestTags(SPANISH).map((t) => t.id)).toEqual(expect.arrayContaining(['country:RU', 'country:DE']));
    expect(withNames.tag(ARABIC)).toEqual(node.createTagger().tag(ARABIC));
    expect(withNames.tag(SPANISH)).toEqual(node.createTagger().tag(SPANISH));
    const englishOnly = core.createTagger({ languages: [] });
    expect(codeOf(() => englishOnly.tag(ARABIC))).toBeUndefined();
    expect(englishOnly.suggestTags(ARABIC).map((t) => t.id)).not.toContain('country:RU');
  });

  it('a gazetteer of your own needs no names; a wrong value is INVALID_OPTION', () => {
    const gazetteer = { version: 1, entries: [{ id: 'place:x', type: 'place' as const, kind: 'city' as const, label: 'Xville', aliases: ['Xville'] }] };
    expect(codeOf(() => core.createTagger({ gazetteer }).tag(ARABIC))).toBeUndefined();
    expect(codeOf(() => core.createTagger({ languages: ['ar'] as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => core.createTagger({ languages: arabic() as never }))).toBe('INVALID_OPTION');
  });
});

describe('news-tagger/page', () => {
  it('the core refuses a whole page without a reader, naming the import', () => {
    expect(codeOf(() => core.createTagger({ format: 'page' }))).toBe('INVALID_OPTION');
    expect(messageOf(() => core.createTagger({ format: 'page' }))).toMatch(/pageReader\(\) from news-tagger\/page/);
    const page = { id: 'p', title: '', body: newsPage() };
    expect(codeOf(() => core.createTagger().tag(page))).toBe('DATA_MISSING');
    expect(messageOf(() => core.createTagger().tag(page))).toMatch(/pageReader\(\) from news-tagger\/page/);
    expect(codeOf(() => core.createTagger({ format: 'html' }).tag(page))).toBeUndefined();
    expect(codeOf(() => core.createTagger({ pageReader: {} as never }))).toBe('INVALID_OPTION');
  });

  it('with pageReader(), the core reads pages as Node does', () => {
    const page = { id: 'p', title: '', body: newsPage() };
    const nerModel = node.createTagger().options.nerModel;
    expect(core.createTagger({ pageReader: pageReader(), nerModel }).tag(page)).toEqual(node.createTagger().tag(page));
    expect(core.createTagger({ format: 'page', pageReader: pageReader(), nerModel }).tag(page)).toEqual(node.createTagger({ format: 'page' }).tag(page));
    expect(extractArticle(newsPage())).toEqual(node.extractArticle(newsPage()));
  });
});

describe('news-tagger/site', () => {
  it('the core takes a loaded site model, and refuses its bytes naming loadSiteModel', () => {
    const model = trainSiteModel(fictionalArchive(), { tagger: { nerModel: null } });
    const bytes = model.save();
    expect(codeOf(() => core.createTagger({ site: bytes }))).toBe('INVALID_OPTION');
    expect(messageOf(() => core.createTagger({ site: bytes }))).toMatch(/loadSiteModel\(bytes\) from news-tagger\/site/);
    expect(core.createTagger({ site: loadSiteModel(bytes) }).suggestTags(ENGLISH)).toEqual(core.createTagger({ site: model }).suggestTags(ENGLISH));
    expect(node.createTagger({ site: bytes, nerModel: null }).suggestTags(ENGLISH)).toEqual(core.createTagger({ site: model }).suggestTags(ENGLISH));
  });
});
