import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { newsPage } from './pages.js';

const dir = mkdtempSync(join(tmpdir(), 'news-tagger-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _e, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const stderr = new Writable({ write: (_c, _e, cb) => cb() });
  const code = await runCli(args, { stdout, stderr, ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}) });
  return { code, stdout: out };
}

describe('news-tagger tag --format page', () => {
  it('extracts and tags one page file: one JSON line with the article fields and its tags', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, newsPage());
    const { code, stdout } = await cli(['tag', file, '--format', 'page']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(row.title).toBe('Lisbon ferry line across the Tagus to open in March');
    expect(row.date).toBe('2026-02-03T09:30:00Z');
    expect(row.pageTags).toEqual(['Ferries', 'Lisbon', 'Portugal', 'Transport']);
    expect((row.tags as { id: string }[]).map((t) => t.id)).toContain('country:PT');
    const ids = (row.regions as { countries: { id: string }[] }[]).flatMap((r) => r.countries.map((c) => c.id));
    expect(ids).toContain('country:PT');
    expect(ids).not.toContain('country:FR'); // France is only in the menu and the ticker
  });
  it('reads the page from stdin and writes --out', async () => {
    const out = join(dir, 'out.jsonl');
    const { code } = await cli(['tag', '-', '--format', 'page', '--out', out], newsPage());
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).lang).toBe('en');
  });
});
