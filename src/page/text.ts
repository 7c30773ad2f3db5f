/**
 * Text of page nodes: character references decoded and whitespace collapsed, either as a plain string
 * (for scoring) or appended to a `MappedTextBuilder` so that every output offset maps back into the
 * page. One pass with a cursor over each text node.
 */
import { NAMED_ENTITIES } from '../text/html.js';
import { MappedTextBuilder } from '../text/offsets.js';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Reads the character reference at `at` ('&'): its text and length, or undefined. */
function readReference(s: string, at: number, end: number): { text: string; length: number } | undefined {
  let i = at + 1;
  if (i >= end) return undefined;
  let code: number;
  if (s.charCodeAt(i) === 35 /* # */) {
    i++;
    const hex = i < end && (s.charCodeAt(i) | 32) === 120;
    if (hex) i++;
    const digitsStart = i;
    while (i < end && i - digitsStart < 7 && (hex ? isAlnum(s.charCodeAt(i)) : s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57)) i++;
    if (i === digitsStart) return undefined;
    code = Number.parseInt(s.slice(digitsStart, i), hex ? 16 : 10);
    if (!Number.isFinite(code)) return undefined;
    if (i < end && s.charCodeAt(i) === 59) i++;
    const text = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
    return { text, length: i - at };
  }
  const nameStart = i;
  while (i < end && i - nameStart < 32 && isAlnum(s.charCodeAt(i))) i++;
  const decoded = NAMED_ENTITIES.get(s.slice(nameStart, i));
  if (decoded === undefined) return undefined;
  if (i < end && s.charCodeAt(i) === 59) i++;
  return { text: decoded, length: i - at };
}

/** Decodes the character references of `s` (an attribute value); whitespace is kept. */
export function decodeReferences(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let pos = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', pos)) {
    const ref = readReference(s, amp, s.length);
    if (ref === undefined) {
      out += s.slice(pos, amp + 1);
      pos = amp + 1;
    } else {
      out += s.slice(pos, amp) + ref.text;
      pos = amp + ref.length;
    }
  }
  return out + s.slice(pos);
}

/**
 * Appends the text of `html[start, end)` to `out`: references decoded, whitespace runs collapsed to
 * one space (none at the start of a line). Returns the number of characters appended.
 */
export function appendPageText(out: MappedTextBuilder, html: string, start: number, end: number): number {
  const before = out.outputLength;
  let pos = start;
  let i = start;
  while (i < end) {
    const c = html.charCodeAt(i);
    if (isSpace(c)) {
      out.copy(html, pos, i);
      let j = i + 1;
      while (j < end && isSpace(html.charCodeAt(j))) j++;
      const last = out.lastChar();
      if (last !== '' && last !== '\n' && last !== ' ') out.replace(' ', i, j);
      pos = j;
      i = j;
    } else if (c === 38 /* & */) {
      const ref = readReference(html, i, end);
      if (ref === undefined) {
        i++;
        continue;
      }
      out.copy(html, pos, i);
      out.replace(ref.text, i, i + ref.length);
      i += ref.length;
      pos = i;
    } else i++;
  }
  out.copy(html, pos, end);
  return out.outputLength - before;
}

/** The text of `html[start, end)` with references decoded and whitespace collapsed (not trimmed). */
export function pageText(html: string, start: number, end: number): string {
  let out = '';
  let pos = start;
  let i = start;
  let lastSpace = false;
  while (i < end) {
    const c = html.charCodeAt(i);
    if (isSpace(c)) {
      out += html.slice(pos, i);
      let j = i + 1;
      while (j < end && isSpace(html.charCodeAt(j))) j++;
      out += " ";
      lastSpace = true;
      pos = j;
      i = j;
      continue;
    }
    if (c === 38) {
      const ref = readReference(html, i, end);
      if (ref !== undefined) {
        out += html.slice(pos, i) + ref.text;
        i += ref.length;
        pos = i;
        lastSpace = false;
        continue;
      }
    }
    lastSpace = false;
    i++;
  }
  return out + html.slice(pos, end);
}
