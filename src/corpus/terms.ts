/**
 * From an article to the weighted term counts of the index: the text stage's tokens (normalized,
 * lower-cased), minus stopwords, numbers (by default) and one-letter words, Porter-stemmed when the
 * article is English, counted with the field weights; plus the article's canonical entity ids.
 */
import { checkArticle } from '../article.js';
import { analyzeText } from '../text/analyze.js';
import { createStemmer, type Stemmer } from '../text/stem.js';
import type { Article } from '../types.js';
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

  constructor(private readonly options: ResolvedCorpusOptions) {
    this.stem = createStemmer();
  }

  /** Checks the article and returns its metadata and term counts. Cost O(article length). */
  extract(input: unknown): { meta: ArticleMeta; terms: Map<string, TermCount> } {
    const o = this.options;
    const article = checkArticle(input, o.maxFieldLength);
    const lang = (article.lang ?? 'en').toLowerCase();
    const english = lang === 'en' || lang.startsWith('en-');
    const analysis = analyzeText(article, o.format, 230);
    const terms = new Map<string, TermCount>();
    const weights = o.fieldWeights;
    for (const token of analysis.tokens) {
      if (token.kind !== 'word' && !(token.kind === 'number' && o.numbers)) continue;
      const norm = token.norm;
      if (norm.length < o.minTermLength || o.stopwords.has(norm)) continue;
      const w = token.field === 'title' ? weights.title : token.field === 'lede' ? weights.lede : weights.body;
      if (w === 0) continue;
      const key = o.stem && english && token.kind === 'word' ? this.stem(norm) : norm;
      const entry = terms.get(key);
      if (entry === undefined) terms.set(key, { count: w, display: norm });
      else entry.count += w;
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
