import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { progressLine, progressReporter, summaryLine } from '../src/cli/progress.js';
import { archiveRows, syntheticArticle } from '../scripts/lib/synthetic-archive.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from './fixtures/gazetteer.js';
import { textSink } from './helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'news-tagger-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);
writeFileSync(path('gazetteer.json'), JSON.stringify(FIXTURE_GAZETTEER));
writeFileSync(path('taxonomy.json'), JSON.stringify(FIXTURE_TAXONOMY));
const DATA = ['--gazetteer', path('gazetteer.json'), '--taxonomy', path('taxonomy.json')];

const sink = textSink;

async function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdout, stderr, ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('news-tagger usage', () => {
  it('prints usage, not a stack trace, when run with no arguments', async () => {
    const r = await cli([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Usage: news-tagger <command>');
    for (const command of ['tag', 'index', 'related', 'readnext', 'eval']) expect(r.stderr).toContain(`  ${command} `);
    noStack(r.stderr);
  });

  it('has --help for the program and for each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes: 0');
    const expected: [string[], string][] = [
      [['tag', '--help'], '--resume'],
      [['index', '--help'], '--out INDEX'],
      [['related', '--help'], '--all'],
      [['readnext', '--help'], 'Read Next'],
      [['eval', '--help'], '--gold LIST'],
    ];
    for (const [args, text] of expected) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(text);
    }
  });

  it('explains bad arguments with exit code 1', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['tag', 'x.csv', '--bogus'], 'unknown option --bogus'],
      [['tag'], 'missing the input file'],
      [['tag', 'a.csv', 'b.csv'], 'unexpected argument "b.csv"'],
      [['tag', 'a.csv', '--workers', 'two'], '--workers must be an integer'],
      [['tag', 'a.csv', '--format', 'xml'], '--format must be csv or jsonl'],
      [['index', 'a.csv'], 'index needs --out INDEX'],
      [['related', 'x.idx'], 'give --id ID (one or more) or --all'],
      [['eval', 'topics', 'a.csv'], 'unknown eval task "topics"'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
      noStack(r.stderr);
    }
  });

  it('suggests the option or command meant, and names the option and the form its value takes', async () => {
    const cases: [string[], string][] = [
      [['tag', 'x.csv', '--limt', '3'], 'news-tagger: unknown option --limt (did you mean --limit?)\nRun "news-tagger tag --help" for usage.\n'],
      [['tag', 'x.csv', '--workers', '-1'], 'news-tagger: --workers must be an integer >= 0 (0 = the main thread), got "-1"\n'],
      [['tag', 'x.csv', '--limit', '0'], 'news-tagger: --limit must be an integer >= 1, got "0"\n'],
      [['tag', 'x.csv', '--limit'], 'news-tagger: --limit needs a value: an integer >= 1\n'],
      [['tag', 'x.csv', '--quiet=yes'], 'news-tagger: --quiet is a switch and takes no value\n'],
      [['related', 'x.idx', '--all', '--k', '-2'], 'news-tagger: --k must be an integer >= 1, got "-2"\n'],
      [['tga', 'x.csv'], 'news-tagger: unknown command "tga" (did you mean tag?)\n'],
      [['readnxt'], 'news-tagger: unknown command "readnxt" (did you mean readnext?)\n'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code).toBe(1);
      expect(r.stderr.slice(0, message.length)).toBe(message);
    }
    expect((await cli(['frobnicate'])).stderr).not.toContain('did you mean');
  });

  it('says that an input file is not there, in those words', async () => {
    const r = await cli(['tag', 'nosuch.csv']);
    expect(r).toMatchObject({ code: 1, stderr: 'news-tagger: input file not found: nosuch.csv [BATCH_INPUT]\n' });
    expect((await cli(['eval', 'tags', 'nosuch.jsonl'])).stderr).toContain('input file not found: nosuch.jsonl');
  });

  it('lists the exit codes in every help text', async () => {
    for (const command of ['tag', 'index', 'related', 'readnext', 'eval']) expect((await cli([command, '--help'])).stdout).toContain('Exit codes: 0');
  });

  it('reports an unreadable input or bad option value as a fatal error with its code', async () => {
    const missing = await cli(['tag', path('nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[BATCH_INPUT]');
    const badTaxonomy = await cli(['tag', '-', '--format', 'jsonl', '--taxonomy', 'atlantis'], '{"id":"1","body":"Talks in Kyiv."}\n');
    expect(badTaxonomy.code).toBe(1);
    expect(badTaxonomy.stderr).toContain('[UNKNOWN_TAXONOMY]');
    noStack(missing.stderr + badTaxonomy.stderr);
  });
});

describe('progress and summary lines', () => {
  const p = { rowsRead: 25_000, rowsWritten: 24_990, rowsFailed: 10, bytesRead: 25, totalBytes: 100, elapsed: 10, rowsPerSecond: 2500 };

  it('shows rows, rows/s, percent and ETA from bytes read', () => {
    expect(progressLine('tag', p)).toBe('tag: 25,000 rows (24,990 ok, 10 failed)  2,500 rows/s  25%  ETA 0:30');
    expect(progressLine('tag', { ...p, totalBytes: undefined })).toBe('tag: 25,000 rows (24,990 ok, 10 failed)  2,500 rows/s');
  });

  it('draws only on a terminal', () => {
    const writes: string[] = [];
    expect(progressReporter({ write: (t: string) => writes.push(t), isTTY: false }, 'tag', true).onProgress).toBeUndefined();
    const tty = progressReporter({ write: (t: string) => writes.push(t), isTTY: true }, 'tag', true);
    tty.onProgress?.(p);
    tty.clear();
    expect(writes).toEqual([`\r\x1b[K${progressLine('tag', p)}`, '\r\x1b[K']);
    expect(progressReporter({ write: (t: string) => writes.push(t), isTTY: true }, 'tag', false).onProgress).toBeUndefined();
  });

  it('sums up a job in one line', () => {
    const line = summaryLine('news-tagger tag', { rowsRead: 100_000, rowsWritten: 99_000, rowsFailed: 1000, failures: { MALFORMED_ROW: 600, DUPLICATE_ID: 400 }, resumedRows: 50_000, seconds: 20, workers: 2 });
    expect(line).toBe('news-tagger tag: read 100,000 rows, wrote 99,000, failed 1,000 (MALFORMED_ROW 600, DUPLICATE_ID 400) in 20.0 s, 2,500 rows/s, 2 workers, resumed after row 50,000');
  });

  it('says "1 row" and "1 row/s", not "1 rows"', () => {
    const line = summaryLine('news-tagger tag', { rowsRead: 1, rowsWritten: 1, rowsFailed: 0, failures: {}, resumedRows: 0, seconds: 1, workers: 1 });
    expect(line).toBe('news-tagger tag: read 1 row, wrote 1, failed 0 in 1.0 s, 1 row/s, 1 worker');
    expect(progressLine('tag', { ...p, rowsRead: 1, rowsPerSecond: 1, totalBytes: undefined })).toBe('tag: 1 row (24,990 ok, 10 failed)  1 row/s');
  });
});

describe('news-tagger tag', () => {
  it('tags stdin to stdout, prints failed rows and a summary, and exits 3 on row errors', async () => {
    const input = [
      JSON.stringify({ id: 'k', title: 'Kim in Pyongyang', body: 'Kim Jong-un visited a factory in Pyongyang, KCNA said.' }),
      JSON.stringify({ id: 'k', title: 'Again', body: 'A duplicate id.' }),
      '{"id": broken',
    ].join('\n');
    const r = await cli(['tag', '-', '--format', 'jsonl', ...DATA], input);
    expect(r.code).toBe(3);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; tags: { id: string }[] });
    expect(lines.map((l) => l.id)).toEqual(['k']);
    expect(lines[0]?.tags.map((t) => t.id)).toContain('person:kim-jong-un');
    expect(r.stderr).toContain('row 2 (line 2, id "k"): DUPLICATE_ID');
    expect(r.stderr).toContain('row 3 (line 3): MALFORMED_ROW');
    expect(r.stderr).toMatch(/news-tagger tag: read 3 rows, wrote 1, failed 2 \(DUPLICATE_ID 1, MALFORMED_ROW 1\)/);
  });

  it('writes files, converts CSV to JSONL, writes a CSV errors file, and exits 0 when nothing failed', async () => {
    const csv = `id,title,body\n${[1, 2, 3].map((i) => `a${i},Talks,"Vladimir Putin spoke in Moscow, day ${i}."`).join('\n')}\n`;
    writeFileSync(path('in.csv'), csv);
    writeFileSync(path('errors.csv'), 'left by an earlier run\n');
    const ok = await cli(['tag', path('in.csv'), '--out', path('out.jsonl'), '--errors', path('errors.csv'), '--quiet', ...DATA]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    // no row failed: no errors file (not an empty one, nor the earlier run's), here or by default
    expect(existsSync(path('errors.csv'))).toBe(false);
    expect(await cli(['tag', path('in.csv'), '--out', path('out1.jsonl'), '--quiet', ...DATA])).toMatchObject({ code: 0 });
    expect(existsSync(path('out1.jsonl'))).toBe(true);
    expect(existsSync(path('out1.jsonl.errors.jsonl'))).toBe(false);
    const rows = readFileSync(path('out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(rows.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
    writeFileSync(path('bad.csv'), `${csv}a4,Missing body,\n`);
    const bad = await cli(['tag', path('bad.csv'), '--out', path('out2.csv'), '--errors', path('errors2.csv'), '--quiet', ...DATA]);
    expect(bad.code).toBe(3);
    expect(readFileSync(path('errors2.csv'), 'utf8')).toBe('rowNumber,line,id,code,reason\n4,5,a4,MISSING_TEXT,"column ""body"" (body) is missing or empty"\n');
  });
});

describe('news-tagger index, related, readnext, eval', () => {
  const articles = Array.from({ length: 40 }, (_, i) => syntheticArticle(i + 1, 7));
  writeFileSync(path('archive.jsonl'), `${articles.map((a) => JSON.stringify({ ...a, people: ['Vladimir Putin'] })).join('\n')}\n`);

  it('builds an index, then answers related and read-next for one id or all', async () => {
    const built = await cli(['index', path('archive.jsonl'), '--out', path('archive.idx'), '--quiet']);
    expect(built.code).toBe(0);
    const related = await cli(['related', path('archive.idx'), '--id', 'a1', '--k', '3']);
    expect(related.code).toBe(0);
    const answer = JSON.parse(related.stdout) as { id: string; related: { id: string; score: number }[] };
    expect(answer.id).toBe('a1');
    expect(answer.related).toHaveLength(3);
    expect(answer.related.map((r) => r.id)).not.toContain('a1');
    const all = await cli(['readnext', path('archive.idx'), '--all', '--k', '2', '--out', path('next.csv'), '--quiet']);
    expect(all.code).toBe(0);
    const csv = readFileSync(path('next.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('id,rank,related_id,score,title');
    expect(new Set(csv.slice(1).map((l) => l.split(',')[0])).size).toBe(40);
    const unknown = await cli(['related', path('archive.idx'), '--id', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[UNKNOWN_ID]');
    const notIndex = await cli(['related', path('archive.jsonl'), '--all']);
    expect(notIndex.code).toBe(1);
    expect(notIndex.stderr).toContain('[INDEX_FORMAT]');
  });

  it('scores suggested tags against the archive\'s own gold columns', async () => {
    const r = await cli(['eval', 'tags', path('archive.jsonl'), '--gold', 'people', '--json', ...DATA]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { articles: number; gold: number; columns: Record<string, { gold: number; found: number }> };
    expect(report.articles).toBe(40);
    expect(report.gold).toBe(40);
    const putin = articles.filter((a) => `${a.title} ${a.body}`.includes('Vladimir Putin')).length;
    expect(putin).toBeGreaterThan(0);
    expect(report.columns.people?.found).toBeGreaterThanOrEqual(putin);
  });
});

const BUILT = join(__dirname, '..', 'dist', 'cli.js');
describe.skipIf(!existsSync(BUILT))('the built executable (dist/cli.js, after npm run build)', () => {
  it('runs with no arguments, prints usage and exits 1', () => {
    const r = spawnSync(process.execPath, [BUILT], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Usage: news-tagger');
  });

  it('tags with two worker threads from dist/batch-worker.js', () => {
    const input = [...archiveRows(300, 'jsonl')].map((r) => r.text).join('\n');
    writeFileSync(path('built.jsonl'), input);
    const out = execFileSync(process.execPath, [BUILT, 'tag', path('built.jsonl'), '--workers', '2', ...DATA], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim().split('\n')).toHaveLength(300);
    const r = spawnSync(process.execPath, [BUILT, 'tag', path('built.jsonl'), '--workers', '2', '--out', path('built-out.jsonl'), ...DATA], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('2 workers');
  });

  it('gives the same output from worker threads as from the main thread with the bundled data', () => {
    // the built worker takes the bundled gazetteer, taxonomies and NER model from the main thread
    const input = [...archiveRows(40, 'jsonl')].map((r) => r.text).join('\n');
    writeFileSync(path('bundled.jsonl'), input);
    const run = (workers: string): { stdout: string; stderr: string } =>
      spawnSync(process.execPath, [BUILT, 'tag', path('bundled.jsonl'), '--workers', workers], { encoding: 'utf8' });
    const inline = run('0');
    expect(inline.stdout.trim().split('\n')).toHaveLength(40);
    expect(inline.stdout).toContain('"tags":[{');
    const threads = run('2');
    expect(threads.stderr).toContain('2 workers'); // not the main-thread fallback
    expect(threads.stdout).toBe(inline.stdout);
  });
});
