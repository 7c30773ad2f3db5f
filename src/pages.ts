/**
 * news-tagger/page: the article inside a whole web page. A module of its own so that a browser bundle
 * of the core leaves the extractor out (about 8 KB gzipped):
 *
 *   import { pageReader } from 'news-tagger/page';
 *   const tagger = createTagger({ format: 'page', pageReader: pageReader() });
 *
 * `format: 'page'` needs a reader; without one, `format: 'auto'` reads a whole HTML document as HTML
 * (all of its text, menus and footers included) instead of extracting its article first. In Node,
 * `news-tagger` passes `pageReader()` unless the option is given, and exports `extractArticle` too.
 */
import { extractPage, type ExtractOptions } from './page/extract.js';
import type { PageReader } from './page/analyze.js';

export { extractArticle, type ExtractedArticle, type ExtractOptions } from './page/extract.js';
export type { PageReader } from './page/analyze.js';

/** The reader that `format: 'page'` (and 'auto', for a whole document) extracts articles with. */
export function pageReader(options: ExtractOptions = {}): PageReader {
  const settings = { ...options };
  return Object.freeze({ extract: (page: string) => extractPage(page, settings) });
}
