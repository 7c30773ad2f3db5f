/**
 * The article-extraction benchmark pages (../shared/datasets/article-extraction-benchmark), read at
 * run time and never copied, and the peer extractor (Readability.js over linkedom) when installed.
 *
 * The split, by page key: keys starting 0-3 are the tuning half (every weight and threshold of
 * src/page/ was chosen on them), keys starting 4-7 are held out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetMissingError } from './datasets.js';

export interface BenchmarkPage {
  key: string;
  html: string;
  truth: string;
  url: string;
  split: 'tune' | 'held-out';
}

export const EXTRACTION_DIR = 'datasets/article-extraction-benchmark';

/** The split of a page key: 0-3 tune, anything else held out. */
export function splitOf(key: string): 'tune' | 'held-out' {
  return /^[0-3]/.test(key) ? 'tune' : 'held-out';
}

/** Reads every page with its ground truth, sorted by key. */
export function loadBenchmarkPages(sharedDir: string, limit = Number.POSITIVE_INFINITY): BenchmarkPage[] {
  const dir = join(sharedDir, EXTRACTION_DIR);
  const truthPath = join(dir, 'ground-truth.json');
  if (!existsSync(truthPath)) throw new DatasetMissingError(truthPath);
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const files = readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).sort();
  const pages: BenchmarkPage[] = [];
  for (const file of files) {
    if (pages.length >= limit) break;
    const key = file.slice(0, -'.html.gz'.length);
    const gold = truth[key];
    if (gold === undefined) continue;
    const html = gunzipSync(readFileSync(join(dir, 'html', file))).toString('utf8');
    pages.push({ key, html, truth: gold.articleBody, url: gold.url, split: splitOf(key) });
  }
  return pages;
}

export type PeerExtractor = (html: string, url: string) => string;

/** Readability.js over linkedom's DOM, when both devDependencies are installed; else undefined. */
export async function loadReadability(): Promise<PeerExtractor | undefined> {
  try {
    const { Readability } = (await import('@mozilla/readability')) as typeof import('@mozilla/readability');
    const { parseHTML } = (await import('linkedom')) as typeof import('linkedom');
    return (html) => {
      try {
        const { document } = parseHTML(html);
        const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
        return parsed?.textContent ?? '';
      } catch {
        return '';
      }
    };
  } catch {
    return undefined;
  }
}
