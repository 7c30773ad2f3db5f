/**
 * `npm run bench -- queue [--rounds 3] [--chunk-size 256]`: Reuters train (as CSV, written to a temp
 * file) tagged by `news-tagger tag --workers 1|2` on one machine, beside the queue with 1 and 2
 * worker processes (`submit`, `worker` x N, `collect`, on a redis-server of the bench's own on a
 * loopback port), in the same run, rounds alternating. Wall clock of the whole job from the first
 * command to the last file written, start-ups included (the tag job's threads, the workers'
 * processes), median of the rounds; the queue's overhead is its wall time over the tag job's with as
 * many workers. Needs the built CLI (dist/cli.js) and redis-server. The load average before and
 * after is reported: on a shared machine the figures drift.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetPath, loadJsonl } from '../../eval/datasets.js';
import { csvLine, CSV_HEADER } from '../../scripts/lib/synthetic-archive.js';
import { REDIS_MISSING, REDIS_SERVER, startRedis } from '../../test/helpers/redis.js';
import type { BenchCase } from '../types.js';
import { machine, median } from '../util.js';

const CLI = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'dist', 'cli.js');

function cli(args: string[]): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  return { child, done: new Promise((r) => child.on('exit', (code) => r(code))) };
}

interface Figure {
  mode: 'tag' | 'queue';
  workers: number;
  seconds: number[];
  rowsPerSecond: number;
}

export const queueBench: BenchCase = {
  name: 'queue',
  description: 'news-tagger tag --workers 1|2 beside submit + 1|2 worker processes + collect on Redis (Reuters train as CSV)',
  async run(ctx) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
    if (REDIS_SERVER === undefined) throw new Error(REDIS_MISSING);
    const rounds = Number(ctx.flags.get('rounds') ?? 3);
    const chunkSize = ctx.flags.get('chunk-size') ?? '256';
    const articles = loadJsonl(datasetPath(ctx.sharedDir, 'reuters', ctx.data), ctx.limit);
    const dir = mkdtempSync(join(tmpdir(), 'news-tagger-bench-queue-'));
    const input = join(dir, 'archive.csv');
    writeFileSync(input, `${CSV_HEADER}\n${articles.map((a) => csvLine({ id: a.id, title: a.title, body: a.body, date: a.date ?? '', section: a.category ?? '' })).join('\n')}\n`);
    const rows = articles.length;
    const loadBefore = loadavg();
    const redis = await startRedis();
    const figures: Figure[] = [1, 2].flatMap((workers) => (['tag', 'queue'] as const).map((mode) => ({ mode, workers, seconds: [] as number[], rowsPerSecond: 0 })));
    let identical = true;
    let reference: Buffer | undefined;
    try {
      for (let round = 0; round < rounds; round++) {
        // alternate the order of the modes from round to round
        const order = round % 2 === 0 ? figures : [...figures].reverse();
        for (const f of order) {
          const out = join(dir, `${f.mode}-${f.workers}.csv`);
          const t0 = performance.now();
          if (f.mode === 'tag') {
            await cli(['tag', input, '--out', out, '--workers', String(f.workers), '--quiet']).done;
          } else {
            const job = `bench-${round}-${f.workers}`;
            const workers = Array.from({ length: f.workers }, () => cli(['worker', '--redis', redis.url, '--quiet']));
            await cli(['submit', input, '--redis', redis.url, '--job', job, '--chunk-size', chunkSize, '--quiet']).done;
            await cli(['collect', '--redis', redis.url, '--job', job, '--out', out, '--quiet']).done;
            f.seconds.push((performance.now() - t0) / 1000);
            for (const w of workers) w.child.kill('SIGTERM');
            await Promise.all(workers.map((w) => w.done));
          }
          if (f.mode === 'tag') f.seconds.push((performance.now() - t0) / 1000);
          const bytes = readFileSync(out);
          reference ??= bytes;
          if (!bytes.equals(reference)) identical = false;
          ctx.log(`round ${round + 1}: ${f.mode} ${f.workers} worker${f.workers > 1 ? 's' : ''}: ${(f.seconds[f.seconds.length - 1] as number).toFixed(2)} s`);
        }
      }
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    for (const f of figures) f.rowsPerSecond = Math.round(rows / median(f.seconds));
    const overhead = (workers: number): number => {
      const tag = figures.find((f) => f.mode === 'tag' && f.workers === workers) as Figure;
      const queue = figures.find((f) => f.mode === 'queue' && f.workers === workers) as Figure;
      return median(queue.seconds) / median(tag.seconds) - 1;
    };
    return { machine: machine(), redis: REDIS_SERVER, rows, rounds, chunkSize: Number(chunkSize), figures, overhead1: overhead(1), overhead2: overhead(2), identical, loadBefore, loadAfter: loadavg() };
  },
  format(report) {
    const figures = report.figures as Figure[];
    const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
    const lines = [
      `queue: ${(report.rows as number).toLocaleString('en-US')} Reuters rows as CSV, median of ${report.rounds as number} rounds (wall clock, start-ups included), chunks of ${report.chunkSize as number} rows`,
      '| command | workers | seconds (median) | rows/s |',
      '|---|---:|---:|---:|',
      ...figures.map((f) => `| ${f.mode === 'tag' ? 'news-tagger tag --workers N' : 'submit + N worker processes + collect'} | ${f.workers} | ${median(f.seconds).toFixed(2)} | ${f.rowsPerSecond.toLocaleString('en-US')} |`),
      `queue overhead: ${pct(report.overhead1 as number)} at 1 worker, ${pct(report.overhead2 as number)} at 2 (target <= +15% at 1)`,
      `every output byte-identical: ${report.identical === true ? 'yes' : 'NO'}`,
      `load average before ${(report.loadBefore as number[]).map((x) => x.toFixed(1)).join(' ')}, after ${(report.loadAfter as number[]).map((x) => x.toFixed(1)).join(' ')}; ${String(report.redis)}`,
    ];
    return lines.join('\n');
  },
};
