/**
 * Training: an averaged perceptron over BILOU classes with greedy decoding, trained on sentences
 * with IOB tags (CoNLL style). Pure and deterministic (seeded shuffle); no I/O.
 */
import { N_CLASSES, bilouFromSpans, spansFromBilou, spansFromIob, type Span } from './labels.js';
import { FEATURE_SET_VERSION, PLAIN_FEATURES, WordCache, featureTables, type FeatureOptions } from './features.js';
import type { NameListTable } from './name-lists.js';
import { PerceptronWeights, CompiledWeights, createScratch, type Scorer } from './perceptron.js';
import { decodeDocument, type DocumentScratch } from './document.js';
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
  /** Word clusters: word hash -> path code (see `clusterCode`); stored in the model. */
  clusters?: ReadonlyMap<number, number>;
  /** Gazetteer phrases (see `buildPhrases`); stored in the model. */
  phrases?: ReadonlyMap<number, number>;
  /** Feature settings; stored in the model. Default `PLAIN_FEATURES`. */
  features?: FeatureOptions;
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

/** Scratch buffers for `decodeDocument`. */
export function createDocumentScratch(): DocumentScratch {
  return { ...createScratch(), statics: new Float64Array(0) };
}

/** Consecutive sentences with the same `doc` (a sentence without `doc` is a document of its own). */
export function documentsOf<S extends { doc?: number | string }>(sentences: readonly S[]): S[][] {
  const docs: S[][] = [];
  let last: unknown = Symbol('none');
  for (const s of sentences) {
    if (docs.length === 0 || s.doc === undefined || s.doc !== last) docs.push([]);
    docs[docs.length - 1]!.push(s);
    last = s.doc;
  }
  return docs;
}

/** Predicts entity spans for `sentences`, document by document, with `scorer`. */
export function predictSentences(
  sentences: readonly NerSentence[],
  scorer: Scorer,
  cache: WordCache,
): Span[][] {
  const scratch = createDocumentScratch();
  return documentsOf(sentences).flatMap((doc) =>
    decodeDocument(doc.map((s) => s.words), cache, scorer, scratch).classes.map((c) => spansFromBilou(c)),
  );
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
  const tables = featureTables(options);
  const cache = new WordCache(1_000_000, tables);
  const scratch = createDocumentScratch();
  const augment = options.caseAugment ?? 0;
  let best: NerModel | undefined;
  let bestF1 = -1;
  // Document context is learnt from first-pass labels of a model that has not seen the document, as
  // they will be on new text (cross-fitting, as in Krishnan and Manning 2006): documents alternate
  // between two folds, each fold trains a one-pass model of its own, and a document's context comes
  // from the other fold's model as averaged at the end of the previous epoch (its own first pass in
  // the first epoch).
  const crossFit = tables.options.documentContext ? [new PerceptronWeights(), new PerceptronWeights()] : undefined;
  let crossFitted: { scorer: CompiledWeights; cache: WordCache }[] | undefined;
  const update = (w: PerceptronWeights, features: Int32Array, count: number, right: number, predicted: number) => {
    if (predicted !== right) w.update(features, count, right, predicted);
    w.tick++;
  };
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
      const variants: (readonly (readonly string[])[])[] = [doc.sentences.map((x) => x.words)];
      if (augment > 0) {
        if (random() < augment) variants.push(doc.sentences.map((x) => x.words.map((w) => w.toUpperCase())));
        if (random() < augment) variants.push(doc.sentences.map((x) => x.words.map((w) => w.toLowerCase())));
      }
      const gold = (s: number, i: number) => doc.sentences[s]!.gold[i]!;
      for (const words of variants) {
        let firstPass: Uint8Array[] | undefined;
        if (crossFit !== undefined) {
          const other = crossFitted?.[1 - (d % 2)];
          if (other !== undefined) firstPass = decodeDocument(words, other.cache, other.scorer, scratch, { onePass: true }).classes;
          const own = crossFit[d % 2]!;
          decodeDocument(words, cache, own, scratch, {
            onePass: true,
            train: (features, count, predicted, s, i) => update(own, features, count, gold(s, i), predicted),
          });
        }
        decodeDocument(words, cache, weights, scratch, {
          ...(firstPass !== undefined ? { firstPass } : {}),
          train: (features, count, predicted, s, i) => {
            tokens++;
            if (predicted !== gold(s, i)) errors++;
            update(weights, features, count, gold(s, i), predicted);
          },
        });
      }
    }
    if (crossFit !== undefined) {
      crossFitted = crossFit.map((w) => {
        const m = compileModel(w, options);
        return { scorer: new CompiledWeights(m.keys, m.values, m.scale), cache: new WordCache(1_000_000, tables) };
      });
    }
    const model = compileModel(weights, options);
    const report: EpochReport = {
      epoch,
      trainErrorRate: tokens === 0 ? 0 : errors / tokens,
      features: model.keys.length,
      seconds: 0,
    };
    if (options.dev !== undefined) {
      report.dev = evaluateSentences(options.dev, new CompiledWeights(model.keys, model.values, model.scale), new WordCache(1_000_000, tables));
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
    meta: { featureSet: FEATURE_SET_VERSION, trainedOn: options.trainedOn ?? '', features: options.features ?? PLAIN_FEATURES },
    ...(options.nameLists !== undefined ? { nameLists: options.nameLists } : {}),
    ...(options.clusters !== undefined ? { clusters: options.clusters } : {}),
    ...(options.phrases !== undefined ? { phrases: options.phrases } : {}),
  };
}
