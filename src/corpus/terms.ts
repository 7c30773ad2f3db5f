/**
 * From an article to the weighted term counts of the index: the words of the normalized fields (the
 * text stage's HTML stripping and Unicode folding, then its word pattern on lower-cased text),
 * minus stopwords and one-letter words, possessive "'s" removed, hyphenated words split into their
 * parts ("ballot-harvesting" meets "ballot harvesting"), analyzed by the article's language (English:
 * Porter stems; Arabic: folded, Arabic stopwords, light10 stems; Spanish: Spanish stopwords, Snowball
 * stems with accents folded; any other language: the words as they are), counted with the field
 * weights; plus the article's canonical entity ids. The language is the article's `lang`, or detected
 * from its text when absent (src/text/lang/detect.ts).
 *
 * Why not `analyzeText()` tokens: indexing needs neither offsets nor sentences, and building them
 * costs three quarters of the time (Reuters train: 1.5 s for analyzeText vs 0.3 s for this scan).
 * The word pattern is the tokenizer's, so terms match what the tagger sees, with one difference:
 * hyphenated words are split into parts here (the tokenizer keeps "Jong-un" and "COVID-19" whole).
 */
import { checkArticle, type CheckedArticle } from '../article.js';
import { normalizeText } from '../text/normalize.js';
import { detectLanguage, languageCode, analyzerFor, type Analyzer } from '../text/lang/index.js';
import { FIELDS, type Article } from '../types.js';

/** Numbers (group 1) and words: the tokenizer's number and word patterns (src/text/tokenize.ts). */
const WORD_RE = /(\p{N}[\p{N}\p{L}]*(?:[.,:/-]\p{N}[\p{N}\p{L}]*)*)|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'&][\p{L}\p{M}\p{N}]+)*/gu;
import type { EntityRef, IndexArticle, ResolvedCorpusOptions } from './options.js';
import { ENTITY_PREFIX, type Vocabulary } from './vocabulary.js';
import { createError } from '../errors.js';

/** One term of an article: its count (field-weighted) and the article's own surface form of it. */
export interface TermCount {
  count: number;
  /** The form the article uses most (field-weighted; ties: the first seen), e.g. "stocks" for "stock". */
  display: string;
  /** Counts by form, once the article has used a second form. */
  forms?: Map<string, number>;
}

/** Article metadata the index keeps beside the vector. */
export interface ArticleMeta {
  id: string;
  title: string;
  date: number;
  section: string | undefined;
  lang: string;
}

/** Term ids and field-weighted counts of an article, as `extractIds` returns them. */
export interface TermIds {
  meta: ArticleMeta;
  ids: number[];
  counts: number[];
  /** The article's own surface form of each term (its number in the vocabulary, see formCode). */
  forms: number[];
}

/** One language's word analysis in the index: its analyzer (none for other languages) and caches. */
interface LanguageTerms {
  analyzer: Analyzer | undefined;
  /** The stopwords: the analyzer's own, or the `stopwords` option folded by the analyzer. */
  stopwords: ReadonlySet<string>;
  /** Lower-cased word -> index key, or null when dropped (stopword, too short); bounded. */
  keys: Map<string, string | null>;
  /** Lower-cased word -> term id x 256 + its form number (-1: not indexed); bounded. */
  idsWords: Map<string, number>;
}

export class TermExtractor {
  private readonly languages = new Map<string, LanguageTerms>();
  /** Numbers are the same in every language: token -> term id x 256 + its form number (-1: not indexed). */
  private readonly idsNumbers = new Map<string, number>();
  private counts = new Float64Array(1024);
  /** Per term id of the article being indexed: its first form number and that form's count. */
  private firstForm = new Int32Array(1024);
  private firstFormCount = new Float64Array(1024);

  constructor(
    private readonly options: ResolvedCorpusOptions,
    private readonly vocab: Vocabulary,
  ) {}

  /** The word analysis of a language code (en, ar, es; any other code: words as they are). */
  private terms(lang: string): LanguageTerms {
    const code = languageCode(lang) ?? 'other';
    let t = this.languages.get(code);
    if (t === undefined) {
      const o = this.options;
      const analyzer = code === 'other' ? undefined : analyzerFor(code);
      const stopwords =
        analyzer === undefined || analyzer.lang === 'en' ? o.stopwords : o.languageStopwords ? analyzer.stopwords : new Set([...o.stopwords].map((w) => analyzer.fold(w)));
      t = { analyzer, stopwords, keys: new Map(), idsWords: new Map() };
      this.languages.set(code, t);
    }
    return t;
  }

  /** The index key of a word, or null when it is not indexed. O(1) amortized (cached). */
  private wordKey(norm: string, t: LanguageTerms, cached = true): string | null {
    if (cached) {
      const hit = t.keys.get(norm);
      if (hit !== undefined) return hit;
    }
    const o = this.options;
    let key: string | null;
    if (norm.length < o.minTermLength) key = null;
    else if (t.analyzer === undefined) key = t.stopwords.has(norm) ? null : norm;
    else key = t.analyzer.term(norm, o.stem, t.stopwords);
    if (cached) {
      if (t.keys.size >= 100_000) t.keys.clear();
      t.keys.set(norm, key);
    }
    return key;
  }

  /** The index key of a number token. */
  private numberKey(norm: string): string | null {
    return norm.length < this.options.minTermLength || this.options.stopwords.has(norm) ? null : norm;
  }

  /**
   * Calls `emit` for every indexable token of the article's fields: lower-cased, possessive "'s"
   * removed, hyphenated words split into parts, numbers only when indexed. O(article length).
   */
  private scan(article: CheckedArticle, emit: (norm: string, isWord: boolean, weight: number) => void): void {
    const o = this.options;
    for (const field of FIELDS) {
      const source = article[field];
      const w = o.fieldWeights[field];
      if (source.length === 0 || w === 0) continue;
      const text = normalizeText(source, field === 'title' ? 'text' : o.format).text.toLowerCase();
      WORD_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD_RE.exec(text)) !== null) {
        let norm = m[0];
        const isWord = m[1] === undefined;
        if (!isWord) {
          if (o.numbers) emit(norm, false, w);
          continue;
        }
        if (norm.endsWith("'s")) norm = norm.slice(0, -2);
        if (norm.includes('-')) {
          // "ballot-harvesting" is indexed as "ballot" and "harvesting", so it meets "ballot harvesting"
          for (const part of norm.split('-')) if (part.length > 0) emit(part, true, w);
        } else emit(norm, true, w);
      }
    }
  }

  private meta(article: CheckedArticle): { meta: ArticleMeta; terms: LanguageTerms } {
    const given = article.lang?.trim().toLowerCase();
    const lang = given !== undefined && given.length > 0 ? given : detectLanguage(`${article.title}\n${article.lede.slice(0, 2000)}\n${article.body.slice(0, 4000)}`);
    const date = article.date === undefined ? Number.NaN : Date.parse(article.date);
    return { meta: { id: article.id, title: article.title, date, section: article.section, lang }, terms: this.terms(lang) };
  }

  private grow(need: number): void {
    const n = Math.max(need, this.counts.length * 2);
    const counts = new Float64Array(n);
    counts.set(this.counts);
    this.counts = counts;
    const first = new Int32Array(n);
    first.set(this.firstForm);
    this.firstForm = first;
    const firstCount = new Float64Array(n);
    firstCount.set(this.firstFormCount);
    this.firstFormCount = firstCount;
  }

  /**
   * For queries: checks the article and returns its metadata and term counts by key, interning
   * nothing. Cost O(article length).
   */
  extract(input: unknown): { meta: ArticleMeta; terms: Map<string, TermCount> } {
    const o = this.options;
    const article = checkArticle(input, o.maxFieldLength);
    const { meta, terms: lt } = this.meta(article);
    const terms = new Map<string, TermCount>();
    const add = (key: string, display: string, w: number): void => {
      const entry = terms.get(key);
      if (entry === undefined) terms.set(key, { count: w, display });
      else {
        entry.count += w;
        if (entry.forms !== undefined || display !== entry.display) countForm(entry, display, w);
      }
    };
    this.scan(article, (norm, isWord, w) => {
      const key = isWord ? this.wordKey(norm, lt) : this.numberKey(norm);
      if (key !== null) add(key, norm, w);
    });
    if (o.entityWeight > 0) {
      for (const e of readEntities(input, article, o.entities)) {
        const w = o.entityWeight * (e.weight ?? 1);
        if (w > 0) add(ENTITY_PREFIX + e.id, e.id, w);
      }
    }
    return { meta, terms };
  }

  /**
   * For indexing: checks the article and returns its term ids (interned into the vocabulary) with
   * their counts. One Map lookup per token (token -> term id cache). Cost O(article length).
   */
  extractIds(input: unknown): TermIds {
    const o = this.options;
    const article = checkArticle(input, o.maxFieldLength);
    const { meta, terms: lt } = this.meta(article);
    const ids: number[] = [];
    const vocab = this.vocab;
    // forms other than an id's first one in this article: (id x 256 + form) -> count
    let otherForms: Map<number, number> | undefined;
    const add = (id: number, form: number, w: number): void => {
      if (id >= this.counts.length) this.grow(id + 1);
      if (this.counts[id] === 0) {
        ids.push(id);
        this.firstForm[id] = form;
        this.firstFormCount[id] = w;
      } else if (this.firstForm[id] === form) this.firstFormCount[id] = (this.firstFormCount[id] as number) + w;
      else {
        otherForms ??= new Map();
        const key = id * 256 + form;
        otherForms.set(key, (otherForms.get(key) ?? 0) + w);
      }
      this.counts[id] = (this.counts[id] as number) + w;
    };
    this.scan(article, (norm, isWord, w) => {
      const cache = isWord ? lt.idsWords : this.idsNumbers;
      let packed = cache.get(norm);
      if (packed === undefined) {
        // the id cache memoizes the stem too: skip the key cache (it serves queries)
        const key = isWord ? this.wordKey(norm, lt, false) : this.numberKey(norm);
        if (key === null) packed = -1;
        else {
          const id = vocab.intern(key, norm);
          packed = id * 256 + vocab.formCode(id, norm);
        }
        if (cache.size >= 200_000) cache.clear();
        cache.set(norm, packed);
      }
      if (packed >= 0) add(Math.floor(packed / 256), packed % 256, w);
    });
    if (o.entityWeight > 0) {
      for (const e of readEntities(input, article, o.entities)) {
        const w = o.entityWeight * (e.weight ?? 1);
        if (w > 0) add(vocab.intern(ENTITY_PREFIX + e.id, e.id), 0, w);
      }
    }
    const counts = ids.map((id) => {
      const c = this.counts[id] as number;
      this.counts[id] = 0;
      return c;
    });
    const forms = ids.map((id) => this.firstForm[id] as number);
    if (otherForms !== undefined) {
      // the most used form of each term (ties: the first seen)
      const at = new Map(ids.map((id, i) => [id, i]));
      for (const [key, count] of otherForms) {
        const id = Math.floor(key / 256);
        const i = at.get(id) as number;
        if (count > (this.firstFormCount[id] as number)) {
          this.firstFormCount[id] = count;
          forms[i] = key % 256;
        }
      }
    }
    return { meta, ids, counts, forms };
  }
}

/** Adds `w` to the count of form `form` of a term met in several forms, and keeps its most used one. */
function countForm(entry: TermCount, form: string, w: number): void {
  if (entry.forms === undefined) entry.forms = new Map([[entry.display, entry.count - w]]);
  const c = (entry.forms.get(form) ?? 0) + w;
  entry.forms.set(form, c);
  if (c > (entry.forms.get(entry.display) as number)) entry.display = form;
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
