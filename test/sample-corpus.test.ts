import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FILE = fileURLToPath(new URL('../examples/corpus/sample-articles.jsonl', import.meta.url));
const SECTIONS = new Set(['Politics', 'Economy', 'Sports', 'Technology', 'Health', 'Environment']);

interface SampleArticle {
  id: string;
  title: string;
  lede: string;
  body: string;
  date: string;
  section: string;
  lang: string;
  url: string;
  tags: string[];
}

function readCorpus(): unknown[] {
  const text = readFileSync(FILE, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`sample-articles.jsonl line ${i + 1} is not JSON`);
      }
    });
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function words(text: string): number {
  return text.split(/\s+/u).filter((w) => w !== '').length;
}

describe('examples/corpus/sample-articles.jsonl', () => {
  const records = readCorpus();
  const articles = records as SampleArticle[];

  it('has at least 25 records with unique ids across at least 6 sections', () => {
    expect(records.length).toBeGreaterThanOrEqual(25);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(new Set(articles.map((a) => a.section)).size).toBeGreaterThanOrEqual(6);
  });

  it.each(articles.map((a, i) => [a.id ?? `line ${i + 1}`, a] as const))('%s has every field, well typed', (_id, a) => {
    expect(Object.keys(a).sort()).toEqual(['body', 'date', 'id', 'lang', 'lede', 'section', 'tags', 'title', 'url']);
    expect(a.id).toMatch(/^sample-\d{3}$/);
    for (const field of ['title', 'lede', 'body'] as const) {
      expect(typeof a[field]).toBe('string');
      expect(a[field].trim()).toBe(a[field]);
      expect(a[field]).not.toMatch(/<[a-z]/i);
    }
    expect(a.lang).toBe('en');
    expect(SECTIONS.has(a.section)).toBe(true);
    expect(isIsoDate(a.date)).toBe(true);
    expect(a.date >= '2026-01-01' && a.date <= '2026-12-31').toBe(true);
    expect(new URL(a.url).protocol).toBe('https:');
    expect(new URL(a.url).hostname).toBe('example.com');
    expect(Array.isArray(a.tags)).toBe(true);
    expect(a.tags.length).toBeGreaterThan(0);
    for (const tag of a.tags) expect(typeof tag === 'string' && tag.trim() === tag && tag !== '').toBe(true);
    expect(new Set(a.tags).size).toBe(a.tags.length);
  });

  it.each(articles.map((a) => [a.id, a] as const))('%s is a short article: a one-sentence lede, 120-300 words in paragraphs', (_id, a) => {
    expect(a.lede).toMatch(/^[^.!?]+(?:[.!?](?!\s)[^.!?]*)*[.!?]$/u);
    expect(words(a.body)).toBeGreaterThanOrEqual(120);
    expect(words(a.body)).toBeLessThanOrEqual(300);
    const paragraphs = a.body.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(3);
    for (const paragraph of paragraphs) {
      expect(paragraph.trim()).toBe(paragraph);
      expect(paragraph).not.toContain('\n');
    }
  });

  it('has unique urls and titles, and dates spread over several weeks', () => {
    expect(new Set(articles.map((a) => a.url)).size).toBe(articles.length);
    expect(new Set(articles.map((a) => a.title)).size).toBe(articles.length);
    const times = articles.map((a) => Date.parse(a.date));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThanOrEqual(60);
  });

  it('makes sample-001 the rich Korean-peninsula story the demo opens with', () => {
    const demo = articles.find((a) => a.id === 'sample-001');
    expect(demo).toBeDefined();
    const text = `${demo?.title} ${demo?.body}`;
    for (const name of ['Kim Jong Un', 'Pyongyang', 'Seoul', 'Tokyo', 'Washington', 'Kremlin', 'KCNA']) {
      expect(text).toContain(name);
    }
  });

  it('uses the variant spellings a tagger must resolve', () => {
    const all = articles.map((a) => `${a.title}\n${a.lede}\n${a.body}`).join('\n');
    for (const form of ['DPRK', 'North Korea', 'Kim Jong-un', 'Kim Jong Un', 'the Kremlin', 'Washington said',
      'North Korean', 'Israeli', 'Korean Central News Agency (KCNA)', 'Zürich', 'São Paulo', 'Đoković', 'Kyiv']) {
      expect(all).toContain(form);
    }
  });
});
