/**
 * news-tagger/queue: archives beyond one machine, and tagging on publish, over Redis with BullMQ.
 * Node only; needs the optional packages bullmq and ioredis (`npm install bullmq ioredis`), which are
 * loaded by this entry only, on first use.
 *
 *   submitJob()        cuts an archive into chunks and enqueues them under a job name
 *   startQueueWorker() tags chunks of every submitted job (run any number, anywhere)
 *   collectJob()       writes the output and errors in input order as chunks complete
 *   createTagQueue()   enqueue(article) on publish; a worker calls back with the tags
 */
export { submitJob, DEFAULT_CHUNK_SIZE, type SubmitOptions, type SubmitSummary } from './submit.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions, type ChunkReport } from './worker.js';
export { collectJob, type CollectOptions, type CollectSummary, type QueueProgress } from './collect.js';
export { createTagQueue, type TagQueue, type TagQueueOptions, type TagQueueWorker, type TagQueueWorkerOptions } from './publish.js';
export { QUEUE_NAME, type RedisConnection } from './connection.js';
