/**
 * `createTagQueue()`: tagging on publish, for a CMS that runs several app servers. Any server
 * enqueues the article it just saved; worker processes tag it and call back with the tags (to store
 * them, or to notify editors). Articles are checked when enqueued, so a bad one throws at once in the
 * request that published it instead of failing later in a worker.
 *
 * ```ts
 * const tags = createTagQueue({ connection: 'redis://127.0.0.1:6379', tagger: { taxonomy: 'guardian' } });
 * await tags.enqueue(article);                        // in the CMS, on publish
 * await tags.worker(async (article, result) => {      // in a worker process
 *   await cms.saveTags(article.id, result.tags);
 * });
 * ```
 */
import type { Queue, Worker } from 'bullmq';
import { checkArticle } from '../article.js';
import { createTagStep } from '../batch/job.js';
import type { BatchResult } from '../batch/types.js';
import { createError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import type { Article } from '../types.js';
import { connect, queueLibraries, type Connection, type RedisConnection } from './connection.js';

export interface TagQueueOptions {
  connection: RedisConnection;
  /** The BullMQ queue's name (default "news-tagger-publish"): one per site or tagger setup. */
  name?: string;
  /** Options of `createTagger()` in the workers; plain data. */
  tagger?: TaggerOptions;
  /** Tries per article, with exponential backoff from 1 s (default 3). */
  attempts?: number;
}

export interface TagQueueWorkerOptions {
  /** Articles tagged at once by this process (default 1; tagging is CPU-bound). */
  concurrency?: number;
  /** Called when an article fails for good (bad article, or the callback kept throwing). */
  onError?(error: Error, article: Article): void;
}

export interface TagQueueWorker {
  /** Articles tagged and handed to the callback. */
  readonly tagged: number;
  close(): Promise<void>;
}

export interface TagQueue {
  /** Queues an article; resolves with its job id. Throws INVALID_ARTICLE / INPUT_TOO_LARGE at once. */
  enqueue(article: Article): Promise<string>;
  /** Starts a worker that tags queued articles and calls `onTags` with each result. */
  worker(onTags: (article: Article, result: BatchResult) => void | Promise<void>, options?: TagQueueWorkerOptions): Promise<TagQueueWorker>;
  /** Closes the queue's connection (workers are closed on their own). */
  close(): Promise<void>;
}

/** Creates the queue; connects on first use. Options are checked now (INVALID_OPTION). */
export function createTagQueue(options: TagQueueOptions): TagQueue {
  if (options === null || typeof options !== 'object') throw createError('INVALID_OPTION', 'options', options, 'an object');
  const name = options.name ?? 'news-tagger-publish';
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw createError('INVALID_OPTION', 'name', name, 'a queue name of letters, digits, ".", "_" and "-"');
  const attempts = options.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) throw createError('INVALID_OPTION', 'attempts', attempts, 'an integer >= 1');
  const tagger = options.tagger ?? {};
  const { maxFieldLength } = resolveOptions(tagger);
  let opened: Promise<{ conn: Connection; queue: Queue<Article> }> | undefined;
  const open = (): Promise<{ conn: Connection; queue: Queue<Article> }> =>
    (opened ??= (async () => {
      const { Queue } = await queueLibraries();
      const conn = await connect(options.connection);
      return { conn, queue: new Queue<Article>(name, { connection: conn.redis }) };
    })().catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  return {
    async enqueue(article) {
      const checked = checkArticle(article, maxFieldLength);
      const { queue } = await open();
      const job = await queue.add('article', { ...article }, { attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 });
      return String(job.id ?? checked.id);
    },
    async worker(onTags, workerOptions = {}) {
      if (typeof onTags !== 'function') throw createError('INVALID_OPTION', 'onTags', onTags, 'a function (article, result) => void');
      const concurrency = workerOptions.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) throw createError('INVALID_OPTION', 'concurrency', concurrency, 'an integer >= 1');
      const { Worker, UnrecoverableError } = await queueLibraries();
      const conn = await connect(options.connection);
      const tag = createTagStep(tagger);
      let tagged = 0;
      const worker: Worker<Article> = new Worker<Article>(
        name,
        async (job) => {
          let result: BatchResult;
          try {
            result = tag(job.data);
          } catch (error) {
            // a bad article fails the same way every time: no retry
            throw new UnrecoverableError((error as Error).message);
          }
          await onTags(job.data, result);
          tagged++;
        },
        { connection: conn.redis, concurrency },
      );
      worker.on('failed', (job, error) => {
        if (job !== undefined && (job.attemptsMade >= attempts || error.name === 'UnrecoverableError')) workerOptions.onError?.(error, job.data);
      });
      worker.on('error', () => undefined); // connection errors: ioredis reconnects
      await worker.waitUntilReady();
      return {
        get tagged() {
          return tagged;
        },
        async close() {
          await worker.close();
          await conn.close();
        },
      };
    },
    async close() {
      if (opened === undefined) return;
      const { conn, queue } = await opened;
      opened = undefined;
      await queue.close();
      await conn.close();
    },
  };
}
