/**
 * A/B load time of a saved corpus index for two source trees in one process, alternating rounds (ABBA),
 * so that both see the same machine load:
 *
 *   node --expose-gc --import tsx bench/ab-index-load.ts <treeA> <treeB> [--rounds 10]
 *
 * Each tree builds the index of Reuters train (title + body); tree A's is saved, and each round loads
 * the same bytes with each tree's `loadCorpusIndex` (the format is the same) and times it. Prints the median
 * and best load of each tree (wall clock and CPU time of the process), their ratios, the save time and the file size.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { datasetPath, loadJsonl, sharedDir } from '../eval/datasets.js';
import { abArgs } from './util.js';

const { trees, flag } = abArgs(process.argv.slice(2), 'node --expose-gc --import tsx bench/ab-index-load.ts <treeA> <treeB> [--rounds R]');
const rounds = Number(flag('rounds', '10'));
type Lib = typeof import('../src/index.js');
const libs: Lib[] = [];
for (const tree of trees) libs.push((await import(pathToFileURL(resolve(tree, 'src', 'index.ts')).href)) as Lib);
const docs = loadJsonl(datasetPath(sharedDir(), 'reuters'));
const articles = docs.map((d) => ({ id: d.id, title: d.title, body: d.body, ...(d.date !== undefined ? { date: d.date } : {}) }));
// each tree builds its own index first: the index code a load runs is then as warm in both (timing a
// tree whose code only ever loaded against one that also built favours the builder, by ~40% here)
const built = libs.map((lib) => {
  const index = lib.createCorpusIndex();
  index.addAll(articles);
  index.warm();
  return index;
});
const index = built[0] as ReturnType<Lib['createCorpusIndex']>;
const t0 = performance.now();
const bytes = index.save();
const saveMs = performance.now() - t0;
if (!Buffer.from((built[1] as typeof index).save()).equals(Buffer.from(bytes))) process.stderr.write('note: the two trees save different bytes\n');
const times: number[][] = [[], []];
const cpu: number[][] = [[], []];
const gc = (globalThis as { gc?: () => void }).gc;
for (let r = 0; r < rounds; r++) {
  for (let w = 0; w < 2; w++) {
    const k = r % 2 === 0 ? w : 1 - w;
    gc?.();
    const c0 = process.cpuUsage();
    const t = performance.now();
    (libs[k] as Lib).loadCorpusIndex(bytes);
    (times[k] as number[]).push(performance.now() - t);
    const c = process.cpuUsage(c0);
    (cpu[k] as number[]).push((c.user + c.system) / 1000);
  }
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)] as number;
const lines = trees.map(
  (tree, k) =>
    `  ${tree}: load median ${median(times[k] as number[]).toFixed(1)} ms, best ${Math.min(...(times[k] as number[])).toFixed(1)} ms; CPU median ${median(cpu[k] as number[]).toFixed(1)} ms, best ${Math.min(...(cpu[k] as number[])).toFixed(1)} ms`,
);
process.stdout.write(
  [
    `index load A/B, Reuters train (${index.size} documents), saved ${(bytes.length / 2 ** 20).toFixed(1)} MiB in ${saveMs.toFixed(0)} ms, ${rounds} rounds (ABBA)`,
    ...lines,
    `  ratio B/A: wall median ${(median(times[1] as number[]) / median(times[0] as number[])).toFixed(3)}, CPU median ${(median(cpu[1] as number[]) / median(cpu[0] as number[])).toFixed(3)}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
  ].join('\n') + '\n',
);
