/**
 * Read Next: what to read after this page. A different question from Related News ("more on this
 * story"): the reader has finished the page, so the best next read continues the topic without
 * repeating it, is fresh, and stays in the reader's section. The ranking:
 *
 *   1. Excluded: the page, its Related News block (computed here with `relatedK` results and the same
 *      filters, or given as `shown`), and `exclude`.
 *   2. Candidates: the `candidates` most similar articles (pruned postings walk, same language),
 *      near-duplicates collapsed.
 *   3. score = moderation(cosine, target) x freshness x section factor, where
 *        moderation  rises to 1 at `targetSimilarity` (default 0.25) and falls for closer copies
 *                    (weighting.ts `moderation`);
 *        freshness   1 for articles newer than the page, 0.5^(age / halfLifeDays) for older ones
 *                    (default half-life 14 days; unknown dates count as fresh);
 *        section     1 in the page's section, `otherSectionFactor` (default 0.8) elsewhere.
 *   4. Topics spread with MMR (lambda 0.7) on the candidates' pairwise cosines; results sorted by score.
 *
 * Cost: one Related News query plus one candidate walk (postings of the page's strongest terms) and
 * O(C² · |v|) for the pairwise cosines of C candidates.
 */
import { createError } from '../errors.js';
import { checkReadNextOptions, idSet } from './check-options.js';
import type { CorpusIndexCore } from './index.js';
import { applyLanguageDefaults, rankRelated, resolveRelated, toMs, type DateInput, type RelatedOptions } from './related.js';
import { gatherCandidates } from './gather.js';
import { buildQuery } from './query.js';
import { byScore, collapse, mmrSelect, pairwise } from './neighbours.js';
import { toResult, withQueryDense, type RelatedResult } from './explain.js';
import { moderation, recencyFactor } from './weighting.js';

export interface ReadNextOptions {
  /** Number of results (default 5). */
  k?: number;
  /** Ids already on the page (Related News, other blocks); when given, Related News is not recomputed. */
  shown?: Iterable<string>;
  /** Size of the Related News block to leave out when `shown` is absent (default 5). */
  relatedK?: number;
  /** More ids to leave out. */
  exclude?: Iterable<string>;
  /** Cosine at which an article is "moderately related" (default 0.25). */
  targetSimilarity?: number;
  /** Half-life of the freshness factor for articles older than the page, in days (default 14). */
  halfLifeDays?: number;
  /** Factor for articles outside the page's section (default 0.8; 1 = no preference). */
  otherSectionFactor?: number;
  /** 0 = no topic spreading, 1 = most (default 0.3: MMR lambda 0.7). */
  diversity?: number;
  /** Candidates considered (default 60). */
  candidates?: number;
  /** Reference time (default: the page's date, else the newest date in the index). */
  now?: DateInput;
  /** Language filter as in related() (default 'same'). */
  lang?: RelatedOptions['lang'];
  /** Date window as in related(). */
  since?: DateInput;
  until?: DateInput;
  maxAgeDays?: number;
}

/**
 * Chosen on the development half of `npm run eval -- readnext` (eval/split.ts) as the highest topical
 * adjacency on Reuters whose NeuS same-story rate stays at or below 1.5% (a margin under the 2% goal):
 * target 0.25 / 0.3 / 0.35 gave adjacency 66.4 / 68.3 / 69.5% and same-story 1.23 / 1.57 / 1.84%
 * (diversity 0.15 instead of 0.3 at 0.3: 68.7% and 1.54%, lists more alike, 0.261 vs 0.241).
 */
const DEFAULT_TARGET_SIMILARITY = 0.25;

function num(name: string, v: unknown, d: number, min: number, max: number): number {
  if (v === undefined) return d;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw createError('INVALID_OPTION', name, v, `a number in [${min}, ${max}]`);
  }
  return v;
}

/** Read Next for the indexed page `id`. Throws UNKNOWN_ID for an unknown id. */
export function readNext(core: CorpusIndexCore, id: string, options: ReadNextOptions = {}): RelatedResult[] {
  checkReadNextOptions(options);
  if (typeof id !== 'string' || !core.has(id)) throw createError('UNKNOWN_ID', String(id));
  const k = num('k', options.k, 5, 0, 10_000);
  const relatedK = num('relatedK', options.relatedK, 5, 0, 10_000);
  const target = num('targetSimilarity', options.targetSimilarity, DEFAULT_TARGET_SIMILARITY, 0.01, 1);
  const halfLife = num('halfLifeDays', options.halfLifeDays, 14, 0, Number.MAX_VALUE);
  const otherSection = num('otherSectionFactor', options.otherSectionFactor, 0.8, 0, 1);
  const diversity = num('diversity', options.diversity, 0.3, 0, 1);
  const C = num('candidates', options.candidates, 60, 1, 1e6);

  const base: RelatedOptions = {};
  if (options.lang !== undefined) base.lang = options.lang;
  if (options.since !== undefined) base.since = options.since;
  if (options.until !== undefined) base.until = options.until;
  if (options.maxAgeDays !== undefined) base.maxAgeDays = options.maxAgeDays;
  if (options.now !== undefined) base.now = options.now;
  resolveRelated(base); // checks lang, since, until, maxAgeDays and now even when nothing is ranked
  const q = buildQuery(core, id);

  const excluded = idSet('exclude', options.exclude);
  if (options.shown !== undefined) idSet('shown', options.shown, excluded);
  else if (relatedK > 0) {
    // the list related(id) shows, with the page language's defaults
    const rel = rankRelated(core, q, applyLanguageDefaults(resolveRelated({ ...base, k: relatedK, exclude: excluded }), q.lang, base));
    for (const c of rel) {
      excluded.add(core.ids_[c.slot] as string);
      for (const d of c.duplicates ?? []) excluded.add(core.ids_[d] as string);
    }
  }
  if (k === 0) return [];

  const opts = resolveRelated({ ...base, k, exclude: excluded, candidates: C, minScore: 0 });
  let cands = gatherCandidates(core, q, opts).filter((c) => c.similarity < opts.duplicateThreshold);
  const now = options.now !== undefined ? toMs('now', options.now) : Number.isNaN(q.date) ? core.newestDate : q.date;
  for (const c of cands) {
    const date = core.dates[c.slot] as number;
    const fresh = Number.isNaN(date) || Number.isNaN(now) ? 1 : recencyFactor((now - date) / 86_400_000, halfLife);
    const sameSection = q.section >= 0 && core.sections[c.slot] === q.section;
    c.score = moderation(c.similarity, target) * fresh * (sameSection ? 1 : otherSection);
  }
  cands.sort(byScore);
  cands = collapse(core, cands.filter((c) => c.score > 0), opts.duplicateThreshold, Number.POSITIVE_INFINITY);
  const chosen = diversity > 0 ? mmrSelect(cands, pairwise(core, cands.map((c) => c.slot)), k, 1 - diversity) : cands.slice(0, k);
  return withQueryDense(core, q, (page) => chosen.sort(byScore).map((c) => toResult(core, page, c)));
}
