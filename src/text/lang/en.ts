/**
 * English: the library's analysis as it has always been. Match keys fold dots and diacritics
 * ("U.S." -> "us", "Zürich" -> "zurich"); no clitics; the English stopword list; the Porter stemmer;
 * the name recognizer's own English lists (src/entities/recognize.ts).
 */
import { porterStem } from '../stem.js';
import { DEFAULT_STOPWORDS } from '../stopwords.js';
import { foldKey } from './fold.js';
import type { Analyzer } from './types.js';

const NO_CLITICS: readonly string[] = Object.freeze([]);

/** Builds the English analyzer. */
export function createEnglishAnalyzer(): Analyzer {
  const stopwords: ReadonlySet<string> = new Set(DEFAULT_STOPWORDS);
  return {
    lang: 'en',
    cased: true,
    fold: foldKey,
    clitics: () => NO_CLITICS,
    stopwords,
    stem: porterStem,
    // index terms are the lower-cased words as they are (no diacritic folding), as before languages
    term: (norm, stem, list = stopwords) => (list.has(norm) ? null : stem ? porterStem(norm) : norm),
    names: undefined,
  };
}
