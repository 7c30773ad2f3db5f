/**
 * The packed form of gazetteer data, as the build writes it to dist/data/gazetteer.cjs: each entry an
 * array of its values in the order of `keys` (null where absent, trailing nulls dropped), and an
 * entry's `aliases` without its first alias when that is the label (the case for every bundled entry).
 * About 57% of the JSON's size and 85% of its gzipped size (the browser bundle carries it). Any key
 * the data build adds travels in `keys` without a change here. `unpackGazetteer(packGazetteer(d))`
 * deep-equals `d` (a test checks it on the bundled gazetteer).
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

export function packGazetteer(data: GazetteerData): PackedGazetteer {
  const keys: string[] = [];
  for (const entry of data.entries) for (const key of Object.keys(entry)) if (!keys.includes(key)) keys.push(key);
  const rows = data.entries.map((entry) => {
    const values = keys.map((key): unknown => {
      const value = (entry as unknown as Record<string, unknown>)[key];
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
    const aliases = entry.aliases as (string | null)[] | undefined;
    if (aliases !== undefined) entry.aliases = aliases[0] === null ? aliases.slice(1) : [entry.label, ...aliases];
    return entry as unknown as GazetteerEntry;
  });
  return { ...header, entries };
}
