/**
 * news-tagger/batch: archive jobs for Node (CSV/JSONL streaming, worker threads, checkpoints).
 * The command-line program is a thin layer over these functions.
 */
export type {
  BatchFormat,
  BatchProgress,
  BatchRegion,
  BatchResult,
  BatchSummary,
  BatchTag,
  ColumnMap,
  RowError,
  RowErrorCode,
  TagJobOptions,
} from './types.js';
export { runTagJob, formatOf, defaultWorkers, DEFAULT_MAX_RECORD } from './run.js';
export { readRows, readRecords, readRecordBatches, parseCsvRecords, parseJsonRecord, type RawRow, type RawRecord, type ParsedRecord, type ReadOptions } from './read.js';
export { createRowValidator, DEFAULT_COLUMNS, LIST_SEPARATOR, type Validated } from './rows.js';
export { CSV_RESULT_COLUMNS, JSON_RESULT_KEYS } from './write.js';
export { checkpointPath } from './checkpoint.js';
export {
  runIndexJob,
  runRecommendJob,
  loadIndexFile,
  type IndexJobOptions,
  type RecommendJobOptions,
} from './corpus-jobs.js';
export { runTrainJob, type TrainJobOptions } from './train-job.js';
export {
  runIndexMergeJob,
  loadIndexPart,
  saveIndexPart,
  parseShard,
  INDEX_PART_MAGIC,
  INDEX_PART_VERSION,
  type IndexPartHeader,
  type LoadedIndexPart,
  type MergeJobResult,
  type ShardSpec,
} from './shards.js';
export { mergeIndexParts, recordPart, type IndexPart, type PartRecorder } from '../corpus/merge.js';
export { runTagEval, prf, type TagEvalOptions, type TagEvalReport, type PrfScore } from './evaluate.js';
