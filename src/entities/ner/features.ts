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
const T = {
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

/** Word facts of one sentence, prepared before decoding. */
export interface SentenceFeatures {
  words: WordInfo[];
  /** 1 when the sentence's letters are all upper-case (a headline), 2 when all lower-case, else 0. */
  sentCase: number;
  /** Per word: the longest gazetteer phrase covering it, as type bits * 4 + position (0 single, 1 first, 2 inner, 3 last); 0 none. */
  phrase: Int32Array | undefined;
  /** 1 when the sentence belongs to a sports results document (set by the document decoder), else 0. */
  results: number;
  /** Per word in a run of 2+ capitalized words (mixed-case sentences): run start * 65536 + run end; else 0. */
  runs: Int32Array | undefined;
}

export function prepareSentence(words: readonly string[], cache: WordCache): SentenceFeatures {
  const infos = new Array<WordInfo>(words.length);
  let upperWords = 0;
  let lowerWords = 0;
  let letterWords = 0;
  for (let i = 0; i < words.length; i++) {
    const info = cache.get(words[i] as string);
    infos[i] = info;
    if (info.letter) {
      letterWords++;
      if (info.caps === 2 || (info.caps === 1 && (words[i] as string).length === 1)) upperWords++;
      else if (info.caps === 0) lowerWords++;
    }
  }
  const sentCase =
    letterWords >= 3 && upperWords === letterWords ? 1 : letterWords >= 3 && lowerWords === letterWords ? 2 : 0;
  const { phrases, options } = cache.tables;
  const phrase = phrases !== undefined && options.phraseWords > 1 ? matchPhrases(infos, phrases, options.phraseWords) : undefined;
  const runs = options.capitalRuns && sentCase === 0 ? capitalRuns(infos) : undefined;
  return { words: infos, sentCase, phrase, results: 0, runs };
}

/** Runs of two or more consecutive capitalized words: each word's run as start * 65536 + end. */
function capitalRuns(words: readonly WordInfo[]): Int32Array | undefined {
  let out: Int32Array | undefined;
  for (let i = 0; i < words.length; ) {
    if (words[i]!.caps === 0 || !words[i]!.letter) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < words.length && words[end]!.caps !== 0 && words[end]!.letter) end++;
    if (end - i >= 2 && end < 65536) {
      out ??= new Int32Array(words.length);
      for (let k = i; k < end; k++) out[k] = i * 65536 + end;
    }
    i = end;
  }
  return out;
}

/** Name-list bits of a first word of a longer name (person, place, organization). */
const FIRST_BITS = (1 << 1) | (1 << 5) | (1 << 9);
/** Name-list bits of a one-word name. */
const SINGLE_BITS = (1 << 0) | (1 << 4) | (1 << 8);

/** Hash of a phrase from its words' `lower` hashes (as `WordInfo.lower`), in order. */
export function phraseHash(lowerHashes: readonly number[]): number {
  let h = lowerHashes[0] ?? 0;
  for (let k = 1; k < lowerHashes.length; k++) h = mix(h, lowerHashes[k]!);
  return h;
}

/**
 * Longest-match gazetteer phrases, left to right (a match starting earlier wins; then the longest).
 * Only words that are in some name list can extend a phrase, so most positions cost one test.
 */
function matchPhrases(words: readonly WordInfo[], phrases: ReadonlyMap<number, number>, maxWords: number): Int32Array {
  const out = new Int32Array(words.length);
  for (let i = 0; i < words.length; ) {
    const first = words[i]!;
    let end = -1;
    let types = 0;
    if ((first.listMask & FIRST_BITS) !== 0) {
      let h = first.lower;
      for (let j = i + 1; j < words.length && j - i < maxWords && words[j]!.listMask !== 0; j++) {
        h = mix(h, words[j]!.lower);
        const found = phrases.get(h);
        if (found !== undefined) {
          end = j + 1;
          types = found;
        }
      }
    }
    if (end > 0) {
      out[i] = types * 4 + 1;
      for (let k = i + 1; k < end - 1; k++) out[k] = types * 4 + 2;
      out[end - 1] = types * 4 + 3;
      i = end;
    } else {
      if ((first.listMask & SINGLE_BITS) !== 0) {
        const m = first.listMask;
        out[i] = ((m & 1) | ((m >> 3) & 2) | ((m >> 6) & 4)) * 4;
      }
      i++;
    }
  }
  return out;
}

/** Neighbour roles: the word two before, one before, one after, two after the current one. */
export const NEIGHBOUR_ROLES = 4;

/**
 * Appends, from `out[n]` on, the features that a word (undefined: past the sentence's edge) gives the
 * position `role` (see `NEIGHBOUR_ROLES`) away from it: its lower-case form, and one position away its
 * short shape and cluster. They depend on that word alone, so a fixed model can cache their scores per
 * word. Returns the new count.
 */
export function neighbourFeatures(w: WordInfo | undefined, role: number, out: Int32Array, n: number): number {
  const lower = w === undefined ? BOUNDARY_HASH : w.lower;
  if (role === 0 || role === 3) {
    out[n++] = mix(T.lowerAt + (role === 0 ? 0 : 4), lower);
    return n;
  }
  const offset = role === 1 ? 1 : 3;
  out[n++] = mix(T.lowerAt + offset, lower);
  out[n++] = mix(T.shortAt + offset, w === undefined ? BOUNDARY_HASH : w.short);
  if (w !== undefined && w.cluster !== 0) out[n++] = mix(T.clusterAt + offset, w.cluster);
  return n;
}

/** A line of sports results or a table row: a capitalized word directly followed by a number, and two numbers or more. */
function isScoreLine(sent: SentenceFeatures): boolean {
  const words = sent.words;
  let numbers = 0;
  let capitalThenNumber = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.number) {
      numbers++;
      if (i > 0 && words[i - 1]!.caps !== 0) capitalThenNumber = true;
    }
  }
  return capitalThenNumber && numbers >= 2;
}

/**
 * True for a document of sports results or standings: at least three score lines (see
 * `isScoreLine`) making up at least a fifth of its sentences. There, a capitalized place name is
 * usually a club.
 */
export function isResultsDocument(sentences: readonly SentenceFeatures[]): boolean {
  let lines = 0;
  for (const s of sentences) if (isScoreLine(s)) lines++;
  return lines >= 3 && lines * 5 >= sentences.length;
}

/**
 * Writes the features of position `i` that do not depend on decisions (the word's own features
 * unless `withOwn` is false, its neighbours, the sentence, gazetteer phrases) into `out`; returns
 * their count.
 */
export function staticFeatures(sent: SentenceFeatures, i: number, out: Int32Array, withOwn: boolean, withNeighbours = true): number {
  const words = sent.words;
  const w = words[i] as WordInfo;
  let n = 0;
  if (withOwn) {
    const own = w.own;
    for (let k = 0; k < own.length; k++) out[n++] = own[k] as number;
  }
  const m1 = i > 0 ? (words[i - 1] as WordInfo) : undefined;
  const p1 = i + 1 < words.length ? (words[i + 1] as WordInfo) : undefined;
  if (withNeighbours) {
    n = neighbourFeatures(i > 1 ? words[i - 2] : undefined, 0, out, n);
    n = neighbourFeatures(m1, 1, out, n);
    n = neighbourFeatures(p1, 2, out, n);
    n = neighbourFeatures(i + 2 < words.length ? words[i + 2] : undefined, 3, out, n);
  }
  const lm1 = m1 ? m1.lower : BOUNDARY_HASH;
  const lp1 = p1 ? p1.lower : BOUNDARY_HASH;
  const sm1 = m1 ? m1.short : BOUNDARY_HASH;
  const sp1 = p1 ? p1.short : BOUNDARY_HASH;
  out[n++] = mix(mix(T.shapePair, sm1), w.short);
  out[n++] = mix(mix(T.shapePair + 1, w.short), sp1);
  out[n++] = mix(mix(T.bigram, lm1), w.lower);
  out[n++] = mix(mix(T.bigram + 1, w.lower), lp1);
  if (w.lists !== 0 || (m1 !== undefined && m1.lists !== 0) || (p1 !== undefined && p1.lists !== 0)) {
    out[n++] = mix(T.gazetteerPair, (m1 ? m1.lists : 8) * 16 + w.lists);
    out[n++] = mix(T.gazetteerPair + 1, w.lists * 16 + (p1 ? p1.lists : 8));
  }
  const phrase = sent.phrase === undefined ? 0 : sent.phrase[i]!;
  if (phrase !== 0) {
    out[n++] = mix(T.phrase, phrase);
    out[n++] = mix(T.phraseCaps, phrase * 4 + w.caps);
  }
  const run = sent.runs === undefined ? 0 : sent.runs[i]!;
  if (run !== 0) {
    const start = run >>> 16;
    const end = run & 0xffff;
    const position = i === start ? 0 : i === end - 1 ? 2 : 1;
    out[n++] = mix(mix(T.runFirst, position), words[start]!.lower);
    out[n++] = mix(mix(T.runLast, position), words[end - 1]!.lower);
  }
  if (sent.results !== 0 && w.caps !== 0) {
    out[n++] = mix(T.results, w.lists * 4 + w.caps);
    out[n++] = mix(T.resultsCluster, w.cluster);
    out[n++] = mix(T.resultsNext, p1 === undefined ? 2 : p1.number ? 1 : 0);
  }
  if (i === 0) out[n++] = mix(T.initial, w.short);
  if (sent.sentCase !== 0) {
    out[n++] = mix(T.sentCase, sent.sentCase);
    out[n++] = mix(mix(T.sentCaseWord, sent.sentCase), w.lower);
  }
  return n;
}

/**
 * Appends, from `out[n]` on, the features of position `i` that depend on decisions: `prev1`/`prev2`
 * are the classes chosen for the two previous positions (N_CLASSES at the sentence start);
 * `history` is the entity type (1..4) last given to this word earlier in the document, 5 when it was
 * seen capitalized and tagged O, 0 when none; `doc` is the document-context code of the second pass
 * (see `documentCode`), 0 when none. Returns the new count.
 */
export function dynamicFeatures(
  sent: SentenceFeatures,
  i: number,
  prev1: number,
  prev2: number,
  history: number,
  doc: number,
  out: Int32Array,
  n: number,
  withTransitions = true,
): number {
  const w = sent.words[i] as WordInfo;
  if (withTransitions) n = transitionFeatures(prev1, prev2, out, n);
  out[n++] = mix(mix(T.prevWord, prev1), w.lower);
  out[n++] = mix(mix(T.prevShape, prev1), w.short);
  if (history !== 0) {
    out[n++] = mix(T.history, history);
    out[n++] = mix(mix(T.historyShape, history), w.short);
  }
  if (doc !== 0) {
    const type = doc & 63;
    out[n++] = mix(T.docClass, doc);
    out[n++] = mix(T.docType, type);
    out[n++] = mix(mix(T.docTypeShape, type), w.short);
  }
  return n;
}

/**
 * Appends the features of the two previous classes alone (they depend on nothing else, so a fixed
 * model can cache their scores). Returns the new count.
 */
export function transitionFeatures(prev1: number, prev2: number, out: Int32Array, n: number): number {
  out[n++] = mix(T.prev, prev1);
  out[n++] = mix(T.prev2, prev2 * 32 + prev1);
  return n;
}

/** Upper bound on the features of one position (own features included). */
export const MAX_FEATURES = 128;
