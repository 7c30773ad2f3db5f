/**
 * Finds the markup of an HTML string from left to right: comments, CDATA sections, doctypes and other
 * `<!...>` declarations, processing instructions, and element tags with their attributes.
 *
 * It reads what the regular expression
 *
 *   <!--[\s\S]*?(?:-->|$) | <!\[CDATA\[[\s\S]*?(?:\]\]>|$) | <![^>]*> | <\?[^>]*>
 *     | <(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>
 *
 * would, in time linear in the input: the expression scanned to the end of the text from every "<a",
 * "<p " or "<!" that had no closing ">" (and backtracked over the name for each "-" or ":" in it), so
 * a body of "<a" repeated took quadratic time. Here the end of an element tag comes from a table
 * built once, backwards: for every position, the first ">" outside quoted attribute values.
 */

/** One piece of markup: `[start, end)` of the source, and for an element tag its name. */
export interface MarkupToken {
  start: number;
  end: number;
  /** Lower-case element name; undefined for comments, declarations and processing instructions. */
  name: string | undefined;
  closing: boolean;
  /** The tag ends with "/>". */
  selfClosing: boolean;
}

const LT = 60;
const GT = 62;
const DQUOTE = 34;
const SQUOTE = 39;

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character of an element name after its first letter: `[a-zA-Z0-9:-]`. */
function isNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 58 || c === 45;
}

/** A regular-expression word character: `[A-Za-z0-9_]`. */
function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * For every position `q`, the index of the first ">" reached when reading from `q` outside any quoted
 * value (a quoted value runs to its closing quote), or -1 when none is. Cost: O(length), 4 bytes per
 * character, built on the first element tag.
 */
function tagEnds(html: string): Int32Array {
  const n = html.length;
  const ends = new Int32Array(n + 1);
  ends[n] = -1;
  let nextDouble = -1;
  let nextSingle = -1;
  for (let i = n - 1; i >= 0; i--) {
    const c = html.charCodeAt(i);
    if (c === GT) ends[i] = i;
    else if (c === DQUOTE) ends[i] = nextDouble === -1 ? -1 : (ends[nextDouble + 1] as number);
    else if (c === SQUOTE) ends[i] = nextSingle === -1 ? -1 : (ends[nextSingle + 1] as number);
    else ends[i] = ends[i + 1] as number;
    if (c === DQUOTE) nextDouble = i;
    else if (c === SQUOTE) nextSingle = i;
  }
  return ends;
}

/** Iterates over the markup of one HTML string, in order. */
export class MarkupScanner {
  private readonly lastGt: number;
  private ends: Int32Array | undefined;

  constructor(private readonly html: string) {
    this.lastGt = html.lastIndexOf('>');
  }

  /** The first piece of markup that starts at or after `from`, or undefined. Amortized O(its length). */
  next(from: number): MarkupToken | undefined {
    const html = this.html;
    let p = html.indexOf('<', from);
    while (p !== -1) {
      const found = this.at(p);
      if (found !== undefined) return found;
      p = html.indexOf('<', p + 1);
    }
    return undefined;
  }

  /** The markup that starts at `p` (a "<"), or undefined when the "<" is text. */
  private at(p: number): MarkupToken | undefined {
    const html = this.html;
    const c1 = html.charCodeAt(p + 1);
    if (c1 === 33 /* ! */) {
      if (html.startsWith('<!--', p)) return this.until(p, p + 4, '-->');
      if (html.startsWith('<![CDATA[', p)) return this.until(p, p + 9, ']]>');
      return this.toGt(p, p + 2);
    }
    if (c1 === 63 /* ? */) return this.toGt(p, p + 2);
    const closing = c1 === 47; /* / */
    const nameStart = closing ? p + 2 : p + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) return undefined;
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    // the attributes need a ">" outside quotes; name characters are neither quotes nor ">"
    if (nameEnd > this.lastGt) return undefined;
    this.ends ??= tagEnds(html);
    const gt = this.ends[nameEnd] as number;
    if (gt === -1) return undefined;
    // the name is the longest prefix that ends on a word boundary (as `\b` after a greedy name)
    let k = nameEnd;
    while (k > nameStart && isWordChar(html.charCodeAt(k - 1)) === (k < html.length && isWordChar(html.charCodeAt(k)))) k--;
    if (k === nameStart) return undefined;
    const end = gt + 1;
    return { start: p, end, name: html.slice(nameStart, k).toLowerCase(), closing, selfClosing: html.charCodeAt(gt - 1) === 47 };
  }

  /** A construct that runs to `close` or, unclosed, to the end of the input. */
  private until(p: number, from: number, close: string): MarkupToken {
    const i = this.html.indexOf(close, from);
    return { start: p, end: i === -1 ? this.html.length : i + close.length, name: undefined, closing: false, selfClosing: false };
  }

  /** A construct that runs to the next ">", or undefined when no ">" follows. */
  private toGt(p: number, from: number): MarkupToken | undefined {
    if (from > this.lastGt) return undefined;
    return { start: p, end: this.html.indexOf('>', from) + 1, name: undefined, closing: false, selfClosing: false };
  }
}
