/**
 * `npm run bench -- tag [--data FILE] [--limit N] [--rounds N] [--peer-docs N]`: the whole `tag()`
 * (article checks, normalize, tokenize, recognize, resolve, rank, tags, regions) over Reuters train,
 * in words per second on one core, beside compromise (nlp(text) + people/places/organizations) in
 * the same run. compromise runs on the first `--peer-docs` articles (default 2000) because it is slow;
 * each rate divides by news-tagger's word count of the articles it processed.
 */
import { createRequire } from 'node:module';
import { createTagger } from '../../src/node.js';
import { datasetPath, loadJsonl } from '../../eval/datasets.js';
import type { BenchCase } from '../types.js';
import { fmtRate, heapUsed, machine, timeIt } from '../util.js';

const require = createRequire(import.meta.url);

export const tagBench: BenchCase = {
  name: 'tag',
  description: 'tag() words/s over Reuters train (tags + regions), beside compromise people/places/organizations',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'reuters', ctx.data);
    const docs = loadJsonl(path, ctx.limit).map((d) => ({ id: d.id, title: d.title, body: d.body }));
    const rounds = Number(ctx.flags.get('rounds') ?? 3);
    const peerDocs = Math.min(docs.length, Number(ctx.flags.get('peer-docs') ?? 2000));
    const heap0 = heapUsed();
    const tagger = createTagger();
    const c0 = performance.now();
    tagger.tag({ id: '', title: '', body: 'Warm-up: compile the gazetteer.' });
    const compileMs = performance.now() - c0;
    const heap1 = heapUsed();
    const wordsOf = (list: typeof docs): number => list.reduce((n, d) => n + tagger.analyzeText(d).wordCount, 0);
    const words = wordsOf(docs);
    const peerWords = wordsOf(docs.slice(0, peerDocs));
    ctx.log(`tag: ${docs.length} documents, ${words} words; gazetteer compiled in ${compileMs.toFixed(0)} ms`);

    let tags = 0;
    const t = timeIt(() => {
      tags = 0;
      for (const d of docs) tags += tagger.tag(d).tags.length;
    }, rounds);
    ctx.log(`  news-tagger tag(): ${fmtRate(words / t.median)} words/s`);
    const analyzeOnly = timeIt(() => {
      for (const d of docs) tagger.analyzeText(d);
    }, rounds);

    const nlp = require('compromise') as (text: string) => {
      people(): { out(k: 'array'): string[] };
      places(): { out(k: 'array'): string[] };
      organizations(): { out(k: 'array'): string[] };
    };
    const peer = docs.slice(0, peerDocs);
    const c = timeIt(() => {
      for (const d of peer) {
        const doc = nlp(`${d.title}\n\n${d.body}`);
        doc.people().out('array');
        doc.places().out('array');
        doc.organizations().out('array');
      }
    }, 1);
    ctx.log(`  compromise: ${fmtRate(peerWords / c.median)} words/s`);
    return {
      bench: 'tag',
      data: path,
      documents: docs.length,
      words,
      machine: machine(),
      gazetteerCompileMs: compileMs,
      gazetteerHeapMiB: (heap1 - heap0) / 2 ** 20,
      results: {
        'news-tagger tag()': { seconds: t.median, wordsPerSecond: words / t.median, articlesPerSecond: docs.length / t.median, tagsPerArticle: tags / Math.max(1, docs.length) },
        'news-tagger analyzeText() only': { seconds: analyzeOnly.median, wordsPerSecond: words / analyzeOnly.median },
        compromise: { documents: peerDocs, seconds: c.median, wordsPerSecond: peerWords / c.median },
      },
    };
  },
  format(r) {
    const res = r.results as Record<string, { wordsPerSecond: number; articlesPerSecond?: number; documents?: number }>;
    const lines = [
      `tag: ${r.documents} Reuters articles, ${r.words} words (${JSON.stringify(r.machine)})`,
      `  gazetteer: compiled in ${(r.gazetteerCompileMs as number).toFixed(0)} ms, ~${(r.gazetteerHeapMiB as number).toFixed(1)} MiB heap`,
    ];
    for (const [name, x] of Object.entries(res)) {
      lines.push(`  ${name.padEnd(32)} ${fmtRate(x.wordsPerSecond).padStart(7)} words/s${x.articlesPerSecond !== undefined ? `  ${x.articlesPerSecond.toFixed(0)} articles/s` : ''}${x.documents !== undefined ? `  (first ${x.documents} articles)` : ''}`);
    }
    return lines.join('\n');
  },
};
