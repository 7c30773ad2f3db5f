/**
 * Checkpoints for `resume`: a small JSON file beside the output, replaced atomically (write to a
 * temporary file, then rename). It records how many input rows are fully accounted for, a digest of
 * those input records, and the length and SHA-256 of the part of the output, errors and accepted-ids
 * files that holds them; those files are flushed to disk before it is written.
 *
 * A checkpoint cannot lie: `--resume` checks that the kept part of each file still has its digest
 * (before cutting anything off), and that the input's first `rowsDone` records still have theirs
 * (before anything is appended). Any malformed checkpoint, or any mismatch, is BATCH_RESUME.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createError } from '../errors.js';
import type { RawRecord } from './read.js';
import type { RowErrorCode } from './types.js';

export const CHECKPOINT_VERSION = 3;

/** Where a file stood at a checkpoint: its length and the SHA-256 (hex) of those bytes. */
export interface FileMark {
  bytes: number;
  digest: string;
}

export interface Checkpoint {
  version: number;
  /** Identifies the job: input name and every option that changes the output. */
  fingerprint: string;
  /** Rows 1..rowsDone are in the output or the errors file. */
  rowsDone: number;
  rowsWritten: number;
  rowsFailed: number;
  failures: Partial<Record<RowErrorCode, number>>;
  /** SHA-256 of the input's header and records 1..rowsDone (see `RecordDigest`). */
  inputDigest: string;
  output: FileMark;
  errors: FileMark;
  /** The accepted-ids file (`<output>.ids`): the ids of rows 1..rowsDone accepted so far. */
  ids: FileMark;
}

export function checkpointPath(output: string): string {
  return `${output}.checkpoint.json`;
}

/** The ids accepted before the checkpoint, one JSON string per line (for the duplicate-id check). */
export function idsPath(output: string): string {
  return `${output}.ids`;
}

/**
 * A running SHA-256 of what the job read: the CSV header, then each record (its line, and its text
 * or its reading error). The output of rows 1..n depends on nothing else (with the options in the
 * fingerprint), so equal digests mean that resuming gives the output of an uninterrupted run.
 */
export class RecordDigest {
  private readonly hash = createHash('sha256');

  header(columns: readonly string[]): void {
    this.hash.update(`H${JSON.stringify(columns)}\n`);
  }

  record(record: RawRecord): void {
    if ('text' in record) {
      this.hash.update(`T${record.line}:${record.text.length}:`);
      this.hash.update(record.text);
    } else {
      this.hash.update(`E${record.line}:${JSON.stringify([record.error.code, record.error.reason, record.id])}`);
    }
  }

  value(): string {
    return this.hash.copy().digest('hex');
  }
}

/** Reads the ids accepted before the checkpoint (the caller has checked the file's digest). */
export async function loadIds(path: string, bytes: number): Promise<string[]> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw createError('BATCH_RESUME', `${path}: ${(error as Error).message}`);
  }
  if (data.length < bytes) throw createError('BATCH_RESUME', `${path} is shorter than its checkpoint says (${data.length} < ${bytes} bytes)`);
  const ids: string[] = [];
  for (const line of data.subarray(0, bytes).toString('utf8').split('\n')) {
    if (line.length === 0) continue;
    let id: unknown;
    try {
      id = JSON.parse(line);
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string') throw createError('BATCH_RESUME', `${path} is corrupt`);
    ids.push(id);
  }
  return ids;
}

export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const tmp = `${path}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(checkpoint)}\n`);
    await rename(tmp, path);
  } catch (error) {
    throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
  }
}

const CODES: ReadonlySet<string> = new Set<RowErrorCode>(['MALFORMED_ROW', 'MISSING_ID', 'MISSING_TEXT', 'DUPLICATE_ID', 'OVERSIZE', 'INVALID_FIELD', 'TAG_FAILED']);
const DIGEST = /^[0-9a-f]{64}$/;

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Why `value` is not a well-formed checkpoint, or undefined when it is one. Checks every field. */
export function checkpointProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `it holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`;
  if (value.version !== CHECKPOINT_VERSION) return `it has version ${JSON.stringify(value.version)}, expected ${CHECKPOINT_VERSION} (written by another version of news-tagger?)`;
  if (typeof value.fingerprint !== 'string') return 'bad "fingerprint"';
  for (const key of ['rowsDone', 'rowsWritten', 'rowsFailed'] as const) if (!isCount(value[key])) return `bad "${key}"`;
  if ((value.rowsWritten as number) + (value.rowsFailed as number) !== value.rowsDone) return 'rowsWritten + rowsFailed is not rowsDone';
  if (!isObject(value.failures)) return 'bad "failures"';
  let failed = 0;
  for (const [code, count] of Object.entries(value.failures)) {
    if (!CODES.has(code) || !isCount(count)) return `bad "failures.${code}"`;
    failed += count;
  }
  if (failed !== value.rowsFailed) return 'the failures by code do not add up to rowsFailed';
  if (typeof value.inputDigest !== 'string' || !DIGEST.test(value.inputDigest)) return 'bad "inputDigest"';
  for (const key of ['output', 'errors', 'ids'] as const) {
    const mark = value[key];
    if (!isObject(mark) || !isCount(mark.bytes) || typeof mark.digest !== 'string' || !DIGEST.test(mark.digest)) return `bad "${key}"`;
  }
  return undefined;
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw createError('BATCH_RESUME', `${path} is not valid JSON`);
  }
  const problem = checkpointProblem(value);
  if (problem !== undefined) throw createError('BATCH_RESUME', `${path} is not a usable checkpoint: ${problem}`);
  const checkpoint = value as Checkpoint;
  if (checkpoint.fingerprint !== fingerprint) {
    throw createError('BATCH_RESUME', `${path} was written by a job with another input or other options; run without --resume to start again`);
  }
  return checkpoint;
}

export async function removeCheckpoint(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
    await rm(`${path}.tmp`, { force: true });
  } catch (error) {
    throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
  }
}
