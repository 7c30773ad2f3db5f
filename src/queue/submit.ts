/**
 * `submitJob()`: cuts an archive into chunks of rows and enqueues them. The archive is read with the
 * batch reader (the same records, row numbers and reading errors as `news-tagger tag`); each chunk's
 * records go into Redis once, and one BullMQ job per chunk names it. Submitting the same job again
 * is safe: a finished submission is left as it is, an interrupted one is completed (chunks are
 * stored and enqueued under the same keys and ids), and a job of that name with another input or
 * other options is refused.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { readRecordBatches, type RawRecord } from '../batch/read.js';
import { checkColumns, DEFAULT_MAX_RECORD, formatOf, inputIdentity } from '../batch/plan.js';
import type { BatchFormat, BatchProgress, ColumnMap } from '../batch/types.js';
import { createError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import { CHUNK_JOB_OPTIONS, checkJobName, connect, keys, QUEUE_NAME, queueLibraries, rangeJobId, type ChunkJobData, type RedisConnection } from './connection.js';
import { PLAN_VERSION, readJobState, type QueuePlan } from './plan.js';

/** Rows per chunk by default: a few tenths of a second of tagging. */
export const DEFAULT_CHUNK_SIZE = 256;

export interface SubmitOptions {
  connection: RedisConnection;
  /** The job's name (letters, digits, ".", "_", "-"): workers report under it, `collect` asks for it. */
  job: string;
  /** A file path, "-" for stdin, or a readable stream. */
  input: string | Readable;
  format?: BatchFormat;
  /** Format of the collected output; default the input's. */
  outputFormat?: BatchFormat;
  columns?: ColumnMap;
  /** Options of `createTagger()` in every worker; plain data. */
  tagger?: TaggerOptions;
  allowEmptyBody?: boolean;
  maxRecordBytes?: number;
  /** Rows per chunk (default 256). */
  chunkSize?: number;
  onProgress?(progress: BatchProgress): void;
}

export interface SubmitSummary {
  job: string;
  rows: number;
  chunks: number;
  /** True when the job had already been submitted in full (nothing was done). */
  alreadySubmitted: boolean;
  seconds: number;
}

/** Reads the archive and enqueues its chunks. Throws INVALID_OPTION, BATCH_INPUT, QUEUE_*. */
export async function submitJob(options: SubmitOptions): Promise<SubmitSummary> {
  const started = performance.now();
  if (options === null || typeof options !== 'object') throw createError('INVALID_OPTION', 'options', options, 'an object');
  const job = checkJobName(options.job);
  const { input } = options;
  const format = options.format ?? formatOf(typeof input === 'string' ? input : undefined) ?? 'jsonl';
  const outputFormat = options.outputFormat ?? format;
  for (const [name, value] of [['format', format], ['outputFormat', outputFormat]] as const) {
    if (value !== 'csv' && value !== 'jsonl') throw createError('INVALID_OPTION', name, value, '"csv" or "jsonl"');
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw createError('INVALID_OPTION', 'chunkSize', chunkSize, 'an integer >= 1');
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  if (!Number.isInteger(maxRecordBytes) || maxRecordBytes < 1) throw createError('INVALID_OPTION', 'maxRecordBytes', maxRecordBytes, 'an integer >= 1');
  const tagger = options.tagger ?? {};
  resolveOptions(tagger); // bad tagger options throw here, before any I/O
  const columns = checkColumns(options.columns);
  const allowEmptyBody = options.allowEmptyBody === true;
  const fingerprint = JSON.stringify({ input: await inputIdentity(input), format, outputFormat, columns, tagger, allowEmptyBody, maxRecordBytes, chunkSize });

  const conn = await connect(options.connection);
  const { Queue } = await queueLibraries();
  const queue = new Queue<ChunkJobData>(QUEUE_NAME, { connection: conn.redis });
  try {
    const existing = await readJobState(conn, job);
    if (existing !== undefined && existing.plan.fingerprint !== fingerprint) {
      throw createError('QUEUE_JOB', job, 'a job of this name was submitted with another input or other options; collect it (which removes it) or choose another name');
    }
    if (existing?.state === 'ready') {
      return { job, rows: existing.rows ?? 0, chunks: existing.chunks ?? 0, alreadySubmitted: true, seconds: (performance.now() - started) / 1000 };
    }
    const source: AsyncIterable<Buffer | string> =
      typeof input === 'string' ? (input === '-' ? process.stdin : createReadStream(input, { highWaterMark: 1 << 16 })) : input;
    const totalBytes = typeof input === 'string' && input !== '-' ? (await stat(input)).size : undefined;
    let header: string[] | undefined;
    let chunk: RawRecord[] = [];
    let chunks = 0;
    let rows = 0;
    let bytesRead = 0;
    let planned = false;
    const writePlan = async (): Promise<void> => {
      if (planned) return;
      const plan: QueuePlan = { version: PLAN_VERSION, job, fingerprint, format, outputFormat, header, columns, tagger, allowEmptyBody, maxRecordBytes, chunkSize };
      await conn.redis.hset(keys.job(job), { plan: JSON.stringify(plan), state: 'submitting' });
      planned = true;
    };
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      await writePlan();
      const c = chunks++;
      await conn.redis.hset(keys.input(job), String(c), JSON.stringify(chunk));
      await queue.add('tag', { job, chunk: c, from: 0, to: chunk.length }, { ...CHUNK_JOB_OPTIONS, jobId: rangeJobId(job, c, 0, chunk.length) });
      chunk = [];
    };
    const elapsed = (): number => (performance.now() - started) / 1000;
    const progress = (): BatchProgress => ({ rowsRead: rows, rowsWritten: 0, rowsFailed: 0, bytesRead, totalBytes, elapsed: elapsed(), rowsPerSecond: rows / Math.max(elapsed(), 1e-9) });
    const timer = options.onProgress === undefined ? undefined : setInterval(() => options.onProgress?.(progress()), 250);
    timer?.unref();
    try {
      const batches = readRecordBatches(source, {
        format,
        maxRecordBytes,
        idColumn: columns.id,
        onHeader: (h) => {
          header = [...h];
        },
      });
      for await (const records of batches) {
        for (const record of records) {
          rows++;
          bytesRead = record.bytesRead;
          chunk.push(record);
          if (chunk.length >= chunkSize) await flush();
        }
      }
      await flush();
      await writePlan();
      await conn.redis.hset(keys.job(job), { state: 'ready', chunks: String(chunks), rows: String(rows) });
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
    options.onProgress?.(progress());
    return { job, rows, chunks, alreadySubmitted: false, seconds: elapsed() };
  } finally {
    await queue.close();
    await conn.close();
  }
}
