/**
 * `npm run bench -- batch [--rounds N] [--limit N] [--workers 0,1,2] [--no-process-ceiling]`:
 * `news-tagger tag` throughput over the Reuters train set as JSONL and as CSV (the same rows, written
 * to a temp file), with 0 (main thread), 1 and 2 worker threads, in one run. Reports rows/s (wall
 * clock, best of N rounds, worker start-up included), the start-up alone (a one-row job), CPU seconds
 * (all threads), whether every row came out, and two ceilings of the machine: a pure JS loop on two
 * threads, and the JSONL job itself in two processes at once. Uses the built
 * package (dist/batch.js) when present, so workers load dist/batch-worker.js as users' do; else the
 * sources (workers then load through tsx, which adds start-up time).
 * Speed-ups need idle cores: the load average before and after is reported beside the figures.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { writeToString } from 'fast-csv';
import { datasetPath } from '../../eval/datasets.js';
import type { BenchCase } from '../types.js';
import { machine } from '../util.js';

type Batch = typeof import('../../src/batch/index.js');

interface Figure {
  format: string;
  workers: number;
  /** Wall seconds of a one-row job: thread start-up and tagger compilation, the fixed cost. */
  startupSeconds: number;
  seconds: number;
  rowsPerSecond: number;
  cpuSeconds: number;
  rowsWritten: number;
  rowsFailed: number;
}

/**
 * What the machine gives two threads right now: a fixed pure-JavaScript loop (no allocation, no
 * I/O) run in one worker thread, then in two at once; returns (2 x work) / wall(2) over work / wall(1).
 * About 2 on two idle cores; less when other processes hold a core. Measured beside the job figures
 * so that a speed-up can be read against what was possible at that moment.
 */
/**
 * What the machine gives two copies of this very job: the whole tag job on one main thread (no
 * workers) in a child process, alone, then in two child processes at once; returns 2 x wall(1) /
 * wall(2 at once). No coordination at all between the two, so this bounds what two workers can reach.
 * Needs the built package (dist/batch.js); undefined without it.
 */
async function twoProcessCeiling(built: string, input: string, dir: string): Promise<number | undefined> {
  if (!existsSync(built)) return undefined;
  const code = (out: string): string =>
    `import(${JSON.stringify(pathToFileURL(built).href)}).then(async ({ runTagJob }) => { const s = await runTagJob({ input: ${JSON.stringify(input)}, output: ${JSON.stringify(out)}, workers: 0 }); process.stdout.write(String(s.seconds)); });`;
  const child = (n: number): Promise<number> =>
    new Promise((resolvePromise, reject) => {
      execFile(process.execPath, ['-e', code(join(dir, `ceiling-${n}.jsonl`))], { maxBuffer: 1 << 20 }, (error, stdout) => {
        if (error) reject(error);
        else resolvePromise(Number(stdout));
      });
    });
  const one = await child(0);
  const t0 = performance.now();
  await Promise.all([child(1), child(2)]);
  const two = (performance.now() - t0) / 1000;
  return Number(((2 * one) / two).toFixed(2));
}

async function twoThreadCeiling(): Promise<number> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    parentPort.once('message', () => {
      let x = 1;
      for (let i = 0; i < 6e8; i++) x = (x * 1103515245 + 12345) | 0;
      parentPort.postMessage(x);
    });`;
  const run = async (threads: number): Promise<number> => {
    const workers = Array.from({ length: threads }, () => new Worker(code, { eval: true }));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('online', resolve))));
    const t0 = performance.now();
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => {
            w.once('message', resolve);
            w.postMessage('go');
          }),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(workers.map((w) => w.terminate()));
    return seconds;
  };
  const one = await run(1);
  const two = await run(2);
  return Number(((2 * one) / two).toFixed(2));
}

export const batchBench: BenchCase = {
  name: 'batch',
  description: 'news-tagger tag rows/s over Reuters train (JSONL and CSV) with 0, 1 and 2 worker threads',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'reuters', ctx.data);
    const built = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'batch.js');
    const lib = (existsSync(built) ? await import(pathToFileURL(built).href) : await import('../../src/batch/index.js')) as Batch;
    const source = existsSync(built) ? 'dist/batch.js' : 'src (tsx)';
    const rounds = Number(ctx.flags.get('rounds') ?? 2);
    const workerCounts = (ctx.flags.get('workers') ?? '0,1,2').split(',').map(Number);
    const dir = mkdtempSync(join(tmpdir(), 'news-tagger-bench-batch-'));
    try {
      const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0).slice(0, ctx.limit ?? Number.POSITIVE_INFINITY);
      const jsonl = join(dir, 'reuters.jsonl');
      writeFileSync(jsonl, `${lines.join('\n')}\n`);
      const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const csv = join(dir, 'reuters.csv');
      const list = (v: unknown): string => (Array.isArray(v) ? v.join('|') : '');
      writeFileSync(
        csv,
        await writeToString(
          [['id', 'title', 'body', 'date', 'places', 'people', 'orgs'], ...records.map((r) => [r.id, r.title, r.body, r.date ?? '', list(r.places), list(r.people), list(r.orgs)].map(String))],
          { includeEndRowDelimiter: true },
        ),
      );
      ctx.log(`batch: ${records.length} Reuters rows, ${source}, workers ${workerCounts.join('/')}, best of ${rounds}; load average ${loadavg()[0]?.toFixed(2)}`);
      const loadBefore = loadavg();
      const ceilingBefore = await twoThreadCeiling();
      const figures: Figure[] = [];
      const oneRow = join(dir, 'one.jsonl');
      writeFileSync(oneRow, `${lines[0] ?? ''}\n`);
      const startup = new Map<number, number>();
      for (const workers of workerCounts) {
        const s = await lib.runTagJob({ input: oneRow, output: join(dir, 'one-out.jsonl'), workers });
        startup.set(workers, s.seconds);
      }
      for (const [format, input] of [['jsonl', jsonl], ['csv', csv]] as const) {
        for (const workers of workerCounts) {
          let best: Figure | undefined;
          for (let r = 0; r < rounds; r++) {
            const cpu0 = process.cpuUsage();
            const summary = await lib.runTagJob({ input, output: join(dir, `out.${format}`), workers });
            const cpu = process.cpuUsage(cpu0);
            const figure: Figure = {
              format,
              workers,
              startupSeconds: startup.get(workers) ?? 0,
              seconds: summary.seconds,
              rowsPerSecond: summary.rowsRead / summary.seconds,
              cpuSeconds: (cpu.user + cpu.system) / 1e6,
              rowsWritten: summary.rowsWritten,
              rowsFailed: summary.rowsFailed,
            };
            if (best === undefined || figure.seconds < best.seconds) best = figure;
          }
          const b = best as Figure;
          figures.push(b);
          ctx.log(`  ${format} ${workers} workers: ${Math.round(b.rowsPerSecond)} rows/s (${b.seconds.toFixed(2)} s, ${b.cpuSeconds.toFixed(1)} CPU s), ${b.rowsWritten} written, ${b.rowsFailed} failed`);
        }
      }
      const speedup: Record<string, number> = {};
      for (const format of ['jsonl', 'csv']) {
        const one = figures.find((f) => f.format === format && f.workers === 1);
        const two = figures.find((f) => f.format === format && f.workers === 2);
        if (one && two) speedup[format] = Number((two.rowsPerSecond / one.rowsPerSecond).toFixed(2));
      }
      return {
        bench: 'batch',
        data: path,
        rows: records.length,
        source,
        rounds,
        machine: machine(),
        loadAverage: { before: loadBefore.map((x) => Number(x.toFixed(2))), after: loadavg().map((x) => Number(x.toFixed(2))) },
        twoThreadCeiling: { before: ceilingBefore, after: await twoThreadCeiling() },
        twoProcessCeiling: ctx.flags.get('no-process-ceiling') === undefined ? await twoProcessCeiling(built, jsonl, dir) : undefined,
        everyRowOut: figures.every((f) => f.rowsWritten + f.rowsFailed === records.length && f.rowsFailed === 0),
        figures,
        speedup2v1: speedup,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  format(r) {
    const figures = r.figures as Figure[];
    const load = r.loadAverage as { before: number[]; after: number[] };
    const lines = [
      `batch: news-tagger tag over ${r.rows} Reuters rows (${r.source}, best of ${r.rounds}) ${JSON.stringify(r.machine)}`,
      `  load average before ${load.before[0]}, after ${load.after[0]} (speed-ups need idle cores)`,
      `  two-thread ceiling (a pure JS loop, 2 threads vs 1) before ${(r.twoThreadCeiling as { before: number }).before}x, after ${(r.twoThreadCeiling as { after: number }).after}x`,
      ...figures.map((f) => `  ${f.format.padEnd(5)} ${String(f.workers).padStart(1)} worker${f.workers === 1 ? ' ' : 's'}  ${String(Math.round(f.rowsPerSecond)).padStart(6)} rows/s  ${f.seconds.toFixed(2).padStart(6)} s (start-up ${f.startupSeconds.toFixed(2)} s)  ${f.cpuSeconds.toFixed(1).padStart(5)} CPU s  ${f.rowsWritten} written, ${f.rowsFailed} failed`),
      `  2 workers vs 1: ${Object.entries(r.speedup2v1 as Record<string, number>).map(([k, v]) => `${k} ${v}x`).join(', ')}; every row out: ${r.everyRowOut}`,
    ];
    if (r.twoProcessCeiling !== undefined) {
      lines.push(`  two-process ceiling (the JSONL job on one thread, in 2 processes at once vs 1 alone): ${r.twoProcessCeiling}x`);
    }
    return lines.join('\n');
  },
};
