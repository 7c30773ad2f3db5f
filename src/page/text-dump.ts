/**
 * Plain-text page dumps (a web page copied or saved as text, menus and all): a line-level
 * boilerplate classifier in the spirit of jusText, then the densest cluster of prose lines.
 *
 * 1. Each non-blank line is classed: `bad` (list bullets and indented items, lines repeated elsewhere
 *    in the page such as menus, photo captions ending in an agency credit, lines of one to three
 *    words), `good` (prose: at least 12 words ending like a sentence, or 25 words), or `short`
 *    (headlines, subheadings, tickers without final punctuation, short sentences). Bylines, dates and
 *    reading times ("4 Min Read") are bad too, and mark the head of an article or a teaser.
 * 2. Good lines separated by at most `MAX_GAP` other non-blank lines, and by no byline, date or
 *    reading time, form a cluster; the cluster with the most words is the article. Its good lines, and its short lines that end like a sentence
 *    between two good ones, are the body.
 * 3. The title is the headline-like line before the cluster (above bylines, dates, "N Min Read");
 *    the byline and date are read from the bullets there; a list of short bullets right after the
 *    cluster is the page's tag list.
 *
 * The seed page of ../shared/examples is the only page dump in the development data; `MAX_GAP` and
 * the word thresholds were chosen on it (see the README, Evaluation).
 */
import { MappedTextBuilder } from '../text/offsets.js';
import type { ExtractedPage } from './extract.js';
import type { MappedText } from './render.js';

type LineClass = 'good' | 'short' | 'bad' | 'blank';

interface Line {
  /** Source range of the trimmed line. */
  start: number;
  end: number;
  text: string;
  words: number;
  bullet: boolean;
  /** A byline, a date or a reading time: the head of an article (or of a teaser); clusters break there. */
  header: boolean;
  cls: LineClass;
}

const MAX_GAP = 6;
const GOOD_WORDS = 12;
const LONG_WORDS = 25;
const BULLET_RE = /^[•·*▪►●◦‣–-]\s/u;
const SENTENCE_END_RE = /[.!?…:;"”'’»)\]]$/u;
const CREDIT_RE = /\((?:[^()]*(?:\/|\b(?:AP|AFP|Reuters|Getty|Images|EPA|KCNA|Xinhua|Anadolu|via|Photo|File)\b)[^()]*)\)$/u;
const DATE_RE = /\b(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\b/u;

const READ_TIME_RE = /^\d+\s+min(?:ute)?s?\.?\s+read$/iu;

function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Splits the page into lines with their source ranges (trimmed). Cost: O(text). */
function readLines(text: string): Line[] {
  const lines: Line[] = [];
  const counts = new Map<string, number>();
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const indented = lead >= 2 && trimmed.length > 0;
    const bullet = BULLET_RE.test(trimmed) || indented;
    const words = wordCount(trimmed);
    const item = trimmed.replace(BULLET_RE, '');
    const header = /^By\s+\S/u.test(item) || READ_TIME_RE.test(item) || (words <= 8 && DATE_RE.test(item));
    lines.push({ start: pos + lead, end: pos + lead + trimmed.length, text: trimmed, words, bullet, header, cls: trimmed.length === 0 ? 'blank' : 'short' });
    if (trimmed.length > 0) counts.set(trimmed, (counts.get(trimmed) ?? 0) + 1);
    pos = nl + 1;
  }
  for (const line of lines) {
    if (line.cls === 'blank') continue;
    const repeated = (counts.get(line.text) ?? 0) > 1;
    const sentence = SENTENCE_END_RE.test(line.text);
    if (line.bullet || line.header || repeated || line.words <= 3 || CREDIT_RE.test(line.text)) line.cls = 'bad';
    else if ((line.words >= GOOD_WORDS && sentence) || line.words >= LONG_WORDS) line.cls = 'good';
  }
  return lines;
}

interface Cluster {
  first: number;
  last: number;
  words: number;
}

/** Clusters of good lines with at most MAX_GAP non-blank lines between neighbours; the biggest wins. */
function mainCluster(lines: Line[]): Cluster | undefined {
  let best: Cluster | undefined;
  let current: Cluster | undefined;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.cls === 'blank') continue;
    if (line.cls !== 'good') {
      gap += line.header ? MAX_GAP + 1 : 1;
      continue;
    }
    if (current === undefined || gap > MAX_GAP) current = { first: i, last: i, words: 0 };
    current.last = i;
    current.words += line.words;
    gap = 0;
    if (best === undefined || current.words > best.words) best = current;
  }
  return best === undefined ? undefined : { ...best };
}

function mapped(text: string, lines: Line[]): MappedText {
  const out = new MappedTextBuilder();
  for (const line of lines) {
    if (out.outputLength > 0) out.replace('\n\n', line.start, line.start);
    out.copy(text, line.start, line.end);
  }
  return out.build(text.length);
}

/** The article of a plain-text page dump. Never throws; an empty page gives empty fields. */
export function extractTextDump(text: string): ExtractedPage {
  const lines = readLines(text);
  const cluster = mainCluster(lines);
  const empty: MappedText = { text: '', map: () => 0 };
  if (cluster === undefined) {
    return { html: false, article: { title: '', lede: '', body: '', tags: [] }, fields: { title: empty, lede: empty, body: empty } };
  }
  const kept: Line[] = [];
  for (let i = cluster.first; i <= cluster.last; i++) {
    const line = lines[i] as Line;
    if (line.cls === 'good' || (line.cls === 'short' && SENTENCE_END_RE.test(line.text) && line.words >= 6)) kept.push(line);
  }
  const body = mapped(text, kept);
  // before the cluster: bylines, dates and the headline
  let title: Line | undefined;
  let byline: string | undefined;
  let date: string | undefined;
  for (let i = cluster.first - 1, seen = 0; i >= 0 && seen < 12; i--) {
    const line = lines[i] as Line;
    if (line.cls === 'blank') continue;
    seen++;
    const item = line.text.replace(BULLET_RE, '').trim();
    if (byline === undefined && /^By\s+\S/u.test(item)) byline = item.replace(/^By\s+/u, '');
    if (date === undefined && DATE_RE.test(item)) date = DATE_RE.exec(item)?.[0];
    if (!line.bullet && line.words >= 4 && line.words <= 30 && !/[.!?]$/u.test(line.text)) {
      title = line;
      break;
    }
  }
  // right after the cluster: a list of short bullets is the page's tag list
  const tags: string[] = [];
  for (let i = cluster.last + 1; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.cls === 'blank') {
      if (tags.length > 0) break;
      continue;
    }
    const item = line.text.replace(BULLET_RE, '').trim();
    if (!line.bullet || line.words > 5 || /[.!?,:]/u.test(item)) break;
    tags.push(item);
  }
  const titleText = title === undefined ? empty : mapped(text, [title]);
  const article: ExtractedPage['article'] = { title: titleText.text, lede: '', body: body.text, tags: tags.length >= 2 ? tags : [] };
  if (byline !== undefined) article.byline = byline;
  if (date !== undefined) article.date = date;
  return { html: false, article, fields: { title: titleText, lede: empty, body } };
}
