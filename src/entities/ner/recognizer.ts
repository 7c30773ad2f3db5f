/**
 * The trained named-entity recognizer: greedy BILOU decoding with the shipped (or a given) model,
 * turned into `Mention`s. The model is decoded on first use and kept by the recognizer.
 */
import { createError } from '../../errors.js';
import type { Mention, Recognizer, TextAnalysis, Token } from '../../types.js';
import { WordCache, featureTables } from './features.js';
import { ENTITY_TYPE_OF, spansFromBilou, type Span } from './labels.js';
import { decodeModel, fromBase64, type NerModel } from './model-format.js';
import { CompiledWeights, createScratch } from './perceptron.js';
import { decodeDocument, type DocumentScratch } from './document.js';

/** A model given as a decoded model, the bytes of a model file, or their base64. */
export type NerModelSource = NerModel | Uint8Array | string;

export interface NerTaggerOptions {
  /** Distinct words whose features are cached (cleared when full). Default 50,000. */
  cacheSize?: number;
}

/** Tags tokenized sentences with a model; one instance per model, reused across documents. */
export class NerTagger {
  private readonly weights: CompiledWeights;
  private readonly cache: WordCache;
  private readonly scratch: DocumentScratch = { ...createScratch(), statics: new Float64Array(0) };
  readonly model: NerModel;

  constructor(source: NerModelSource, options: NerTaggerOptions = {}) {
    this.model = toModel(source);
    this.weights = new CompiledWeights(this.model.keys, this.model.values, this.model.scale);
    this.cache = new WordCache(options.cacheSize ?? 50_000, featureTables({ ...this.model, features: this.model.meta.features }));
  }

  /** Entity spans of each sentence of one document (sentences in reading order). */
  tagDocument(sentences: readonly (readonly string[])[]): Span[][] {
    return decodeDocument(sentences, this.cache, this.weights, this.scratch).classes.map((c) => spansFromBilou(c));
  }

  /**
   * Like `tagDocument`, with a confidence per span: a logistic of the smallest decision margin
   * over the span's tokens (see `marginConfidence`).
   */
  tagDocumentWithConfidence(sentences: readonly (readonly string[])[]): ScoredSpan[][] {
    const scale = this.model.scale;
    const { classes, margins } = decodeDocument(sentences, this.cache, this.weights, this.scratch, { margins: true });
    return classes.map((c, s) => {
      const m = margins![s]!;
      return spansFromBilou(c).map((span) => {
        let min = Infinity;
        for (let i = span.start; i < span.end; i++) min = Math.min(min, m[i]!);
        return { ...span, confidence: marginConfidence(min * scale) };
      });
    });
  }
}

/** A span with the recognizer's confidence in [0, 1]. */
export interface ScoredSpan extends Span {
  confidence: number;
}

/**
 * Confidence from a decision margin (in averaged-perceptron weight units): `1 / (1 + e^(-margin / 8))`,
 * floored at 0.5 since the chosen class always wins. The divisor was chosen so that, for the shipped
 * model on eng.testa, confidence roughly tracks precision; `npm run eval -- ner` prints the observed
 * precision per confidence band.
 */
export function marginConfidence(margin: number): number {
  return Math.round(1e4 / (1 + Math.exp(-Math.max(0, margin) / 8))) / 1e4;
}

/** The words of a sentence for the model, and the token of each word when they differ (an ellipsis token is three "." words). */
function readWords(group: readonly Token[]): { words: string[]; token?: Int32Array } {
  let words: string[] | undefined;
  let token: number[] | undefined;
  for (let i = 0; i < group.length; i++) {
    const t = group[i]!;
    if (t.text === '...' && t.kind === 'punct') {
      words ??= group.slice(0, i).map((x) => x.text);
      token ??= Array.from({ length: i }, (_, k) => k);
      words.push('.', '.', '.');
      token.push(i, i, i);
    } else if (words !== undefined) {
      words.push(t.text);
      token!.push(i);
    }
  }
  return words === undefined ? { words: group.map((t) => t.text) } : { words, token: Int32Array.from(token!) };
}

function toModel(source: NerModelSource): NerModel {
  if (typeof source === 'string') return decodeModel(fromBase64(source));
  if (source instanceof Uint8Array) return decodeModel(source);
  if (source !== null && typeof source === 'object' && source.keys instanceof Int32Array) return source;
  throw createError('MODEL_FORMAT', 'expected a model, its bytes or its base64');
}

/**
 * A `Recognizer` backed by a trained model: `shippedNerModel()` from `news-tagger/model` (in Node,
 * `news-tagger` passes it when `model` is left out), or your own. The model is decoded lazily, once,
 * on the first call to `recognize`.
 */
export function createNerRecognizer(model?: NerModelSource, options: NerTaggerOptions = {}): Recognizer {
  if (model === undefined) throw createError('DATA_MISSING', 'the NER model: pass shippedNerModel() from news-tagger/model');
  let tagger: NerTagger | undefined;
  return {
    name: 'ner',
    recognize(tokens: readonly Token[], text: TextAnalysis): Mention[] {
      if (tokens.length === 0) return [];
      tagger ??= new NerTagger(model, options);
      // Group tokens into sentences (consecutive tokens with the same sentence index).
      const groups: Token[][] = [];
      let current: Token[] = [];
      for (const token of tokens) {
        if (current.length > 0 && (token.sentence !== current[0]!.sentence || token.field !== current[0]!.field)) {
          groups.push(current);
          current = [];
        }
        current.push(token);
      }
      if (current.length > 0) groups.push(current);
      // the model reads a folded ellipsis token as the three dots it was trained on (mergedCount)
      const words = groups.map((g) => readWords(g));
      const spans = tagger.tagDocumentWithConfidence(words.map((w) => w.words));
      const mentions: Mention[] = [];
      groups.forEach((group, g) => {
        const at = words[g]!.token;
        for (const span of spans[g]!) {
          const first = group[at === undefined ? span.start : at[span.start]!]!;
          const last = group[at === undefined ? span.end - 1 : at[span.end - 1]!]!;
          const field = text.fields.find((f) => f.field === first.field);
          mentions.push({
            text: field !== undefined ? field.text.slice(first.start, last.end) : group.slice(span.start, span.end).map((t) => t.text).join(' '),
            type: ENTITY_TYPE_OF[span.type],
            field: first.field,
            start: first.start,
            end: last.end,
            tokenStart: first.index,
            tokenEnd: last.index + 1,
            source: 'ner',
            confidence: span.confidence,
          });
        }
      });
      return mentions;
    },
  };
}
