/**
 * `npm run bench -- tag-lang [--limit N] [--rounds N] [--base DIR]`: whole `tag()` in English, Arabic
 * and Spanish in one run, in words per second on one core, the languages alternating round by round
 * (this machine drifts; alternation spreads the drift over all three). English: the first N Reuters
 * train stories (default 3,000); Arabic: the first N Al Mayadeen 2023 articles; Spanish: the project's
 * Spanish sample articles (examples/corpus), repeated to about the English word count. With `--base DIR`
 * (a built checkout, e.g. the previous build of main) its English `tag()` runs in the same rounds.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTagger, type Article } from '../../src/node.js';
import { datasetPath, loadJsonl } from '../../eval/datasets.js';
import type { BenchCase } from '../types.js';
import { fmtRate, machine } from '../util.js';

type TagFn = (a: Article) => unknown;

function timeOnce(tag: TagFn, docs: readonly Article[]): number {
  const t0 = performance.now();
  for (const d of docs) tag(d);
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export const tagLangBench: BenchCase = {
  name: 'tag-lang',
  description: 'tag() words/s in English (Reuters), Arabic (Al Mayadeen) and Spanish (samples), alternating in one run',
  async run(ctx) {
    const n = ctx.limit ?? 3000;
    const rounds = Number(ctx.flags.get('rounds') ?? 5);
    const en = loadJsonl(datasetPath(ctx.sharedDir, 'reuters'), n).map((d) => ({ id: d.id, title: d.title, body: d.body, lang: 'en' }));
    const ar = loadJsonl(datasetPath(ctx.sharedDir, 'almayadeen'), n).map((d) => ({ id: d.id, title: d.title, body: d.body, lang: 'ar' }));
    const samples = readFileSync(join(import.meta.dirname ?? '.', '..', '..', 'examples', 'corpus', 'sample-articles-es.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as Article);
    const tagger = createTagger();
    const words = (docs: readonly Article[]): number => docs.reduce((s, d) => s + tagger.analyzeText(d).wordCount + tagger.analyzeText({ ...d, body: '' }).wordCount, 0);
    const enWords = words(en);
    const es: Article[] = [];
    for (let i = 0, w = 0; w < enWords; i++) {
      const s = samples[i % samples.length] as Article;
      es.push({ ...s, id: `${s.id}-${i}` });
      w += tagger.analyzeText(s).wordCount;
    }
    const sets: Record<string, { docs: Article[]; words: number; tag: TagFn }> = {
      en: { docs: en, words: enWords, tag: (a) => tagger.tag(a) },
      ar: { docs: ar, words: words(ar), tag: (a) => tagger.tag(a) },
      es: { docs: es, words: words(es), tag: (a) => tagger.tag(a) },
    };
    const baseDir = ctx.flags.get('base');
    if (baseDir !== undefined) {
      const mod = (await import(pathToFileURL(resolve(baseDir, 'dist', 'index.js')).href)) as { createTagger(): { tag(a: Article): unknown } };
      const base = mod.createTagger();
      sets['en (base build)'] = { docs: en, words: enWords, tag: (a) => base.tag(a) };
    }
    for (const s of Object.values(sets)) timeOnce(s.tag, s.docs.slice(0, 300)); // warm-up: compile tries, JIT
    const seconds: Record<string, number[]> = Object.fromEntries(Object.keys(sets).map((k) => [k, []]));
    for (let r = 0; r < rounds; r++) for (const [k, s] of Object.entries(sets)) (seconds[k] as number[]).push(timeOnce(s.tag, s.docs));
    const rates = Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, { documents: s.docs.length, words: s.words, wordsPerSecond: s.words / median(seconds[k] as number[]) }]));
    return { bench: 'tag-lang', machine: machine(), rounds, rates };
  },
  format(r) {
    const rates = r.rates as Record<string, { documents: number; words: number; wordsPerSecond: number }>;
    const enRate = rates.en?.wordsPerSecond ?? 1;
    const lines = [`tag() by language, median of ${r.rounds} alternating rounds (${JSON.stringify(r.machine)})`];
    for (const [k, x] of Object.entries(rates)) lines.push(`  ${k.padEnd(16)} ${fmtRate(x.wordsPerSecond).padStart(8)} words/s  (${x.documents} docs, ${x.words} words; ${(enRate / x.wordsPerSecond).toFixed(2)}x the English time per word)`);
    return lines.join('\n');
  },
};
