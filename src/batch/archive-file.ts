/**
 * The part shared by the jobs that read a whole archive into one output file (`runIndexJob`: an index;
 * `runTrainJob`: a site model). Rows are read and checked as in `runTagJob` (same errors, same
 * accounting: read = written + failed); each good article goes to `accept`, and once every row is read
 * `build` makes the file's bytes, written to the partial file and renamed onto the output, so the final
 * name only ever holds a complete file. Two names for one file are refused before anything is opened;
 * the errors file is committed with the output (and dropped when no row failed).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { isNewsTaggerError } from '../errors.js';
import type { Article } from '../types.js';
import { NO_OUTPUT, openJobOutput } from './outputs.js';
import { finalPath, partialPath, refuseSameFiles } from './paths.js';
import { DEFAULT_MAX_RECORD, formatOf } from './plan.js';
import { readRows } from './read.js';
import { createRowValidator, DEFAULT_COLUMNS } from './rows.js';
import { checkShard, digestingSource, ownsRow, writeFileAtomic, type ShardSpec } from './shards.js';
import type { BatchFormat, BatchProgress, BatchSummary, ColumnMap, RowError, RowErrorCode } from './types.js';
import { createErrorEncoder } from './write.js';

/** The options of a job that reads an archive into one file (`runIndexJob`, `runTrainJob`). */
export interface ArchiveFileJobOptions {
  /** Archive: a file path, "-" for stdin, or a readable stream. */
  input: string | Readable;
  /** Where the file is saved (a path). Written to a partial file, then renamed. */
  output: string;
  format?: BatchFormat;
  /** Columns (CSV headers or JSON keys); `tags` names the editors' tags (CSV: joined with "|"). */
  columns?: ColumnMap;
  /** Failed rows: a file path (.csv or JSONL) or a stream (JSONL). */
  errors?: string | Writable;
  onError?(error: RowError): void;
  onProgress?(progress: BatchProgress): void;
  allowEmptyBody?: boolean;
  maxRecordBytes?: number;
}

interface ArchiveFileJob extends ArchiveFileJobOptions {
  /** What the output is, for messages ("index file", "model file"). */
  outputRole: string;
  maxFieldLength: number;
  /**
   * Accept only the rows whose (row number - 1) modulo `count` is `index` (an index part, shards.ts).
   * Every row is still read and checked, so that duplicate ids are decided as in a single run;
   * rowsRead counts this part's rows.
   */
  shard?: ShardSpec;
}

/** What `build` is told about the run. */
export interface ArchiveFileRun {
  /** Rows in the whole archive (every part's), and the SHA-256 of its bytes (only with `shard`). */
  inputRows: number;
  inputDigest(): string;
  rowsRead: number;
  rowsWritten: number;
  rowsFailed: number;
  failures: Partial<Record<RowErrorCode, number>>;
}

/**
 * Runs the job: `accept` takes each good article (an error it throws fails that row alone);
 * `build` is called once after the last row. Resolves with the row account. O(archive) plus `build`.
 */
export async function runArchiveFileJob(
  job: ArchiveFileJob,
  accept: (article: Article, rowNumber: number) => void,
  build: (run: ArchiveFileRun) => Uint8Array,
): Promise<BatchSummary> {
  const started = performance.now();
  const format = job.format ?? formatOf(typeof job.input === 'string' ? job.input : undefined) ?? 'jsonl';
  const columns = { ...DEFAULT_COLUMNS, ...Object.fromEntries(Object.entries(job.columns ?? {}).filter(([, v]) => v !== undefined)) };
  const validate = createRowValidator({ columns, maxFieldLength: job.maxFieldLength, allowEmptyBody: job.allowEmptyBody === true });
  const shard = job.shard === undefined ? undefined : checkShard(job.shard);
  const outputFile = finalPath(job.output);
  const errorsTarget = job.errors;
  refuseSameFiles([
    { role: 'input', target: job.input, fd: 0 },
    { role: job.outputRole, target: job.output },
    { role: `partial ${job.outputRole}`, target: partialPath(outputFile) },
    { role: 'errors file', target: errorsTarget, fd: 1 },
    ...(typeof errorsTarget === 'string' && errorsTarget !== '-' ? [{ role: 'partial errors file', target: partialPath(finalPath(errorsTarget)) }] : []),
  ]);
  const raw = typeof job.input === 'string' ? (job.input === '-' ? process.stdin : createReadStream(job.input)) : job.input;
  const input = shard === undefined ? { source: raw, digest: (): string => '' } : digestingSource(raw);
  const totalBytes = typeof job.input === 'string' && job.input !== '-' ? await stat(job.input).then((s) => s.size, () => undefined) : undefined;
  const errsFile = errorsTarget === undefined ? NO_OUTPUT : await openJobOutput(errorsTarget, { dropIfEmpty: true });
  const errs = errsFile.sink;
  const errorEncoder = createErrorEncoder(typeof errorsTarget === 'string' && formatOf(errorsTarget) === 'csv' ? 'csv' : 'jsonl');
  const failures: Partial<Record<RowErrorCode, number>> = {};
  let inputRows = 0;
  let rowsRead = 0;
  let rowsWritten = 0;
  let rowsFailed = 0;
  let bytesRead = 0;
  const progress = (): BatchProgress => {
    const elapsed = (performance.now() - started) / 1000;
    return { rowsRead, rowsWritten, rowsFailed, bytesRead, totalBytes, elapsed, rowsPerSecond: elapsed > 0 ? rowsRead / elapsed : 0 };
  };
  const timer = job.onProgress === undefined ? undefined : setInterval(() => job.onProgress?.(progress()), 250);
  timer?.unref();
  const fail = async (e: RowError): Promise<void> => {
    rowsFailed++;
    failures[e.code] = (failures[e.code] ?? 0) + 1;
    if (errs.bytes === 0) await errs.write(await errorEncoder.header());
    await errs.write(await errorEncoder.rows([e]));
    job.onError?.(e);
  };
  let completed = false;
  try {
    for await (const row of readRows(input.source, { format, maxRecordBytes: job.maxRecordBytes ?? DEFAULT_MAX_RECORD, idColumn: columns.id })) {
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
        accept(checked.article, row.rowNumber);
        rowsWritten++;
      } catch (error) {
        const code: RowErrorCode = isNewsTaggerError(error, 'INPUT_TOO_LARGE') ? 'OVERSIZE' : isNewsTaggerError(error, 'INVALID_ARTICLE') ? 'INVALID_FIELD' : 'TAG_FAILED';
        await fail({ ...where, id: checked.article.id, code, reason: (error as Error).message });
      }
    }
    await writeFileAtomic(outputFile, build({ inputRows, inputDigest: input.digest, rowsRead, rowsWritten, rowsFailed, failures }));
    completed = true;
  } finally {
    if (timer !== undefined) clearInterval(timer);
    if (completed) await errsFile.commit();
    else await errsFile.abandon(false);
  }
  job.onProgress?.(progress());
  return { rowsRead, rowsWritten, rowsFailed, failures, resumedRows: 0, seconds: (performance.now() - started) / 1000, workers: 0 };
}
