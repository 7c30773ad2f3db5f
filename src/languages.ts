/**
 * news-tagger/languages: the Arabic and Spanish names of the bundled gazetteer ("روسيا", "Rusia",
 * "el Kremlin"), modules of their own so that a browser bundle of the core leaves them out (about
 * 23 KB gzipped together) and loads them when it needs them:
 *
 *   const { arabic, spanish } = await import('news-tagger/languages');
 *   const tagger = createTagger({ languages: [arabic(), spanish()] });
 *
 * Without them the core still detects, tokenizes and analyzes Arabic and Spanish articles (stopwords,
 * stems, name heuristics), but matches only the English names of the gazetteer (which Spanish text
 * shares for most people and organizations, and Arabic text does not). In Node, `news-tagger` passes
 * both unless the `languages` option (or a `gazetteer` of your own) is given.
 */
import { unpackNames, type LanguageNames } from './entities/language-names.js';
import { arabicNames, spanishNames } from './language-data.js';

export type { LanguageNames, NamedLanguage } from './entities/language-names.js';
export type { LocalNames } from './entities/gazetteer-data.js';

let ar: LanguageNames | undefined;
let es: LanguageNames | undefined;

/** The Arabic names of the bundled gazetteer (parsed on first call, then shared: it is read-only). */
export function arabic(): LanguageNames {
  ar ??= unpackNames(arabicNames());
  return ar;
}

/** The Spanish names of the bundled gazetteer (parsed on first call, then shared: it is read-only). */
export function spanish(): LanguageNames {
  es ??= unpackNames(spanishNames());
  return es;
}
