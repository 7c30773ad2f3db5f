/**
 * Name-list membership for the NER features: which words occur in person, place or organization
 * names of a gazetteer, and where (a one-word name, or the first, an inner or the last word of a
 * longer name). The table is built at training time and stored in the model file, so a model always
 * carries the lists it was trained with.
 */
import { hashString, lowerKey } from './features.js';
import { phraseHash } from './context.js';

/** Hash of a word's lower-case key (see `lowerKey`) -> bit mask of `NAME_LIST_BITS`. */
export type NameListTable = Map<number, number>;

/** Bit = type * 4 + position (0 single, 1 first, 2 inner, 3 last); bit 12 = demonym. */
export const NAME_LIST_TYPES = ['person', 'place', 'organization'] as const;
export const DEMONYM_BIT = 12;

export interface NameListEntry {
  type: 'person' | 'place' | 'organization';
  aliases: readonly string[];
  demonyms?: readonly string[];
}

/** Splits a name into words the way news text is tokenized (spaces; possessive 's apart). */
function nameWords(name: string): string[] {
  return name
    .split(/\s+/u)
    .flatMap((w) => (/^(.+)('s|’s)$/u.test(w) ? [w.slice(0, -2), "'s"] : [w]))
    .filter((w) => w.length > 0);
}

/** Builds the membership table of a gazetteer's aliases (and demonyms). */
export function buildNameLists(entries: readonly NameListEntry[]): NameListTable {
  const table: NameListTable = new Map();
  const add = (word: string, bit: number) => {
    const key = hashString(lowerKey(word));
    table.set(key, (table.get(key) ?? 0) | (1 << bit));
  };
  for (const entry of entries) {
    const type = NAME_LIST_TYPES.indexOf(entry.type);
    if (type < 0) continue;
    for (const alias of entry.aliases) {
      const words = nameWords(alias);
      words.forEach((w, i) => add(w, type * 4 + (words.length === 1 ? 0 : i === 0 ? 1 : i === words.length - 1 ? 3 : 2)));
    }
    for (const demonym of entry.demonyms ?? []) for (const w of nameWords(demonym)) add(w, DEMONYM_BIT);
  }
  return table;
}

/** Type bits of a phrase: 1 person, 2 place, 4 organization. */
const PHRASE_TYPE_BITS: Readonly<Record<string, number>> = { person: 1, place: 2, organization: 4 };

/**
 * The gazetteer's names of two to `maxWords` words, as phrase hash (see `phraseHash`) -> type bits,
 * for the longest-match phrase features.
 */
export function buildPhrases(entries: readonly NameListEntry[], maxWords: number): Map<number, number> {
  const table = new Map<number, number>();
  for (const entry of entries) {
    const bits = PHRASE_TYPE_BITS[entry.type];
    if (bits === undefined) continue;
    for (const alias of entry.aliases) {
      const words = nameWords(alias);
      if (words.length < 2 || words.length > maxWords) continue;
      const key = phraseHash(words.map((w) => hashString(lowerKey(w))));
      table.set(key, (table.get(key) ?? 0) | bits);
    }
  }
  return table;
}

/** Word clusters as the model stores them: hash of the word's lower-case key -> path code (1, then the path's bits). */
export function buildClusterTable(paths: ReadonlyMap<string, string>): Map<number, number> {
  const table = new Map<number, number>();
  for (const [word, path] of paths) {
    if (path.length > 15 || !/^[01]*$/.test(path)) throw new RangeError(`cluster path "${path}" is not a bit string of at most 15 bits`);
    table.set(hashString(lowerKey(word)), parseInt(`1${path}`, 2));
  }
  return table;
}
