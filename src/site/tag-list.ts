/**
 * The site's tag list: the labels its editors use, cleaned and counted, and a matcher that finds each
 * label's own words in an article's tokens (so a topic tag such as "Refugees" or a name the gazetteer
 * lacks is seen where the text says it).
 *
 * Cleaning: labels are trimmed and inner whitespace collapsed; blank labels and a label repeated on
 * one article are skipped and counted. Labels with the same name key ("Nato", "NATO") are one tag,
 * shown in the site's most frequent spelling. Tags used on fewer than `minTagCount` articles, and all
 * but the `maxTags` most frequent, are left out of the model and counted.
 */
import { nameKey } from '../entities/gazetteer.js';
import { salienceFeatures, salienceScore, type ParagraphLayout } from '../entities/salience.js';
import { tokenize } from '../text/tokenize.js';
import type { EntityMention, Mention, Token } from '../types.js';
import type { SiteAnalyzer } from './analyzer.js';
import type { DocPhrase } from './types.js';

/** What cleaning the archive's tags skipped, counted. */
export interface TagListStats {
  /** Articles with no usable tag (none, or only blank ones). */
  untagged: number;
  blankTags: number;
  duplicateTags: number;
  /** Distinct tags seen, before the rare ones were left out. */
  distinctTags: number;
  /** Distinct tags left out as rarer than `minTagCount` or beyond `maxTags`. */
  rareTags: number;
}

export interface TagList {
  labels: string[];
  /** Articles per tag. */
  counts: number[];
  /** Tag ids of each article (same order as the input). */
  perArticle: number[][];
  stats: TagListStats;
}

const SPACE_RE = /\s+/g;

/** Cleans one label: trimmed, inner whitespace collapsed; '' when blank or not a string. */
export function cleanLabel(label: unknown): string {
  return typeof label === 'string' ? label.replace(SPACE_RE, ' ').trim() : '';
}

/** Builds the tag list from each article's raw labels. O(total labels). */
export function collectTags(raw: readonly (readonly unknown[])[], minTagCount: number, maxTags: number): TagList {
  const stats: TagListStats = { untagged: 0, blankTags: 0, duplicateTags: 0, distinctTags: 0, rareTags: 0 };
  const keyOf = new Map<string, string>();
  const spellings = new Map<string, Map<string, number>>();
  const counts = new Map<string, number>();
  const keysPerArticle: string[][] = [];
  for (const labels of raw) {
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const l of labels) {
      const label = cleanLabel(l);
      if (label.length === 0) {
        stats.blankTags++;
        continue;
      }
      let key = keyOf.get(label);
      if (key === undefined) {
        key = nameKey(label) || label.toLowerCase();
        if (keyOf.size < 1_000_000) keyOf.set(label, key);
      }
      if (seen.has(key)) {
        stats.duplicateTags++;
        continue;
      }
      seen.add(key);
      keys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      let s = spellings.get(key);
      if (s === undefined) spellings.set(key, (s = new Map()));
      s.set(label, (s.get(label) ?? 0) + 1);
    }
    if (keys.length === 0) stats.untagged++;
    keysPerArticle.push(keys);
  }
  stats.distinctTags = counts.size;
  const kept = [...counts.entries()]
    .filter(([, n]) => n >= minTagCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTags);
  stats.rareTags = counts.size - kept.length;
  const idOf = new Map<string, number>();
  const labels: string[] = [];
  for (const [key] of kept) {
    idOf.set(key, labels.length);
    const s = spellings.get(key) as Map<string, number>;
    let best = '';
    let bestN = -1;
    for (const [label, n] of s) if (n > bestN || (n === bestN && label < best)) [best, bestN] = [label, n];
    labels.push(best);
  }
  const perArticle = keysPerArticle.map((keys) => {
    const ids: number[] = [];
    for (const k of keys) {
      const id = idOf.get(k);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  });
  return { labels, counts: kept.map(([, n]) => n), perArticle, stats };
}

interface Phrase {
  tag: number;
  keys: string[];
}

/** Finds tag labels in an article's tokens, longest first, without overlaps. */
export class TagMatcher {
  private readonly first = new Map<string, Phrase[]>();
  /** The match keys of a whole label, joined -> its tag; and names already looked up (bounded). */
  private readonly whole = new Map<string, number>();
  private readonly named = new Map<string, number>();

  constructor(
    labels: readonly string[],
    private readonly analyzer: SiteAnalyzer,
    lang: string,
  ) {
    for (let tag = 0; tag < labels.length; tag++) {
      const keys = labelKeys(labels[tag] as string, analyzer, lang);
      if (keys.length === 0 || keys.length > 8) continue;
      if (!this.whole.has(keys.join(' '))) this.whole.set(keys.join(' '), tag);
      let list = this.first.get(keys[0] as string);
      if (list === undefined) this.first.set(keys[0] as string, (list = []));
      list.push({ tag, keys });
    }
    for (const list of this.first.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  }

  /** The tag whose label has the same match keys as `name` ("Europe", "UK news"), or -1. */
  tagNamed(name: string, lang: string): number {
    let t = this.named.get(name);
    if (t === undefined) {
      t = this.whole.get(labelKeys(name, this.analyzer, lang).join(' ')) ?? -1;
      if (this.named.size >= 10_000) this.named.clear();
      this.named.set(name, t);
    }
    return t;
  }

  /**
   * The tags whose words occur in `tokens`, with salience features of those occurrences. `keys` are
   * the tokens' match keys ('' for tokens that are not words or numbers); proclitic alternatives are
   * written into it where they name a tag. O(tokens).
   */
  match(tokens: readonly Token[], keys: string[], layout: ParagraphLayout, words: number, lang: string): DocPhrase[] {
    const byTag = new Map<number, EntityMention[]>();
    for (let i = 0; i < tokens.length; i++) {
      let list = this.first.get(keys[i] as string);
      if (list === undefined && keys[i] !== '') {
        // the word without its proclitics ("بغزة" -> "غزة"), when it names a tag
        for (const alt of this.analyzer.alternatives((tokens[i] as Token).norm, lang)) {
          list = this.first.get(alt);
          if (list !== undefined) {
            keys[i] = alt;
            break;
          }
        }
      }
      if (list === undefined) continue;
      for (const p of list) {
        if (!matchesAt(keys, i, p.keys)) continue;
        const start = tokens[i] as Token;
        const end = tokens[i + p.keys.length - 1] as Token;
        const mention: Mention = {
          text: start.text, type: 'other', field: start.field, start: start.start, end: end.end,
          tokenStart: i, tokenEnd: i + p.keys.length, source: 'site',
        };
        let m = byTag.get(p.tag);
        if (m === undefined) byTag.set(p.tag, (m = []));
        m.push({ mention, weight: 1, reason: 'name' });
        i += p.keys.length - 1;
        break;
      }
    }
    const out: DocPhrase[] = [];
    for (const [tag, mentions] of byTag) {
      const f = salienceFeatures({ mentions }, tokens, layout, words);
      out.push({ tag, score: salienceScore(f), title: f.title, lede: f.lede, count: f.count, mentions: mentions.map((m) => m.mention) });
    }
    return out;
  }
}

function matchesAt(keys: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > keys.length) return false;
  for (let j = 1; j < phrase.length; j++) if (keys[at + j] !== phrase[j]) return false;
  return true;
}

/** The match keys of a label's words (the same keys as an article's tokens). */
export function labelKeys(label: string, analyzer: SiteAnalyzer, lang: string): string[] {
  const { tokens } = tokenize(label.normalize('NFC'), 'body');
  const out: string[] = [];
  for (const t of tokens) if ((t.kind === 'word' || t.kind === 'number') && t.norm !== "'s") out.push(analyzer.key(t.norm, lang));
  return out;
}
