/**
 * A/B of a whole tagging job (runTagJob) for two source trees in one process, alternating rounds (ABBA),
 * so that both see the same machine load:
 *
 *   node --expose-gc --import tsx bench/ab-batch.ts <treeA> <treeB> [--rows 6000] [--workers 0] [--rounds 8]
 *
 * The input is a generated CSV archive (scripts/lib/synthetic-archive.ts, 2% broken rows) written to a
 * temporary folder; each job writes a JSONL file with checkpoints every 0.2 s and tags with the
 * test fixture gazetteer. Prints, per tree, the rows accounted for and the median wall and CPU time of
 * the process (all its threads), and the ratios B/A.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { archiveRows, CSV_HEADER } from '../scripts/lib/synthetic-archive.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from '../test/fixtures/gazetteer.js';
import { abArgs, abRounds, median } from './util.js';

const { trees, flag } = abArgs(process.argv.slice(2), 'node --expose-gc --import tsx bench/ab-batch.ts <treeA> <treeB> [--rows N] [--workers N] [--rounds R]');
const rows = Number(flag('rows', '6000'));
const workers = Number(flag('workers', '0'));
const rounds = Number(flag('rounds', '8'));
type Batch = typeof import('../src/batch/index.js');
const libs: Batch[] = [];
for (const tree of trees) libs.push((await import(pathToFileURL(resolve(tree, 'src', 'batch', 'index.ts')).href)) as Batch);
const dir = mkdtempSync(join(tmpdir(), 'news-tagger-ab-batch-'));
try {
  const input = join(dir, 'in.csv');
  writeFileSync(input, `${CSV_HEADER}\n${[...archiveRows(rows, 'csv', { faultEvery: 100, faults: ['bad-quoting', 'missing-body'] })].map((r) => r.text).join('\n')}\n`);
  const counts: string[] = ['', ''];
  const { wall, cpu } = await abRounds(rounds, async (k) => {
    const s = await (libs[k] as Batch).runTagJob({ input, output: join(dir, `out-${k}.jsonl`), workers, checkpointSeconds: 0.2, tagger: { gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY } });
    counts[k] = `read ${s.rowsRead}, wrote ${s.rowsWritten}, failed ${s.rowsFailed}`;
  });
  const line = (k: number): string => `  ${trees[k]}: ${counts[k]}; wall median ${median(wall[k as 0 | 1]).toFixed(0)} ms, CPU median ${median(cpu[k as 0 | 1]).toFixed(0)} ms`;
  process.stdout.write(
    [
      `tag job A/B, ${rows} generated CSV rows, ${workers} worker${workers === 1 ? '' : 's'}, ${rounds} rounds (ABBA)`,
      line(0),
      line(1),
      `  ratio B/A: wall ${(median(wall[1]) / median(wall[0])).toFixed(3)}, CPU ${(median(cpu[1]) / median(cpu[0])).toFixed(3)}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    ].join('\n') + '\n',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
