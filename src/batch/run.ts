/**
 * `runTagJob()`: tags a whole archive. Rows stream from the input through validation (main thread,
 * input order) to the worker pool in batches; results are written in input order. At most
 * `2 * workers + 1` batches are in flight, so memory stays constant whatever the archive size.
 * Every row read is accounted for: written to the output, or to the errors with a code.
 *
 * The plan, in order: check the options and name the files (plan.ts); refuse when two files are one;
 * on resume, load the checkpoint and check the kept output against it; open the outputs (partial
 * files); stream the rows through the pool, writing each batch in order and checkpointing; rename
 * the partial files onto their final names.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createError } from '../errors.js';
import { CHECKPOINT_VERSION, loadCheckpoint, loadIds, RecordDigest, removeCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.js';
import type { BatchOutcome } from './job.js';
import { NO_OUTPUT, openJobOutput, type JobOutput } from './outputs.js';
import { refuseSameFiles } from './paths.js';
import { planTagJob, type TagJobPlan } from './plan.js';
import { createInlinePool, createPool, type RowPool } from './pool.js';
import { readRecordBatches, type RawRecord } from './read.js';
import { duplicateReason } from './rows.js';
import type { BatchProgress, BatchSummary, RowError, RowErrorCode, TagJobOptions } from './types.js';
import { createEncoder, createErrorEncoder, fileSink, nullSink, type Sink } from './write.js';

export { DEFAULT_MAX_RECORD, SMALL_INPUT_BYTES, defaultWorkers, formatOf } from './plan.js';

/** Runs a tagging job over an archive. Resolves with the summary; rejects only on fatal errors. */
export async function runTagJob(options: TagJobOptions): Promise<BatchSummary> {
  const started = performance.now();
  const plan = await planTagJob(options);
  refuseSameFiles(plan.files); // before anything is opened for writing
  const checkpoint = await resumePoint(plan, options.resume === true);
  const files = await openFiles(plan, checkpoint);
  const tally = newTally(checkpoint);
  let completed = false;
  try {
    await tagRows(plan, options, files, checkpoint, tally, started);
    completed = true;
  } finally {
    await closeFiles(plan, files, completed, tally.checkpointed);
  }
  options.onProgress?.(tally.progress(started, plan.totalBytes));
  return {
    rowsRead: tally.rowsRead,
    rowsWritten: tally.rowsWritten,
    rowsFailed: tally.rowsFailed,
    failures: tally.failures,
    resumedRows: tally.skipUntil,
    seconds: (performance.now() - started) / 1000,
    workers: tally.workers,
  };
}

/** The checkpoint to resume from (verified against the files in `openFiles`), or undefined. */
async function resumePoint(plan: TagJobPlan, resume: boolean): Promise<Checkpoint | undefined> {
  if (plan.checkpoint === undefined) return undefined;
  if (resume) return loadCheckpoint(plan.checkpoint, plan.fingerprint);
  await removeCheckpoint(plan.checkpoint); // a stale one from an earlier run must not outlive this one
  return undefined;
}

interface JobFiles {
  out: JobOutput;
  errs: JobOutput;
  /** The ids accepted so far, one JSON string per line: on resume they rebuild the duplicate-id set. */
  ids: Sink;
  /** Ids accepted by the rows before the checkpoint. */
  seen: Set<string>;
}

/**
 * Opens the output, the errors and the ids file; on resume each keeps the part its checkpoint
 * recorded, after checking its digest (BATCH_RESUME on any difference). Closes what it opened when
 * a later one fails.
 */
async function openFiles(plan: TagJobPlan, checkpoint: Checkpoint | undefined): Promise<JobFiles> {
  const digest = plan.checkpoint !== undefined;
  const opened: JobOutput[] = [];
  try {
    const out = await openJobOutput(plan.output, { digest, ...(checkpoint ? { resume: checkpoint.output } : {}) });
    opened.push(out);
    const errs = plan.errors === undefined ? NO_OUTPUT : await openJobOutput(plan.errors, { digest, dropIfEmpty: true, ...(checkpoint ? { resume: checkpoint.errors } : {}) });
    opened.push(errs);
    const seen = new Set<string>();
    let ids: Sink = nullSink;
    if (plan.ids !== undefined) {
      ids = await fileSink(plan.ids, { digest, ...(checkpoint ? { resume: checkpoint.ids } : {}) });
      if (checkpoint !== undefined) for (const id of await loadIds(plan.ids, checkpoint.ids.bytes)) seen.add(id);
    }
    return { out, errs, ids, seen };
  } catch (error) {
    await Promise.all(opened.map((o) => o.abandon(checkpoint !== undefined)));
    throw error;
  }
}

/** Renames the outputs onto their names when the job completed; else keeps what a checkpoint needs. */
async function closeFiles(plan: TagJobPlan, files: JobFiles, completed: boolean, checkpointed: boolean): Promise<void> {
  if (!completed) {
    await Promise.allSettled([files.out.abandon(checkpointed), files.errs.abandon(checkpointed), files.ids.close()]);
    if (!checkpointed && plan.ids !== undefined) await rm(plan.ids, { force: true });
    return;
  }
  try {
    await files.ids.close();
    await files.errs.commit();
    await files.out.commit();
  } catch (error) {
    await Promise.allSettled([files.out.abandon(checkpointed), files.errs.abandon(checkpointed)]);
    throw error;
  }
  if (plan.checkpoint !== undefined) await removeCheckpoint(plan.checkpoint);
  if (plan.ids !== undefined) await rm(plan.ids, { force: true });
}

/** The running account of a job. */
interface Tally {
  skipUntil: number;
  rowsRead: number;
  rowsWritten: number;
  rowsFailed: number;
  rowsDone: number;
  bytesRead: number;
  failures: Partial<Record<RowErrorCode, number>>;
  workers: number;
  checkpointed: boolean;
  progress(started: number, totalBytes: number | undefined): BatchProgress;
}

function newTally(checkpoint: Checkpoint | undefined): Tally {
  const skipUntil = checkpoint?.rowsDone ?? 0;
  return {
    skipUntil,
    rowsRead: 0,
    rowsWritten: checkpoint?.rowsWritten ?? 0,
    rowsFailed: checkpoint?.rowsFailed ?? 0,
    rowsDone: skipUntil,
    bytesRead: 0,
    failures: { ...(checkpoint?.failures ?? {}) },
    workers: 0,
    checkpointed: checkpoint !== undefined,
    progress(started, totalBytes) {
      const elapsed = (performance.now() - started) / 1000;
      return {
        rowsRead: this.rowsRead,
        rowsWritten: this.rowsWritten,
        rowsFailed: this.rowsFailed,
        bytesRead: this.bytesRead,
        totalBytes,
        elapsed,
        rowsPerSecond: elapsed > 0 ? Math.max(0, this.rowsRead - this.skipUntil) / elapsed : 0,
      };
    },
  };
}

/** A batch in flight: its records, what the pool made of them, and the input digest after them. */
interface Pending {
  records: RawRecord[];
  outcome: Promise<BatchOutcome>;
  inputDigest: string;
}

/** Streams the rows through the pool and writes them; the heart of the job. */
async function tagRows(plan: TagJobPlan, options: TagJobOptions, files: JobFiles, checkpoint: Checkpoint | undefined, tally: Tally, started: number): Promise<void> {
  const { out, errs, ids, seen } = files;
  const source: AsyncIterable<Buffer | string> =
    typeof plan.input === 'string'
      ? plan.input === '-'
        ? process.stdin
        : createReadStream(plan.input, { highWaterMark: 1 << 16 })
      : (plan.input as Readable);
  const errorEncoder = createErrorEncoder(plan.errorsFormat);
  const validate = { columns: plan.columns, maxFieldLength: plan.maxFieldLength, allowEmptyBody: plan.allowEmptyBody };
  let header: readonly string[] | undefined;
  const spec = { kind: 'tag' as const, tagger: plan.tagger, format: plan.format, outputFormat: plan.outputFormat, validate };
  // Worker threads start before the first chunk is read, so that their start-up (loading the bundle,
  // compiling the tagger) overlaps the reading; the CSV header goes with each batch. With a default
  // worker count, rows run on the main thread while the threads start (a short job may finish
  // first); an explicit count waits for them.
  let threads: RowPool | undefined;
  let starting: Promise<RowPool> | undefined;
  let inline: RowPool | undefined;
  const startThreads = (): void => {
    if (plan.workers === 0 || starting !== undefined) return;
    starting = createPool(plan.workers, spec, plan.workerHeapMb);
    starting.then((p) => (threads = p), () => undefined);
  };
  const currentPool = async (): Promise<RowPool> => {
    if (threads !== undefined) return threads;
    startThreads();
    if (plan.workers > 0 && plan.explicitWorkers) return (threads = await (starting as Promise<RowPool>));
    return (inline ??= createInlinePool(spec));
  };
  const timer = options.onProgress === undefined ? undefined : setInterval(() => options.onProgress?.(tally.progress(started, plan.totalBytes)), 250);
  timer?.unref();

  const digest = new RecordDigest();
  let inputChecked = checkpoint === undefined;
  /** On resume: the records before the checkpoint must be the ones it was taken on. */
  const checkInput = (): void => {
    if (inputChecked || checkpoint === undefined) return;
    if (tally.rowsRead < tally.skipUntil) {
      throw createError('BATCH_RESUME', `the input has ${tally.rowsRead} rows but the checkpoint says ${tally.skipUntil} were done`);
    }
    if (digest.value() !== checkpoint.inputDigest) {
      throw createError('BATCH_RESUME', `the first ${tally.skipUntil} rows of the input are not those the checkpoint was taken on (the input was edited, or the checkpoint is not this run's); run without --resume to start again`);
    }
    inputChecked = true;
  };

  const pending: Pending[] = [];
  let maxInFlight = 1;
  let lastCheckpoint = performance.now();
  const writeHead = async (): Promise<void> => {
    const head = pending.shift();
    if (head === undefined) return;
    const outcome = await head.outcome;
    const { output, bad, accepted } = sortOutcome(head.records, outcome, seen);
    if (out.sink.bytes === 0) await out.sink.write(await createEncoder(plan.outputFormat, header).header());
    if (bad.length > 0 && errs.sink.bytes === 0) await errs.sink.write(await errorEncoder.header());
    for (const part of output) await out.sink.write(part);
    await errs.sink.write(await errorEncoder.rows(bad));
    await ids.write(accepted);
    for (const e of bad) {
      tally.failures[e.code] = (tally.failures[e.code] ?? 0) + 1;
      options.onError?.(e);
    }
    tally.rowsFailed += bad.length;
    tally.rowsWritten += head.records.length - bad.length;
    tally.rowsDone = (head.records[head.records.length - 1] as RawRecord).rowNumber;
    if (plan.checkpoint !== undefined && (performance.now() - lastCheckpoint) / 1000 >= plan.checkpointSeconds) {
      await Promise.all([out.sink.sync(), errs.sink.sync(), ids.sync()]);
      await saveCheckpoint(plan.checkpoint, {
        version: CHECKPOINT_VERSION,
        fingerprint: plan.fingerprint,
        rowsDone: tally.rowsDone,
        rowsWritten: tally.rowsWritten,
        rowsFailed: tally.rowsFailed,
        failures: { ...tally.failures },
        inputDigest: head.inputDigest,
        output: { bytes: out.sink.bytes, digest: out.sink.digest() },
        errors: { bytes: errs.sink.bytes, digest: errs.sink.digest() },
        ids: { bytes: ids.bytes, digest: ids.digest() },
      });
      tally.checkpointed = true;
      lastCheckpoint = performance.now();
    }
  };

  let batch: RawRecord[] = [];
  const submit = async (): Promise<void> => {
    if (batch.length === 0) return;
    const pool = await currentPool();
    maxInFlight = 2 * pool.size + 1;
    const records = batch;
    batch = [];
    const texts = records.flatMap((r) => ('text' in r ? [r.text] : []));
    const outcome = pool.run(texts, header);
    outcome.catch(() => undefined); // awaited in order by writeHead; no unhandled rejection meanwhile
    pending.push({ records, outcome, inputDigest: digest.value() });
    while (pending.length >= maxInFlight) await writeHead();
  };

  try {
    startThreads();
    const chunks = readRecordBatches(source, {
      format: plan.format,
      maxRecordBytes: plan.maxRecordBytes,
      idColumn: plan.columns.id,
      onHeader: (h) => {
        header = h;
        digest.header(h);
      },
    });
    for await (const records of chunks) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      for (const record of records) {
        tally.bytesRead = record.bytesRead;
        tally.rowsRead++;
        if (record.rowNumber > tally.skipUntil) checkInput(); // before the first row of this run is sent
        digest.record(record);
        if (record.rowNumber <= tally.skipUntil) continue; // done by an earlier run
        batch.push(record);
        if (batch.length >= plan.batchSize) await submit();
      }
    }
    checkInput();
    await submit();
    while (pending.length > 0) await writeHead();
    if (out.sink.bytes === 0) await out.sink.write(await createEncoder(plan.outputFormat, header).header());
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await Promise.allSettled(pending.map((p) => p.outcome));
    await inline?.close();
    await (starting ?? Promise.resolve(undefined)).then((p) => p?.close(), () => undefined);
    tally.workers = threads?.size ?? 0;
  }
}

/**
 * What a batch adds to each file: the output bytes (the outcome's, less the lines of rows that
 * failed or repeat an earlier id, as contiguous runs), the errors, and the newly accepted ids.
 */
export function sortOutcome(records: readonly RawRecord[], outcome: BatchOutcome, seen: Set<string>): { output: Uint8Array[]; bad: RowError[]; accepted: string } {
  const { valid, bytes, ends } = outcome;
  const failed = new Map<number, { code: RowErrorCode; reason: string }>();
  for (const f of outcome.failures) failed.set(f.index, f);
  let k = 0; // index into the outcome: the records sent to the pool (not those cut as errors)
  let accepted = '';
  const bad: RowError[] = [];
  const runs: [number, number][] = [];
  for (const record of records) {
    if ('error' in record) {
      bad.push(rowError(record, record.id, record.error));
      continue;
    }
    const i = k++;
    const id = outcome.ids[i] as string;
    let failure = failed.get(i);
    if (valid[i] === 1) {
      if (seen.has(id)) failure = { code: 'DUPLICATE_ID', reason: duplicateReason(id) };
      else {
        seen.add(id);
        accepted += `${JSON.stringify(id)}\n`;
      }
    }
    if (failure !== undefined) {
      bad.push(rowError(record, id, failure));
      continue;
    }
    const from = i === 0 ? 0 : (ends[i - 1] as number);
    const to = ends[i] as number;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === from) last[1] = to;
    else runs.push([from, to]);
  }
  const output = runs.map(([from, to]) => (from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to)));
  return { output, bad, accepted };
}

export function rowError(record: RawRecord, id: string, failure: { code: RowErrorCode; reason: string }): RowError {
  const error: RowError = { rowNumber: record.rowNumber, line: record.line, id, code: failure.code, reason: failure.reason };
  if ('lastLine' in record && record.lastLine !== undefined && record.lastLine > record.line) error.lastLine = record.lastLine;
  if ('ids' in record && record.ids !== undefined && record.ids.length > 0) error.ids = record.ids;
  return error;
}
