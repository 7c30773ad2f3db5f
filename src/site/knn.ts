/**
 * The archive's nearest neighbours: each archive article keeps its `keep` strongest features (weights
 * of its full L2-normalized vector, quantized to 8 bits), in an inverted index. A query scores the
 * postings of its own `queryTerms` strongest features (a pruned cosine) and keeps the top k.
 *
 * Cost: building O(archive nonzeros); a query O(postings of its strongest features + k log k).
 */
import type { SparseVector } from './features.js';

/** The stored archive: per document its kept features and quantized weights (document-major CSR). */
export interface NeighbourData {
  start: Int32Array;
  feature: Int32Array;
  /** Weight * 255, rounded (weights of a unit vector are at most 1). */
  weight: Uint8Array;
}

/** Keeps each document's strongest `keep` features. O(nonzeros log). */
export function neighbourData(vectors: readonly SparseVector[], keep: number): NeighbourData {
  const start = new Int32Array(vectors.length + 1);
  const feature: number[] = [];
  const weight: number[] = [];
  vectors.forEach((v, d) => {
    const order = [...v.idx.keys()].sort((a, b) => (v.val[b] as number) - (v.val[a] as number)).slice(0, keep);
    order.sort((a, b) => (v.idx[a] as number) - (v.idx[b] as number));
    for (const k of order) {
      const q = Math.round((v.val[k] as number) * 255);
      if (q === 0) continue;
      feature.push(v.idx[k] as number);
      weight.push(Math.min(255, q));
    }
    start[d + 1] = feature.length;
  });
  return { start, feature: Int32Array.from(feature), weight: Uint8Array.from(weight) };
}

export interface Neighbour {
  doc: number;
  similarity: number;
}

/** The inverted form, for queries. */
export class NeighbourIndex {
  private readonly pStart: Int32Array;
  private readonly pDoc: Int32Array;
  private readonly pWeight: Float32Array;
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;

  constructor(
    readonly data: NeighbourData,
    dim: number,
  ) {
    const docs = data.start.length - 1;
    const counts = new Int32Array(dim + 1);
    for (let k = 0; k < data.feature.length; k++) counts[(data.feature[k] as number) + 1] = (counts[(data.feature[k] as number) + 1] as number) + 1;
    for (let f = 0; f < dim; f++) counts[f + 1] = (counts[f + 1] as number) + (counts[f] as number);
    this.pStart = counts.slice();
    const fill = counts.slice();
    this.pDoc = new Int32Array(data.feature.length);
    this.pWeight = new Float32Array(data.feature.length);
    for (let d = 0; d < docs; d++) {
      for (let k = data.start[d] as number; k < (data.start[d + 1] as number); k++) {
        const f = data.feature[k] as number;
        const at = fill[f] as number;
        this.pDoc[at] = d;
        this.pWeight[at] = (data.weight[k] as number) / 255;
        fill[f] = at + 1;
      }
    }
    this.scores = new Float32Array(docs);
    this.touched = new Int32Array(docs);
  }

  get size(): number {
    return this.data.start.length - 1;
  }

  /** The k most similar archive documents, best first; `exclude` (a document index) is skipped. */
  query(x: SparseVector, k: number, queryTerms: number, exclude = -1): Neighbour[] {
    let order = [...x.idx.keys()];
    if (order.length > queryTerms) order = order.sort((a, b) => (x.val[b] as number) - (x.val[a] as number)).slice(0, queryTerms);
    let n = 0;
    const scores = this.scores;
    for (const q of order) {
      const f = x.idx[q] as number;
      const v = x.val[q] as number;
      for (let p = this.pStart[f] as number; p < (this.pStart[f + 1] as number); p++) {
        const d = this.pDoc[p] as number;
        if (scores[d] === 0) this.touched[n++] = d;
        scores[d] = (scores[d] as number) + v * (this.pWeight[p] as number);
      }
    }
    const best: Neighbour[] = [];
    for (let i = 0; i < n; i++) {
      const d = this.touched[i] as number;
      const s = scores[d] as number;
      scores[d] = 0;
      if (d === exclude) continue;
      if (best.length < k) {
        best.push({ doc: d, similarity: s });
        if (best.length === k) best.sort((a, b) => b.similarity - a.similarity || a.doc - b.doc);
      } else if (s > (best[k - 1] as Neighbour).similarity) {
        let j = k - 1;
        while (j > 0 && (best[j - 1] as Neighbour).similarity < s) {
          best[j] = best[j - 1] as Neighbour;
          j--;
        }
        best[j] = { doc: d, similarity: s };
      }
    }
    return best.sort((a, b) => b.similarity - a.similarity || a.doc - b.doc);
  }
}
