/**
 * A/B speed of tag() for two source trees in one process, alternating rounds (ABBA), so that both see
 * the same machine load (separate runs of `npm run bench -- tag` on a busy 2-core machine differ by
 * more than a change under test):
 *
 *   node --expose-gc --import tsx bench/ab-tag.ts <treeA> <treeB> [--rounds 6] [--docs 3000]
 *
 * A tree is a folder holding `src/` and `data/` (e.g. /work/base, or `.` for the working tree). Both
 * tag the first `--docs` Reuters train articles (title + body). Prints, per tree, a hash of the JSON
 * results (equal hashes: same tags, regions and reading times), the median and best seconds of the
 * rounds and words per second, then the ratio B/A of the medians and the load average.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { datasetPath, loadJsonl, sharedDir } from '../eval/datasets.js';
import type { Tagger } from '../src/index.js';
import { abArgs } from './util.js';

const { trees, flag } = abArgs(process.argv.slice(2), 'node --expose-gc --import tsx bench/ab-tag.ts <treeA> <treeB> [--rounds R] [--docs N]');
const rounds = Number(flag('rounds', '6'));
const docs = loadJsonl(datasetPath(sharedDir(), 'reuters'), Number(flag('docs', '3000'))).map((d) => ({ id: d.id, title: d.title, body: d.body }));
const taggers: Tagger[] = [];
for (const tree of trees) {
  const mod = (await import(pathToFileURL(resolve(tree, 'src', 'index.ts')).href)) as typeof import('../src/index.js');
  const tagger = mod.createTagger();
  for (const d of docs.slice(0, 300)) tagger.tag(d); // compile and warm
  taggers.push(tagger);
}
const words = docs.reduce((n, d) => n + (taggers[0] as Tagger).analyzeText(d).wordCount, 0);
const hashes = taggers.map((tagger) => {
  const h = createHash('sha1');
  for (const d of docs) h.update(JSON.stringify(tagger.tag(d)));
  return h.digest('hex').slice(0, 12);
});
const seconds: number[][] = [[], []];
for (let r = 0; r < rounds; r++) {
  for (let w = 0; w < 2; w++) {
    const k = r % 2 === 0 ? w : 1 - w; // ABBA order
    const tagger = taggers[k] as Tagger;
    const t0 = performance.now();
    for (const d of docs) tagger.tag(d);
    (seconds[k] as number[]).push((performance.now() - t0) / 1000);
  }
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)] as number;
for (let k = 0; k < 2; k++) {
  const s = seconds[k] as number[];
  process.stdout.write(
    `${trees[k]}: results ${hashes[k]}; median ${median(s).toFixed(2)} s (best ${Math.min(...s).toFixed(2)} s), ${Math.round(words / median(s)).toLocaleString('en-US')} words/s (${rounds} rounds of ${docs.length} articles, ${words} words)\n`,
  );
}
process.stdout.write(`ratio ${trees[1]}/${trees[0]} of median times: ${(median(seconds[1] as number[]) / median(seconds[0] as number[])).toFixed(3)}\n`);
process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
