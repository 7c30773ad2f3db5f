/**
 * Related News: top-k articles by TF-IDF cosine, scored from postings only.
 *
 * 1. The query vector is the page's stored vector (current idf), or the vector of an article that is
 *    not indexed (analyzed the same way, nothing is added to the index).
 * 2. Pruning (as Lucene's MoreLikeThis; gather.ts): only the query's `maxQueryTerms` (25) strongest
 *    terms by tf-idf walk their postings, leaving out terms found in more than half of the archive
 *    (`queryCoverage` walks further terms until they hold a share of the page's weight);
 *    `exact: true` walks every term. Accumulation is a multiply-add per
 *    posting into a Float32Array reused across queries (no per-query allocation of archive-sized arrays).
 *    A short walk records each document it touches; a long one (at least a quarter as many postings as
 *    slots: a default query on Reuters train walks ~13k postings and touches half of its 12.9k stories)
 *    adds without that branch, unrolled by four, and step 3 scans every slot instead. Both give the same
 *    sums and the same candidates.
 * 3. Filters (language, section, dates, exclusions) apply while the best `candidates` (max(5k, 50)) are
 *    kept in a min-heap; documents below the heap's floor are skipped at once (one multiply-compare
 *    each, four at a time in the scan of every slot).
 * 4. Every candidate is rescored with its exact cosine from its stored vector. Optional feedback
 *    (`feedbackDocs`): Rocchio re-runs the query expanded with the best matches ('requery'), or each
 *    candidate gains feedbackWeight x its cosine with their centroid ('rescore'; Arabic default).
 * 5. Hub penalty (`localScaling`, default 0.25): score = cosine - 0.25 x density, where density is the
 *    candidate's mean cosine with its 10 nearest neighbours (cached per document; `warm()` computes
 *    all). Then the recency factor (`halfLifeDays`) and the entity-overlap boost (`entityBoost`) multiply it.
 * 6. Candidates that are near-copies of the page (cosine >= duplicateThreshold, 0.9) are dropped;
 *    near-duplicates among the rest collapse into one result, the newest (an updated version replaces
 *    the older one; the others are listed in `duplicates`). Optional MMR (`diversity`) picks a varied
 *    set. Results are sorted by score, so scores never increase down the list.
 *
 * 7. Explanations (explain.ts): the strongest shared terms in the page's own spelling.
 *
 * Measured (`npm run eval -- related`, all queries): same-topic precision@10 on Reuters train 0.762
 * (plain TF-IDF cosine 0.706); same-story MRR on NeuS 0.811 (plain 0.757); pruned and exact agree on
 * the top result for 99.0% (Reuters) and 99.8% (NeuS) of queries.
 */
import { createError } from '../errors.js';
import { idSet } from './check-options.js';
import type { CorpusIndexCore } from './index.js';
import type { IndexArticle } from './options.js';
import { cosine, entityBoostFactor, recencyFactor } from './weighting.js';
import { dotWithDense, gatherCandidates, maxDate, MS_PER_DAY, type Candidate, type GatherOptions } from './gather.js';
import { buildQuery, expandQuery, type Query } from './query.js';
import { byScore, collapse, density, feedbackRescore, mmrSelect, pairwise } from './neighbours.js';
import { toResult, withQueryDense, type RelatedResult } from './explain.js';

export type { RelatedResult, RelatedWhy } from './explain.js';
export { buildQuery } from './query.js';
export { gatherCandidates } from './gather.js';

/** A date: a Date, an ISO 8601 string or milliseconds since the epoch. */
export type DateInput = Date | string | number;

export interface RelatedOptions {
  /** Number of results (default 10). */
  k?: number;
  /** Only articles published at or after this date. Articles without a date are left out by any date filter. */
  since?: DateInput;
  /** Only articles published at or before this date. */
  until?: DateInput;
  /** Only articles at most this many days older than `now`. */
  maxAgeDays?: number;
  /** Multiply scores by 0.5^(age / halfLifeDays) for articles older than `now` (default: off). */
  halfLifeDays?: number;
  /** Reference time for maxAgeDays and halfLifeDays (default: the page's date, else the newest date in the index). */
  now?: DateInput;
  /** 'any' (default), 'same' or 'other' section than the page, or a list of allowed sections. */
  section?: 'any' | 'same' | 'other' | readonly string[];
  /** 'same' language as the page (default), 'any', or a language code. */
  lang?: 'same' | 'any' | (string & {});
  /** Ids never returned (e.g. what the page already shows). */
  exclude?: Iterable<string>;
  /** Drop results whose score is below this (default 0.01). */
  minScore?: number;
  /**
   * Entity-overlap boost: score x (1 + boost x shared entity weight / page entity weight) (default 0:
   * with the pipeline's tag ids on NeuS, 0.3 cost 0.010 MRR and 0.6 cost 0.021, because one shared
   * name such as a president's boosts every story about him; entity ids still count as terms).
   */
  entityBoost?: number;
  /** 0 (default) = pure relevance; up to 1 = more diverse results (MMR with lambda = 1 - diversity). */
  diversity?: number;
  /** Collapse near-duplicates and drop near-copies of the page (default true). */
  collapse?: boolean;
  /** Cosine at or above which two articles count as versions of one story (default 0.9). */
  duplicateThreshold?: number;
  /** Most query terms that walk postings (default 25, as Lucene's MoreLikeThis). */
  maxQueryTerms?: number;
  /** Fewest query terms that walk postings, when the page has them (default 25; at most `maxQueryTerms`). */
  minQueryTerms?: number;
  /**
   * Adaptive walk: beyond `minQueryTerms`, the next strongest terms walk until the walked ones hold this
   * share of the squared weight of the page's walkable terms, up to `maxQueryTerms` (default 0 = off;
   * e.g. `{ queryCoverage: 0.85, maxQueryTerms: 60 }`: on the Reuters development half, pruned/exact
   * top-1 agreement 99.0% -> 99.3% for about 1.2x the time per query).
   */
  queryCoverage?: number;
  /** Walk every query term instead of the strongest ones (slower; to check the pruning). */
  exact?: boolean;
  /** Candidates rescored exactly before boosts and collapsing (default max(5k, 50)). */
  candidates?: number;
  /**
   * Pseudo-relevance feedback (Rocchio): the query is expanded with the centroid of its `feedbackDocs`
   * best matches, weighted `feedbackWeight`, and run again (default 0 = off).
   */
  feedbackDocs?: number;
  /** Weight of the feedback centroid against the page's own (unit) vector (default 0.5). */
  feedbackWeight?: number;
  /**
   * How feedback applies: 'requery' (default) runs the expanded query again (a second walk);
   * 'rescore' keeps the page's candidates and adds feedbackWeight x their cosine with the centroid of
   * the `feedbackDocs` best to their score (no second walk; the Arabic default, see LANGUAGE_DEFAULTS).
   */
  feedbackMode?: 'requery' | 'rescore';
  /**
   * Hub penalty (local scaling, as CSLS in Conneau et al. 2018): score = cosine - localScaling x density,
   * where density is the candidate's mean cosine with its 10 nearest neighbours. Articles that resemble
   * everything (round-ups, "all of X's orders so far") stop crowding out the same story (default 0.25;
   * 0 = off).
   */
  localScaling?: number;
}

/** Default hub penalty (see RelatedOptions.localScaling). */
export const DEFAULT_LOCAL_SCALING = 0.25;

/**
 * Defaults of a page's language that differ from the defaults above; an option the caller gives wins.
 * Arabic, chosen on the January-June (development) half of Al Mayadeen 2023 (`npm run eval -- related
 * --dataset almayadeen`, editor-tag proxy, P@10): no hub penalty (0.2841 -> 0.2911) and feedback by
 * rescoring with the 3 best candidates at weight 0.3 (-> 0.2945). English keeps the defaults above: the
 * same feedback raised Reuters P@10 on its development half (0.7650 -> 0.7730) but cost NeuS MRR more
 * (0.8198 -> 0.8052).
 */
export const LANGUAGE_DEFAULTS: ReadonlyMap<string, Readonly<Partial<Pick<ResolvedRelated, 'localScaling' | 'feedbackDocs' | 'feedbackWeight' | 'feedbackMode'>>>> = new Map([
  ['ar', Object.freeze({ localScaling: 0, feedbackDocs: 3, feedbackWeight: 0.3, feedbackMode: 'rescore' as const })],
]);

/** Applies the defaults of language `lang` to the resolved `opts`, for the options the caller left out. */
export function applyLanguageDefaults(opts: ResolvedRelated, lang: string, given: RelatedOptions | undefined): ResolvedRelated {
  const defaults = LANGUAGE_DEFAULTS.get(lang);
  if (defaults === undefined) return opts;
  const out: ResolvedRelated = { ...opts };
  const set = out as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(defaults)) {
    if ((given as Record<string, unknown> | undefined)?.[key] === undefined) set[key] = value;
  }
  return out;
}

export function toMs(name: string, value: DateInput): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw createError('INVALID_OPTION', name, value, 'a Date, an ISO 8601 string or epoch milliseconds');
  return ms;
}

function checkNumber(name: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw createError('INVALID_OPTION', name, value, `${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
  }
  return value;
}

/** RelatedOptions with defaults applied and values checked. */
export interface ResolvedRelated extends GatherOptions {
  k: number;
  since: number;
  until: number;
  maxAgeDays: number;
  halfLifeDays: number;
  now: number | undefined;
  section: 'any' | 'same' | 'other' | readonly string[];
  lang: string;
  exclude: Set<string>;
  minScore: number;
  entityBoost: number;
  diversity: number;
  collapse: boolean;
  duplicateThreshold: number;
  maxQueryTerms: number;
  exact: boolean;
  candidates: number;
  feedbackDocs: number;
  feedbackWeight: number;
  feedbackMode: 'requery' | 'rescore';
  localScaling: number;
}

const KNOWN = new Set([
  'k', 'since', 'until', 'maxAgeDays', 'halfLifeDays', 'now', 'section', 'lang', 'exclude', 'minScore', 'entityBoost',
  'diversity', 'collapse', 'duplicateThreshold', 'maxQueryTerms', 'minQueryTerms', 'queryCoverage', 'exact', 'candidates', 'feedbackDocs', 'feedbackWeight', 'feedbackMode', 'localScaling',
]);

export function resolveRelated(o: RelatedOptions = {}, known: ReadonlySet<string> = KNOWN): ResolvedRelated {
  if (o === null || typeof o !== 'object') throw createError('INVALID_OPTION', 'options', o, 'an object');
  for (const key of Object.keys(o)) {
    if (!known.has(key) && !KNOWN.has(key)) throw createError('INVALID_OPTION', key, (o as Record<string, unknown>)[key], 'a known option');
  }
  const k = o.k === undefined ? 10 : checkNumber('k', o.k, 0, 10_000, true);
  const section = o.section === undefined ? 'any' : o.section;
  if (!(section === 'any' || section === 'same' || section === 'other' || (Array.isArray(section) && section.every((s) => typeof s === 'string')))) {
    throw createError('INVALID_OPTION', 'section', section, '"any", "same", "other" or an array of section names');
  }
  const lang = o.lang === undefined ? 'same' : o.lang;
  if (typeof lang !== 'string') throw createError('INVALID_OPTION', 'lang', lang, '"same", "any" or a language code');
  const exclude = idSet('exclude', o.exclude);
  const boolean = (name: string, v: unknown, d: boolean): boolean => {
    if (v === undefined) return d;
    if (typeof v !== 'boolean') throw createError('INVALID_OPTION', name, v, 'true or false');
    return v;
  };
  const feedbackMode = o.feedbackMode === undefined ? 'requery' : o.feedbackMode;
  if (feedbackMode !== 'requery' && feedbackMode !== 'rescore') throw createError('INVALID_OPTION', 'feedbackMode', feedbackMode, '"requery" or "rescore"');
  return {
    k,
    since: o.since === undefined ? Number.NEGATIVE_INFINITY : toMs('since', o.since),
    until: o.until === undefined ? Number.POSITIVE_INFINITY : toMs('until', o.until),
    maxAgeDays: o.maxAgeDays === undefined ? Number.POSITIVE_INFINITY : checkNumber('maxAgeDays', o.maxAgeDays, 0),
    halfLifeDays: o.halfLifeDays === undefined ? 0 : checkNumber('halfLifeDays', o.halfLifeDays, 0),
    now: o.now === undefined ? undefined : toMs('now', o.now),
    section,
    lang: lang.toLowerCase(),
    exclude,
    minScore: o.minScore === undefined ? 0.01 : checkNumber('minScore', o.minScore, 0),
    entityBoost: o.entityBoost === undefined ? 0 : checkNumber('entityBoost', o.entityBoost, 0),
    diversity: o.diversity === undefined ? 0 : checkNumber('diversity', o.diversity, 0, 1),
    collapse: boolean('collapse', o.collapse, true),
    duplicateThreshold: o.duplicateThreshold === undefined ? 0.9 : checkNumber('duplicateThreshold', o.duplicateThreshold, 0, 1),
    maxQueryTerms: o.maxQueryTerms === undefined ? 25 : checkNumber('maxQueryTerms', o.maxQueryTerms, 1, 1e9, true),
    minQueryTerms: o.minQueryTerms === undefined ? 25 : checkNumber('minQueryTerms', o.minQueryTerms, 1, 1e9, true),
    queryCoverage: o.queryCoverage === undefined ? 0 : checkNumber('queryCoverage', o.queryCoverage, 0, 1),
    exact: boolean('exact', o.exact, false),
    candidates: o.candidates === undefined ? Math.max(5 * k, 50) : checkNumber('candidates', o.candidates, 1, 1e6, true),
    feedbackDocs: o.feedbackDocs === undefined ? 0 : checkNumber('feedbackDocs', o.feedbackDocs, 0, 1000, true),
    feedbackWeight: o.feedbackWeight === undefined ? 0.5 : checkNumber('feedbackWeight', o.feedbackWeight, 0),
    feedbackMode,
    localScaling: o.localScaling === undefined ? DEFAULT_LOCAL_SCALING : checkNumber('localScaling', o.localScaling, 0),
  };
}
/** Sum of the weights of entity terms in the query, and per candidate the shared part. */
function entityOverlap(core: CorpusIndexCore, q: Query, slot: number): { shared: number; total: number; ids: string[] } {
  let total = 0;
  for (let i = 0; i < q.terms.length; i++) if (core.vocab.isEntity(q.terms[i] as number)) total += q.weights[i] as number;
  if (total === 0) return { shared: 0, total: 0, ids: [] };
  const mine = new Map<number, number>();
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i] as number;
    if (core.vocab.isEntity(t)) mine.set(t, q.weights[i] as number);
  }
  let shared = 0;
  const ids: string[] = [];
  const a = core.fwdStart[slot] as number;
  for (let j = a; j < a + (core.fwdLen[slot] as number); j++) {
    const w = mine.get(core.fwdTerm[j] as number);
    if (w !== undefined) {
      shared += w;
      ids.push(core.vocab.label(core.fwdTerm[j] as number) as string);
    }
  }
  return { shared, total, ids };
}

/**
 * Related News for an indexed id or an article not in the index. Throws UNKNOWN_ID for an unknown id,
 * INVALID_OPTION for bad options; an article with no indexable words gives []. Cost: postings of the
 * query's `maxQueryTerms` strongest terms + O(C² · |v|) for collapsing and MMR on C candidates.
 */
export function related(core: CorpusIndexCore, idOrArticle: string | IndexArticle, options?: RelatedOptions): RelatedResult[] {
  // checked before the id: a bad option is reported before an unknown id
  const resolved = resolveRelated(options);
  const q = buildQuery(core, idOrArticle);
  const opts = applyLanguageDefaults(resolved, q.lang, options);
  const ranked = rankRelated(core, q, opts);
  return withQueryDense(core, q, (page) => ranked.map((c) => toResult(core, page, c)));
}

/**
 * The candidates of a query with their similarity and their score after the hub penalty: the best
 * `candidates` by cosine (or by the feedback-expanded query), each scored cosine - localScaling x density.
 */
function scoredCandidates(core: CorpusIndexCore, q: Query, opts: ResolvedRelated): Candidate[] {
  const cands = gatherCandidates(core, q, opts);
  if (cands.length === 0) return cands;
  if (opts.feedbackDocs > 0 && opts.feedbackWeight > 0 && opts.feedbackMode === 'rescore') {
    for (const c of cands) c.score = c.similarity;
    feedbackRescore(core, cands, opts.feedbackDocs, opts.feedbackWeight);
    return penalize(core, cands, opts.localScaling);
  }
  if (opts.feedbackDocs > 0 && opts.feedbackWeight > 0) {
    const expanded = expandQuery(core, q, cands.slice(0, opts.feedbackDocs), opts.feedbackWeight);
    const again = gatherCandidates(core, expanded, opts);
    // rank by the expanded query, report the cosine with the page itself
    const qDense = core.qDense;
    for (let i = 0; i < q.terms.length; i++) qDense[q.terms[i] as number] = (q.weights[i] as number) * (q.idf[i] as number);
    for (const c of again) {
      c.score = c.similarity;
      c.similarity = cosine(dotWithDense(core, c.slot, qDense), q.norm, core.norms[c.slot] as number);
    }
    for (const t of q.terms) qDense[t] = 0;
    return penalize(core, again, opts.localScaling);
  }
  for (const c of cands) c.score = c.similarity;
  return penalize(core, cands, opts.localScaling);
}

function penalize(core: CorpusIndexCore, cands: Candidate[], localScaling: number): Candidate[] {
  if (localScaling > 0) for (const c of cands) c.score = Math.max(0, c.score - localScaling * density(core, c.slot));
  return cands;
}

/** The ranking behind related(), on resolved options; returns candidates in display order. */
export function rankRelated(core: CorpusIndexCore, q: Query, opts: ResolvedRelated): Candidate[] {
  let cands = scoredCandidates(core, q, opts);
  if (cands.length === 0) return [];
  const now = opts.now ?? (Number.isNaN(q.date) ? maxDate(core) : q.date);
  let hasEntities = false;
  if (opts.entityBoost > 0) for (const t of q.terms) if (core.vocab.isEntity(t)) hasEntities = true;
  for (const c of cands) {
    let score = c.score;
    if (opts.halfLifeDays > 0) score *= recencyFactor((now - (core.dates[c.slot] as number)) / MS_PER_DAY, opts.halfLifeDays);
    if (opts.entityBoost > 0 && hasEntities) {
      const e = entityOverlap(core, q, c.slot);
      score *= entityBoostFactor(e.shared, e.total, opts.entityBoost);
    }
    c.score = score;
  }
  cands.sort(byScore);
  cands = cands.filter((c) => c.score >= opts.minScore && !(opts.collapse && c.similarity >= opts.duplicateThreshold));
  if (opts.collapse) cands = collapse(core, cands, opts.duplicateThreshold, opts.diversity > 0 ? Number.POSITIVE_INFINITY : opts.k);
  if (opts.diversity > 0) cands = mmrSelect(cands, pairwise(core, cands.map((c) => c.slot)), opts.k, 1 - opts.diversity);
  else cands = cands.slice(0, opts.k);
  return cands.sort(byScore);
}
