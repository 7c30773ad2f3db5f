/**
 * `extractArticle(page)`: the article inside a whole web page (or a page copied as text), as
 * `{ title, lede, body, date, byline, lang, url, section, tags }`.
 *
 * Structured data first (JSON-LD, `og:`/`article:` meta tags, `itemprop`), then the main-content
 * algorithm over the block tree (`content.ts`) for the body. Plain-text page dumps go through the
 * line classifier (`text-dump.ts`). Linear in the page; never throws on odd input.
 */
import { linkDensity, measure, type ElementStats, type Measured } from './blocks.js';
import { findContent, type Candidate, type Settings } from './content.js';
import { firstMeta, readPageMeta, type Located, type PageMeta } from './meta.js';
import { renderText, type MappedText } from './render.js';
import { decodeReferences } from './text.js';
import { extractTextDump } from './text-dump.js';
import { parsePage, type PageElement } from './tree.js';

/** What `extractArticle` returns. Absent values are empty strings (texts) or undefined. */
export interface ExtractedArticle {
  title: string;
  /** The standfirst or description, when it is not already the start of the body. */
  lede: string;
  /** The article text, paragraphs separated by blank lines. */
  body: string;
  /** Publication date as the page gives it (ISO 8601 in structured data). */
  date?: string;
  byline?: string;
  /** ISO 639-1 code, lower case. */
  lang?: string;
  url?: string;
  section?: string;
  /** The page's own keywords or tags (editors' tags), in page order, without duplicates. */
  tags: string[];
}

export interface ExtractOptions {
  /** 'auto' (default): HTML when the page has markup, else a plain-text page dump. */
  format?: 'auto' | 'html' | 'text';
}

/** The extracted article with, for each text field, a map from its offsets back into the page. */
export interface ExtractedPage {
  article: ExtractedArticle;
  /** True when the page was read as HTML (false: a plain-text page dump). */
  html: boolean;
  fields: { title: MappedText; lede: MappedText; body: MappedText };
}

const EMPTY: MappedText = { text: '', map: () => 0 };
const MARKUP_RE = /<(?:!doctype|html|head|body|div|p|article|section|main|span|a|br|h[1-6]|meta|title|table|ul|li)\b/i;
/** Relaxed settings, tried in turn when the strict pass finds less than `MIN_BODY` characters. */
const PASSES: readonly Settings[] = [
  { stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];
const MIN_BODY = 500;

/** The article of a whole page. See `ExtractedArticle`. */
export function extractArticle(page: string, options: ExtractOptions = {}): ExtractedArticle {
  return extractPage(page, options).article;
}

/** Like `extractArticle`, with offset maps into the page (used by `format: 'page'`). */
export function extractPage(page: string, options: ExtractOptions = {}): ExtractedPage {
  const input = typeof page === 'string' ? page : '';
  const format = options.format ?? 'auto';
  const html = format === 'html' || (format === 'auto' && MARKUP_RE.test(input.slice(0, 100_000)));
  if (!html) return extractTextDump(input);
  const tree = parsePage(input, decodeReferences);
  const meta = readPageMeta(tree);
  const m = measure(input, tree);
  const title = findTitle(m, meta);
  const body = findBody(m, titleHeadings(meta));
  const lede = findLede(meta, body.text);
  const article: ExtractedArticle = { title: title.text, lede: lede.text, body: body.text, tags: findTags(meta) };
  const date = findDate(meta);
  if (date !== undefined) article.date = date;
  const byline = findByline(m, meta);
  if (byline !== undefined) article.byline = byline;
  const lang = findLang(meta);
  if (lang !== undefined) article.lang = lang;
  const url = meta.canonical ?? firstMeta(meta, 'og:url')?.text ?? meta.ld?.url;
  if (url !== undefined && url.trim().length > 0) article.url = url.trim();
  const section = meta.ld?.section ?? firstMeta(meta, 'article:section', 'parsely-section', 'section')?.text;
  if (section !== undefined && section.trim().length > 0) article.section = section.trim();
  return { article, html: true, fields: { title, lede, body } };
}

function findBody(m: Measured, exclude: readonly PageElement[]): MappedText {
  let best: MappedText = EMPTY;
  for (const settings of PASSES) {
    const found: Candidate | undefined = findContent(m, settings);
    if (found === undefined) continue;
    for (const el of exclude) found.removed.add(el);
    const text = renderText(m, found.parts, found.removed);
    if (text.text.length > best.text.length) best = text;
    if (best.text.length >= MIN_BODY) break;
  }
  // nothing scored at all (no paragraph of 25 characters): the text of the body, as a last resort,
  // unless it is mostly links (a page that is only a list of links has no article)
  if (best.text.length > 0 || linkDensity(m.stats.get(m.body) as ElementStats) > 0.5) return best;
  return renderText(m, [m.body], new Set(exclude));
}

/**
 * The `<h1>` elements: the page's headline is the title field, not body text. (Dropping every h1
 * scored as well as dropping only those that repeat the title on the tuning pages, P +0.001.)
 */
function titleHeadings(meta: PageMeta): PageElement[] {
  return meta.h1s;
}

/** A located string as mapped text: offsets map linearly from where the value starts. */
function located(value: Located | undefined, pageLength: number): MappedText {
  if (value === undefined) return EMPTY;
  const raw = value.text;
  const lead = raw.length - raw.trimStart().length;
  const text = collapse(raw);
  const start = value.start + lead;
  return { text, map: (o) => Math.min(start + o, pageLength) };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const SEPARATOR_RE = /\s+[|\u2013\u2014:·•»«\\/-]\s+|\s+[-–—]{1,2}\s+/;

/** The headline without the site name. */
function findTitle(m: Measured, meta: PageMeta): MappedText {
  const n = m.html.length;
  const h1 = meta.h1s.find((el) => !m.skipped.has(el) && elementText(m, el).length > 0);
  const h1Text = h1 === undefined ? '' : elementText(m, h1);
  const candidates = [meta.ld?.headline, firstMeta(meta, 'og:title', 'twitter:title', 'headline', 'title'), m.tree.title];
  for (const c of candidates) {
    if (c === undefined) continue;
    const text = collapse(c === m.tree.title ? decodeReferences(c.text) : c.text);
    if (text.length === 0) continue;
    const stripped = stripSiteName(text, meta, h1Text);
    const at = text.indexOf(stripped);
    return located({ text: stripped, start: c.start + Math.max(0, at) }, n);
  }
  if (h1 !== undefined) return located({ text: h1Text, start: h1.start }, n);
  return EMPTY;
}

function stripSiteName(title: string, meta: PageMeta, h1: string): string {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (h1.length > 0 && norm(title) !== norm(h1) && norm(title).includes(norm(h1)) && h1.split(' ').length >= 3) return h1;
  const site = firstMeta(meta, 'og:site_name', 'application-name', 'twitter:site')?.text ?? meta.ld?.publisher ?? '';
  const parts = title.split(SEPARATOR_RE);
  if (parts.length < 2) return title;
  const siteKey = norm(site.replace(/^@/, ''));
  const kept = parts.filter((p) => siteKey.length === 0 || (norm(p) !== siteKey && !siteKey.includes(norm(p))));
  if (siteKey.length > 0 && kept.length > 0 && kept.length < parts.length) return kept.join(' - ');
  // no site name to compare: drop a short last (or first) part
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (last.split(' ').length <= 4 && first.split(' ').length >= 4) return parts.slice(0, -1).join(' - ');
  if (first.split(' ').length <= 3 && last.split(' ').length >= 4) return parts.slice(1).join(' - ');
  return title;
}

function elementText(m: Measured, el: PageElement): string {
  return collapse(renderText(m, [el], new Set()).text);
}

function findLede(meta: PageMeta, body: string): MappedText {
  const d = meta.ld?.description ?? firstMeta(meta, 'og:description', 'description', 'twitter:description');
  if (d === undefined) return EMPTY;
  const lede = located({ text: decodeReferences(d.text), start: d.start }, Number.MAX_SAFE_INTEGER);
  const key = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const head = key(body.slice(0, lede.text.length * 2 + 200));
  const probe = key(lede.text).split(' ').slice(0, 12).join(' ');
  if (probe.length === 0 || head.includes(probe) || /\.\.\.$|…$/.test(lede.text)) return EMPTY;
  return lede;
}

function findDate(meta: PageMeta): string | undefined {
  const candidates = [
    meta.ld?.datePublished,
    firstMeta(meta, 'article:published_time', 'og:published_time', 'datepublished', 'parsely-pub-date', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'sailthru.date', 'article.published')?.text,
    meta.itemprops.get('datepublished')?.map((el) => el.attrs.get('datetime') ?? el.attrs.get('content'))[0],
    meta.times[0],
  ];
  return candidates.find((c): c is string => c !== undefined && c.trim().length > 0)?.trim();
}

function findByline(m: Measured, meta: PageMeta): string | undefined {
  if (meta.ld?.author !== undefined) return meta.ld.author;
  const metaAuthor = firstMeta(meta, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator')?.text;
  if (metaAuthor !== undefined && !/^https?:/.test(metaAuthor)) return collapse(metaAuthor);
  for (const el of [...(meta.itemprops.get('author') ?? []), ...meta.bylines]) {
    if (m.skipped.has(el)) continue;
    // a byline element often holds the date too: keep what stands before it
    const text = (el.attrs.get('content') ?? elementText(m, el)).split(/\s[·|•]\s|\s+\d{1,2}\s+\w+\s+\d{4}/u)[0]?.replace(/^by\s+/iu, '').trim() ?? '';
    if (text.length > 0 && text.length < 120) return text;
  }
  return undefined;
}

function findLang(meta: PageMeta): string | undefined {
  const raw = meta.htmlLang ?? meta.ld?.lang ?? firstMeta(meta, 'og:locale', 'content-language', 'language')?.text;
  const m = raw === undefined ? null : /^\s*([a-z]{2,3})(?:$|[-_\s])/i.exec(raw);
  return m === null ? undefined : (m[1] as string).toLowerCase();
}

function findTags(meta: PageMeta): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (t: string): void => {
    const tag = collapse(decodeReferences(t));
    const key = tag.toLowerCase();
    // CMS-internal markers ("@post-id:123", "_no-feed") are not editors' tags
    if (tag.length === 0 || tag.length > 80 || seen.has(key) || /^[@_#]|:\S|^(?:true|false|null)$/i.test(tag)) return;
    seen.add(key);
    out.push(tag);
  };
  for (const t of meta.meta.get('article:tag') ?? []) add(t.text);
  for (const t of meta.ld?.keywords ?? []) add(t);
  for (const key of ['news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags']) {
    for (const v of meta.meta.get(key) ?? []) for (const t of v.text.split(/[,;]/)) add(t);
  }
  return out.slice(0, 50);
}
