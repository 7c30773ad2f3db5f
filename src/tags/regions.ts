/**
 * Region sections: the article's countries (with their salience) rolled up to a site's sections.
 * A taxonomy is a preset name ("newsroom", "guardian", "un-m49") or a table section -> ISO alpha-2
 * country codes; a country may belong to several sections.
 */
import { createError } from '../errors.js';
import type { ScoredEntity } from '../entities/salience.js';
import type { TaxonomyData } from '../entities/gazetteer-data.js';
import type { RegionSuggestion } from '../types.js';

/** What the `taxonomy` option accepts. */
export type TaxonomyInput = string | Readonly<Record<string, readonly string[]>> | ReadonlyMap<string, Iterable<string>>;

export interface CompiledTaxonomy {
  name: string;
  /** Country code -> sections, in table order. */
  sectionsOf: ReadonlyMap<string, readonly string[]>;
  sections: readonly string[];
  /** Country code -> its primary sections: its national sections if it has any, else all of its sections. */
  primaryOf: ReadonlyMap<string, ReadonlySet<string>>;
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
    return compileTaxonomyTable(preset.name, Object.entries(preset.sections));
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
  /** People and organizations count toward their home country at this fraction of their score. */
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

/**
 * Country scores of an article: a country's own salience (its name, demonyms, cities and metonyms
 * already count toward it), or a fraction of the salience of a person or organization from it.
 */
export function countryScores(ranked: readonly ScoredEntity[], homeFactor = REGION_SETTINGS.homeFactor): Map<string, { id: string; label: string; score: number }> {
  const out = new Map<string, { id: string; label: string; score: number }>();
  for (const { entity, score } of ranked) {
    if (entity.country === undefined) continue;
    const own = entity.kind === 'country';
    // a city or sub-national region is in its country; a person or organization is from it
    const s = own ? score : entity.type === 'place' ? score : score * homeFactor;
    if (s <= 0) continue;
    const prev = out.get(entity.country);
    if (prev === undefined) out.set(entity.country, { id: own ? entity.id : `country:${entity.country}`, label: own ? entity.label : entity.country, score: s });
    else {
      if (own) {
        prev.id = entity.id;
        prev.label = entity.label;
      }
      prev.score = Math.max(prev.score, s);
    }
  }
  return out;
}

/**
 * Rolls country scores up to sections: a section scores the best of its countries' scores (times
 * `broadFactor` where the section is not one of the country's primary sections). Keeps sections scoring at least
 * `minScore` and `relative` of the best, at most `limit`. Sorted, best first.
 */
export function suggestRegionsFromRanked(
  ranked: readonly ScoredEntity[],
  taxonomy: CompiledTaxonomy,
  minScore: number,
  settings: typeof REGION_SETTINGS = REGION_SETTINGS,
): RegionSuggestion[] {
  const countries = countryScores(ranked, settings.homeFactor);
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
