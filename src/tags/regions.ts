/**
 * Region sections: the article's countries (with their salience) rolled up to a site's sections.
 * A taxonomy is a preset name ("newsroom", "guardian", "un-m49") or a table section -> ISO alpha-2
 * country codes; a country may belong to several sections.
 */
import { createError } from '../errors.js';
import type { MentionScorer, ScoredEntity } from '../entities/salience.js';
import type { TaxonomyData } from '../entities/gazetteer-data.js';
import type { EntityMention, RegionSuggestion } from '../types.js';

/** What the `taxonomy` option accepts. */
export type TaxonomyInput = string | Readonly<Record<string, readonly string[]>> | ReadonlyMap<string, Iterable<string>>;

export interface CompiledTaxonomy {
  name: string;
  /** Country code -> sections, in table order. */
  sectionsOf: ReadonlyMap<string, readonly string[]>;
  sections: readonly string[];
  /** Country code -> its primary sections: its national sections if it has any, else all of its sections. */
  primaryOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** Section labels in other languages, when the preset has them: language -> section -> label. */
  labels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const CODE_RE = /^[A-Za-z]{2}$/;

/**
 * A section of at most this many countries is a national section ("UK news": GB and the Crown
 * Dependencies; "Palestine"): a country in one counts fully there and at `broadFactor` in its
 * regional sections.
 */
const NATIONAL_SECTION_SIZE = 10;

/** Compiles a taxonomy table; throws INVALID_TAXONOMY naming the first problem. */
export function compileTaxonomyTable(name: string, table: Iterable<[string, Iterable<string>]>): CompiledTaxonomy {
  const sectionsOf = new Map<string, string[]>();
  const sections: string[] = [];
  for (const [section, codes] of table) {
    if (typeof section !== 'string' || section.trim().length === 0) throw createError('INVALID_TAXONOMY', 'section names must be non-empty strings');
    if (sections.includes(section)) throw createError('INVALID_TAXONOMY', `section "${section}" is listed twice`);
    if (codes === null || typeof codes !== 'object' || typeof (codes as Iterable<string>)[Symbol.iterator] !== 'function' || typeof codes === 'string') {
      throw createError('INVALID_TAXONOMY', `section "${section}" must list ISO 3166-1 alpha-2 country codes`);
    }
    sections.push(section);
    for (const code of codes) {
      if (typeof code !== 'string' || !CODE_RE.test(code)) {
        throw createError('INVALID_TAXONOMY', `section "${section}" has ${JSON.stringify(code)}, not an ISO 3166-1 alpha-2 code`);
      }
      const upper = code.toUpperCase();
      const list = sectionsOf.get(upper) ?? [];
      if (!list.includes(section)) list.push(section);
      sectionsOf.set(upper, list);
    }
  }
  if (sections.length === 0) throw createError('INVALID_TAXONOMY', 'it has no sections');
  const size = new Map<string, number>();
  for (const list of sectionsOf.values()) for (const section of list) size.set(section, (size.get(section) ?? 0) + 1);
  const primaryOf = new Map<string, Set<string>>();
  for (const [code, list] of sectionsOf) {
    const national = list.filter((x) => (size.get(x) ?? 0) <= NATIONAL_SECTION_SIZE);
    primaryOf.set(code, new Set(national.length > 0 ? national : list));
  }
  return { name, sectionsOf, sections, primaryOf };
}

/** Compiles a preset name or a custom table. `presets` are the bundled taxonomies. */
export function compileTaxonomy(input: unknown, presets: readonly TaxonomyData[]): CompiledTaxonomy {
  if (typeof input === 'string') {
    const preset = presets.find((p) => p.name === input);
    if (preset === undefined) throw createError('UNKNOWN_TAXONOMY', input, presets.map((p) => `"${p.name}"`).join(', '));
    const compiled = compileTaxonomyTable(preset.name, Object.entries(preset.sections));
    if (preset.labels !== undefined) compiled.labels = preset.labels;
    return compiled;
  }
  if (input instanceof Map) return compileTaxonomyTable('custom', input as Map<string, Iterable<string>>);
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return compileTaxonomyTable('custom', Object.entries(input as Record<string, Iterable<string>>));
  }
  if (input === undefined || input === null) throw createError('UNKNOWN_TAXONOMY', input, presets.map((p) => `"${p.name}"`).join(', '));
  throw createError('INVALID_TAXONOMY', 'expected a preset name or a table of section -> country codes');
}

/** Region settings, tuned on the Guardian 2022 regions with the `guardian` preset (eval/tasks/regions.ts). */
export const REGION_SETTINGS = Object.freeze({
  /**
   * A mention of a person or organization from a country weighs this fraction of a mention of the
   * country. In a scratch check on the Guardian regions (2026-11-27), 0.3 to 1.0 scored within 0.3 F1.
   */
  homeFactor: 0.5,
  /**
   * A country with a national section counts fully there ("US news") and at this fraction toward its
   * regional sections ("Americas"), so that a regional section needs other countries of its own.
   */
  broadFactor: 0.5,
  /** Sections scoring below this fraction of the best section are dropped. */
  relative: 0.85,
  /** Most sections returned (more only when sections tie). */
  limit: 2,
});

/** A country's score for region sections, and the entry it is shown as. */
export interface CountryScore {
  id: string;
  label: string;
  score: number;
}

/**
 * Country scores of an article: how much the story is set in each country. With `scoreMentions` (the
 * tagger passes one), a country's score is the salience of all the mentions that place the story
 * there taken together: its name, demonyms, metonyms, cities and regions (resolution already counts
 * those toward it), and the mentions of its people and organizations at `homeFactor` of their weight.
 * A British story told through "the prime minister", "Downing Street" and "the NHS" is set in the UK
 * even when "Britain" is named once. The score is never below that of the best single entity (the
 * country's own salience, a city's, or `homeFactor` times a person's or an organization's), which is
 * all there is without `scoreMentions` and for entries that `homeCountry` added.
 */
export function countryScores(
  ranked: readonly ScoredEntity[],
  homeFactor: number = REGION_SETTINGS.homeFactor,
  scoreMentions?: MentionScorer,
): Map<string, CountryScore> {
  const out = new Map<string, CountryScore>();
  const merged = new Map<string, EntityMention[]>();
  for (const { entity, score, home } of ranked) {
    if (entity.country === undefined) continue;
    const own = entity.kind === 'country';
    // a city or sub-national region is in its country; a person or organization is from it
    const factor = own || entity.type === 'place' ? 1 : homeFactor;
    let c = out.get(entity.country);
    if (c === undefined) {
      c = { id: `country:${entity.country}`, label: entity.country, score: 0 };
      out.set(entity.country, c);
    }
    if (own) {
      c.id = entity.id;
      c.label = entity.label;
    }
    c.score = Math.max(c.score, score * factor);
    // cities and regions are already among their country's mentions (src/entities/resolve.ts)
    if (scoreMentions === undefined || home !== undefined || (entity.type === 'place' && !own)) continue;
    let list = merged.get(entity.country);
    if (list === undefined) {
      list = [];
      merged.set(entity.country, list);
    }
    for (const m of entity.mentions) list.push(factor === 1 ? m : { mention: m.mention, weight: m.weight * factor, reason: m.reason });
  }
  if (scoreMentions !== undefined) {
    for (const [code, mentions] of merged) {
      const c = out.get(code) as CountryScore;
      c.score = Math.max(c.score, scoreMentions(mentions));
    }
  }
  for (const [code, c] of out) if (c.score <= 0) out.delete(code);
  return out;
}

const areaSections = new WeakMap<CompiledTaxonomy, WeakMap<readonly string[], readonly string[]>>();

/**
 * The sections of a taxonomy that hold more than half of an area's countries: "Middle East and north
 * Africa" for the Gulf, none for Asia in the guardian preset (split between three sections). Cached
 * per taxonomy and area.
 */
export function sectionsOfArea(taxonomy: CompiledTaxonomy, within: readonly string[]): readonly string[] {
  let cache = areaSections.get(taxonomy);
  if (cache === undefined) {
    cache = new WeakMap();
    areaSections.set(taxonomy, cache);
  }
  let sections = cache.get(within);
  if (sections === undefined) {
    const codes = new Set(within.map((code) => code.toUpperCase()));
    const count = new Map<string, number>();
    for (const code of codes) for (const section of taxonomy.sectionsOf.get(code) ?? []) count.set(section, (count.get(section) ?? 0) + 1);
    sections = [...count].filter(([, k]) => 2 * k > codes.size).map(([section]) => section);
    cache.set(within, sections);
  }
  return sections;
}

/**
 * Rolls country scores up to sections: a section scores the best of its countries' scores (times
 * `broadFactor` where the section is not one of the country's primary sections), or the score of a
 * supra-national area or bloc that lies mostly in it (`sectionsOfArea`). Keeps sections scoring at least
 * `minScore` and `relative` of the best, at most `limit`. Sorted, best first.
 */
/**
 * The suggestions with each section's label in `lang` (`label`), when the taxonomy has labels in that
 * language; unchanged for English or a taxonomy without them. Never writes to `regions`.
 */
export function labelRegions(regions: RegionSuggestion[], taxonomy: CompiledTaxonomy, lang: string): RegionSuggestion[] {
  const names = lang === 'en' ? undefined : taxonomy.labels?.[lang];
  if (names === undefined) return regions;
  return regions.map((r) => ({ ...r, label: names[r.region] ?? r.region }));
}

export function suggestRegionsFromRanked(
  ranked: readonly ScoredEntity[],
  taxonomy: CompiledTaxonomy,
  minScore: number,
  scoreMentions?: MentionScorer,
  settings: typeof REGION_SETTINGS = REGION_SETTINGS,
): RegionSuggestion[] {
  const countries = countryScores(ranked, settings.homeFactor, scoreMentions);
  const bySection = new Map<string, RegionSuggestion>();
  for (const [code, c] of countries) {
    const primary = taxonomy.primaryOf.get(code);
    for (const section of taxonomy.sectionsOf.get(code) ?? []) {
      let r = bySection.get(section);
      if (r === undefined) {
        r = { region: section, score: 0, countries: [] };
        bySection.set(section, r);
      }
      r.countries.push({ id: c.id, label: c.label, score: Math.round(c.score * 1000) / 1000 });
      const credit = c.score * (primary?.has(section) === true ? 1 : settings.broadFactor);
      r.score = Math.max(r.score, credit);
    }
  }
  // a supra-national area or a bloc counts where most of its countries lie ("the Gulf", "the EU")
  for (const { entity, score: tagScore } of ranked) {
    if (entity.within === undefined || entity.country !== undefined || tagScore <= 0) continue;
    // an area's salience without the kind factor that keeps it down among tags: it is section material
    const score = scoreMentions === undefined ? tagScore : scoreMentions(entity.mentions);
    for (const section of sectionsOfArea(taxonomy, entity.within)) {
      let r = bySection.get(section);
      if (r === undefined) {
        r = { region: section, score: 0, countries: [] };
        bySection.set(section, r);
      }
      (r.areas ??= []).push({ id: entity.id, label: entity.label, score: Math.round(score * 1000) / 1000 });
      r.score = Math.max(r.score, score);
    }
  }
  const all = [...bySection.values()].sort((a, b) => b.score - a.score || (a.region < b.region ? -1 : 1));
  const best = all[0]?.score ?? 0;
  const out: RegionSuggestion[] = [];
  for (const r of all) {
    if (r.score < minScore || r.score < settings.relative * best) break;
    // the limit never splits sections that tie (one country in two overlapping sections)
    if (out.length >= settings.limit && r.score < (out[out.length - 1] as RegionSuggestion).score) break;
    r.countries.sort((a, b) => b.score - a.score);
    out.push(r);
  }
  for (const r of out) r.score = Math.round(r.score * 1000) / 1000;
  return out;
}
