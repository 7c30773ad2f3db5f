/**
 * The plan of a queue job, as `submit` records it in Redis and workers and `collect` read it: the
 * input's identity, its format and CSV header, the output format, the columns, the tagger options
 * and the row checks. Workers build their `JobSpec` (src/batch/job.ts) from it, so every chunk is
 * tagged with the same options wherever it runs.
 */
import type { JobSpec } from '../batch/job.js';
import type { BatchFormat, ColumnMap } from '../batch/types.js';
import { createError } from '../errors.js';
import { resolveOptions, type TaggerOptions } from '../options.js';
import type { Connection } from './connection.js';
import { keys } from './connection.js';

export const PLAN_VERSION = 1;

export interface QueuePlan {
  version: number;
  job: string;
  /** Ties the plan to its input and to every option that changes the output. */
  fingerprint: string;
  format: BatchFormat;
  outputFormat: BatchFormat;
  /** The CSV input's header (undefined for JSONL). */
  header: string[] | undefined;
  columns: Required<ColumnMap>;
  tagger: TaggerOptions;
  allowEmptyBody: boolean;
  maxRecordBytes: number;
  chunkSize: number;
}

/** Where a job stands, as its hash says. */
export interface JobState {
  plan: QueuePlan;
  /** "submitting" until every chunk is enqueued, then "ready" with the counts. */
  state: 'submitting' | 'ready';
  chunks: number | undefined;
  rows: number | undefined;
}

/** The worker's job spec of a plan. */
export function specOf(plan: QueuePlan): JobSpec {
  const validate = { columns: plan.columns, maxFieldLength: resolveOptions(plan.tagger).maxFieldLength, allowEmptyBody: plan.allowEmptyBody };
  return { kind: 'tag', tagger: plan.tagger, format: plan.format, outputFormat: plan.outputFormat, validate };
}

/** Reads a job's hash. Undefined when there is no such job; QUEUE_JOB when it is not ours. */
export async function readJobState(conn: Connection, job: string): Promise<JobState | undefined> {
  const hash = await conn.redis.hgetall(keys.job(job));
  if (hash.plan === undefined) return undefined;
  let plan: QueuePlan;
  try {
    plan = JSON.parse(hash.plan) as QueuePlan;
  } catch {
    throw createError('QUEUE_JOB', job, 'its plan in Redis is not valid JSON');
  }
  if (plan.version !== PLAN_VERSION) throw createError('QUEUE_JOB', job, `its plan has version ${String(plan.version)}, this news-tagger reads ${PLAN_VERSION}`);
  const count = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
  return { plan, state: hash.state === 'ready' ? 'ready' : 'submitting', chunks: count(hash.chunks), rows: count(hash.rows) };
}
