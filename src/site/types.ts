/**
 * Shapes shared by the site model's files: what training reads from an archive article, what one
 * analyzed article gives the model, and the learned tag list.
 */
import type { ParagraphLayout, ScoredEntity } from '../entities/salience.js';
import type { Article, EntityType, Mention, TextAnalysis } from '../types.js';

/** An archive article with the site's own tag labels. */
export interface SiteArticle extends Article {
  tags: string[];
}

/** One article as the tagger analyzed it: its text, its ranked entities and the paragraph layout. */
export interface SiteDocument {
  text: TextAnalysis;
  ranked: readonly ScoredEntity[];
  layout: ParagraphLayout;
  lang: string;
  /** The tagger's region sections at a low threshold (features: they generalize over countries). */
  regions: readonly SiteRegion[];
}

/** A region section of one article: "<taxonomy>/<section>", its score, and the section's names (its labels). */
export interface SiteRegion {
  region: string;
  score: number;
  names?: readonly string[];
}

/** An entity of one article, as the model keeps it. */
export interface DocEntity {
  id: string;
  label: string;
  type: EntityType;
  score: number;
  title: number;
  lede: number;
  count: number;
  /** Place in the tagger's salience ranking (0 = first). */
  rank: number;
  /** Place among the people, places and organizations (what the plain tagger's `limit` counts). */
  plainRank: number;
}

/** Where a tag's own words occur in one article (the tag-list matcher). */
export interface DocPhrase {
  tag: number;
  score: number;
  title: number;
  lede: number;
  count: number;
  /** The occurrences (kept for evidence). */
  mentions: Mention[];
  /** When the tag names a region section the article has: the section's score (the plain tagger's region decision). */
  section?: number;
}

/** What the model needs of one article: its terms, entities and tag-list matches (and gold tags). */
export interface DocData {
  id: string;
  /** Match keys of the article's feature words, with field-weighted counts. */
  terms: Map<string, number>;
  entities: DocEntity[];
  phrases: DocPhrase[];
  regions: readonly SiteRegion[];
  /** Tag ids of the editor tags (training only). */
  tags: number[];
  /** A surface form of each term key (only when asked for: evidence). */
  display?: Map<string, string>;
}

/** Whether a site tag names an entity or a topic. */
export type TagKind = 'entity' | 'topic';

/** One tag of the site's list. */
export interface SiteTagInfo {
  /** The site's own spelling (its most frequent one). */
  label: string;
  kind: TagKind;
  /** 'other' for topics. */
  type: EntityType;
  /** The entity the tag names (gazetteer id, or "new:..." for a name the recognizers find), or ''. */
  entity: string;
}
