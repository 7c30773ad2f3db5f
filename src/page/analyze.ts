/**
 * The text stage for whole pages: with `format: 'page'` (or `'auto'` and a body that is a whole HTML
 * document, recognized by its `<html>` or `<body>` tag), the article is first extracted from the page
 * in `body`, then its title, lede and body go through the usual text stage. The caller's own title
 * and lede win over the page's. Offsets of fields taken from the page map back into the page
 * (`AnalyzedField.source` is then 'body'). The language is the caller's `lang`, else the page's own
 * (`<html lang>`, JSON-LD), else detected from the extracted text.
 *
 * The extractor comes in as a `PageReader` (`pageReader()` of news-tagger/page, src/pages.ts), so that
 * the core does not import it: a browser bundle of the core leaves src/page/ out. Without a reader,
 * a whole document under 'auto' throws DATA_MISSING (naming the import; `format: 'html'` reads all of
 * its text instead) rather than tagging its menus and footers as the article.
 */
import type { CheckedArticle } from '../article.js';
import { createError } from '../errors.js';
import { analyzeText } from '../text/analyze.js';
import { articleLanguage } from '../text/lang/index.js';
import { composeMaps } from '../text/offsets.js';
import type { TextFormat } from '../text/normalize.js';
import type { AnalyzedField, Field, TextAnalysis } from '../types.js';
import type { ExtractedPage } from './extract.js';

/** Extracts the article of a whole page (`pageReader()` of news-tagger/page makes one). */
export interface PageReader {
  /** The article in `page`, with maps from its fields' offsets back into the page. Never throws on odd input. */
  extract(page: string): ExtractedPage;
}

/** How the tagger reads an article's text: a `TextFormat`, or 'page' for a whole web page in `body`. */
export type InputFormat = TextFormat | 'page';

const WHOLE_DOCUMENT_RE = /<(?:html|body)[\s>]/i;

/** True when `text` is a whole HTML document (an `<html>` or `<body>` tag near its start). */
export function isWholePage(text: string): boolean {
  return WHOLE_DOCUMENT_RE.test(text.slice(0, 8192));
}

/** `analyzeText`, with pages extracted first by `reader` (see the module comment). Cost: O(page). */
export function analyzeArticleText(article: CheckedArticle, format: InputFormat, wordsPerMinute: number, reader: PageReader | undefined): TextAnalysis {
  const page = format === 'page' || (format === 'auto' && isWholePage(article.body));
  if (page && reader === undefined) {
    throw createError('DATA_MISSING', `a page reader, for a whole web page in "body": pass pageReader: pageReader() from news-tagger/page (or format: 'html' to read all of its text)`);
  }
  if (!page) return analyzeText(article, format as TextFormat, wordsPerMinute, articleLanguage(article));
  // checked just above
  const extracted = (reader as PageReader).extract(article.body);
  const fromPage = new Set<Field>(['body']);
  const fields = { title: article.title, lede: article.lede, body: extracted.fields.body.text };
  if (article.title.trim().length === 0) {
    fields.title = extracted.fields.title.text;
    fromPage.add('title');
  }
  if (article.lede.trim().length === 0) {
    fields.lede = extracted.fields.lede.text;
    fromPage.add('lede');
  }
  // the language of the extracted article: the caller's, else the page's own (<html lang>), else detected
  const lang = articleLanguage({ ...fields, lang: article.lang ?? extracted.article.lang });
  const text = analyzeText({ ...article, ...fields }, 'text', wordsPerMinute, lang);
  const remapped: AnalyzedField[] = text.fields.map((f) => {
    if (!fromPage.has(f.field)) return f;
    const pageMap = extracted.fields[f.field].map;
    return { ...f, html: extracted.html, source: 'body', toSource: composeMaps(pageMap, f.toSource) };
  });
  return { ...text, fields: remapped };
}
