/**
 * The packed form of gazetteer data, as the build writes it to dist/data/gazetteer.cjs: each entry an
 * array of its values in the order of `keys` (null where absent, trailing nulls dropped), and an
 * entry's `aliases` without its first alias when that is the label (the case for every bundled entry).
 * About 57% of the JSON's size and 85% of its gzipped size (the browser bundle carries it). Any key
 * the data build adds travels in `keys` without a change here. `unpackGazetteer(packGazetteer(d))`
 * deep-equals `d` (a test checks it on the bundled gazetteer).
 *
 * An `id` that `derivedId` rebuilds from the entry's kind, country and label ("city:AE-abu-dhabi",
 * "country:KP", "person:kim-jong-un": 3,873 of the 4,375 bundled entries) is packed as 0: the ids are
 * 18% of the gzipped data and gzip cannot relate a slug to its label. The packer stores 0 only when the
 * derivation gives the id back exactly, so any id keeps its value.
 */
import type { GazetteerData, GazetteerEntry } from './gazetteer-data.js';

export interface PackedGazetteer {
  packed: 1;
  version: number;
  generated?: string;
  attribution?: string[];
  keys: string[];
  rows: unknown[][];
}

export function isPackedGazetteer(data: unknown): data is PackedGazetteer {
  return typeof data === 'object' && data !== null && (data as { packed?: unknown }).packed === 1;
}

/** The id the data build gives an entry of this kind, country and label (scripts/build-data.ts). */
function derivedId(entry: Record<string, unknown>): string | undefined {
  const { type, kind, country, label } = entry;
  if (typeof label !== 'string' || typeof kind !== 'string') return undefined;
  if (kind === 'country') return typeof country === 'string' ? `country:${country}` : undefined;
  if (type === 'place') return typeof country === 'string' ? `${kind}:${country}-${slug(label)}` : undefined;
  if (type === 'person' || type === 'organization') return `${type === 'person' ? 'person' : 'org'}:${slug(label)}`;
  return undefined;
}

/** "São Paulo" -> "sao-paulo". O(label). */
function slug(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['.’ʼ]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

export function packGazetteer(data: GazetteerData): PackedGazetteer {
  const keys: string[] = [];
  for (const entry of data.entries) for (const key of Object.keys(entry)) if (!keys.includes(key)) keys.push(key);
  const rows = data.entries.map((entry) => {
    const values = keys.map((key): unknown => {
      const value = (entry as unknown as Record<string, unknown>)[key];
      if (key === 'id' && value !== undefined && value === derivedId(entry as unknown as Record<string, unknown>)) return 0;
      if (key !== 'aliases' || !Array.isArray(value)) return value ?? null;
      // aliases[0] is the label: leave it out; else a leading null marks the list as complete
      return value[0] === entry.label ? value.slice(1) : [null, ...value];
    });
    while (values.length > 0 && values[values.length - 1] === null) values.pop();
    return values;
  });
  const { entries: _, ...header } = data;
  return { ...header, packed: 1, keys, rows };
}

export function unpackGazetteer(packed: PackedGazetteer): GazetteerData {
  const { keys, rows, packed: _, ...header } = packed;
  const entries = rows.map((values) => {
    const entry: Record<string, unknown> = {};
    values.forEach((value, i) => {
      if (value !== null) entry[keys[i] as string] = value;
    });
    if (entry.id === 0) entry.id = derivedId(entry);
    const aliases = entry.aliases as (string | null)[] | undefined;
    if (aliases !== undefined) entry.aliases = aliases[0] === null ? aliases.slice(1) : [entry.label, ...aliases];
    return entry as unknown as GazetteerEntry;
  });
  return { ...header, entries };
}
