/**
 * A site's controlled vocabulary (its existing tags, with aliases), and allow / deny lists: compiled
 * once into maps keyed by gazetteer entry id and by name key, so that a suggestion maps onto an
 * existing tag when one names the same entity ("DPRK" on the site, "North Korea" in the gazetteer).
 */
import { createError } from '../errors.js';
import { nameKey, type CompiledGazetteer } from '../entities/gazetteer.js';
import type { Entity } from '../types.js';

/** One tag of a site's vocabulary: its name as the site shows it, and other names for it. */
export interface VocabularyTag {
  tag: string;
  aliases?: readonly string[];
}

/** What the `vocabulary` option accepts: tag names, or tags with aliases. */
export type VocabularyInput = Iterable<string | VocabularyTag>;

export interface CompiledVocabulary {
  /** The site tag for an entity, or undefined when it would be a new tag. */
  tagFor(entity: Entity): string | undefined;
  readonly size: number;
}

/** A compiled list of names and ids (allow or deny). */
export interface NameMatcher {
  has(entity: Entity): boolean;
  readonly size: number;
}

function entryIdsOf(gazetteer: CompiledGazetteer, name: string): string[] {
  if (gazetteer.entries.has(name)) return [name];
  return gazetteer
    .lookup(name)
    .filter((r) => r.via !== 'demonym')
    .map((r) => r.entry.id);
}

/**
 * Compiles a vocabulary. Throws INVALID_VOCABULARY for a tag that is not a non-empty string, a tag
 * listed twice, or a name (tag or alias) that would map to two different tags.
 */
export function compileVocabulary(input: VocabularyInput, gazetteer: CompiledGazetteer): CompiledVocabulary {
  const byKey = new Map<string, string>();
  const byId = new Map<string, string>();
  const tags = new Set<string>();
  if (input === null || typeof input !== 'object' || typeof (input as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw createError('INVALID_VOCABULARY', 'expected an iterable of tag names or { tag, aliases } objects');
  }
  for (const item of input) {
    const tag = typeof item === 'string' ? item : item !== null && typeof item === 'object' ? item.tag : undefined;
    if (typeof tag !== 'string' || tag.trim().length === 0) {
      throw createError('INVALID_VOCABULARY', `every tag must be a non-empty string, got ${JSON.stringify(tag ?? null)}`);
    }
    const aliases = typeof item === 'string' ? [] : (item.aliases ?? []);
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string')) {
      throw createError('INVALID_VOCABULARY', `aliases of "${tag}" must be an array of strings`);
    }
    const tagKey = nameKey(tag);
    if (tags.has(tagKey)) throw createError('INVALID_VOCABULARY', `duplicate tag "${tag}"`);
    tags.add(tagKey);
    for (const name of [tag, ...aliases]) {
      const key = nameKey(name);
      if (key.length === 0) continue;
      const other = byKey.get(key);
      if (other !== undefined && other !== tag) {
        throw createError('INVALID_VOCABULARY', `"${name}" names both "${other}" and "${tag}"`);
      }
      byKey.set(key, tag);
      for (const id of entryIdsOf(gazetteer, name)) if (!byId.has(id)) byId.set(id, tag);
    }
  }
  return {
    size: tags.size,
    tagFor(entity) {
      const direct = byId.get(entity.id);
      if (direct !== undefined) return direct;
      for (const name of [entity.label, ...(entity.aliases ?? [])]) {
        const tag = byKey.get(nameKey(name));
        if (tag !== undefined) return tag;
      }
      return undefined;
    },
  };
}

/** Compiles an allow or deny list of ids ("country:KP"), names or aliases. */
export function compileNameList(input: Iterable<string>, option: string, gazetteer: CompiledGazetteer): NameMatcher {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const name of input) {
    if (typeof name !== 'string' || name.trim().length === 0) {
      throw createError('INVALID_OPTION', option, name, 'an iterable of non-empty strings (ids or names)');
    }
    ids.add(name);
    for (const id of entryIdsOf(gazetteer, name)) ids.add(id);
    keys.add(nameKey(name));
  }
  return {
    size: ids.size,
    has(entity) {
      if (ids.has(entity.id)) return true;
      for (const name of [entity.label, ...(entity.aliases ?? [])]) if (keys.has(nameKey(name))) return true;
      return false;
    },
  };
}
