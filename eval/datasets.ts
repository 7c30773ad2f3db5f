/**
 * Loaders for the evaluation datasets in ../shared/datasets (see its README). They read the files at
 * run time; nothing from them is ever written into this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One record of the common JSONL schema. */
export interface DatasetArticle {
  id: string;
  title: string;
  body: string;
  lang: string;
  date?: string;
  url?: string;
  category?: string;
  tags?: string[];
  people?: string[];
  places?: string[];
  orgs?: string[];
  topics?: string[];
  regions?: string[];
  cluster?: string;
  meta?: Record<string, unknown>;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared folder: env NEWS_TAGGER_SHARED, or ../shared beside the repository. */
export function sharedDir(): string {
  return resolve(process.env.NEWS_TAGGER_SHARED ?? join(REPO_ROOT, '..', 'shared'));
}

/** Well-known dataset files, relative to the shared folder. */
export const DATASETS = {
  reuters: 'datasets/reuters21578/train.jsonl',
  guardian: 'datasets/guardian-world-2022/articles.jsonl',
  almayadeen: 'datasets/almayadeen-ar-2023-2024/articles.jsonl',
  bbc: 'datasets/bbc-news-2225/articles.jsonl',
  neus: 'datasets/allsides-neus-clusters/articles.jsonl',
  conllTrain: 'datasets/conll2003/eng.train',
  conllDev: 'datasets/conll2003/eng.testa',
} as const;

export class DatasetMissingError extends Error {
  constructor(readonly path: string) {
    super(`dataset not found: ${path} (the evaluation data lives in ../shared/datasets; set NEWS_TAGGER_SHARED to its parent folder)`);
  }
}

/** Resolves `--data FILE` or a well-known dataset; throws DatasetMissingError when absent. */
export function datasetPath(shared: string, name: keyof typeof DATASETS, override?: string): string {
  const path = override !== undefined ? resolve(override) : join(shared, DATASETS[name]);
  if (!existsSync(path)) throw new DatasetMissingError(path);
  return path;
}

/** Reads a JSONL file of the common schema. Malformed lines throw with their line number. */
export function loadJsonl(path: string, limit = Number.POSITIVE_INFINITY): DatasetArticle[] {
  const out: DatasetArticle[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const line = (lines[i] as string).trim();
    if (line.length === 0) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (record === null || typeof record !== 'object') throw new Error(`${path}:${i + 1}: not a JSON object`);
    const r = record as Record<string, unknown>;
    if (typeof r.id !== 'string') throw new Error(`${path}:${i + 1}: record has no string "id"`);
    out.push({ ...(r as unknown as DatasetArticle), title: String(r.title ?? ''), body: String(r.body ?? ''), lang: String(r.lang ?? 'en') });
  }
  return out;
}
