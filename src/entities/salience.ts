/**
 * Salience: how much an article is ABOUT an entity, in [0, 1]. Editors tag the few entities a story
 * is about, not everything it names once, so the score rewards what editors look at: the title, the
 * lede (first paragraph), how often and how early the entity is named, and how far its mentions
 * spread over the paragraphs. Each feature and the combination are pure functions with fixed weights
 * (`SALIENCE_WEIGHTS`, tuned on the Guardian 2022 and Reuters-21578 train sets; see eval/tasks/tags.ts).
 */
import { mergedCount } from '../text/tokenize.js';
import type { Entity, EntityMention, Field, TextAnalysis, Token } from '../types.js';

export interface SalienceFeatures {
  /** Largest mention weight in the title (0 when not in the title). */
  title: number;
  /** Largest mention weight in the lede (the lede field, or the first paragraph of the body). */
  lede: number;
  /** Sum of mention weights. */
  count: number;
  /** Position of the first mention, as a fraction of the article's tokens (0 = first token). */
  first: number;
  /** Fraction of the body's paragraphs that mention the entity. */
  spread: number;
  paragraphs: number;
  totalParagraphs: number;
  /** Words of the lede and body (a mention weighs more in a short story). */
  words: number;
}

export const SALIENCE_WEIGHTS = Object.freeze({
  title: 2.0,
  lede: 1.2,
  count: 1.0,
  early: 0.8,
  spread: 1.2,
  /** Half-saturation constant: raw / (raw + K), K = k * (clamp(words, 50, maxWords) / 400) ^ lengthExponent. */
  k: 4.0,
  lengthExponent: 0.3,
  /**
   * Length beyond which K stops growing (Guardian 2022: 90th percentile 1,263 words), so that a live
   * blog or a book-length body still suggests what its title and lede name. Measured: 1,000-2,000
   * score the same; no cap scored 0.3 F1 lower on the Guardian tags.
   */
  maxWords: 1500,
  /**
   * Factor by kind: a city or sub-national region also counts toward its country, and editors tag it
   * only when the story is about that place; a supra-national region (Europe, Middle East) is
   * section material rather than a tag.
   */
  city: 0.75,
  region: 0.75,
  area: 0.5,
  /**
   * Organizations with a home country (ministries, parties, companies, media) are named for
   * attribution more than they are the subject ("told Reuters", "the foreign ministry said").
   * International bodies (no home country: NATO, the UN, the EU, OPEC) take `international`.
   */
  organization: 0.8,
  international: 1.0,
  /** Names the gazetteer does not know (less certain to be an entity of the type given). */
  unknown: 0.85,
});

export type SalienceWeights = typeof SALIENCE_WEIGHTS;

/** Paragraph number of every sentence: a new paragraph starts at a field or after a line break. */
export function sentenceParagraphs(text: TextAnalysis): { paragraph: Int32Array; lede: Set<number>; bodyParagraphs: number; positions: TokenPositions } {
  const paragraph = new Int32Array(text.sentences.length);
  const lede = new Set<number>();
  let p = -1;
  let prevField: Field | undefined;
  let prevEnd = 0;
  let bodyParagraphs = 0;
  let firstBodyParagraph = -1;
  let hasLede = false;
  for (let s = 0; s < text.sentences.length; s++) {
    const sentence = text.sentences[s]!;
    let fieldText = '';
    for (const f of text.fields) if (f.field === sentence.field) fieldText = f.text;
    const newField = sentence.field !== prevField;
    const nl = newField ? -1 : fieldText.indexOf('\n', prevEnd);
    const lineBreak = nl !== -1 && nl < sentence.start;
    if (newField || lineBreak) {
      p++;
      if (sentence.field !== 'title') bodyParagraphs++;
      if (sentence.field === 'body' && firstBodyParagraph === -1) firstBodyParagraph = p;
    }
    if (sentence.field === 'lede') hasLede = true;
    paragraph[s] = p;
    prevField = sentence.field;
    prevEnd = sentence.end;
  }
  for (let s = 0; s < text.sentences.length; s++) {
    const sentence = text.sentences[s]!;
    if (sentence.field === 'lede' || (!hasLede && sentence.field === 'body' && paragraph[s] === firstBodyParagraph)) lede.add(s);
  }
  return { paragraph, lede, bodyParagraphs, positions: tokenPositions(text.tokens) };
}

/** Token positions with merged tokens (runs, folded ellipses) counted as the tokens they replace. */
export interface TokenPositions {
  /** The position of token `index`. */
  at(index: number): number;
  /** The position after the last token. */
  readonly total: number;
}

/** O(tokens); an array only when some token was merged (never in ordinary text without ellipsis characters). */
function tokenPositions(tokens: readonly Token[]): TokenPositions {
  let before: Int32Array | undefined;
  let extra = 0;
  for (let i = 0; i < tokens.length; i++) {
    const n = mergedCount(tokens[i] as Token);
    if (n === 1 && before === undefined) continue;
    before ??= new Int32Array(tokens.length);
    before[i] = extra;
    extra += n - 1;
  }
  if (before === undefined) return { at: (index) => index, total: tokens.length };
  const b = before;
  return { at: (index) => index + (b[index] as number), total: tokens.length + extra };
}

/** The features of one entity (or of any set of weighted mentions: see `mentionScorer`). */
export function salienceFeatures(
  entity: { readonly mentions: readonly EntityMention[] },
  tokens: readonly Token[],
  layout: ParagraphLayout,
  words = 400,
): SalienceFeatures {
  let title = 0;
  let lede = 0;
  let count = 0;
  let first = Number.POSITIVE_INFINITY;
  const paragraphs = new Set<number>();
  for (const { mention, weight } of entity.mentions) {
    count += weight;
    const token = tokens[mention.tokenStart];
    if (token === undefined) continue;
    if (mention.field === 'title') title = Math.max(title, weight);
    else {
      if (layout.lede.has(token.sentence)) lede = Math.max(lede, weight);
      paragraphs.add(layout.paragraph[token.sentence] ?? 0);
    }
    if (mention.tokenStart < first) first = mention.tokenStart;
  }
  const total = Math.max(1, layout.bodyParagraphs);
  return {
    title,
    lede,
    count,
    first: tokens.length === 0 || !Number.isFinite(first) ? 1 : layout.positions.at(first) / layout.positions.total,
    spread: paragraphs.size / total,
    paragraphs: paragraphs.size,
    totalParagraphs: layout.bodyParagraphs,
    words,
  };
}

/** Combines features into a score in [0, 1): raw / (raw + K), with K growing slowly with length. */
export function salienceScore(f: SalienceFeatures, w: SalienceWeights = SALIENCE_WEIGHTS): number {
  const raw =
    w.title * f.title +
    w.lede * f.lede +
    w.count * Math.log2(1 + f.count) +
    w.early * (1 - f.first) * Math.min(1, f.count) +
    w.spread * f.spread * Math.min(1, f.totalParagraphs / 3);
  const k = w.k * Math.pow(Math.min(Math.max(f.words, 50), w.maxWords) / 400, w.lengthExponent);
  return raw <= 0 ? 0 : raw / (raw + k);
}

/** Human-readable reasons for the evidence of a suggestion. */
export function salienceReasons(f: SalienceFeatures): string[] {
  const reasons: string[] = [];
  if (f.title > 0) reasons.push('in title');
  if (f.lede > 0) reasons.push('in lede');
  const n = Math.round(f.count * 10) / 10;
  reasons.push(`${n} weighted mention${n === 1 ? '' : 's'}`);
  if (f.totalParagraphs > 1) reasons.push(`spread over ${f.paragraphs} of ${f.totalParagraphs} paragraphs`);
  reasons.push(`first at ${Math.round(f.first * 100)}% of the text`);
  return reasons;
}

export interface ScoredEntity {
  entity: Entity;
  score: number;
  features: SalienceFeatures;
  /** Set by the `homeCountry` option: the home country added ('home'), or a named country moved up ('named'). */
  home?: 'home' | 'named';
}

/** The kind factor of an entity (see `SALIENCE_WEIGHTS`). */
export function kindFactor(entity: Entity, w: SalienceWeights = SALIENCE_WEIGHTS): number {
  let f = 1;
  if (entity.kind === 'city') f = w.city;
  else if (entity.kind === 'region') f = entity.country === undefined ? w.area : w.region;
  if (entity.type === 'organization') f *= entity.country === undefined && entity.kind !== undefined ? w.international : w.organization;
  if (entity.id.startsWith('new:')) f *= w.unknown;
  return f;
}

/** The paragraph layout `rankEntities` and `mentionScorer` need; compute it once per article and pass it to both. */
export type ParagraphLayout = ReturnType<typeof sentenceParagraphs>;

/** Scores every entity; sorted by score (then by first position). Cost: O(mentions + sentences). */
export function rankEntities(
  entities: readonly Entity[],
  text: TextAnalysis,
  weights: SalienceWeights = SALIENCE_WEIGHTS,
  layout: ParagraphLayout = sentenceParagraphs(text),
): ScoredEntity[] {
  const scored = entities.map((entity) => {
    const features = salienceFeatures(entity, text.tokens, layout, text.wordCount);
    return { entity, score: salienceScore(features, weights) * kindFactor(entity, weights), features };
  });
  return scored.sort((a, b) => b.score - a.score || a.features.first - b.features.first || (a.entity.id < b.entity.id ? -1 : 1));
}

/** Salience of a set of weighted mentions taken as one referent, with no kind factor. */
export type MentionScorer = (mentions: readonly EntityMention[]) => number;

/**
 * A scorer of merged mentions for one article: how much the article is about whatever the mentions
 * name together. Region sections use it for a country's own mentions plus those of its people and
 * organizations (src/tags/regions.ts).
 */
export function mentionScorer(text: TextAnalysis, weights: SalienceWeights = SALIENCE_WEIGHTS, layout: ParagraphLayout = sentenceParagraphs(text)): MentionScorer {
  return (mentions) => (mentions.length === 0 ? 0 : salienceScore(salienceFeatures({ mentions }, text.tokens, layout, text.wordCount), weights));
}
