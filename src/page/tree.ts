/**
 * A linear HTML scanner that builds a light element tree for content extraction: elements with their
 * attributes, text nodes with their source ranges (so extracted text maps back into the page), and the
 * content of `application/ld+json` scripts. Browser-safe, no DOM.
 *
 * Every character of the page is visited a bounded number of times: tags and attributes are read
 * with a cursor (no backtracking regular expressions), raw-text elements (script, style, ...) are
 * skipped with one forward search for their end tag, and an end tag looks for its element at most
 * `MAX_CLOSE_SEARCH` levels up the open-element stack, which is itself capped at `MAX_DEPTH`.
 * Malformed markup is read as browsers would in the common cases (implied end of `p`, `li`, `td`,
 * stray end tags ignored); nothing throws.
 */

export interface PageText {
  kind: 'text';
  /** Source range of the raw text (character references not yet decoded). */
  start: number;
  end: number;
}

export interface PageElement {
  kind: 'element';
  /** Lower-case tag name. */
  tag: string;
  /** Attributes by lower-case name (first occurrence wins), values decoded. */
  attrs: Map<string, string>;
  /** Source range of each attribute value, for mapping meta tag text back into the page. */
  valueStart: Map<string, number>;
  children: PageNode[];
  parent: PageElement | undefined;
  /** Source offset of the start tag. */
  start: number;
}

export type PageNode = PageElement | PageText;

export interface PageTree {
  root: PageElement;
  /** The text of each `<script type="application/ld+json">`, with its source offset. */
  jsonLd: { text: string; start: number }[];
  /** The text of `<title>`, when the page has one. */
  title: { text: string; start: number } | undefined;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'frame']);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Start tags that end an open `p`. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'li',
]);
/** For a start tag, the open elements it implicitly ends, and the elements that bound that search. */
const IMPLIED_END: ReadonlyMap<string, { ends: ReadonlySet<string>; bounds: ReadonlySet<string> }> = new Map([
  ['li', { ends: new Set(['li']), bounds: new Set(['ul', 'ol', 'menu']) }],
  ['dt', { ends: new Set(['dt', 'dd']), bounds: new Set(['dl']) }],
  ['dd', { ends: new Set(['dt', 'dd']), bounds: new Set(['dl']) }],
  ['tr', { ends: new Set(['tr', 'td', 'th']), bounds: new Set(['table', 'tbody', 'thead', 'tfoot']) }],
  ['td', { ends: new Set(['td', 'th']), bounds: new Set(['tr', 'table']) }],
  ['th', { ends: new Set(['td', 'th']), bounds: new Set(['tr', 'table']) }],
  ['option', { ends: new Set(['option']), bounds: new Set(['select', 'datalist']) }],
]);
const MAX_DEPTH = 400;
const MAX_CLOSE_SEARCH = 48;
const MAX_JSON_LD = 2_000_000;

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function element(tag: string, parent: PageElement | undefined, start: number): PageElement {
  return { kind: 'element', tag, attrs: new Map(), valueStart: new Map(), children: [], parent, start };
}

/** Decodes the character references of an attribute value (plain strings, no offsets needed). */
export type DecodeFn = (raw: string) => string;

/**
 * Parses `html` into a tree. `decode` turns an attribute value's character references into text.
 */
export function parsePage(html: string, decode: DecodeFn): PageTree {
  const root = element('#root', undefined, 0);
  const stack: PageElement[] = [root];
  const jsonLd: { text: string; start: number }[] = [];
  let title: PageTree['title'];
  const n = html.length;
  let pos = 0;
  let textStart = 0;
  const top = (): PageElement => stack[stack.length - 1] as PageElement;
  const flushText = (end: number): void => {
    if (end > textStart) top().children.push({ kind: 'text', start: textStart, end });
  };
  const popTo = (index: number): void => {
    stack.length = index;
  };

  while (pos < n) {
    const lt = html.indexOf('<', pos);
    if (lt < 0 || lt + 1 >= n) break;
    const c = html.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      flushText(lt);
      const end = html.startsWith('<!--', lt) ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
      pos = end < 0 ? n : end + (html.startsWith('<!--', lt) ? 3 : 1);
      textStart = pos;
      continue;
    }
    if (c === 63 /* ? */) {
      flushText(lt);
      const end = html.indexOf('>', lt + 2);
      pos = end < 0 ? n : end + 1;
      textStart = pos;
      continue;
    }
    const closing = c === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (nameStart >= n || !isNameStart(html.charCodeAt(nameStart))) {
      pos = lt + 1; // a literal '<' in text
      continue;
    }
    flushText(lt);
    let i = nameStart;
    while (i < n) {
      const d = html.charCodeAt(i);
      if (isSpace(d) || d === 47 || d === 62) break;
      i++;
    }
    const tag = html.slice(nameStart, i).toLowerCase();
    // attributes, read with a cursor; quoted values may contain '>'
    const current = closing ? undefined : element(tag, undefined, lt);
    let selfClosing = false;
    while (i < n) {
      const d = html.charCodeAt(i);
      if (d === 62) {
        i++;
        break;
      }
      if (isSpace(d)) {
        i++;
        continue;
      }
      if (d === 47) {
        selfClosing = html.charCodeAt(i + 1) === 62;
        i++;
        continue;
      }
      const attrStart = i;
      while (i < n) {
        const e = html.charCodeAt(i);
        if (isSpace(e) || e === 61 || e === 62 || (e === 47 && html.charCodeAt(i + 1) === 62)) break;
        i++;
      }
      if (i === attrStart) i++; // a stray character (e.g. '=' alone)
      const name = html.slice(attrStart, i).toLowerCase();
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      let value = '';
      let vStart = i;
      if (html.charCodeAt(i) === 61) {
        i++;
        while (i < n && isSpace(html.charCodeAt(i))) i++;
        const q = html.charCodeAt(i);
        if (q === 34 || q === 39) {
          const close = html.indexOf(q === 34 ? '"' : "'", i + 1);
          const end = close < 0 ? n : close;
          vStart = i + 1;
          value = html.slice(i + 1, end);
          i = end + 1;
        } else {
          vStart = i;
          while (i < n) {
            const e = html.charCodeAt(i);
            if (isSpace(e) || e === 62) break;
            i++;
          }
          value = html.slice(vStart, i);
        }
      }
      if (current !== undefined && name.length > 0 && !current.attrs.has(name)) {
        current.attrs.set(name, value.indexOf('&') >= 0 ? decode(value) : value);
        current.valueStart.set(name, vStart);
      }
    }
    pos = Math.min(i, n);
    textStart = pos;

    if (closing) {
      const limit = Math.max(1, stack.length - MAX_CLOSE_SEARCH);
      let found = false;
      for (let k = stack.length - 1; k >= limit; k--) {
        if ((stack[k] as PageElement).tag === tag) {
          popTo(k);
          found = true;
          break;
        }
      }
      if (tag === 'p' && !found) {
        // a stray </p> stands for an empty paragraph: a break
        top().children.push(element('br', top(), lt));
      }
      continue;
    }
    const el = current as PageElement;
    // implied end tags
    if (CLOSES_P.has(tag)) {
      const limit = Math.max(1, stack.length - 4);
      for (let k = stack.length - 1; k >= limit; k--) {
        const t = (stack[k] as PageElement).tag;
        if (t === 'p') {
          popTo(k);
          break;
        }
        if (!INLINE.has(t)) break;
      }
    }
    const implied = IMPLIED_END.get(tag);
    if (implied !== undefined) {
      const limit = Math.max(1, stack.length - MAX_CLOSE_SEARCH);
      for (let k = stack.length - 1; k >= limit; k--) {
        const t = (stack[k] as PageElement).tag;
        if (implied.bounds.has(t)) break;
        if (implied.ends.has(t)) {
          popTo(k);
          break;
        }
      }
    }
    const parent = top();
    el.parent = parent;
    parent.children.push(el);
    if (RAW_TEXT.has(tag) && !selfClosing) {
      const endTag = findEndTag(html, tag, pos);
      const contentEnd = endTag < 0 ? n : endTag;
      if (tag === 'script' && /ld\+json/i.test(el.attrs.get('type') ?? '') && contentEnd - pos <= MAX_JSON_LD) {
        jsonLd.push({ text: html.slice(pos, contentEnd), start: pos });
      } else if (tag === 'title' && title === undefined && parent.tag !== 'svg') {
        title = { text: html.slice(pos, contentEnd), start: pos };
      }
      if (tag === 'title') el.children.push({ kind: 'text', start: pos, end: contentEnd });
      const close = endTag < 0 ? n : html.indexOf('>', endTag);
      pos = close < 0 ? n : close + 1;
      textStart = pos;
      continue;
    }
    if (VOID.has(tag) || selfClosing) continue;
    if (stack.length < MAX_DEPTH) stack.push(el);
  }
  textStart = Math.min(textStart, n);
  if (textStart < n) top().children.push({ kind: 'text', start: textStart, end: n });
  return { root, jsonLd, title };
}

/** Inline elements an implied `</p>` may pass through. */
const INLINE = new Set(['a', 'b', 'i', 'em', 'strong', 'span', 'font', 'small', 'u', 'sup', 'sub', 'abbr', 'cite', 'code', 'mark', 'q', 's', 'time']);

const END_TAG_RES = new Map<string, RegExp>();

/** Offset of the `</tag` that ends a raw-text element, or -1. One forward search. */
function findEndTag(html: string, tag: string, from: number): number {
  let re = END_TAG_RES.get(tag);
  if (re === undefined) {
    re = new RegExp(`</${tag}[\\s/>]`, 'gi');
    END_TAG_RES.set(tag, re);
  }
  re.lastIndex = from;
  const m = re.exec(html);
  return m === null ? -1 : m.index;
}
