/**
 * One child process of `npm run bench -- adversarial`: one catalogue input at each size beside as
 * many characters of ordinary text, in a fresh process so that its peak memory is its own. Prints JSON:
 *
 *   node --expose-gc --import tsx bench/adversarial-child.ts <catalogue index | quadratic> <sizes,...> <rounds> [tree]
 *
 * `tree` is a folder holding the `src/` to measure (default: this checkout), e.g. a build of main
 * for a before/after table in one run; the catalogue is always this checkout's.
 *
 * Memory: the largest size first, once, as peak RSS above the warm baseline (before the other sizes
 * leave garbage behind, and before the ordinary text is read). On Linux the peak is reset just before
 * the call (`/proc/self/clear_refs`) and read from VmHWM, so that the peaks of loading and compiling
 * do not count; elsewhere it is the process's max RSS. Time: `rounds` rounds; each round visits every size (smallest first), and at
 * each size times the input and the ordinary text back to back (their order alternating by round),
 * each after a full collection, in CPU time (see `measure`); a call shorter than `MIN_SPAN_MS` is repeated to fill that span and
 * averaged. Each figure is the minimum over the rounds: the load of a shared machine only ever adds.
 *
 * `quadratic` is a deliberately quadratic workload to show that the growth check still fails on one:
 * tag() plus the e-mail pattern that the tokenizer used before issue #16, which rescans a run of "-"
 * from every position of it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATASETS, sharedDir } from '../eval/datasets.js';
import { CATALOGUE, ORDINARY, repeatTo } from '../fuzz/catalogue.js';

const [which, sizesArg, roundsArg, treeArg] = process.argv.slice(2);
const sizes = (sizesArg ?? '10000,100000,1000000').split(',').map(Number).sort((a, b) => a - b);
const rounds = Math.max(1, Number(roundsArg ?? 3));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** Calls shorter than this are repeated within one measurement (timer resolution, fixed costs). */
const MIN_SPAN_MS = 40;

/** Reuters train bodies (paragraphs), or the project's own sentences when the data is absent. */
function reference(length: number): { body: string; source: string } {
  const path = join(sharedDir(), DATASETS.reuters);
  if (!existsSync(path)) return { body: repeatTo(ORDINARY, length), source: 'generated (Reuters data absent)' };
  const parts: string[] = [];
  let n = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (n >= length) break;
    if (line.trim().length === 0) continue;
    const body = String((JSON.parse(line) as { body?: unknown }).body ?? '');
    parts.push(body);
    n += body.length + 2;
  }
  return { body: parts.join('\n\n').slice(0, length), source: 'Reuters-21578 train bodies' };
}

const { createTagger } = (await import(
  treeArg === undefined ? '../src/index.js' : pathToFileURL(resolve(treeArg, 'src', 'index.ts')).href
)) as typeof import('../src/index.js');
// the core with the Arabic and Spanish names, as Node's entry has them (a tree from before
// news-tagger/languages has them built in)
const languagesFile = resolve(treeArg ?? join(import.meta.dirname, '..'), 'src', 'languages.ts');
const languages = existsSync(languagesFile) ? ((await import(pathToFileURL(languagesFile).href)) as typeof import('../src/languages.js')) : undefined;
const tagger = createTagger({ maxFieldLength: Math.max(1_000_000, ...sizes), ...(languages === undefined ? {} : { languages: [languages.arabic(), languages.spanish()] }) });
/** The pattern of the tokenizer's e-mail branch before issue #16 (quadratic on a run of "-"). */
const OLD_EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const input =
  which === 'quadratic'
    ? {
        body: (n: number) => repeatTo('-', n),
        run: (body: string) => {
          tagger.tag({ id: 'x', title: '', body });
          OLD_EMAIL_RE.lastIndex = 0;
          OLD_EMAIL_RE.test(body);
        },
      }
    : { body: (n: number) => CATALOGUE[Number(which)]!.body(n), run: (body: string) => void tagger.tag({ id: 'x', title: '', body }) };
const ordinary = (body: string): void => void tagger.tag({ id: 'x', title: '', body });

/** CPU ms of this process (all its threads, the collector's included) since `from`. */
function cpuMs(from?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

/**
 * CPU ms per call: one call, or as many as fill `MIN_SPAN_MS`, after a full collection. CPU time, not
 * wall time: on a machine shared by more runnable threads than cores, wall time also counts the time
 * the process waited for a core (2-5x at a load of 10-20 on 2 cores), CPU time hardly.
 */
function measure(fn: (body: string) => void, body: string): number {
  gc();
  let calls = 0;
  const t0 = process.cpuUsage();
  let ms = 0;
  do {
    fn(body);
    calls++;
    ms = cpuMs(t0);
  } while (ms < MIN_SPAN_MS && calls < 1000);
  return ms / calls;
}

/** Resets the peak RSS of this process (Linux 4.0+); false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS in bytes: VmHWM after `resetPeak`, else the process's max RSS. */
function peakRss(reset: boolean): number {
  if (reset) {
    const m = /^VmHWM:\s+(\d+) kB/mu.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m !== null) return Number(m[1]) * 1024;
  }
  return process.resourceUsage().maxRSS * 1024;
}

const largest = sizes[sizes.length - 1]!;
// warm the paths both take, at the smallest size (the ordinary text is read after the memory measurement)
input.run(input.body(sizes[0]!));
ordinary(repeatTo(ORDINARY, sizes[0]!));
const largestBody = input.body(largest);
gc();
gc();
const reset = resetPeak();
const rss0 = process.memoryUsage().rss;
const t0 = process.cpuUsage();
input.run(largestBody);
const firstMs = cpuMs(t0);
const peakMiB = (peakRss(reset) - rss0) / 2 ** 20;
const ref = reference(largest);
ordinary(ref.body.slice(0, sizes[0]!));

const best = sizes.map(() => ({ ms: Number.POSITIVE_INFINITY, ordinaryMs: Number.POSITIVE_INFINITY }));
const bodies = sizes.map((n) => input.body(n));
for (let r = 0; r < rounds; r++) {
  sizes.forEach((n, k) => {
    const b = best[k]!;
    const ord = ref.body.slice(0, n);
    const pair = [() => (b.ms = Math.min(b.ms, measure(input.run, bodies[k]!))), () => (b.ordinaryMs = Math.min(b.ordinaryMs, measure(ordinary, ord)))];
    if (r % 2 === 1) pair.reverse();
    for (const step of pair) step();
  });
}
best[best.length - 1]!.ms = Math.min(best[best.length - 1]!.ms, firstMs);
const results = sizes.map((size, k) => ({ size, ms: best[k]!.ms, ordinaryMs: best[k]!.ordinaryMs, peakMiB: size === largest ? peakMiB : Number.NaN }));
process.stdout.write(`${JSON.stringify({ results, referenceSource: ref.source, baselineRssMiB: rss0 / 2 ** 20, peakReset: reset, tree: treeArg ?? '.' })}\n`);
