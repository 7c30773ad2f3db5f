/**
 * Text normalization: HTML detection and stripping, then Unicode folding, with a map from every
 * offset of the result back to the caller's string.
 *
 * Folding: NFC; CR/LF line ends to LF; non-breaking and typographic spaces to a space; curly single
 * quotes and apostrophes to ', curly double quotes to "; hyphen variants and minus to -, en/em dashes
 * and bars to an em dash; the ellipsis character to "..."; zero-width characters, soft hyphens and
 * direction marks (LRM, RLM, ALM) removed; control characters to a space; unpaired surrogates to U+FFFD.
 */
import { htmlToText, looksLikeHtml } from './html.js';
import { MappedTextBuilder, composeMaps, identityMap, type OffsetMap } from './offsets.js';

export type TextFormat = 'auto' | 'text' | 'html';

export interface NormalizedText {
  text: string;
  html: boolean;
  /** Maps an offset of `text` back to the input string. */
  map: OffsetMap;
}

const FOLD = new Map<string, string>([
  ['\u00a0', ' '], ['\u1680', ' '], ['\u2000', ' '], ['\u2001', ' '], ['\u2002', ' '], ['\u2003', ' '],
  ['\u2004', ' '], ['\u2005', ' '], ['\u2006', ' '], ['\u2007', ' '], ['\u2008', ' '], ['\u2009', ' '],
  ['\u200a', ' '], ['\u202f', ' '], ['\u205f', ' '], ['\u3000', ' '], ['\u2028', '\n'], ['\u2029', '\n\n'],
  ['\u200b', ''], ['\u2060', ''], ['\ufeff', ''], ['\u00ad', ''], ['\u200e', ''], ['\u200f', ''], ['\u061c', ''],
  ['\u2018', "'"], ['\u2019', "'"], ['\u201a', "'"], ['\u201b', "'"], ['\u2032', "'"], ['\u02bc', "'"],
  ['\u201c', '"'], ['\u201d', '"'], ['\u201e', '"'], ['\u201f', '"'], ['\u2033', '"'],
  ['\u2010', '-'], ['\u2011', '-'], ['\u2212', '-'], ['\u2043', '-'],
  ['\u2012', '\u2014'], ['\u2013', '\u2014'], ['\u2015', '\u2014'],
  ['\u2026', '...'],
]);
const FOLD_RE = new RegExp(`[${[...FOLD.keys()].join('')}]`, 'g');
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Anything outside printable ASCII, tab and LF needs a look. */
const NEEDS_FOLDING_RE = /[^\x09\x0a\x20-\x7e]/;
/** Pieces to fold: CR line ends, control characters, and runs of non-ASCII with the character before. */
const PIECE_RE = /\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\x21-\x7e]?[^\x00-\x7f]+/g;

function foldRun(run: string): string {
  let out = run;
  if (out.normalize !== undefined) {
    LONE_SURROGATE_RE.lastIndex = 0;
    out = out.replace(LONE_SURROGATE_RE, '\ufffd').normalize('NFC');
  }
  FOLD_RE.lastIndex = 0;
  return out.replace(FOLD_RE, (ch) => FOLD.get(ch) ?? ch);
}

/** A combining mark at a position (sticky). */
const MARK_RE = /\p{M}/uy;

function isMarkAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) < 0x300) return false; // no mark below U+0300
  MARK_RE.lastIndex = i;
  return MARK_RE.test(text);
}

/** The end of the code point at `i` (a lone surrogate is one). */
function codePointEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/** Longest group of characters folded together while aligning a piece (Hangul jamo compose three). */
const MAX_GROUP = 32;

/**
 * Appends the fold of the piece `text.slice(start, end)` (`folded`), aligned one character (with
 * its marks) at a time, so that offsets stay exact up to the changed character: in "Paris\u2026" the
 * piece is "s\u2026", and as one replacement the end of "Paris" mapped back to the start of the "s".
 * Characters that compose with the next ones (Hangul jamo) are folded as a group, the smallest whose
 * fold is the next part of the whole piece's fold. A single code unit that the fold keeps, maps by
 * the FOLD table or turns into U+FFFD is aligned without folding it again. O(end - start).
 */
function appendFolded(out: MappedTextBuilder, text: string, start: number, end: number, folded: string): void {
  let outAt = 0;
  let groupStart = start;
  let groupSize = 0;
  let i = start;
  const emit = (f: string, to: number): void => {
    if (f.length === to - groupStart && text.startsWith(f, groupStart)) out.copy(text, groupStart, to);
    else out.replace(f, groupStart, to);
    outAt += f.length;
    groupStart = to;
    groupSize = 0;
  };
  while (i < end) {
    // one character: a code point and the combining marks after it
    let j = codePointEnd(text, i);
    while (j < end && isMarkAt(text, j)) j = codePointEnd(text, j);
    if (groupStart === i && j === i + 1) {
      const c = text.charCodeAt(i);
      const f = c >= 0xd800 && c <= 0xdfff ? '\ufffd' : FOLD.get(text[i] as string);
      if (f === undefined ? folded.charCodeAt(outAt) === c : folded.startsWith(f, outAt)) {
        emit(f ?? (text[i] as string), j);
        i = j;
        continue;
      }
    }
    const f = foldRun(text.slice(groupStart, j));
    i = j;
    if (folded.startsWith(f, outAt)) emit(f, j);
    else if (++groupSize >= MAX_GROUP) break;
  }
  // what did not align (a group too long, or a fold that does not split) is one replacement; a fold
  // of the same length is not enough to map offsets linearly ("\ufb2a\ud87e\udc00": 1 -> 2, 2 -> 1)
  if (groupStart < end || outAt < folded.length) out.replace(folded.slice(outAt), groupStart, end);
}

/** Unicode folding of plain text (see the module comment), with the offset map. */
export function foldUnicode(text: string): { text: string; map: OffsetMap } {
  if (!NEEDS_FOLDING_RE.test(text)) return { text, map: identityMap };
  const out = new MappedTextBuilder();
  let pos = 0;
  PIECE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PIECE_RE.exec(text)) !== null) {
    const piece = m[0];
    const start = m.index;
    const end = start + piece.length;
    out.copy(text, pos, start);
    let folded: string;
    if (piece.charCodeAt(0) === 13) folded = '\n';
    else if (piece.length === 1 && piece.charCodeAt(0) < 0x80) folded = ' ';
    else folded = foldRun(piece);
    if (folded === piece) out.copy(text, start, end);
    else appendFolded(out, text, start, end, folded);
    pos = end;
  }
  out.copy(text, pos, text.length);
  return out.build(text.length);
}

/**
 * Normalizes one field: strips HTML when `format` is 'html' (or 'auto' and the text looks like HTML),
 * then folds Unicode. The result's `map` points back into `input`.
 */
export function normalizeText(input: string, format: TextFormat = 'auto'): NormalizedText {
  const html = format === 'html' || (format === 'auto' && looksLikeHtml(input));
  if (!html) {
    const folded = foldUnicode(input);
    return { text: folded.text, html: false, map: folded.map };
  }
  const stripped = htmlToText(input);
  const folded = foldUnicode(stripped.text);
  return { text: folded.text, html: true, map: composeMaps(stripped.map, folded.map) };
}
