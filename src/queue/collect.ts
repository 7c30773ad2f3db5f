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
import type { Writable } from 'node:stream';
import { NO_OUTPUT, openJobOutput, type JobOutput } from '../batch/outputs.js';
import { finalPath, partialPath, refuseSameFiles } from '../batch/paths.js';
import { formatOf } from '../batch/plan.js';
import { lenientId, parseCsvRecords, parseJsonRecord, type ParsedRecord, type RawRecord } from '../batch/read.js';
import { checkRow, duplicateReason, type ValidateOptions } from '../batch/rows.js';
import { rowError, sortOutcome } from '../batch/run.js';
import type { BatchProgress, BatchSummary, RowError, RowErrorCode } from '../batch/types.js';
import { createEncoder, createErrorEncoder } from '../batch/write.js';
import { createError } from '../errors.js';
import { CHUNK_JOB_OPTIONS, connect, keys, QUEUE_NAME, queueLibraries, rangeJobId, type ChunkJobData, type Connection, type RedisConnection } from './connection.js';
import { readJobState, specOf, type JobState } from './plan.js';
import { cover, decodeResult, encodeResult, rangeField, type RangeResult } from './results.js';

export interface CollectOptions {
  connection: RedisConnection;
  job: string;
  /** A file path (written to `<path>.partial`, renamed when complete), "-" for stdout, or a stream. */
  output: string | Writable;
  /**
   * Failed rows: a file path (.csv or JSONL) or a stream (JSONL). Default `<output>.errors.jsonl` for a
   * file output. An errors file with no row is not left behind (as with `runTagJob`).
   */
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
  const opened: JobOutput[] = [];
  let completed = false;
  try {
    let state = await readJobState(conn, options.job);
    if (state === undefined) throw createError('QUEUE_JOB', options.job, 'no such job in Redis (never submitted, or already collected)');
    const { plan } = state;
    const named = typeof options.output === 'string' ? formatOf(options.output) : undefined;
    if (named !== undefined && named !== plan.outputFormat) {
      throw createError('QUEUE_JOB', options.job, `it was submitted with output format ${plan.outputFormat}; name the output .${plan.outputFormat === 'csv' ? 'csv' : 'jsonl'} (or submit with --out-format ${named})`);
    }
    const errorsTarget = options.errors ?? (typeof options.output === 'string' && options.output !== '-' ? `${options.output}.errors.jsonl` : undefined);
    refuseSameFiles([
      { role: 'output', target: options.output, fd: 1 },
      ...(typeof options.output === 'string' && options.output !== '-' ? [{ role: 'partial output', target: partialPath(finalPath(options.output)) }] : []),
      { role: 'errors file', target: errorsTarget, fd: 1 },
      ...(typeof errorsTarget === 'string' && errorsTarget !== '-' ? [{ role: 'partial errors file', target: partialPath(finalPath(errorsTarget)) }] : []),
    ]);
    const outFile = await openJobOutput(options.output);
    opened.push(outFile);
    const errsFile = errorsTarget === undefined ? NO_OUTPUT : await openJobOutput(errorsTarget, { dropIfEmpty: true });
    opened.push(errsFile);
    const out = outFile.sink;
    const errs = errsFile.sink;
    const encoder = createEncoder(plan.outputFormat, plan.header);
    const errorEncoder = createErrorEncoder(typeof errorsTarget === 'string' && formatOf(errorsTarget) === 'csv' ? 'csv' : 'jsonl');
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
    await errsFile.commit();
    await outFile.commit();
    completed = true;
    if (options.keep !== true) await removeJob(conn, queue, options.job, chunk);
    options.onProgress?.(progress());
    return { rowsRead: rowsWritten + rowsFailed, rowsWritten, rowsFailed, failures, resumedRows: 0, seconds: (performance.now() - started) / 1000, workers: 0, chunks: chunk };
  } finally {
    if (!completed) await Promise.allSettled(opened.map((o) => o.abandon(false)));
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

/** Deletes a collected job: its keys, and the chunk jobs of it still in the queue (failed, or left waiting). */
async function removeJob(conn: Connection, queue: import('bullmq').Queue<ChunkJobData>, job: string, chunks: number): Promise<void> {
  const doomed = [keys.job(job), keys.input(job)];
  for (let c = 0; c < chunks; c++) doomed.push(keys.output(job, c));
  for (let i = 0; i < doomed.length; i += 512) await conn.redis.del(...doomed.slice(i, i + 512));
  const left = await queue.getJobs(['failed', 'waiting', 'delayed', 'prioritized']);
  await Promise.all(left.filter((j) => j?.data?.job === job).map((j) => j.remove().catch(() => undefined)));
}
