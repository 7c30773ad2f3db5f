/**
 * Measures over the page tree, computed in one post-order pass: the text length of every element,
 * the part of it inside links, its commas, and which elements can never hold article text (scripts,
 * navigation, forms, hidden elements). The content scorer (`content.ts`) and the renderer read them.
 */
import { pageText } from './text.js';
import type { PageElement, PageTree } from './tree.js';

export interface ElementStats {
  /** Characters of text (whitespace collapsed) in the element and its descendants. */
  text: number;
  /** Of which inside `<a>` (links to a `#fragment` count 0.3, as in Readability). */
  link: number;
  /** Of which inside `ul`/`ol` lists. */
  list: number;
  /** Of which inside `blockquote` (quoted and embedded posts). */
  quote: number;
  /** Of which inside text-holding elements (span, li, td, p, div, ...: Readability's text density). */
  textish: number;
  commas: number;
  /** Descendant counts used by the cleaning rules. */
  p: number;
  img: number;
  li: number;
  input: number;
  /** Embedded frames and objects, other than players of the video sites Readability allows. */
  embed: number;
  /** Embedded video players (YouTube, Vimeo, ...): Readability keeps a block that holds one. */
  video: number;
  headings: number;
}

export interface Measured {
  html: string;
  tree: PageTree;
  stats: Map<PageElement, ElementStats>;
  /** Collapsed text of each text node, by its start offset. */
  texts: Map<number, string>;
  /** Elements that never hold article text. */
  skipped: Set<PageElement>;
  body: PageElement;
}

/**
 * Elements whose content is never article text. (`form` is not one: some sites wrap the whole page
 * in a form, ASP.NET's among them; a form inside the article is cleaned as Readability does.)
 */
export const NEVER_CONTENT = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'title',
  'nav', 'aside', 'button', 'select', 'textarea', 'input', 'label', 'dialog', 'menu', 'video', 'audio',
  'map', 'frameset', 'frame', 'option', 'picture', 'source',
]);
/** Readability's roles that are never content (more roles changed nothing on the tuning pages). */
const SKIP_ROLES = new Set(['navigation', 'menu', 'menubar', 'complementary', 'dialog', 'alertdialog', 'alert']);
const HIDDEN_STYLE_RE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const HASH_URL_RE = /^#./;
/** Readability's allowed video hosts. */
const VIDEO_RE = /\/\/(?:www\.)?(?:(?:dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili|live\.bilibili)\.com|(?:archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;
/** Readability's "textish" tags: span, li, td and the block tags a div may hold as a paragraph. */
const TEXTISH = new Set(['span', 'li', 'td', 'blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);
const COMMA_RE = /[,\u060c\uff0c\u3001]/g;

function emptyStats(): ElementStats {
  return { text: 0, link: 0, list: 0, quote: 0, textish: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, embed: 0, video: 0, headings: 0 };
}

/** True for elements hidden by attribute or inline style, or given a role that is never content. */
export function isHidden(el: PageElement): boolean {
  const a = el.attrs;
  if (a.has('hidden') || a.get('aria-hidden') === 'true') return true;
  const style = a.get('style');
  if (style !== undefined && HIDDEN_STYLE_RE.test(style)) return true;
  const role = a.get('role');
  return role !== undefined && SKIP_ROLES.has(role.toLowerCase());
}

/** Finds `<body>` (or the root when the page has none). */
function findBody(root: PageElement): PageElement {
  const work: PageElement[] = [root];
  let seen = 0;
  while (work.length > 0 && seen < 64) {
    const el = work.shift() as PageElement;
    seen++;
    if (el.tag === 'body') return el;
    for (const c of el.children) if (c.kind === 'element' && (c.tag === 'html' || c.tag === 'body')) work.push(c);
  }
  return root;
}

/** Measures every element of the page. Cost: O(page). */
export function measure(html: string, tree: PageTree): Measured {
  const stats = new Map<PageElement, ElementStats>();
  const texts = new Map<number, string>();
  const skipped = new Set<PageElement>();
  // iterative post-order walk: the tree may be hundreds of levels deep
  const order: PageElement[] = [];
  const work: PageElement[] = [tree.root];
  while (work.length > 0) {
    const el = work.pop() as PageElement;
    const parentSkipped = el.parent !== undefined && skipped.has(el.parent);
    if (parentSkipped || NEVER_CONTENT.has(el.tag) || isHidden(el)) skipped.add(el);
    order.push(el);
    for (const c of el.children) if (c.kind === 'element') work.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i] as PageElement;
    const s = emptyStats();
    stats.set(el, s);
    if (skipped.has(el)) {
      if (el.tag === 'input') s.input = 1;
      else if (el.tag === 'iframe' || el.tag === 'embed' || el.tag === 'object' || el.tag === 'video') {
        if (VIDEO_RE.test(el.attrs.get('src') ?? el.attrs.get('data') ?? '')) s.video = 1;
        else s.embed = 1;
      }
      continue;
    }
    for (const c of el.children) {
      if (c.kind === 'text') {
        const t = pageText(html, c.start, c.end);
        texts.set(c.start, t);
        const trimmed = t.trim().length;
        s.text += trimmed;
        COMMA_RE.lastIndex = 0;
        if (t.indexOf(',') >= 0 || t.indexOf('\u060c') >= 0) s.commas += t.match(COMMA_RE)?.length ?? 0;
        continue;
      }
      const cs = stats.get(c) as ElementStats;
      s.text += cs.text;
      s.link += c.tag === 'a' ? (HASH_URL_RE.test(c.attrs.get('href') ?? '') ? 0.3 * cs.text : cs.text) : cs.link;
      s.list += c.tag === 'ul' || c.tag === 'ol' ? cs.text : cs.list;
      s.quote += c.tag === 'blockquote' ? cs.text : cs.quote;
      s.textish += TEXTISH.has(c.tag) ? cs.text : cs.textish;
      s.commas += cs.commas;
      s.p += cs.p + (c.tag === 'p' ? 1 : 0);
      s.img += cs.img + (c.tag === 'img' ? 1 : 0);
      s.li += cs.li + (c.tag === 'li' ? 1 : 0);
      s.input += cs.input;
      s.embed += cs.embed;
      s.video += cs.video;
      s.headings += cs.headings + (/^h[1-6]$/.test(c.tag) ? cs.text : 0);
    }
  }
  return { html, tree, stats, texts, skipped, body: findBody(tree.root) };
}

/** Link density: the share of an element's text inside links. */
export function linkDensity(s: ElementStats): number {
  return s.text === 0 ? 0 : s.link / s.text;
}
