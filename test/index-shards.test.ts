import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIndexFile, mergeIndexParts, parseShard, recordPart, runIndexJob, runIndexMergeJob, type RowError } from '../src/batch/index.js';
import { createCorpusIndex, isNewsTaggerError, loadCorpusIndex } from '../src/index.js';
import { archiveRows, CSV_HEADER } from '../scripts/lib/synthetic-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'news-tagger-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

// 300 project-written articles, every 9th row broken (bad quoting, missing body, an id repeated from
// an earlier row, which often sits in another part), plus a few words of our own with many forms
const rows = [...archiveRows(300, 'csv', { faultEvery: 9, faults: ['bad-quoting', 'missing-body', 'duplicate-id'] })].map((r) => r.text);
rows.splice(40, 0, 'x-forms,Banking on banks,"The banker banked; banks bank on bankers, the bankers\' banking.",2024-03-02,business');
rows.splice(3, 0, 'x-forms-2,Banks,"Bankers and banks: bank holidays.",2024-03-01,business');
writeFileSync(path('archive.csv'), `${CSV_HEADER}\n${rows.join('\n')}\n`);

async function buildParts(n: number, options: { corpus?: { stem?: boolean }; input?: string } = {}): Promise<{ files: string[]; errors: RowError[] }> {
  const files: string[] = [];
  const errors: RowError[] = [];
  for (let k = 0; k < n; k++) {
    const name = `${options.corpus?.stem === false ? 'nostem' : 'stem'}-${(options.input ?? 'archive').replace(/\W/g, '')}`;
    const out = path(`part-${n}-${k}-${name}.idx`);
    await runIndexJob({ input: options.input ?? path('archive.csv'), output: out, shard: { index: k, count: n }, onError: (e) => errors.push(e), ...(options.corpus ? { corpus: options.corpus } : {}) });
    files.push(out);
  }
  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  return { files, errors };
}

describe('index parts (--shard K/N) and their merge', () => {
  it('merges N parts into the bytes of the single build, with every row accounted for once', async () => {
    const single: RowError[] = [];
    const { summary } = await runIndexJob({ input: path('archive.csv'), output: path('single.idx'), onError: (e) => single.push(e) });
    expect(summary.rowsFailed).toBeGreaterThan(20);
    for (const n of [1, 2, 3, 7]) {
      const { files, errors } = await buildParts(n);
      const merged = await runIndexMergeJob({ inputs: [...files].reverse(), output: path(`merged-${n}.idx`) });
      expect(Buffer.compare(readFileSync(path(`merged-${n}.idx`)), readFileSync(path('single.idx')))).toBe(0);
      // the parts' errors are the single build's, each once
      expect(errors).toEqual(single);
      expect(merged.rowsRead).toBe(summary.rowsRead);
      expect(merged.rowsRead).toBe(merged.rowsWritten + merged.rowsFailed);
      expect(merged.rowsFailed).toBe(summary.rowsFailed);
    }
  });

  it('answers related() as the single build does, for every id (in memory and from the file)', async () => {
    const { files } = await buildParts(3);
    await runIndexMergeJob({ inputs: files, output: path('merged-r.idx') });
    const single = await loadIndexFile(path('single.idx'));
    const merged = await loadIndexFile(path('merged-r.idx'));
    // also the in-memory merge of indexes built with add(), without files
    const a = createCorpusIndex();
    const b = createCorpusIndex();
    const ra = recordPart(a);
    const rb = recordPart(b);
    const docs = single.ids().map((id) => single.get(id));
    expect(single.ids().length).toBeGreaterThan(200);
    for (const id of merged.ids()) expect(merged.related(id, { k: 10 })).toEqual(single.related(id, { k: 10 }));
    for (const id of merged.ids()) expect(merged.readNext(id, { k: 3 })).toEqual(single.readNext(id, { k: 3 }));
    expect(docs.length).toBe(merged.size);
    const articles = [
      { id: 'p1', title: 'Wheat exports rise', body: 'Exporters shipped more wheat; exports rose in March.' },
      { id: 'p2', title: 'Export curbs', body: 'An exporter warned that export curbs would hurt wheat growers.' },
      { id: 'p3', title: 'Growers protest', body: 'Wheat growers protested against the curbs on exports.' },
    ];
    const whole = createCorpusIndex();
    whole.addAll(articles);
    articles.forEach((article, i) => {
      const part = i % 2 === 0 ? a : b;
      part.add(article);
      (i % 2 === 0 ? ra : rb).added(i);
    });
    const joined = mergeIndexParts([
      { index: b, positions: rb.positions(), formPositions: rb.formPositions() },
      { index: a, positions: ra.positions(), formPositions: ra.formPositions() },
    ]);
    expect(Buffer.compare(Buffer.from(joined.save()), Buffer.from(whole.save()))).toBe(0);
    expect(joined.related('p1')).toEqual(whole.related('p1'));
    expect(joined.documentFrequency('wheat')).toBe(3);
  });

  it('refuses a missing, repeated or foreign part, other options, a whole index and damaged bytes', async () => {
    const { files } = await buildParts(3);
    const code = async (inputs: string[]): Promise<string> =>
      runIndexMergeJob({ inputs, output: path('refused.idx') }).then(
        () => 'merged',
        (e: unknown) => (isNewsTaggerError(e) ? `${e.code}: ${e.message}` : String(e)),
      );
    expect(await code(files.slice(0, 2))).toMatch(/^INDEX_PARTS: .*part 2\/3 missing/);
    expect(await code([files[0] as string, files[0] as string, files[1] as string])).toMatch(/^INDEX_PARTS: .*both part 0\/3/);
    expect(await code([files[0] as string, ...(await buildParts(2)).files])).toMatch(/^INDEX_PARTS: .*part 0\/2/);
    writeFileSync(path('other.csv'), `${CSV_HEADER}\n${rows.slice(0, 100).join('\n')}\n`);
    const other = await buildParts(3, { input: path('other.csv') });
    expect(await code([files[0] as string, files[1] as string, other.files[2] as string])).toMatch(/^INDEX_PARTS: .*another archive/);
    const nostem = await buildParts(3, { corpus: { stem: false } });
    expect(await code([files[0] as string, files[1] as string, nostem.files[2] as string])).toMatch(/^INDEX_OPTIONS_MISMATCH/);
    expect(await code([path('single.idx')])).toMatch(/^INDEX_FORMAT: .*whole index/);
    const damaged = readFileSync(files[1] as string);
    damaged[damaged.length - 9] = (damaged[damaged.length - 9] as number) ^ 0x20;
    writeFileSync(path('damaged.idx'), damaged);
    expect(await code([files[0] as string, path('damaged.idx'), files[2] as string])).toMatch(/^INDEX_CORRUPT: .*checksum/);
    // a part file is no index: loading it as one says so
    expect(() => loadCorpusIndex(readFileSync(files[0] as string))).toThrow(/NTCI/);
  });

  it('parses K/N and refuses anything else', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    for (const bad of ['8/8', '1/0', '-1/4', '1.5/4', '2', 'a/b', '']) expect(() => parseShard(bad)).toThrow(/INVALID_OPTION|option "shard"/);
  });
});
