/**
 * From an article to the weighted term counts of the index: the words of the normalized fields (the
 * text stage's HTML stripping and Unicode folding, then its word pattern on lower-cased text),
 * minus stopwords and one-letter words, possessive "'s" removed, hyphenated words split into their
 * parts ("ballot-harvesting" meets "ballot harvesting"), Porter-stemmed
 * when the article is English, counted with the field weights; plus the article's canonical entity ids.
 *
 * Why not `analyzeText()` tokens: indexing needs neither offsets nor sentences, and building them
 * costs three quarters of the time (Reuters train: 1.5 s for analyzeText vs 0.3 s for this scan).
 * The word pattern is the tokenizer's, so terms match what the tagger sees, with one difference:
 * hyphenated words are split into parts here (the tokenizer keeps "Jong-un" and "COVID-19" whole).
 */
import { checkArticle } from '../article.js';
import { normalizeText } from '../text/normalize.js';
import { createStemmer, type Stemmer } from '../text/stem.js';
import { FIELDS, type Article } from '../types.js';

/** Numbers (group 1) and words: the tokenizer's number and word patterns (src/text/tokenize.ts). */
const WORD_RE = /(\p{N}[\p{N}\p{L}]*(?:[.,:/-]\p{N}[\p{N}\p{L}]*)*)|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'&][\p{L}\p{M}\p{N}]+)*/gu;
import type { EntityRef, IndexArticle, ResolvedCorpusOptions } from './options.js';
import { ENTITY_PREFIX } from './vocabulary.js';
import { createError } from '../errors.js';

/** One term of an article: its count (field-weighted) and the surface form first seen. */
export interface TermCount {
  count: number;
  display: string;
}

/** Article metadata the index keeps beside the vector. */
export interface ArticleMeta {
  id: string;
  title: string;
  date: number;
  section: string | undefined;
  lang: string;
}

export class TermExtractor {
  private readonly stem: Stemmer;
  /** Lower-cased English word -> index key, or null when dropped (stopword, too short); bounded. */
  private readonly keys = new Map<string, string | null>();

  constructor(private readonly options: ResolvedCorpusOptions) {
    this.stem = createStemmer(0);
  }

  /** The index key of an English word (stem), or null when it is not indexed. O(1) amortized. */
  private englishKey(norm: string): string | null {
    let key = this.keys.get(norm);
    if (key === undefined) {
      const o = this.options;
      key = norm.length < o.minTermLength || o.stopwords.has(norm) ? null : o.stem ? this.stem(norm) : norm;
      if (this.keys.size >= 100_000) this.keys.clear();
      this.keys.set(norm, key);
    }
    return key;
  }

  /** Checks the article and returns its metadata and term counts. Cost O(article length). */
  extract(input: unknown): { meta: ArticleMeta; terms: Map<string, TermCount> } {
    const o = this.options;
    const article = checkArticle(input, o.maxFieldLength);
    const lang = (article.lang ?? 'en').toLowerCase();
    const english = lang === 'en' || lang.startsWith('en-');
    const terms = new Map<string, TermCount>();
    const weights = o.fieldWeights;
    for (const field of FIELDS) {
      const source = article[field];
      const w = weights[field];
      if (source.length === 0 || w === 0) continue;
      const text = normalizeText(source, field === 'title' ? 'text' : o.format).text.toLowerCase();
      WORD_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD_RE.exec(text)) !== null) {
        let norm = m[0];
        const isWord = m[1] === undefined;
        if (!isWord && !o.numbers) continue;
        if (isWord && norm.endsWith("'s")) norm = norm.slice(0, -2);
        if (isWord && norm.includes('-')) {
          // "ballot-harvesting" is indexed as "ballot" and "harvesting", so it meets "ballot harvesting"
          for (const part of norm.split('-')) {
            const pk = english ? this.englishKey(part) : part.length < o.minTermLength || o.stopwords.has(part) ? null : part;
            if (pk === null) continue;
            const pe = terms.get(pk);
            if (pe === undefined) terms.set(pk, { count: w, display: part });
            else pe.count += w;
          }
          continue;
        }
        const key = english && isWord ? this.englishKey(norm) : norm.length < o.minTermLength || o.stopwords.has(norm) ? null : norm;
        if (key === null) continue;
        const entry = terms.get(key);
        if (entry === undefined) terms.set(key, { count: w, display: norm });
        else entry.count += w;
      }
    }
    const entities = readEntities(input, article, o.entities);
    if (o.entityWeight > 0) {
      for (const e of entities) {
        const key = ENTITY_PREFIX + e.id;
        const w = o.entityWeight * (e.weight ?? 1);
        if (!(w > 0)) continue;
        const entry = terms.get(key);
        if (entry === undefined) terms.set(key, { count: w, display: e.id });
        else entry.count += w;
      }
    }
    const date = article.date === undefined ? Number.NaN : Date.parse(article.date);
    const meta: ArticleMeta = { id: article.id, title: article.title, date, section: article.section, lang };
    return { meta, terms };
  }
}

function readEntities(
  input: unknown,
  article: Article,
  extractor: ((a: Article) => readonly EntityRef[]) | undefined,
): readonly EntityRef[] {
  const given = (input as IndexArticle).entities;
  if (given !== undefined && given !== null) {
    if (!Array.isArray(given)) throw createError('INVALID_ARTICLE', 'entities', given, 'an array of { id, weight? }');
    for (const e of given) {
      const ok =
        e !== null &&
        typeof e === 'object' &&
        typeof e.id === 'string' &&
        e.id.length > 0 &&
        (e.weight === undefined || (typeof e.weight === 'number' && Number.isFinite(e.weight) && e.weight >= 0));
      if (!ok) throw createError('INVALID_ARTICLE', 'entities', e, 'an array of { id: string, weight?: number >= 0 }');
    }
    return given as EntityRef[];
  }
  return extractor === undefined ? [] : extractor(article);
}
