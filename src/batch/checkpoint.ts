/**
 * Checkpoints for `resume`: a small JSON file beside the output, replaced atomically (write to a
 * temporary file, then rename). It records how many input rows are fully accounted for and how many
 * bytes of output, errors and accepted ids hold them; those files are flushed to disk before it is
 * written.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createError } from '../errors.js';
import type { RowErrorCode } from './types.js';

export const CHECKPOINT_VERSION = 2;

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
  /** Bytes of the accepted-ids file (`<output>.ids`) that belong to rows 1..rowsDone. */
  idsBytes: number;
}

export function checkpointPath(output: string): string {
  return `${output}.checkpoint.json`;
}

/** The ids accepted before the checkpoint, one JSON string per line (for the duplicate-id check). */
export function idsPath(output: string): string {
  return `${output}.ids`;
}

/** Reads the first `bytes` bytes of an ids file. Throws BATCH_RESUME when it is missing or short. */
export async function loadIds(path: string, bytes: number): Promise<string[]> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw createError('BATCH_RESUME', `${path}: ${(error as Error).message}`);
  }
  if (data.length < bytes) throw createError('BATCH_RESUME', `${path} is shorter than its checkpoint says (${data.length} < ${bytes} bytes)`);
  const text = data.subarray(0, bytes).toString('utf8');
  const ids: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      ids.push(JSON.parse(line) as string);
    } catch {
      throw createError('BATCH_RESUME', `${path} is corrupt`);
    }
  }
  return ids;
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
  for (const key of ['rowsDone', 'rowsWritten', 'rowsFailed', 'outputBytes', 'errorsBytes', 'idsBytes'] as const) {
    if (!Number.isInteger(value[key]) || value[key] < 0) throw createError('BATCH_RESUME', `${path}: bad "${key}"`);
  }
  return value;
}

export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
}
