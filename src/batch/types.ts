/**
 * Public shapes of the batch subpath (`news-tagger/batch`): options, row errors, progress and the
 * summary of a job. Node-only (the batch code reads and writes files and starts worker threads).
 */
import type { Readable, Writable } from 'node:stream';
import type { TaggerOptions } from '../options.js';
import type { ReadingTime } from '../types.js';

/** Archive formats. `csv`: RFC 4180 with a header row. `jsonl`: one JSON object per line. */
export type BatchFormat = 'csv' | 'jsonl';

/**
 * Where each article field comes from: the name of a CSV column or JSON key. Defaults are the
 * field names themselves (`id`, `title`, `body`, `lede`, `date`, `section`, `url`, `lang`, `tags`);
 * `category` is read as `section` when there is no `section` column.
 */
export interface ColumnMap {
  id?: string;
  title?: string;
  body?: string;
  lede?: string;
  date?: string;
  section?: string;
  url?: string;
  lang?: string;
  tags?: string;
}

/** Why a row was not tagged. Every row that is not in the output is in the errors with one of these. */
export type RowErrorCode =
  /** CSV: bad quoting or a wrong number of fields; JSONL: not valid JSON or not an object. */
  | 'MALFORMED_ROW'
  /** No id, or an empty one. */
  | 'MISSING_ID'
  /** No body text (and, with `allowEmptyBody`, no title either). */
  | 'MISSING_TEXT'
  /** The id was already seen earlier in the same input. */
  | 'DUPLICATE_ID'
  /** A text field longer than `maxFieldLength`, or a record longer than `maxRecordBytes`. */
  | 'OVERSIZE'
  /** A field has the wrong type (e.g. a JSON number as title). */
  | 'INVALID_FIELD'
  /** The tagger threw on this row (a bug: please report it with the row). */
  | 'TAG_FAILED';

/** One row that did not make it into the output. */
export interface RowError {
  /** 1-based number of the data row (the CSV header is not a row; blank lines are not rows). */
  rowNumber: number;
  /** 1-based line of the input file where the row starts. */
  line: number;
  /** The row's id when it could be read, else "". */
  id: string;
  code: RowErrorCode;
  reason: string;
  /** The last line of a malformed CSV record that spans several lines (absent for one line). */
  lastLine?: number;
  /** Every id that can be read in the lines of a malformed record, when there is more than `id`. */
  ids?: string[];
}

/** A tag as written to batch output (the evidence is left out to keep rows small). */
export interface BatchTag {
  /** Canonical id ("country:KP", "person:kim-jong-un") or "new:<label>". */
  id: string;
  label: string;
  type: string;
  /** Salience in [0, 1], to 4 decimals. */
  score: number;
  /** With a controlled vocabulary: the site tag it maps to, or null for a new tag. */
  vocabulary?: string | null;
}

/** A region section as written to batch output, with the ids of the countries behind it. */
export interface BatchRegion {
  region: string;
  score: number;
  countries: string[];
}

/** What the per-row job adds to an article. */
export interface BatchResult {
  tags: BatchTag[];
  regions: BatchRegion[];
  readingTime: ReadingTime;
}

/** Progress of a running job, reported about four times a second and once at the end. */
export interface BatchProgress {
  rowsRead: number;
  rowsWritten: number;
  rowsFailed: number;
  /** Bytes of input consumed so far and the input size when known (files), for an ETA. */
  bytesRead: number;
  totalBytes: number | undefined;
  /** Seconds since this run started (a resumed run counts from its own start). */
  elapsed: number;
  /** Rows read by this run per second. */
  rowsPerSecond: number;
}

/** The end-of-job account: `rowsRead === rowsWritten + rowsFailed` always holds. */
export interface BatchSummary {
  rowsRead: number;
  rowsWritten: number;
  rowsFailed: number;
  /** Failed rows by code. */
  failures: Partial<Record<RowErrorCode, number>>;
  /** Rows skipped because an earlier run had already processed them (`resume`). */
  resumedRows: number;
  seconds: number;
  /** Worker threads used; 0 means rows were processed on the main thread. */
  workers: number;
}

/** Options of `runTagJob()`. Only `input` and `output` are required. */
export interface TagJobOptions {
  /** A file path, "-" for stdin, or a readable stream (text or bytes, UTF-8). */
  input: string | Readable;
  /**
   * A file path, "-" for stdout, or a writable stream. `resume` needs a file path. A file is written to
   * `<path>.partial` and renamed onto the path when the job completes; no two of the job's files may be
   * one file (BATCH_ARGS).
   */
  output: string | Writable;
  /** Input format; default from the input file's extension (.csv, .jsonl/.ndjson), else jsonl. */
  format?: BatchFormat;
  /** Output format; default from the output file's extension, else the input format. */
  outputFormat?: BatchFormat;
  /**
   * Where failed rows go: a file path (.csv for CSV, anything else JSONL) or a writable stream
   * (JSONL). Default: `<output>.errors.jsonl` when the output is a regular file, else nowhere
   * (they are still counted, and passed to `onError`).
   */
  errors?: string | Writable;
  /** Called for each failed row, in input order. */
  onError?(error: RowError): void;
  columns?: ColumnMap;
  /** Options for `createTagger()` in every worker; must be plain data (no functions). */
  tagger?: TaggerOptions;
  /**
   * Worker threads; default: available cores, at most 8 (but 0 for input files under 256 KiB, which
   * are done before threads would have started). 0 processes rows on the main thread.
   */
  workers?: number;
  /** Rows per message to a worker. Default 64. */
  batchSize?: number;
  /**
   * Heap limit of each worker thread in MiB (default 2048). A row that needs more fails alone as
   * OVERSIZE, the worker is replaced and the job goes on (rows on the main thread have no such guard).
   */
  workerHeapMb?: number;
  /** Accept rows with a title but an empty body. Default false (an empty body is an export error). */
  allowEmptyBody?: boolean;
  /** Longest accepted CSV record or JSON line in bytes (UTF-16 units); default 64 MiB. */
  maxRecordBytes?: number;
  /**
   * Continue from the checkpoint left by an interrupted run with the same input and options
   * (`<output>.checkpoint.json` and `<output>.ids`, removed when a job completes). Without a
   * checkpoint the job starts from the beginning.
   */
  resume?: boolean;
  /** Seconds between checkpoints (file output only). Default 1. */
  checkpointSeconds?: number;
  onProgress?(progress: BatchProgress): void;
  /** Stops the job early (as a crash would: output stays at the last checkpoint for `resume`). */
  signal?: AbortSignal;
}
