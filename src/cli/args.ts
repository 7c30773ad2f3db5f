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

export class UsageError extends Error {
  override name = 'UsageError';
  /** Whether the message ends with a pointer to --help (not for a missing input file). */
  readonly showHelp: boolean;

  constructor(message: string, showHelp = true) {
    super(message);
    this.showHelp = showHelp;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** What each option with a value expects, for the messages about a missing or bad value. */
const EXPECTED: Record<string, string> = {
  workers: 'an integer >= 0 (0 = the main thread)',
  'checkpoint-seconds': 'an integer >= 0 (seconds)',
  limit: 'an integer >= 1',
  'tag-limit': 'an integer >= 1',
  k: 'an integer >= 1',
  'max-field-length': 'an integer >= 1',
  'min-score': 'a number from 0 to 1',
  'region-min-score': 'a number from 0 to 1',
  'words-per-minute': 'a number > 0',
  format: 'csv or jsonl',
  'out-format': 'csv or jsonl',
  html: 'auto, text, html or page',
  types: 'a comma-separated list of person, place, organization, other',
  taxonomy: 'a preset (newsroom, guardian, un-m49) or a JSON file',
  gold: 'a comma-separated list of columns',
};

/** The expected form of an option's value, for messages. */
export function expected(name: string): string {
  return EXPECTED[name] ?? (name.endsWith('-column') ? 'a column name' : name === 'id' ? 'an article id' : 'a file name, or "-"');
}

/** Edit distance with transpositions (optimal string alignment), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The candidate nearest to `word` (at most 2 edits, or a prefix of it), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 2 ? 0.5 : distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 3))) ? best : undefined;
}

/**
 * Parses argv with the given options. Unknown options ("unknown option --limt (did you mean
 * --limit?)"), missing values and values given to a switch become UsageError naming the option; a
 * negative number after an option is its value ("--workers -1"), which the option's check rejects.
 */
export function parse(argv: readonly string[], options: Options): { values: Values; positionals: string[] } {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(parseMessage(error as Error & { code?: string }, options));
  }
}

function parseMessage(error: Error & { code?: string }, options: Options): string {
  // Node names the option as '--name', '-n, --name' or '--name <value>'
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = /--[^\s=,']+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const guess = closest(option.replace(/^-+/, ''), Object.keys(options));
    return `unknown option ${option}${guess === undefined ? '' : ` (did you mean --${guess}?)`}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.startsWith('--') === true) {
    const name = option.slice(2);
    if (/does not take an argument/.test(error.message)) return `--${name} is a switch and takes no value`;
    return `--${name} needs a value: ${expected(name)}`;
  }
  return error.message.replace(/^TypeError \[\w+\]: /, '');
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
  --html auto|text|html|page  how to read body and lede; page: each body is a whole web page
                          whose article is extracted first ("auto" does so for <html>/<body>)  [auto]
  --words-per-minute N    reading speed for reading time                         [230]
  --max-field-length N    longest accepted text field, in characters             [1000000]`;

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

function number(values: Values, name: string, integer: boolean, min = -Infinity): number | undefined {
  const text = values[name];
  if (typeof text !== 'string') return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
    throw new UsageError(`--${name} must be ${expected(name)}, got "${text}"`);
  }
  return n;
}

/** An integer option; below `min` (default 1; 0 for --workers and --checkpoint-seconds) is an error. */
export function integerOption(values: Values, name: string): number | undefined {
  return number(values, name, true, name === 'workers' || name === 'checkpoint-seconds' ? 0 : 1);
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
  const limit = number(values, 'limit', true, 1);
  if (limit !== undefined) options.limit = limit;
  const minScore = number(values, 'min-score', false);
  if (minScore !== undefined) options.minScore = minScore;
  const regionMinScore = number(values, 'region-min-score', false);
  if (regionMinScore !== undefined) options.regionMinScore = regionMinScore;
  if (typeof values.types === 'string') options.types = values.types.split(',').map((t) => t.trim()) as EntityType[];
  if (typeof values.html === 'string') options.format = values.html as TaggerOptions['format'];
  const wpm = number(values, 'words-per-minute', false);
  if (wpm !== undefined) options.wordsPerMinute = wpm;
  const maxField = number(values, 'max-field-length', true, 1);
  if (maxField !== undefined) options.maxFieldLength = maxField;
  return options;
}

export function formatOption(values: Values, name: string): 'csv' | 'jsonl' | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value !== 'csv' && value !== 'jsonl') throw new UsageError(`--${name} must be ${expected(name)}, got "${String(value)}"`);
  return value;
}
