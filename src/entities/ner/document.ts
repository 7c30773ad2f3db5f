/**
 * Decoding one document: a first pass over its sentences in reading order and, when the model uses
 * document context, a second pass in which each word also sees the labels that the first pass gave
 * the same word elsewhere in the document (before and after it). With a fixed (inference) scorer the
 * second pass reuses the first pass's scores of the decision-independent features, so it costs only
 * the label-dependent ones.
 */
import { N_CLASSES } from './labels.js';
import type { WordCache } from './features.js';
import { isResultsDocument, prepareSentence, type SentenceFeatures } from './context.js';
import { decodeSentence, type DecodeScratch, type Scorer } from './perceptron.js';

/** Called at each position during training, with the features and the class predicted there. */
export type TrainHook = (features: Int32Array, count: number, predicted: number, sentence: number, position: number) => void;

export interface DocumentResult {
  /** BILOU classes per sentence. */
  classes: Uint8Array[];
  /** Decision margins per sentence (when asked for). */
  margins?: Float64Array[];
}

/** Reusable buffers of the document decoder. */
export interface DocumentScratch extends DecodeScratch {
  statics: Float64Array;
}

/**
 * Decodes the sentences of one document. Unconstrained while training (`train` given), constrained
 * to valid BILOU sequences otherwise.
 */
export function decodeDocument(
  sentences: readonly (readonly string[])[],
  cache: WordCache,
  scorer: Scorer,
  scratch: DocumentScratch,
  options: {
    train?: TrainHook;
    margins?: boolean;
    /** Decode once, without document context, whatever the model's settings. */
    onePass?: boolean;
    /** First-pass classes to take the document context from (training: from a model that has not seen the document). */
    firstPass?: readonly Uint8Array[];
  } = {},
): DocumentResult {
  const { train } = options;
  const twoPass = cache.tables.options.documentContext && options.onePass !== true;
  const prepared = sentences.map((words) => prepareSentence(words, cache));
  if (cache.tables.options.resultsDocument && isResultsDocument(prepared)) for (const s of prepared) s.results = 1;
  const fixed = scorer.fixed && train === undefined;
  let tokens = 0;
  for (const s of prepared) tokens += s.words.length;
  if (fixed && twoPass && scratch.statics.length < tokens * N_CLASSES) {
    scratch.statics = new Float64Array(Math.max(tokens * N_CLASSES, scratch.statics.length * 2));
  }
  const statics = fixed && twoPass ? scratch.statics : undefined;
  const pass = (doc: Int32Array[] | undefined, wantMargins: boolean): DocumentResult => {
    const history = new Map<number, number>();
    const classes: Uint8Array[] = [];
    const margins: Float64Array[] | undefined = wantMargins ? [] : undefined;
    let offset = 0;
    prepared.forEach((sent, s) => {
      const n = sent.words.length;
      const out = new Uint8Array(n);
      const m = margins !== undefined ? new Float64Array(n) : undefined;
      decodeSentence(
        {
          sent,
          doc: doc?.[s],
          statics: statics?.subarray(offset * N_CLASSES, (offset + n) * N_CLASSES),
          fillStatics: doc === undefined,
          cache,
        },
        scorer,
        history,
        scratch,
        out,
        train === undefined,
        train === undefined ? undefined : (features, count, predicted, i) => train(features, count, predicted, s, i),
        m,
      );
      classes.push(out);
      if (m !== undefined) margins!.push(m);
      offset += n;
    });
    return margins !== undefined ? { classes, margins } : { classes };
  };
  const wantMargins = options.margins === true;
  const first = pass(undefined, wantMargins && !twoPass);
  if (!twoPass) return first;
  return pass(documentCodes(prepared, options.firstPass ?? first.classes), wantMargins);
}

/** Type part of a code for a word seen capitalized elsewhere in the document and always tagged O there. */
const ONLY_O = 10;

/**
 * Document-context codes: for each word, what the first pass gave the same word (by lower-case
 * hash) elsewhere in the document, counting its capitalized occurrences and any tagged as an entity.
 * Low 6 bits: the majority entity type (1..4) * 2 + 1 when some other occurrence was tagged O, or
 * `ONLY_O`; above: the most frequent class of that type. 0 when the word occurs nowhere else.
 */
export function documentCodes(sentences: readonly SentenceFeatures[], classes: readonly Uint8Array[]): Int32Array[] {
  const slot = new Map<number, number>();
  let counts = new Int32Array(64 * N_CLASSES);
  const counted = (cls: number, caps: number, letter: boolean) => letter && (caps !== 0 || cls !== 0);
  sentences.forEach((sent, s) => {
    sent.words.forEach((w, i) => {
      const cls = classes[s]![i]!;
      if (!counted(cls, w.caps, w.letter)) return;
      let k = slot.get(w.lower);
      if (k === undefined) {
        k = slot.size;
        slot.set(w.lower, k);
        if ((k + 1) * N_CLASSES > counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      counts[k * N_CLASSES + cls]!++;
    });
  });
  return sentences.map((sent, s) =>
    Int32Array.from(sent.words, (w, i) => {
      const k = slot.get(w.lower);
      if (k === undefined) return 0;
      const base = k * N_CLASSES;
      const own = counted(classes[s]![i]!, w.caps, w.letter) ? classes[s]![i]! : -1;
      const at = (c: number) => counts[base + c]! - (c === own ? 1 : 0);
      let bestType = -1;
      let bestTypeCount = 0;
      for (let t = 0; t < 4; t++) {
        const sum = at(1 + t * 4) + at(2 + t * 4) + at(3 + t * 4) + at(4 + t * 4);
        if (sum > bestTypeCount) {
          bestTypeCount = sum;
          bestType = t;
        }
      }
      const others = at(0);
      if (bestType < 0) return others > 0 && w.caps !== 0 ? ONLY_O : 0;
      const start = 1 + bestType * 4;
      let bestClass = start;
      for (let c = start + 1; c < start + 4; c++) if (at(c) > at(bestClass)) bestClass = c;
      return ((bestType + 1) * 2 + (others > 0 ? 1 : 0)) | (bestClass << 6);
    }),
  );
}
