/**
 * Index parts on Reuters train (read from ../shared/datasets at run time; files in a temp dir):
 *
 *   npx tsx scripts/index-parts.ts [--parts 4]
 *
 * Builds the index in one job, then in N parts (`runIndexJob` with `shard`, one after the other, each
 * timed as a machine of its own would run it) and merges them (`runIndexMergeJob`); compares the files
 * byte for byte and `related()` top-10 for every id, and prints build, part and merge times.
 * Exit code 0 when identical, 1 otherwise.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, DatasetMissingError, sharedDir } from '../eval/datasets.js';
import { loadIndexFile, runIndexJob, runIndexMergeJob } from '../src/batch/index.js';
import { parseHarnessArgs } from './lib/cli-args.js';

const args = parseHarnessArgs(process.argv.slice(2));
const N = Number(args.flags.get('parts') ?? 4);

async function main(): Promise<number> {
  let input: string;
  try {
    input = datasetPath(sharedDir(), 'reuters', args.data);
  } catch (error) {
    if (error instanceof DatasetMissingError) {
      console.log(`skipped: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const dir = mkdtempSync(join(tmpdir(), 'news-tagger-index-parts-'));
  const path = (name: string): string => join(dir, name);
  try {
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    let t0 = performance.now();
    const single = await runIndexJob({ input, output: path('single.idx') });
    const buildSeconds = (performance.now() - t0) / 1000;
    console.log(`single build: ${single.summary.rowsWritten.toLocaleString('en-US')} documents in ${buildSeconds.toFixed(2)} s`);
    const parts: string[] = [];
    const partSeconds: number[] = [];
    for (let k = 0; k < N; k++) {
      t0 = performance.now();
      const part = await runIndexJob({ input, output: path(`part${k}.idx`), shard: { index: k, count: N } });
      partSeconds.push((performance.now() - t0) / 1000);
      parts.push(path(`part${k}.idx`));
      console.log(`part ${k}/${N}: ${part.summary.rowsWritten.toLocaleString('en-US')} documents in ${(partSeconds[k] as number).toFixed(2)} s`);
    }
    t0 = performance.now();
    const merged = await runIndexMergeJob({ inputs: parts, output: path('merged.idx') });
    const mergeSeconds = (performance.now() - t0) / 1000;
    console.log(`merge of ${N} parts: ${merged.index.size.toLocaleString('en-US')} documents in ${mergeSeconds.toFixed(2)} s (rows read ${merged.rowsRead}, indexed ${merged.rowsWritten}, failed ${merged.rowsFailed})`);
    const sameBytes = readFileSync(path('merged.idx')).equals(readFileSync(path('single.idx')));
    const a = await loadIndexFile(path('single.idx'));
    const b = await loadIndexFile(path('merged.idx'));
    let same = 0;
    const ids = a.ids();
    const idsSame = JSON.stringify(ids) === JSON.stringify(b.ids());
    for (const id of ids) if (JSON.stringify(a.related(id, { k: 10 })) === JSON.stringify(b.related(id, { k: 10 }))) same++;
    const slowest = Math.max(...partSeconds);
    console.log(`merged file byte-identical to the single build: ${sameBytes ? 'yes' : 'NO'} (${readFileSync(path('merged.idx')).length.toLocaleString('en-US')} bytes)`);
    console.log(`related() top-10 identical (ids, scores, explanations): ${same.toLocaleString('en-US')} of ${ids.length.toLocaleString('en-US')} ids; same ids in the same order: ${idsSame ? 'yes' : 'NO'}`);
    console.log(`build ${buildSeconds.toFixed(2)} s; parts on ${N} machines: slowest ${slowest.toFixed(2)} s + merge ${mergeSeconds.toFixed(2)} s = ${(slowest + mergeSeconds).toFixed(2)} s`);
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return sameBytes && idsSame && same === ids.length ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
