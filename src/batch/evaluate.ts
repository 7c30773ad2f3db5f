/**
 * `runTagEval()`: scores the tagger against the tags an archive already has, so a newsroom can measure
 * the library on its own articles before trusting it. Gold tags come from columns of the archive
 * (default: tags, people, places, orgs; lists are JSON arrays or "|"-joined CSV cells). A suggestion
 * matches a gold tag when their names have the same match key (case, accents, hyphens and
 * punctuation folded: "Kim Jong-un" = "kim jong un"), comparing the gold tag with the suggestion's
 * label, its aliases and the last part of its id ("country:KP" -> "kp").
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { nameKey } from '../entities/gazetteer.js';
import { createError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import { createTagger } from '../with-model.js';
import { readRows } from './read.js';
import { checkRow, DEFAULT_COLUMNS, LIST_SEPARATOR } from './rows.js';
import { DEFAULT_MAX_RECORD, formatOf } from './run.js';
import type { BatchFormat, ColumnMap } from './types.js';

export interface TagEvalOptions {
  input: string | Readable;
  format?: BatchFormat;
  columns?: ColumnMap;
  /** Columns holding gold tags. Default: tags, people, places, orgs (those present are used). */
  goldColumns?: readonly string[];
  tagger?: TaggerOptions;
  /** Score the top k suggestions (default: all the tagger returns, i.e. its `limit`). */
  k?: number;
  /** Evaluate at most this many articles with gold tags. */
  limit?: number;
}

export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface TagEvalReport extends PrfScore {
  /** Articles with at least one gold tag (the only ones scored). */
  articles: number;
  /** Rows skipped: unreadable, failing the row checks, or without gold tags. */
  skipped: number;
  gold: number;
  suggested: number;
  /** Suggestions that match a gold tag. */
  correct: number;
  /** Recall per gold column: how many of its tags were found. */
  columns: Record<string, { gold: number; found: number; recall: number }>;
  seconds: number;
}

/** Precision, recall and F1 from counts (0 when undefined). */
export function prf(correct: number, suggested: number, goldFound: number, gold: number): PrfScore {
  const precision = suggested === 0 ? 0 : correct / suggested;
  const recall = gold === 0 ? 0 : goldFound / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function goldList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(LIST_SEPARATOR).map((t) => t.trim()).filter((t) => t.length > 0);
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === 'string' && t.trim().length > 0);
  return [];
}

export async function runTagEval(options: TagEvalOptions): Promise<TagEvalReport> {
  const started = performance.now();
  const format = options.format ?? formatOf(typeof options.input === 'string' ? options.input : undefined) ?? 'jsonl';
  const taggerOptions = options.tagger ?? {};
  const resolved = resolveOptions(taggerOptions);
  const tagger = createTagger(taggerOptions);
  const goldColumns = options.goldColumns ?? ['tags', 'people', 'places', 'orgs'];
  if (goldColumns.length === 0) throw createError('INVALID_OPTION', 'goldColumns', goldColumns, 'at least one column name');
  const k = options.k ?? Number.POSITIVE_INFINITY;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const columns = { ...DEFAULT_COLUMNS, ...(options.columns ?? {}) };
  const validate = { columns, maxFieldLength: resolved.maxFieldLength, allowEmptyBody: true };
  const source = typeof options.input === 'string' ? (options.input === '-' ? process.stdin : createReadStream(options.input)) : options.input;

  const perColumn = new Map<string, { gold: number; found: number }>(goldColumns.map((c) => [c, { gold: 0, found: 0 }]));
  let articles = 0;
  let skipped = 0;
  let gold = 0;
  let goldFound = 0;
  let suggested = 0;
  let correct = 0;
  const keyCache = new Map<string, string>();
  const key = (name: string): string => {
    let value = keyCache.get(name);
    if (value === undefined) {
      value = nameKey(name);
      if (keyCache.size < 100_000) keyCache.set(name, value);
    }
    return value;
  };

  for await (const row of readRows(source, { format, maxRecordBytes: DEFAULT_MAX_RECORD })) {
    if (articles >= limit) break;
    if ('error' in row) {
      skipped++;
      continue;
    }
    const golds: { column: string; key: string }[] = [];
    for (const column of goldColumns) for (const g of goldList(row.fields.get(column))) golds.push({ column, key: key(g) });
    const checked = checkRow(row.fields, validate);
    if (golds.length === 0 || !('article' in checked)) {
      skipped++;
      continue;
    }
    articles++;
    // the tagger must not see the gold: the article goes in without its editor tags
    const { tags: _gold, ...article } = checked.article;
    const tags = tagger.suggestTags(article).slice(0, k);
    const goldKeys = new Set(golds.map((g) => g.key));
    const matched = new Set<string>();
    for (const tag of tags) {
      const keys = [tag.label, ...(tag.aliases ?? []), tag.id.slice(tag.id.indexOf(':') + 1)].map(key);
      let hit = false;
      for (const k2 of keys) {
        if (goldKeys.has(k2)) {
          matched.add(k2);
          hit = true;
        }
      }
      if (hit) correct++;
    }
    suggested += tags.length;
    for (const g of golds) {
      const stats = perColumn.get(g.column) as { gold: number; found: number };
      stats.gold++;
      gold++;
      if (matched.has(g.key)) {
        stats.found++;
        goldFound++;
      }
    }
  }
  const columnsReport: TagEvalReport['columns'] = {};
  for (const [column, s] of perColumn) if (s.gold > 0) columnsReport[column] = { ...s, recall: s.found / s.gold };
  return {
    articles,
    skipped,
    gold,
    suggested,
    correct,
    ...prf(correct, suggested, goldFound, gold),
    columns: columnsReport,
    seconds: (performance.now() - started) / 1000,
  };
}
