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
export const FEATURE_SET_VERSION = 3;

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
} as const;

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
  /** Name lists the word is in: bit 0 person, 1 place, 2 organization. */
  lists: number;
  /** Features that depend on the word alone. */
  own: Int32Array;
  /** Class scores of `own` under a fixed model (filled lazily by inference, never in training). */
  ownScores?: Float64Array;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

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
export function wordInfo(word: string, nameLists?: ReadonlyMap<number, number>): WordInfo {
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
  // ownScores is declared here so that every WordInfo keeps one hidden class (V8).
  return { lower: lowerHash, short: shortHash, shapeHash, caps, letter, lists, own: Int32Array.from(own), ownScores: undefined };
}


/** Caches `wordInfo` per distinct word, with a bound (cleared when full). */
export class WordCache {
  private readonly map = new Map<string, WordInfo>();
  constructor(
    private readonly limit = 100_000,
    private readonly nameLists?: ReadonlyMap<number, number>,
  ) {}

  get(word: string): WordInfo {
    let info = this.map.get(word);
    if (info === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      info = wordInfo(word, this.nameLists);
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
  return { words: infos, sentCase };
}

/**
 * Writes the features of position `i` into `out` and returns their count (without the word's own
 * features when `withOwn` is false: the caller has their scores cached). `prev1`/`prev2` are the
 * classes chosen for the two previous positions (N_CLASSES at the sentence start); `history` is the
 * entity type (1..4) last given to this word earlier in the document, 0 when none.
 */
export function tokenFeatures(
  sent: SentenceFeatures,
  i: number,
  prev1: number,
  prev2: number,
  history: number,
  out: Int32Array,
  withOwn = true,
): number {
  const words = sent.words;
  const w = words[i] as WordInfo;
  let n = 0;
  if (withOwn) {
    const own = w.own;
    for (let k = 0; k < own.length; k++) out[n++] = own[k] as number;
  }
  const m1 = i > 0 ? (words[i - 1] as WordInfo) : undefined;
  const p1 = i + 1 < words.length ? (words[i + 1] as WordInfo) : undefined;
  const m2 = i > 1 ? (words[i - 2] as WordInfo) : undefined;
  const p2 = i + 2 < words.length ? (words[i + 2] as WordInfo) : undefined;
  const lm1 = m1 ? m1.lower : BOUNDARY_HASH;
  const lp1 = p1 ? p1.lower : BOUNDARY_HASH;
  out[n++] = mix(T.lowerAt + 1, lm1);
  out[n++] = mix(T.lowerAt + 3, lp1);
  out[n++] = mix(T.lowerAt + 0, m2 ? m2.lower : BOUNDARY_HASH);
  out[n++] = mix(T.lowerAt + 4, p2 ? p2.lower : BOUNDARY_HASH);
  const sm1 = m1 ? m1.short : BOUNDARY_HASH;
  const sp1 = p1 ? p1.short : BOUNDARY_HASH;
  out[n++] = mix(T.shortAt + 1, sm1);
  out[n++] = mix(T.shortAt + 3, sp1);
  out[n++] = mix(mix(T.shapePair, sm1), w.short);
  out[n++] = mix(mix(T.shapePair + 1, w.short), sp1);
  out[n++] = mix(mix(T.bigram, lm1), w.lower);
  out[n++] = mix(mix(T.bigram + 1, w.lower), lp1);
  if (w.lists !== 0 || (m1 !== undefined && m1.lists !== 0) || (p1 !== undefined && p1.lists !== 0)) {
    out[n++] = mix(T.gazetteerPair, (m1 ? m1.lists : 8) * 16 + w.lists);
    out[n++] = mix(T.gazetteerPair + 1, w.lists * 16 + (p1 ? p1.lists : 8));
  }
  if (i === 0) out[n++] = mix(T.initial, w.short);
  if (sent.sentCase !== 0) {
    out[n++] = mix(T.sentCase, sent.sentCase);
    out[n++] = mix(mix(T.sentCaseWord, sent.sentCase), w.lower);
  }
  out[n++] = mix(T.prev, prev1);
  out[n++] = mix(T.prev2, prev2 * 32 + prev1);
  out[n++] = mix(mix(T.prevWord, prev1), w.lower);
  out[n++] = mix(mix(T.prevShape, prev1), w.short);
  if (history !== 0) {
    out[n++] = mix(T.history, history);
    out[n++] = mix(mix(T.historyShape, history), w.short);
  }
  return n;
}

/** Upper bound on the features of one position (own features included). */
export const MAX_FEATURES = 96;
