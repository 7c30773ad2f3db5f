/**
 * A trained site model: the learned state, the selection model, and `suggest()`, which turns one
 * analyzed article into the site's tags (entities and topics) with calibrated scores and evidence.
 */
import type { ScoredEntity } from '../entities/salience.js';
import type { EntityType, TagSuggestion } from '../types.js';
import { defaultSiteAnalyzer, type SiteAnalyzer } from './analyzer.js';
import type { Candidate, SiteCore } from './core.js';
import { docData, ENTITY_FEATURE, entityKey, type SparseVector } from './features.js';
import type { FitSettings } from './fit.js';
import { probability, type Selection } from './select.js';
import { TagMatcher, type TagListStats } from './tag-list.js';
import type { DocData, SiteDocument, TagKind } from './types.js';

/** What training read, skipped and chose. */
export interface SiteModelStats {
  /** Articles learned from. */
  articles: number;
  /** Articles skipped: not an object, no tags array, or text the tagger rejects. */
  skippedArticles: number;
  tagList: TagListStats;
  /** Tags in the model, by kind. */
  entityTags: number;
  topicTags: number;
  /** Tags with a linear model of their own. */
  linearModels: number;
  /** Articles of the validation fold, and the micro-F1 the chosen threshold and limit reached there. */
  validationArticles: number;
  validationF1: number;
  /** Least score of an entity tag and of a topic tag, and the most tags per article (chosen on the validation folds). */
  threshold: number;
  topicThreshold: number;
  limit: number;
  trainingMs: number;
}

/** A tag of the site's list, as the model learned it. */
export interface SiteTag {
  label: string;
  kind: TagKind;
  type: EntityType;
  /** The entity the tag names (gazetteer id or "new:<name>"), for entity tags. */
  entity?: string;
  /** Archive articles with the tag. */
  articles: number;
}

/** A trained site model (see `trainSiteModel`, `loadSiteModel` and `createTagger({ site })`). */
export interface SiteModel {
  readonly stats: Readonly<SiteModelStats>;
  /** The site's tag list, most used first. O(tags). */
  tags(): SiteTag[];
  /** The model as bytes (format "NTSM": magic, version, settings fingerprint, checksum). */
  save(): Uint8Array;
}

/** Per-call settings of `suggest`. */
export interface SiteSuggestSettings {
  limit: number | undefined;
  minScore: number | undefined;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export class SiteModelImpl implements SiteModel {
  readonly analyzer: SiteAnalyzer = defaultSiteAnalyzer();
  readonly matcher: TagMatcher;

  constructor(
    readonly core: SiteCore,
    readonly selection: Selection,
    readonly stats: Readonly<SiteModelStats>,
    readonly settings: Readonly<FitSettings>,
    private readonly encode: (model: SiteModelImpl) => Uint8Array,
  ) {
    this.matcher = new TagMatcher(core.data.labels, this.analyzer, core.data.lang);
  }

  tags(): SiteTag[] {
    const d = this.core.data;
    const out: SiteTag[] = [];
    d.labels.forEach((label, t) => {
      if ((d.df[t] as number) === 0) return;
      const entity = d.entities[t] as string;
      const tag: SiteTag = { label, kind: entity === '' ? 'topic' : 'entity', type: this.core.typeOf(t), articles: d.df[t] as number };
      if (entity !== '') tag.entity = entity;
      out.push(tag);
    });
    return out.sort((a, b) => b.articles - a.articles);
  }

  save(): Uint8Array {
    return this.encode(this);
  }

  /** Reads an analyzed article the way training did. */
  read(id: string, doc: SiteDocument, withDisplay = false): DocData {
    return docData(id, doc, this.matcher, this.analyzer, [], withDisplay);
  }

  /** The site's tags for one analyzed article, best first. */
  suggest(id: string, doc: SiteDocument, call: SiteSuggestSettings): TagSuggestion[] {
    const data = this.read(id, doc, true);
    const { vector, candidates } = this.core.candidates(data);
    const limit = call.limit ?? this.selection.limit;
    const sel = this.selection;
    const least = (c: Candidate): number => call.minScore ?? (c.entity === '' ? sel.topicThreshold : sel.threshold);
    const scored = candidates.map((c) => ({ c, p: probability(sel, c) })).filter((s) => s.p >= least(s.c));
    scored.sort((a, b) => b.p - a.p || (a.c.label < b.c.label ? -1 : 1));
    const byKey = new Map<string, ScoredEntity>();
    for (const r of doc.ranked) byKey.set(entityKey(r.entity.id, r.entity.label), r);
    return scored.slice(0, limit).map(({ c, p }) => this.suggestion(c, p, data, vector, byKey));
  }

  private suggestion(c: Candidate, p: number, data: DocData, vector: SparseVector, byKey: Map<string, ScoredEntity>): TagSuggestion {
    const d = this.core.data;
    const kind: TagKind = c.entity !== '' ? 'entity' : 'topic';
    const ranked = c.entity !== '' ? byKey.get(c.entity) : undefined;
    const entity = ranked?.entity;
    const phrase = c.tag >= 0 ? data.phrases.find((ph) => ph.tag === c.tag) : undefined;
    const mentions = entity !== undefined ? entity.mentions.map((m) => m.mention) : (phrase?.mentions ?? []);
    const reasons: string[] = [];
    if (c.x[3]! > 0) reasons.push('in title');
    if (c.x[4]! > 0) reasons.push('in lede');
    if (mentions.length > 0) reasons.push(`${mentions.length} mention${mentions.length === 1 ? '' : 's'}`);
    if (c.tag >= 0) {
      const present = d.present[c.tag] as number;
      if (mentions.length > 0 && present > 0) reasons.push(`editors gave it to ${d.tagged[c.tag]} of ${present} archive articles that name it`);
      reasons.push(`on ${d.df[c.tag]} of ${d.documents} archive articles`);
    } else reasons.push('a name the site has not tagged before');
    if (c.voters.length > 0) reasons.push(`${c.voters.length} of the ${d.k} nearest archive articles carry it`);
    const suggestion: TagSuggestion = {
      id: kind === 'entity' ? c.entity : `topic:${c.label}`,
      label: c.label,
      type: c.type,
      score: round(p),
      kind,
      evidence: {
        mentions: mentions.map((m) => ({ text: m.text, field: m.field, start: m.start, end: m.end })),
        reasons,
      },
    };
    if (c.voters.length > 0) suggestion.evidence.neighbours = c.voters.slice(0, 5).map((v) => ({ id: d.docIds[v.doc] as string, similarity: round(v.similarity) }));
    if (kind === 'topic') {
      const terms = this.topTerms(c.tag, vector, data);
      if (terms.length > 0) suggestion.evidence.terms = terms;
    }
    if (entity?.wikidata !== undefined) suggestion.wikidata = entity.wikidata;
    if (entity?.aliases !== undefined) suggestion.aliases = [...entity.aliases];
    return suggestion;
  }

  /** The article's features that weigh most for the tag's linear model (display forms), up to five. */
  private topTerms(tag: number, vector: SparseVector, data: DocData): string[] {
    const m = tag >= 0 ? (this.core.modelOfTag[tag] as number) : -1;
    if (m < 0) return [];
    const lin = this.core.data.linear;
    // both lists are sorted by feature id: one merge
    const scored: [number, number][] = [];
    let k = lin.start[m] as number;
    const end = lin.start[m + 1] as number;
    for (let j = 0; j < vector.idx.length && k < end; j++) {
      const f = vector.idx[j] as number;
      while (k < end && (lin.feature[k] as number) < f) k++;
      if (k < end && lin.feature[k] === f && (lin.weight[k] as number) > 0) scored.push([f, (lin.weight[k] as number) * (vector.val[j] as number)]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    const out: string[] = [];
    for (const [f] of scored.slice(0, 5)) {
      const key = this.core.data.features[f] as string;
      if (key.startsWith(ENTITY_FEATURE)) {
        const id = key.slice(1);
        out.push(data.entities.find((e) => e.id === id)?.label ?? id);
      } else out.push(data.display?.get(key) ?? key);
    }
    return out;
  }
}
