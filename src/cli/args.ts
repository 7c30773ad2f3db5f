/**
 * Command-line parsing helpers over node:util parseArgs, and the options shared by the subcommands
 * (input format, column mapping, tagger options). Bad arguments throw `UsageError`, which the
 * program prints with a pointer to `--help` and exit code 1.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ColumnMap } from '../batch/types.js';
import type { TaggerOptions } from '../options.js';
import type { EntityType } from '../types.js';
import { loadSiteModel } from '../site/serialize.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** Parses argv with the given options; unknown options and missing values become UsageError. */
export function parse(argv: readonly string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
}

export const COLUMN_OPTIONS = {
  'id-column': { type: 'string' },
  'title-column': { type: 'string' },
  'body-column': { type: 'string' },
  'lede-column': { type: 'string' },
  'date-column': { type: 'string' },
  'section-column': { type: 'string' },
  'url-column': { type: 'string' },
  'lang-column': { type: 'string' },
  'tags-column': { type: 'string' },
} as const satisfies Options;

export const TAGGER_OPTIONS = {
  taxonomy: { type: 'string' },
  vocabulary: { type: 'string' },
  gazetteer: { type: 'string' },
  limit: { type: 'string' },
  'min-score': { type: 'string' },
  'region-min-score': { type: 'string' },
  types: { type: 'string' },
  html: { type: 'string' },
  'words-per-minute': { type: 'string' },
  'max-field-length': { type: 'string' },
  site: { type: 'string' },
} as const satisfies Options;

export const COLUMN_HELP = `Columns (CSV headers or JSON keys; defaults are the names shown):
  --id-column NAME        id          --title-column NAME   title
  --body-column NAME      body        --lede-column NAME    lede
  --date-column NAME      date        --section-column NAME section (else "category")
  --url-column NAME       url         --lang-column NAME    lang
  --tags-column NAME      tags (editor tags; in CSV joined with "|")`;

export const TAGGER_HELP = `Tagging:
  --taxonomy NAME|FILE    region preset (newsroom, guardian, un-m49) or a JSON file
                          {"Section": ["FR", "DE"], ...}                  [newsroom]
  --vocabulary FILE       the site's existing tags: one per line, aliases after "|"
                          ("North Korea|DPRK"), or a JSON array; suggestions are mapped onto them
  --gazetteer FILE        a gazetteer JSON file (same shape as the bundled one) instead of the bundled one
  --limit N               most tags per article
  --min-score X           least tag salience, 0..1
  --region-min-score X    least region score, 0..1
  --types LIST            entity types to suggest: person,place,organization,other
  --html auto|text|html   how to read body and lede                              [auto]
  --words-per-minute N    reading speed for reading time                         [230]
  --max-field-length N    longest accepted text field, in characters             [1000000]
  --site FILE             a site model ("news-tagger train"): the site's own tags, entities and
                          topics, with calibrated scores (its limit and threshold unless given)`;

export function columnsFrom(values: Values): ColumnMap {
  const columns: ColumnMap = {};
  for (const key of ['id', 'title', 'body', 'lede', 'date', 'section', 'url', 'lang', 'tags'] as const) {
    const value = values[`${key}-column`];
    if (typeof value === 'string') {
      if (value.length === 0) throw new UsageError(`--${key}-column needs a column name`);
      columns[key] = value;
    }
  }
  return columns;
}

function number(values: Values, name: string, integer: boolean): number | undefined {
  const text = values[name];
  if (typeof text !== 'string') return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${text}"`);
  }
  return n;
}

export function integerOption(values: Values, name: string): number | undefined {
  return number(values, name, true);
}

/** A site model file's bytes, checked now (a damaged or foreign file is an error before any row). */
function readSiteModel(path: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read the site model file ${path}: ${(error as Error).message}`);
  }
  loadSiteModel(bytes);
  return bytes;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`the ${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a vocabulary file: a JSON array, or one tag per line with aliases after "|". */
export function readVocabulary(path: string): TaggerOptions['vocabulary'] {
  if (path.toLowerCase().endsWith('.json')) return readJson(path, 'vocabulary') as TaggerOptions['vocabulary'];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the vocabulary file ${path}: ${(error as Error).message}`);
  }
  const tags: { tag: string; aliases: string[] }[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const names = line.split('|').map((n) => n.trim()).filter((n) => n.length > 0);
    if (names.length === 0 || (names[0] as string).startsWith('#')) continue;
    tags.push({ tag: names[0] as string, aliases: names.slice(1) });
  }
  return tags;
}

/** Tagger options from the command line; plain data, so they can be posted to worker threads. */
export function taggerOptionsFrom(values: Values): TaggerOptions {
  const options: TaggerOptions = {};
  const taxonomy = values.taxonomy;
  if (typeof taxonomy === 'string') {
    options.taxonomy = taxonomy.toLowerCase().endsWith('.json') ? (readJson(taxonomy, 'taxonomy') as TaggerOptions['taxonomy']) : taxonomy;
  }
  if (typeof values.vocabulary === 'string') options.vocabulary = readVocabulary(values.vocabulary);
  if (typeof values.gazetteer === 'string') options.gazetteer = readJson(values.gazetteer, 'gazetteer') as TaggerOptions['gazetteer'];
  const limit = number(values, 'limit', true);
  if (limit !== undefined) options.limit = limit;
  const minScore = number(values, 'min-score', false);
  if (minScore !== undefined) options.minScore = minScore;
  const regionMinScore = number(values, 'region-min-score', false);
  if (regionMinScore !== undefined) options.regionMinScore = regionMinScore;
  if (typeof values.types === 'string') options.types = values.types.split(',').map((t) => t.trim()) as EntityType[];
  if (typeof values.html === 'string') options.format = values.html as TaggerOptions['format'];
  const wpm = number(values, 'words-per-minute', false);
  if (wpm !== undefined) options.wordsPerMinute = wpm;
  const maxField = number(values, 'max-field-length', true);
  if (maxField !== undefined) options.maxFieldLength = maxField;
  if (typeof values.site === 'string') options.site = readSiteModel(values.site);
  return options;
}

export function formatOption(values: Values, name: string): 'csv' | 'jsonl' | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value !== 'csv' && value !== 'jsonl') throw new UsageError(`--${name} must be csv or jsonl, got "${String(value)}"`);
  return value;
}
