/**
 * Tagger options: the one place where defaults are applied and values are checked. Internal code
 * takes `ResolvedOptions`, which has no optional fields. The caller's objects are never written to.
 */
import { createError } from './errors.js';
import type { GazetteerData } from './entities/gazetteer-data.js';
import type { NerModelSource } from './entities/ner/recognizer.js';
import type { TaxonomyInput } from './tags/regions.js';
import type { VocabularyInput } from './tags/vocabulary.js';
import type { InputFormat, PageReader } from './page/analyze.js';
import type { LanguageNames } from './entities/language-names.js';
import type { EntityType, Recognizer } from './types.js';
import type { SiteModel } from './site/model.js';

/** What `createTagger()` accepts. Every field is optional; see `DEFAULT_OPTIONS`. */
export interface TaggerOptions {
  /**
   * How to read `body` and `lede`: detect HTML ('auto'), force 'text' or 'html', or 'page': `body` is a
   * whole web page (HTML, or a page copied as text) whose article is extracted first. 'auto' treats a
   * body with `<html>` or `<body>` as a page. Pages need `pageReader`: without one, 'page' is refused and
   * a whole document under 'auto' throws DATA_MISSING.
   */
  format?: InputFormat;
  /**
   * What extracts the article of a whole page for `format: 'page'` (and 'auto'): `pageReader()` from
   * `news-tagger/page`. In Node, `news-tagger` passes it unless this is given; the core (browsers) leaves it out.
   */
  pageReader?: PageReader;
  /** Reading speed for `readingTime`, in words per minute. */
  wordsPerMinute?: number;
  /** Longest accepted text field, in UTF-16 code units; longer fields throw INPUT_TOO_LARGE. */
  maxFieldLength?: number;
  /**
   * Stopwords for indexing and salience: an iterable replaces the default English list; a function
   * receives the defaults and returns the set to use.
   */
  stopwords?: Iterable<string> | ((defaults: ReadonlySet<string>) => Iterable<string>);
  /**
   * Gazetteer data to use instead of the bundled one (same shape as data/generated/gazetteer.json).
   * Compiled once, on first use.
   */
  gazetteer?: GazetteerData;
  /**
   * Names of the gazetteer's entries in other languages: `arabic()` and `spanish()` from
   * `news-tagger/languages`, given to the entries (by id) that have none in that language. In Node,
   * `news-tagger` passes both unless this, or a `gazetteer` of your own, is given. The core (browsers)
   * leaves them out: there an Arabic or Spanish article throws DATA_MISSING (naming the import) unless
   * this is given; `languages: []` opts out (such articles are matched on the English names alone).
   */
  languages?: readonly LanguageNames[];
  /**
   * The recognizers, run in order and merged: an array replaces the defaults; a function receives the
   * defaults (gazetteer, then names confirmed by the shipped NER model) and returns the list to use
   * (e.g. `(d) => [d[0], nameRecognizer()]` for the heuristic names alone, without the model).
   */
  recognizers?: readonly Recognizer[] | ((defaults: readonly Recognizer[]) => readonly Recognizer[]);
  /**
   * The trained NER model that confirms the heuristic names: `shippedNerModel()` from
   * `news-tagger/model`, or a model of your own (decoded, its bytes or their base64). Without one the
   * tagger runs the light path, the gazetteer and the name heuristics alone (see the README). In Node,
   * `news-tagger` passes the shipped model unless this is `null`; in browsers it is left out.
   */
  nerModel?: NerModelSource | null;
  /** Region taxonomy: a preset ("newsroom", "guardian", "un-m49") or a table section -> country codes. */
  taxonomy?: TaxonomyInput;
  /** Most tag suggestions returned. */
  limit?: number;
  /** Least salience (0..1) of a returned tag. */
  minScore?: number;
  /** Least score (0..1) of a returned region section. */
  regionMinScore?: number;
  /** Entity types to suggest. */
  types?: readonly EntityType[];
  /** A site's existing tags (with aliases): suggestions say which tag they map to, or that they are new. */
  vocabulary?: VocabularyInput;
  /** Only suggest these (ids such as "country:KP", names or aliases). */
  allow?: Iterable<string>;
  /** Never suggest these (ids, names or aliases). */
  deny?: Iterable<string>;
  /**
   * ISO 3166-1 alpha-2 code of the publication's home country. When an article names no country,
   * the home country is suggested (a wire desk tags its domestic stories with it) and counts for
   * regions. Off by default.
   */
  homeCountry?: string;
  /**
   * Language of region section labels: 'ar' or 'es' add each suggestion's `label` in that language (the
   * `newsroom` preset has Arabic and Spanish labels); 'en' (default) leaves `region` as it is.
   */
  labels?: 'en' | 'ar' | 'es';
  /**
   * A site model (`trainSiteModel()` or `loadSiteModel()` of `news-tagger/site`): `tag()` and
   * `suggestTags()` then return the site's own tags, entities and topics, with calibrated scores. `limit`
   * and `minScore` apply only when given; by default the model's own limit and threshold (chosen on its
   * validation fold) do. Its saved bytes are accepted where the loader is at hand: by `news-tagger` in
   * Node; the core (browsers) asks for `loadSiteModel(bytes)`.
   */
  site?: SiteModel | Uint8Array;
}

export interface ResolvedOptions {
  format: InputFormat;
  pageReader: PageReader | undefined;
  wordsPerMinute: number;
  maxFieldLength: number;
  stopwords: TaggerOptions['stopwords'] | undefined;
  gazetteer: GazetteerData | undefined;
  languages: readonly LanguageNames[] | undefined;
  recognizers: TaggerOptions['recognizers'] | undefined;
  nerModel: NerModelSource | null;
  taxonomy: TaxonomyInput;
  limit: number;
  minScore: number;
  regionMinScore: number;
  types: readonly EntityType[];
  vocabulary: VocabularyInput | undefined;
  allow: Iterable<string> | undefined;
  deny: Iterable<string> | undefined;
  homeCountry: string | undefined;
  labels: 'en' | 'ar' | 'es';
  site: SiteModel | Uint8Array | undefined;
}

export const DEFAULT_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  format: 'auto',
  pageReader: undefined,
  // 230 words per minute: the middle of the 200-265 range news sites use for "N Min Read".
  wordsPerMinute: 230,
  // 1,000,000 characters: ten times the longest long-read; bigger is an export error, not an article.
  maxFieldLength: 1_000_000,
  stopwords: undefined,
  gazetteer: undefined,
  languages: undefined,
  recognizers: undefined,
  nerModel: null,
  taxonomy: 'newsroom',
  // limit, minScore and regionMinScore were tuned on the Guardian 2022 set (see eval/tasks/tags.ts)
  limit: 4,
  minScore: 0.5,
  regionMinScore: 0.4,
  types: Object.freeze(['person', 'place', 'organization'] as const),
  vocabulary: undefined,
  allow: undefined,
  deny: undefined,
  homeCountry: undefined,
  labels: 'en',
  site: undefined,
});

type Check = (name: string, value: unknown) => void;

const positiveNumber: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw createError('INVALID_OPTION', name, value, 'a finite number > 0');
  }
};
const positiveInteger: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw createError('INVALID_OPTION', name, value, 'an integer > 0');
  }
};
const oneOf =
  (...allowed: string[]): Check =>
  (name, value) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw createError('INVALID_OPTION', name, value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
  };
const iterableOrFunction: Check = (name, value) => {
  const ok =
    typeof value === 'function' ||
    (value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function');
  if (!ok || typeof value === 'string') throw createError('INVALID_OPTION', name, value, 'an iterable of strings or a function');
};

const unitInterval: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw createError('INVALID_OPTION', name, value, 'a number from 0 to 1');
  }
};
const iterable: Check = (name, value) => {
  const ok = value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
  if (!ok) throw createError('INVALID_OPTION', name, value, 'an iterable');
};
const entityTypes: Check = (name, value) => {
  iterable(name, value);
  for (const t of value as Iterable<unknown>) {
    if (t !== 'person' && t !== 'place' && t !== 'organization' && t !== 'other') {
      throw createError('INVALID_OPTION', name, t, 'a list of "person", "place", "organization", "other"');
    }
  }
};
const gazetteerData: Check = (name, value) => {
  const v = value as { entries?: unknown } | null;
  if (v === null || typeof v !== 'object' || !Array.isArray(v.entries)) {
    throw createError('INVALID_OPTION', name, value, 'gazetteer data { version, entries: [...] }');
  }
};
const recognizerList: Check = (name, value) => {
  if (typeof value === 'function') return;
  if (!Array.isArray(value) || value.some((r) => r === null || typeof r !== 'object' || typeof (r as { recognize?: unknown }).recognize !== 'function')) {
    throw createError('INVALID_OPTION', name, value, 'an array of recognizers ({ name, recognize(tokens, text) }) or a function');
  }
};
const nerModel: Check = (name, value) => {
  const decoded = value !== null && typeof value === 'object' && (value as { keys?: unknown }).keys instanceof Int32Array;
  if (value !== null && typeof value !== 'string' && !(value instanceof Uint8Array) && !decoded) {
    throw createError('INVALID_OPTION', name, value, 'an NER model (decoded, its bytes or their base64; shippedNerModel() from news-tagger/model) or null');
  }
};
const taxonomyInput: Check = (name, value) => {
  if (typeof value === 'string' || value instanceof Map) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw createError('INVALID_OPTION', name, value, 'a preset name or a table of section -> country codes');
  }
};

const countryCode: Check = (name, value) => {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) throw createError('INVALID_OPTION', name, value, 'an ISO 3166-1 alpha-2 country code');
};

const siteModel: Check = (name, value) => {
  const ok = value instanceof Uint8Array || (value !== null && typeof value === 'object' && typeof (value as { save?: unknown }).save === 'function' && typeof (value as { tags?: unknown }).tags === 'function');
  if (!ok) throw createError('INVALID_OPTION', name, value, 'a site model (trainSiteModel() or loadSiteModel()) or its saved bytes');
};

const pageReaderCheck: Check = (name, value) => {
  if (value === null || typeof value !== 'object' || typeof (value as { extract?: unknown }).extract !== 'function') {
    throw createError('INVALID_OPTION', name, value, 'a page reader ({ extract(page) }: pageReader() from news-tagger/page)');
  }
};

const languageList: Check = (name, value) => {
  const ok = (l: unknown): boolean => l !== null && typeof l === 'object' && ((l as LanguageNames).lang === 'ar' || (l as LanguageNames).lang === 'es') && (l as LanguageNames).names instanceof Map;
  if (!Array.isArray(value) || !value.every(ok)) {
    throw createError('INVALID_OPTION', name, value, 'an array of language names (arabic(), spanish() from news-tagger/languages)');
  }
};

const CHECKS = new Map<keyof ResolvedOptions, Check>([
  ['format', oneOf('auto', 'text', 'html', 'page')],
  ['pageReader', pageReaderCheck],
  ['wordsPerMinute', positiveNumber],
  ['maxFieldLength', positiveInteger],
  ['stopwords', iterableOrFunction],
  ['gazetteer', gazetteerData],
  ['languages', languageList],
  ['recognizers', recognizerList],
  ['nerModel', nerModel],
  ['taxonomy', taxonomyInput],
  ['limit', positiveInteger],
  ['minScore', unitInterval],
  ['regionMinScore', unitInterval],
  ['types', entityTypes],
  ['vocabulary', iterable],
  ['allow', iterable],
  ['deny', iterable],
  ['homeCountry', countryCode],
  ['labels', oneOf('en', 'ar', 'es')],
  ['site', siteModel],
]);

/** Per-call options of `suggestTags()` / `tag()`: a subset of the tagger options. */
export type SuggestOptions = Pick<TaggerOptions, 'limit' | 'minScore' | 'types' | 'vocabulary' | 'allow' | 'deny' | 'taxonomy' | 'regionMinScore' | 'homeCountry' | 'labels'>;

const CALL_OPTIONS = new Set<string>(['limit', 'minScore', 'types', 'vocabulary', 'allow', 'deny', 'taxonomy', 'regionMinScore', 'homeCountry', 'labels']);

/** Checks per-call options (the same checks as the tagger's); returns only the given ones. */
export function checkCallOptions(options: unknown): SuggestOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw createError('INVALID_OPTION', 'options', options, 'an object');
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!CALL_OPTIONS.has(key)) throw createError('INVALID_OPTION', key, value, `a per-call option (${[...CALL_OPTIONS].join(', ')})`);
    if (value === undefined) continue;
    (CHECKS.get(key as keyof ResolvedOptions) as Check)(key, value);
    out[key] = value;
  }
  return out as SuggestOptions;
}

/** Merges `options` over the defaults, checking every given value. Unknown option names throw. */
export function resolveOptions(options: TaggerOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw createError('INVALID_OPTION', 'options', options, 'an object');
  }
  const resolved: ResolvedOptions = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    const check = CHECKS.get(key as keyof ResolvedOptions);
    if (check === undefined) {
      throw createError('INVALID_OPTION', key, value, `a known option (${[...CHECKS.keys()].join(', ')})`);
    }
    if (value === undefined) continue;
    check(key, value);
    (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  if (resolved.format === 'page' && resolved.pageReader === undefined) {
    throw createError('INVALID_OPTION', 'format', 'page', `"auto", "text" or "html" without a page reader: for "page" pass pageReader: pageReader() from news-tagger/page (news-tagger in Node passes it)`);
  }
  return resolved;
}
