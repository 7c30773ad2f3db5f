import { describe, expect, it } from 'vitest';
import { createTagger, extractArticle } from '../../src/node.js';
import { ARTICLE_PARAGRAPHS, newsPage, pageDump } from './pages.js';

const BOILERPLATE = ['Related stories', 'Madrid opens', 'newsletter', 'All rights reserved', 'BREAKING', 'Share on social', 'Photo: Gazette staff', 'Subscribe', 'Germany'];

describe('extractArticle on a whole HTML page', () => {
  const page = newsPage();
  const a = extractArticle(page);

  it('keeps every article paragraph, in order, as its own paragraph', () => {
    expect(a.body.split('\n\n')).toEqual(ARTICLE_PARAGRAPHS);
  });
  it.each(BOILERPLATE)('leaves out the page furniture: %s', (text) => {
    expect(a.body).not.toContain(text);
  });
  it('reads the structured data first: title, date, byline, lang, url, section, tags', () => {
    expect(a.title).toBe('Lisbon ferry line across the Tagus to open in March');
    expect(a.date).toBe('2026-02-03T09:30:00Z');
    expect(a.byline).toBe('Marta Pinto, Rui Costa');
    expect(a.lang).toBe('en');
    expect(a.url).toBe('https://gazette.example/europe/lisbon-ferry');
    expect(a.section).toBe('Europe');
    expect(a.tags).toEqual(['Ferries', 'Lisbon', 'Portugal', 'Transport']);
    expect(a.lede).toBe('Four electric boats will halve the crossing time, the transport minister says.');
  });
  it('without JSON-LD or meta tags: the title from <title> without the site name, the date from <time>, the byline element', () => {
    const bare = extractArticle(newsPage({ jsonLd: false, meta: false }));
    expect(bare.title).toBe('Lisbon ferry line across the Tagus to open in March');
    expect(bare.date).toBe('2026-02-03T09:30:00Z');
    expect(bare.byline).toBe('Marta Pinto & Rui Costa');
    expect(bare.tags).toEqual([]);
    expect(bare.body.split('\n\n')).toEqual(ARTICLE_PARAGRAPHS);
  });
  it('drops a lede that only repeats the start of the body', () => {
    const repeated = page.replace('Four electric boats will halve the crossing time, the transport minister says.', ARTICLE_PARAGRAPHS[0] as string);
    expect(extractArticle(repeated).lede).toBe('');
  });
  it('decodes character references and keeps non-Latin letters', () => {
    const p = `<html><body><article><p>${'Caf&eacute; owners in S&atilde;o Paulo and &#x5A;&#252;rich met on Monday, the association said, to discuss rents. '.repeat(3)}</p></article></body></html>`;
    expect(extractArticle(p).body).toContain('Café owners in São Paulo and Zürich met');
  });
});

describe('extractArticle on bad input: clean empty or best-effort results, never a throw', () => {
  const rows: { name: string; page: string; body: RegExp | '' }[] = [
    { name: 'empty string', page: '', body: '' },
    { name: 'only markup', page: '<html><head></head><body></body></html>', body: '' },
    { name: 'no <body>', page: `<html><head><title>Hi</title></head><p>${ARTICLE_PARAGRAPHS[0]}</p><p>${ARTICLE_PARAGRAPHS[1]}</p>`, body: /Officials in Lisbon/ },
    { name: 'a frameset', page: '<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>', body: '' },
    { name: 'only a list of links', page: `<html><body><ul>${'<li><a href="/x">A headline about the ferry in Lisbon</a></li>'.repeat(40)}</ul></body></html>`, body: '' },
    { name: 'garbage', page: '<<<>>>&&&;;<<a <b </c></</>&#xFFFFFFF;&#0;<!-- no end', body: '' },
    { name: 'unclosed tags and quotes', page: `<html><body><div class="x><p>${ARTICLE_PARAGRAPHS[0]}<p>${ARTICLE_PARAGRAPHS[1]}<div><span>`, body: '' },
    { name: 'a stray script end', page: `<body><script>var s = "</scr" + "ipt>";</script><p>${ARTICLE_PARAGRAPHS[2]}</p>`, body: /We promised/ },
  ];
  it.each(rows)('$name', ({ page, body }) => {
    const a = extractArticle(page);
    expect(typeof a.title).toBe('string');
    expect(Array.isArray(a.tags)).toBe(true);
    if (body === '') expect(a.body.length).toBeLessThan(200);
    else expect(a.body).toMatch(body);
  });
  it('an Arabic page keeps its Arabic paragraphs and its language', () => {
    const para = 'قال مسؤولون في بيروت يوم الثلاثاء إن خط العبارات الجديد سيفتتح في آذار، بعد عامين من التأخير بسبب نقص القطع، وخلاف على الأرصفة، ودعوى رفعها سكان الضفة الجنوبية.';
    const page = `<html lang="ar" dir="rtl"><body><nav><a href="/">الرئيسية</a><a href="/w">العالم</a></nav><article><h1>خط عبارات جديد</h1><p>${para}</p><p>${para}</p><p>${para}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>`;
    const a = extractArticle(page);
    expect(a.lang).toBe('ar');
    expect(a.body.split('\n\n')).toEqual([para, para, para]);
    expect(a.body).not.toContain('الرئيسية');
  });
  it('10,000 nested unclosed elements do not overflow the stack', () => {
    const page = `<html><body>${'<div><span>'.repeat(10_000)}<p>${ARTICLE_PARAGRAPHS[0]}</p></body></html>`;
    expect(extractArticle(page).body).toContain('Officials in Lisbon');
  });
  it('5 MB of inline scripts around the article: the article, in linear time', () => {
    const script = `<script>var x = "${'a<b && c>d; </div> <p> '.repeat(4000)}";</script>\n`;
    const page = newsPage().replace('<main id="main">', `${script.repeat(60)}<main id="main">`);
    expect(page.length).toBeGreaterThan(5_000_000);
    const t0 = performance.now();
    const a = extractArticle(page);
    const ms = performance.now() - t0;
    expect(a.body.split('\n\n')).toEqual(ARTICLE_PARAGRAPHS);
    // generous: about 30 ms here; a quadratic scan would take minutes
    expect(ms).toBeLessThan(5000);
  });
});

describe('extractArticle on a page copied as text', () => {
  const a = extractArticle(pageDump());
  it('keeps the article lines and leaves out menus, ticker, related box, captions and footer', () => {
    expect(a.body.split('\n\n')).toEqual(ARTICLE_PARAGRAPHS);
  });
  it('finds the headline, byline, date and the tag list after the article', () => {
    expect(a.title).toBe('Lisbon ferry line across the Tagus to open in March');
    expect(a.byline).toBe('Marta Pinto');
    expect(a.date).toBe('3 Feb 2026');
    expect(a.tags).toEqual(['Portugal', 'Lisbon', 'Transport']);
  });
  it('a text with no prose gives an empty article', () => {
    expect(extractArticle('Home\nNews\nSport\n  • Login').body).toBe('');
  });
});

describe("format 'page' in the tagger", () => {
  const tagger = createTagger({ format: 'page' });
  it('tags the article, not the menus: no France, Germany or Brazil from the navigation', () => {
    const ids = tagger.tag({ id: 'p', title: '', body: newsPage() }, { limit: 8, minScore: 0 }).tags.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['city:PT-lisbon', 'country:PT']));
    for (const id of ['country:FR', 'country:DE', 'country:BR', 'country:CN']) expect(ids).not.toContain(id);
  });
  it("'auto' recognizes a whole document by <html>/<body> and gives the same tags", () => {
    const auto = createTagger().tag({ id: 'p', title: '', body: newsPage() });
    expect(auto.tags).toEqual(tagger.tag({ id: 'p', title: '', body: newsPage() }).tags);
  });
  it('every mention maps back into the page, onto the same words', () => {
    const page = newsPage();
    const analysis = tagger.analyze({ id: 'p', title: '', body: page });
    const body = analysis.text.fields.find((f) => f.field === 'body');
    const title = analysis.text.fields.find((f) => f.field === 'title');
    expect(body?.source).toBe('body');
    expect(title?.source).toBe('body');
    let checked = 0;
    for (const m of analysis.mentions) {
      const field = analysis.text.fields.find((f) => f.field === m.field);
      if (field === undefined || field.field !== 'body') continue;
      const start = field.toSource(m.start);
      expect(page.slice(start, start + m.text.length)).toBe(m.text);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
  it("the caller's own title wins over the page's", () => {
    const fields = tagger.analyzeText({ id: 'p', title: 'My title', body: newsPage() }).fields;
    expect(fields.find((f) => f.field === 'title')?.text).toBe('My title');
    expect(fields.find((f) => f.field === 'title')?.source).toBeUndefined();
  });
  it('a page dump in text goes through the line classifier', () => {
    const tags = tagger.tag({ id: 'd', title: '', body: pageDump() }, { minScore: 0, limit: 10 }).tags.map((t) => t.id);
    expect(tags).toContain('city:PT-lisbon');
    expect(tags).not.toContain('country:BE'); // the ticker's rail strike
    expect(tags).not.toContain('city:JP-tokyo');
  });
  it("'text' still reads the page as plain text (no extraction)", () => {
    const text = createTagger({ format: 'text' }).analyzeText({ id: 'p', title: '', body: newsPage() });
    expect(text.fields.find((f) => f.field === 'body')?.text).toContain('<html');
  });
});
