/**
 * Greedy left-to-right decoding with a linear model over BILOU classes, the weights of a compiled
 * (inference) model, and the averaged perceptron that trains them.
 */
import { N_CLASSES, allowedTransitions, canEnd } from './labels.js';
import type { WordCache, WordInfo } from './features.js';
import {
  MAX_FEATURES,
  NEIGHBOUR_ROLES,
  dynamicFeatures,
  neighbourFeatures,
  staticFeatures,
  transitionFeatures,
  type SentenceFeatures,
} from './context.js';

/** Something that adds the class scores of a feature list into `scores`. */
export interface Scorer {
  score(features: Int32Array, count: number, scores: Float64Array): void;
  /** True when weights never change, so per-word partial scores may be cached. */
  readonly fixed: boolean;
}

/**
 * Per-document memory of the entity type last given to a capitalized word (by its lower-case hash):
 * 1..4 for PER/LOC/ORG/MISC, 5 for "seen capitalized, tagged O".
 */
export type DocumentHistory = Map<number, number>;

/** Scratch buffers reused across calls by one tagger. */
export interface DecodeScratch {
  features: Int32Array;
  scores: Float64Array;
}

export function createScratch(): DecodeScratch {
  return { features: new Int32Array(MAX_FEATURES), scores: new Float64Array(N_CLASSES) };
}

/** What one pass over one sentence reads besides the words. */
export interface SentencePass {
  sent: SentenceFeatures;
  /** Document-context code per word (second pass), or undefined (first pass). */
  doc?: Int32Array | undefined;
  /**
   * Scores of the decision-independent features, `N_CLASSES` per word, for a fixed scorer: computed
   * and stored when `fillStatics`, else read (a second pass reuses the first pass's).
   */
  statics?: Float64Array | undefined;
  fillStatics?: boolean;
  /** Where a fixed scorer keeps the scores of a missing neighbour (the cache the words come from). */
  cache?: WordCache;
}

/**
 * Decodes one sentence greedily into `out` (one class per word), updating `history`; `margins`, when
 * given, receives each position's score margin over the runner-up class (in the scorer's units). With
 * `constrained`, only BILOU-valid transitions are chosen. When `train` is given, it is called at each
 * position with the features and the predicted class (before the class is committed).
 */
export function decodeSentence(
  pass: SentencePass,
  scorer: Scorer,
  history: DocumentHistory,
  scratch: DecodeScratch,
  out: Uint8Array,
  constrained: boolean,
  train?: (features: Int32Array, count: number, predicted: number, position: number) => void,
  margins?: Float64Array,
): void {
  const { sent, doc, statics } = pass;
  const allowed = allowedTransitions();
  const { features, scores } = scratch;
  let prev1 = N_CLASSES;
  let prev2 = N_CLASSES;
  const n = sent.words.length;
  const last = n - 1;
  const fixed = scorer.fixed && train === undefined;
  for (let i = 0; i < n; i++) {
    const info = sent.words[i]!;
    const hist = info.caps !== 0 ? (history.get(info.lower) ?? 0) : 0;
    let count = 0;
    if (!fixed) {
      count = staticFeatures(sent, i, features, true);
      scores.fill(0);
    } else if (statics !== undefined && pass.fillStatics !== true) {
      for (let c = 0; c < N_CLASSES; c++) scores[c] = statics[i * N_CLASSES + c]!;
    } else {
      let own = info.ownScores;
      if (own === undefined) {
        own = new Float64Array(N_CLASSES);
        scorer.score(info.own, info.own.length, own);
        info.ownScores = own;
      }
      scores.set(own);
      const words = sent.words;
      addNeighbour(scores, i > 1 ? words[i - 2] : undefined, 0, scorer, features, pass.cache);
      addNeighbour(scores, i > 0 ? words[i - 1] : undefined, 1, scorer, features, pass.cache);
      addNeighbour(scores, i + 1 < n ? words[i + 1] : undefined, 2, scorer, features, pass.cache);
      addNeighbour(scores, i + 2 < n ? words[i + 2] : undefined, 3, scorer, features, pass.cache);
      scorer.score(features, staticFeatures(sent, i, features, false, false), scores);
      if (statics !== undefined) for (let c = 0; c < N_CLASSES; c++) statics[i * N_CLASSES + c] = scores[c]!;
    }
    // With a fixed scorer `count` is 0 here: the static scores are already in `scores`, and the
    // transition scores come from a table.
    if (fixed) addTransition(scores, prev1, prev2, scorer, features, pass.cache);
    count = dynamicFeatures(sent, i, prev1, prev2, hist, doc === undefined ? 0 : doc[i]!, features, count, !fixed || pass.cache === undefined);
    scorer.score(features, count, scores);
    let best = -1;
    let bestScore = -Infinity;
    let secondScore = -Infinity;
    const row = prev1 * N_CLASSES;
    for (let c = 0; c < N_CLASSES; c++) {
      if (constrained && (allowed[row + c] === 0 || (i === last && !canEnd(c)))) continue;
      const s = scores[c]!;
      if (s > bestScore) {
        secondScore = bestScore;
        bestScore = s;
        best = c;
      } else if (s > secondScore) secondScore = s;
    }
    if (margins !== undefined) margins[i] = bestScore - secondScore;
    if (train !== undefined) train(features, count, best, i);
    out[i] = best;
    if (info.caps !== 0) history.set(info.lower, best === 0 ? 5 : 1 + ((best - 1) >> 2));
    prev2 = prev1;
    prev1 = best;
  }
}

/**
 * Adds the scores that word `w` (undefined: past the sentence's edge) gives as the neighbour in `role`,
 * computed once per word (or once per cache for the edge) with the fixed `scorer`. `buffer` is scratch.
 */
function addNeighbour(
  scores: Float64Array,
  w: WordInfo | undefined,
  role: number,
  scorer: Scorer,
  buffer: Int32Array,
  cache: WordCache | undefined,
): void {
  let table = w === undefined ? cache?.boundaryScores : w.neighbourScores;
  if (table === undefined) {
    table = new Float64Array(NEIGHBOUR_ROLES * N_CLASSES);
    for (let r = 0; r < NEIGHBOUR_ROLES; r++) {
      const part = table.subarray(r * N_CLASSES, (r + 1) * N_CLASSES);
      scorer.score(buffer, neighbourFeatures(w, r, buffer, 0), part);
    }
    if (w !== undefined) w.neighbourScores = table;
    else if (cache !== undefined) cache.boundaryScores = table;
  }
  const base = role * N_CLASSES;
  for (let c = 0; c < N_CLASSES; c++) scores[c] = scores[c]! + table[base + c]!;
}

/** Adds the scores of `transitionFeatures(prev1, prev2)`, from a table built once per cache. */
function addTransition(
  scores: Float64Array,
  prev1: number,
  prev2: number,
  scorer: Scorer,
  buffer: Int32Array,
  cache: WordCache | undefined,
): void {
  if (cache === undefined) return;
  const states = N_CLASSES + 1;
  let table = cache.transitionScores;
  if (table === undefined) {
    table = new Float64Array(states * states * N_CLASSES);
    for (let a = 0; a < states; a++) {
      for (let b = 0; b < states; b++) {
        const part = table.subarray((a * states + b) * N_CLASSES, (a * states + b + 1) * N_CLASSES);
        scorer.score(buffer, transitionFeatures(b, a, buffer, 0), part);
      }
    }
    cache.transitionScores = table;
  }
  const base = (prev2 * states + prev1) * N_CLASSES;
  for (let c = 0; c < N_CLASSES; c++) scores[c] = scores[c]! + table[base + c]!;
}

/**
 * Inference weights: an open-addressing table from feature id to row, and `N_CLASSES` quantized
 * weights per row (`weight = value * scale`). Scores are left in quantized units (the argmax is the same).
 */
export class CompiledWeights implements Scorer {
  readonly fixed = true;
  private readonly mask: number;
  private readonly slots: Int32Array;
  private readonly slotRow: Int32Array;

  constructor(
    readonly keys: Int32Array,
    readonly values: Int8Array | Int16Array,
    readonly scale: number,
  ) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.slotRow = new Int32Array(size).fill(-1);
    for (let r = 0; r < keys.length; r++) {
      const key = keys[r]!;
      let s = key & this.mask;
      while (this.slotRow[s] !== -1) s = (s + 1) & this.mask;
      this.slots[s] = key;
      this.slotRow[s] = r;
    }
  }

  /** Row of a feature id, -1 when absent. */
  rowOf(key: number): number {
    const mask = this.mask;
    let s = key & mask;
    for (;;) {
      const row = this.slotRow[s]!;
      if (row === -1) return -1;
      if (this.slots[s] === key) return row;
      s = (s + 1) & mask;
    }
  }

  score(features: Int32Array, count: number, scores: Float64Array): void {
    const values = this.values;
    const mask = this.mask;
    const slots = this.slots;
    const slotRow = this.slotRow;
    for (let f = 0; f < count; f++) {
      const key = features[f]!;
      let s = key & mask;
      let row = -1;
      for (;;) {
        const r = slotRow[s]!;
        if (r === -1) break;
        if (slots[s] === key) {
          row = r;
          break;
        }
        s = (s + 1) & mask;
      }
      if (row < 0) continue;
      const base = row * N_CLASSES;
      for (let c = 0; c < N_CLASSES; c++) scores[c] = scores[c]! + values[base + c]!;
    }
  }
}

/** Averaged perceptron weights during training (lazy averaging). */
export class PerceptronWeights implements Scorer {
  readonly fixed = false;
  private readonly rows = new Map<number, number>();
  private weights: Float64Array = new Float64Array(0);
  private totals: Float64Array = new Float64Array(0);
  private stamps: Float64Array = new Float64Array(0);
  private capacity = 0;
  /** Number of examples seen (the averaging clock). */
  tick = 1;

  get size(): number {
    return this.rows.size;
  }

  score(features: Int32Array, count: number, scores: Float64Array): void {
    const w = this.weights;
    for (let f = 0; f < count; f++) {
      const row = this.rows.get(features[f]!);
      if (row === undefined) continue;
      const base = row * N_CLASSES;
      for (let c = 0; c < N_CLASSES; c++) scores[c] = scores[c]! + w[base + c]!;
    }
  }

  private rowFor(key: number): number {
    let row = this.rows.get(key);
    if (row === undefined) {
      row = this.rows.size;
      if (row >= this.capacity) this.grow();
      this.rows.set(key, row);
    }
    return row;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const resize = (old: Float64Array): Float64Array => {
      const next = new Float64Array(capacity * N_CLASSES);
      next.set(old);
      return next;
    };
    this.weights = resize(this.weights);
    this.totals = resize(this.totals);
    this.stamps = resize(this.stamps);
    this.capacity = capacity;
  }

  /** Moves weight from `wrong` to `right` for every feature. */
  update(features: Int32Array, count: number, right: number, wrong: number): void {
    for (let f = 0; f < count; f++) {
      const base = this.rowFor(features[f]!) * N_CLASSES;
      this.bump(base + right, 1);
      this.bump(base + wrong, -1);
    }
  }

  private bump(index: number, delta: number): void {
    const elapsed = this.tick - this.stamps[index]!;
    this.totals[index] = this.totals[index]! + elapsed * this.weights[index]!;
    this.stamps[index] = this.tick;
    this.weights[index] = this.weights[index]! + delta;
  }

  /** Averaged weights of every row: `[keys, weights]` (weights row-major, `N_CLASSES` per row). */
  averaged(): { keys: Int32Array; weights: Float64Array } {
    const keys = new Int32Array(this.rows.size);
    const out = new Float64Array(this.rows.size * N_CLASSES);
    for (const [key, row] of this.rows) {
      keys[row] = key;
      const base = row * N_CLASSES;
      for (let c = 0; c < N_CLASSES; c++) {
        const i = base + c;
        const total = this.totals[i]! + (this.tick - this.stamps[i]!) * this.weights[i]!;
        out[i] = total / this.tick;
      }
    }
    return { keys, weights: out };
  }
}
