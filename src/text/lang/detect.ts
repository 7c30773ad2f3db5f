/**
 * Language detection from script and stopwords, for articles that do not say their language.
 *
 * Reads at most the first 4,000 characters (so it costs O(1) per article beyond that): a text with
 * more Arabic-script letters than Latin ones is Arabic (Persian and Urdu too: the Arabic analyzer is
 * the closest this library has); otherwise the frequent function words of Spanish and English are
 * counted, and Spanish wins only with at least three of its words and more of them than English
 * ones (a Spanish name or quote in an English story does not make it Spanish). Anything else,
 * including empty text, is English, as before languages.
 */
import type { LanguageCode } from './types.js';

const SAMPLE = 4000;

/** Function words frequent in one language and rare in the other. */
const SPANISH = new Set(['el', 'la', 'los', 'las', 'del', 'que', 'en', 'y', 'por', 'con', 'una', 'para', 'es', 'su', 'sus', 'se', 'al', 'lo', 'como', 'más', 'pero', 'fue', 'este', 'esta', 'entre', 'sobre', 'también', 'según', 'tras', 'desde', 'ha', 'han', 'muy', 'sin', 'ya', 'dijo']);
const ENGLISH = new Set(['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'was', 'on', 'be', 'by', 'at', 'from', 'his', 'an', 'are', 'were', 'has', 'have', 'had', 'said', 'this', 'which', 'would', 'will', 'after', 'but', 'their', 'they', 'been', 'who', 'its']);

function isArabicScript(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

function isLatinLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** The language of a text: 'ar', 'es' or 'en' (the default). Cost O(min(length, 4,000)). */
export function detectLanguage(text: string): LanguageCode {
  if (typeof text !== 'string' || text.length === 0) return 'en';
  const end = Math.min(text.length, SAMPLE);
  let arabic = 0;
  let latin = 0;
  let es = 0;
  let en = 0;
  let wordStart = -1;
  const endWord = (i: number): void => {
    if (wordStart === -1) return;
    if (i - wordStart <= 7) {
      const w = text.slice(wordStart, i).toLowerCase();
      if (SPANISH.has(w)) es++;
      else if (ENGLISH.has(w)) en++;
    }
    wordStart = -1;
  };
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isLatinLetter(c)) {
      latin++;
      if (wordStart === -1) wordStart = i;
      continue;
    }
    endWord(i);
    if (isArabicScript(c)) arabic++;
  }
  endWord(end);
  if (arabic > latin) return 'ar';
  return es >= 3 && es > en ? 'es' : 'en';
}
