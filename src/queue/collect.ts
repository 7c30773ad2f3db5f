/**
 * `collectJob()`: writes a queue job's output and errors in input order as its chunks complete, with
 * progress, and ends when every chunk is done or has failed for good. It is the one place where
 * rows meet in order, so duplicate ids are decided here, as `runTagJob` does: the first row with an
 * id is written, later ones are DUPLICATE_ID. The files are the same, byte for byte, as those of
 * `news-tagger tag` with the same options.
 *
 * The output goes to `<output>.partial` and is renamed when complete; the job stays in Redis until
 * then, so a collect that is interrupted is simply run again (workers never redo a stored range).
 * After a complete collect the job's keys are deleted (unless `keep`).
 *
 * While it waits for a range, `collect` checks now and then what became of the range's BullMQ job:
 * a job that failed for good has its rows reported as failed; a job that is missing (a submit or a
 * split interrupted between storing and enqueueing) is enqueued again.
 */
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { BatchOutcome } from '../batch/job.js';
import { lenientId, parseCsvRecords, parseJsonRecord, type ParsedRecord, type RawRecord } from '../batch/read.js';
import { checkRow, duplicateReason, type ValidateOptions } from '../batch/rows.js';
import { formatOf } from '../batch/run.js';
import type { BatchProgress, BatchSummary, RowError, RowErrorCode } from '../batch/types.js';
import { createEncoder, createErrorEncoder, fileSink, isRegularFileOrAbsent, nullSink, streamSink, type Sink } from '../batch/write.js';
import { createError } from '../errors.js';
import { CHUNK_JOB_OPTIONS, connect, keys, QUEUE_NAME, queueLibraries, rangeJobId, type ChunkJobData, type Connection, type RedisConnection } from './connection.js';
import { readJobState, specOf, type JobState } from './plan.js';
import { cover, decodeResult, encodeResult, rangeField, type RangeResult } from './results.js';

export interface CollectOptions {
  connection: RedisConnection;
  job: string;
  /** A file path (written to `<path>.partial`, renamed when complete), "-" for stdout, or a stream. */
  output: string | Writable;
  /** Failed rows: a file path (.csv or JSONL) or a stream (JSONL). Default `<output>.errors.jsonl` for a file output. */
  errors?: string | Writable;
  onError?(error: RowError): void;
  onProgress?(progress: QueueProgress): void;
  /** Keep the job in Redis after collecting it (default: delete it). */
  keep?: boolean;
  /** Milliseconds between looks at a chunk that is not complete yet (default 100). */
  pollMs?: number;
  /** Seconds between checks of the BullMQ jobs of a range that is waited for (default 5). */
  checkSeconds?: number;
  signal?: AbortSignal;
}

/** Progress of a collect: rows written in order, of `rowsTotal` (known once the submission ended). */
export interface QueueProgress extends BatchProgress {
  rowsTotal: number | undefined;
  chunksCollected: number;
  chunks: number | undefined;
}

export interface CollectSummary extends BatchSummary {
  chunks: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects a job. Throws QUEUE_JOB for an unknown job, QUEUE_CONNECTION, BATCH_OUTPUT. */
export async function collectJob(options: CollectOptions): Promise<CollectSummary> {
  const started = performance.now();
  const conn = await connect(options.connection);
  const { Queue } = await queueLibraries();
  const queue = new Queue<ChunkJobData>(QUEUE_NAME, { connection: conn.redis });
  let files: Files | undefined;
  let completed = false;
  try {
    let state = await readJobState(conn, options.job);
    if (state === undefined) throw createError('QUEUE_JOB', options.job, 'no such job in Redis (never submitted, or already collected)');
    const { plan } = state;
    const named = typeof options.output === 'string' ? formatOf(options.output) : undefined;
    if (named !== undefined && named !== plan.outputFormat) {
      throw createError('QUEUE_JOB', options.job, `it was submitted with output format ${plan.outputFormat}; name the output .${plan.outputFormat === 'csv' ? 'csv' : 'jsonl'} (or submit with --out-format ${named})`);
    }
    files = await openFiles(options);
    const { out, errs } = files;
    const encoder = createEncoder(plan.outputFormat, plan.header);
    const errorEncoder = createErrorEncoder(files.errorsFormat);
    const validate = specOf(plan).validate;
    const seen = new Set<string>();
    const failures: Partial<Record<RowErrorCode, number>> = {};
    let rowsWritten = 0;
    let rowsFailed = 0;
    let chunk = 0;
    const progress = (): QueueProgress => {
      const elapsed = (performance.now() - started) / 1000;
      const rowsRead = rowsWritten + rowsFailed;
      return { rowsRead, rowsWritten, rowsFailed, bytesRead: 0, totalBytes: undefined, elapsed, rowsPerSecond: elapsed > 0 ? rowsRead / elapsed : 0, rowsTotal: state?.rows, chunksCollected: chunk, chunks: state?.chunks };
    };
    const timer = options.onProgress === undefined ? undefined : setInterval(() => options.onProgress?.(progress()), 250);
    timer?.unref();
    try {
      if (out.bytes === 0) await out.write(await encoder.header());
      for (;;) {
        state = await untilChunk(conn, options, state, chunk);
        if (state.state === 'ready' && chunk >= (state.chunks ?? 0)) break;
        const text = await conn.redis.hget(keys.input(options.job), String(chunk));
        if (text === null) throw createError('QUEUE_JOB', options.job, `chunk ${chunk} is missing from Redis`);
        const records = JSON.parse(text) as RawRecord[];
        const pieces = await waitForChunk(conn, queue, options, chunk, records.length);
        for (const { from, to, result } of pieces) {
          const slice = records.slice(from, to);
          const { output, bad } = result.kind === 'done' ? sortOutcome(slice, result.outcome, seen) : await failRange(slice, result.kind === 'failed' ? result.reason : 'not tagged', plan.header, validate, seen);
          if (bad.length > 0 && errs.bytes === 0) await errs.write(await errorEncoder.header());
          for (const part of output) await out.write(part);
          await errs.write(await errorEncoder.rows(bad));
          for (const e of bad) {
            failures[e.code] = (failures[e.code] ?? 0) + 1;
            options.onError?.(e);
          }
          rowsFailed += bad.length;
          rowsWritten += slice.length - bad.length;
        }
        chunk++;
      }
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
    await files.commit();
    completed = true;
    if (options.keep !== true) await removeJob(conn, queue, options.job, chunk);
    options.onProgress?.(progress());
    return { rowsRead: rowsWritten + rowsFailed, rowsWritten, rowsFailed, failures, resumedRows: 0, seconds: (performance.now() - started) / 1000, workers: 0, chunks: chunk };
  } finally {
    if (!completed) await files?.abandon();
    await queue.close();
    await conn.close();
  }
}

/** Waits until chunk `chunk` exists or the submission is over; returns the job's state. */
async function untilChunk(conn: Connection, options: CollectOptions, state: JobState, chunk: number): Promise<JobState> {
  let current = state;
  while (current.state !== 'ready' && (await conn.redis.hexists(keys.input(options.job), String(chunk))) === 0) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    await sleep(options.pollMs ?? 100);
    const next = await readJobState(conn, options.job);
    if (next === undefined) throw createError('QUEUE_JOB', options.job, 'it was removed from Redis while being collected');
    current = next;
  }
  return current;
}

/** Waits until the results of chunk `chunk` cover its `count` records; returns them in order. */
async function waitForChunk(
  conn: Connection,
  queue: import('bullmq').Queue<ChunkJobData>,
  options: CollectOptions,
  chunk: number,
  count: number,
): Promise<{ from: number; to: number; result: RangeResult }[]> {
  const key = keys.output(options.job, chunk);
  let lastCheck = performance.now();
  let wait = 5;
  for (;;) {
    const raw = await conn.redis.hgetallBuffer(key);
    const results = new Map<string, RangeResult>();
    for (const [field, value] of Object.entries(raw)) {
      const result = decodeResult(value);
      if (result !== undefined) results.set(field, result);
    }
    const covered = cover(results, 0, count);
    if ('pieces' in covered) return covered.pieces;
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    if (performance.now() - lastCheck >= (options.checkSeconds ?? 5) * 1000) {
      lastCheck = performance.now();
      const { from, to } = covered.missing;
      const id = rangeJobId(options.job, chunk, from, to);
      const state = await queue.getJobState(id);
      if (state === 'failed') {
        const job = await queue.getJob(id);
        const reason = `tagging failed for good: ${job?.failedReason ?? 'unknown reason'}`.slice(0, 500);
        await conn.redis.hsetnx(key, rangeField(from, to), encodeResult({ kind: 'failed', reason }));
        continue;
      }
      if (state === 'unknown') await queue.add('tag', { job: options.job, chunk, from, to }, { ...CHUNK_JOB_OPTIONS, jobId: id });
    }
    await sleep(wait);
    wait = Math.min(options.pollMs ?? 100, wait * 2);
  }
}

/**
 * What a tagged range adds to each file: the output bytes (the outcome's, less the lines of rows
 * that failed or repeat an earlier id, as contiguous runs) and the errors, in input order.
 */
function sortOutcome(records: readonly RawRecord[], outcome: BatchOutcome, seen: Set<string>): { output: Uint8Array[]; bad: RowError[] } {
  const { valid, bytes, ends } = outcome;
  const failed = new Map<number, { code: RowErrorCode; reason: string }>();
  for (const f of outcome.failures) failed.set(f.index, f);
  let k = 0; // index into the outcome: the records that were sent to be tagged
  const bad: RowError[] = [];
  const runs: [number, number][] = [];
  for (const record of records) {
    if ('error' in record) {
      bad.push(rowError(record, record.id, record.error));
      continue;
    }
    const i = k++;
    const id = outcome.ids[i] as string;
    let failure = failed.get(i);
    if (valid[i] === 1) {
      if (seen.has(id)) failure = { code: 'DUPLICATE_ID', reason: duplicateReason(id) };
      else seen.add(id);
    }
    if (failure !== undefined) {
      bad.push(rowError(record, id, failure));
      continue;
    }
    const from = i === 0 ? 0 : (ends[i - 1] as number);
    const to = ends[i] as number;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === from) last[1] = to;
    else runs.push([from, to]);
  }
  return { output: runs.map(([from, to]) => bytes.subarray(from, to)), bad };
}

function rowError(record: RawRecord, id: string, failure: { code: RowErrorCode; reason: string }): RowError {
  return { rowNumber: record.rowNumber, line: record.line, id, code: failure.code, reason: failure.reason };
}

/**
 * The rows of a range that could not be tagged: each is checked as a worker would have (a row that
 * fails its checks gets its own error, and a valid row's id counts for duplicates), then reported
 * TAG_FAILED with `reason`.
 */
async function failRange(records: readonly RawRecord[], reason: string, header: readonly string[] | undefined, validate: ValidateOptions, seen: Set<string>): Promise<{ output: Uint8Array[]; bad: RowError[] }> {
  const bad: RowError[] = [];
  for (const record of records) {
    if ('error' in record) {
      bad.push(rowError(record, record.id, record.error));
      continue;
    }
    const parsed: ParsedRecord = header !== undefined ? ((await parseCsvRecords([record.text], header))[0] as ParsedRecord) : parseJsonRecord(record.text);
    if (!(parsed instanceof Map)) {
      bad.push(rowError(record, lenientId(record.text, header !== undefined ? 'csv' : 'jsonl', header, validate.columns.id), parsed));
      continue;
    }
    const checked = checkRow(parsed, validate);
    if (!('article' in checked)) {
      bad.push(rowError(record, checked.id, checked));
      continue;
    }
    const id = checked.article.id;
    if (seen.has(id)) bad.push(rowError(record, id, { code: 'DUPLICATE_ID', reason: duplicateReason(id) }));
    else {
      seen.add(id);
      bad.push(rowError(record, id, { code: 'TAG_FAILED', reason }));
    }
  }
  return { output: [], bad };
}

interface Files {
  out: Sink;
  errs: Sink;
  errorsFormat: 'csv' | 'jsonl';
  commit(): Promise<void>;
  abandon(): Promise<void>;
}

/** Opens the output and errors; files are written to `<path>.partial` and renamed by commit(). */
async function openFiles(options: CollectOptions): Promise<Files> {
  const opened: { sink: Sink; partial?: string; final?: string }[] = [];
  const open = async (target: string | Writable): Promise<Sink> => {
    if (typeof target !== 'string' || target === '-') {
      const sink = streamSink(typeof target === 'string' ? process.stdout : target, false);
      opened.push({ sink });
      return sink;
    }
    const regular = await isRegularFileOrAbsent(target);
    const partial = regular ? `${target}.partial` : target;
    const sink = await fileSink(partial);
    opened.push({ sink, ...(regular ? { partial, final: target } : {}) });
    return sink;
  };
  const out = await open(options.output);
  const outputIsFile = typeof options.output === 'string' && options.output !== '-';
  const errorsTarget = options.errors ?? (outputIsFile ? `${options.output as string}.errors.jsonl` : undefined);
  const errs = errorsTarget === undefined ? nullSink : await open(errorsTarget);
  return {
    out,
    errs,
    errorsFormat: typeof errorsTarget === 'string' && formatOf(errorsTarget) === 'csv' ? 'csv' : 'jsonl',
    async commit() {
      for (const file of opened) {
        await file.sink.sync();
        await file.sink.close();
        if (file.partial !== undefined && file.final !== undefined) {
          try {
            await rename(file.partial, file.final);
          } catch (error) {
            throw createError('BATCH_OUTPUT', `${file.final}: ${(error as Error).message}`);
          }
        }
      }
    },
    async abandon() {
      for (const file of opened) {
        await file.sink.close().catch(() => undefined);
        if (file.partial !== undefined) await rm(file.partial, { force: true });
      }
    },
  };
}

/** Deletes a collected job: its keys, and the chunk jobs of it still in the queue (failed, or left waiting). */
async function removeJob(conn: Connection, queue: import('bullmq').Queue<ChunkJobData>, job: string, chunks: number): Promise<void> {
  const doomed = [keys.job(job), keys.input(job)];
  for (let c = 0; c < chunks; c++) doomed.push(keys.output(job, c));
  for (let i = 0; i < doomed.length; i += 512) await conn.redis.del(...doomed.slice(i, i + 512));
  const left = await queue.getJobs(['failed', 'waiting', 'delayed', 'prioritized']);
  await Promise.all(left.filter((j) => j?.data?.job === job).map((j) => j.remove().catch(() => undefined)));
}
