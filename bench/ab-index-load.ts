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
import { abArgs, abRounds, median } from './util.js';

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
const { wall: times, cpu } = await abRounds(rounds, (k) => (libs[k] as Lib).loadCorpusIndex(bytes));
const lines = trees.map(
  (tree, k) =>
    `  ${tree}: load median ${median(times[k as 0 | 1]).toFixed(1)} ms, best ${Math.min(...times[k as 0 | 1]).toFixed(1)} ms; CPU median ${median(cpu[k as 0 | 1]).toFixed(1)} ms, best ${Math.min(...cpu[k as 0 | 1]).toFixed(1)} ms`,
);
process.stdout.write(
  [
    `index load A/B, Reuters train (${index.size} documents), saved ${(bytes.length / 2 ** 20).toFixed(1)} MiB in ${saveMs.toFixed(0)} ms, ${rounds} rounds (ABBA)`,
    ...lines,
    `  ratio B/A: wall median ${(median(times[1]) / median(times[0])).toFixed(3)}, CPU median ${(median(cpu[1]) / median(cpu[0])).toFixed(3)}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
  ].join('\n') + '\n',
);
