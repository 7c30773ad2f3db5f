/**
 * `startQueueWorker()`: takes chunks from the queue, tags them and stores each range's result in
 * Redis (the first result stored wins, so a range done twice is harmless). Any number of workers on
 * any number of machines serve every submitted job; each compiles the job's tagger once, from the
 * plan in Redis.
 *
 * Tagging runs in worker threads (the batch pool), so this thread stays free to renew the locks of
 * its chunks. A worker that dies (killed, out of memory, the machine lost) stops renewing them;
 * after `lockSeconds` another worker's stalled-job check puts the chunk back in the queue. A range
 * that has been started `splitAfter` times without finishing is not tried again whole: it is split
 * in two halves, enqueued as ranges of their own, down to the single row that keeps killing
 * workers, which is stored as failed (its row goes to the errors file) while the rest is tagged.
 */
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { createPool, type RowPool } from '../batch/pool.js';
import type { RawRecord } from '../batch/read.js';
import { createError } from '../errors.js';
import { CHUNK_JOB_OPTIONS, connect, keys, QUEUE_NAME, queueLibraries, rangeJobId, type ChunkJobData, type RedisConnection } from './connection.js';
import { readJobState, specOf, type QueuePlan } from './plan.js';
import { encodeResult, rangeField, splitPoint, type RangeResult } from './results.js';

export interface QueueWorkerOptions {
  connection: RedisConnection;
  /** Tagging threads in this process (default 1). */
  threads?: number;
  /**
   * Seconds a chunk stays locked to this worker between renewals (default 30): when a worker dies,
   * its chunks go back to the queue after about this long.
   */
  lockSeconds?: number;
  /** Starts of a range that did not finish before it is split (default 2). */
  splitAfter?: number;
  /** Called after each range: what became of it. */
  onChunk?(report: ChunkReport): void;
  /** Called when a range's job throws (it is retried with backoff). */
  onError?(error: Error, job: ChunkJobData | undefined): void;
}

export interface ChunkReport {
  job: string;
  chunk: number;
  from: number;
  to: number;
  /** 'done' (tagged), 'split', 'failed' (a row that kept killing workers), 'present' (already stored). */
  result: 'done' | 'split' | 'failed' | 'present';
  seconds: number;
}

export interface QueueWorker {
  /** Ranges this worker finished, by result. */
  readonly counts: Readonly<Record<ChunkReport['result'], number>>;
  /** Rows it tagged. */
  readonly rows: number;
  /** Stops taking chunks, waits for the ones in hand, and closes. */
  close(): Promise<void>;
}

interface JobContext {
  plan: QueuePlan;
  pool: Promise<RowPool>;
}

/** Starts a worker; resolves once it is connected and listening. Throws QUEUE_CONNECTION, QUEUE_UNAVAILABLE. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw createError('INVALID_OPTION', 'threads', threads, 'an integer >= 1');
  const lockSeconds = options.lockSeconds ?? 30;
  if (typeof lockSeconds !== 'number' || !(lockSeconds >= 1)) throw createError('INVALID_OPTION', 'lockSeconds', lockSeconds, 'a number >= 1');
  const splitAfter = options.splitAfter ?? 2;
  if (!Number.isInteger(splitAfter) || splitAfter < 1) throw createError('INVALID_OPTION', 'splitAfter', splitAfter, 'an integer >= 1');
  const { Queue, Worker, UnrecoverableError } = await queueLibraries();
  const conn = await connect(options.connection);
  const queue = new Queue<ChunkJobData>(QUEUE_NAME, { connection: conn.redis });
  const contexts = new Map<string, JobContext>();
  const records = new Map<string, RawRecord[]>(); // the last chunks read, for the ranges of a split chunk
  const counts = { done: 0, split: 0, failed: 0, present: 0 };
  let rows = 0;

  const context = async (name: string): Promise<JobContext> => {
    const known = contexts.get(name);
    if (known !== undefined) return known;
    const state = await readJobState(conn, name);
    if (state === undefined) throw new UnrecoverableError(`news-tagger: job "${name}" is no longer in Redis (collected or removed)`);
    // one compiled tagger per job; a worker serving a new job lets the oldest go
    if (contexts.size >= 2) {
      const [oldest, ctx] = contexts.entries().next().value as [string, JobContext];
      contexts.delete(oldest);
      void ctx.pool.then((p) => p.close(), () => undefined);
    }
    const ctx: JobContext = { plan: state.plan, pool: createPool(threads, specOf(state.plan)) };
    ctx.pool.catch(() => contexts.delete(name));
    contexts.set(name, ctx);
    return ctx;
  };

  const chunkRecords = async (name: string, chunk: number): Promise<RawRecord[]> => {
    const key = `${name}.${chunk}`;
    const cached = records.get(key);
    if (cached !== undefined) return cached;
    const text = await conn.redis.hget(keys.input(name), String(chunk));
    if (text === null) throw new UnrecoverableError(`news-tagger: chunk ${chunk} of job "${name}" is not in Redis`);
    const parsed = JSON.parse(text) as RawRecord[];
    if (records.size >= 2 * threads + 2) records.delete(records.keys().next().value as string);
    records.set(key, parsed);
    return parsed;
  };

  const store = async (data: ChunkJobData, result: RangeResult): Promise<void> => {
    await conn.redis.hsetnx(keys.output(data.job, data.chunk), rangeField(data.from, data.to), encodeResult(result));
  };

  const processRange = async (job: Job<ChunkJobData>): Promise<ChunkReport['result']> => {
    const data = job.data;
    if ((await conn.redis.hexists(keys.output(data.job, data.chunk), rangeField(data.from, data.to))) === 1) return 'present';
    // decided before anything slow (compiling the tagger): a range that kills workers is not held long
    const unfinished = job.attemptsStarted - 1;
    if (unfinished >= splitAfter) {
      if (data.to - data.from > 1) {
        const at = splitPoint(data.from, data.to);
        await queue.addBulk(
          [
            [data.from, at],
            [at, data.to],
          ].map(([from, to]) => ({
            name: 'tag',
            data: { ...data, from: from as number, to: to as number },
            opts: { ...CHUNK_JOB_OPTIONS, jobId: rangeJobId(data.job, data.chunk, from as number, to as number) },
          })),
        );
        await store(data, { kind: 'split', at });
        return 'split';
      }
      await store(data, { kind: 'failed', reason: `the row was started ${unfinished} times and never finished: it killed the worker processes or made them fail (last error: ${job.failedReason || 'none, the processes died'})` });
      return 'failed';
    }
    const { plan, pool } = await context(data.job);
    const texts = (await chunkRecords(data.job, data.chunk)).slice(data.from, data.to).flatMap((r) => ('text' in r ? [r.text] : []));
    const outcome =
      texts.length === 0
        ? { ids: [], valid: new Uint8Array(0), failures: [], bytes: new Uint8Array(0), ends: new Uint32Array(0) }
        : await (await pool).run(texts, plan.header).catch((error: unknown) => {
            // a pool whose thread died is not used again: the next range gets a new one
            contexts.delete(data.job);
            void pool.then((p) => p.close(), () => undefined);
            throw error;
          });
    await store(data, { kind: 'done', outcome });
    rows += texts.length;
    return 'done';
  };

  const worker = new Worker<ChunkJobData>(
    QUEUE_NAME,
    async (job) => {
      const started = performance.now();
      const result = await processRange(job);
      counts[result]++;
      options.onChunk?.({ ...job.data, result, seconds: (performance.now() - started) / 1000 });
      return result;
    },
    {
      connection: conn.redis,
      // one range per thread: a process that dies takes no bystander range down with the one that killed it
      concurrency: threads,
      lockDuration: lockSeconds * 1000,
      stalledInterval: Math.max(1000, (lockSeconds * 1000) / 2),
      maxStalledCount: splitAfter + 3, // ranges are split before BullMQ would give up on them
      autorun: false,
      name: `${hostname()}:${process.pid}`, // a job's processedBy names the process that holds it
    },
  );
  worker.on('error', (error) => options.onError?.(error, undefined));
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    options.onError?.(error, job.data);
    // a range whose job failed for good (while its job is still in Redis): its rows are reported,
    // not waited for
    if (job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError') {
      const reason = `tagging failed ${job.attemptsMade} times: ${error.message}`.slice(0, 500);
      void conn.redis
        .exists(keys.job(job.data.job))
        .then((exists) => (exists === 1 ? store(job.data, { kind: 'failed', reason }) : undefined))
        .catch(() => undefined);
    }
  });
  void worker.run().catch((error: Error) => options.onError?.(error, undefined));
  await worker.waitUntilReady();
  return {
    counts,
    get rows() {
      return rows;
    },
    async close() {
      await worker.close();
      await Promise.allSettled([...contexts.values()].map((c) => c.pool.then((p) => p.close())));
      contexts.clear();
      await queue.close();
      await conn.close();
    },
  };
}
