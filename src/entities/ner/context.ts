/**
 * Features of a position in its sentence: the sentence-level facts prepared before decoding
 * (sentence case, gazetteer phrases, runs of capitalized words, sports results documents), the
 * decision-independent features of a position (its word, its neighbours) and the ones that depend on
 * earlier decisions (previous classes, the document's history). See `features.ts` for the word-level
 * facts and the rule on changing templates.
 */
import { BOUNDARY_HASH, T, mix, type WordCache, type WordInfo } from './features.js';

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
