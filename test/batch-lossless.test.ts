/**
 * "Nothing is lost": same-file refusal, outputs renamed into place only when complete, checkpoints
 * that cannot lie, and stream errors that reject with a coded error. Data written for this project.
 */
import { closeSync, existsSync, linkSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkpointPath, runIndexJob, runRecommendJob, runTagJob, type TagJobOptions } from '../src/batch/index.js';
import { runCli } from '../src/cli/program.js';
import { isNewsTaggerError } from '../src/index.js';
import { archiveRows, CSV_HEADER } from '../scripts/lib/synthetic-archive.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from './fixtures/gazetteer.js';
import { tempFiles, textSink } from './helpers/io.js';

const TAGGER = { gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY, maxFieldLength: 20_000 };
const { dir, file } = tempFiles('news-tagger-lossless-');
const COUNT = 200;
const archive = (format: 'csv' | 'jsonl'): string => {
  const rows = [...archiveRows(COUNT, format, { faultEvery: 25, hugeBodyChars: 30_000 })].map((r) => r.text).join('\n');
  return format === 'csv' ? `${CSV_HEADER}\n${rows}\n` : `${rows}\n`;
};
const codeOf = (e: unknown): unknown => (isNewsTaggerError(e) ? e.code : e);
const lines = (path: string): number => readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0).length;

const sink = textSink;

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = sink();
  const code = await runCli(args, { stdout: sink(), stderr });
  return { code, stderr: stderr.text() };
}

describe('two names for one file are refused before anything is written', () => {
  const input = file('same.jsonl', archive('jsonl'));
  const before = readFileSync(input, 'utf8');

  it('refuses every pair of input, output, errors file and their side files, however they are named', async () => {
    const other = file('out.jsonl');
    const link = file('link.jsonl');
    symlinkSync(input, link);
    const hard = file('hard.jsonl');
    linkSync(input, hard);
    const dotted = `./${relative(process.cwd(), input)}`;
    const cases: Partial<TagJobOptions>[] = [
      { output: input },
      { output: dotted },
      { output: link },
      { output: hard },
      { output: other, errors: input },
      { output: other, errors: other },
      { output: other, errors: `${other}.ids` },
      { output: `${input}.errors`, errors: `${input}.errors` },
      { output: input, resume: true },
    ];
    for (const extra of cases) {
      const error = await runTagJob({ input, output: other, tagger: TAGGER, workers: 0, ...extra }).catch((e: unknown) => e);
      expect(codeOf(error), JSON.stringify(extra)).toBe('BATCH_ARGS');
    }
    const partialInput = file('x.jsonl.partial', before);
    const error = await runTagJob({ input: partialInput, output: partialInput.replace(/\.partial$/, ''), tagger: TAGGER, workers: 0 }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('BATCH_ARGS');
    expect(readFileSync(input, 'utf8')).toBe(before);
    expect(readFileSync(partialInput, 'utf8')).toBe(before);
    expect(existsSync(other)).toBe(false);
  });

  it('in the CLI: tag, index and related exit 1 with a message naming both roles', async () => {
    const idx = file('same.idx');
    const cases: [string[], string][] = [
      [['tag', input, '--out', input], 'the input and the output are the same file'],
      [['tag', input, '--out', file('o.jsonl'), '--errors', input], 'the input and the errors file are the same file'],
      [['index', input, '--out', input], 'the input and the index file are the same file'],
      [['index', input, '--out', idx, '--errors', input], 'the input and the errors file are the same file'],
    ];
    for (const [args, message] of cases) {
      const r = await cli([...args, '--quiet']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain('[BATCH_ARGS]');
    }
    expect(readFileSync(input, 'utf8')).toBe(before);
    expect((await cli(['index', input, '--out', idx, '--quiet'])).code).toBe(3);
    const idxBytes = readFileSync(idx);
    const related = await cli(['related', idx, '--all', '--out', idx]);
    expect(related.code).toBe(1);
    expect(related.stderr).toContain('the index file and the output are the same file');
    expect(readFileSync(idx).equals(idxBytes)).toBe(true);
    const error = await runRecommendJob({ index: idx, mode: 'readnext', output: idx }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('BATCH_ARGS');
    const indexJob = await runIndexJob({ input, output: join(dir, 'sub', '..', relative(dir, input)) }).catch((e: unknown) => e);
    expect(codeOf(indexJob)).toBe('BATCH_ARGS');
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('lets the output and the errors both go to a device', async () => {
    const summary = await runTagJob({ input, output: '/dev/null', errors: '/dev/null', tagger: TAGGER, workers: 0 });
    expect(summary.rowsRead).toBe(COUNT);
  });
});

describe('outputs appear under their names only when complete', () => {
  it('keeps the earlier output when a run fails, and replaces it when a run completes', async () => {
    const input = file('in.jsonl', archive('jsonl'));
    const output = file('out.jsonl', 'an earlier, complete output\n');
    const controller = new AbortController();
    const failed = await runTagJob({
      input,
      output,
      tagger: TAGGER,
      workers: 0,
      batchSize: 10,
      checkpointSeconds: 0,
      signal: controller.signal,
      onError: (e) => e.rowNumber > 50 && controller.abort(new Error('crash')),
    }).catch((e: unknown) => e);
    expect((failed as Error).message).toBe('crash');
    expect(readFileSync(output, 'utf8')).toBe('an earlier, complete output\n');
    expect(existsSync(`${output}.errors.jsonl`)).toBe(false);
    expect(existsSync(`${output}.partial`)).toBe(true); // kept for --resume
    const summary = await runTagJob({ input, output, tagger: TAGGER, workers: 0, batchSize: 10, resume: true });
    expect(summary.resumedRows).toBeGreaterThan(0);
    expect(lines(output)).toBe(summary.rowsWritten);
    expect(lines(`${output}.errors.jsonl`)).toBe(summary.rowsFailed);
    for (const side of ['.partial', '.ids', '.checkpoint.json', '.errors.jsonl.partial']) expect(existsSync(`${output}${side}`), side).toBe(false);
  });

  it('writes through a symbolic link to the file it names', async () => {
    const input = file('in.jsonl', archive('jsonl'));
    const target = file('target.jsonl', 'old\n');
    const link = file('link.jsonl');
    symlinkSync(target, link);
    const summary = await runTagJob({ input, output: link, tagger: TAGGER, workers: 0 });
    expect(lines(target)).toBe(summary.rowsWritten);
    expect(readFileSync(link, 'utf8')).toBe(readFileSync(target, 'utf8'));
  });
});

describe('a failing stream rejects the job with a coded error', () => {
  const row = `${JSON.stringify({ id: 'r1', title: 'Talks in Geneva', body: 'Ministers from Kenya met in Geneva.' })}\n`;

  it('rejects with BATCH_OUTPUT when the output or the errors stream fails, and never leaves an unhandled error', async () => {
    const failing = (): Writable => new Writable({ write: (_c, _e, cb) => cb(new Error('disk on fire')) });
    const destroyed = new Writable({ write: (_c, _e, cb) => cb() });
    destroyed.destroy();
    const emitting = new Writable({ write: (_c, _e, cb) => setTimeout(cb, 1) });
    setTimeout(() => emitting.emit('error', new Error('socket closed')), 0);
    const cases: Partial<TagJobOptions>[] = [
      { output: failing() },
      { output: destroyed },
      { output: emitting },
      { output: sink(), errors: failing(), input: Readable.from([row, '{"id": "broken"\n']) },
    ];
    for (const extra of cases) {
      const error = await runTagJob({ input: Readable.from([row]), tagger: TAGGER, workers: 0, output: sink(), ...extra }).catch((e: unknown) => e);
      expect(codeOf(error)).toBe('BATCH_OUTPUT');
    }
  });

  it('rejects with BATCH_INPUT when the input stream fails', async () => {
    const input = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    const error = await runTagJob({ input, output: sink(), tagger: TAGGER, workers: 0 }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('BATCH_INPUT');
    expect((error as Error).message).toContain('connection reset');
  });

  it('in the CLI: an unwritable output is exit 1 with the path in the message', async () => {
    const input = file('in.jsonl', row);
    const folder = file('not-a-folder');
    writeFileSync(folder, 'x');
    const r = await cli(['tag', input, '--out', join(folder, 'out.jsonl'), '--quiet', '--workers', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write batch output: .*not-a-folder.*\[BATCH_OUTPUT\]/);
  });
});

describe('resume verifies the checkpoint against the input and the outputs', () => {
  const options = { tagger: TAGGER, workers: 0, batchSize: 10, checkpointSeconds: 0 };

  /** Runs a job until about half the rows are done; returns its paths and the checkpoint. */
  async function interrupted(format: 'csv' | 'jsonl'): Promise<{ input: string; output: string; cp: string; reference: string }> {
    const input = file(`in.${format}`, archive(format));
    const reference = file(`ref.${format}`);
    await runTagJob({ input, output: reference, ...options });
    const output = file(`out.${format}`);
    const controller = new AbortController();
    await runTagJob({ input, output, ...options, signal: controller.signal, onError: (e) => e.rowNumber > COUNT / 2 && controller.abort(new Error('crash')) }).catch(() => undefined);
    return { input, output, cp: checkpointPath(output), reference };
  }
  const edit = (cp: string, change: (c: Record<string, unknown>) => unknown): void => {
    const value = JSON.parse(readFileSync(cp, 'utf8')) as Record<string, unknown>;
    writeFileSync(cp, JSON.stringify(change(value) ?? value));
  };
  const resume = (input: string, output: string): Promise<unknown> => runTagJob({ input, output, ...options, resume: true }).then(() => 'resumed', (e: unknown) => codeOf(e));

  it('refuses a checkpoint that claims more rows, fewer output bytes, or holds anything but a checkpoint', async () => {
    const tampered: [string, (c: Record<string, unknown>) => unknown][] = [
      ['rowsDone + 50', (c) => ({ ...c, rowsDone: (c.rowsDone as number) + 50, rowsWritten: (c.rowsWritten as number) + 50 })],
      ['output bytes - 500', (c) => ({ ...c, output: { ...(c.output as object), bytes: (c.output as { bytes: number }).bytes - 500 } })],
      ['errors bytes + 1', (c) => ({ ...c, errors: { ...(c.errors as object), bytes: (c.errors as { bytes: number }).bytes + 1 } })],
      ['rowsDone alone', (c) => ({ ...c, rowsDone: (c.rowsDone as number) - 10 })],
      ['null', () => null],
      ['array', () => []],
      ['no failures', (c) => ({ ...c, failures: null })],
      ['bad digest', (c) => ({ ...c, inputDigest: 'abc' })],
      ['older version', (c) => ({ ...c, version: 2 })],
    ];
    for (const format of ['jsonl', 'csv'] as const) {
      const { input, output, cp } = await interrupted(format);
      const good = readFileSync(cp, 'utf8');
      const partial = readFileSync(`${output}.partial`);
      for (const [name, change] of tampered) {
        if (name === 'null') writeFileSync(cp, 'null');
        else edit(cp, change);
        expect(await resume(input, output), `${format}: ${name}`).toBe('BATCH_RESUME');
        expect(readFileSync(`${output}.partial`).equals(partial), `${format}: ${name} left the output alone`).toBe(true);
        writeFileSync(cp, good);
      }
      writeFileSync(cp, '{"version": 3');
      expect(await resume(input, output)).toBe('BATCH_RESUME');
    }
  });

  it.skipIf(process.platform === 'win32')('refuses when a done row of the input was edited in place with its size and mtime restored', async () => {
    const { input, output, cp } = await interrupted('jsonl');
    const { mtimeMs, size } = statSync(input);
    execFileSync('cp', ['-p', input, `${input}.times`]);
    const text = readFileSync(input, 'utf8');
    const at = text.indexOf('"a3"');
    writeFileSync(input, `${text.slice(0, at)}"a3"${text.slice(at + 4).replace('Talks', 'Tolks')}`);
    execFileSync('touch', ['-r', `${input}.times`, input]); // mtime restored to the nanosecond
    expect(statSync(input).size).toBe(size);
    expect(statSync(input).mtimeMs).toBe(mtimeMs);
    const error = await runTagJob({ input, output, ...options, resume: true }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('BATCH_RESUME');
    expect((error as Error).message).toContain('the input was edited');
    expect(existsSync(cp)).toBe(true);
  });

  it('refuses when the kept output was changed, and resumes to identical files when nothing was', async () => {
    const { input, output, reference } = await interrupted('csv');
    const partial = `${output}.partial`;
    const good = readFileSync(partial);
    const changed = Buffer.from(good);
    changed[changed.length - 10] = 0x58;
    writeFileSync(partial, changed);
    expect(await resume(input, output)).toBe('BATCH_RESUME');
    writeFileSync(partial, Buffer.concat([good, Buffer.from('a9999,"half a row')])); // a torn batch after the checkpoint
    expect(await resume(input, output)).toBe('resumed');
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(reference, 'utf8'));
    expect(readFileSync(`${output}.errors.jsonl`, 'utf8')).toBe(readFileSync(`${reference}.errors.jsonl`, 'utf8'));
  });

  it('a fresh run removes a stale checkpoint so that it cannot be resumed from later', async () => {
    const { input, output, cp } = await interrupted('jsonl');
    const controller = new AbortController();
    controller.abort(new Error('stop at once'));
    await runTagJob({ input, output, ...options, signal: controller.signal }).catch(() => undefined);
    expect(existsSync(cp)).toBe(false);
    expect(existsSync(`${output}.partial`)).toBe(false);
  });
});

describe('a row that kills its worker fails alone', () => {
  it('reports the row that ran a worker out of memory as OVERSIZE, replaces the worker, and writes every other row in order', { timeout: 180_000 }, async () => {
    const paragraph = 'Ministers from Kenya and France met in Geneva on Monday to discuss grain exports and a ceasefire. ';
    const huge = paragraph.repeat(Math.ceil(4e6 / paragraph.length));
    const rows = Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `r${i}`, title: 'Talks in Geneva', body: i === 7 ? huge : paragraph }));
    let out = '';
    const output = new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const errors: { id: string; code: string; rowNumber: number }[] = [];
    const summary = await runTagJob({
      input: Readable.from([`${rows.join('\n')}\n`]),
      output,
      workers: 1,
      batchSize: 8,
      workerHeapMb: 64,
      tagger: { ...TAGGER, maxFieldLength: 10_000_000 },
      onError: (e) => errors.push(e),
    });
    expect(summary.workers).toBe(1);
    expect(errors).toEqual([expect.objectContaining({ rowNumber: 8, id: 'r7', code: 'OVERSIZE' })]);
    const ids = out.split('\n').filter((l) => l.length > 0).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(rows.map((_, i) => `r${i}`).filter((id) => id !== 'r7'));
    expect(summary.rowsRead).toBe(summary.rowsWritten + summary.rowsFailed);
  });

  it('rejects a worker heap limit that is not an integer >= 16', async () => {
    const error = await runTagJob({ input: Readable.from(['']), output: sink(), workerHeapMb: 8 }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('INVALID_OPTION');
  });
});

const BUILT = join(__dirname, '..', 'dist', 'cli.js');
describe.skipIf(!existsSync(BUILT) || process.platform === 'win32')('the built executable and redirected standard streams', () => {
  it('refuses when standard output or standard input is the input file (eval > a, tag >> a, tag - < a)', () => {
    const row = `${JSON.stringify({ id: 'r1', title: 'Talks in Geneva', body: 'Ministers met in Geneva.', tags: ['Geneva'] })}\n`;
    const cases: [string[], 'stdout' | 'stdin'][] = [
      [['eval', 'tags', 'INPUT'], 'stdout'],
      [['tag', 'INPUT', '--workers', '0'], 'stdout'],
      [['tag', '-', '--out', 'INPUT', '--workers', '0'], 'stdin'],
    ];
    for (const [args, redirected] of cases) {
      const input = file('redirected.jsonl', row);
      const fd = openSync(input, redirected === 'stdout' ? 'a' : 'r');
      try {
        const r = spawnSync(process.execPath, [BUILT, ...args.map((a) => (a === 'INPUT' ? input : a)), '--quiet'], {
          stdio: redirected === 'stdout' ? ['ignore', fd, 'pipe'] : [fd, 'pipe', 'pipe'],
          encoding: 'utf8',
        });
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stderr).toContain('[BATCH_ARGS]');
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(input, 'utf8')).toBe(row);
    }
  });
});
