/**
 * `npm run bench -- tokenize`: normalize + tokenize over every Reuters train body, in words per second,
 * beside wink-nlp (tokenizer only, and its full readDoc) and natural's WordTokenizer, in one run.
 * Every rate uses the same denominator: news-tagger's word count of the corpus.
 */
import { createRequire } from 'node:module';
import { createTagger } from '../../src/node.js';
import { datasetPath, loadJsonl } from '../../eval/datasets.js';
import type { BenchCase } from '../types.js';
import { fmtRate, machine, timeIt } from '../util.js';

const require = createRequire(import.meta.url);

export const tokenizeBench: BenchCase = {
  name: 'tokenize',
  description: 'normalize + tokenize words/s over Reuters train bodies, beside wink-nlp and natural',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'reuters', ctx.data);
    const bodies = loadJsonl(path, ctx.limit).map((d) => d.body);
    const tagger = createTagger();
    let words = 0;
    for (const body of bodies) words += tagger.analyzeText({ id: '', title: '', body }).wordCount;
    const rounds = Number(ctx.flags.get('rounds') ?? 5);
    ctx.log(`tokenize: ${bodies.length} bodies, ${words} words, ${rounds} timed rounds each`);

    const results: Record<string, { seconds: number; wordsPerSecond: number; note: string }> = {};
    const measure = (name: string, note: string, fn: () => void, r = rounds): void => {
      const t = timeIt(fn, r);
      results[name] = { seconds: t.median, wordsPerSecond: words / t.median, note };
      ctx.log(`  ${name}: ${fmtRate(words / t.median)} words/s`);
    };

    measure('news-tagger', 'analyzeText(): Unicode folding + HTML detection + tokenize + sentences', () => {
      for (const body of bodies) tagger.analyzeText({ id: '', title: '', body });
    });

    const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => { readDoc(t: string): { tokens(): { length(): number } } };
    const model = require('wink-eng-lite-web-model');
    const winkTok = winkNLP(model, []);
    measure('wink-nlp tokenize', 'winkNLP(model, []).readDoc(): tokenizer only', () => {
      for (const body of bodies) winkTok.readDoc(body).tokens().length();
    });
    const winkFull = winkNLP(model);
    measure('wink-nlp readDoc', 'winkNLP(model).readDoc(): default pipe (sentences, POS, entities...)', () => {
      for (const body of bodies) winkFull.readDoc(body).tokens().length();
    }, Math.min(rounds, 2));

    // deep import: the natural index takes ~1.7 s to load and prints to stdout
    const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer') as {
      WordTokenizer: new () => { tokenize(t: string): string[] };
    };
    const wt = new WordTokenizer();
    measure('natural WordTokenizer', 'ASCII-only /[^A-Za-z0-9_]+/ split, no offsets', () => {
      for (const body of bodies) wt.tokenize(body);
    });

    return { bench: 'tokenize', data: path, documents: bodies.length, words, machine: machine(), results };
  },
  format(r) {
    const results = r.results as Record<string, { wordsPerSecond: number; note: string }>;
    const lines = [`tokenize: ${r.documents} Reuters bodies, ${r.words} words (${JSON.stringify(r.machine)})`];
    for (const [name, x] of Object.entries(results)) {
      lines.push(`  ${name.padEnd(24)} ${fmtRate(x.wordsPerSecond).padStart(7)} words/s   ${x.note}`);
    }
    return lines.join('\n');
  },
};
