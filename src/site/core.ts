/**
 * The learned state of a site model (everything but the selection model) and what it computes for one
 * article: the candidate tags with their features. Candidates come from four places: the entities the
 * tagger resolved (through the tag each maps to, or as a name the site has not tagged yet), the tag
 * list's own words in the text, the tags of the nearest archive articles, and the linear model of
 * each frequent tag.
 */
import { nameKey } from '../entities/gazetteer.js';
import type { EntityType } from '../types.js';
import { strongest, vectorize, type FeatureSpace, type SparseVector } from './features.js';
import { linearMargins, linearScorer, type LinearModels, type LinearScorer } from './linear.js';
import { NeighbourIndex, type Neighbour, type NeighbourData } from './knn.js';
import { occurrences } from './triggers.js';
import type { DocData, DocEntity, DocPhrase } from './types.js';

export const TYPES: readonly EntityType[] = ['person', 'place', 'organization', 'other'];

/** Everything learned from the archive except the selection model: plain data, saved as it is. */
export interface CoreData {
  lang: string;
  documents: number;
  labels: string[];
  /** Per tag: the entity it names ('' for a topic) and that entity's type (index into TYPES; 3 for topics). */
  entities: string[];
  types: Uint8Array;
  /** Per tag: articles tagged, articles where its entity or words occur, and of those, how many were tagged. */
  df: Int32Array;
  present: Int32Array;
  tagged: Int32Array;
  /** The same, counting only the articles where the tag's entity or words are salient (>= HIGH_SALIENCE). */
  presentHigh: Int32Array;
  taggedHigh: Int32Array;
  /**
   * Per entity type (topics: 'other'), RATE_SLOTS numbers: occurrences and occurrences tagged at low
   * salience, then at high salience (the prior of the editor rates).
   */
  typeRates: Float64Array;
  /** Per tag: its trigger (see triggers.ts), the articles where the trigger occurs, and of those the articles with the tag. */
  triggers: string[];
  triggerPresent: Int32Array;
  triggerTagged: Int32Array;
  features: string[];
  idf: Float32Array;
  entityWeight: number;
  docIds: string[];
  neighbours: NeighbourData;
  docTagStart: Int32Array;
  docTags: Int32Array;
  linear: LinearModels;
  /** Neighbours voting, query features per neighbour search, and the least margin making a candidate. */
  k: number;
  queryTerms: number;
  marginFloor: number;
  /** Features of an article the linear models read (its strongest). */
  linearTerms: number;
}

/** Number of selection features (see `features`). */
export const FEATURE_COUNT = 28;
/**
 * The plain tagger's decisions (DEFAULT_OPTIONS: limit 4, minScore 0.5, regionMinScore 0.4), read as
 * features so that the selection model can fall back on the plain ranking where the archive says little.
 */
export const PLAIN_LIMIT = 4;
export const PLAIN_MIN_SCORE = 0.5;
export const PLAIN_REGION_MIN_SCORE = 0.4;
/** Salience from which an occurrence counts as central (editors tag what an article is about). */
export const HIGH_SALIENCE = 0.4;
/** Numbers per type in `typeRates`. */
export const RATE_SLOTS = 4;
/** Smoothing of the editor rates, in pseudo-articles. */
const RATE_PRIOR = 2;

/** One candidate tag of one article: a tag of the list (tag >= 0) or an entity the list lacks (tag -1). */
export interface Candidate {
  tag: number;
  label: string;
  entity: string;
  type: EntityType;
  x: Float64Array;
  /** Archive neighbours that carry the tag, with their similarity. */
  voters: Neighbour[];
  entityRef: DocEntity | undefined;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const clip = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

export class SiteCore {
  readonly space: FeatureSpace;
  readonly tagOfEntity = new Map<string, number>();
  readonly tagOfKey = new Map<string, number>();
  readonly index: NeighbourIndex;
  readonly scorer: LinearScorer;
  readonly modelOfTag: Int32Array;
  private readonly margins: Float32Array;
  private readonly labelKeys = new Map<string, string>();
  /** Trigger id -> the tags it triggers. */
  readonly triggered = new Map<string, number[]>();

  constructor(readonly data: CoreData) {
    const ids = new Map<string, number>();
    data.features.forEach((f, i) => ids.set(f, i));
    this.space = { ids, idf: data.idf, entityWeight: data.entityWeight };
    data.labels.forEach((label, t) => {
      if ((data.df[t] as number) === 0) return;
      const e = data.entities[t] as string;
      if (e !== '' && !this.tagOfEntity.has(e)) this.tagOfEntity.set(e, t);
      const key = nameKey(label) || label.toLowerCase();
      if (!this.tagOfKey.has(key)) this.tagOfKey.set(key, t);
    });
    data.triggers.forEach((id, t) => {
      if (id === '' || (data.df[t] as number) === 0) return;
      const list = this.triggered.get(id);
      if (list === undefined) this.triggered.set(id, [t]);
      else list.push(t);
    });
    this.index = new NeighbourIndex(data.neighbours, data.features.length);
    this.scorer = linearScorer(data.linear, data.features.length);
    this.modelOfTag = new Int32Array(data.labels.length).fill(-1);
    data.linear.tags.forEach((t, m) => (this.modelOfTag[t] = m));
    this.margins = new Float32Array(data.linear.tags.length);
  }

  /** The type of a tag (person, place, organization, or other for a topic). */
  typeOf(tag: number): EntityType {
    return TYPES[this.data.types[tag] as number] as EntityType;
  }

  /** Name key of an entity label (cached, bounded). */
  keyOf(label: string): string {
    let k = this.labelKeys.get(label);
    if (k === undefined) {
      k = nameKey(label) || label.toLowerCase();
      if (this.labelKeys.size > 50_000) this.labelKeys.clear();
      this.labelKeys.set(label, k);
    }
    return k;
  }

  /** The rate at which editors tag `tag` when it occurs, smoothed toward its type's rate. */
  private rates(tag: number, typeIndex: number, high: boolean): { present: number; absent: number } {
    const d = this.data;
    const slot = RATE_SLOTS * typeIndex + (high ? 2 : 0);
    const prior = ((d.typeRates[slot + 1] as number) + 1) / ((d.typeRates[slot] as number) + 2);
    if (tag < 0) return { present: prior, absent: 1e-4 };
    const ph = d.presentHigh[tag] as number;
    const th = d.taggedHigh[tag] as number;
    const p = high ? ph : (d.present[tag] as number) - ph;
    const t = high ? th : (d.tagged[tag] as number) - th;
    const absentPrior = 0.01;
    return {
      present: (t + RATE_PRIOR * prior) / (p + RATE_PRIOR),
      absent: ((d.df[tag] as number) - (d.tagged[tag] as number) + RATE_PRIOR * absentPrior) / (d.documents - (d.present[tag] as number) + RATE_PRIOR),
    };
  }

  /** The article's candidate tags with their selection features. `exclude`: an archive document to leave out of the neighbours. */
  candidates(doc: DocData, exclude = -1): { vector: SparseVector; candidates: Candidate[]; neighbours: Neighbour[] } {
    const d = this.data;
    const vector = vectorize(doc, this.space);
    const neighbours = d.k > 0 && this.index.size > 0 ? this.index.query(vector, d.k, d.queryTerms, exclude) : [];
    let simTotal = 0;
    for (const n of neighbours) simTotal += n.similarity;
    const votes = new Map<number, Neighbour[]>();
    for (const n of neighbours) {
      for (let p = d.docTagStart[n.doc] as number; p < (d.docTagStart[n.doc + 1] as number); p++) {
        const t = d.docTags[p] as number;
        let v = votes.get(t);
        if (v === undefined) votes.set(t, (v = []));
        v.push(n);
      }
    }
    const margins = d.linear.tags.length > 0 ? linearMargins(this.scorer, strongest(vector, d.linearTerms), this.margins) : this.margins;
    interface Seen { entity?: DocEntity; phrase?: DocPhrase }
    const byTag = new Map<number, Seen>();
    const unlisted: DocEntity[] = [];
    for (const e of doc.entities) {
      let t = this.tagOfEntity.get(e.id);
      if (t === undefined && e.id.startsWith('new:')) t = this.tagOfKey.get(e.id.slice(4));
      if (t === undefined) {
        if (e.type !== 'other') unlisted.push(e);
        continue;
      }
      const s = byTag.get(t);
      if (s === undefined) byTag.set(t, { entity: e });
      else if (s.entity === undefined || s.entity.score < e.score) s.entity = e;
    }
    for (const ph of doc.phrases) {
      if (ph.tag >= d.labels.length || (d.df[ph.tag] as number) === 0) continue;
      const s = byTag.get(ph.tag);
      if (s === undefined) byTag.set(ph.tag, { phrase: ph });
      else s.phrase = ph;
    }
    const occ = occurrences(doc);
    const trigger = new Map<number, number>();
    for (const [id, score] of occ) {
      for (const t of this.triggered.get(id) ?? []) {
        trigger.set(t, score);
        if (!byTag.has(t)) byTag.set(t, {});
      }
    }
    for (const t of votes.keys()) if (!byTag.has(t)) byTag.set(t, {});
    for (let m = 0; m < margins.length; m++) {
      const t = d.linear.tags[m] as number;
      if ((margins[m] as number) > d.marginFloor && !byTag.has(t)) byTag.set(t, {});
    }
    const out: Candidate[] = [];
    for (const [t, seen] of byTag) {
      const typeIndex = d.types[t] as number;
      const m = this.modelOfTag[t] as number;
      const voters = votes.get(t) ?? [];
      out.push({
        tag: t, label: d.labels[t] as string, entity: d.entities[t] as string, type: TYPES[typeIndex] as EntityType, voters, entityRef: seen.entity,
        x: this.features(t, typeIndex, seen.entity, seen.phrase, voters, simTotal, neighbours.length, m >= 0 ? (margins[m] as number) : undefined),
      });
      const x = (out[out.length - 1] as Candidate).x;
      const ts = trigger.get(t);
      if (ts !== undefined) {
        x[24] = ts;
        x[25] = logit(clip(((d.triggerTagged[t] as number) + 1) / ((d.triggerPresent[t] as number) + 2), 1e-4, 1 - 1e-4));
      }
    }
    for (const e of unlisted) {
      const key = this.keyOf(e.label);
      if (this.tagOfKey.has(key)) continue;
      const typeIndex = TYPES.indexOf(e.type);
      out.push({ tag: -1, label: e.label, entity: e.id, type: e.type, voters: [], entityRef: e, x: this.features(-1, typeIndex, e, undefined, [], simTotal, neighbours.length, undefined) });
    }
    return { vector, candidates: out, neighbours };
  }

  /** The selection features of one candidate (FEATURE_COUNT numbers; 0 is the bias). */
  private features(
    tag: number, typeIndex: number, entity: DocEntity | undefined, phrase: DocPhrase | undefined,
    voters: readonly Neighbour[], simTotal: number, k: number, margin: number | undefined,
  ): Float64Array {
    const x = new Float64Array(FEATURE_COUNT);
    const present = entity !== undefined || phrase !== undefined ? 1 : 0;
    const salience = Math.max(entity?.score ?? 0, phrase?.score ?? 0);
    const rates = this.rates(tag, typeIndex, salience >= HIGH_SALIENCE);
    let vote = 0;
    for (const v of voters) vote += v.similarity;
    const voteShare = simTotal > 0 ? vote / simTotal : 0;
    const d = this.data;
    x[0] = 1;
    x[1] = present;
    x[2] = Math.max(entity?.score ?? 0, phrase?.score ?? 0);
    x[3] = Math.max(entity?.title ?? 0, phrase?.title ?? 0);
    x[4] = Math.max(entity?.lede ?? 0, phrase?.lede ?? 0);
    x[5] = Math.log1p(Math.max(entity?.count ?? 0, phrase?.count ?? 0));
    x[6] = present * logit(clip(rates.present, 1e-4, 1 - 1e-4));
    x[7] = (1 - present) * logit(clip(rates.absent, 1e-5, 1 - 1e-4));
    x[8] = voteShare;
    x[9] = k > 0 ? voters.length / k : 0;
    x[10] = margin === undefined ? 0 : clip(margin, -3, 3);
    x[11] = margin === undefined ? 0 : 1;
    x[12] = Math.log(((tag >= 0 ? (d.df[tag] as number) : 0) + 1) / (d.documents + 1));
    x[13] = typeIndex === 0 ? 1 : 0;
    x[14] = typeIndex === 1 ? 1 : 0;
    x[15] = typeIndex === 2 ? 1 : 0;
    x[16] = tag < 0 ? 1 : 0;
    x[17] = present * voteShare;
    x[18] = entity === undefined ? 0 : 1 / (1 + entity.rank);
    x[19] = (entity?.score ?? 0) >= 0.5 ? 1 : 0;
    // a name the list lacks: how likely editors tag a new name depends on its type and salience
    x[20] = x[16] * x[14];
    x[21] = x[16] * x[13];
    x[22] = x[16] * x[2];
    x[23] = x[16] * x[3];
    // x[24], x[25]: the trigger (set by `candidates`); then what the plain tagger would do
    x[26] = (phrase?.section ?? 0) >= PLAIN_REGION_MIN_SCORE ? 1 : 0;
    x[27] = entity !== undefined && entity.plainRank >= 0 && entity.plainRank < PLAIN_LIMIT && entity.score >= PLAIN_MIN_SCORE ? 1 : 0;
    return x;
  }
}
