/**
 * news-tagger/queue against a real redis-server (test/helpers/redis.ts): the collected files are
 * those of `runTagJob` byte for byte; a row that keeps killing worker processes is found by
 * splitting and fails alone; resubmission, unknown jobs and unreachable servers; tagging on publish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTagJob, type RowError } from '../src/batch/index.js';
import { createTagger, isNewsTaggerError, type Article } from '../src/index.js';
import { collectJob, createTagQueue, QUEUE_NAME, startQueueWorker, submitJob, type QueueWorker } from '../src/queue/index.js';
import { archiveRows, CSV_HEADER } from '../scripts/lib/synthetic-archive.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from './fixtures/gazetteer.js';
import { REDIS_MISSING, REDIS_SERVER, startRedis, type RedisServer } from './helpers/redis.js';

const TAGGER = { gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY };
const dir = mkdtempSync(join(tmpdir(), 'news-tagger-queue-'));
const path = (name: string): string => join(dir, name);
if (REDIS_SERVER === undefined) console.warn(REDIS_MISSING);

// project-written archives with broken rows: bad quoting, missing bodies, repeated ids
const csvRows = [...archiveRows(600, 'csv', { faultEvery: 13, faults: ['bad-quoting', 'missing-body', 'duplicate-id'] })].map((r) => r.text);
writeFileSync(path('archive.csv'), `${CSV_HEADER}\n${csvRows.join('\n')}\n`);
const jsonRows = [...archiveRows(300, 'jsonl', { faultEvery: 11, faults: ['bad-quoting', 'missing-body', 'duplicate-id'], seed: 2 })].map((r) => r.text);
writeFileSync(path('archive.jsonl'), `${jsonRows.join('\n')}\n{"id": 7, "title": ["not", "text"], "body": "x"}\n`);

describe.skipIf(REDIS_SERVER === undefined)('news-tagger/queue on a real redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function single(input: string, output: string, errors: string): Promise<number> {
    const { rowsRead } = await runTagJob({ input: path(input), output: path(output), errors: path(errors), workers: 0, tagger: TAGGER });
    return rowsRead;
  }

  it('collects, in input order, the files that runTagJob writes, and leaves nothing in Redis', async () => {
    const read = new Map([
      ['archive.csv', await single('archive.csv', 'single.csv', 'single-errors.csv')],
      ['archive.jsonl', await single('archive.jsonl', 'single.jsonl', 'single-errors.jsonl')],
    ]);
    const workers: QueueWorker[] = await Promise.all([startQueueWorker({ connection: redis.url }), startQueueWorker({ connection: redis.url, threads: 2 })]);
    try {
      const jobs = [
        { job: 'csv-job', input: 'archive.csv', out: 'queued.csv', errors: 'queued-errors.csv', single: 'single.csv', singleErrors: 'single-errors.csv', chunkSize: 37 },
        { job: 'jsonl-job', input: 'archive.jsonl', out: 'queued.jsonl', errors: 'queued-errors.jsonl', single: 'single.jsonl', singleErrors: 'single-errors.jsonl', chunkSize: 64 },
      ];
      for (const j of jobs) {
        const submitted = await submitJob({ connection: redis.url, job: j.job, input: path(j.input), tagger: TAGGER, chunkSize: j.chunkSize });
        const rows = read.get(j.input) as number;
        expect(rows).toBeGreaterThan(290);
        expect(submitted).toMatchObject({ rows, chunks: Math.ceil(rows / j.chunkSize), alreadySubmitted: false });
        const errors: RowError[] = [];
        const progress: number[] = [];
        const summary = await collectJob({ connection: redis.url, job: j.job, output: path(j.out), errors: path(j.errors), onError: (e) => errors.push(e), onProgress: (p) => progress.push(p.rowsRead) });
        expect(readFileSync(path(j.out), 'utf8')).toBe(readFileSync(path(j.single), 'utf8'));
        expect(readFileSync(path(j.errors), 'utf8')).toBe(readFileSync(path(j.singleErrors), 'utf8'));
        expect(summary.rowsRead).toBe(rows);
        expect(summary.rowsRead).toBe(summary.rowsWritten + summary.rowsFailed);
        expect(summary.rowsFailed).toBeGreaterThan(10);
        expect(errors.map((e) => e.rowNumber)).toEqual([...errors.map((e) => e.rowNumber)].sort((a, b) => a - b));
        expect(progress[progress.length - 1]).toBe(rows);
      }
      expect(workers[0]!.rows + workers[1]!.rows).toBeGreaterThan(800);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    const client = new Redis(redis.url);
    expect(await client.keys('news-tagger:*')).toEqual([]);
    await client.quit();
  }, 120_000);

  it('submits a job once, refuses the name for another input, and says when a job is unknown or Redis unreachable', async () => {
    const first = await submitJob({ connection: redis.url, job: 'twice', input: path('archive.jsonl'), tagger: TAGGER });
    const again = await submitJob({ connection: redis.url, job: 'twice', input: path('archive.jsonl'), tagger: TAGGER });
    expect(again).toMatchObject({ alreadySubmitted: true, rows: first.rows, chunks: first.chunks });
    const code = (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: unknown) => (isNewsTaggerError(e) ? `${e.code}: ${e.message}` : String(e)));
    expect(await code(submitJob({ connection: redis.url, job: 'twice', input: path('archive.jsonl'), tagger: { ...TAGGER, limit: 2 } }))).toMatch(/^QUEUE_JOB: .*"twice".*another input or other options/);
    expect(await code(collectJob({ connection: redis.url, job: 'never', output: path('never.jsonl') }))).toMatch(/^QUEUE_JOB: .*no such job/);
    expect(await code(collectJob({ connection: redis.url, job: 'twice', output: path('twice.csv') }))).toMatch(/^QUEUE_JOB: .*output format jsonl/);
    expect(await code(submitJob({ connection: redis.url, job: 'bad name!', input: path('archive.jsonl') }))).toMatch(/^INVALID_OPTION: .*"job"/);
    expect(await code(submitJob({ connection: 'redis://127.0.0.1:1', job: 'x', input: path('archive.jsonl') }))).toMatch(/^QUEUE_CONNECTION: .*127\.0\.0\.1:1/);
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port } });
    await queue.obliterate({ force: true });
    await queue.close();
    const client = new Redis(redis.url);
    await client.del(...(await client.keys('news-tagger:*')));
    await client.quit();
  }, 60_000);

  it('splits a chunk that keeps killing its workers down to the row, which alone fails', async () => {
    // worker processes (the CLI) that a supervisor kills with SIGKILL whenever one holds the poison
    // row, as an out-of-memory killer would: a row with a body of 900,000 characters
    const rows = csvRows.slice(0, 40);
    rows[22] = `a23,Budget talks,"${'Ministers of Russia and Ukraine met in Moscow to discuss the budget. '.repeat(13_000)}",2024-03-02,world`;
    writeFileSync(path('poison.csv'), `${CSV_HEADER}\n${rows.join('\n')}\n`);
    const poison = 22; // 0-based record index in the archive: chunk 2 (size 8), record 6
    await submitJob({ connection: redis.url, job: 'poison', input: path('poison.csv'), tagger: TAGGER, chunkSize: 8 });
    const cli = resolve('src/cli/main.ts');
    const procs = new Map<number, ChildProcess>();
    const spawnWorker = (): void => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'worker', '--redis', redis.url, '--lock-seconds', '1', '--quiet'], { stdio: 'ignore' });
      procs.set(child.pid as number, child);
      child.once('exit', () => procs.delete(child.pid as number));
    };
    spawnWorker();
    spawnWorker();
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port } });
    const killed = new Set<string>(); // each start of a range killed once
    let stop = false;
    const supervisor = (async () => {
      while (!stop) {
        for (const job of await queue.getActive()) {
          const { chunk, from, to } = job.data as { chunk: number; from: number; to: number };
          const holder = Number(String(job.processedBy ?? '').split(':').pop());
          // a process that is tagging it: the range's first two starts (a third start splits the range)
          const tagging = job.attemptsStarted <= 2 && Date.now() - (job.processedOn ?? Date.now()) > 200;
          if (chunk * 8 + from <= poison && poison < chunk * 8 + to && procs.has(holder) && tagging) {
            procs.get(holder)?.kill('SIGKILL');
            killed.add(`${job.id}/${job.attemptsStarted}`);
            spawnWorker();
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      const errors: RowError[] = [];
      const summary = await collectJob({ connection: redis.url, job: 'poison', output: path('poison-queued.csv'), errors: path('poison-queued-errors.csv'), onError: (e) => errors.push(e), checkSeconds: 1 });
      // twice per range that holds the row: 8 rows, 4, 2, then the row alone
      expect([...killed].sort()).toEqual(['poison.2.0-8/1', 'poison.2.0-8/2', 'poison.2.4-8/1', 'poison.2.4-8/2', 'poison.2.6-7/1', 'poison.2.6-7/2', 'poison.2.6-8/1', 'poison.2.6-8/2']);
      const failed = errors.filter((e) => e.code === 'TAG_FAILED');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ rowNumber: poison + 1, id: `a${poison + 1}` });
      expect(failed[0]!.reason).toMatch(/started 2 times and never finished/);
      // every other row as on one machine
      writeFileSync(path('poison-less.csv'), `${CSV_HEADER}\n${rows.filter((_, i) => i !== poison).join('\n')}\n`);
      await single('poison-less.csv', 'poison-less-single.csv', 'poison-less-errors.csv');
      expect(readFileSync(path('poison-queued.csv'), 'utf8')).toBe(readFileSync(path('poison-less-single.csv'), 'utf8'));
      expect(summary.rowsRead).toBe(40);
      expect(summary.rowsWritten + summary.rowsFailed).toBe(40);
    } finally {
      stop = true;
      await supervisor;
      for (const child of procs.values()) child.kill('SIGTERM');
      await queue.close();
    }
  }, 240_000);

  it('tags articles on publish and calls back with the tags', async () => {
    const tags = createTagQueue({ connection: redis.url, tagger: TAGGER, name: 'publish-test' });
    const articles: Article[] = [
      { id: 'p1', title: 'Ministers meet in Moscow', body: 'The foreign ministers of Russia and Japan met in Moscow on Monday.' },
      { id: 'p2', title: 'Talks in Kyiv', body: 'Ukraine hosted talks in Kyiv with delegates from Japan and South Korea.' },
    ];
    await expect(tags.enqueue({ id: 'bad', title: 'x', body: 42 } as unknown as Article)).rejects.toThrow(/article field "body"/);
    for (const a of articles) await tags.enqueue(a);
    const seen = new Map<string, string[]>();
    const worker = await tags.worker((article, result) => {
      seen.set(article.id, result.tags.map((t) => t.id));
    });
    const deadline = Date.now() + 60_000;
    while (seen.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.close();
    await tags.close();
    const tagger = createTagger(TAGGER);
    for (const a of articles) expect(seen.get(a.id)).toEqual(tagger.tag(a).tags.map((t) => t.id));
    expect(seen.get('p1')?.length).toBeGreaterThan(0);
    expect(worker.tagged).toBe(2);
  }, 90_000);
});
