/**
 * The one normalization function of the site model: from a lower-cased token to the key that both the
 * topic features and the tag-list matcher use. A language analyzer plugs in here and nowhere else.
 *
 * Default, for every language: diacritics and other combining marks folded (so Arabic harakat and
 * Latin accents drop out: "Zürich" and "Zurich" meet), abbreviation dots dropped, the Arabic tatweel
 * removed. English words are then Porter-stemmed ("refugees" meets the tag "Refugee"). Stopwords (the
 * library's English list) are not features, but they stay inside tag phrases ("Bosnia and Herzegovina").
 */
import { foldKey } from '../entities/gazetteer.js';
import { createStemmer, type Stemmer } from '../text/stem.js';
import { buildStopwords } from '../text/stopwords.js';

/** Maps a lower-cased token to its match key (null: not a key at all). */
export interface SiteAnalyzer {
  /** The match key of a lower-cased word. */
  key(norm: string, lang: string): string;
  /** True when a key is too common to be a feature (stopwords, one-character words). */
  isStop(norm: string, lang: string): boolean;
}

const TATWEEL_RE = /\u0640/g;
const CACHE_LIMIT = 200_000;

/** The default analyzer (see the module comment). Each call returns an instance with its own caches. */
export function defaultSiteAnalyzer(): SiteAnalyzer {
  const stem: Stemmer = createStemmer(0);
  const stop = buildStopwords();
  const en = new Map<string, string>();
  const other = new Map<string, string>();
  return {
    key(norm, lang) {
      const english = lang === 'en';
      const cache = english ? en : other;
      let k = cache.get(norm);
      if (k === undefined) {
        k = foldKey(norm);
        if (k.indexOf('\u0640') !== -1) k = k.replace(TATWEEL_RE, '');
        if (english && /^[a-z]+$/.test(k)) k = stem(k);
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(norm, k);
      }
      return k;
    },
    isStop(norm, lang) {
      return norm.length < 2 || (lang === 'en' && stop.has(norm));
    },
  };
}
