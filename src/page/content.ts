/**
 * The main-content algorithm over the block tree (after Readability's, with trafilatura's taste for
 * precision): paragraphs are scored by their length and commas, the score flows to their ancestors,
 * link density discounts each candidate, and the best candidate (or a common ancestor of several
 * near-best ones) with its qualifying siblings is the article. Inside it, blocks that read as
 * boilerplate (link lists, share bars, image galleries, forms, short captions) are left out.
 *
 * The patterns, weights and thresholds are Readability's. A rule added beyond them stays only when,
 * left out, it loses on at least 5 of the 45 tuning pages (keys 0-3) and wins on none (a sign test,
 * p < 0.05); each says what it gained there. Rules that failed that test were dropped in round 2
 * (see the README's evaluation notes).
 */
import { linkDensity, type ElementStats, type Measured } from './blocks.js';
import type { PageElement } from './tree.js';

/**
 * Class or id words that mark boilerplate: Readability's list. (Round 1 added 21 words; left out,
 * only "author" and "caption" changed a tuning page, 3 pages and F1 0.0005 together: dropped.)
 */
export const NEGATIVE_RE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
export const POSITIVE_RE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
/**
 * Class or id words of blocks that are never article text, unless they also look like content:
 * Readability's lists. (Round 1's 11 extra words, "paywall" and "share" among them, changed no
 * tuning page; a paywalled article's own container is often named so.)
 */
const UNLIKELY_RE =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_RE = /and|article|body|column|content|main|mathjax|shadow/i;

const BLOCK_CHILD = new Set([
  'address', 'article', 'aside', 'blockquote', 'dl', 'div', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'li', 'select',
]);
const SCORE_TAGS = new Set(['p', 'pre', 'td', 'section', 'h2', 'h3', 'h4', 'h5', 'h6']);

export interface Settings {
  stripUnlikely: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
}

/** The class and id of an element, for the patterns. */
export function classAndId(el: PageElement): string {
  const cls = el.attrs.get('class');
  const id = el.attrs.get('id');
  return cls === undefined ? (id ?? '') : id === undefined ? cls : `${cls} ${id}`;
}

/** +25 for a content-like class or id, -25 for a boilerplate-like one (each of class and id). */
export function classWeight(el: PageElement): number {
  let w = 0;
  for (const v of [el.attrs.get('class'), el.attrs.get('id')]) {
    if (v === undefined || v.length === 0) continue;
    if (NEGATIVE_RE.test(v)) w -= 25;
    if (POSITIVE_RE.test(v)) w += 25;
  }
  return w;
}

function initialScore(el: PageElement, weight: boolean): number {
  let s = 0;
  switch (el.tag) {
    case 'div': case 'article': case 'main': s = 5; break;
    case 'pre': case 'td': case 'blockquote': s = 3; break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': s = -3; break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s = -5; break;
    default: break;
  }
  if (el.attrs.get('itemprop')?.toLowerCase().includes('articlebody')) s += 30;
  return weight ? s + classWeight(el) : s;
}

/** True when an element holds no block-level children (a `div` used as a paragraph). */
function isParagraphLike(el: PageElement): boolean {
  for (const c of el.children) if (c.kind === 'element' && BLOCK_CHILD.has(c.tag)) return false;
  return true;
}

export interface Candidate {
  /** The elements whose content is the article, in document order. */
  parts: PageElement[];
  /** Elements removed from inside them. */
  removed: Set<PageElement>;
  score: number;
}

/** Finds the article's elements. Cost: O(page). */
export function findContent(m: Measured, settings: Settings): Candidate | undefined {
  const { stats, skipped, body } = m;
  const unlikely = new Set<PageElement>();
  const scores = new Map<PageElement, number>();
  // walk the body in document order, skipping what never holds content
  const scoreable: PageElement[] = [];
  const containers: PageElement[] = [];
  const work: PageElement[] = [body];
  // Readability never strips an element inside a table (layout tables) or code as unlikely
  const inTable = new Set<PageElement>();
  while (work.length > 0) {
    const el = work.pop() as PageElement;
    if (skipped.has(el)) continue;
    const tableOrCode = inTable.has(el) || el.tag === 'table' || el.tag === 'code';
    if (settings.stripUnlikely && !inTable.has(el) && el !== body && el.tag !== 'a' && el.tag !== 'article' && el.tag !== 'main') {
      const ci = classAndId(el);
      if (ci.length > 0 && UNLIKELY_RE.test(ci) && !MAYBE_RE.test(ci) && !isEmbeddedPost(stats.get(el) as ElementStats)) {
        unlikely.add(el);
        continue;
      }
    }
    if (SCORE_TAGS.has(el.tag) || (el.tag === 'div' && isParagraphLike(el))) scoreable.push(el);
    else if (el.tag === 'div' || el.tag === 'article' || el.tag === 'main' || el.tag === 'section' || el.tag === 'td' || el.tag === 'body') containers.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c === undefined || c.kind !== 'element') continue;
      if (tableOrCode) inTable.add(c);
      work.push(c);
    }
  }
  const credit = (from: PageElement | undefined, text: number, commas: number): void => {
    if (text < 25) return;
    const own = 1 + commas + Math.min(Math.floor(text / 100), 3);
    let ancestor = from;
    for (let level = 0; level < 5 && ancestor !== undefined && ancestor.tag !== '#root'; level++) {
      if (!scores.has(ancestor)) scores.set(ancestor, initialScore(ancestor, settings.weightClasses));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, (scores.get(ancestor) as number) + own / divider);
      ancestor = ancestor.parent;
    }
  };
  for (const el of scoreable) {
    const s = stats.get(el) as ElementStats;
    credit(el.parent, s.text, s.commas);
  }
  // text standing loose in a block beside other blocks (paragraphs made of <br><br>) scores as
  // paragraphs of that block, as Readability's wrapping of phrasing content does
  for (const el of containers) {
    let text = 0;
    let commas = 0;
    let lastBr = false;
    for (const c of el.children) {
      if (c.kind === 'text') {
        const t = m.texts.get(c.start) ?? '';
        const n = t.trim().length;
        text += n;
        commas += countCommas(t);
        if (n > 0) lastBr = false;
        continue;
      }
      if (skipped.has(c) || unlikely.has(c)) continue;
      const block = BLOCK_CHILD.has(c.tag);
      if (block || (c.tag === 'br' && lastBr)) {
        credit(el, text, commas);
        text = 0;
        commas = 0;
      }
      lastBr = c.tag === 'br';
      if (!block && c.tag !== 'br') {
        const cs = stats.get(c) as ElementStats;
        text += cs.text;
        commas += cs.commas;
      }
    }
    credit(el, text, commas);
  }
  const ranked: { el: PageElement; score: number }[] = [];
  for (const [el, score] of scores) {
    const final = score * (1 - linkDensity(stats.get(el) as ElementStats));
    scores.set(el, final);
    ranked.push({ el, score: final });
  }
  ranked.sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (best === undefined) return undefined;
  let top = best.el;
  // several near-best candidates under one ancestor: the ancestor holds the article
  const near = ranked.slice(1, 5).filter((r) => r.score / best.score >= 0.75).map((r) => ancestorsOf(r.el));
  if (near.length >= 3) {
    for (let p = top.parent; p !== undefined && p !== body && p.tag !== '#root'; p = p.parent) {
      if (near.filter((list) => list.has(p as PageElement)).length >= 3) {
        top = p;
        break;
      }
    }
  }
  // climb while the parent scores higher than the candidate
  let lastScore = scores.get(top) ?? 0;
  const threshold = lastScore / 3;
  for (let p = top.parent; p !== undefined && p !== body && p.tag !== '#root'; p = p.parent) {
    const ps = scores.get(p);
    if (ps === undefined) continue;
    if (ps < threshold) break;
    if (ps > lastScore) {
      top = p;
      break;
    }
    lastScore = ps;
  }
  while (top.parent !== undefined && top.parent !== body && top.parent.tag !== '#root' && elementChildren(top.parent) === 1) top = top.parent;

  const topScore = scores.get(top) ?? 0;
  const parts: PageElement[] = [];
  const parent = top.parent;
  if (parent === undefined || top === body) parts.push(top);
  else {
    const siblingThreshold = Math.max(10, topScore * 0.2);
    const topClass = top.attrs.get('class') ?? '';
    for (const sib of parent.children) {
      if (sib.kind !== 'element' || skipped.has(sib) || unlikely.has(sib)) continue;
      if (sib === top) {
        parts.push(sib);
        continue;
      }
      const bonus = topClass !== '' && sib.attrs.get('class') === topClass ? topScore * 0.2 : 0;
      const ss = scores.get(sib);
      const st = stats.get(sib) as ElementStats;
      if (ss !== undefined && ss + bonus >= siblingThreshold) parts.push(sib);
      else if (sib.tag === 'p' || (sib.tag === 'div' && isParagraphLike(sib))) {
        const ld = linkDensity(st);
        if (st.text > 80 && ld < 0.25) parts.push(sib);
        else if (st.text > 0 && st.text <= 80 && ld === 0 && endsSentence(m, sib)) parts.push(sib);
      }
    }
  }
  const removed = new Set<PageElement>(unlikely);
  if (settings.cleanConditionally) for (const part of parts) clean(part, m, removed, settings);
  return { parts, removed, score: topScore };
}

/** True when an element is a wrapper of quoted text (an embedded tweet or the like). */
function isEmbeddedPost(s: ElementStats): boolean {
  return s.text > 0 && s.quote > 0.9 * s.text;
}

function countCommas(t: string): number {
  let n = 0;
  for (let i = t.indexOf(','); i >= 0; i = t.indexOf(',', i + 1)) n++;
  return n;
}

function elementChildren(el: PageElement): number {
  let n = 0;
  for (const c of el.children) if (c.kind === 'element') n++;
  return n;
}

function ancestorsOf(el: PageElement): Set<PageElement> {
  const out = new Set<PageElement>();
  for (let p = el.parent; p !== undefined; p = p.parent) out.add(p);
  return out;
}

function endsSentence(m: Measured, el: PageElement): boolean {
  let last = '';
  for (const c of el.children) if (c.kind === 'text') last = m.texts.get(c.start) ?? last;
  return /\.(?:\s|$)/.test(last);
}

// Readability's set; a wider one (ol, section, dl, header, footer) changed nothing on the tuning pages
const CLEAN_TAGS = new Set(['table', 'ul', 'div', 'form', 'fieldset']);

/**
 * Readability's conditional cleaning: inside the article, a table, list or div with few commas is
 * removed when it reads as boilerplate (more images than paragraphs, more list items than
 * paragraphs, form inputs, too little text, too many links, a lone embed).
 */
function clean(part: PageElement, m: Measured, removed: Set<PageElement>, settings: Settings): void {
  const work: PageElement[] = [];
  for (const c of part.children) if (c.kind === 'element') work.push(c);
  while (work.length > 0) {
    const el = work.pop() as PageElement;
    if (m.skipped.has(el)) continue;
    if (shouldRemove(el, m, settings)) {
      removed.add(el);
      continue;
    }
    for (const c of el.children) if (c.kind === 'element') work.push(c);
  }
}

function shouldRemove(el: PageElement, m: Measured, settings: Settings): boolean {
  const s = m.stats.get(el) as ElementStats;
  const weight = settings.weightClasses ? classWeight(el) : 0;
  const ci = classAndId(el);
  // Readability's: headings with a boilerplate class, small blocks named "share"
  if ((el.tag === 'h1' || el.tag === 'h2') && weight < 0) return true;
  if (SHARE_RE.test(ci) && s.text < 500) return true;
  // captions and figures (tuning pages, left in: 6 pages lose, none wins; P -0.005)
  if (el.tag === 'figure' || el.tag === 'figcaption') return true;
  // timestamps (tuning pages, left in: 7 pages lose, none wins; P -0.003)
  if (s.text > 0 && s.text < 120 && DATE_CLASS_RE.test(ci)) return true;
  if (!CLEAN_TAGS.has(el.tag) || inside(el, 'code')) return false;
  // an embedded post (a quoted tweet or the like) is part of the story, whatever its wrapper's class
  if (isEmbeddedPost(s)) return false;
  // Readability's conditional cleaning, rule for rule
  if (weight < 0) return true;
  if (s.commas >= 10 || s.video > 0) return false;
  const isList = el.tag === 'ul' || el.tag === 'ol' || (s.text > 0 && s.list / s.text > 0.9);
  const p = s.p;
  const img = s.img;
  const li = s.li - 100;
  const ld = linkDensity(s);
  const text = elementText(m, el);
  if (AD_WORDS_RE.test(text) || LOADING_WORDS_RE.test(text)) return true;
  const figure = inside(el, 'figure');
  let remove =
    (!figure && img > 1 && p / img < 0.5) ||
    (!isList && li > p) ||
    s.input > Math.floor(p / 3) ||
    (!isList && !figure && s.headings / Math.max(1, s.text) < 0.9 && s.text < 25 && (img === 0 || img > 2) && ld > 0) ||
    (!isList && weight < 25 && ld > 0.2) ||
    (weight >= 25 && ld > 0.5) ||
    (s.embed === 1 && s.text < 75) ||
    s.embed > 1 ||
    (img === 0 && s.textish === 0);
  // a simple list of images stays
  if (isList && remove && el.children.every((c) => c.kind !== 'element' || c.children.filter((x) => x.kind === 'element').length <= 1) && img === s.li) remove = false;
  return remove;
}

const DATE_CLASS_RE = /date|time|stamp|publish|updated|posted/i;
const SHARE_RE = /(?:\b|_)(?:share|sharedaddy)(?:\b|_)/i;

/** Readability's: a block whose whole text is one of these words. */
const AD_WORDS_RE = /^(?:ad(?:vertising|vertisement)?|pub(?:licité)?|werb(?:ung)?|广告|Реклама|Anuncio)$/iu;
const LOADING_WORDS_RE = /^(?:(?:loading|正在加载|Загрузка|chargement|cargando)(?:…|\.\.\.)?)$/iu;

function inside(el: PageElement, tag: string): boolean {
  for (let p = el.parent, n = 0; p !== undefined && n < 64; p = p.parent, n++) if (p.tag === tag) return true;
  return false;
}

/** The text of a short element (at most 40 characters, else ''), whitespace collapsed. */
function elementText(m: Measured, el: PageElement): string {
  return (m.stats.get(el) as ElementStats).text > 40 ? '' : shortText(m, el);
}

/** The text of an element in document order, whitespace collapsed (for short elements). */
function shortText(m: Measured, el: PageElement): string {
  let out = '';
  const work: PageElement[] = [el];
  const visit = (e: PageElement): void => {
    for (const c of e.children) {
      if (c.kind === 'text') out += m.texts.get(c.start) ?? '';
      else if (!m.skipped.has(c)) visit(c);
    }
  };
  for (const e of work) visit(e);
  return out.replace(/\s+/g, ' ').trim();
}
