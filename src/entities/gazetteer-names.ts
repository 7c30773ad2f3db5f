/**
 * Which names of a gazetteer entry a language matches: English the English fields; Arabic its Arabic
 * names (`names.ar`); Spanish its Spanish names and the English aliases and metonyms too (names of
 * people and organizations are mostly written the same), except one-word English aliases that are
 * Spanish function words once folded ("Para", "Como", "Este").
 */
import type { Analyzer } from '../text/lang/types.js';
import type { GazetteerEntry } from './gazetteer-data.js';

export interface EntryNames {
  names: string[];
  demonyms: string[];
  metonyms: string[];
  /** True for a name that needs context (English: as written, any case; other languages: folded). */
  isAmbiguous(name: string): boolean;
  /** Add English-style plurals of demonyms ("Israelis"). */
  plurals: boolean;
}

const lower = (xs: readonly string[] | undefined): string[] => (xs ?? []).map((a) => a.toLowerCase());

/** The names of `entry` that `analyzer`'s language matches. */
export function entryNames(entry: GazetteerEntry, analyzer: Analyzer): EntryNames {
  const english = new Set(lower(entry.ambiguous));
  if (analyzer.lang === 'en') {
    return {
      names: [...new Set([entry.label, ...entry.aliases])],
      demonyms: entry.demonyms ?? [],
      metonyms: entry.metonyms ?? [],
      isAmbiguous: (name) => english.has(name.toLowerCase()),
      plurals: true,
    };
  }
  const local = analyzer.lang === 'ar' ? entry.names?.ar : entry.names?.es;
  const key = (name: string): string => analyzer.fold(name.toLowerCase());
  const ambiguous = new Set((local?.ambiguous ?? []).map(key));
  const names = new Set<string>(local === undefined ? [] : [local.label, ...local.aliases]);
  const metonyms = [...(local?.metonyms ?? [])];
  if (analyzer.lang === 'es') {
    for (const a of [entry.label, ...entry.aliases]) {
      if (!a.includes(' ') && analyzer.stopwords.has(analyzer.fold(a.toLowerCase()))) continue;
      names.add(a);
    }
    for (const a of english) ambiguous.add(key(a));
    metonyms.push(...(entry.metonyms ?? []));
  }
  return { names: [...names], demonyms: local?.demonyms ?? [], metonyms, isAmbiguous: (name) => ambiguous.has(key(name)), plurals: false };
}
