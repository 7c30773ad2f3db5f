/**
 * One child process of `npm run bench -- adversarial`: tags one catalogue input at each size, then
 * 1M characters of ordinary text, in a fresh process so that its peak memory is its own. Prints JSON:
 *
 *   node --expose-gc --import tsx bench/adversarial-child.ts <catalogue index | -1 for the reference only> <sizes,...> <rounds>
 */
import { existsSync, readFileSync } from 'node:fs';
import { createTagger } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';
import { DATASETS, sharedDir } from '../eval/datasets.js';
import { CATALOGUE, ORDINARY, repeatTo } from '../fuzz/catalogue.js';
import { join } from 'node:path';

const [which, sizesArg, roundsArg] = process.argv.slice(2);
const sizes = (sizesArg ?? '10000,100000,1000000').split(',').map(Number);
const rounds = Number(roundsArg ?? 2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** 1M characters of Reuters bodies (paragraphs), or of the project's own sentences when the data is absent. */
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

const tagger = createTagger({ maxFieldLength: Math.max(1_000_000, ...sizes), languages: [arabic(), spanish()] });
tagger.tag({ id: 'warm', title: 'Warm-up', body: ORDINARY });
const time = (body: string, r: number): number => {
  let best = Number.POSITIVE_INFINITY;
  if (r <= 0) return best;
  for (let k = 0; k < r; k++) {
    const t0 = performance.now();
    tagger.tag({ id: 'x', title: '', body });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};
const item = CATALOGUE[Number(which)];
if (item !== undefined) time(item.body(Math.min(...sizes)), 2); // warm the paths this input takes
gc();
const rss0 = process.memoryUsage().rss;
const results: { size: number; ms: number; peakMiB: number }[] = [];
if (item !== undefined) {
  // the largest size first, once, for its peak memory (max RSS) above the warm baseline
  const largest = Math.max(...sizes);
  const first = time(item.body(largest), 1);
  const peakMiB = (process.resourceUsage().maxRSS * 1024 - rss0) / 2 ** 20;
  gc();
  for (const size of [...sizes].sort((a, b) => a - b)) {
    const body = item.body(size);
    // best of several rounds: more at small sizes, where fixed costs and noise weigh more
    const ms = size === largest ? Math.min(first, time(body, rounds - 1)) : time(body, size <= 10_000 ? 7 : 3);
    results.push({ size, ms, peakMiB: size === largest ? peakMiB : Number.NaN });
  }
}
const ref = reference(Math.max(...sizes));
tagger.tag({ id: 'warm', title: '', body: ref.body.slice(0, 100_000) }); // warm the paths ordinary text takes
const referenceMs = time(ref.body, rounds);
process.stdout.write(`${JSON.stringify({ results, referenceMs, referenceChars: ref.body.length, referenceSource: ref.source, baselineRssMiB: rss0 / 2 ** 20 })}\n`);
