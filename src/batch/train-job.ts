/**
 * `runTrainJob`: reads an archive file (CSV or JSONL, with the editors' tags in a column) and trains a
 * site model on it (`trainSiteModel`), then saves the model. Rows are read and checked as by the other
 * jobs (same errors file, same accounting); training runs on the main thread (one model).
 */
import { createReadStream } from 'node:fs';
import { rename, stat, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { createError } from '../errors.js';
import { resolveOptions } from '../options.js';
import { trainSiteModel, type TrainSiteOptions } from '../site-train.js';
import type { SiteModel } from '../site/model.js';
import type { Article } from '../types.js';
import { readRows } from './read.js';
import { createRowValidator, DEFAULT_COLUMNS } from './rows.js';
import { DEFAULT_MAX_RECORD, formatOf } from './run.js';
import type { BatchFormat, BatchProgress, BatchSummary, ColumnMap, RowError, RowErrorCode } from './types.js';
import { createErrorEncoder, fileSink, nullSink, streamSink, type Sink } from './write.js';

export interface TrainJobOptions {
  /** Archive: a file path, "-" for stdin, or a readable stream. */
  input: string | Readable;
  /** Where the model is saved (a file path). Written to a temporary file, then renamed. */
  output: string;
  format?: BatchFormat;
  /** Columns; `tags` names the editors' tags (CSV: joined with "|"). */
  columns?: ColumnMap;
  /** Failed rows: a file path (.csv or JSONL) or a stream (JSONL). */
  errors?: string | Writable;
  onError?(error: RowError): void;
  onProgress?(progress: BatchProgress): void;
  /** Options of `trainSiteModel()` (its `onProgress` reports the training phases). */
  training?: TrainSiteOptions;
  allowEmptyBody?: boolean;
  maxRecordBytes?: number;
}

/** Trains and saves a site model. Resolves with the row account and the model. */
export async function runTrainJob(options: TrainJobOptions): Promise<{ summary: BatchSummary; model: SiteModel }> {
  const started = performance.now();
  const format = options.format ?? formatOf(typeof options.input === 'string' ? options.input : undefined) ?? 'jsonl';
  const resolved = resolveOptions(options.training?.tagger ?? {});
  const columns = { ...DEFAULT_COLUMNS, ...Object.fromEntries(Object.entries(options.columns ?? {}).filter(([, v]) => v !== undefined)) };
  const validate = createRowValidator({ columns, maxFieldLength: resolved.maxFieldLength, allowEmptyBody: options.allowEmptyBody === true });
  const source = typeof options.input === 'string' ? (options.input === '-' ? process.stdin : createReadStream(options.input)) : options.input;
  const totalBytes = typeof options.input === 'string' && options.input !== '-' ? await stat(options.input).then((s) => s.size, () => undefined) : undefined;
  const errs: Sink = options.errors === undefined ? nullSink : typeof options.errors === 'string' ? await fileSink(options.errors) : streamSink(options.errors, false);
  const errorEncoder = createErrorEncoder(typeof options.errors === 'string' && formatOf(options.errors) === 'csv' ? 'csv' : 'jsonl');
  const failures: Partial<Record<RowErrorCode, number>> = {};
  const articles: Article[] = [];
  let rowsRead = 0;
  let rowsFailed = 0;
  let bytesRead = 0;
  const progress = (): BatchProgress => {
    const elapsed = (performance.now() - started) / 1000;
    return { rowsRead, rowsWritten: articles.length, rowsFailed, bytesRead, totalBytes, elapsed, rowsPerSecond: elapsed > 0 ? rowsRead / elapsed : 0 };
  };
  const timer = options.onProgress === undefined ? undefined : setInterval(() => options.onProgress?.(progress()), 250);
  timer?.unref();
  let model: SiteModel;
  try {
    for await (const row of readRows(source, { format, maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD, idColumn: columns.id })) {
      rowsRead++;
      bytesRead = row.bytesRead;
      const checked = 'error' in row ? { id: row.id, ...row.error } : validate(row.fields);
      if ('article' in checked) {
        articles.push({ ...checked.article, tags: checked.article.tags ?? [] });
        continue;
      }
      rowsFailed++;
      failures[checked.code] = (failures[checked.code] ?? 0) + 1;
      const e: RowError = { rowNumber: row.rowNumber, line: row.line, id: checked.id, code: checked.code, reason: checked.reason };
      if (errs.bytes === 0) await errs.write(await errorEncoder.header());
      await errs.write(await errorEncoder.rows([e]));
      options.onError?.(e);
    }
    options.onProgress?.(progress());
    model = trainSiteModel(articles, options.training);
    const tmp = `${options.output}.tmp`;
    try {
      await writeFile(tmp, model.save());
      await rename(tmp, options.output);
    } catch (error) {
      throw createError('BATCH_OUTPUT', `${options.output}: ${(error as Error).message}`);
    }
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await errs.close();
  }
  const summary: BatchSummary = {
    rowsRead, rowsWritten: model.stats.articles, rowsFailed, failures, resumedRows: 0, seconds: (performance.now() - started) / 1000, workers: 0,
  };
  return { summary, model };
}
