/**
 * Fitting the learned state of a site model (`CoreData`) on analyzed archive articles: which entity
 * each tag names, how often editors tag what occurs, the feature space, the neighbour index, and the
 * linear model of every frequent tag. Linear in the archive's size (the linear models: per epoch).
 */
import { nameKey } from '../entities/gazetteer.js';
import type { EntityType } from '../types.js';
import { HIGH_SALIENCE, RATE_SLOTS, TYPES, type CoreData } from './core.js';
import { buildFeatureSpace, strongest, vectorize } from './features.js';
import { neighbourData } from './knn.js';
import { trainLinear } from './linear.js';
import { fitTriggers } from './triggers.js';
import type { DocData } from './types.js';

/** What the gazetteer's alias lookup says a label names, if anything. */
export interface LabelEntity {
  id: string;
  type: EntityType;
  label: string;
}

export interface FitSettings {
  lang: string;
  /** Least documents of a feature word. */
  minDf: number;
  maxFeatures: number;
  entityWeight: number;
  k: number;
  queryTerms: number;
  /** Features kept per archive article for neighbour search. */
  keepPerDoc: number;
  /** Features of an article the linear models read (its strongest). */
  linearTerms: number;
  /** Least articles of a tag to get a linear model, and the most models. */
  minLinear: number;
  maxLinear: number;
  svmC: number;
  epochs: number;
  prune: number;
  maxWeights: number;
  marginFloor: number;
}

/** True when two names share a word, or two words share their first five letters ("Zelenskiy", "Zelensky"). */
export function similarNames(a: string, b: string): boolean {
  const wa = nameKey(a).split(' ').filter((w) => w.length >= 3);
  const wb = new Set(nameKey(b).split(' ').filter((w) => w.length >= 3));
  for (const x of wa) {
    if (wb.has(x)) return true;
    if (x.length >= 5) for (const y of wb) if (y.length >= 5 && y.slice(0, 5) === x.slice(0, 5)) return true;
  }
  return false;
}

/**
 * Decides which entity each tag names. A tag the gazetteer's alias lookup names keeps that entity
 * when the archive agrees (the entity occurs in at least 30% of the tag's articles, or the tag is too
 * rare to tell); a tag the lookup does not know takes the entity with a similar name that occurs in at
 * least half of its articles (a spelling of the site: "Zelenskiy"), including names the recognizers
 * find. One entity names one tag: the one it co-occurs with most.
 */
function mapEntities(docs: readonly DocData[], labels: readonly string[], lookup: readonly (LabelEntity | undefined)[], df: Int32Array): { entities: string[]; types: Uint8Array } {
  const co = new Map<string, number>();
  const info = new Map<string, { label: string; type: EntityType }>();
  for (const d of docs) {
    for (const e of d.entities) if (!info.has(e.id)) info.set(e.id, { label: e.label, type: e.type });
    for (const t of d.tags) for (const e of d.entities) co.set(`${t}\u0000${e.id}`, (co.get(`${t}\u0000${e.id}`) ?? 0) + 1);
  }
  const perTag = new Map<number, [string, number][]>();
  for (const [key, n] of co) {
    const at = key.indexOf('\u0000');
    const t = Number(key.slice(0, at));
    let list = perTag.get(t);
    if (list === undefined) perTag.set(t, (list = []));
    list.push([key.slice(at + 1), n]);
  }
  const choice: { tag: number; id: string; type: EntityType; strength: number }[] = [];
  for (let t = 0; t < labels.length; t++) {
    const n = df[t] as number;
    if (n === 0) continue;
    const list = perTag.get(t) ?? [];
    const known = lookup[t];
    if (known !== undefined) {
      const together = list.find(([id]) => id === known.id)?.[1] ?? 0;
      if (n < 3 || together >= 0.3 * n) choice.push({ tag: t, id: known.id, type: known.type, strength: together / n });
      continue;
    }
    let best: [string, number] | undefined;
    for (const pair of list) if (pair[1] >= 0.5 * n && (best === undefined || pair[1] > best[1])) best = pair;
    if (best === undefined) continue;
    const e = info.get(best[0]);
    if (e !== undefined && e.type !== 'other' && similarNames(labels[t] as string, e.label)) choice.push({ tag: t, id: best[0], type: e.type, strength: best[1] / n });
  }
  const entities = new Array<string>(labels.length).fill('');
  const types = new Uint8Array(labels.length).fill(3);
  const taken = new Map<string, number>();
  choice.sort((a, b) => b.strength - a.strength || a.tag - b.tag);
  for (const c of choice) {
    if (taken.has(c.id)) continue;
    taken.set(c.id, c.tag);
    entities[c.tag] = c.id;
    types[c.tag] = Math.max(0, TYPES.indexOf(c.type));
  }
  return { entities, types };
}

/** Fits the learned state on `docs` (their `tags` are ids into `labels`). */
export function fitCore(docs: readonly DocData[], labels: readonly string[], lookup: readonly (LabelEntity | undefined)[], s: FitSettings): CoreData {
  const T = labels.length;
  const df = new Int32Array(T);
  const inc = (a: Int32Array | Float64Array, i: number): void => {
    a[i] = (a[i] as number) + 1;
  };
  for (const d of docs) for (const t of d.tags) inc(df, t);
  const { entities, types } = mapEntities(docs, labels, lookup, df);
  const tagOfEntity = new Map<string, number>();
  entities.forEach((e, t) => e !== '' && tagOfEntity.set(e, t));
  const present = new Int32Array(T);
  const tagged = new Int32Array(T);
  const presentHigh = new Int32Array(T);
  const taggedHigh = new Int32Array(T);
  const typeRates = new Float64Array(RATE_SLOTS * TYPES.length);
  // how salient each tag's entity or words are in the article (the tag is present when it is here)
  const seen = new Map<number, number>();
  for (const d of docs) {
    seen.clear();
    const gold = new Set(d.tags);
    for (const e of d.entities) {
      const t = tagOfEntity.get(e.id);
      const ti = Math.max(0, TYPES.indexOf(e.type));
      const high = e.score >= HIGH_SALIENCE ? 2 : 0;
      inc(typeRates, RATE_SLOTS * ti + high);
      if (t !== undefined && gold.has(t)) inc(typeRates, RATE_SLOTS * ti + high + 1);
      if (t !== undefined) seen.set(t, Math.max(seen.get(t) ?? 0, e.score));
    }
    for (const p of d.phrases) if (p.tag < T && (df[p.tag] as number) > 0) seen.set(p.tag, Math.max(seen.get(p.tag) ?? 0, p.score));
    for (const [t, score] of seen) {
      const high = score >= HIGH_SALIENCE;
      inc(present, t);
      if (high) inc(presentHigh, t);
      if (gold.has(t)) {
        inc(tagged, t);
        if (high) inc(taggedHigh, t);
      }
      if (entities[t] === '') {
        const slot = RATE_SLOTS * 3 + (high ? 2 : 0);
        inc(typeRates, slot);
        if (gold.has(t)) inc(typeRates, slot + 1);
      }
    }
  }
  const trig = fitTriggers(docs, T, df);
  const space = buildFeatureSpace(docs, s.minDf, s.maxFeatures, s.entityWeight);
  const vectors = docs.map((d) => vectorize(d, space));
  const docTagStart = new Int32Array(docs.length + 1);
  const tagsFlat: number[] = [];
  const positives: number[][] = Array.from({ length: T }, () => []);
  docs.forEach((d, i) => {
    for (const t of d.tags) {
      tagsFlat.push(t);
      (positives[t] as number[]).push(i);
    }
    docTagStart[i + 1] = tagsFlat.length;
  });
  const frequent = [...Array(T).keys()].filter((t) => (df[t] as number) >= s.minLinear).sort((a, b) => (df[b] as number) - (df[a] as number) || a - b).slice(0, s.maxLinear);
  const linear = trainLinear(vectors.map((v) => strongest(v, s.linearTerms)), space.idf.length, frequent, positives, { c: s.svmC, maxEpochs: s.epochs, eps: 0.1, prune: s.prune, maxWeights: s.maxWeights });
  const features: string[] = new Array(space.ids.size);
  for (const [f, i] of space.ids) features[i] = f;
  return {
    lang: s.lang, documents: docs.length, labels: [...labels], entities, types, df, present, tagged, presentHigh, taggedHigh, typeRates,
    triggers: trig.ids, triggerPresent: trig.present, triggerTagged: trig.tagged,
    features, idf: space.idf, entityWeight: s.entityWeight, docIds: docs.map((d) => d.id),
    neighbours: neighbourData(vectors, s.keepPerDoc), docTagStart, docTags: Int32Array.from(tagsFlat), linear,
    k: s.k, queryTerms: s.queryTerms, marginFloor: s.marginFloor, linearTerms: s.linearTerms,
  };
}
