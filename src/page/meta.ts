/**
 * A page's structured data, read before any heuristic: JSON-LD (`NewsArticle`, `Article`,
 * `BlogPosting`, ... found at the top level, in arrays, in `@graph` or as `mainEntity`), `<meta>`
 * tags (Open Graph `og:`, `article:`, `name=` description/author/keywords/news_keywords, Dublin Core,
 * Parse.ly), `<link rel=canonical>`, `<html lang>`, `<time datetime>` and `itemprop` values.
 */
import { decodeReferences } from './text.js';
import type { PageElement, PageTree } from './tree.js';

/** A value and where it starts in the page (for mapping text back). */
export interface Located {
  text: string;
  start: number;
}

export interface PageMeta {
  /** JSON-LD article objects found, best first. */
  ld: LdArticle | undefined;
  /** `<meta>` values by lower-case `property`/`name`/`itemprop` key; several values per key kept. */
  meta: Map<string, Located[]>;
  canonical: string | undefined;
  htmlLang: string | undefined;
  /** `<time datetime>` values in document order (first few). */
  times: string[];
  /** Elements with `itemprop`, by lower-case itemprop (first few each). */
  itemprops: Map<string, PageElement[]>;
  h1s: PageElement[];
  /** Elements whose class names a byline (first few). */
  bylines: PageElement[];
}

export interface LdArticle {
  headline?: Located;
  description?: Located;
  articleBody?: Located;
  datePublished?: string;
  author?: string;
  keywords: string[];
  section?: string;
  lang?: string;
  url?: string;
  publisher?: string;
}

const ARTICLE_TYPE_RE = /(?:^|[^a-z])(?:news|report|analysis|opinion|review|scholarly|tech|satirical|background)?article$|posting$|^report$|liveblogposting$/i;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return [o.name];
    if (typeof o['@id'] === 'string') return [o['@id']];
  }
  return [];
}

function isArticle(o: Record<string, unknown>): boolean {
  return strings(o['@type']).some((t) => ARTICLE_TYPE_RE.test(t));
}

/** Every object of a JSON-LD value that is an article, with a bounded walk. */
function collectArticles(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 6 || out.length > 8) return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) collectArticles(v, out, depth + 1);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (isArticle(o)) out.push(o);
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) {
    if (key in o) collectArticles(o[key], out, depth + 1);
  }
}

/** A located string: the JSON text is searched in the script so that offsets fall near it. */
function locate(value: unknown, script: { text: string; start: number }): Located | undefined {
  const raw = strings(value)[0];
  if (raw === undefined || raw.trim().length === 0) return undefined;
  // some sites escape their JSON-LD text as HTML too ("&#163;", "&amp;")
  const text = decodeReferences(raw);
  const probe = JSON.stringify(raw.slice(0, 40)).slice(1, -1);
  const at = script.text.indexOf(probe);
  return { text, start: script.start + (at < 0 ? 0 : at) };
}

function readLd(tree: PageTree): LdArticle | undefined {
  let best: { o: Record<string, unknown>; script: { text: string; start: number } } | undefined;
  let bestRank = -1;
  for (const script of tree.jsonLd) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.text.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\/<!\[CDATA\[|\/\/\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const found: Record<string, unknown>[] = [];
    collectArticles(parsed, found, 0);
    for (const o of found) {
      const rank = (typeof o.articleBody === 'string' ? 2 : 0) + (o.headline !== undefined ? 1 : 0);
      if (rank > bestRank) {
        best = { o, script };
        bestRank = rank;
      }
    }
  }
  if (best === undefined) return undefined;
  const { o, script } = best;
  const keywords = strings(o.keywords).flatMap((k) => k.split(','));
  const ld: LdArticle = { keywords: keywords.map((k) => k.trim()).filter((k) => k.length > 0) };
  const headline = locate(o.headline ?? o.name, script);
  if (headline !== undefined) ld.headline = headline;
  const description = locate(o.description, script);
  if (description !== undefined) ld.description = description;
  const body = locate(o.articleBody, script);
  if (body !== undefined) ld.articleBody = body;
  const date = strings(o.datePublished ?? o.dateCreated)[0];
  if (date !== undefined) ld.datePublished = date;
  const authors = strings(o.author ?? o.creator).filter((a) => a.trim().length > 0 && !/^https?:/.test(a));
  if (authors.length > 0) ld.author = [...new Set(authors.map((a) => decodeReferences(a).trim()))].join(', ');
  const section = strings(o.articleSection)[0];
  if (section !== undefined) ld.section = section;
  const lang = strings(o.inLanguage)[0];
  if (lang !== undefined) ld.lang = lang;
  const url = strings(o.url ?? o.mainEntityOfPage)[0];
  if (url !== undefined && /^https?:\/\//.test(url)) ld.url = url;
  const publisher = strings(o.publisher)[0];
  if (publisher !== undefined) ld.publisher = publisher;
  return ld;
}

const MAX_LIST = 8;

/** Reads the structured data of a parsed page. One walk over the tree. */
export function readPageMeta(tree: PageTree): PageMeta {
  const meta = new Map<string, Located[]>();
  const itemprops = new Map<string, PageElement[]>();
  const times: string[] = [];
  const h1s: PageElement[] = [];
  const bylines: PageElement[] = [];
  let canonical: string | undefined;
  let htmlLang: string | undefined;
  const work: PageElement[] = [tree.root];
  while (work.length > 0) {
    const el = work.pop() as PageElement;
    const a = el.attrs;
    switch (el.tag) {
      case 'meta': {
        const content = a.get('content');
        if (content === undefined) break;
        const start = el.valueStart.get('content') ?? el.start;
        for (const k of ['property', 'name', 'itemprop', 'http-equiv']) {
          const key = a.get(k)?.trim().toLowerCase();
          if (key === undefined || key.length === 0) continue;
          const list = meta.get(key) ?? [];
          if (list.length < 32) list.push({ text: content, start });
          meta.set(key, list);
        }
        break;
      }
      case 'link':
        if (canonical === undefined && /(?:^|\s)canonical(?:\s|$)/i.test(a.get('rel') ?? '')) canonical = a.get('href');
        break;
      case 'html':
        htmlLang ??= a.get('lang') ?? a.get('xml:lang');
        break;
      case 'time': {
        const dt = a.get('datetime');
        if (dt !== undefined && times.length < MAX_LIST) times.push(dt);
        break;
      }
      case 'h1':
        if (h1s.length < MAX_LIST) h1s.push(el);
        break;
      default:
        break;
    }
    const cls = a.get('class');
    if (cls !== undefined && bylines.length < MAX_LIST && /byline|\bauthor(?:-name|s)?\b/i.test(cls)) bylines.push(el);
    const prop = a.get('itemprop');
    if (prop !== undefined) {
      for (const p of prop.toLowerCase().split(/\s+/)) {
        const list = itemprops.get(p) ?? [];
        if (list.length < MAX_LIST) list.push(el);
        itemprops.set(p, list);
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (child !== undefined && child.kind === 'element') work.push(child);
    }
  }
  return { ld: readLd(tree), meta, canonical, htmlLang, times, itemprops, h1s, bylines };
}

/** The first `<meta>` value among `keys`, in the order of the keys. */
export function firstMeta(meta: PageMeta, ...keys: string[]): Located | undefined {
  for (const key of keys) {
    const v = meta.meta.get(key)?.find((x) => x.text.trim().length > 0);
    if (v !== undefined) return v;
  }
  return undefined;
}
