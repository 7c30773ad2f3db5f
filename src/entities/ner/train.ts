/**
 * Training: an averaged perceptron over BILOU classes with greedy decoding, trained on sentences
 * with IOB tags (CoNLL style). Pure and deterministic (seeded shuffle); no I/O.
 */
import { N_CLASSES, bilouFromSpans, spansFromBilou, spansFromIob, type Span } from './labels.js';
import { FEATURE_SET_VERSION, WordCache } from './features.js';
import type { NameListTable } from './name-lists.js';
import { PerceptronWeights, CompiledWeights, createScratch, decodeSentence, type Scorer } from './perceptron.js';
import { countSpans, scoreCounts, type PRF, type SpanCounts } from './metrics.js';
import type { NerModel } from './model-format.js';

/** A training or evaluation sentence: words and one IOB1/IOB2 tag per word. */
export interface NerSentence {
  words: readonly string[];
  tags: readonly string[];
  /** Sentences with the same `doc`, in order, form one document (document-level features). */
  doc?: number | string;
}

export interface TrainNerOptions {
  /** Passes over the training data (the best by dev F1 is kept when `dev` is given). Default 10. */
  epochs?: number;
  /** Seed of the shuffle. Default 1. */
  seed?: number;
  /** Sentences scored after each epoch to pick the best epoch. */
  dev?: readonly NerSentence[];
  /** Share of training sentences also shown all upper-case, and again all lower-case, per epoch. Default 0. */
  caseAugment?: number;
  /** Rows whose largest averaged weight magnitude is below this are dropped. Default 0. */
  prune?: number;
  /** Called after each epoch with its figures. */
  onEpoch?: (report: EpochReport) => void;
  /** Name-list membership (see `buildNameLists`); stored in the model. */
  nameLists?: NameListTable;
  /** Free-form description stored in the model (what it was trained on). */
  trainedOn?: string;
}

export interface EpochReport {
  epoch: number;
  /** Share of training tokens whose class was wrong during the pass. */
  trainErrorRate: number;
  features: number;
  /** Micro F1 over PER/LOC/ORG on `dev`, with per-type figures, when `dev` was given. */
  dev?: { micro: PRF; byType: Record<string, PRF> };
  seconds: number;
}

interface Doc {
  sentences: { words: readonly string[]; gold: Uint8Array }[];
}

function groupDocuments(sentences: readonly NerSentence[]): Doc[] {
  const docs: Doc[] = [];
  let current: Doc | undefined;
  let currentId: unknown = Symbol('none');
  for (const s of sentences) {
    if (s.words.length !== s.tags.length) throw new RangeError('trainNer: words and tags differ in length');
    if (s.words.length === 0) continue;
    if (current === undefined || s.doc === undefined || s.doc !== currentId) {
      current = { sentences: [] };
      docs.push(current);
      currentId = s.doc;
    }
    current.sentences.push({ words: s.words, gold: bilouFromSpans(spansFromIob(s.tags), s.words.length) });
  }
  return docs;
}

/** Mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Predicts entity spans for the sentences of `docs` with `scorer`. */
export function predictSentences(
  sentences: readonly NerSentence[],
  scorer: Scorer,
  cache: WordCache,
): Span[][] {
  const scratch = createScratch();
  const out: Span[][] = [];
  let history = new Map<number, number>();
  let lastDoc: unknown = Symbol('none');
  for (const s of sentences) {
    if (s.doc === undefined || s.doc !== lastDoc) history = new Map();
    lastDoc = s.doc;
    const classes = new Uint8Array(s.words.length);
    decodeSentence(s.words, cache, scorer, history, scratch, classes, true);
    out.push(spansFromBilou(classes));
  }
  return out;
}

/** Scores `scorer` on tagged sentences: micro over PER/LOC/ORG, per type including MISC. */
export function evaluateSentences(
  sentences: readonly NerSentence[],
  scorer: Scorer,
  cache: WordCache,
): { micro: PRF; byType: Record<string, PRF> } {
  const predicted = predictSentences(sentences, scorer, cache);
  const counts: SpanCounts = new Map();
  sentences.forEach((s, i) => countSpans(spansFromIob(s.tags), predicted[i]!, counts));
  const main = scoreCounts(counts, ['PER', 'LOC', 'ORG']);
  const misc = scoreCounts(counts, ['MISC']);
  return { micro: main.micro, byType: { ...main.byType, MISC: misc.byType['MISC']! } };
}

/**
 * Trains a model. Returns the compiled model of the best epoch on `dev` (the last one without `dev`),
 * weights quantized to int8.
 */
export function trainNer(sentences: readonly NerSentence[], options: TrainNerOptions = {}): NerModel {
  const epochs = options.epochs ?? 10;
  const random = seededRandom(options.seed ?? 1);
  const docs = groupDocuments(sentences);
  const weights = new PerceptronWeights();
  const cache = new WordCache(1_000_000, options.nameLists);
  const scratch = createScratch();
  const augment = options.caseAugment ?? 0;
  let best: NerModel | undefined;
  let bestF1 = -1;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = Date.now();
    const order = docs.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let tokens = 0;
    let errors = 0;
    for (const d of order) {
      const doc = docs[d]!;
      const history = new Map<number, number>();
      for (const sentence of doc.sentences) {
        const variants: (readonly string[])[] = [sentence.words];
        if (augment > 0) {
          if (random() < augment) variants.push(sentence.words.map((w) => w.toUpperCase()));
          if (random() < augment) variants.push(sentence.words.map((w) => w.toLowerCase()));
        }
        for (const words of variants) {
          const out = new Uint8Array(words.length);
          const gold = sentence.gold;
          decodeSentence(words, cache, weights, words === sentence.words ? history : new Map(), scratch, out, false, (features, count, predicted, i) => {
            const right = gold[i]!;
            tokens++;
            if (predicted !== right) {
              errors++;
              weights.update(features, count, right, predicted);
            }
            weights.tick++;
          });
        }
      }
    }
    const model = compileModel(weights, options);
    const report: EpochReport = {
      epoch,
      trainErrorRate: tokens === 0 ? 0 : errors / tokens,
      features: model.keys.length,
      seconds: 0,
    };
    if (options.dev !== undefined) {
      report.dev = evaluateSentences(options.dev, new CompiledWeights(model.keys, model.values, model.scale), new WordCache(1_000_000, options.nameLists));
    }
    report.seconds = (Date.now() - started) / 1000;
    options.onEpoch?.(report);
    const f1 = report.dev?.micro.f1 ?? epoch;
    if (f1 > bestF1) {
      bestF1 = f1;
      best = { ...model, meta: { ...model.meta, epoch, devF1: report.dev?.micro.f1 } };
    }
  }
  if (best === undefined) throw new RangeError('trainNer: epochs must be at least 1');
  return best;
}

/** Averages, prunes and quantizes the weights into a model. */
function compileModel(weights: PerceptronWeights, options: TrainNerOptions): NerModel {
  const { keys, weights: w } = weights.averaged();
  const prune = options.prune ?? 0;
  // Scale so that the 99.99th percentile magnitude maps to 127; larger values are clipped.
  const mags: number[] = [];
  for (let r = 0; r < keys.length; r++) {
    let max = 0;
    for (let c = 0; c < N_CLASSES; c++) max = Math.max(max, Math.abs(w[r * N_CLASSES + c]!));
    mags.push(max);
  }
  const sorted = Float64Array.from(mags).sort();
  const top = sorted.length === 0 ? 1 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9999))]!;
  const scale = (top > 0 ? top : 1) / 127;
  const keep: number[] = [];
  for (let r = 0; r < keys.length; r++) if (mags[r]! >= prune && mags[r]! / scale >= 0.5) keep.push(r);
  keep.sort((a, b) => keys[a]! - keys[b]!);
  const outKeys = new Int32Array(keep.length);
  const values = new Int8Array(keep.length * N_CLASSES);
  keep.forEach((r, i) => {
    outKeys[i] = keys[r]!;
    for (let c = 0; c < N_CLASSES; c++) {
      const q = Math.round(w[r * N_CLASSES + c]! / scale);
      values[i * N_CLASSES + c] = Math.max(-127, Math.min(127, q));
    }
  });
  return {
    keys: outKeys,
    values,
    scale,
    meta: { featureSet: FEATURE_SET_VERSION, trainedOn: options.trainedOn ?? '' },
    ...(options.nameLists !== undefined ? { nameLists: options.nameLists } : {}),
  };
}
