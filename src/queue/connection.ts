/**
 * Redis and BullMQ for news-tagger/queue: the optional packages are loaded on first use (so that the
 * rest of the library never needs them), connections are opened from a URL or taken as given, and
 * every key the queue uses is named here.
 *
 * Keys, for a job NAME (the braces keep a job's keys in one Redis Cluster slot):
 *   news-tagger:{NAME}          hash: plan (JSON), state ("submitting" | "ready"), chunks, rows
 *   news-tagger:{NAME}:in       hash: chunk number -> its records (JSON)
 *   news-tagger:{NAME}:out:C    hash: "FROM-TO" (a range of chunk C's records) -> its result
 * Chunks are BullMQ jobs of one queue, QUEUE_NAME, shared by every news-tagger job, so that a worker
 * serves whatever job is submitted; their ids are "NAME.C.FROM-TO" (deterministic: adding twice is
 * a no-op).
 */
import type { Queue as BullQueue, Worker as BullWorker } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import { createError } from '../errors.js';

/** The BullMQ queue that carries every job's chunks. */
export const QUEUE_NAME = 'news-tagger-chunks';

/** Where Redis is: a URL ("redis://host:6379/0"), ioredis options, or an ioredis client you own. */
export type RedisConnection = string | RedisOptions | Redis;

interface Libraries {
  Queue: typeof BullQueue;
  Worker: typeof BullWorker;
  UnrecoverableError: typeof import('bullmq').UnrecoverableError;
  IORedis: typeof import('ioredis').Redis;
}

let libraries: Promise<Libraries> | undefined;

/** Imports bullmq and ioredis once. Throws QUEUE_UNAVAILABLE when they are not installed. */
export function queueLibraries(): Promise<Libraries> {
  libraries ??= (async () => {
    try {
      const [bullmq, ioredis] = await Promise.all([import('bullmq'), import('ioredis')]);
      return { Queue: bullmq.Queue, Worker: bullmq.Worker, UnrecoverableError: bullmq.UnrecoverableError, IORedis: ioredis.Redis };
    } catch (error) {
      libraries = undefined;
      throw createError('QUEUE_UNAVAILABLE', (error as Error).message);
    }
  })();
  return libraries;
}

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`);
}

/** An open connection: the client, a printable name, and how to let go of it. */
export interface Connection {
  redis: Redis;
  where: string;
  /** Closes the client when this module opened it; leaves a client you gave alone. */
  close(): Promise<void>;
}

/**
 * Opens a connection (or wraps the client given) and waits until Redis answers, at most
 * `timeoutMs` (default 10 s). Throws QUEUE_CONNECTION. BullMQ needs `maxRetriesPerRequest: null` on
 * the connections it blocks on; it is set on the clients opened here.
 */
export async function connect(connection: RedisConnection, timeoutMs = 10_000): Promise<Connection> {
  const { IORedis } = await queueLibraries();
  if (connection instanceof IORedis) {
    const where = `${connection.options.host ?? 'localhost'}:${connection.options.port ?? 6379}`;
    await ping(connection, where, timeoutMs);
    return { redis: connection, where, close: async () => undefined };
  }
  let redis: Redis;
  let where: string;
  if (typeof connection === 'string') {
    if (!/^rediss?:\/\//.test(connection)) throw createError('INVALID_OPTION', 'connection', redactUrl(connection), 'a redis:// or rediss:// URL');
    where = redactUrl(connection);
    redis = new IORedis(connection, { maxRetriesPerRequest: null, lazyConnect: true });
  } else if (connection !== null && typeof connection === 'object') {
    where = `${connection.host ?? 'localhost'}:${connection.port ?? 6379}`;
    redis = new IORedis({ ...connection, maxRetriesPerRequest: null, lazyConnect: true });
  } else {
    throw createError('INVALID_OPTION', 'connection', connection, 'a redis:// URL, ioredis options or an ioredis client');
  }
  redis.on('error', () => undefined); // reported by the commands that fail; ioredis reconnects
  try {
    await ping(redis, where, timeoutMs);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return {
    redis,
    where,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

async function ping(redis: Redis, where: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        if (redis.status === 'wait') await redis.connect();
        await redis.ping();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw createError('QUEUE_CONNECTION', where, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

/** Job names: letters, digits, ".", "_" and "-", at most 100 characters. Throws INVALID_OPTION. */
export function checkJobName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    throw createError('INVALID_OPTION', 'job', name, 'a name of letters, digits, ".", "_" and "-" (at most 100)');
  }
  return name;
}

export const keys = {
  job: (name: string): string => `news-tagger:{${name}}`,
  input: (name: string): string => `news-tagger:{${name}}:in`,
  output: (name: string, chunk: number): string => `news-tagger:{${name}}:out:${chunk}`,
};

/** The BullMQ job id of a range of a chunk's records. */
export function rangeJobId(name: string, chunk: number, from: number, to: number): string {
  return `${name}.${chunk}.${from}-${to}`;
}

/** What a chunk job carries: the job name, the chunk, and the range of its records [from, to). */
export interface ChunkJobData {
  job: string;
  chunk: number;
  from: number;
  to: number;
}

/** How chunk jobs are added: retried with exponential backoff; failed ones kept for `collect`. */
export const CHUNK_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: false,
} as const;
