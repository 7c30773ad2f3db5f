/**
 * The per-row job, run in worker threads (or on the main thread with `workers: 0`): parse a batch of
 * raw records, check each row, tag it and encode the output line. Everything CPU-heavy happens here,
 * so the main thread only cuts records, checks duplicate ids and writes. The spec is plain data so
 * that it can be posted to a worker.
 */
import { isNewsTaggerError } from '../errors.js';
import type { TaggerOptions } from '../options.js';
import { createTagger } from '../with-model.js';
import type { Article } from '../types.js';
import { lenientId, parseCsvRecords, parseJsonRecord, type ParsedRecord } from './read.js';
import { checkRow, type ValidateOptions } from './rows.js';
import type { BatchFormat, BatchResult, BatchTag, RowErrorCode } from './types.js';
import { createEncoder, type RowEncoder } from './write.js';

export interface JobSpec {
  kind: 'tag';
  tagger: TaggerOptions;
  format: BatchFormat;
  outputFormat: BatchFormat;
  validate: ValidateOptions;
}

/**
 * What became of a batch of records, in a shape that crosses threads cheaply: a few arrays and one
 * byte buffer (transferred, not copied) instead of an object per row.
 *
 * Per record i: `ids[i]` (or '' when unread); `valid[i]` is 1 when the row passed every check but
 * duplicate ids (the main thread checks those, in input order). `failures` lists the records that
 * failed, with their code and reason (a valid record can still fail: the tagger threw on it). The
 * output lines of the tagged records are `bytes` (UTF-8), record i's line being
 * `bytes[ends[i - 1] .. ends[i])` (empty for a failed record).
 */
export interface BatchOutcome {
  ids: string[];
  valid: Uint8Array;
  failures: { index: number; code: RowErrorCode; reason: string }[];
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** The tagging step alone: article -> what a batch adds to it. Throws like the tagger does. */
export function createTagStep(options: TaggerOptions): (article: Article) => BatchResult {
  const tagger = createTagger(options);
  // One article written here, tagged at start-up: a setup error (missing data, a bad taxonomy) then
  // stops the job at once instead of failing every row.
  tagger.tag({ id: 'warm-up', title: 'Ministers meet in Geneva', body: 'The foreign ministers of France and Kenya met in Geneva on Monday.' });
  return (article) => {
    const result = tagger.tag(article);
    return {
      tags: result.tags.map((t) => {
        const tag: BatchTag = { id: t.id, label: t.label, type: t.type, score: round(t.score) };
        if (t.vocabulary !== undefined) tag.vocabulary = t.vocabulary.new ? null : t.vocabulary.tag;
        return tag;
      }),
      regions: result.regions.map((r) => ({ region: r.region, score: round(r.score), countries: r.countries.map((c) => c.id) })),
      readingTime: result.readingTime,
    };
  };
}

/** Scores to 4 decimals: enough to rank, and stable output files. */
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * Compiles the job once (createTagger) and returns the batch function; `header` is the CSV input's
 * header (column names in order), undefined for JSONL. Throws on bad options.
 */
export function createRecordJob(spec: JobSpec): (texts: readonly string[], header: readonly string[] | undefined) => Promise<BatchOutcome> {
  const tag = createTagStep(spec.tagger);
  let encoder: RowEncoder | undefined;
  let encoderHeader: readonly string[] | undefined;
  const utf8 = new TextEncoder();

  return async (texts, header) => {
    if (encoder === undefined || !sameColumns(encoderHeader, header)) {
      encoder = createEncoder(spec.outputFormat, header);
      encoderHeader = header;
    }
    const parsed: ParsedRecord[] = spec.format === 'csv' ? await parseCsvRecords(texts, header ?? []) : texts.map(parseJsonRecord);
    const n = parsed.length;
    const ids: string[] = new Array<string>(n).fill('');
    const valid = new Uint8Array(n);
    const failures: BatchOutcome['failures'] = [];
    const good: { fields: ReadonlyMap<string, unknown>; result: BatchResult }[] = [];
    const goodAt: number[] = [];
    for (let i = 0; i < n; i++) {
      const record = parsed[i] as ParsedRecord;
      if (!(record instanceof Map)) {
        ids[i] = lenientId(texts[i] as string, spec.format, header, spec.validate.columns.id);
        failures.push({ index: i, code: record.code, reason: record.reason });
        continue;
      }
      const checked = checkRow(record, spec.validate);
      if (!('article' in checked)) {
        ids[i] = checked.id;
        failures.push({ index: i, code: checked.code, reason: checked.reason });
        continue;
      }
      ids[i] = checked.article.id;
      valid[i] = 1;
      try {
        good.push({ fields: record, result: tag(checked.article) });
        goodAt.push(i);
      } catch (error) {
        const code: RowErrorCode = isNewsTaggerError(error, 'INPUT_TOO_LARGE')
          ? 'OVERSIZE'
          : isNewsTaggerError(error, 'INVALID_ARTICLE')
            ? 'INVALID_FIELD'
            : 'TAG_FAILED';
        const reason = code === 'TAG_FAILED' ? String((error as Error)?.stack ?? error).slice(0, 500) : (error as Error).message;
        failures.push({ index: i, code, reason });
      }
    }
    const lines = await encoder.rows(good);
    const ends = new Uint32Array(n);
    let end = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (goodAt[k] === i) end += Buffer.byteLength(lines[k++] as string, 'utf8');
      ends[i] = end;
    }
    // TextEncoder gives a buffer of its own (Buffer.from may hand out a slice of a shared pool,
    // which cannot be transferred)
    return { ids, valid, failures, bytes: utf8.encode(lines.join('')), ends };
  };
}

function sameColumns(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
