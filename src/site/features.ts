/**
 * From an analyzed article to what the site model reads: feature words (match keys with field-weighted
 * counts), entities with their salience, and tag-list matches; then the sparse TF-IDF vector over the
 * model's vocabulary, with entity ids as features of their own.
 */
import { nameKey } from '../entities/gazetteer.js';
import type { Token } from '../types.js';
import type { SiteAnalyzer } from './analyzer.js';
import type { TagMatcher } from './tag-list.js';
import type { DocData, DocEntity, DocPhrase, SiteDocument } from './types.js';

/** Count of a title word (a title names what the story is about). */
export const TITLE_WEIGHT = 2;
/** Prefix of entity features in the vocabulary (cannot start a word key). */
export const ENTITY_FEATURE = '\u0001';
/** Prefix of region-section features. */
export const REGION_FEATURE = '\u0002';
/** Least score of a region section read as a feature. */
export const REGION_MIN_SCORE = 0.1;

/** The comparable id of an entity: its gazetteer id, or "new:" and the name key of an unknown name. */
export function entityKey(id: string, label: string): string {
  return id.startsWith('new:') ? `new:${nameKey(label)}` : id;
}

/** Reads one analyzed article. O(tokens + entities). */
export function docData(id: string, doc: SiteDocument, matcher: TagMatcher, analyzer: SiteAnalyzer, tags: number[] = [], withDisplay = false): DocData {
  const terms = new Map<string, number>();
  const display = withDisplay ? new Map<string, string>() : undefined;
  const tokens = doc.text.tokens;
  // one match key per token serves the features and the tag-list matcher
  const keys: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    keys[i] = t.kind === 'word' || t.kind === 'number' ? analyzer.key(t.norm, doc.lang) : '';
    if (t.kind !== 'word' || analyzer.isStop(t.norm, doc.lang)) continue;
    const key = keys[i] as string;
    const before = terms.get(key);
    if (before === undefined && display !== undefined) display.set(key, t.text);
    terms.set(key, (before ?? 0) + (t.field === 'title' ? TITLE_WEIGHT : 1));
  }
  const entities: DocEntity[] = [];
  const seen = new Set<string>();
  let plainRank = 0;
  for (const r of doc.ranked) {
    const key = entityKey(r.entity.id, r.entity.label);
    if (seen.has(key)) continue;
    seen.add(key);
    const typed = r.entity.type !== 'other';
    entities.push({ id: key, label: r.entity.label, type: r.entity.type, score: r.score, title: r.features.title, lede: r.features.lede, count: r.features.count, rank: entities.length, plainRank: typed ? plainRank : -1 });
    if (typed) plainRank++;
  }
  const phrases = matcher.match(tokens, keys, doc.layout, doc.text.wordCount, doc.lang);
  sectionPhrases(phrases, doc, matcher);
  const out: DocData = { id, terms, entities, phrases, regions: doc.regions, tags };
  if (display !== undefined) out.display = display;
  return out;
}

/**
 * A tag that names one of the article's region sections ("Europe", "UK news") occurs with the section's
 * score, the way the plain tagger's regions decide, beside any occurrence of its words in the text.
 */
function sectionPhrases(phrases: DocPhrase[], doc: SiteDocument, matcher: TagMatcher): void {
  for (const r of doc.regions) {
    for (const name of r.names ?? []) {
      const tag = matcher.tagNamed(name, doc.lang);
      if (tag < 0) continue;
      const p = phrases.find((x) => x.tag === tag);
      if (p === undefined) phrases.push({ tag, score: r.score, title: 0, lede: 0, count: 0, mentions: [], section: r.score });
      else {
        p.section = Math.max(p.section ?? 0, r.score);
        p.score = Math.max(p.score, r.score);
      }
      break;
    }
  }
}

/** A sparse vector: feature ids ascending, weights. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** The `keep` strongest features of a vector (still in feature order), or the vector itself when it has no more. */
export function strongest(v: SparseVector, keep: number): SparseVector {
  if (v.idx.length <= keep) return v;
  const order = [...v.idx.keys()].sort((a, b) => (v.val[b] as number) - (v.val[a] as number) || a - b).slice(0, keep).sort((a, b) => a - b);
  return { idx: Int32Array.from(order, (k) => v.idx[k] as number), val: Float32Array.from(order, (k) => v.val[k] as number) };
}

/** Feature vocabulary with idf weights. */
export interface FeatureSpace {
  ids: ReadonlyMap<string, number>;
  idf: Float32Array;
  /** Count of an entity feature per unit of salience. */
  entityWeight: number;
}

/** Smoothed idf: ln((N + 1) / (df + 1)) + 1. */
export function idf(documents: number, df: number): number {
  return Math.log((documents + 1) / (df + 1)) + 1;
}

/** Builds the vocabulary: features in at least `minDf` documents, the `maxFeatures` most frequent. O(features). */
export function buildFeatureSpace(docs: readonly DocData[], minDf: number, maxFeatures: number, entityWeight: number): FeatureSpace {
  const df = new Map<string, number>();
  for (const d of docs) {
    for (const k of d.terms.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    for (const e of d.entities) df.set(ENTITY_FEATURE + e.id, (df.get(ENTITY_FEATURE + e.id) ?? 0) + 1);
    for (const r of d.regions) df.set(REGION_FEATURE + r.region, (df.get(REGION_FEATURE + r.region) ?? 0) + 1);
  }
  const kept = [...df.entries()].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxFeatures);
  const ids = new Map<string, number>();
  const w = new Float32Array(kept.length);
  kept.forEach(([k, n], i) => {
    ids.set(k, i);
    w[i] = idf(docs.length, n);
  });
  return { ids, idf: w, entityWeight };
}

/** The L2-normalized TF-IDF vector of a document: (1 + ln tf) * idf for words, salience * weight * idf for entities. */
export function vectorize(doc: DocData, space: FeatureSpace): SparseVector {
  const pairs: [number, number][] = [];
  for (const [k, c] of doc.terms) {
    const id = space.ids.get(k);
    if (id !== undefined) pairs.push([id, (1 + Math.log(c)) * (space.idf[id] as number)]);
  }
  for (const e of doc.entities) {
    const id = space.ids.get(ENTITY_FEATURE + e.id);
    if (id !== undefined && e.score > 0) pairs.push([id, e.score * space.entityWeight * (space.idf[id] as number)]);
  }
  for (const r of doc.regions) {
    const id = space.ids.get(REGION_FEATURE + r.region);
    if (id !== undefined) pairs.push([id, r.score * space.entityWeight * (space.idf[id] as number)]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, v] of pairs) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const idx = new Int32Array(pairs.length);
  const val = new Float32Array(pairs.length);
  pairs.forEach(([i, v], j) => {
    idx[j] = i;
    val[j] = v / norm;
  });
  return { idx, val };
}
