/**
 * Archive jobs around the related-articles index: build it from an archive file and save it
 * (`runIndexJob`), and answer Related News / Read Next for one id, a list of ids, or every article
 * (`runRecommendJob`). Rows are read and checked as in `runTagJob` (same errors, same accounting);
 * indexing runs on the main thread because the index is one structure.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { writeToString } from 'fast-csv';
import { createCorpusIndex, type CorpusIndex } from '../corpus/index.js';
import { recordPart } from '../corpus/merge.js';
import type { CorpusIndexOptions, EntityRef } from '../corpus/options.js';
import type { RelatedResult } from '../corpus/related.js';
import { loadCorpusIndex } from '../corpus/serialize.js';
import { createError, isNewsTaggerError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import { createTagger } from '../with-model.js';
import type { Article } from '../types.js';
import { readRows } from './read.js';
import { createRowValidator, DEFAULT_COLUMNS } from './rows.js';
import { DEFAULT_MAX_RECORD, formatOf } from './run.js';
import { checkShard, digestingSource, ownsRow, saveIndexPart, writeFileAtomic, type ShardSpec } from './shards.js';
import type { BatchFormat, BatchProgress, BatchSummary, ColumnMap, RowError, RowErrorCode } from './types.js';
import { NO_OUTPUT, openJobOutput } from './outputs.js';
import { finalPath, partialPath, refuseSameFiles } from './paths.js';
import { createErrorEncoder } from './write.js';

export interface IndexJobOptions {
  /** Archive: a file path, "-" for stdin, or a readable stream. */
  input: string | Readable;
  /** Where the index is saved (a file path). Written to a temporary file, then renamed. */
  output: string;
  format?: BatchFormat;
  columns?: ColumnMap;
  /** Failed rows: a file path (.csv or JSONL) or a stream (JSONL). */
  errors?: string | Writable;
  onError?(error: RowError): void;
  onProgress?(progress: BatchProgress): void;
  /** Index the tags of each article (from `createTagger(tagger).tag()`) as entity terms. Default false. */
  entities?: boolean;
  tagger?: TaggerOptions;
  /** Options of `createCorpusIndex()` (except `entities`, set by the option above). */
  corpus?: Omit<CorpusIndexOptions, 'entities'>;
  allowEmptyBody?: boolean;
  maxRecordBytes?: number;
  /**
   * Index only the rows whose (row number - 1) modulo `count` is `index`, and save a part file for
   * `runIndexMergeJob` instead of an index (see shards.ts). Every row is still read and checked, so
   * that duplicate ids are decided as in a single build; rowsRead counts this part's rows.
   */
  shard?: ShardSpec;
}

/** Builds the index of an archive and saves it. Resolves with the row account and the index. */
export async function runIndexJob(options: IndexJobOptions): Promise<{ summary: BatchSummary; index: CorpusIndex }> {
  const started = performance.now();
  const format = options.format ?? formatOf(typeof options.input === 'string' ? options.input : undefined) ?? 'jsonl';
  const taggerOptions = options.tagger ?? {};
  const resolved = resolveOptions(taggerOptions);
  const corpusOptions: CorpusIndexOptions = { ...(options.corpus ?? {}) };
  if (options.entities === true) {
    const tagger = createTagger(taggerOptions);
    corpusOptions.entities = (article: Article): EntityRef[] => tagger.tag(article).tags.map((t) => ({ id: t.id, weight: t.score }));
  }
  const index = createCorpusIndex(corpusOptions);
  const columns = { ...DEFAULT_COLUMNS, ...definedOnly(options.columns ?? {}) };
  const validate = createRowValidator({ columns, maxFieldLength: resolved.maxFieldLength, allowEmptyBody: options.allowEmptyBody === true });
  const shard = options.shard === undefined ? undefined : checkShard(options.shard);
  const recorder = shard === undefined ? undefined : recordPart(index);
  const input = digestingSource(typeof options.input === 'string' ? (options.input === '-' ? process.stdin : createReadStream(options.input)) : options.input);
  let inputRows = 0;
  const totalBytes = typeof options.input === 'string' && options.input !== '-' ? await stat(options.input).then((s) => s.size, () => undefined) : undefined;
  const errorsTarget = options.errors;
  const indexFile = finalPath(options.output);
  refuseSameFiles([
    { role: 'input', target: options.input, fd: 0 },
    { role: 'index file', target: options.output },
    { role: 'partial index file', target: partialPath(indexFile) },
    { role: 'errors file', target: errorsTarget, fd: 1 },
    ...(typeof errorsTarget === 'string' && errorsTarget !== '-' ? [{ role: 'partial errors file', target: partialPath(finalPath(errorsTarget)) }] : []),
  ]);
  const errsFile = errorsTarget === undefined ? NO_OUTPUT : await openJobOutput(errorsTarget, { dropIfEmpty: true });
  const errs = errsFile.sink;
  const errorEncoder = createErrorEncoder(typeof errorsTarget === 'string' && formatOf(errorsTarget) === 'csv' ? 'csv' : 'jsonl');
  const failures: Partial<Record<RowErrorCode, number>> = {};
  let rowsRead = 0;
  let rowsWritten = 0;
  let rowsFailed = 0;
  let bytesRead = 0;
  const progress = (): BatchProgress => {
    const elapsed = (performance.now() - started) / 1000;
    return { rowsRead, rowsWritten, rowsFailed, bytesRead, totalBytes, elapsed, rowsPerSecond: elapsed > 0 ? rowsRead / elapsed : 0 };
  };
  const timer = options.onProgress === undefined ? undefined : setInterval(() => options.onProgress?.(progress()), 250);
  timer?.unref();
  const fail = async (e: RowError): Promise<void> => {
    rowsFailed++;
    failures[e.code] = (failures[e.code] ?? 0) + 1;
    if (errs.bytes === 0) await errs.write(await errorEncoder.header());
    await errs.write(await errorEncoder.rows([e]));
    options.onError?.(e);
  };
  let completed = false;
  try {
    for await (const row of readRows(input.source, { format, maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD, idColumn: columns.id })) {
      inputRows++;
      if (!ownsRow(shard, row.rowNumber)) {
        if (!('error' in row)) validate(row.fields); // another part's row: its id counts for duplicates
        continue;
      }
      rowsRead++;
      bytesRead = row.bytesRead;
      const where = { rowNumber: row.rowNumber, line: row.line };
      if ('error' in row) {
        await fail({ ...where, id: row.id, ...row.error, ...(row.lastLine !== undefined ? { lastLine: row.lastLine } : {}), ...(row.ids !== undefined ? { ids: row.ids } : {}) });
        continue;
      }
      const checked = validate(row.fields);
      if (!('article' in checked)) {
        await fail({ ...where, id: checked.id, code: checked.code, reason: checked.reason });
        continue;
      }
      try {
        index.add(checked.article);
        recorder?.added(row.rowNumber);
        rowsWritten++;
      } catch (error) {
        const code: RowErrorCode = isNewsTaggerError(error, 'INPUT_TOO_LARGE') ? 'OVERSIZE' : isNewsTaggerError(error, 'INVALID_ARTICLE') ? 'INVALID_FIELD' : 'TAG_FAILED';
        await fail({ ...where, id: checked.article.id, code, reason: (error as Error).message });
      }
    }
    const bytes =
      shard === undefined || recorder === undefined
        ? index.save()
        : saveIndexPart(index, recorder, { shard: shard.index, shards: shard.count, inputRows, inputDigest: input.digest(), rowsRead, rowsWritten, rowsFailed, failures });
    await writeFileAtomic(indexFile, bytes);
    completed = true;
  } finally {
    if (timer !== undefined) clearInterval(timer);
    if (completed) await errsFile.commit();
    else await errsFile.abandon(false);
  }
  options.onProgress?.(progress());
  const summary: BatchSummary = { rowsRead, rowsWritten, rowsFailed, failures, resumedRows: 0, seconds: (performance.now() - started) / 1000, workers: 0 };
  return { summary, index };
}

/** Loads an index file saved by `runIndexJob` (or `index.save()`). Throws INDEX_* or BATCH_INPUT. */
export async function loadIndexFile(path: string, options: CorpusIndexOptions = {}): Promise<CorpusIndex> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw createError('BATCH_INPUT', `${path}: ${(error as Error).message}`);
  }
  return loadCorpusIndex(bytes, options);
}

export interface RecommendJobOptions {
  /** The index (loaded) or the path of an index file. */
  index: CorpusIndex | string;
  /** 'related' (Related News) or 'readnext' (Read Next). */
  mode: 'related' | 'readnext';
  /** The article ids to answer for; default: every article in the index, in index order. */
  ids?: Iterable<string>;
  /** Results per article (default 5). */
  k?: number;
  /** A file path, "-" for stdout, or a writable stream. */
  output: string | Writable;
  /** 'jsonl' (one {id, related: [...]} per line) or 'csv' (id,rank,related_id,score,title). */
  outputFormat?: BatchFormat;
  onProgress?(progress: BatchProgress): void;
}

/** Writes recommendations for the given ids (or all). Unknown ids throw UNKNOWN_ID. */
export async function runRecommendJob(options: RecommendJobOptions): Promise<{ articles: number; seconds: number }> {
  const started = performance.now();
  const index = typeof options.index === 'string' ? await loadIndexFile(options.index) : options.index;
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) throw createError('INVALID_OPTION', 'k', k, 'an integer >= 1');
  const format = options.outputFormat ?? formatOf(typeof options.output === 'string' ? options.output : undefined) ?? 'jsonl';
  const ids = options.ids === undefined ? index.ids() : [...options.ids];
  for (const id of ids) if (!index.has(id)) throw createError('UNKNOWN_ID', id);
  refuseSameFiles([
    { role: 'index file', target: typeof options.index === 'string' ? options.index : undefined },
    { role: 'output', target: options.output, fd: 1 },
    ...(typeof options.output === 'string' && options.output !== '-' ? [{ role: 'partial output', target: partialPath(finalPath(options.output)) }] : []),
  ]);
  const outFile = await openJobOutput(options.output);
  const out = outFile.sink;
  let completed = false;
  const key = options.mode === 'related' ? 'related' : 'readNext';
  let done = 0;
  try {
    if (format === 'csv') await out.write('id,rank,related_id,score,title\n');
    let buffer: string[] = [];
    const flush = async (): Promise<void> => {
      await out.write(buffer.join(''));
      buffer = [];
    };
    for (const id of ids) {
      const results: RelatedResult[] = options.mode === 'related' ? index.related(id, { k }) : index.readNext(id, { k });
      const compact = results.map((r) => ({ id: r.id, score: Math.round(r.score * 1e4) / 1e4, title: r.title }));
      if (format === 'csv') {
        if (compact.length > 0) buffer.push(await writeToString(compact.map((r, i) => [id, String(i + 1), r.id, String(r.score), r.title]), { includeEndRowDelimiter: true }));
      } else buffer.push(`${JSON.stringify({ id, [key]: compact })}\n`);
      done++;
      if (buffer.length >= 256) await flush();
      if (options.onProgress !== undefined && done % 1000 === 0) {
        const elapsed = (performance.now() - started) / 1000;
        options.onProgress({ rowsRead: done, rowsWritten: done, rowsFailed: 0, bytesRead: done, totalBytes: ids.length, elapsed, rowsPerSecond: done / elapsed });
      }
    }
    await flush();
    completed = true;
  } finally {
    if (completed) await outFile.commit();
    else await outFile.abandon(false);
  }
  return { articles: done, seconds: (performance.now() - started) / 1000 };
}

function definedOnly(columns: ColumnMap): ColumnMap {
  const out: ColumnMap = {};
  for (const [key, value] of Object.entries(columns)) if (typeof value === 'string' && value.length > 0) out[key as keyof ColumnMap] = value;
  return out;
}
