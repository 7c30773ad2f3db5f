/**
 * The candidate walk of Related News and Read Next: the postings of the query's strongest terms are
 * added into an accumulator, filters apply, the best `candidates` by partial score are kept in a
 * min-heap and rescored with their exact cosine (steps 2-4 of related.ts).
 */
import type { CorpusIndexCore } from './index.js';
import type { Query } from './query.js';
import { cosine } from './weighting.js';

/** A candidate after exact rescoring. */
export interface Candidate {
  slot: number;
  similarity: number;
  score: number;
  duplicates?: number[];
}

/** The resolved options gatherCandidates reads (a subset of ResolvedRelated). */
export interface GatherOptions {
  k: number;
  since: number;
  until: number;
  maxAgeDays: number;
  now: number | undefined;
  section: 'any' | 'same' | 'other' | readonly string[];
  lang: string;
  exclude: Set<string>;
  maxQueryTerms: number;
  minQueryTerms: number;
  queryCoverage: number;
  exact: boolean;
  candidates: number;
}

export const MS_PER_DAY = 86_400_000;
/**
 * Share of the archive above which a term's postings are not walked by pruned queries. Chosen on the
 * development half (eval/split.ts) of Reuters: at 0.25 the words of a newswire's house style ("mln",
 * "pct", "year", in a quarter to half of its stories) never walked, yet with the softened idf they carry
 * much of the cosine, so the pruned candidates missed the exact top result in 3.4% of queries; at 0.5
 * (with 50 candidates instead of 40) 0.96%, for about 1.1x the time per query in the same process.
 */
const MAX_WALK_SHARE = 0.5;
/**
 * A walk of at least slots / DENSE_SCAN postings accumulates without recording touched documents and
 * then scans every slot (on Reuters train a default query walks ~13k postings and touches half of the
 * 12.9k documents). Measured against recording touched documents, in the same process: Reuters
 * related() p50 ~0.14 vs ~0.19 ms; 200k synthetic articles 0.45 vs 0.59 ms.
 */
const DENSE_SCAN = 4;

/**
 * Indexes of the `m` largest weights, largest first (ties: lower index first). Partial selection into a
 * sorted prefix, without a comparator closure or a full sort. O(n · m) worst case, O(n) typically.
 */
function strongest(weights: number[], m: number): number[] {
  const n = weights.length;
  const order: number[] = [];
  if (n <= m) {
    for (let i = 0; i < n; i++) order.push(i);
    return order;
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    let j = order.length;
    if (j === m) {
      if (!(w > (weights[order[m - 1] as number] as number))) continue;
      j--;
    } else order.push(i);
    // shift smaller weights down (an equal weight has a lower index and stays ahead)
    while (j > 0 && w > (weights[order[j - 1] as number] as number)) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = i;
  }
  return order;
}

/**
 * The query terms whose postings a pruned query walks (indexes into q.terms, strongest first): the
 * strongest by weight (rareTerms: by tf x full idf, MoreLikeThis's criterion, whose postings are
 * short), at least `minQueryTerms`, then more until they hold `queryCoverage` of the squared weight of
 * the walkable terms, at most `maxQueryTerms`. Terms in more than half of the archive never walk (they
 * hardly tell candidates apart; they still count in the exact rescoring). A short page walks every
 * term. O(|q| · walked terms) worst case, O(|q|) typically.
 */
export function walkTerms(core: CorpusIndexCore, q: Query, opts: GatherOptions, rareTerms = false): number[] {
  if (opts.exact) return q.terms.map((_, i) => i);
  const e = core.options.idfExponent;
  const maxDf = Math.max(16, MAX_WALK_SHARE * core.live);
  const df = core.vocab.df;
  let total = 0;
  const criterion = q.weights.map((w, i) => {
    if ((df[q.terms[i] as number] as number) > maxDf) return -1;
    total += w * w;
    return rareTerms && e !== 1 ? w * Math.pow(q.idf[i] as number, (1 - e) / e) : w;
  });
  const cap = opts.maxQueryTerms;
  const min = Math.min(opts.minQueryTerms, cap);
  let order = strongest(criterion, min).filter((i) => (criterion[i] as number) >= 0);
  if (opts.queryCoverage <= 0 || order.length < min) return order;
  let covered = 0;
  for (const i of order) covered += (q.weights[i] as number) ** 2;
  const goal = opts.queryCoverage * total;
  if (covered >= goal || cap <= min) return order;
  order = strongest(criterion, cap).filter((i) => (criterion[i] as number) >= 0);
  let m = min;
  while (m < order.length && covered < goal) covered += (q.weights[order[m++] as number] as number) ** 2;
  return order.slice(0, m);
}

/** The candidate heap, reused across queries (gatherCandidates never runs inside itself). */
let heapSlotScratch = new Int32Array(64);
let heapScoreScratch = new Float64Array(64);

/**
 * How gatherCandidates finds the touched documents: 'auto' (default) chooses by the length of the
 * walk; 'touched' and 'dense' force one way (both give the same candidates; for tests).
 */
export type WalkMode = 'auto' | 'touched' | 'dense';

/**
 * Scores candidates from the postings of the query's (strongest) terms, applies the filters and returns
 * the best `opts.candidates`, rescored with their exact cosine, best first. Cost: O(postings walked +
 * C·|v|), plus O(touched documents) for a short walk or O(slots) for a long one (at least slots /
 * DENSE_SCAN postings, so never more than DENSE_SCAN x the walk).
 */
export function gatherCandidates(core: CorpusIndexCore, q: Query, opts: GatherOptions, rareTerms = false, walk: WalkMode = 'auto'): Candidate[] {
  core.prepare();
  if (q.norm === 0 || q.terms.length === 0 || opts.k === 0) return [];
  const acc = core.acc;
  const touched = core.touched;
  let nTouched = 0;
  // rareTerms: choose by tf x full idf (MoreLikeThis's criterion), whose postings are short
  const chosen = walkTerms(core, q, opts, rareTerms);
  // Two ways to find the touched documents, with the same sums (float32, in the order of `chosen`):
  // a short walk records each document on first touch; a long one (postings >= slots / DENSE_SCAN)
  // adds without that branch and the heap pass scans every slot instead.
  let walked = 0;
  for (const i of chosen) {
    const t = q.terms[i] as number;
    if (t < core.csrTerms) walked += (core.csrStart[t + 1] as number) - (core.csrStart[t] as number);
  }
  const dense = walk === 'auto' ? walked * DENSE_SCAN >= core.slots : walk === 'dense';
  for (const i of chosen) {
    const t = q.terms[i] as number;
    const qw = (q.weights[i] as number) * (q.idf[i] as number);
    if (t < core.csrTerms) {
      const end = core.csrStart[t + 1] as number;
      const docs = core.csrDoc;
      const tfs = core.csrTf;
      if (dense) {
        // unrolled by four (measured ~1.5x faster on V8); a document occurs once in a term's postings
        let p = core.csrStart[t] as number;
        for (; p + 3 < end; p += 4) {
          const d0 = docs[p] as number;
          acc[d0] = (acc[d0] as number) + qw * (tfs[p] as number);
          const d1 = docs[p + 1] as number;
          acc[d1] = (acc[d1] as number) + qw * (tfs[p + 1] as number);
          const d2 = docs[p + 2] as number;
          acc[d2] = (acc[d2] as number) + qw * (tfs[p + 2] as number);
          const d3 = docs[p + 3] as number;
          acc[d3] = (acc[d3] as number) + qw * (tfs[p + 3] as number);
        }
        for (; p < end; p++) {
          const d = docs[p] as number;
          acc[d] = (acc[d] as number) + qw * (tfs[p] as number);
        }
      } else {
        for (let p = core.csrStart[t] as number; p < end; p++) {
          const d = docs[p] as number;
          if (acc[d] === 0) touched[nTouched++] = d;
          acc[d] = (acc[d] as number) + qw * (tfs[p] as number);
        }
      }
    }
    for (let p = core.tailHead[t] as number; p >= 0; p = core.tailNext[p] as number) {
      const d = core.tailDoc[p] as number;
      if (acc[d] === 0 && !dense) touched[nTouched++] = d;
      acc[d] = (acc[d] as number) + qw * (core.tailTf[p] as number);
    }
  }

  // filters
  const now = opts.now ?? (Number.isNaN(q.date) ? maxDate(core) : q.date);
  const since = Math.max(opts.since, Number.isFinite(opts.maxAgeDays) ? now - opts.maxAgeDays * MS_PER_DAY : Number.NEGATIVE_INFINITY);
  const until = opts.until;
  const dateFilter = Number.isFinite(since) || Number.isFinite(until);
  const langId = opts.lang === 'any' ? -1 : (core.langIds.get(opts.lang === 'same' ? q.lang : opts.lang) ?? -2);
  let sectionMode = 0; // 0 any, 1 same, 2 other, 3 list
  let allowed: Set<number> | undefined;
  if (opts.section === 'same') sectionMode = 1;
  else if (opts.section === 'other') sectionMode = 2;
  else if (Array.isArray(opts.section)) {
    sectionMode = 3;
    allowed = new Set(opts.section.map((s) => core.sectionIds.get(s) ?? -3));
  }
  const excluded = new Set<number>();
  for (const id of opts.exclude) {
    const s = core.slotOf.get(id);
    if (s !== undefined) excluded.add(s);
  }

  // keep the best C by partial score in a min-heap
  const C = opts.candidates;
  if (heapSlotScratch.length < C) {
    heapSlotScratch = new Int32Array(C);
    heapScoreScratch = new Float64Array(C);
  }
  const heapSlot = heapSlotScratch;
  const heapScore = heapScoreScratch;
  let size = 0;
  // the heap's minimum once it is full (0 before: untouched documents have a zero sum): most touched
  // documents fall below it and are skipped at once
  let floor = 0;
  const checkExcluded = excluded.size > 0;
  const norms = core.norms;
  const alive = core.alive;
  const langs = core.langs;
  const sections = core.sections;
  const dates = core.dates;
  // below this fraction of floor x norm the quotient is certainly below the floor: no division needed
  const sure = 1 - 1e-9;
  let bar = 0;
  const scan = dense ? core.slots : nTouched;
  let next = 0;
  for (;;) {
    // skip to the next document above the floor (a touched document has terms, hence a positive norm)
    let d = -1;
    if (dense) {
      // four at a time, then one at a time to the first document above the floor
      while (
        next + 3 < scan &&
        ((acc[next] as number) > bar * (norms[next] as number)) === false &&
        ((acc[next + 1] as number) > bar * (norms[next + 1] as number)) === false &&
        ((acc[next + 2] as number) > bar * (norms[next + 2] as number)) === false &&
        ((acc[next + 3] as number) > bar * (norms[next + 3] as number)) === false
      ) {
        next += 4;
      }
      while (next < scan && !((acc[next] as number) > bar * (norms[next] as number))) next++;
      if (next < scan) d = next++;
    } else {
      for (; next < scan; next++) {
        const x = touched[next] as number;
        if ((acc[x] as number) > bar * (norms[x] as number)) {
          d = x;
          next++;
          break;
        }
      }
    }
    if (d < 0) break;
    const sum = acc[d] as number;
    const norm = norms[d] as number;
    const partial = sum / norm;
    if (partial < floor) continue;
    if (alive[d] !== 1 || d === q.slot || (checkExcluded && excluded.has(d))) continue;
    if (langId !== -1 && langs[d] !== langId) continue;
    if (sectionMode !== 0) {
      const s = sections[d] as number;
      if (sectionMode === 1 && (q.section < 0 || s !== q.section)) continue;
      if (sectionMode === 2 && q.sectionName !== undefined && s === q.section) continue;
      if (sectionMode === 3 && !(allowed as Set<number>).has(s)) continue;
    }
    if (dateFilter) {
      const date = dates[d] as number;
      if (!(date >= since && date <= until)) continue;
    }
    if (size < C) {
      // sift up
      let j = size++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (better(heapScore[parent] as number, heapSlot[parent] as number, partial, d)) {
          heapSlot[j] = heapSlot[parent] as number;
          heapScore[j] = heapScore[parent] as number;
          j = parent;
        } else break;
      }
      heapSlot[j] = d;
      heapScore[j] = partial;
      if (size === C) {
        floor = heapScore[0] as number;
        bar = floor * sure;
      }
    } else if (better(partial, d, heapScore[0] as number, heapSlot[0] as number)) {
      // replace the root and sift down
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && better(heapScore[l] as number, heapSlot[l] as number, heapScore[r] as number, heapSlot[r] as number) ? r : l;
        if (better(heapScore[c] as number, heapSlot[c] as number, partial, d)) break;
        heapSlot[j] = heapSlot[c] as number;
        heapScore[j] = heapScore[c] as number;
        j = c;
      }
      heapSlot[j] = d;
      heapScore[j] = partial;
      floor = heapScore[0] as number;
      bar = floor * sure;
    }
  }
  if (dense) acc.fill(0, 0, core.slots);
  else for (let i = 0; i < nTouched; i++) acc[touched[i] as number] = 0;

  // exact rescoring from the stored vectors
  const qDense = core.qDense;
  for (let i = 0; i < q.terms.length; i++) qDense[q.terms[i] as number] = (q.weights[i] as number) * (q.idf[i] as number);
  const out: Candidate[] = [];
  for (let i = 0; i < size; i++) {
    const d = heapSlot[i] as number;
    const sim = cosine(dotWithDense(core, d, qDense), q.norm, core.norms[d] as number);
    out.push({ slot: d, similarity: sim, score: sim });
  }
  for (const t of q.terms) qDense[t] = 0;
  out.sort((a, b) => b.similarity - a.similarity || a.slot - b.slot);
  return out;
}

/** a ranks below b (lower score, or equal score and higher slot): the min-heap order. */
function better(aScore: number, aSlot: number, bScore: number, bSlot: number): boolean {
  return aScore > bScore || (aScore === bScore && aSlot < bSlot);
}

export function dotWithDense(core: CorpusIndexCore, slot: number, dense: Float32Array): number {
  const a = core.fwdStart[slot] as number;
  const b = a + (core.fwdLen[slot] as number);
  const terms = core.fwdTerm;
  const tfs = core.fwdTf;
  let dot = 0;
  for (let j = a; j < b; j++) dot += (tfs[j] as number) * (dense[terms[j] as number] as number);
  return dot;
}

/** The default reference time: the newest date ever indexed (NaN when no article had a date). O(1). */
export function maxDate(core: CorpusIndexCore): number {
  return core.newestDate;
}
