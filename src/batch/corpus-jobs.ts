/**
 * Archive jobs around the related-articles index: build it from an archive file and save it
 * (`runIndexJob`), and answer Related News / Read Next for one id, a list of ids, or every article
 * (`runRecommendJob`). Rows are read and checked as in `runTagJob` (same errors, same accounting:
 * archive-file.ts); indexing runs on the main thread because the index is one structure.
 */
import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { writeToString } from 'fast-csv';
import { createCorpusIndex, type CorpusIndex } from '../corpus/index.js';
import type { CorpusIndexOptions, EntityRef } from '../corpus/options.js';
import type { RelatedResult } from '../corpus/related.js';
import { loadCorpusIndex } from '../corpus/serialize.js';
import { createError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import { createTagger } from '../with-model.js';
import type { Article } from '../types.js';
import { recordPart } from '../corpus/merge.js';
import { runArchiveFileJob, type ArchiveFileJobOptions } from './archive-file.js';
import { checkShard, saveIndexPart, type ShardSpec } from './shards.js';
import { formatOf } from './run.js';
import type { BatchFormat, BatchProgress, BatchSummary, ColumnMap } from './types.js';
import { openJobOutput } from './outputs.js';
import { finalPath, partialPath, refuseSameFiles } from './paths.js';

export interface IndexJobOptions extends ArchiveFileJobOptions {
  /** Index the tags of each article (from `createTagger(tagger).tag()`) as entity terms. Default false. */
  entities?: boolean;
  tagger?: TaggerOptions;
  /** Options of `createCorpusIndex()` (except `entities`, set by the option above). */
  corpus?: Omit<CorpusIndexOptions, 'entities'>;
  /**
   * Index only the rows whose (row number - 1) modulo `count` is `index`, and save a part file for
   * `runIndexMergeJob` instead of an index (see shards.ts). Every row is still read and checked, so
   * that duplicate ids are decided as in a single build; rowsRead counts this part's rows.
   */
  shard?: ShardSpec;
}

/** Builds the index of an archive and saves it. Resolves with the row account and the index. */
export async function runIndexJob(options: IndexJobOptions): Promise<{ summary: BatchSummary; index: CorpusIndex }> {
  const taggerOptions = options.tagger ?? {};
  const resolved = resolveOptions(taggerOptions);
  const corpusOptions: CorpusIndexOptions = { ...(options.corpus ?? {}) };
  if (options.entities === true) {
    const tagger = createTagger(taggerOptions);
    corpusOptions.entities = (article: Article): EntityRef[] => tagger.tag(article).tags.map((t) => ({ id: t.id, weight: t.score }));
  }
  const shard = options.shard === undefined ? undefined : checkShard(options.shard);
  const index = createCorpusIndex(corpusOptions);
  const recorder = shard === undefined ? undefined : recordPart(index);
  const summary = await runArchiveFileJob(
    { ...options, outputRole: 'index file', maxFieldLength: resolved.maxFieldLength, shard },
    (article, rowNumber) => {
      index.add(article);
      recorder?.added(rowNumber);
    },
    (run) =>
      shard === undefined || recorder === undefined
        ? index.save()
        : saveIndexPart(index, recorder, { shard: shard.index, shards: shard.count, inputRows: run.inputRows, inputDigest: run.inputDigest(), rowsRead: run.rowsRead, rowsWritten: run.rowsWritten, rowsFailed: run.rowsFailed, failures: run.failures }),
  );
  return { summary, index };
}

/** Loads an index file saved by `runIndexJob` (or `index.save()`). Throws INDEX_* or BATCH_INPUT. */
export async function loadIndexFile(path: string, options: CorpusIndexOptions = {}): Promise<CorpusIndex> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw createError('BATCH_INPUT', `${path}: ${(error as Error).message}`);
  }
  return loadCorpusIndex(bytes, options);
}

export interface RecommendJobOptions {
  /** The index (loaded) or the path of an index file. */
  index: CorpusIndex | string;
  /** 'related' (Related News) or 'readnext' (Read Next). */
  mode: 'related' | 'readnext';
  /** The article ids to answer for; default: every article in the index, in index order. */
  ids?: Iterable<string>;
  /** Results per article (default 5). */
  k?: number;
  /** A file path, "-" for stdout, or a writable stream. */
  output: string | Writable;
  /** 'jsonl' (one {id, related: [...]} per line) or 'csv' (id,rank,related_id,score,title). */
  outputFormat?: BatchFormat;
  onProgress?(progress: BatchProgress): void;
}

/** Writes recommendations for the given ids (or all). Unknown ids throw UNKNOWN_ID. */
export async function runRecommendJob(options: RecommendJobOptions): Promise<{ articles: number; seconds: number }> {
  const started = performance.now();
  const index = typeof options.index === 'string' ? await loadIndexFile(options.index) : options.index;
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) throw createError('INVALID_OPTION', 'k', k, 'an integer >= 1');
  const format = options.outputFormat ?? formatOf(typeof options.output === 'string' ? options.output : undefined) ?? 'jsonl';
  const ids = options.ids === undefined ? index.ids() : [...options.ids];
  for (const id of ids) if (!index.has(id)) throw createError('UNKNOWN_ID', id);
  refuseSameFiles([
    { role: 'index file', target: typeof options.index === 'string' ? options.index : undefined },
    { role: 'output', target: options.output, fd: 1 },
    ...(typeof options.output === 'string' && options.output !== '-' ? [{ role: 'partial output', target: partialPath(finalPath(options.output)) }] : []),
  ]);
  const outFile = await openJobOutput(options.output);
  const out = outFile.sink;
  let completed = false;
  const key = options.mode === 'related' ? 'related' : 'readNext';
  let done = 0;
  try {
    if (format === 'csv') await out.write('id,rank,related_id,score,title\n');
    let buffer: string[] = [];
    const flush = async (): Promise<void> => {
      await out.write(buffer.join(''));
      buffer = [];
    };
    for (const id of ids) {
      const results: RelatedResult[] = options.mode === 'related' ? index.related(id, { k }) : index.readNext(id, { k });
      const compact = results.map((r) => ({ id: r.id, score: Math.round(r.score * 1e4) / 1e4, title: r.title }));
      if (format === 'csv') {
        if (compact.length > 0) buffer.push(await writeToString(compact.map((r, i) => [id, String(i + 1), r.id, String(r.score), r.title]), { includeEndRowDelimiter: true }));
      } else buffer.push(`${JSON.stringify({ id, [key]: compact })}\n`);
      done++;
      if (buffer.length >= 256) await flush();
      if (options.onProgress !== undefined && done % 1000 === 0) {
        const elapsed = (performance.now() - started) / 1000;
        options.onProgress({ rowsRead: done, rowsWritten: done, rowsFailed: 0, bytesRead: done, totalBytes: ids.length, elapsed, rowsPerSecond: done / elapsed });
      }
    }
    await flush();
    completed = true;
  } finally {
    if (completed) await outFile.commit();
    else await outFile.abandon(false);
  }
  return { articles: done, seconds: (performance.now() - started) / 1000 };
}

function definedOnly(columns: ColumnMap): ColumnMap {
  const out: ColumnMap = {};
  for (const [key, value] of Object.entries(columns)) if (typeof value === 'string' && value.length > 0) out[key as keyof ColumnMap] = value;
  return out;
}
