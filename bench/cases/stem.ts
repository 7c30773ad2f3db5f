/**
 * `npm run bench -- stem [--data FILE] [--limit N] [--rounds N]`: Porter stemming speed, news-tagger's
 * `porterStem` side by side with natural's PorterStemmer, on the vocabulary of the Reuters-21578 train
 * split (title + body, tokens /[\p{L}\p{N}]+/gu lower-cased), plus the agreement of the two stemmers and
 * how much stemming shrinks the index vocabulary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStemmer, porterStem } from '../../src/text/stem.js';
import type { BenchCase, BenchContext } from '../types.js';

type StemFn = (word: string) => string;

const TOKEN = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /^[a-z]+$/;

/** Reads title + body of each JSONL record and returns its lower-cased tokens in order. */
function readTokens(file: string, limit: number | undefined): string[] {
  const tokens: string[] = [];
  let records = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    if (limit !== undefined && records >= limit) break;
    const record = JSON.parse(line) as { title?: unknown; body?: unknown };
    records++;
    const text = `${typeof record.title === 'string' ? record.title : ''}\n${
      typeof record.body === 'string' ? record.body : ''
    }`.toLowerCase();
    for (const match of text.matchAll(TOKEN)) tokens.push(match[0]);
  }
  return tokens;
}

/**
 * Words per second of `stem` over `words`: one warm-up pass, then `rounds` timed rounds, each repeating
 * the list until at least `minMs` have passed; the best round counts (the machine may be shared).
 */
function wordsPerSecond(stem: StemFn, words: readonly string[], rounds: number, minMs = 300): number {
  let sink = 0;
  for (const word of words) sink += stem(word).length;
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let done = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      for (const word of words) sink += stem(word).length;
      done += words.length;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    best = Math.max(best, done / (elapsed / 1000));
  }
  if (sink < 0) throw new Error('unreachable');
  return best;
}

function loadNaturalPorter(): StemFn {
  // Deep import: `require('natural')` loads every module of the package (slow, prints to stdout).
  const require = createRequire(import.meta.url);
  const porter = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };
  return (word) => porter.stem(word);
}

export const stem: BenchCase = {
  name: 'stem',
  description: 'Porter stemming: news-tagger porterStem vs natural PorterStemmer (words/s, agreement)',

  async run(ctx: BenchContext) {
    const file = ctx.data ?? join(ctx.sharedDir, 'datasets', 'reuters21578', 'train.jsonl');
    if (!existsSync(file)) {
      ctx.log(`stem: skipped, ${file} not found (set NEWS_TAGGER_SHARED or pass --data FILE)`);
      return { skipped: `missing ${file}` };
    }
    const rounds = Number(ctx.flags.get('rounds') ?? 5);
    const tokens = readTokens(file, ctx.limit);
    const vocabulary = [...new Set(tokens)];
    ctx.log(`stem: ${tokens.length} tokens, ${vocabulary.length} distinct words from ${file}`);

    const natural = loadNaturalPorter();
    let agree = 0;
    let asciiWords = 0;
    let asciiAgree = 0;
    const differences: string[] = [];
    const stems = new Set<string>();
    for (const word of vocabulary) {
      const ours = porterStem(word);
      const theirs = natural(word);
      stems.add(ours);
      const same = ours === theirs;
      if (same) agree++;
      if (ASCII_WORD.test(word)) {
        asciiWords++;
        if (same) asciiAgree++;
        else if (differences.length < 20) differences.push(`${word}: ${ours} (natural: ${theirs})`);
      }
    }

    ctx.log('stem: timing porterStem, natural, createStemmer ...');
    const ourRate = wordsPerSecond(porterStem, vocabulary, rounds);
    const naturalRate = wordsPerSecond(natural, vocabulary, rounds);
    const runningUncached = wordsPerSecond(porterStem, tokens, rounds);
    const cached = createStemmer();
    const runningCached = wordsPerSecond(cached, tokens, rounds);

    return {
      file,
      tokens: tokens.length,
      distinctWords: vocabulary.length,
      distinctStems: stems.size,
      vocabularyReduction: 1 - stems.size / vocabulary.length,
      porterStemWordsPerSec: Math.round(ourRate),
      naturalWordsPerSec: Math.round(naturalRate),
      speedup: ourRate / naturalRate,
      runningTokensPerSecUncached: Math.round(runningUncached),
      runningTokensPerSecCached: Math.round(runningCached),
      agreement: agree / vocabulary.length,
      asciiWords,
      asciiAgreement: asciiAgree / asciiWords,
      asciiDifferences: differences,
    };
  },

  format(report) {
    if ('skipped' in report) return `stem: skipped (${String(report.skipped)})`;
    const r = report as Record<string, number | string | string[]>;
    const pct = (x: unknown) => `${(Number(x) * 100).toFixed(2)}%`;
    const rate = (x: unknown) => `${(Number(x) / 1e6).toFixed(2)} M/s`;
    return [
      `stem: ${r.tokens} tokens, ${r.distinctWords} distinct words -> ${r.distinctStems} stems (-${pct(r.vocabularyReduction)})`,
      `  porterStem (distinct words)        ${rate(r.porterStemWordsPerSec)}`,
      `  natural PorterStemmer              ${rate(r.naturalWordsPerSec)}   (porterStem ${Number(r.speedup).toFixed(1)}x)`,
      `  porterStem, running tokens         ${rate(r.runningTokensPerSecUncached)}`,
      `  createStemmer(), running tokens    ${rate(r.runningTokensPerSecCached)}`,
      `  agreement with natural: ${pct(r.agreement)} of all words, ${pct(r.asciiAgreement)} of ${r.asciiWords} a-z words`,
      ...(r.asciiDifferences as string[]).map((d) => `    ${d}`),
    ].join('\n');
  },
};
