/**
 * HTML to text: drops markup, scripts, styles and page boilerplate (navigation, headers, footers,
 * asides, forms), decodes character references, turns block elements into paragraph breaks, and keeps
 * a map from every output offset back to the HTML source.
 */
import { MarkupScanner, type MarkupToken } from './markup.js';
import { MappedTextBuilder, type OffsetMap } from './offsets.js';

/** Elements whose content is never article text. */
const SKIP_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'head',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'textarea', 'menu', 'dialog',
]);

/** Elements that separate paragraphs. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'figure', 'figcaption', 'caption', 'address', 'hr', 'body', 'html', 'details', 'summary', 'fieldset',
]);

/**
 * A start of markup worth a look in `looksLikeHtml`: a known element (which then needs a ">" somewhere
 * after it), a comment or a doctype.
 */
const LIKELY_HTML_RE =
  /<(?:(\/?(?:p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|script|style|article|section|html|body|head|nav|header|footer|figure|img|table|tr|td|blockquote|iframe|aside|main|time|small|sup|sub|u|hr)\b)|!--|!doctype)/gi;

/**
 * True when `text` looks like HTML rather than plain text: it holds a known element tag, a comment or
 * a doctype. Cost: O(length); one search for the last ">" replaces a scan to the end from every "<p".
 */
export function looksLikeHtml(text: string): boolean {
  const lastGt = text.lastIndexOf('>');
  LIKELY_HTML_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LIKELY_HTML_RE.exec(text)) !== null) {
    if (m[1] === undefined || lastGt >= m.index + m[0].length) return true;
  }
  return false;
}

/** Named character references that occur in news markup. Numeric references are decoded generally. */
export const NAMED_ENTITIES = new Map<string, string>([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0'],
  ['ndash', '\u2013'], ['mdash', '\u2014'], ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['sbquo', '\u201a'],
  ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['bdquo', '\u201e'], ['laquo', '\u00ab'], ['raquo', '\u00bb'],
  ['hellip', '\u2026'], ['middot', '\u00b7'], ['bull', '\u2022'], ['copy', '\u00a9'], ['reg', '\u00ae'],
  ['trade', '\u2122'], ['deg', '\u00b0'], ['euro', '\u20ac'], ['pound', '\u00a3'], ['yen', '\u00a5'],
  ['cent', '\u00a2'], ['sect', '\u00a7'], ['para', '\u00b6'], ['times', '\u00d7'], ['divide', '\u00f7'],
  ['shy', '\u00ad'], ['zwj', '\u200d'], ['zwnj', '\u200c'], ['thinsp', '\u2009'], ['ensp', '\u2002'],
  ['emsp', '\u2003'], ['prime', '\u2032'], ['Prime', '\u2033'], ['frac12', '\u00bd'], ['frac14', '\u00bc'],
  ['frac34', '\u00be'], ['plusmn', '\u00b1'], ['iexcl', '\u00a1'], ['iquest', '\u00bf'],
  ['Agrave', 'À'], ['Aacute', 'Á'], ['Acirc', 'Â'], ['Atilde', 'Ã'], ['Auml', 'Ä'], ['Aring', 'Å'],
  ['AElig', 'Æ'], ['Ccedil', 'Ç'], ['Egrave', 'È'], ['Eacute', 'É'], ['Ecirc', 'Ê'], ['Euml', 'Ë'],
  ['Igrave', 'Ì'], ['Iacute', 'Í'], ['Icirc', 'Î'], ['Iuml', 'Ï'], ['Ntilde', 'Ñ'], ['Ograve', 'Ò'],
  ['Oacute', 'Ó'], ['Ocirc', 'Ô'], ['Otilde', 'Õ'], ['Ouml', 'Ö'], ['Oslash', 'Ø'], ['Ugrave', 'Ù'],
  ['Uacute', 'Ú'], ['Ucirc', 'Û'], ['Uuml', 'Ü'], ['Yacute', 'Ý'], ['szlig', 'ß'], ['agrave', 'à'],
  ['aacute', 'á'], ['acirc', 'â'], ['atilde', 'ã'], ['auml', 'ä'], ['aring', 'å'], ['aelig', 'æ'],
  ['ccedil', 'ç'], ['egrave', 'è'], ['eacute', 'é'], ['ecirc', 'ê'], ['euml', 'ë'], ['igrave', 'ì'],
  ['iacute', 'í'], ['icirc', 'î'], ['iuml', 'ï'], ['ntilde', 'ñ'], ['ograve', 'ò'], ['oacute', 'ó'],
  ['ocirc', 'ô'], ['otilde', 'õ'], ['ouml', 'ö'], ['oslash', 'ø'], ['ugrave', 'ù'], ['uacute', 'ú'],
  ['ucirc', 'û'], ['uuml', 'ü'], ['yacute', 'ý'], ['yuml', 'ÿ'], ['scaron', 'š'], ['Scaron', 'Š'],
  ['zcaron', 'ž'], ['Zcaron', 'Ž'], ['oelig', 'œ'], ['OElig', 'Œ'],
]);

/** A character reference at a given position (sticky: it never searches past that position). */
const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/y;

/** Decodes one character reference, or returns undefined when it is not one. */
function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, dec, hex, name] = match;
  if (name !== undefined) return NAMED_ENTITIES.get(name);
  const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
  if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return '\ufffd';
  }
  return String.fromCodePoint(code);
}

/** HTML whitespace: space, tab, LF, CR, form feed. */
function isHtmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/**
 * Appends HTML text content (whitespace collapsed, references decoded) to the builder. Reads only
 * `[start, end)`: O(end - start).
 */
function appendTextRun(out: MappedTextBuilder, html: string, start: number, end: number): void {
  let pos = start;
  let i = start;
  while (i < end) {
    const c = html.charCodeAt(i);
    if (c === 38 /* & */) {
      out.copy(html, pos, i);
      ENTITY_RE.lastIndex = i;
      const e = ENTITY_RE.exec(html);
      const decoded = e !== null && i + e[0].length <= end ? decodeEntity(e) : undefined;
      if (decoded !== undefined && e !== null) {
        out.replace(decoded, i, i + e[0].length);
        pos = i + e[0].length;
      } else {
        out.copy(html, i, i + 1);
        pos = i + 1;
      }
      i = pos;
    } else if (isHtmlSpace(c)) {
      out.copy(html, pos, i);
      let wsEnd = i + 1;
      while (wsEnd < end && isHtmlSpace(html.charCodeAt(wsEnd))) wsEnd++;
      // collapse a whitespace run to one space, and drop it at the start of a line
      const last = out.lastChar();
      if (last !== '' && last !== '\n' && last !== ' ') out.replace(' ', i, wsEnd);
      pos = wsEnd;
      i = wsEnd;
    } else i++;
  }
  out.copy(html, pos, end);
}

function appendBreak(out: MappedTextBuilder, at: number, paragraph: boolean): void {
  if (out.outputLength === 0) return;
  out.trimEnd();
  const want = paragraph ? '\n\n' : '\n';
  // avoid stacking more than one paragraph break
  if (out.endsWith('\n\n')) return;
  if (out.lastChar() === '\n') {
    if (paragraph) out.replace('\n', at, at);
    return;
  }
  out.replace(want, at, at);
}

/**
 * Converts HTML to plain text with paragraph breaks. Never throws: malformed markup is read as
 * far as it makes sense, and an unclosed skipped element drops the rest of the input.
 */
export function htmlToText(html: string): { text: string; map: OffsetMap } {
  const out = new MappedTextBuilder();
  const markup = new MarkupScanner(html);
  let pos = 0;
  let skipUntil: string | null = null;
  let skipDepth = 0;
  let m: MarkupToken | undefined;
  while ((m = markup.next(pos)) !== undefined) {
    const { start: tagStart, end: tagEnd, closing, name } = m;
    if (skipUntil !== null) {
      if (name === skipUntil) {
        if (closing) skipDepth -= 1;
        else if (!m.selfClosing) skipDepth += 1;
        if (skipDepth === 0) skipUntil = null;
      }
      pos = tagEnd;
      continue;
    }
    if (tagStart > pos) appendTextRun(out, html, pos, tagStart);
    pos = tagEnd;
    if (name === undefined) continue; // comment, doctype, CDATA, processing instruction
    if (!closing && SKIP_CONTENT.has(name) && !m.selfClosing) {
      skipUntil = name;
      skipDepth = 1;
      continue;
    }
    if (name === 'br') appendBreak(out, tagStart, false);
    else if (BLOCK.has(name)) appendBreak(out, tagStart, true);
  }
  if (skipUntil === null && pos < html.length) appendTextRun(out, html, pos, html.length);
  out.trimEnd();
  return out.build(html.length);
}
