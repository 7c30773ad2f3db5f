/**
 * The Arabic and Spanish names of the bundled gazetteer travel apart from it (news-tagger/languages,
 * dist/data/names-ar.cjs and names-es.cjs) so that a browser bundle of the core leaves them out. This
 * module holds their shape and the two moves between the forms: taking a language's names out of
 * gazetteer data (the build, and the core's default gazetteer in development) and putting them back
 * into a tagger's gazetteer (`createTagger({ languages })`).
 */
import type { GazetteerData, GazetteerEntry, LocalNames } from './gazetteer-data.js';

/** The languages whose gazetteer names ship as modules of their own. */
export type NamedLanguage = 'ar' | 'es';

/**
 * One language's names for the bundled gazetteer: entry id -> its names in that language. Made by
 * `arabic()` and `spanish()` of news-tagger/languages; given to `createTagger({ languages })`.
 */
export interface LanguageNames {
  readonly lang: NamedLanguage;
  readonly names: ReadonlyMap<string, LocalNames>;
}

/** The data-file form of `LanguageNames` (JSON): `[entry id, names]` rows in gazetteer order. */
export interface PackedNames {
  lang: NamedLanguage;
  rows: [string, LocalNames][];
}

/** The names in `lang` of every entry of `data` that has some. O(entries). */
export function packNames(data: GazetteerData, lang: NamedLanguage): PackedNames {
  const rows: [string, LocalNames][] = [];
  for (const entry of data.entries) {
    const local = entry.names?.[lang];
    if (local !== undefined) rows.push([entry.id, local]);
  }
  return { lang, rows };
}

export function unpackNames(packed: PackedNames): LanguageNames {
  return Object.freeze({ lang: packed.lang, names: new Map(packed.rows) });
}

/** `data` without the entries' `names` (the English fields only). Returns new entry objects. */
export function withoutLocalNames(data: GazetteerData): GazetteerData {
  if (!data.entries.some((e) => e.names !== undefined)) return data;
  return {
    ...data,
    entries: data.entries.map((entry) => {
      if (entry.names === undefined) return entry;
      const { names: _, ...rest } = entry;
      return rest;
    }),
  };
}

/**
 * `data` with the names of `languages` given to the entries (by id) that have none in that language;
 * an entry's own names win. `data` is left as it is (changed entries are copies). O(entries).
 */
export function withLanguageNames(data: GazetteerData, languages: readonly LanguageNames[]): GazetteerData {
  if (languages.length === 0) return data;
  const entries = data.entries.map((entry) => {
    let names: GazetteerEntry['names'] = entry.names;
    for (const { lang, names: table } of languages) {
      const local = table.get(entry.id);
      if (local === undefined || names?.[lang] !== undefined) continue;
      names = { ...names, [lang]: local };
    }
    return names === entry.names ? entry : { ...entry, names };
  });
  return { ...data, entries };
}
