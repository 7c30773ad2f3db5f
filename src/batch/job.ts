/**
 * The per-row job, run in worker threads (or on the main thread with `workers: 0`): parse a batch of
 * raw records, check each row, tag it and encode the output line. Everything CPU-heavy happens here,
 * so the main thread only cuts records, checks duplicate ids and writes. The spec is plain data so
 * that it can be posted to a worker.
 */
import { isNewsTaggerError } from '../errors.js';
import type { TaggerOptions } from '../options.js';
import { createTagger } from '../tagger.js';
import type { Article } from '../types.js';
import { parseCsvRecords, parseJsonRecord, type ParsedRecord } from './read.js';
import { checkRow, type ValidateOptions } from './rows.js';
import type { BatchFormat, BatchResult, BatchTag, RowErrorCode } from './types.js';
import { createEncoder } from './write.js';

export interface JobSpec {
  kind: 'tag';
  tagger: TaggerOptions;
  format: BatchFormat;
  outputFormat: BatchFormat;
  /** The CSV input's header (column names in order); undefined for JSONL. */
  header: readonly string[] | undefined;
  validate: ValidateOptions;
}

/**
 * What became of one record. `valid`: the row passed every check but duplicate ids (the main thread
 * checks those, in input order). `text`: the encoded output line. Otherwise `code` and `reason`.
 */
export interface RecordOutcome {
  id: string;
  valid: boolean;
  text?: string;
  code?: RowErrorCode;
  reason?: string;
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

/** Compiles the job once (createTagger) and returns the batch function. Throws on bad options. */
export function createRecordJob(spec: JobSpec): (texts: string[]) => Promise<RecordOutcome[]> {
  const tag = createTagStep(spec.tagger);
  const encoder = createEncoder(spec.outputFormat, spec.header);
  const parse = async (texts: string[]): Promise<ParsedRecord[]> =>
    spec.format === 'csv' ? parseCsvRecords(texts, spec.header ?? []) : texts.map(parseJsonRecord);

  return async (texts) => {
    const parsed = await parse(texts);
    const outcomes: RecordOutcome[] = [];
    const good: { fields: ReadonlyMap<string, unknown>; result: BatchResult }[] = [];
    const goodAt: number[] = [];
    for (const record of parsed) {
      if (!(record instanceof Map)) {
        outcomes.push({ id: '', valid: false, code: record.code, reason: record.reason });
        continue;
      }
      const checked = checkRow(record, spec.validate);
      if (!('article' in checked)) {
        outcomes.push({ id: checked.id, valid: false, code: checked.code, reason: checked.reason });
        continue;
      }
      const id = checked.article.id;
      try {
        good.push({ fields: record, result: tag(checked.article) });
        goodAt.push(outcomes.length);
        outcomes.push({ id, valid: true });
      } catch (error) {
        const code: RowErrorCode = isNewsTaggerError(error, 'INPUT_TOO_LARGE')
          ? 'OVERSIZE'
          : isNewsTaggerError(error, 'INVALID_ARTICLE')
            ? 'INVALID_FIELD'
            : 'TAG_FAILED';
        const reason = code === 'TAG_FAILED' ? String((error as Error)?.stack ?? error).slice(0, 500) : (error as Error).message;
        outcomes.push({ id, valid: true, code, reason });
      }
    }
    const lines = await encoder.rows(good);
    for (let i = 0; i < goodAt.length; i++) (outcomes[goodAt[i] as number] as RecordOutcome).text = lines[i] as string;
    return outcomes;
  };
}
