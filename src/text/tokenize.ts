/**
 * A Unicode-aware tokenizer and sentence splitter for normalized news text, in one pass of one
 * regular expression.
 *
 * Tokens: URLs; e-mail addresses; dotted abbreviations ("U.S.", "e.g."); numbers with separators and
 * unit suffixes ("3.5", "1,200", "10:30", "1990s", "5G"); words of letters, marks and digits with
 * inner apostrophes, hyphens and ampersands ("O'Brien", "Jong-un", "AT&T", "Zürich"); every other
 * non-space character on its own. Two splits follow news usage: a possessive "'s" becomes its own
 * token ("Putin's" -> "Putin", "'s"), and a hyphen between two capitalized parts is split
 * ("US-China" -> "US", "-", "China") while "Jong-un", "F-16" and "COVID-19" stay whole.
 *
 * Sentences end after ".", "!" or "?" (and any closing quotes or brackets) when the next token starts
 * with an upper-case letter, a digit or an opening quote, unless the period closes a known
 * abbreviation or an initial; a blank line (paragraph break) and the end of a field always end one.
 */
import type { Field, Sentence, Token, TokenKind } from '../types.js';

/**
 * Every token kind but e-mail addresses, which are found by hand (`emailAt`): as a regex branch, the
 * local part `[\p{L}\p{N}._%+-]+@` rescanned a run of those characters from every position in it, so a
 * body of "-" or "ab." took time quadratic in its length.
 */
const TOKEN_RE =
  /(https?:\/\/[^\s<>"'()[\]{}]*[^\s<>"'()[\]{}.,;:!?]|www\.[^\s<>"'()[\]{}]*[^\s<>"'()[\]{}.,;:!?])|(\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}]))|(\p{N}[\p{N}\p{L}]*(?:[.,:/-]\p{N}[\p{N}\p{L}]*)*)|([\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'&][\p{L}\p{M}\p{N}]+)*)|(\p{P})|(\S)/gu;
/** A run of the characters of an e-mail address's local part, from a given position. */
const LOCAL_RUN_RE = /[\p{L}\p{N}._%+-]*/uy;
/** The domain of an e-mail address, after its "@". */
const DOMAIN_RE = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;

/**
 * Finds e-mail addresses in one pass: the local part of an address starting at any position of a run
 * of local-part characters ends where the run ends, so the run's end and the domain after it are
 * computed once per run and every start inside the run reuses them. Cost: O(length) over a text.
 */
class EmailFinder {
  private runStart = -1;
  private runEnd = -1;
  /** End of the address whose local part ends at `runEnd`, or -1 when none does. */
  private addressEnd = -1;

  constructor(private readonly text: string) {}

  /** The end of the e-mail address that starts at `start`, or -1. */
  at(start: number): number {
    if (start < this.runStart || start >= this.runEnd) {
      LOCAL_RUN_RE.lastIndex = start;
      const run = LOCAL_RUN_RE.exec(this.text);
      const end = start + (run === null ? 0 : run[0].length);
      this.runStart = start;
      this.runEnd = end;
      this.addressEnd = -1;
      if (end > start && this.text.charCodeAt(end) === 64) {
        DOMAIN_RE.lastIndex = end + 1;
        const domain = DOMAIN_RE.exec(this.text);
        if (domain !== null) this.addressEnd = end + 1 + domain[0].length;
      }
      if (end === start) return -1;
    }
    return this.addressEnd;
  }
}

/**
 * A run of at least this many copies of one punctuation or symbol character is one token. News text
 * holds shorter runs (the longest in the datasets: 42 dots in a Reuters table), each character its own
 * token as before; a body of 1M "-" or lone surrogates held 1M tokens (about 100 bytes each).
 */
export const RUN_TOKEN_MIN = 64;

/**
 * Measures runs of one repeated character (of one or two code units), remembering the run it
 * measured last so that each position of a short run is not measured again: O(length) over a text.
 */
class RunFinder {
  private runStart = -1;
  private runEnd = -1;

  constructor(private readonly text: string) {}

  /** The end of the run of `unit` that starts at `start`. */
  endOf(unit: string, start: number): number {
    if (start > this.runStart && start < this.runEnd && this.text.startsWith(unit, this.runStart)) return this.runEnd;
    let end = start + unit.length;
    const { text } = this;
    if (unit.length === 1) {
      const c = unit.charCodeAt(0);
      while (text.charCodeAt(end) === c) end++;
    } else {
      while (text.startsWith(unit, end)) end += unit.length;
    }
    this.runStart = start;
    this.runEnd = end;
    return end;
  }
}

const UPPER_RE = /^\p{Lu}/u;
const SPLIT_HYPHEN_RE = /^\p{Lu}[\p{L}\p{M}\p{N}]+$/u;

/** Words after which a period does not end a sentence (lower-cased, without the period). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'gov', 'sen',
  'rep', 'reps', 'pres', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'bros', 'vs', 'no', 'nos', 'vol',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'fr',
  'rev', 'hon', 'messrs', 'mme', 'mlle', 'approx', 'est', 'fig', 'dept', 'univ', 'assn', 'av', 'ave',
]);

const SENTENCE_END = new Set(['.', '!', '?']);
const CLOSERS = new Set(['"', "'", ')', ']', '}', '\u00bb', '\u203a']);
const OPENERS = new Set(['"', "'", '(', '[', '\u00ab', '\u2039', '\u00bf', '\u00a1']);

function kindOf(match: RegExpExecArray): TokenKind {
  if (match[1] !== undefined) return 'url';
  if (match[2] !== undefined || match[4] !== undefined) return 'word';
  if (match[3] !== undefined) return 'number';
  if (match[5] !== undefined) return 'punct';
  return 'symbol';
}

/** True for ".", "!" or "?", and for a run or an ellipsis token of them (punctuation tokens of more than one character). */
function endsSentence(token: Token): boolean {
  return token.kind === 'punct' && SENTENCE_END.has(token.text.charAt(0));
}

function startsNewSentence(token: Token | undefined): boolean {
  if (token === undefined) return true;
  if (token.kind === 'number') return true;
  if (OPENERS.has(token.text)) return true;
  return UPPER_RE.test(token.text);
}

/** True when the gap `[from, to)` between two tokens (only whitespace) holds two line breaks. */
function hasParagraphBreak(text: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  let breaks = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10 && ++breaks === 2) return true;
  return false;
}

/**
 * What normalization folded, for the tokenizer: whether `[start, end)` of the normalized text was
 * written for one character of the source (an ellipsis character, or its reference in HTML, folded
 * to "...").
 */
export interface FoldedSpans {
  isOneCharacter(start: number, end: number): boolean;
}

/**
 * Tokenizes one normalized field, appending tokens and sentences to the given arrays (token
 * `index` and `sentence` numbers continue from what the arrays already hold). The three dots of a
 * folded ellipsis character (`folded` tells) are one token "...", where three typed dots stay three;
 * a run of `RUN_TOKEN_MIN` or more of one punctuation or symbol character is one token. Cost: O(length).
 */
export function tokenizeInto(text: string, field: Field, tokens: Token[], sentences: Sentence[], folded?: FoldedSpans): void {
  const firstToken = tokens.length;
  let sentenceStart = tokens.length;
  const closeSentence = (endToken: number): void => {
    if (endToken <= sentenceStart) return;
    const first = tokens[sentenceStart] as Token;
    const last = tokens[endToken - 1] as Token;
    sentences.push({ field, tokenStart: sentenceStart, tokenEnd: endToken, start: first.start, end: last.end });
    for (let i = sentenceStart; i < endToken; i++) (tokens[i] as Token).sentence = sentences.length - 1;
    sentenceStart = endToken;
  };
  // one string per distinct single character: a body of 1M symbols outside Latin-1 (which V8 does
  // not share) otherwise holds 2M strings of its own
  const singles = new Map<number, string>();
  const push = (t: string, start: number, kind: TokenKind): void => {
    let text = t;
    if (t.length === 1 && t.charCodeAt(0) > 0xff) {
      const code = t.charCodeAt(0);
      text = singles.get(code) ?? t;
      if (text === t) singles.set(code, t);
    }
    const lower = text.toLowerCase();
    tokens.push({ text, norm: lower === text ? text : lower, start, end: start + text.length, kind, field, sentence: 0, index: tokens.length });
  };

  // token indexes that start a new paragraph
  const paragraphStarts: number[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  const emails = text.indexOf('@') === -1 ? undefined : new EmailFinder(text);
  const runs = new RunFinder(text);
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let t = m[0];
    const start = m.index;
    let kind = kindOf(m);
    const emailEnd = kind === 'url' || emails === undefined ? -1 : emails.at(start);
    if (emailEnd !== -1) {
      t = text.slice(start, emailEnd);
      kind = 'email';
      TOKEN_RE.lastIndex = emailEnd;
    } else if (kind === 'punct' || kind === 'symbol') {
      const end = runs.endOf(t, start);
      if (end - start >= RUN_TOKEN_MIN * t.length) {
        t = text.slice(start, end);
        TOKEN_RE.lastIndex = end;
      } else if (t === '.' && end - start >= 3 && folded !== undefined && folded.isOneCharacter(start, start + 3)) {
        t = '...';
        TOKEN_RE.lastIndex = start + 3;
      }
    }
    // a paragraph break before this token ends the open sentence
    const prev = tokens.length > firstToken ? (tokens[tokens.length - 1] as Token) : undefined;
    if (prev !== undefined && hasParagraphBreak(text, prev.end, start)) paragraphStarts.push(tokens.length);
    if (kind === 'word' && m[4] !== undefined && t.length > 2) {
      const last = t.charCodeAt(t.length - 1);
      if ((last === 115 || last === 83) && t.charCodeAt(t.length - 2) === 39) {
        splitWord(t.slice(0, -2), start, push);
        push(t.slice(-2), start + t.length - 2, 'word');
        continue;
      }
      if (t.indexOf('-') > 0) {
        splitWord(t, start, push);
        continue;
      }
    }
    push(t, start, kind);
  }
  // sentences end at paragraph starts and after terminal punctuation
  let nextParagraph = 0;
  for (let i = firstToken; i < tokens.length; i++) {
    if (paragraphStarts[nextParagraph] === i) {
      closeSentence(i);
      nextParagraph++;
    }
    const tok = tokens[i] as Token;
    if (i < sentenceStart) continue;
    if (!endsSentence(tok)) continue;
    let end = i + 1;
    while (end < tokens.length && CLOSERS.has((tokens[end] as Token).text) && (tokens[end] as Token).start === (tokens[end - 1] as Token).end) end++;
    if (end >= tokens.length) break;
    if (!startsNewSentence(tokens[end])) continue;
    if (tok.text === '.' && i > firstToken) {
      const before = tokens[i - 1] as Token;
      if (before.end === tok.start && before.kind === 'word') {
        if (ABBREVIATIONS.has(before.norm)) continue;
        if (before.text.length === 1 && UPPER_RE.test(before.text)) continue; // an initial: "John F. Kennedy"
      }
    }
    closeSentence(end);
  }
  closeSentence(tokens.length);
}

/** Pushes a word, splitting hyphens between capitalized parts ("US-China"). */
function splitWord(word: string, start: number, push: (t: string, start: number, kind: TokenKind) => void): void {
  if (word.indexOf('-') > 0) {
    const parts = word.split('-');
    if (parts.every((p) => SPLIT_HYPHEN_RE.test(p))) {
      let at = start;
      parts.forEach((p, i) => {
        if (i > 0) {
          push('-', at, 'punct');
          at += 1;
        }
        push(p, at, 'word');
        at += p.length;
      });
      return;
    }
  }
  push(word, start, 'word');
}

/**
 * How many single-character tokens a token stands for: 3 for a folded ellipsis ("..."), the length
 * of the run for a run token, 1 for any other. Positions measured in tokens (salience) and the
 * words the NER model reads count a merged token as what it replaces, so that merging changes
 * nothing but memory.
 */
export function mergedCount(token: Token): number {
  if (token.kind !== 'punct' && token.kind !== 'symbol') return 1;
  const n = token.text.length;
  if (n === 3 && token.text === '...') return 3;
  if (n < RUN_TOKEN_MIN) return 1;
  const unit = token.text.codePointAt(0)! > 0xffff ? 2 : 1;
  return n / unit;
}

/** Tokenizes a single string as a body field. Cost: O(length). */
export function tokenize(text: string, field: Field = 'body'): { tokens: Token[]; sentences: Sentence[] } {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  tokenizeInto(text, field, tokens, sentences);
  return { tokens, sentences };
}
