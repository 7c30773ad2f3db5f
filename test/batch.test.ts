import { readFileSync, appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { parseString } from 'fast-csv';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runTagJob, readRows, checkpointPath, parseCsvRecords, type RowError, type TagJobOptions } from '../src/batch/index.js';
import { parseLongCsvRecord } from '../src/batch/read.js';
import { isNewsTaggerError } from '../src/index.js';
import { archiveRows, CSV_HEADER } from '../scripts/lib/synthetic-archive.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from './fixtures/gazetteer.js';
import { tempFiles } from './helpers/io.js';

const TAGGER = { gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY };
const { dir, file } = tempFiles('news-tagger-batch-');

/** Collects what is written to a stream. */
function collector(): Writable & { text(): string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  }) as Writable & { text(): string };
  w.text = () => Buffer.concat(chunks).toString('utf8');
  return w;
}

/** A readable that yields `text` in pieces of `size` bytes (to cut records, quotes and UTF-8 at odd places). */
function pieces(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function run(input: string | Readable, extra: Partial<TagJobOptions> = {}): Promise<{ out: string; errors: RowError[]; summary: Awaited<ReturnType<typeof runTagJob>> }> {
  const out = collector();
  const errors: RowError[] = [];
  const summary = await runTagJob({ input, output: out, tagger: TAGGER, workers: 0, onError: (e) => errors.push(e), ...extra });
  return { out: out.text(), errors, summary };
}

function parseCsv(text: string): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    parseString(text, { headers: true })
      .on('data', (r: Record<string, string>) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const KIM = 'North Korean leader Kim Jong-un inspected a missile launch near Pyongyang, KCNA reported on Tuesday.';
const PUTIN = 'Vladimir Putin met Sergei Lavrov in Moscow on Friday to discuss talks with Ukraine, the Kremlin said.';

describe('CSV input', () => {
  const csv =
    '\uFEFFid,title,body,section\r\n' +
    `k1,"North Korea: missile test, again","${KIM}\r\n\r\nThe agency called it ""a warning"".",Asia\r\n` +
    `p1,Kremlin talks,"${PUTIN}",World\r\n` +
    'z1,Zürich bank,"Bankers in Zürich said the franc rose 0,5%.",Business\r\n';

  it('reads a BOM, CRLF line ends, quoted fields with commas, embedded newlines and "" escapes', async () => {
    for (const size of [1, 7, 64, 1 << 16]) {
      const { out, summary } = await run(pieces(csv, size), { format: 'csv' });
      const rows = await parseCsv(out);
      expect(summary).toMatchObject({ rowsRead: 3, rowsWritten: 3, rowsFailed: 0 });
      expect(rows.map((r) => r.id)).toEqual(['k1', 'p1', 'z1']);
      expect(rows[0]?.title).toBe("North Korea: missile test, again");
      expect(rows[0]?.body).toBe(`${KIM}\r\n\r\nThe agency called it "a warning".`);
      expect(rows[0]?.tag_ids?.split('|')).toContain('person:kim-jong-un');
      expect(rows[0]?.regions).toBe('Asia-Pacific');
      expect(rows[1]?.tag_ids?.split('|')).toEqual(expect.arrayContaining(['person:vladimir-putin', 'person:sergey-lavrov']));
      expect(rows[2]?.body).toBe('Bankers in Zürich said the franc rose 0,5%.');
      expect(Number(rows[1]?.word_count)).toBeGreaterThan(10);
    }
  });

  it('reports malformed records by row and line and keeps going', async () => {
    const text =
      'id,title,body\n' +
      `a1,Fine,"${KIM}"\n` +
      `a2,"Bad "quote" here","${PUTIN}"\n` + // a quote inside a quoted field, not doubled
      'a3,too,many,fields\n' +
      `a4,Also fine,"${PUTIN}\nsecond paragraph"\n` +
      'a5,Never closed,"this quote is never closed\n';
    const { out, errors, summary } = await run(pieces(text, 5), { format: 'csv' });
    expect((await parseCsv(out)).map((r) => r.id)).toEqual(['a1', 'a4']);
    // the id is read leniently from the broken record, so the report names the row
    expect(errors.map((e) => [e.rowNumber, e.line, e.id, e.code])).toEqual([
      [2, 3, 'a2', 'MALFORMED_ROW'],
      [3, 4, 'a3', 'MALFORMED_ROW'],
      [5, 7, 'a5', 'MALFORMED_ROW'],
    ]);
    expect(errors[1]?.reason).toContain('4 fields, the header has 3');
    expect(errors[2]?.reason).toContain('never closed');
    expect(summary.rowsRead).toBe(summary.rowsWritten + summary.rowsFailed);
  });

  it('names a broken row by its id column wherever it is, and leaves the id empty when it cannot be read', async () => {
    const text =
      'title,story_id,body\n' +
      `"Kim, again",k-1,"${KIM}"\n` +
      `"Broken, here",k-2,"a "stray" quote"\n` +
      `"Unclosed title,k-3,"${PUTIN}"\n`;
    const { errors } = await run(Readable.from([text]), { format: 'csv', columns: { id: 'story_id' } });
    expect(errors.map((e) => [e.rowNumber, e.id, e.code])).toEqual([
      [2, 'k-2', 'MALFORMED_ROW'],
      [3, '', 'MALFORMED_ROW'],
    ]);
    const jsonl = '{"story_id": 17, "body": "cut short\n{"body": "no id", "story_id": \n';
    const j = await run(Readable.from([jsonl]), { format: 'jsonl', columns: { id: 'story_id' } });
    expect(j.errors.map((e) => e.id)).toEqual(['17', '']);
  });

  it('maps differently named columns and keeps every input column', async () => {
    const text = `story_id,headline,text,desk\n1,Kim in Pyongyang,"${KIM}",Asia\n`;
    const { out } = await run(Readable.from([text]), { format: 'csv', columns: { id: 'story_id', title: 'headline', body: 'text' } });
    const [row] = await parseCsv(out);
    expect(row).toMatchObject({ story_id: '1', headline: 'Kim in Pyongyang', desk: 'Asia' });
    expect(row?.tags).toContain('Kim Jong Un');
  });

  it('rejects a header with a repeated column, or no header at all, with BATCH_INPUT', async () => {
    for (const text of ['id,title,id\n1,a,b\n', '']) {
      const error = await run(Readable.from([text]), { format: 'csv' }).catch((e: unknown) => e);
      expect(isNewsTaggerError(error, 'BATCH_INPUT')).toBe(true);
    }
  });
});

describe('row checks', () => {
  const lines = [
    { id: 'ok1', title: 'Kim visits', body: KIM },
    { id: '', title: 'No id', body: PUTIN },
    { title: 'Missing id', body: PUTIN },
    { id: 'e1', title: 'Empty body', body: '' },
    { id: 'w1', title: 'Whitespace body', body: ' \n\t ' },
    { id: 'n1', title: null, body: PUTIN, lede: null, section: null },
    { id: 42, title: 'Numeric id', body: KIM },
    { id: 'arr', title: 'Array body', body: ['not', 'text'] },
    { id: 'ok1', title: 'Duplicate', body: PUTIN },
    { id: 'html', title: '', body: '<div><p></p><br/></div>' },
    { id: 'sur', title: 'Broken \uD800 surrogate', body: `${KIM} \uDC00 end` },
  ];
  const jsonl = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"id": "bad json",\n[1,2]\nnull\n\n`;

  it('gives each bad row its code and writes every good one, empty results included', async () => {
    const { out, errors, summary } = await run(Readable.from([jsonl]), { format: 'jsonl', batchSize: 2 });
    const written = jsonLines(out);
    expect(written.map((r) => r.id)).toEqual(['ok1', 'n1', 42, 'html', 'sur']);
    expect(errors.map((e) => [e.rowNumber, e.id, e.code])).toEqual([
      [2, '', 'MISSING_ID'],
      [3, '', 'MISSING_ID'],
      [4, 'e1', 'MISSING_TEXT'],
      [5, 'w1', 'MISSING_TEXT'],
      [8, 'arr', 'INVALID_FIELD'],
      [9, 'ok1', 'DUPLICATE_ID'],
      [12, 'bad json', 'MALFORMED_ROW'],
      [13, '', 'MALFORMED_ROW'],
      [14, '', 'MALFORMED_ROW'],
    ]);
    expect(summary).toMatchObject({ rowsRead: 14, rowsWritten: 5, rowsFailed: 9 });
    const html = written.find((r) => r.id === 'html');
    expect(html).toMatchObject({ tags: [], regions: [], readingTime: { words: 0 } });
    expect((written.find((r) => r.id === 'sur')?.tags as { id: string }[]).map((t) => t.id)).toContain('person:kim-jong-un');
  });

  it('keeps titles-only articles with allowEmptyBody', async () => {
    const { errors } = await run(Readable.from([jsonl]), { format: 'jsonl', allowEmptyBody: true });
    expect(errors.map((e) => e.id)).not.toContain('e1');
    expect(errors.map((e) => e.id)).not.toContain('w1');
  });

  it('reports oversize fields and records as OVERSIZE without holding them', async () => {
    const big = `${KIM} `.repeat(2000);
    const text = [{ id: 'big', title: 'Long', body: big }, { id: 'ok', title: 'Short', body: KIM }].map((l) => JSON.stringify(l)).join('\n');
    const viaField = await run(Readable.from([text]), { format: 'jsonl', tagger: { ...TAGGER, maxFieldLength: 10_000 } });
    expect(viaField.errors.map((e) => [e.id, e.code])).toEqual([['big', 'OVERSIZE']]);
    const viaRecord = await run(pieces(text, 1000), { format: 'jsonl', maxRecordBytes: 50_000 });
    expect(viaRecord.errors.map((e) => [e.rowNumber, e.code])).toEqual([[1, 'OVERSIZE']]);
    expect(jsonLines(viaRecord.out).map((r) => r.id)).toEqual(['ok']);
  });

  it('keeps an input field named like an added one as original_<name>', async () => {
    const { out } = await run(Readable.from([JSON.stringify({ id: 'x', body: KIM, tags: ['Korea desk'] })]), { format: 'jsonl' });
    const [row] = jsonLines(out);
    expect(row?.original_tags).toEqual(['Korea desk']);
    expect(Array.isArray(row?.tags)).toBe(true);
  });
});

describe('long CSV records', () => {
  const csvField = (v: string): string => (/[",\r\n]/.test(v) || v.length === 0 ? `"${v.replace(/"/g, '""')}"` : v);

  it('parses a record the same way as fast-csv (property)', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', 'ü', ' ', '\t', ',', '"', '\n', '\r\n', 'é', '😀'), maxLength: 12 })
      // fast-csv treats blanks at the start of a field in ways that depend on the position; not compared
      .filter((f) => !/^[ \t]/.test(f));
    await fc.assert(
      fc.asyncProperty(fc.array(field, { minLength: 1, maxLength: 6 }), async (fields) => {
        const record = fields.map(csvField).join(',');
        fc.pre(!/^[ \t]*$/.test(record)); // a line of blanks is not a record
        const [viaFastCsv] = await parseCsvRecords([record], fields.map((_, i) => `c${i}`));
        expect(parseLongCsvRecord(record)).toEqual([...(viaFastCsv as Map<string, unknown>).values()]);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects bad quoting in a long record', () => {
    expect(parseLongCsvRecord('1,"abc"def,x')).toMatch(/after a closing quote/);
    expect(parseLongCsvRecord('1,"abc')).toMatch(/never closed/);
  });

  it('tags a 300 KB body and reports a longer one as OVERSIZE', async () => {
    const long = `${KIM}\n\n"Quoted", he said.\n\n`.repeat(2200);
    const text = `id,title,body\nlong,Kim,${csvField(long)}\nhuge,Kim,${csvField(long + long)}\nshort,Kim,${csvField(PUTIN)}\n`;
    const { out, errors } = await run(pieces(text, 1 << 16), { format: 'csv', tagger: { ...TAGGER, maxFieldLength: 400_000 } });
    const rows = await parseCsv(out);
    expect(rows.map((r) => r.id)).toEqual(['long', 'short']);
    expect(rows[0]?.body).toBe(long);
    expect(errors.map((e) => [e.id, e.code])).toEqual([['huge', 'OVERSIZE']]);
  });
});

describe('readRows', () => {
  it('yields parsed rows and errors in input order', async () => {
    const rows = [];
    for await (const row of readRows(Readable.from(['id,body\n1,"a\nb"\n2,"x"y"\n3,z\n']), { format: 'csv', maxRecordBytes: 1000 })) rows.push(row);
    expect(rows.map((r) => ('fields' in r ? r.fields.get('body') : r.error.code))).toEqual(['a\nb', 'MALFORMED_ROW', 'z']);
  });
});

describe('files, workers and resume', () => {
  const count = 300;
  const archive = (format: 'csv' | 'jsonl', faultEvery = 25): string => {
    const body = [...archiveRows(count, format, { faultEvery, hugeBodyChars: 30_000 })].map((r) => r.text).join('\n');
    return format === 'csv' ? `${CSV_HEADER}\n${body}\n` : `${body}\n`;
  };

  it('gives the same output with 0, 1 and 2 worker threads, and accounts for every row', async () => {
    for (const [format, threads] of [['csv', [0, 1, 2]], ['jsonl', [0, 2]]] as const) {
      const input = file(`in.${format}`, archive(format));
      const outputs: string[] = [];
      for (const workers of threads) {
        const output = file(`out-${workers}.${format}`);
        const summary = await runTagJob({ input, output, workers, batchSize: 16, tagger: { ...TAGGER, maxFieldLength: 20_000 } });
        expect(summary.workers).toBe(workers);
        expect(summary.rowsRead).toBe(count);
        expect(summary.rowsWritten + summary.rowsFailed).toBe(count);
        expect(summary.failures).toEqual({ MALFORMED_ROW: 3, MISSING_TEXT: 3, DUPLICATE_ID: 3, OVERSIZE: 3 });
        outputs.push(readFileSync(output, 'utf8') + readFileSync(`${output}.errors.jsonl`, 'utf8'));
      }
      for (const other of outputs.slice(1)) expect(other).toBe(outputs[0]);
    }
  });

  it('resumes an interrupted job to byte-identical output and errors', async () => {
    for (const format of ['csv', 'jsonl'] as const) {
      const input = file(`in.${format}`, archive(format, 20));
      const options = { tagger: { ...TAGGER, maxFieldLength: 20_000 }, workers: 0, batchSize: 10, checkpointSeconds: 0 };
      const reference = file(`ref.${format}`);
      await runTagJob({ input, output: reference, ...options });

      const output = file(`out.${format}`);
      const controller = new AbortController();
      const interrupted = await runTagJob({
        input,
        output,
        ...options,
        signal: controller.signal,
        onError: (e) => {
          if (e.rowNumber > count / 2) controller.abort(new Error('simulated crash'));
        },
      }).catch((e: unknown) => e);
      expect((interrupted as Error).message).toBe('simulated crash');
      expect(existsSync(checkpointPath(output))).toBe(true);
      // a crash can leave a half-written batch after the checkpoint
      appendFileSync(`${output}.partial`, format === 'csv' ? 'a9999,"half a row' : '{"id":"a9999","ti'); // written to <output>.partial until it completes
      const summary = await runTagJob({ input, output, ...options, resume: true });
      expect(summary.resumedRows).toBeGreaterThan(0);
      expect(summary.resumedRows).toBeLessThan(count);
      expect(summary.rowsRead).toBe(count);
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(reference, 'utf8'));
      expect(readFileSync(`${output}.errors.jsonl`, 'utf8')).toBe(readFileSync(`${reference}.errors.jsonl`, 'utf8'));
      expect(existsSync(checkpointPath(output))).toBe(false);
      expect(existsSync(`${output}.ids`)).toBe(false);
    }
  });

  it('refuses to resume with other options, or to stdout', async () => {
    const input = file('in.jsonl', archive('jsonl'));
    const output = file('out.jsonl');
    const controller = new AbortController();
    await runTagJob({ input, output, tagger: TAGGER, workers: 0, batchSize: 10, checkpointSeconds: 0, signal: controller.signal, onError: () => controller.abort() }).catch(() => undefined);
    const other = await runTagJob({ input, output, tagger: { ...TAGGER, limit: 3 }, workers: 0, resume: true }).catch((e: unknown) => e);
    expect(isNewsTaggerError(other, 'BATCH_RESUME')).toBe(true);
    const toStdout = await runTagJob({ input, output: '-', resume: true }).catch((e: unknown) => e);
    expect(isNewsTaggerError(toStdout, 'BATCH_RESUME')).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('writes to a device (/dev/null) without checkpoints or an errors file', async () => {
    const input = file('in.jsonl', archive('jsonl'));
    const errors: RowError[] = [];
    const summary = await runTagJob({ input, output: '/dev/null', tagger: TAGGER, workers: 0, checkpointSeconds: 0, onError: (e) => errors.push(e) });
    expect(summary.rowsRead).toBe(count);
    expect(errors).toHaveLength(summary.rowsFailed);
    const resume = await runTagJob({ input, output: '/dev/null', resume: true }).catch((e: unknown) => e);
    expect(isNewsTaggerError(resume, 'BATCH_RESUME')).toBe(true);
  });

  it('rejects bad options and unreadable input with coded errors', async () => {
    const cases: [TagJobOptions, string][] = [
      [null as unknown as TagJobOptions, 'INVALID_OPTION'],
      [{ input: 'x.jsonl', output: '-', workers: -1 }, 'INVALID_OPTION'],
      [{ input: 'x.jsonl', output: '-', format: 'xml' as 'csv' }, 'INVALID_OPTION'],
      [{ input: 'x.jsonl', output: '-', tagger: { wordsPerMinute: 0 } }, 'INVALID_OPTION'],
      [{ input: 'x.jsonl', output: '-', columns: { headline: 'h' } as never }, 'INVALID_OPTION'],
      [{ input: join(dir, 'does-not-exist.jsonl'), output: '-' }, 'BATCH_INPUT'],
    ];
    for (const [options, code] of cases) {
      const error = await runTagJob(options).catch((e: unknown) => e);
      expect(isNewsTaggerError(error) ? error.code : error).toBe(code);
    }
  });
});
