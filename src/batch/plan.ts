/**
 * The plan of a tagging job: every option of `runTagJob()` checked and defaulted, and every file the
 * job will touch named, before anything is opened. Bad options throw INVALID_OPTION here.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { extname, resolve as resolvePath } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { checksum } from '../corpus/serialize.js';
import { createError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import { checkpointPath, idsPath } from './checkpoint.js';
import { partialPath, finalPath, type JobFile } from './paths.js';
import { DEFAULT_WORKER_HEAP_MB } from './pool.js';
import { DEFAULT_COLUMNS } from './rows.js';
import type { BatchFormat, ColumnMap, TagJobOptions } from './types.js';
import { isRegularFileOrAbsent } from './write.js';

/** Default maximum CSV record / JSON line length: 64 Mi characters. */
export const DEFAULT_MAX_RECORD = 64 * 1024 * 1024;

/** Inputs smaller than this (256 KiB) run on the main thread unless `workers` is given. */
export const SMALL_INPUT_BYTES = 256 * 1024;

/** The format implied by a file name: .csv/.tsv-free CSV, .jsonl/.ndjson/.json JSONL. */
export function formatOf(path: string | undefined): BatchFormat | undefined {
  if (path === undefined || path === '-') return undefined;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return undefined;
}

/** Default worker count: the cores this process may use, at most 8. */
export function defaultWorkers(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(8, n));
}

function checkInteger(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw createError('INVALID_OPTION', name, value, `an integer >= ${min}`);
  }
}

export interface TagJobPlan {
  input: string | Readable;
  output: string | Writable;
  format: BatchFormat;
  outputFormat: BatchFormat;
  /** Worker threads; `explicitWorkers` when the caller chose the count (then the job waits for them). */
  workers: number;
  explicitWorkers: boolean;
  batchSize: number;
  workerHeapMb: number;
  maxRecordBytes: number;
  checkpointSeconds: number;
  tagger: TaggerOptions;
  maxFieldLength: number;
  columns: Required<ColumnMap>;
  allowEmptyBody: boolean;
  /** Where failed rows go (undefined: nowhere but `onError`). */
  errors: string | Writable | undefined;
  errorsFormat: BatchFormat;
  /** The checkpoint and accepted-ids files, when the job can be resumed (file output). */
  checkpoint: string | undefined;
  ids: string | undefined;
  /** Ties a checkpoint to the input's name and to every option that changes the output. */
  fingerprint: string;
  /** Input size in bytes (files), for an ETA. */
  totalBytes: number | undefined;
  /** Every file the job reads or writes: no two may be the same (see paths.ts). */
  files: JobFile[];
}

export async function inputIdentity(input: string | Readable): Promise<unknown> {
  if (typeof input !== 'string' || input === '-') return 'stream';
  try {
    const s = await stat(input);
    return { path: resolvePath(input), size: s.size, mtimeMs: s.mtimeMs };
  } catch (error) {
    throw createError('BATCH_INPUT', `${input}: ${(error as Error).message}`);
  }
}

export function checkColumns(given: ColumnMap | undefined): Required<ColumnMap> {
  const columns = { ...DEFAULT_COLUMNS };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!(key in DEFAULT_COLUMNS)) throw createError('INVALID_OPTION', `columns.${key}`, value, `one of ${Object.keys(DEFAULT_COLUMNS).join(', ')}`);
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0) throw createError('INVALID_OPTION', `columns.${key}`, value, 'a column name');
    columns[key as keyof typeof columns] = value;
  }
  return columns;
}

/** Checks the options of `runTagJob()` and names its files. Opens nothing for writing. */
export async function planTagJob(options: TagJobOptions): Promise<TagJobPlan> {
  if (options === null || typeof options !== 'object') throw createError('INVALID_OPTION', 'options', options, 'an object');
  const { input, output } = options;
  if (typeof input !== 'string' && (input === null || typeof input !== 'object')) {
    throw createError('INVALID_OPTION', 'input', input, 'a file path, "-" or a readable stream');
  }
  if (typeof output !== 'string' && (output === null || typeof output !== 'object')) {
    throw createError('INVALID_OPTION', 'output', output, 'a file path, "-" or a writable stream');
  }
  const format = options.format ?? formatOf(typeof input === 'string' ? input : undefined) ?? 'jsonl';
  const outputFormat = options.outputFormat ?? formatOf(typeof output === 'string' ? output : undefined) ?? format;
  for (const [name, value] of [['format', format], ['outputFormat', outputFormat]] as const) {
    if (value !== 'csv' && value !== 'jsonl') throw createError('INVALID_OPTION', name, value, '"csv" or "jsonl"');
  }
  const inputFile = typeof input === 'string' && input !== '-' ? input : undefined;
  const totalBytes = inputFile === undefined ? undefined : await stat(inputFile).then((s) => s.size, () => undefined);
  // A small file is done before worker threads would have started: use the main thread.
  const smallFile = totalBytes !== undefined && totalBytes < SMALL_INPUT_BYTES;
  const workers = options.workers ?? (smallFile ? 0 : defaultWorkers());
  checkInteger('workers', workers, 0);
  const batchSize = options.batchSize ?? 64;
  checkInteger('batchSize', batchSize, 1);
  const workerHeapMb = options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB;
  checkInteger('workerHeapMb', workerHeapMb, 16);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  checkInteger('maxRecordBytes', maxRecordBytes, 1);
  const checkpointSeconds = options.checkpointSeconds ?? 1;
  if (typeof checkpointSeconds !== 'number' || !(checkpointSeconds >= 0)) {
    throw createError('INVALID_OPTION', 'checkpointSeconds', checkpointSeconds, 'a number >= 0');
  }
  const given = options.tagger ?? {};
  const { maxFieldLength } = resolveOptions(given); // bad tagger options throw here, before any I/O
  // a site model goes to worker threads as its bytes (a structured clone would lose its class)
  const site = given.site;
  const tagger = site === undefined || site instanceof Uint8Array ? given : { ...given, site: site.save() };
  const columns = checkColumns(options.columns);
  const allowEmptyBody = options.allowEmptyBody === true;
  const outputIsFile = typeof output === 'string' && output !== '-' && (await isRegularFileOrAbsent(output));
  const errors = options.errors ?? (outputIsFile ? `${output as string}.errors.jsonl` : undefined);
  const errorsIsFile = typeof errors === 'string' && errors !== '-' && (await isRegularFileOrAbsent(errors));
  // checkpoints need the output (and errors) in regular files: not stdout, a stream, a pipe or /dev/null
  const resumable = outputIsFile && (errors === undefined || errorsIsFile);
  if (options.resume === true && !resumable) {
    throw createError('BATCH_RESUME', 'resume needs the output (and the errors, if any) to be regular files, not streams, pipes or stdout');
  }
  const fingerprint = JSON.stringify({
    input: await inputIdentity(input),
    format,
    outputFormat,
    columns,
    // a site model counts by its bytes' checksum, not as a JSON array of its bytes
    tagger: tagger.site instanceof Uint8Array ? { ...tagger, site: `NTSM:${tagger.site.length}:${checksum(tagger.site, 0)}` } : tagger,
    allowEmptyBody,
    maxRecordBytes,
    errors: typeof errors === 'string' ? resolvePath(errors) : errors === undefined ? null : 'stream',
  });
  const checkpoint = resumable ? checkpointPath(output as string) : undefined;
  const ids = resumable ? idsPath(output as string) : undefined;
  const files: JobFile[] = [
    { role: 'input', target: input, fd: 0 },
    { role: 'output', target: output, fd: 1 },
    { role: 'errors file', target: errors, fd: 1 },
  ];
  if (outputIsFile) files.push({ role: 'partial output', target: partialPath(finalPath(output as string)) });
  if (errorsIsFile) files.push({ role: 'partial errors file', target: partialPath(finalPath(errors as string)) });
  if (checkpoint !== undefined) files.push({ role: 'checkpoint', target: checkpoint }, { role: 'checkpoint being replaced', target: `${checkpoint}.tmp` });
  if (ids !== undefined) files.push({ role: 'accepted-ids file', target: ids });
  return {
    input,
    output,
    format,
    outputFormat,
    workers,
    explicitWorkers: options.workers !== undefined,
    batchSize,
    workerHeapMb,
    maxRecordBytes,
    checkpointSeconds,
    tagger,
    maxFieldLength,
    columns,
    allowEmptyBody,
    errors,
    errorsFormat: typeof errors === 'string' && formatOf(errors) === 'csv' ? 'csv' : 'jsonl',
    checkpoint,
    ids,
    fingerprint,
    totalBytes,
    files,
  };
}
