/**
 * Tag suggestions: ranked entities filtered by type, allow / deny lists and a minimum score, cut to a
 * limit, and mapped onto a site's controlled vocabulary when one is given.
 */
import type { ScoredEntity } from '../entities/salience.js';
import { salienceReasons } from '../entities/salience.js';
import type { EntityType, TagSuggestion } from '../types.js';
import type { CompiledVocabulary, NameMatcher } from './vocabulary.js';

export interface SuggestSettings {
  limit: number;
  minScore: number;
  types: ReadonlySet<EntityType>;
  vocabulary: CompiledVocabulary | undefined;
  allow: NameMatcher | undefined;
  deny: NameMatcher | undefined;
}

/** Turns ranked entities into suggestions. `ranked` must be sorted by score, best first. */
export function suggestFromRanked(ranked: readonly ScoredEntity[], settings: SuggestSettings): TagSuggestion[] {
  const out: TagSuggestion[] = [];
  for (const { entity, score, features } of ranked) {
    if (out.length >= settings.limit) break;
    if (score < settings.minScore) break;
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
        reasons: salienceReasons(features),
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
