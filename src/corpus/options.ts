/**
 * Options of the corpus index: the one place where their defaults are applied and their values are
 * checked. Internal code takes `ResolvedCorpusOptions`, which has no optional fields.
 */
import { createError } from '../errors.js';
import { buildStopwords, type StopwordsOption } from '../text/stopwords.js';
import type { TextFormat } from '../text/normalize.js';
import type { Article } from '../types.js';

/** A canonical entity of an article (e.g. a tag id from `tagger.tag()`), with an optional weight in (0, 1]. */
export interface EntityRef {
  id: string;
  /** Salience or confidence; 1 when absent. */
  weight?: number;
}

/** An article for the index: any `Article`, optionally with its canonical entities. */
export interface IndexArticle extends Article {
  /** Canonical entity ids ("country:KP", "person:kim-jong-un"); indexed as terms of their own. */
  entities?: EntityRef[];
}

/** Options of `createCorpusIndex()`. Every field is optional. */
export interface CorpusIndexOptions {
  /** Count of a token per field (default title 2, lede 1.5, body 1): a title boost. */
  fieldWeights?: { title?: number; lede?: number; body?: number };
  /** 'sublinear' (1 + ln tf, default) or 'raw' (plain counts, for baselines). */
  tf?: 'sublinear' | 'raw';
  /**
   * Stem words in the article's language (default true): Porter for English, light10 for Arabic, Snowball
   * for Spanish; words of other languages are never stemmed.
   */
  stem?: boolean;
  /**
   * Stopwords dropped before indexing (default: each language's own list, English for languages without
   * one; a list given here is used for every language; [] keeps every word).
   */
  stopwords?: StopwordsOption;
  /** Index number tokens ("1987", "3.5", "$1.9" -> "1.9") too (default true: figures tell stories apart). */
  numbers?: boolean;
  /** Shortest word indexed, in characters (default 2). */
  minTermLength?: number;
  /** Exponent of the smoothed idf on each side of the dot product (default 0.35; 1 = textbook TF-IDF). */
  idfExponent?: number;
  /** Count of a canonical entity per unit of its weight (default 1.5). */
  entityWeight?: number;
  /**
   * Finds canonical entities for an article that has none (e.g. `(a) => tagger.tag(a).tags`). Not saved
   * with the index: pass it again to `loadCorpusIndex`.
   */
  entities?: (article: Article) => readonly EntityRef[];
  /** How to read body and lede: 'auto' (detect HTML, default), 'text' or 'html'. */
  format?: TextFormat;
  /** Longest accepted text field (default 1,000,000 characters). */
  maxFieldLength?: number;
}

export interface ResolvedCorpusOptions {
  fieldWeights: { title: number; lede: number; body: number };
  tf: 'sublinear' | 'raw';
  stem: boolean;
  stopwords: ReadonlySet<string>;
  /** True when `stopwords` was not given: Arabic and Spanish use their own lists. */
  languageStopwords: boolean;
  numbers: boolean;
  minTermLength: number;
  idfExponent: number;
  entityWeight: number;
  entities: ((article: Article) => readonly EntityRef[]) | undefined;
  format: TextFormat;
  maxFieldLength: number;
}

type Check = (name: string, value: unknown) => void;

const nonNegative: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw createError('INVALID_OPTION', name, value, 'a finite number >= 0');
  }
};
const positiveInteger: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw createError('INVALID_OPTION', name, value, 'an integer > 0');
  }
};
const boolean: Check = (name, value) => {
  if (typeof value !== 'boolean') throw createError('INVALID_OPTION', name, value, 'true or false');
};
const oneOf =
  (...allowed: string[]): Check =>
  (name, value) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw createError('INVALID_OPTION', name, value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
  };
const fn: Check = (name, value) => {
  if (typeof value !== 'function') throw createError('INVALID_OPTION', name, value, 'a function');
};
const fieldWeights: Check = (name, value) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw createError('INVALID_OPTION', name, value, 'an object { title, lede, body }');
  }
  for (const [key, w] of Object.entries(value)) {
    if (key !== 'title' && key !== 'lede' && key !== 'body') {
      throw createError('INVALID_OPTION', `${name}.${key}`, w, 'one of title, lede, body');
    }
    if (w !== undefined) nonNegative(`${name}.${key}`, w);
  }
};

const CHECKS = new Map<keyof CorpusIndexOptions, Check>([
  ['fieldWeights', fieldWeights],
  ['tf', oneOf('sublinear', 'raw')],
  ['stem', boolean],
  ['stopwords', () => undefined], // checked by buildStopwords
  ['numbers', boolean],
  ['minTermLength', positiveInteger],
  ['idfExponent', nonNegative],
  ['entityWeight', nonNegative],
  ['entities', fn],
  ['format', oneOf('auto', 'text', 'html')],
  ['maxFieldLength', positiveInteger],
]);

/** Default field weights: a title word counts twice, a lede word one and a half times. */
export const DEFAULT_FIELD_WEIGHTS = Object.freeze({ title: 2, lede: 1.5, body: 1 });

/** Merges `options` over the defaults, checking every given value; unknown names throw INVALID_OPTION. */
export function resolveCorpusOptions(options: CorpusIndexOptions = {}): ResolvedCorpusOptions {
  if (options === null || typeof options !== 'object') {
    throw createError('INVALID_OPTION', 'options', options, 'an object');
  }
  for (const [key, value] of Object.entries(options)) {
    const check = CHECKS.get(key as keyof CorpusIndexOptions);
    if (check === undefined) {
      throw createError('INVALID_OPTION', key, value, `a known option (${[...CHECKS.keys()].join(', ')})`);
    }
    if (value !== undefined) check(key, value);
  }
  return {
    fieldWeights: { ...DEFAULT_FIELD_WEIGHTS, ...stripUndefined(options.fieldWeights ?? {}) },
    tf: options.tf ?? 'sublinear',
    stem: options.stem ?? true,
    stopwords: buildStopwords(options.stopwords),
    languageStopwords: options.stopwords === undefined,
    numbers: options.numbers ?? true,
    minTermLength: options.minTermLength ?? 2,
    idfExponent: options.idfExponent ?? 0.35,
    // 1.5: an entity id counts like a word seen in the lede; entity ids are rarer and cleaner than words
    entityWeight: options.entityWeight ?? 1.5,
    entities: options.entities,
    format: options.format ?? 'auto',
    maxFieldLength: options.maxFieldLength ?? 1_000_000,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The options that change what is indexed, as a canonical JSON string (saved with the index). */
export function optionsFingerprint(o: ResolvedCorpusOptions): string {
  return JSON.stringify({
    fieldWeights: [o.fieldWeights.title, o.fieldWeights.lede, o.fieldWeights.body],
    tf: o.tf,
    stem: o.stem,
    stopwords: [...o.stopwords].sort(),
    numbers: o.numbers,
    minTermLength: o.minTermLength,
    idfExponent: o.idfExponent,
    entityWeight: o.entityWeight,
    format: o.format,
  });
}
