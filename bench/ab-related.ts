/**
 * A/B latency of related() for two source trees in one process, alternating rounds, so that both see
 * the same machine load (on a busy 2-core machine, separate runs of `npm run bench -- related` differ by
 * more than a change under test):
 *
 *   node --expose-gc --import tsx bench/ab-related.ts <treeA> <treeB> [--rounds 10] [--queries 2000] [--options '{"k":10}']
 *
 * A tree is a folder holding `src/` and `data/` (e.g. `mkdir /tmp/main && git archive main src data
 * package.json | tar -x -C /tmp/main`, or `.` for the working tree). Each tree
 * builds its own index of Reuters train (title + body) and runs warm(); the queries are the bench's
 * (random ids, seed 7). Prints, per tree, a hash of the JSON results of the first 1000 queries (equal
 * hashes: same results), the median and best p50 of the rounds, the median p95 and the CPU time per
 * query, and the load average.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { datasetPath, loadJsonl, sharedDir } from '../eval/datasets.js';
import type { CorpusIndex, IndexArticle, RelatedOptions } from '../src/index.js';
import { abArgs, percentile } from './util.js';

const { trees, flag } = abArgs(process.argv.slice(2), 'node --expose-gc --import tsx bench/ab-related.ts <treeA> <treeB> [--rounds R] [--queries N] [--options JSON]');
const rounds = Number(flag('rounds', '10'));
const nQueries = Number(flag('queries', '2000'));
const options = JSON.parse(flag('options', '{"k":10}')) as RelatedOptions;

const docs = loadJsonl(datasetPath(sharedDir(), 'reuters'));
const articles: IndexArticle[] = docs.map((d) => ({ id: d.id, title: d.title, body: d.body, ...(d.date !== undefined ? { date: d.date } : {}) }));
const indexes: CorpusIndex[] = [];
for (const tree of trees) {
  const mod = (await import(pathToFileURL(resolve(tree, 'src', 'index.ts')).href)) as typeof import('../src/index.js');
  const index = mod.createCorpusIndex();
  index.addAll(articles);
  index.warm();
  indexes.push(index);
}
const ids = (indexes[0] as CorpusIndex).ids();
let seed = 7;
const queries: string[] = [];
for (let i = 0; i < nQueries; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  queries.push(ids[seed % ids.length] as string);
}
const hashes = indexes.map((index) => {
  const h = createHash('sha1');
  for (const id of queries.slice(0, 1000)) h.update(JSON.stringify(index.related(id, options)));
  return h.digest('hex').slice(0, 12);
});
const p50: number[][] = [[], []];
const p95: number[][] = [[], []];
const cpu: number[][] = [[], []];
for (let r = 0; r < rounds; r++) {
  for (let w = 0; w < 2; w++) {
    const k = r % 2 === 0 ? w : 1 - w; // ABBA order
    const index = indexes[k] as CorpusIndex;
    const times: number[] = [];
    const c0 = process.cpuUsage();
    for (const id of queries) {
      const t0 = performance.now();
      index.related(id, options);
      times.push(performance.now() - t0);
    }
    const c = process.cpuUsage(c0);
    times.sort((a, b) => a - b);
    (p50[k] as number[]).push(percentile(times, 50));
    (p95[k] as number[]).push(percentile(times, 95));
    (cpu[k] as number[]).push((c.user + c.system) / 1000 / queries.length);
  }
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)] as number;
for (let k = 0; k < 2; k++) {
  const a = p50[k] as number[];
  process.stdout.write(
    `${trees[k]}: results ${hashes[k]}; p50 median ${median(a).toFixed(3)} ms (best ${Math.min(...a).toFixed(3)}), p95 median ${median(p95[k] as number[]).toFixed(3)} ms, CPU ${median(cpu[k] as number[]).toFixed(3)} ms/query (${rounds} rounds of ${queries.length} queries)\n`,
  );
}
process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
