/**
 * The queue end to end on Reuters (read from ../shared/datasets at run time; the CSV is written to a
 * temp dir and removed):
 *
 *   npm run build && npx tsx scripts/queue-archive.ts [--workers 3] [--chunk-size 256] [--keep]
 *
 * 1. writes Reuters train as CSV with 50 broken rows of this project's own spread through it (bad
 *    quoting, missing body, a repeated id, missing id, a wrong field count; ten of each);
 * 2. tags it on one machine: `news-tagger tag archive.csv --workers 1`;
 * 3. starts a redis-server of its own on a free loopback port, submits the archive, starts N worker
 *    processes (`news-tagger worker`), kills one of them with SIGKILL while it holds a chunk, and
 *    collects the output (`news-tagger collect`);
 * 4. compares the collected output and errors with the one-machine files byte for byte, and checks
 *    read = written + failed.
 * Exit code 0 when everything matches, 1 otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { datasetPath, DatasetMissingError, loadJsonl, sharedDir } from '../eval/datasets.js';
import { REDIS_MISSING, REDIS_SERVER, startRedis } from '../test/helpers/redis.js';
import { parseHarnessArgs } from './lib/cli-args.js';
import { csvLine, CSV_HEADER } from './lib/synthetic-archive.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const args = parseHarnessArgs(process.argv.slice(2));
const WORKERS = Number(args.flags.get('workers') ?? 3);
const CHUNK = Number(args.flags.get('chunk-size') ?? 256);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  stderr: string;
}

function run(cliArgs: string[]): { child: ChildProcess; done: Promise<Run>; stderr(): string } {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...cliArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolveRun) => child.on('exit', (code, signal) => resolveRun({ code, signal, seconds: (performance.now() - t0) / 1000, stderr: stderr.trim() })));
  return { child, done, stderr: () => stderr };
}

/** The 50 broken rows, written for this script: ten of each kind. */
function brokenRow(k: number, earlierId: string): string {
  const body = `Broken row ${k} written for the queue check: the ministers of Canada and Peru met in Lima.`;
  switch (k % 5) {
    case 0:
      return `broken-${k},"A title with "bad" quoting",${JSON.stringify(body)},1987-03-02,`;
    case 1:
      return `broken-${k},A title with no body,,1987-03-02,`;
    case 2:
      return `${earlierId},A repeated id,${JSON.stringify(body)},1987-03-02,`;
    case 3:
      return `,A row with no id,${JSON.stringify(body)},1987-03-02,`;
    default:
      return `broken-${k},Too,many,fields,in,this,row`;
  }
}

function account(stderr: string): { read: number; written: number; failed: number } | undefined {
  const m = /read ([\d,]+) rows?, wrote ([\d,]+), failed ([\d,]+)/.exec(stderr);
  const n = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));
  return m === null ? undefined : { read: n(m[1]), written: n(m[2]), failed: n(m[3]) };
}

async function main(): Promise<number> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  if (REDIS_SERVER === undefined) {
    console.log(REDIS_MISSING);
    return 1;
  }
  let reuters;
  try {
    reuters = loadJsonl(datasetPath(sharedDir(), 'reuters'));
  } catch (error) {
    if (error instanceof DatasetMissingError) {
      console.log(`skipped: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const dir = mkdtempSync(join(tmpdir(), 'news-tagger-queue-archive-'));
  const path = (name: string): string => join(dir, name);
  const lines: string[] = [];
  const every = Math.floor(reuters.length / 50);
  let broken = 0;
  reuters.forEach((a, i) => {
    lines.push(csvLine({ id: a.id, title: a.title, body: a.body, date: a.date ?? '', section: a.category ?? '' }));
    if ((i + 1) % every === 0 && broken < 50) lines.push(brokenRow(broken++, (reuters[Math.max(0, i - 7)] as { id: string }).id));
  });
  writeFileSync(path('archive.csv'), `${CSV_HEADER}\n${lines.join('\n')}\n`);
  const redis = await startRedis();
  const workers: ChildProcess[] = [];
  try {
    console.log(`archive: ${reuters.length.toLocaleString('en-US')} Reuters train articles + ${broken} broken rows = ${lines.length.toLocaleString('en-US')} rows (CSV, ${(readFileSync(path('archive.csv')).length / 1e6).toFixed(1)} MB)`);
    const single = await run(['tag', path('archive.csv'), '--out', path('single.csv'), '--errors', path('single-errors.csv'), '--workers', '1']).done;
    console.log(`one machine: news-tagger tag --workers 1: ${single.stderr.split('\n').pop()}`);

    const t0 = performance.now();
    const submit = await run(['submit', path('archive.csv'), '--redis', redis.url, '--job', 'reuters', '--chunk-size', String(CHUNK)]).done;
    console.log(`queue: ${submit.stderr.split('\n').pop()}`);
    const started = Array.from({ length: WORKERS }, () => run(['worker', '--redis', redis.url, '--lock-seconds', '5']));
    for (const w of started) workers.push(w.child);
    const collect = run(['collect', '--redis', redis.url, '--job', 'reuters', '--out', path('queued.csv'), '--errors', path('queued-errors.csv')]);
    // kill the second worker with SIGKILL once it has tagged a chunk (its tagger is warm), while it
    // holds another that it has been tagging for 100 ms
    const victim = workers[1] as ChildProcess;
    const warm = (): boolean => / done in /.test((started[1] as { stderr(): string }).stderr());
    const queue = new Queue('news-tagger-chunks', { connection: { host: '127.0.0.1', port: redis.port } });
    let killed: string | undefined;
    while (killed === undefined && victim.exitCode === null) {
      for (const job of await queue.getActive()) {
        const holder = Number(String(job.processedBy ?? '').split(':').pop());
        if (holder === victim.pid && warm() && Date.now() - (job.processedOn ?? Date.now()) >= 100) {
          victim.kill('SIGKILL');
          killed = `${String(job.id)} (rows ${job.data.from + 1}-${job.data.to} of chunk ${job.data.chunk}, held for ${Date.now() - (job.processedOn as number)} ms)`;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await queue.close();
    console.log(`killed worker pid ${victim.pid} with SIGKILL while it held ${killed ?? 'nothing (it ended first)'}`);
    const collected = await collect.done;
    const seconds = (performance.now() - t0) / 1000;
    console.log(`queue: ${collected.stderr.split('\n').pop()}`);
    for (const w of workers) if (w.exitCode === null) w.kill('SIGTERM');
    const stopped = await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? Promise.resolve() : new Promise((r) => w.once('exit', r)))));
    void stopped;
    const sameOut = readFileSync(path('queued.csv')).equals(readFileSync(path('single.csv')));
    const sameErrors = readFileSync(path('queued-errors.csv')).equals(readFileSync(path('single-errors.csv')));
    const a = account(collected.stderr);
    const s = account(single.stderr);
    const balanced = a !== undefined && a.read === a.written + a.failed && a.read === lines.length;
    console.log(`submit + ${WORKERS} workers (one killed) + collect: ${seconds.toFixed(1)} s wall; one machine: ${single.seconds.toFixed(1)} s`);
    console.log(`output byte-identical to one machine: ${sameOut ? 'yes' : 'NO'} (${readFileSync(path('queued.csv')).length.toLocaleString('en-US')} bytes)`);
    console.log(`errors byte-identical to one machine: ${sameErrors ? 'yes' : 'NO'}`);
    console.log(`read = written + failed: ${a?.read} = ${a?.written} + ${a?.failed} (${balanced ? 'yes' : 'NO'}); one machine ${s?.read} = ${s?.written} + ${s?.failed}`);
    const ok = sameOut && sameErrors && balanced && killed !== undefined && collected.code === 3;
    console.log(ok ? 'OK' : 'FAILED');
    return ok ? 0 : 1;
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await redis.stop();
    if (args.flags.get('keep') === 'true') console.log(`files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
