/**
 * Checkpoints for `resume`: a small JSON file beside the output, replaced atomically (write to a
 * temporary file, then rename). It records how many input rows are fully accounted for and how many
 * bytes of output and errors hold them; both files are flushed to disk before it is written.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createError } from '../errors.js';
import type { RowErrorCode } from './types.js';

export const CHECKPOINT_VERSION = 1;

export interface Checkpoint {
  version: number;
  /** Identifies the job: input identity and every option that changes the output. */
  fingerprint: string;
  /** Rows 1..rowsDone are in the output or the errors file. */
  rowsDone: number;
  rowsWritten: number;
  rowsFailed: number;
  failures: Partial<Record<RowErrorCode, number>>;
  outputBytes: number;
  errorsBytes: number;
}

export function checkpointPath(output: string): string {
  return `${output}.checkpoint.json`;
}

export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(checkpoint)}\n`);
  await rename(tmp, path);
}

/** Reads a checkpoint; undefined when there is none. Throws BATCH_RESUME when it is unusable. */
export async function loadCheckpoint(path: string, fingerprint: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw createError('BATCH_RESUME', `${path}: ${(error as Error).message}`);
  }
  let value: Checkpoint;
  try {
    value = JSON.parse(text) as Checkpoint;
  } catch {
    throw createError('BATCH_RESUME', `${path} is not valid JSON`);
  }
  if (value.version !== CHECKPOINT_VERSION) throw createError('BATCH_RESUME', `${path} has version ${String(value.version)}, expected ${CHECKPOINT_VERSION}`);
  if (value.fingerprint !== fingerprint) {
    throw createError('BATCH_RESUME', `${path} was written by a job with another input or other options; run without --resume to start again`);
  }
  for (const key of ['rowsDone', 'rowsWritten', 'rowsFailed', 'outputBytes', 'errorsBytes'] as const) {
    if (!Number.isInteger(value[key]) || value[key] < 0) throw createError('BATCH_RESUME', `${path}: bad "${key}"`);
  }
  return value;
}

export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
}
