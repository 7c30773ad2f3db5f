/**
 * One-vs-rest linear classifiers over sparse vectors: an L2-regularized squared-hinge SVM per tag,
 * trained by dual coordinate descent with shrinking (Hsieh et al., ICML 2008: the LIBLINEAR solver
 * that scikit-learn's LinearSVC uses), with a bias feature of 1. Weights smaller than `prune` are
 * dropped, which keeps the model small and scoring fast.
 *
 * Cost per tag: O(epochs * active documents * nonzeros); shrinking drops most negatives after the
 * first epochs. Scoring one article: O(its nonzeros * tags per feature).
 */
import type { SparseVector } from './features.js';

export interface LinearOptions {
  /** SVM cost C (1, as LinearSVC's default). */
  c: number;
  maxEpochs: number;
  /** Stop when the projected gradient spread is below this (LIBLINEAR's 0.1). */
  eps: number;
  /** Weights with |w| below this are dropped from the model. */
  prune: number;
  /** Most weights kept per model (the largest |w|). */
  maxWeights: number;
}

/** Trained models, one per tag, as flat arrays (tag-major CSR). */
export interface LinearModels {
  tags: Int32Array;
  bias: Float32Array;
  start: Int32Array;
  feature: Int32Array;
  weight: Float32Array;
}

/** A small deterministic PRNG (mulberry32) for the visiting order. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains one model per tag of `tags`; `positives[t]` lists the documents of tag t. */
export function trainLinear(vectors: readonly SparseVector[], dim: number, tags: readonly number[], positives: readonly (readonly number[])[], o: LinearOptions): LinearModels {
  const n = vectors.length;
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const y = new Int8Array(n);
  const order = new Int32Array(n);
  const random = prng(7);
  const diag = 1 / (2 * o.c);
  // the diagonal of the dual Hessian: |x|^2 + 1 (bias) + 1 / 2C, once per document
  const qii = new Float64Array(n);
  vectors.forEach((x, i) => {
    let q = 1 + diag;
    for (let k = 0; k < x.val.length; k++) q += (x.val[k] as number) * (x.val[k] as number);
    qii[i] = q;
  });
  const kept: number[] = [];
  const outFeature: number[] = [];
  const outWeight: number[] = [];
  const start = new Int32Array(tags.length + 1);
  const bias = new Float32Array(tags.length);
  for (let m = 0; m < tags.length; m++) {
    w.fill(0);
    alpha.fill(0);
    y.fill(-1);
    for (const d of positives[tags[m] as number] ?? []) y[d] = 1;
    let b = 0;
    let active = n;
    for (let i = 0; i < n; i++) order[i] = i;
    let pgMaxOld = Number.POSITIVE_INFINITY;
    for (let epoch = 0; epoch < o.maxEpochs; epoch++) {
      for (let i = 0; i < active; i++) {
        const j = i + Math.floor(random() * (active - i));
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
      }
      let pgMax = Number.NEGATIVE_INFINITY;
      let pgMin = Number.POSITIVE_INFINITY;
      for (let s = 0; s < active; s++) {
        const i = order[s] as number;
        const x = vectors[i] as SparseVector;
        const yi = y[i] as number;
        let dot = b;
        for (let k = 0; k < x.idx.length; k++) dot += (w[x.idx[k] as number] as number) * (x.val[k] as number);
        const a = alpha[i] as number;
        const g = yi * dot - 1 + diag * a;
        let pg = g;
        if (a === 0) {
          if (g > pgMaxOld) {
            active--;
            order[s] = order[active] as number;
            order[active] = i;
            s--;
            continue;
          }
          if (g > 0) pg = 0;
        }
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (pg === 0) continue;
        const next = Math.max(a - g / (qii[i] as number), 0);
        const delta = (next - a) * yi;
        alpha[i] = next;
        if (delta === 0) continue;
        for (let k = 0; k < x.idx.length; k++) w[x.idx[k] as number] = (w[x.idx[k] as number] as number) + delta * (x.val[k] as number);
        b += delta;
      }
      if (pgMax - pgMin <= o.eps) {
        if (active === n) break;
        active = n;
        pgMaxOld = Number.POSITIVE_INFINITY;
        continue;
      }
      pgMaxOld = pgMax <= 0 ? Number.POSITIVE_INFINITY : pgMax;
    }
    bias[m] = b;
    kept.length = 0;
    for (let f = 0; f < dim; f++) {
      const v = w[f] as number;
      if (v >= o.prune || v <= -o.prune) kept.push(f);
    }
    if (kept.length > o.maxWeights) {
      kept.sort((a, c) => Math.abs(w[c] as number) - Math.abs(w[a] as number) || a - c);
      kept.length = o.maxWeights;
      kept.sort((a, c) => a - c);
    }
    for (const f of kept) {
      outFeature.push(f);
      outWeight.push(w[f] as number);
    }
    start[m + 1] = outFeature.length;
  }
  return { tags: Int32Array.from(tags), bias, start, feature: Int32Array.from(outFeature), weight: Float32Array.from(outWeight) };
}

/** Feature-major form of the models, for scoring: feature -> (model, weight) pairs. */
export interface LinearScorer {
  models: LinearModels;
  fStart: Int32Array;
  fModel: Int32Array;
  fWeight: Float32Array;
}

/** Builds the scorer. O(weights + dim). */
export function linearScorer(models: LinearModels, dim: number): LinearScorer {
  const counts = new Int32Array(dim + 1);
  for (let k = 0; k < models.feature.length; k++) counts[(models.feature[k] as number) + 1] = (counts[(models.feature[k] as number) + 1] as number) + 1;
  for (let f = 0; f < dim; f++) counts[f + 1] = (counts[f + 1] as number) + (counts[f] as number);
  const fStart = counts.slice();
  const fill = counts.slice();
  const fModel = new Int32Array(models.feature.length);
  const fWeight = new Float32Array(models.feature.length);
  for (let m = 0; m < models.tags.length; m++) {
    for (let k = models.start[m] as number; k < (models.start[m + 1] as number); k++) {
      const f = models.feature[k] as number;
      const at = fill[f] as number;
      fModel[at] = m;
      fWeight[at] = models.weight[k] as number;
      fill[f] = at + 1;
    }
  }
  return { models, fStart, fModel, fWeight };
}

/** Decision values of every model for one vector (bias included). O(nonzeros * tags per feature + models). */
export function linearMargins(scorer: LinearScorer, x: SparseVector, out: Float32Array): Float32Array {
  out.set(scorer.models.bias);
  for (let k = 0; k < x.idx.length; k++) {
    const f = x.idx[k] as number;
    const v = x.val[k] as number;
    for (let p = scorer.fStart[f] as number; p < (scorer.fStart[f + 1] as number); p++) {
      const m = scorer.fModel[p] as number;
      out[m] = (out[m] as number) + v * (scorer.fWeight[p] as number);
    }
  }
  return out;
}
