/**
 * The CSV record splitter resynchronizes after a malformed record: every input line ends up in a row
 * or in exactly one reported error, with the lines it spans and the ids that can be read in it; a
 * lone CR is a line break outside quotes. Rows written for this project.
 */
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, runTagJob, type RawRecord, type RowError } from '../src/batch/index.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from './fixtures/gazetteer.js';

const TAGGER = { gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY };

async function tag(csv: string): Promise<{ written: Record<string, unknown>[]; errors: RowError[]; rowsRead: number }> {
  let out = '';
  const output = new Writable({
    write(chunk: Buffer, _e, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const errors: RowError[] = [];
  const summary = await runTagJob({ input: Readable.from([csv]), output, format: 'csv', outputFormat: 'jsonl', tagger: TAGGER, workers: 0, onError: (e) => errors.push(e) });
  const written = out.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(summary.rowsRead).toBe(summary.rowsWritten + summary.rowsFailed);
  expect(written).toHaveLength(summary.rowsWritten);
  return { written, errors, rowsRead: summary.rowsRead };
}

async function records(csv: string, size = 1 << 16): Promise<RawRecord[]> {
  const bytes = Buffer.from(csv);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  const out: RawRecord[] = [];
  for await (const r of readRecords(Readable.from(parts), { format: 'csv', maxRecordBytes: 1 << 20 })) out.push(r);
  return out;
}

describe('CSV line breaks and resynchronization', () => {
  it('reads a lone CR as a line break outside quotes and as text inside them', async () => {
    const { written, errors } = await tag('id,title,body\n1,a,"x\ry"\n2,b,c\r3,c,d\n');
    expect(errors).toEqual([]);
    expect(written.map((r) => [r.id, r.body])).toEqual([['1', 'x\ry'], ['2', 'c'], ['3', 'd']]);
    const lines = (await records('id,title,body\r1,a,b\r\r2,"multi\rline",c\r\n3,x,y')).map((r) => r.line);
    expect(lines).toEqual([2, 4, 6]);
  });

  it('an unclosed quote costs its own row only: 9 data lines give 8 rows and 1 error naming its id', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `r${i + 1},Title ${i + 1},Ministers met in Geneva on day ${i + 1}.`);
    rows[3] = 'r4,"Title 4,Ministers met in Geneva on day 4.';
    const { written, errors } = await tag(`id,title,body\n${rows.join('\n')}\n`);
    expect(written.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r5', 'r6', 'r7', 'r8', 'r9']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rowNumber: 4, line: 5, id: 'r4', code: 'MALFORMED_ROW' });
    expect(errors[0]?.lastLine).toBeUndefined();
  });

  it('reports a malformed multi-line record with the lines it spans and every id read in it', async () => {
    const csv = [
      'id,title,body',
      'k1,ok,"first paragraph',
      'second paragraph"',
      'k2,"broken title,body two',
      ',a line with no id',
      'k3,also broken,too,many',
      'k4,fine,body four',
      'k5,fine,"body',
      'five"',
    ].join('\n');
    const { written, errors } = await tag(`${csv}\n`);
    expect(written.map((r) => r.id)).toEqual(['k1', 'k4', 'k5']);
    expect(written[0]?.body).toBe('first paragraph\nsecond paragraph');
    expect(written[2]?.body).toBe('body\nfive');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rowNumber: 2, line: 4, lastLine: 6, id: 'k2', ids: ['k2', 'k3'], code: 'MALFORMED_ROW' });
    expect(errors[0]?.reason).toContain('lines 4-6');
  });

  it('every line is in exactly one row or error, whatever the damage and the chunking (property)', async () => {
    const line = fc.oneof(
      fc.constant('ID,plain title,plain body'),
      fc.constant('ID,"quoted, title","body with ""quotes"""'),
      fc.constant('ID,title,"a body\non two lines"'),
      fc.constant('ID,"unclosed title,body'),
      fc.constant('ID,too,many,fields'),
      fc.constant('ID,"closed"junk,body'),
      fc.constant('just one field'),
      fc.constant('ID,title,body\rID2,title,body'),
      fc.constant(''),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom(3, 17, 1 << 16), async (lines, size) => {
        let k = 0;
        const text = lines.map((l) => l.replace(/ID2?/g, () => `x${++k}`)).join('\n');
        const physical = text.split(/\r\n|\r|\n/);
        const got = await records(`id,title,body\n${text}\n`, size);
        const seen = new Map<number, number>();
        for (const r of got) {
          const last = 'error' in r ? (r.lastLine ?? r.line) : r.line + (r.text.match(/\r\n|\r|\n/g)?.length ?? 0);
          for (let l = r.line; l <= last; l++) seen.set(l, (seen.get(l) ?? 0) + 1);
        }
        for (let i = 0; i < physical.length; i++) {
          const lineNo = i + 2;
          const blank = /^[ \t]*$/.test(physical[i] as string);
          expect(seen.get(lineNo) ?? 0, `line ${lineNo} ${JSON.stringify(physical[i])}`).toBe(blank ? (seen.get(lineNo) ?? 0) : 1);
          if (!blank) expect(seen.get(lineNo)).toBe(1);
        }
        // every id that starts a line is in a row or named by an error
        const named = new Set<string>();
        for (const r of got) {
          if ('error' in r) for (const id of [r.id, ...(r.ids ?? [])]) named.add(id);
          else named.add(r.text.split(',')[0] as string);
        }
        for (const p of physical) {
          const id = /^(x\d+),/.exec(p)?.[1];
          if (id !== undefined) expect(named.has(id), `${id} in ${JSON.stringify(text)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
