/**
 * Public data shapes. Everything the library returns is plain data (JSON-serializable
 * except where a function is documented), so results can be cached, logged and sent over the wire.
 */
import type { LanguageCode } from './text/lang/types.js';

/** The text fields of an article, in reading order. */
export type Field = 'title' | 'lede' | 'body';

/** The fields in reading order; analysis walks them in this order. */
export const FIELDS: readonly Field[] = ['title', 'lede', 'body'];

/**
 * An article as a CMS or an archive export holds it. `body` (and `lede`) may be plain text or HTML;
 * HTML is detected (see `TextOptions.format`). Null or missing text fields are treated as empty.
 */
export interface Article {
  id: string;
  title: string;
  body: string;
  lede?: string;
  /** ISO 8601 date or date-time of publication. */
  date?: string;
  /** The site section (e.g. "Politics"); `category` is accepted as a synonym. */
  section?: string;
  category?: string;
  url?: string;
  /**
   * ISO 639-1 language code. "en", "ar" and "es" (or tags such as "es-MX") choose that language's
   * analysis; other codes are analyzed as English; when absent the language is detected from the text
   * (`detectLanguage`).
   */
  lang?: string;
  /** Tags the article already has (editor-assigned). */
  tags?: string[];
}

/** What a token is. */
export type TokenKind = 'word' | 'number' | 'punct' | 'symbol' | 'url' | 'email';

/**
 * A token of the normalized text of one field. `start`/`end` are UTF-16 offsets into that field's
 * normalized text (`AnalyzedField.text`), so `field.text.slice(start, end) === text` always holds;
 * `AnalyzedField.toSource()` maps an offset back to the caller's original string.
 */
export interface Token {
  /** The token as it stands in the normalized text (case kept). */
  text: string;
  /** Lower-cased form used for lookups and indexing. */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
  field: Field;
  /** Index of the sentence (global across fields, in reading order). */
  sentence: number;
  /** Position in the article's token array. */
  index: number;
}

/** A sentence: tokens `[tokenStart, tokenEnd)` of the article's token array, within one field. */
export interface Sentence {
  field: Field;
  tokenStart: number;
  tokenEnd: number;
  /** Offsets into the field's normalized text. */
  start: number;
  end: number;
}

/** One field after normalization (HTML stripped, Unicode normalized). */
export interface AnalyzedField {
  field: Field;
  /** Normalized text: what tokens and mentions point into. */
  text: string;
  /** True when the source was treated as HTML. */
  html: boolean;
  /** Maps an offset of `text` to the offset of the caller's original string for this field. */
  toSource(offset: number): number;
  /**
   * Set when the text was extracted from a whole page (`format: 'page'`): the caller's field that
   * `toSource` maps into (the page in `body`), which may differ from `field`.
   */
  source?: Field;
}

/** Reading time as shown on article pages ("4 Min Read"). */
export interface ReadingTime {
  minutes: number;
  words: number;
}

/** The result of the text stage: normalized fields, tokens and sentences. */
export interface TextAnalysis {
  fields: AnalyzedField[];
  tokens: Token[];
  sentences: Sentence[];
  /** Word and number tokens of the lede and body. */
  wordCount: number;
  readingTime: ReadingTime;
  /** The language the article was analyzed in (given or detected); English when absent. */
  lang?: LanguageCode;
}

/** Kinds of named entities. */
export type EntityType = 'person' | 'place' | 'organization' | 'other';

/**
 * A span of text that names something, as found by a recognizer. Token indexes are into the
 * article's token array; `[tokenStart, tokenEnd)`.
 */
export interface Mention {
  text: string;
  type: EntityType;
  field: Field;
  start: number;
  end: number;
  tokenStart: number;
  tokenEnd: number;
  /** Name of the recognizer that found it. */
  source: string;
  /** Recognizer confidence in [0, 1] when it has one. */
  confidence?: number;
  /** Gazetteer entry id when the recognizer already knows it. */
  entityId?: string;
  /**
   * How the mention names its entry: by a name or alias, an acronym, a demonym ("North Korean"), or a
   * metonym that stands for a government ("the Kremlin"). Absent for recognizers that do not say.
   */
  via?: MentionVia;
  /** Other gazetteer entries the same words could name (ambiguous aliases), decided by `resolve`. */
  candidates?: string[];
}

/** How a mention names its entity. */
export type MentionVia = 'name' | 'acronym' | 'demonym' | 'metonym' | 'pattern' | 'coreference';

/** A mention attributed to a canonical entity, with the weight it carries toward that entity. */
export interface EntityMention {
  mention: Mention;
  /** 1 for a name; lower for a demonym (0.5), a city or region counted toward its country (0.5), a metonym (0.8), a person named as a modifier ("the Biden administration", 0.5). */
  weight: number;
  /** Why the mention counts: its own `via`, or "city" when a city or region counts toward its country. */
  reason: MentionVia | 'city';
}

/** A canonical entity found in one article: one per referent. */
export interface Entity {
  /** Gazetteer id ("country:KP") or "new:<label>" for a name the gazetteer does not know. */
  id: string;
  label: string;
  type: EntityType;
  kind?: string;
  /** ISO 3166-1 alpha-2 code of the entity's country (its own for a country). */
  country?: string;
  /** For a supra-national area or a regional bloc ("the Gulf", "the EU"): the countries it spans. */
  within?: readonly string[];
  wikidata?: string;
  aliases?: string[];
  mentions: EntityMention[];
}

/** `Tagger.analyze()`: the text stage, every mention the recognizers found, and the resolved entities. */
export interface ArticleAnalysis {
  id: string;
  text: TextAnalysis;
  mentions: Mention[];
  entities: Entity[];
}

/**
 * Finds mentions in a token stream. The default is the gazetteer recognizer; a trained model or
 * your own implementation can replace or join it (see `createTagger({ recognizers })`).
 */
export interface Recognizer {
  readonly name: string;
  recognize(tokens: readonly Token[], text: TextAnalysis): Mention[];
}

/** Why a suggestion scored as it did: the mentions behind it and the reasons that raised its score. */
export interface TagEvidence {
  mentions: { text: string; field: Field; start: number; end: number }[];
  /** Human-readable reasons, e.g. "in title", "in lede", "3 mentions", "spread over 4 of 6 paragraphs". */
  reasons: string[];
  /** With a site model, for a topic: the article's words that weigh most in the tag's linear model. */
  terms?: string[];
  /** With a site model: the nearest archive articles that carry the tag, with their cosine similarity. */
  neighbours?: { id: string; similarity: number }[];
}

/** A suggested tag: a canonical entity ranked by salience. */
export interface TagSuggestion {
  /** Canonical id ("country:KP", "person:kim-jong-un", "org:kcna"), or "new:<label>" for an unknown name. */
  id: string;
  label: string;
  type: EntityType;
  /** Salience in [0, 1]. */
  score: number;
  wikidata?: string;
  /** Other names of the entry (e.g. "DPRK" for North Korea). */
  aliases?: string[];
  evidence: TagEvidence;
  /** With a controlled vocabulary: the site's existing tag it maps to, or `new: true`. */
  vocabulary?: { tag: string; new: false } | { new: true };
  /**
   * With a site model (`createTagger({ site })`): whether the tag names an entity or a topic; `score`
   * is then the model's calibrated probability that the site's editors would give the tag.
   */
  kind?: 'entity' | 'topic';
}

/** A suggested region section, with the countries behind it. */
export interface RegionSuggestion {
  region: string;
  /** The section's label in the language asked for with the `labels` option ("ar", "es"), when the taxonomy has one. */
  label?: string;
  score: number;
  /** The countries in the section that the article names, best first. */
  countries: { id: string; label: string; score: number }[];
  /**
   * Supra-national areas and regional blocs the article names that lie mostly in the section ("the
   * Gulf", "the EU"), best first; present only when there are some.
   */
  areas?: { id: string; label: string; score: number }[];
}

/** Everything `tag()` computes for one article. */
export interface ArticleTags {
  id: string;
  tags: TagSuggestion[];
  regions: RegionSuggestion[];
  readingTime: ReadingTime;
}
