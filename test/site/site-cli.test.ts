import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fictionalArchive } from './archive.js';

const dir = mkdtempSync(join(tmpdir(), 'news-tagger-site-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

function sink(): Writable & { text(): string } {
  let text = '';
  const w = new Writable({
    write(chunk: Buffer, _e, cb) {
      text += chunk.toString();
      cb();
    },
  }) as Writable & { text(): string };
  w.text = () => text;
  return w;
}

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = sink();
  const code = await runCli(args, { stdout: sink(), stderr });
  return { code, stderr: stderr.text() };
}

describe('news-tagger train and tag --site', () => {
  it('trains from a CSV archive with a tags column, reports bad rows in the errors file, and tags with the model in workers', async () => {
    const rows = fictionalArchive(48).map((a) => [a.id, a.date ?? '', a.title, a.body.replace(/\n/g, ' '), a.tags.join('|')]);
    const csv = (v: string): string => `"${v.replace(/"/g, '""')}"`;
    const text = ['id,date,title,body,keywords', ...rows.map((r) => r.map(csv).join(',')), '"",2024-05-01,"No id","A row without an id",France', '"bad,"unclosed'].join('\n');
    writeFileSync(path('archive.csv'), `${text}\n`);
    const trained = await cli(['train', path('archive.csv'), '--out', path('site.model'), '--tags-column', 'keywords']);
    expect(trained.code).toBe(3);
    expect(trained.stderr).toMatch(/48 articles learned/);
    const errors = readFileSync(path('site.model.errors.jsonl'), 'utf8').trim().split('\n');
    expect(errors.length).toBeGreaterThanOrEqual(1);

    writeFileSync(path('new.jsonl'), `${JSON.stringify({ id: 'n1', title: 'Dockers strike at the port of Kenya', body: 'Dock workers at the container port walked out over pay, and the cranes stood idle as the strike spread to the rail yards.' })}\n`);
    const tagged = await cli(['tag', path('new.jsonl'), '--site', path('site.model'), '--workers', '1', '--out', path('out.jsonl'), '-q']);
    expect(tagged.code).toBe(0);
    const out = JSON.parse(readFileSync(path('out.jsonl'), 'utf8').trim()) as { tags: { label: string; kind: string }[] };
    expect(out.tags.find((t) => t.label === 'Strikes')?.kind).toBe('topic');
  });

  it('refuses a damaged model file before reading any row', async () => {
    writeFileSync(path('broken.model'), 'NTSM not really a model');
    const r = await cli(['tag', path('new.jsonl'), '--site', path('broken.model'), '--out', path('out2.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/site model/);
  });
});
