/**
 * A deterministic synthetic news archive for scale benchmarks (no text from any dataset).
 *
 * Generator: a vocabulary of V pseudo-words (consonant-vowel syllables, 3 to 4 syllables, so none is a
 * stopword) with Zipf frequencies (exponent s = 1.07 over ranks 1..V, as word counts in news copy);
 * T topics, each owning 100 words drawn uniformly from the ranks 500..V (mid-frequency and rare
 * words). An article picks a topic; its title has 8 words and its body 60 to 180 words (uniform),
 * each word taken from its topic with probability 0.25 and from the global Zipf distribution
 * otherwise. Dates are uniform over 2021-2025; the section is the topic modulo 12. The random source
 * is mulberry32 with a fixed seed, so the archive is the same on every run.
 */
import { random } from '../scripts/lib/synthetic-archive.js';
import type { IndexArticle } from '../src/index.js';

export interface SyntheticOptions {
  vocabulary?: number;
  topics?: number;
  seed?: number;
}

const CONSONANTS = 'bdfgklmnprstvzhj';
const VOWELS = 'aeiou';

function pseudoWord(i: number): string {
  let n = i + 6400; // at least three syllables
  let out = '';
  while (n > 0) {
    const syl = n % 80;
    out += (CONSONANTS[syl % 16] as string) + (VOWELS[Math.floor(syl / 16)] as string);
    n = Math.floor(n / 80);
  }
  return out;
}

/** Generates `n` articles lazily. */
export function* syntheticArticles(n: number, options: SyntheticOptions = {}): Generator<IndexArticle> {
  const V = options.vocabulary ?? 100_000;
  const T = options.topics ?? 500;
  const rand = random(options.seed ?? 20260227);
  const words = Array.from({ length: V }, (_, i) => pseudoWord(i));
  const cdf = new Float64Array(V);
  let sum = 0;
  for (let r = 0; r < V; r++) {
    sum += 1 / Math.pow(r + 1, 1.07);
    cdf[r] = sum;
  }
  for (let r = 0; r < V; r++) cdf[r] = (cdf[r] as number) / sum;
  const zipf = (): string => {
    const u = rand();
    let lo = 0;
    let hi = V - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
  const topicWords = Array.from({ length: T }, () => Array.from({ length: 100 }, () => words[500 + Math.floor(rand() * (V - 500))] as string));
  const start = Date.UTC(2021, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  for (let i = 0; i < n; i++) {
    const topic = Math.floor(rand() * T);
    const own = topicWords[topic] as string[];
    const pick = (p: number): string => (rand() < p ? (own[Math.floor(rand() * own.length)] as string) : zipf());
    const title: string[] = [];
    for (let j = 0; j < 8; j++) title.push(pick(0.5));
    const length = 60 + Math.floor(rand() * 121);
    const body: string[] = [];
    for (let j = 0; j < length; j++) body.push(pick(0.25));
    yield {
      id: `syn-${i}`,
      title: title.join(' '),
      body: body.join(' '),
      date: new Date(start + Math.floor(rand() * span)).toISOString(),
      section: `section-${topic % 12}`,
    };
  }
}
