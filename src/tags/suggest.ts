/**
 * Tag suggestions: ranked entities filtered by type, allow / deny lists and a minimum score, cut to a
 * limit, and mapped onto a site's controlled vocabulary when one is given.
 */
import type { ScoredEntity } from '../entities/salience.js';
import { salienceReasons } from '../entities/salience.js';
import type { Entity, EntityType, TagSuggestion } from '../types.js';
import type { CompiledVocabulary, NameMatcher } from './vocabulary.js';

export interface SuggestSettings {
  limit: number;
  minScore: number;
  types: ReadonlySet<EntityType>;
  vocabulary: CompiledVocabulary | undefined;
  allow: NameMatcher | undefined;
  deny: NameMatcher | undefined;
  /** The home country entity, suggested when an article names no country. */
  home: Entity | undefined;
}

/**
 * With a home country set, makes sure an article gets a country: when no country reaches `minScore`,
 * the best country the article names (at any score) is moved up to the last passing place, or, when
 * it names none, the home country is added there. Returns the list unchanged otherwise.
 */
export function withHomeCountry(ranked: readonly ScoredEntity[], home: Entity | undefined, minScore: number): readonly ScoredEntity[] {
  if (home === undefined) return ranked;
  for (const r of ranked) if (r.entity.kind === 'country' && r.score >= minScore) return ranked;
  const passing = ranked.filter((r) => r.score >= minScore);
  const rest = ranked.filter((r) => r.score < minScore);
  const named = rest.find((r) => r.entity.kind === 'country' && r.score > 0);
  if (named !== undefined) return [...passing, { ...named, home: 'named' }, ...rest.filter((r) => r !== named)];
  const features = { title: 0, lede: 0, count: 0, first: 1, spread: 0, paragraphs: 0, totalParagraphs: 0, words: 0 };
  return [...passing, { entity: home, score: minScore, features, home: 'home' }, ...rest];
}

/** Turns ranked entities into suggestions. `ranked` must be sorted by score, best first. */
export function suggestFromRanked(ranked: readonly ScoredEntity[], settings: SuggestSettings): TagSuggestion[] {
  const out: TagSuggestion[] = [];
  for (const { entity, score, features, home } of withHomeCountry(ranked, settings.home, settings.minScore)) {
    if (out.length >= settings.limit) break;
    if (score < settings.minScore && home === undefined) break;
    if (!settings.types.has(entity.type)) continue;
    if (settings.deny !== undefined && settings.deny.has(entity)) continue;
    if (settings.allow !== undefined && !settings.allow.has(entity)) continue;
    const suggestion: TagSuggestion = {
      id: entity.id,
      label: entity.label,
      type: entity.type,
      score: Math.round(score * 1000) / 1000,
      evidence: {
        mentions: entity.mentions.map(({ mention }) => ({ text: mention.text, field: mention.field, start: mention.start, end: mention.end })),
        reasons:
          home === 'home'
            ? ['home country: the article names no country']
            : home === 'named'
              ? [...salienceReasons(features), 'the best country the article names (homeCountry is set and no country reached minScore)']
              : salienceReasons(features),
      },
    };
    if (entity.wikidata !== undefined) suggestion.wikidata = entity.wikidata;
    if (entity.aliases !== undefined) suggestion.aliases = [...entity.aliases];
    if (settings.vocabulary !== undefined) {
      const tag = settings.vocabulary.tagFor(entity);
      suggestion.vocabulary = tag === undefined ? { new: true } : { tag, new: false };
    }
    out.push(suggestion);
  }
  return out;
}
