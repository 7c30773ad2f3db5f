/**
 * Stress test of `news-tagger tag` on a generated archive (text written by this project, in a temp
 * dir; nothing from ../shared):
 *
 *   npm run build && npx tsx scripts/batch-archive.ts [--rows 100000] [--format csv|jsonl] [--workers N] [--keep]
 *
 * 1. writes an archive of N rows with ~1% broken rows: bad quoting, missing bodies and duplicate ids
 *    (one of each every 300 rows) and one 5 MB body;
 * 2. runs the built CLI uninterrupted and checks that output rows + error rows = N, with peak RSS;
 * 3. runs it again, kills it (SIGKILL) once its checkpoint is past half the rows;
 * 4. tampers with what the killed run left, one case at a time, and resumes: a checkpoint whose rowsDone
 *    is 1,000 too high, one whose output bytes are 5,000 too low, one holding `null`, and the input
 *    edited in place (same size, mtime restored to the nanosecond). Each must be refused (exit 1,
 *    BATCH_RESUME) and leave the partial output as it was;
 * 5. re-runs with --resume on the untouched files, and compares output and errors byte for byte with
 *    the uninterrupted run;
 * 6. names one file twice (output = input, errors = input, errors = output, a symbolic link and a
 *    hard link to the input, "./x" for "x", index output = input): each must be refused (exit 1,
 *    BATCH_ARGS) with the input unchanged.
 * Prints a report (JSON with --json); exits 1 when a case is not refused or recovered, or when
 * read != written + failed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, existsSync, linkSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRows } from '../src/batch/index.js';
import { createTagger } from '../src/node.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from '../test/fixtures/gazetteer.js';
import { archiveRows, CSV_HEADER } from './lib/synthetic-archive.js';
import { parseHarnessArgs } from './lib/cli-args.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  peakRssMiB: number;
  stderr: string;
}

/** Peak RSS of a process (all its threads), polled from /proc (VmHWM is the high-water mark). */
function readHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function runCli(args: string[], killWhen?: () => boolean): Promise<RunResult> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      peak = Math.max(peak, readHwm(child.pid as number));
      if (killWhen?.()) child.kill('SIGKILL');
    }, 50);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      done({ code, signal, seconds: (performance.now() - t0) / 1000, peakRssMiB: Math.round(peak), stderr: stderr.trim() });
    });
  });
}

async function countRows(path: string, format: 'csv' | 'jsonl'): Promise<number> {
  let n = 0;
  for await (const row of readRows(createReadStream(path), { format, maxRecordBytes: 64 << 20 })) {
    if ('error' in row) throw new Error(`${path}: unreadable output row ${row.rowNumber}`);
    n++;
  }
  return n;
}

async function main(): Promise<void> {
  const args = parseHarnessArgs(process.argv.slice(2));
  const rows = Number(args.flags.get('rows') ?? 100_000);
  const format = (args.flags.get('format') ?? 'csv') as 'csv' | 'jsonl';
  const workers = args.flags.get('workers');
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const dir = mkdtempSync(join(tmpdir(), 'news-tagger-archive-'));
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  try {
    const input = join(dir, `archive.${format}`);
    const expected = { 'bad-quoting': 0, 'missing-body': 0, 'duplicate-id': 0, 'huge-body': 0 };
    await new Promise<void>((ok, fail) => {
      const out = createWriteStream(input);
      out.on('error', fail);
      if (format === 'csv') out.write(`${CSV_HEADER}\n`);
      const gen = archiveRows(rows, format, { faultEvery: 100, faults: ['bad-quoting', 'missing-body', 'duplicate-id'], hugeBodyAt: [Math.floor(rows / 2) + 1] });
      const pump = (): void => {
        for (let r = gen.next(); !r.done; r = gen.next()) {
          if (r.value.fault !== undefined) expected[r.value.fault]++;
          if (!out.write(`${r.value.text}\n`)) {
            out.once('drain', pump);
            return;
          }
        }
        out.end(ok);
      };
      pump();
    });
    const inputMiB = statSync(input).size / 2 ** 20;
    log(`archive: ${rows} rows, ${inputMiB.toFixed(1)} MiB, broken: ${JSON.stringify(expected)}`);

    // until the bundled gazetteer and taxonomies are in this build, use the unit-test fixture data
    const data: string[] = [];
    try {
      createTagger().tag({ id: 'x', title: '', body: 'Talks in Geneva.' });
    } catch (error) {
      log(`the bundled data does not load (${(error as Error).message}); using the test fixture gazetteer and taxonomy`);
      writeFileSync(join(dir, 'gazetteer.json'), JSON.stringify(FIXTURE_GAZETTEER));
      writeFileSync(join(dir, 'taxonomy.json'), JSON.stringify(FIXTURE_TAXONOMY));
      data.push('--gazetteer', join(dir, 'gazetteer.json'), '--taxonomy', join(dir, 'taxonomy.json'));
    }
    const common = ['tag', input, '--quiet', ...data, ...(workers !== undefined ? ['--workers', workers] : [])];
    const ref = join(dir, `ref.${format}`);
    const refErrors = join(dir, 'ref.errors.jsonl');
    const full = await runCli([...common, '--out', ref, '--errors', refErrors]);
    if (full.code !== 0 && full.code !== 3) throw new Error(`the uninterrupted run failed (exit ${full.code}): ${full.stderr}`);
    const written = await countRows(ref, format);
    const errorLines = readFileSync(refErrors, 'utf8').split('\n').filter((l) => l.length > 0);
    const byCode: Record<string, number> = {};
    for (const line of errorLines) {
      const code = (JSON.parse(line) as { code: string }).code;
      byCode[code] = (byCode[code] ?? 0) + 1;
    }
    log(`uninterrupted: exit ${full.code}, ${full.seconds.toFixed(1)} s, peak RSS ${full.peakRssMiB} MiB; ${written} written + ${errorLines.length} errors`);

    const out = join(dir, `out.${format}`);
    const outErrors = join(dir, 'out.errors.jsonl');
    const checkpoint = `${out}.checkpoint.json`;
    let killedAt = 0;
    const killed = await runCli([...common, '--out', out, '--errors', outErrors], () => {
      if (!existsSync(checkpoint)) return false;
      try {
        killedAt = (JSON.parse(readFileSync(checkpoint, 'utf8')) as { rowsDone: number }).rowsDone;
      } catch {
        return false; // being replaced
      }
      return killedAt >= rows / 2;
    });
    log(`killed: signal ${killed.signal ?? 'none'} after ${killed.seconds.toFixed(1)} s, checkpoint at row ${killedAt}`);
    const tampered = await tamperCases(common, input, out, outErrors, log);
    const resumed = await runCli([...common, '--out', out, '--errors', outErrors, '--resume']);
    const identical = readFileSync(out).equals(readFileSync(ref)) && readFileSync(outErrors).equals(readFileSync(refErrors));
    log(`resumed: exit ${resumed.code}, ${resumed.seconds.toFixed(1)} s; output and errors byte-identical to the uninterrupted run: ${identical}`);

    const samePath = await samePathCases(input, dir, data, log);

    const report = {
      rows,
      format,
      inputMiB: Number(inputMiB.toFixed(1)),
      broken: expected,
      uninterrupted: { exitCode: full.code, seconds: Number(full.seconds.toFixed(1)), rowsPerSecond: Math.round(rows / full.seconds), peakRssMiB: full.peakRssMiB, summary: full.stderr },
      written,
      errors: errorLines.length,
      errorsByCode: byCode,
      accountedFor: written + errorLines.length === rows,
      killed: { signal: killed.signal, checkpointRow: killedAt },
      resumed: { exitCode: resumed.code, seconds: Number(resumed.seconds.toFixed(1)), peakRssMiB: resumed.peakRssMiB, summary: resumed.stderr },
      identical,
      tampered,
      samePath,
    };
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(
        [
          `batch archive: ${rows} ${format} rows (${report.inputMiB} MiB), ${errorLines.length} broken by design`,
          `  uninterrupted  ${report.uninterrupted.seconds} s, ${report.uninterrupted.rowsPerSecond} rows/s, peak RSS ${full.peakRssMiB} MiB, exit ${full.code}`,
          `  accounted      ${written} written + ${errorLines.length} errors = ${written + errorLines.length} (${report.accountedFor ? 'every row' : 'ROWS MISSING'}) ${JSON.stringify(byCode)}`,
          `  kill + resume  killed at checkpoint row ${killedAt}; resumed in ${report.resumed.seconds} s; byte-identical: ${identical}`,
          ...tampered.map((t) => `  tampered       ${t.case.padEnd(38)} ${t.outcome}${t.ok ? '' : '  FAILED'}`),
          ...samePath.map((t) => `  same file      ${t.case.padEnd(38)} ${t.outcome}${t.ok ? '' : '  FAILED'}`),
        ].join('\n') + '\n',
      );
    }
    const casesOk = [...tampered, ...samePath].every((t) => t.ok);
    if (!report.accountedFor || !identical || !casesOk || full.peakRssMiB >= 500) process.exitCode = 1;
  } finally {
    if (args.flags.get('keep') === 'true') log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

interface CaseResult {
  case: string;
  outcome: string;
  ok: boolean;
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const codeIn = (stderr: string): string => /\[([A-Z_]+)\]\s*$/.exec(stderr)?.[1] ?? 'none';

/**
 * Damages what a killed run left, one case at a time, runs --resume, and checks that it is refused
 * with BATCH_RESUME and leaves the partial output alone; restores the files after each case.
 */
async function tamperCases(common: string[], input: string, out: string, outErrors: string, log: (m: string) => void): Promise<CaseResult[]> {
  const cp = `${out}.checkpoint.json`;
  const partial = `${out}.partial`;
  const saved = [cp, partial, `${outErrors}.partial`, `${out}.ids`].filter((p) => existsSync(p));
  for (const p of saved) copyFileSync(p, `${p}.saved`);
  execFileSync('cp', ['-p', input, `${input}.saved`]); // keeps the times to the nanosecond
  const restore = (): void => {
    for (const p of saved) copyFileSync(`${p}.saved`, p);
    execFileSync('cp', ['-p', `${input}.saved`, input]);
  };
  const editCheckpoint = (change: (c: Record<string, unknown>) => unknown): void => {
    const c = JSON.parse(readFileSync(cp, 'utf8')) as Record<string, unknown>;
    writeFileSync(cp, JSON.stringify(change(c)));
  };
  const cases: [string, () => void][] = [
    ['checkpoint rowsDone + 1,000', () => editCheckpoint((c) => ({ ...c, rowsDone: (c.rowsDone as number) + 1000, rowsWritten: (c.rowsWritten as number) + 1000 }))],
    ['checkpoint output bytes - 5,000', () => editCheckpoint((c) => ({ ...c, output: { ...(c.output as object), bytes: (c.output as { bytes: number }).bytes - 5000 } }))],
    ['checkpoint holding null', () => writeFileSync(cp, 'null')],
    [
      'input edited in place, mtime restored',
      () => {
        const bytes = readFileSync(input);
        const at = bytes.indexOf('Talks'); // in the first rows, long before the checkpoint
        bytes[at + 1] = 'o'.charCodeAt(0);
        writeFileSync(input, bytes);
        execFileSync('touch', ['-r', `${input}.saved`, input]);
      },
    ],
  ];
  const results: CaseResult[] = [];
  for (const [name, damage] of cases) {
    restore();
    const before = sha(partial);
    damage();
    const r = await runCli([...common, '--out', out, '--errors', outErrors, '--resume']);
    const code = codeIn(r.stderr);
    const untouched = sha(partial) === before;
    results.push({ case: name, outcome: `exit ${r.code}, ${code}, partial output ${untouched ? 'untouched' : 'CHANGED'}`, ok: r.code === 1 && code === 'BATCH_RESUME' && untouched });
    log(`tampered (${name}): ${r.stderr.split('\n').pop() ?? ''}`);
  }
  restore();
  return results;
}

/** Names one file twice in each way a tired user would; each run must be refused with the input unchanged. */
async function samePathCases(input: string, dir: string, data: string[], log: (m: string) => void): Promise<CaseResult[]> {
  const link = join(dir, 'link-to-input');
  symlinkSync(input, link);
  const hard = join(dir, 'hard-link-to-input');
  linkSync(input, hard);
  const other = join(dir, 'other.jsonl');
  const dotted = `./${relative(process.cwd(), input)}`;
  const cases: [string, string[]][] = [
    ['tag --out = input', ['tag', input, '--out', input]],
    ['tag --out = ./input', ['tag', input, '--out', dotted]],
    ['tag --out = symbolic link to input', ['tag', input, '--out', link]],
    ['tag --out = hard link to input', ['tag', input, '--out', hard]],
    ['tag --errors = input', ['tag', input, '--out', other, '--errors', input]],
    ['tag --errors = --out', ['tag', input, '--out', other, '--errors', other]],
    ['index --out = input', ['index', input, '--out', input]],
  ];
  const before = sha(input);
  const results: CaseResult[] = [];
  for (const [name, args] of cases) {
    const r = await runCli([...args, '--quiet', ...data]);
    const code = codeIn(r.stderr);
    const unchanged = sha(input) === before;
    results.push({ case: name, outcome: `exit ${r.code}, ${code}, input ${unchanged ? 'unchanged' : 'CHANGED'}`, ok: r.code === 1 && code === 'BATCH_ARGS' && unchanged });
    log(`same file (${name}): ${r.stderr}`);
  }
  return results;
}

await main();
