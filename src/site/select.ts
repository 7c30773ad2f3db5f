/**
 * The selection model: a logistic regression over each candidate's features (see core.ts), fitted on
 * the archive's most recent articles (a validation fold) with the rest of the archive as the model
 * that produced the candidates, so that its probabilities are calibrated on articles the rest of the
 * model had not seen. The decision threshold and the most tags per article are chosen on the same fold
 * to maximize micro-F1 over all editor tags.
 */
import { FEATURE_COUNT, type Candidate, type SiteCore } from './core.js';
import type { LabelEntity } from './fit.js';
import { bestThreshold, fitLogistic, linear, sigmoid } from './logistic.js';
import type { DocData } from './types.js';

export interface Selection {
  weights: Float64Array;
  /** Least probability of an entity tag, and of a topic tag (each chosen on the validation folds). */
  threshold: number;
  topicThreshold: number;
  limit: number;
  /** Micro-F1 on the validation fold, at the chosen threshold and limit. */
  validationF1: number;
}

/** L2 penalty of the selection model. */
const LAMBDA = 1;
/** Limits tried on the validation fold. */
const LIMITS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20];

/** Validation articles and the first model (fitted without them) that scores them. */
export interface Scored {
  core: SiteCore;
  docs: readonly DocData[];
}

/**
 * True when a candidate is one of the article's editor tags: the same tag, or, for a name the first
 * model's list lacks, the entity or the name of one of the article's tags.
 */
function isGold(c: Candidate, doc: DocData, core: SiteCore, labels: readonly string[], lookup: readonly (LabelEntity | undefined)[]): boolean {
  if (c.tag >= 0) return doc.tags.includes(c.tag);
  const key = core.keyOf(c.label);
  return doc.tags.some((t) => lookup[t]?.id === c.entity || core.keyOf(labels[t] as string) === key);
}

/** Fits the selection model on validation articles, each scored by a model fitted without it. */
export function fitSelection(scored: readonly Scored[], labels: readonly string[], lookup: readonly (LabelEntity | undefined)[]): Selection {
  const rows: Float64Array[] = [];
  const y: number[] = [];
  const topic: boolean[] = [];
  const docOf: number[] = [];
  let missed = 0;
  let docIndex = 0;
  for (const { core, docs } of scored) {
    for (const doc of docs) {
      const { candidates } = core.candidates(doc);
      let found = 0;
      for (const c of candidates) {
        const g = isGold(c, doc, core, labels, lookup) ? 1 : 0;
        found += g;
        rows.push(c.x);
        y.push(g);
        topic.push(c.entity === '');
        docOf.push(docIndex);
      }
      missed += Math.max(0, doc.tags.length - found);
      docIndex++;
    }
  }
  if (rows.length === 0 || !y.includes(1) || !y.includes(0)) {
    const weights = new Float64Array(FEATURE_COUNT);
    weights[0] = y.includes(1) ? 2 : -2;
    return { weights, threshold: 0.5, topicThreshold: 0.5, limit: 10, validationF1: 0 };
  }
  const weights = fitLogistic(rows, y, LAMBDA);
  const p = rows.map((x) => sigmoid(linear(weights, x)));
  // rank of each candidate within its article
  const byDoc = new Map<number, number[]>();
  docOf.forEach((d, r) => {
    let l = byDoc.get(d);
    if (l === undefined) byDoc.set(d, (l = []));
    l.push(r);
  });
  const rank = new Int32Array(rows.length);
  for (const list of byDoc.values()) list.sort((a, b) => (p[b] as number) - (p[a] as number)).forEach((r, i) => (rank[r] = i));
  let best = { threshold: 0.5, topicThreshold: 0.5, limit: 10, f1: -1 };
  for (const limit of LIMITS) {
    const kept: number[] = [];
    let cut = missed;
    for (let r = 0; r < rows.length; r++) {
      if ((rank[r] as number) < limit) kept.push(r);
      else cut += y[r] as number;
    }
    const t = kindThresholds(kept.filter((r) => !topic[r]), kept.filter((r) => topic[r]), p, y, cut);
    if (t.f1 > best.f1 + 1e-9) best = { ...t, limit };
  }
  return { weights, threshold: best.threshold, topicThreshold: best.topicThreshold, limit: best.limit, validationF1: best.f1 };
}

/**
 * One threshold for entity candidates and one for topic candidates, maximizing micro-F1 over all tags:
 * from one shared threshold, each kind's is chosen in turn with the other's fixed (two rounds).
 */
function kindThresholds(entities: number[], topics: number[], p: readonly number[], y: readonly number[], missed: number): { threshold: number; topicThreshold: number; f1: number } {
  const pick = (rows: number[]): { p: number[]; y: number[]; gold: number } => {
    const out = { p: rows.map((r) => p[r] as number), y: rows.map((r) => y[r] as number), gold: 0 };
    for (const v of out.y) out.gold += v;
    return out;
  };
  const e = pick(entities);
  const t = pick(topics);
  const fixedAt = (k: { p: number[]; y: number[] }, at: number): { tp: number; predicted: number } => {
    const f = { tp: 0, predicted: 0 };
    k.p.forEach((v, i) => {
      if (v < at) return;
      f.predicted++;
      f.tp += k.y[i] as number;
    });
    return f;
  };
  const shared = bestThreshold([...e.p, ...t.p], [...e.y, ...t.y], missed);
  let out = { threshold: shared.threshold, topicThreshold: shared.threshold, f1: shared.f1 };
  for (let round = 0; round < 2; round++) {
    const te = bestThreshold(e.p, e.y, missed + t.gold, fixedAt(t, out.topicThreshold));
    if (te.f1 > out.f1 + 1e-9) out = { ...out, threshold: te.threshold, f1: te.f1 };
    const tt = bestThreshold(t.p, t.y, missed + e.gold, fixedAt(e, out.threshold));
    if (tt.f1 > out.f1 + 1e-9) out = { ...out, topicThreshold: tt.threshold, f1: tt.f1 };
  }
  return out;
}

/** Probability of one candidate. */
export function probability(selection: Selection, c: Candidate): number {
  return sigmoid(linear(selection.weights, c.x));
}
