/**
 * The one normalization function of the site model: from a lower-cased token to the key that both the
 * topic features and the tag-list matcher use. It goes through the language's `Analyzer`
 * (src/text/lang/): English words are folded (diacritics, abbreviation dots) and Porter-stemmed, so
 * "refugees" meets the tag "Refugee"; Arabic words are folded (hamza carriers, taa marbuta, tatweel,
 * harakat) and light-stemmed (light10), so "والحرب" meets "الحرب"; Spanish words folded and stemmed. A
 * word whose key names no tag is tried again without its proclitics ("بغزة" -> "غزة"). Stopwords of the
 * language are not features, but they stay inside tag phrases ("Bosnia and Herzegovina").
 */
import { analyzerFor, languageCode, type Analyzer } from '../text/lang/index.js';
import { foldKey } from '../text/lang/fold.js';
import { porterStem } from '../text/stem.js';

/** Maps a lower-cased token to its match key. */
export interface SiteAnalyzer {
  /** The match key of a lower-cased word. */
  key(norm: string, lang: string): string;
  /** Keys the word may stand for without its proclitics, most specific first (empty for most languages). */
  alternatives(norm: string, lang: string): readonly string[];
  /** True when a word is too common to be a feature (a stopword, a one-character word). */
  isStop(norm: string, lang: string): boolean;
}

const CACHE_LIMIT = 200_000;
const NONE: readonly string[] = Object.freeze([]);

/** The default analyzer (see the module comment). Each call returns an instance with its own caches. */
export function defaultSiteAnalyzer(): SiteAnalyzer {
  const caches = new Map<string, Map<string, string>>();
  const stops = new Map<string, Map<string, boolean>>();
  const alts = new Map<string, readonly string[]>();
  const analyzers = new Map<string, Analyzer>();
  const analyzer = (lang: string): Analyzer => {
    let a = analyzers.get(lang);
    if (a === undefined) analyzers.set(lang, (a = analyzerFor(languageCode(lang) ?? 'en')));
    return a;
  };
  const stemOf = (a: Analyzer, norm: string): string => {
    if (a.lang !== 'en') return a.stem(norm);
    const k = foldKey(norm);
    return /^[a-z]+$/.test(k) ? porterStem(k) : k;
  };
  return {
    key(norm, lang) {
      let cache = caches.get(lang);
      if (cache === undefined) caches.set(lang, (cache = new Map()));
      let k = cache.get(norm);
      if (k === undefined) {
        k = stemOf(analyzer(lang), norm);
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(norm, k);
      }
      return k;
    },
    alternatives(norm, lang) {
      const a = analyzer(lang);
      if (a.lang !== 'ar') return NONE;
      let out = alts.get(norm);
      if (out === undefined) {
        out = a.clitics(a.fold(norm)).map((alt) => stemOf(a, alt));
        if (alts.size >= CACHE_LIMIT) alts.clear();
        alts.set(norm, out);
      }
      return out;
    },
    isStop(norm, lang) {
      if (norm.length < 2) return true;
      let cache = stops.get(lang);
      if (cache === undefined) stops.set(lang, (cache = new Map()));
      let stop = cache.get(norm);
      if (stop === undefined) {
        const a = analyzer(lang);
        stop = a.stopwords.has(a.lang === 'en' ? norm : a.fold(norm));
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(norm, stop);
      }
      return stop;
    },
  };
}
