/**
 * Feature extraction for the NER tagger. Features are 32-bit integers (hashed templates and values),
 * never strings, so the hot path makes no string per feature: word-level facts (lower case, shape,
 * affixes, flags) are computed once per distinct word and cached; context and history features
 * combine those hashes with integer mixing.
 *
 * Changing any template, hash or cache rule here changes what the model means: bump
 * `FEATURE_SET_VERSION` and retrain (`npm run train:ner`).
 */

/** Version of the feature definitions; stored in the model file and checked on load. */
export const FEATURE_SET_VERSION = 4;

/** Feature settings chosen at training time and stored in the model (`meta.features`). */
export interface FeatureOptions {
  /** Lengths of the word-cluster path prefixes used as features of the word itself. */
  clusterPrefixes: readonly number[];
  /** Prefix length of the neighbours' clusters (0: none). */
  clusterContext: number;
  /** Whether a second pass adds the labels the first pass gave the same word elsewhere in the document. */
  documentContext: boolean;
  /** Longest gazetteer phrase tried, in words (0: no phrase features). */
  phraseWords: number;
  /** Whether capitalized words of a sports results document (see `isResultsDocument`) get features of their own. */
  resultsDocument: boolean;
  /** Whether a word in a run of two or more capitalized words sees the run's first and last word ("... Agency", "Hapoel ..."). */
  capitalRuns: boolean;
}

/** Settings of a model without clusters, document context or phrases (the feature set 3 behaviour). */
export const PLAIN_FEATURES: FeatureOptions = {
  clusterPrefixes: [],
  clusterContext: 0,
  documentContext: false,
  phraseWords: 0,
  resultsDocument: false,
  capitalRuns: false,
};

/** Tables the features read, all keyed by 32-bit hashes (stored in the model file). */
export interface FeatureTables {
  /** Name-list membership: word hash -> bit mask (see `name-lists.ts`). */
  nameLists?: ReadonlyMap<number, number>;
  /** Word clusters: word hash -> path code (the path's bits after a leading 1). */
  clusters?: ReadonlyMap<number, number>;
  /** Gazetteer phrases of two or more words: phrase hash (see `phraseHash`) -> type bits. */
  phrases?: ReadonlyMap<number, number>;
  options: FeatureOptions;
}

/** FNV-1a over UTF-16 code units, with a seed. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Mixes two 32-bit values into one (murmur3-style finalizer). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

// Template ids: small constants mixed with values.
export const T = {
  bias: 1,
  lower: 2,
  exact: 3,
  shape: 4,
  short: 5,
  prefix: 10, // + length (1..4)
  suffix: 20, // + length (1..4)
  flags: 30,
  lowerAt: 40, // + offset + 2 (offsets -2..2)
  shortAt: 50,
  shapePair: 60,
  bigram: 61,
  initial: 70,
  sentCase: 71,
  sentCaseWord: 72,
  prev: 80,
  prev2: 81,
  prevWord: 82,
  prevShape: 83,
  history: 90,
  historyShape: 91,
  gazetteer: 100,
  gazetteerCaps: 101,
  gazetteerPair: 102,
  lowerLen: 110,
  cluster: 120, // + prefix length
  clusterCaps: 140,
  clusterAt: 141, // + offset + 2
  phrase: 150,
  phraseCaps: 151,
  docClass: 160,
  docType: 161,
  docTypeShape: 162,
  results: 170,
  resultsCluster: 171,
  resultsNext: 172,
  runFirst: 180,
  runLast: 181,
} as const;

/** Prefix of a cluster path code (leading 1, then the bits) cut to `bits` bits. */
export function clusterPrefix(code: number, bits: number): number {
  const length = 31 - Math.clz32(code);
  return length <= bits ? code : code >>> (length - bits);
}

/** `hashString('<S>')`, written out so that importing this module does no work. */
export const BOUNDARY_HASH = -1933614030;

/** Facts about one word, independent of context. */
export interface WordInfo {
  lower: number;
  short: number;
  shapeHash: number;
  /** 1 when the word starts upper-case, 2 when all letters are upper-case (and there are 2+), 0 otherwise. */
  caps: number;
  /** 1 when the word has a letter. */
  letter: boolean;
  /** True for a number ("3", "1,200", "2-1"). */
  number: boolean;
  /** Name lists the word is in: bit 0 person, 1 place, 2 organization. */
  lists: number;
  /** The raw name-list mask (see `name-lists.ts`). */
  listMask: number;
  /** Cluster path prefix for the neighbours' features (0 when the word has no cluster or none are used). */
  cluster: number;
  /** Features that depend on the word alone. */
  own: Int32Array;
  /** Class scores of `own` under a fixed model (filled lazily by inference, never in training). */
  ownScores?: Float64Array;
  /** Class scores of `neighbourFeatures` per role, `NEIGHBOUR_ROLES` x classes (filled lazily by inference). */
  neighbourScores?: Float64Array;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const NUMBER = /^\p{Nd}+(?:[.,:/-]\p{Nd}+)*$/u;

/** Word shape: upper -> X, lower -> x, digit -> d, others kept; runs longer than 3 cut to 3. */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    const c =
      code < 128
        ? code >= 65 && code <= 90
          ? 'X'
          : code >= 97 && code <= 122
            ? 'x'
            : code >= 48 && code <= 57
              ? 'd'
              : ch
        : UPPER.test(ch)
          ? 'X'
          : LETTER.test(ch)
            ? 'x'
            : DIGIT.test(ch)
              ? 'd'
              : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 3) out += c;
  }
  return out;
}

/** Short shape: runs collapsed to one character ("Xx", "X.X.", "d-d"). */
export function shortShape(shape: string): string {
  let out = '';
  for (const ch of shape) if (!out.endsWith(ch)) out += ch;
  return out;
}

/** Digits folded to 0 so that numbers share features. */
function foldDigits(lower: string): string {
  return DIGIT.test(lower) ? lower.replace(/\p{Nd}/gu, '0') : lower;
}

/** The lower-case key of a word (digits folded to 0), as hashed for the `lower` features and name lists. */
export function lowerKey(word: string): string {
  return foldDigits(word.toLowerCase());
}

/** Computes the word-level facts of `word`. */
export function wordInfo(word: string, tables: FeatureTables = { options: PLAIN_FEATURES }): WordInfo {
  const nameLists = tables.nameLists;
  const lower = lowerKey(word);
  const shape = wordShape(word);
  const short = shortShape(shape);
  const simple = !/[\uD800-\uDFFF]/.test(lower);
  const chars = simple ? undefined : Array.from(lower);
  const n = chars === undefined ? lower.length : chars.length;
  const slice = (a: number, b: number) => (chars === undefined ? lower.slice(a, b) : chars.slice(a, b).join(''));
  const hasUpper = UPPER.test(word);
  const hasLower = LOWER.test(word);
  const letter = LETTER.test(word);
  const first = word.codePointAt(0);
  const initUpper = n > 0 && first !== undefined && UPPER.test(String.fromCodePoint(first));
  const caps = hasUpper && !hasLower && n > 1 ? 2 : initUpper ? 1 : 0;
  const lowerHash = hashString(lower);
  const shortHash = hashString(short);
  const shapeHash = hashString(shape);
  const own: number[] = [
    mix(T.bias, 0),
    mix(T.lower, lowerHash),
    mix(T.exact, hashString(word)),
    mix(T.shape, shapeHash),
    mix(T.short, shortHash),
  ];
  for (let k = 1; k <= 4 && k < n; k++) {
    own.push(mix(T.prefix + k, hashString(slice(0, k))));
    own.push(mix(T.suffix + k, hashString(slice(n - k, n))));
  }
  const flags =
    (hasUpper ? 1 : 0) |
    (hasLower ? 2 : 0) |
    (initUpper ? 4 : 0) |
    (DIGIT.test(word) ? 8 : 0) |
    (word.includes('-') ? 16 : 0) |
    (word.includes('.') ? 32 : 0) |
    (letter ? 64 : 0);
  own.push(mix(T.flags, flags));
  own.push(mix(T.lowerLen, Math.min(n, 12) * 8 + caps));
  const mask = nameLists?.get(lowerHash) ?? 0;
  let lists = 0;
  if (mask !== 0) {
    for (let bit = 0; bit < 16; bit++) {
      if ((mask & (1 << bit)) === 0) continue;
      own.push(mix(T.gazetteer, bit));
      own.push(mix(T.gazetteerCaps, bit * 4 + caps));
      if (bit < 12) lists |= 1 << (bit >> 2);
    }
  }
  const code = tables.clusters?.get(lowerHash) ?? 0;
  const { clusterPrefixes, clusterContext } = tables.options;
  if (code !== 0) {
    for (const bits of clusterPrefixes) own.push(mix(T.cluster + bits, clusterPrefix(code, bits)));
    if (clusterPrefixes.length > 0) own.push(mix(mix(T.clusterCaps, clusterPrefix(code, clusterPrefixes[0]!)), caps));
  }
  const cluster = code !== 0 && clusterContext > 0 ? clusterPrefix(code, clusterContext) : 0;
  // ownScores is declared here so that every WordInfo keeps one hidden class (V8).
  const number = NUMBER.test(word);
  return { lower: lowerHash, short: shortHash, shapeHash, caps, letter, number, lists, listMask: mask, cluster, own: Int32Array.from(own), ownScores: undefined, neighbourScores: undefined };
}


/** The tables and settings the features read, from training options or a model. */
export function featureTables(source: {
  nameLists?: ReadonlyMap<number, number> | undefined;
  clusters?: ReadonlyMap<number, number> | undefined;
  phrases?: ReadonlyMap<number, number> | undefined;
  features?: FeatureOptions | undefined;
}): FeatureTables {
  return {
    options: source.features ?? PLAIN_FEATURES,
    ...(source.nameLists !== undefined ? { nameLists: source.nameLists } : {}),
    ...(source.clusters !== undefined ? { clusters: source.clusters } : {}),
    ...(source.phrases !== undefined ? { phrases: source.phrases } : {}),
  };
}

/** Caches `wordInfo` per distinct word, with a bound (cleared when full). */
export class WordCache {
  private readonly map = new Map<string, WordInfo>();
  /** Scores of `neighbourFeatures` past the sentence's edge, per role (filled lazily by inference, like `WordInfo.ownScores`). */
  boundaryScores: Float64Array | undefined;
  /** Scores of `transitionFeatures` per (prev2, prev1), each 0..N_CLASSES (filled lazily by inference). */
  transitionScores: Float64Array | undefined;
  constructor(
    private readonly limit = 100_000,
    readonly tables: FeatureTables = { options: PLAIN_FEATURES },
  ) {}

  get(word: string): WordInfo {
    let info = this.map.get(word);
    if (info === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      info = wordInfo(word, this.tables);
      this.map.set(word, info);
    }
    return info;
  }
}
