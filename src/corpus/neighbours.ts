/**
 * Comparisons between stored documents: cosines, the neighbourhood density behind the hub penalty,
 * near-duplicate collapsing and MMR selection (steps 5-6 of related.ts).
 */
import type { CorpusIndexCore } from './index.js';
import { dotWithDense, gatherCandidates, type Candidate, type GatherOptions } from './gather.js';
import { slotQuery } from './query.js';
import { cosine, mmrScore } from './weighting.js';

/**
 * Query terms of a density query: the 5 with the highest tf x full idf (the rarest distinctive
 * words, short postings). Measured against the 25 strongest by weight: Reuters P@10 0.762 vs 0.764,
 * NeuS MRR 0.811 vs 0.809, for a fraction of the cost on large archives (where the strongest terms
 * by softened weight include words in most documents).
 */
const DENSITY_QUERY_TERMS = 5;
/** Neighbours that define a document's density. */
export const DENSITY_K = 10;

/** The options of a density query: its DENSITY_K nearest neighbours, any language and section. */
const DENSITY_OPTIONS: GatherOptions = {
  k: DENSITY_K,
  since: Number.NEGATIVE_INFINITY,
  until: Number.POSITIVE_INFINITY,
  maxAgeDays: Number.POSITIVE_INFINITY,
  now: undefined,
  section: 'any',
  lang: 'any',
  exclude: new Set(),
  maxQueryTerms: DENSITY_QUERY_TERMS,
  minQueryTerms: DENSITY_QUERY_TERMS,
  queryCoverage: 0,
  exact: false,
  candidates: DENSITY_K,
};

/**
 * A document's density: its mean cosine with its DENSITY_K nearest neighbours (a query on its
 * DENSITY_QUERY_TERMS rarest strong terms, any language and section; missing neighbours count 0). Cached per document and recomputed when the
 * archive has grown or shrunk by half since. O(one pruned query) when not cached, O(1) when cached.
 */
export function density(core: CorpusIndexCore, slot: number): number {
  const cached = core.density[slot] as number;
  const at = core.densityAt[slot] as number;
  if (!Number.isNaN(cached) && core.live <= 1.5 * at && 1.5 * core.live >= at) return cached;
  const near = gatherCandidates(core, slotQuery(core, slot), DENSITY_OPTIONS, true);
  let sum = 0;
  for (const c of near) sum += c.similarity;
  const value = sum / DENSITY_K;
  core.density[slot] = value;
  core.densityAt[slot] = core.live;
  // the stored (float32) value, so that a first and a cached use give the same score
  return core.density[slot] as number;
}

/**
 * Cosine between two stored documents, using the dense scratch vector. O(|a| + |b|).
 */
export function docCosine(core: CorpusIndexCore, a: number, b: number): number {
  const dense = core.qDense;
  const s = core.fwdStart[a] as number;
  const e = s + (core.fwdLen[a] as number);
  for (let j = s; j < e; j++) {
    const t = core.fwdTerm[j] as number;
    dense[t] = (core.fwdTf[j] as number) * core.idfCached(t);
  }
  const dot = dotWithDenseIdf(core, b, dense);
  for (let j = s; j < e; j++) dense[core.fwdTerm[j] as number] = 0;
  return cosine(dot, core.norms[a] as number, core.norms[b] as number);
}

function dotWithDenseIdf(core: CorpusIndexCore, slot: number, dense: Float32Array): number {
  const a = core.fwdStart[slot] as number;
  const b = a + (core.fwdLen[slot] as number);
  const idf = core.idfCache;
  const terms = core.fwdTerm;
  const tfs = core.fwdTf;
  const cached = idf.length;
  let dot = 0;
  for (let j = a; j < b; j++) {
    const t = terms[j] as number;
    // no branch on a zero weight: adding 0 leaves the sum unchanged
    dot += (dense[t] as number) * (tfs[j] as number) * (t < cached ? (idf[t] as number) : core.idf(t));
  }
  return dot;
}

/**
 * Pseudo-relevance feedback by rescoring (no second walk): each candidate's score gains
 * `weight x cosine(centroid, candidate)`, where the centroid is the mean of the unit vectors of the
 * `docs` best candidates (by similarity; `cands` sorted best first). The candidates stay the ones the
 * page's own query gathered. O(docs x |v| + C x |v|).
 */
export function feedbackRescore(core: CorpusIndexCore, cands: Candidate[], docs: number, weight: number): void {
  const m = Math.min(docs, cands.length);
  if (m === 0 || !(weight > 0)) return;
  const dense = core.qDense;
  const terms: number[] = [];
  // the centroid's weights times idf (the candidate's side of the product), so that each candidate
  // needs a plain dot product with its stored tf
  for (let i = 0; i < m; i++) {
    const d = (cands[i] as Candidate).slot;
    const norm = core.norms[d] as number;
    if (!(norm > 0)) continue;
    const a = core.fwdStart[d] as number;
    for (let j = a; j < a + (core.fwdLen[d] as number); j++) {
      const t = core.fwdTerm[j] as number;
      const idf = core.idfCached(t);
      if (dense[t] === 0) terms.push(t);
      dense[t] = (dense[t] as number) + ((core.fwdTf[j] as number) * idf * idf) / (norm * m);
    }
  }
  let sum = 0;
  for (const t of terms) {
    const w = (dense[t] as number) / core.idfCached(t);
    sum += w * w;
  }
  const centroidNorm = Math.sqrt(sum);
  for (const c of cands) c.score += weight * cosine(dotWithDense(core, c.slot, dense), centroidNorm, core.norms[c.slot] as number);
  for (const t of terms) dense[t] = 0;
}

/** Pairwise cosines of candidates (symmetric matrix, row-major). O(C² · |v|). */
export function pairwise(core: CorpusIndexCore, slots: readonly number[]): Float64Array {
  const n = slots.length;
  const m = new Float64Array(n * n);
  const dense = core.qDense;
  for (let i = 0; i < n; i++) {
    const a = slots[i] as number;
    const s = core.fwdStart[a] as number;
    const e = s + (core.fwdLen[a] as number);
    for (let j = s; j < e; j++) {
      const t = core.fwdTerm[j] as number;
      dense[t] = (core.fwdTf[j] as number) * core.idfCached(t);
    }
    for (let j = i + 1; j < n; j++) {
      const b = slots[j] as number;
      const c = cosine(dotWithDenseIdf(core, b, dense), core.norms[a] as number, core.norms[b] as number);
      m[i * n + j] = c;
      m[j * n + i] = c;
    }
    for (let j = s; j < e; j++) dense[core.fwdTerm[j] as number] = 0;
    m[i * n + i] = 1;
  }
  return m;
}

/**
 * Collapses near-duplicates: walking candidates best first, a candidate whose cosine with the head of
 * an earlier group reaches the threshold joins it; each group is represented by its newest member (an
 * updated version) with the group's best score. Stops once `limit` groups are formed. O(considered
 * candidates x groups x |v|).
 */
export function collapse(core: CorpusIndexCore, cands: Candidate[], threshold: number, limit: number): Candidate[] {
  const groups: number[][] = [];
  const dense = core.qDense;
  for (let i = 0; i < cands.length && groups.length < limit; i++) {
    if (groups.length === 0) {
      // nothing to compare the first candidate with
      groups.push([i]);
      continue;
    }
    const a = (cands[i] as Candidate).slot;
    const s = core.fwdStart[a] as number;
    const e = s + (core.fwdLen[a] as number);
    // both sides' idf on this side: each comparison with a head is then a plain dot product
    for (let j = s; j < e; j++) {
      const t = core.fwdTerm[j] as number;
      const idf = core.idfCached(t);
      dense[t] = (core.fwdTf[j] as number) * idf * idf;
    }
    let joined = false;
    for (const members of groups) {
      const head = (cands[members[0] as number] as Candidate).slot;
      if (cosine(dotWithDense(core, head, dense), core.norms[a] as number, core.norms[head] as number) >= threshold) {
        members.push(i);
        joined = true;
        break;
      }
    }
    for (let j = s; j < e; j++) dense[core.fwdTerm[j] as number] = 0;
    if (!joined) groups.push([i]);
  }
  const out: Candidate[] = [];
  for (const members of groups) {
    let keep = members[0] as number;
    for (const m of members) {
      const dm = core.dates[(cands[m] as Candidate).slot] as number;
      const dk = core.dates[(cands[keep] as Candidate).slot] as number;
      if (dm > dk) keep = m;
    }
    const best = cands[members[0] as number] as Candidate;
    const kept = cands[keep] as Candidate;
    const c: Candidate = { slot: kept.slot, similarity: kept.similarity, score: best.score };
    if (members.length > 1) c.duplicates = members.filter((m) => m !== keep).map((m) => (cands[m] as Candidate).slot);
    out.push(c);
  }
  return out;
}

/** Picks k candidates by maximal marginal relevance on `score`; `sims` is their pairwise matrix. O(k · C). */
export function mmrSelect(cands: Candidate[], sims: Float64Array, k: number, lambda: number): Candidate[] {
  const n = cands.length;
  const chosen: Candidate[] = [];
  const maxSim = new Float64Array(n);
  const used = new Uint8Array(n);
  while (chosen.length < k && chosen.length < n) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (used[i] === 1) continue;
      const v = mmrScore((cands[i] as Candidate).score, maxSim[i] as number, lambda);
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    used[best] = 1;
    chosen.push(cands[best] as Candidate);
    for (let i = 0; i < n; i++) {
      const x = sims[i * n + best] as number;
      if (x > (maxSim[i] as number)) maxSim[i] = x;
    }
  }
  return chosen;
}

/** Sorts by score (best first), then similarity, then index order: a total, deterministic order. */
export function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || b.similarity - a.similarity || a.slot - b.slot;
}
