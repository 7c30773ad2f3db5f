/**
 * The languages: one analyzer per language, built on first use and then shared (analyzers hold no
 * mutable state), and the mapping from an article's `lang` (or its text) to one.
 */
import { createArabicAnalyzer } from './ar.js';
import { detectLanguage } from './detect.js';
import { createEnglishAnalyzer } from './en.js';
import { createSpanishAnalyzer } from './es.js';
import type { Analyzer, LanguageCode } from './types.js';

export type { Analyzer, LanguageCode, NameHints } from './types.js';
export { detectLanguage } from './detect.js';

/** The languages with an analyzer. */
export const LANGUAGES: readonly LanguageCode[] = Object.freeze(['en', 'ar', 'es'] as const);

const BUILDERS: Record<LanguageCode, () => Analyzer> = {
  en: createEnglishAnalyzer,
  ar: createArabicAnalyzer,
  es: createSpanishAnalyzer,
};
const built = new Map<LanguageCode, Analyzer>();

/** The analyzer of a language. */
export function analyzerFor(lang: LanguageCode): Analyzer {
  let a = built.get(lang);
  if (a === undefined) {
    a = BUILDERS[lang]();
    built.set(lang, a);
  }
  return a;
}

/** The analyzed language an ISO 639-1 code (or a tag such as "es-MX", "ar_EG") names; undefined for others. */
export function languageCode(lang: string | undefined | null): LanguageCode | undefined {
  if (typeof lang !== 'string') return undefined;
  const base = lang.trim().toLowerCase().split(/[-_]/u)[0];
  return base === 'en' || base === 'ar' || base === 'es' ? base : undefined;
}

/**
 * The language an article is analyzed in: its `lang` when it names one of ours; English for any
 * other given `lang` (as before languages); detected from the title, lede and body when absent.
 */
export function articleLanguage(article: { lang?: string | undefined; title?: string; lede?: string; body?: string }): LanguageCode {
  const given = article.lang;
  if (typeof given === 'string' && given.trim().length > 0) return languageCode(given) ?? 'en';
  return detectLanguage(sampleOf(article));
}

/** The title and the start of the lede and body: what detection reads. */
function sampleOf(article: { title?: string; lede?: string; body?: string }): string {
  const parts: string[] = [];
  let length = 0;
  for (const s of [article.title, article.lede, article.body]) {
    if (typeof s !== 'string' || s.length === 0) continue;
    const piece = s.length > 4000 - length ? s.slice(0, Math.max(0, 4000 - length)) : s;
    parts.push(piece);
    length += piece.length + 1;
    if (length >= 4000) break;
  }
  return parts.join('\n');
}
