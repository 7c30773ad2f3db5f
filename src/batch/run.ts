/**
 * `runTagJob()`: tags a whole archive. Rows stream from the input through validation (main thread,
 * input order) to the worker pool in batches; results are written in input order. At most
 * `2 * workers + 1` batches are in flight, so memory stays constant whatever the archive size.
 * Every row read is accounted for: written to the output, or to the errors with a code.
 */
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { extname, resolve as resolvePath } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { checksum as fnvBytes } from '../corpus/serialize.js';
import { createError } from '../errors.js';
import { resolveOptions } from '../options.js';
import { CHECKPOINT_VERSION, checkpointPath, idsPath, loadCheckpoint, loadIds, removeCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.js';
import type { BatchOutcome } from './job.js';
import { createInlinePool, createPool, type RowPool } from './pool.js';
import { readRecordBatches, type RawRecord } from './read.js';
import { DEFAULT_COLUMNS, duplicateReason } from './rows.js';
import type { BatchFormat, BatchProgress, BatchSummary, RowError, RowErrorCode, TagJobOptions } from './types.js';
import { createEncoder, createErrorEncoder, fileSink, isRegularFileOrAbsent, nullSink, streamSink, type Sink } from './write.js';

/** Default maximum CSV record / JSON line length: 64 Mi characters. */
export const DEFAULT_MAX_RECORD = 64 * 1024 * 1024;

/** The format implied by a file name: .csv/.tsv-free CSV, .jsonl/.ndjson/.json JSONL. */
export function formatOf(path: string | undefined): BatchFormat | undefined {
  if (path === undefined || path === '-') return undefined;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return undefined;
}

/** Inputs smaller than this (256 KiB) run on the main thread unless `workers` is given. */
export const SMALL_INPUT_BYTES = 256 * 1024;

/** Default worker count: the cores this process may use, at most 8. */
export function defaultWorkers(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(8, n));
}

function checkInteger(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw createError('INVALID_OPTION', name, value, `an integer >= ${min}`);
  }
}

async function inputIdentity(input: string | Readable): Promise<unknown> {
  if (typeof input !== 'string' || input === '-') return 'stream';
  try {
    const s = await stat(input);
    return { path: resolvePath(input), size: s.size, mtimeMs: s.mtimeMs };
  } catch (error) {
    throw createError('BATCH_INPUT', `${input}: ${(error as Error).message}`);
  }
}

/** Runs a tagging job over an archive. Resolves with the summary; rejects only on fatal errors. */
export async function runTagJob(options: TagJobOptions): Promise<BatchSummary> {
  const started = performance.now();
  if (options === null || typeof options !== 'object') throw createError('INVALID_OPTION', 'options', options, 'an object');
  const { input, output } = options;
  if (typeof input !== 'string' && (input === null || typeof input !== 'object')) {
    throw createError('INVALID_OPTION', 'input', input, 'a file path, "-" or a readable stream');
  }
  if (typeof output !== 'string' && (output === null || typeof output !== 'object')) {
    throw createError('INVALID_OPTION', 'output', output, 'a file path, "-" or a writable stream');
  }
  const format = options.format ?? formatOf(typeof input === 'string' ? input : undefined) ?? 'jsonl';
  const outputFormat = options.outputFormat ?? formatOf(typeof output === 'string' ? output : undefined) ?? format;
  for (const [name, value] of [['format', format], ['outputFormat', outputFormat]] as const) {
    if (value !== 'csv' && value !== 'jsonl') throw createError('INVALID_OPTION', name, value, '"csv" or "jsonl"');
  }
  // A small file is done before worker threads would have started: use the main thread.
  const smallFile = typeof input === 'string' && input !== '-' && (await stat(input).then((s) => s.size < SMALL_INPUT_BYTES, () => false));
  const workers = options.workers ?? (smallFile ? 0 : defaultWorkers());
  checkInteger('workers', workers, 0);
  const batchSize = options.batchSize ?? 64;
  checkInteger('batchSize', batchSize, 1);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  checkInteger('maxRecordBytes', maxRecordBytes, 1);
  const checkpointSeconds = options.checkpointSeconds ?? 1;
  if (typeof checkpointSeconds !== 'number' || !(checkpointSeconds >= 0)) {
    throw createError('INVALID_OPTION', 'checkpointSeconds', checkpointSeconds, 'a number >= 0');
  }
  const taggerOptions = options.tagger ?? {};
  const resolvedTagger = resolveOptions(taggerOptions); // bad tagger options throw here, before any I/O
  const columns = { ...DEFAULT_COLUMNS };
  for (const [key, value] of Object.entries(options.columns ?? {})) {
    if (!(key in DEFAULT_COLUMNS)) throw createError('INVALID_OPTION', `columns.${key}`, value, `one of ${Object.keys(DEFAULT_COLUMNS).join(', ')}`);
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0) throw createError('INVALID_OPTION', `columns.${key}`, value, 'a column name');
    columns[key as keyof typeof columns] = value;
  }
  const allowEmptyBody = options.allowEmptyBody === true;
  const outputIsFile = typeof output === 'string' && output !== '-' && (await isRegularFileOrAbsent(output));
  const errorsOption = options.errors ?? (outputIsFile ? `${output as string}.errors.jsonl` : undefined);
  // checkpoints need the output (and errors) in regular files: not stdout, a stream, a pipe or /dev/null
  const resumable =
    outputIsFile &&
    (errorsOption === undefined || (typeof errorsOption === 'string' && errorsOption !== '-' && (await isRegularFileOrAbsent(errorsOption))));
  if (options.resume === true && !resumable) {
    throw createError('BATCH_RESUME', 'resume needs the output (and the errors, if any) to be regular files, not streams, pipes or stdout');
  }

  // The fingerprint ties a checkpoint to its input and to every option that changes the output.
  const fingerprint = JSON.stringify({
    input: await inputIdentity(input),
    format,
    outputFormat,
    columns,
    // a site model counts by its bytes' checksum, not as a JSON array of its bytes
    tagger: taggerOptions.site instanceof Uint8Array ? { ...taggerOptions, site: `NTSM:${taggerOptions.site.length}:${fnvBytes(taggerOptions.site, 0)}` } : taggerOptions,
    allowEmptyBody,
    maxRecordBytes,
    errors: typeof errorsOption === 'string' ? resolvePath(errorsOption) : errorsOption === undefined ? null : 'stream',
  });
  const cpPath = resumable ? checkpointPath(output as string) : undefined;
  let checkpoint: Checkpoint | undefined;
  if (options.resume === true && cpPath !== undefined) {
    checkpoint = await loadCheckpoint(cpPath, fingerprint);
    if (checkpoint !== undefined) {
      const size = await stat(output as string).then((s) => s.size, () => -1);
      if (size < checkpoint.outputBytes) throw createError('BATCH_RESUME', `${String(output)} is shorter than its checkpoint says (${size} < ${checkpoint.outputBytes} bytes)`);
    }
  }

  const source: AsyncIterable<Buffer | string> =
    typeof input === 'string'
      ? input === '-'
        ? process.stdin
        : createReadStream(input, { highWaterMark: 1 << 16 })
      : (input as Readable);
  const totalBytes = typeof input === 'string' && input !== '-' ? (await stat(input)).size : undefined;

  const openSink = async (target: string | Writable, offset: number | undefined): Promise<Sink> =>
    typeof target === 'string' ? (target === '-' ? streamSink(process.stdout, false) : fileSink(target, offset)) : streamSink(target, false);
  const out = await openSink(output, checkpoint?.outputBytes);
  let errs: Sink = nullSink;
  try {
    if (errorsOption !== undefined) errs = await openSink(errorsOption, checkpoint?.errorsBytes);
  } catch (error) {
    await out.close();
    throw error;
  }
  // The ids accepted so far, one JSON string per line: on resume they rebuild the duplicate-id set
  // without re-reading the rows before the checkpoint.
  let ids: Sink = nullSink;
  if (cpPath !== undefined) {
    try {
      ids = await fileSink(idsPath(output as string), checkpoint?.idsBytes);
    } catch (error) {
      await Promise.all([out.close(), errs.close()]);
      throw error;
    }
  }
  const errorsFormat: BatchFormat = typeof errorsOption === 'string' && formatOf(errorsOption) === 'csv' ? 'csv' : 'jsonl';
  const errorEncoder = createErrorEncoder(errorsFormat);
  const validate = { columns, maxFieldLength: resolvedTagger.maxFieldLength, allowEmptyBody };
  let header: readonly string[] | undefined;
  const spec = { kind: 'tag' as const, tagger: taggerOptions, format, outputFormat, validate };
  // Worker threads start before the first chunk is read, so that their start-up (loading the bundle,
  // compiling the tagger) overlaps the reading; the CSV header goes with each batch. With a default
  // worker count, rows run on the main thread while the threads start (a short job may finish
  // first); an explicit count waits for them.
  let threads: RowPool | undefined;
  let starting: Promise<RowPool> | undefined;
  let inline: RowPool | undefined;
  const startThreads = (): void => {
    if (workers === 0 || starting !== undefined) return;
    starting = createPool(workers, spec);
    starting.then((p) => (threads = p), () => undefined);
  };
  const currentPool = async (): Promise<RowPool> => {
    if (threads !== undefined) return threads;
    startThreads();
    if (workers > 0 && options.workers !== undefined) return (threads = await (starting as Promise<RowPool>));
    return (inline ??= createInlinePool(spec));
  };
  const seen = new Set<string>(); // ids accepted so far: the one structure that grows with the input
  if (checkpoint !== undefined) for (const id of await loadIds(idsPath(output as string), checkpoint.idsBytes)) seen.add(id);

  const skipUntil = checkpoint?.rowsDone ?? 0;
  let rowsRead = 0;
  let rowsWritten = checkpoint?.rowsWritten ?? 0;
  let rowsFailed = checkpoint?.rowsFailed ?? 0;
  const failures: Partial<Record<RowErrorCode, number>> = { ...(checkpoint?.failures ?? {}) };
  let rowsDone = skipUntil;
  let bytesRead = 0;
  let lastCheckpoint = performance.now();

  const progress = (): BatchProgress => {
    const elapsed = (performance.now() - started) / 1000;
    return {
      rowsRead,
      rowsWritten,
      rowsFailed,
      bytesRead,
      totalBytes,
      elapsed,
      rowsPerSecond: elapsed > 0 ? Math.max(0, rowsRead - skipUntil) / elapsed : 0,
    };
  };
  const timer = options.onProgress === undefined ? undefined : setInterval(() => options.onProgress?.(progress()), 250);
  timer?.unref();

  const snapshot = (): Checkpoint => ({
    version: CHECKPOINT_VERSION,
    fingerprint,
    rowsDone,
    rowsWritten,
    rowsFailed,
    failures: { ...failures },
    outputBytes: out.bytes,
    errorsBytes: errs.bytes,
    idsBytes: ids.bytes,
  });

  const pending: { records: RawRecord[]; outcome: Promise<BatchOutcome> }[] = [];
  let maxInFlight = 1;

  /** Accounts for the oldest batch in flight: duplicate ids, output lines, errors, checkpoint. */
  const writeHead = async (): Promise<void> => {
    const head = pending.shift();
    if (head === undefined) return;
    const outcome = await head.outcome;
    const { valid, bytes, ends } = outcome;
    const failed = new Map<number, { code: RowErrorCode; reason: string }>();
    for (const f of outcome.failures) failed.set(f.index, f);
    let k = 0; // index into the outcome: the records sent to the pool (not those cut as errors)
    let accepted = '';
    const bad: RowError[] = [];
    // the output is the outcome's bytes less the lines of duplicate rows: contiguous runs of them
    const runs: [number, number][] = [];
    for (const record of head.records) {
      if ('error' in record) {
        bad.push({ rowNumber: record.rowNumber, line: record.line, id: record.id, code: record.error.code, reason: record.error.reason });
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
        bad.push({ rowNumber: record.rowNumber, line: record.line, id, code: failure.code, reason: failure.reason });
        continue;
      }
      const from = i === 0 ? 0 : (ends[i - 1] as number);
      const to = ends[i] as number;
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === from) last[1] = to;
      else runs.push([from, to]);
    }
    if (out.bytes === 0) await out.write(await createEncoder(outputFormat, header).header());
    if (bad.length > 0 && errs.bytes === 0) await errs.write(await errorEncoder.header());
    for (const [from, to] of runs) await out.write(from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to));
    await errs.write(await errorEncoder.rows(bad));
    await ids.write(accepted);
    for (const e of bad) {
      failures[e.code] = (failures[e.code] ?? 0) + 1;
      options.onError?.(e);
    }
    rowsFailed += bad.length;
    rowsWritten += head.records.length - bad.length;
    rowsDone = (head.records[head.records.length - 1] as RawRecord).rowNumber;
    if (cpPath !== undefined && (performance.now() - lastCheckpoint) / 1000 >= checkpointSeconds) {
      await Promise.all([out.sync(), errs.sync(), ids.sync()]);
      await saveCheckpoint(cpPath, snapshot());
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
    pending.push({ records, outcome });
    while (pending.length >= maxInFlight) await writeHead();
  };

  let completed = false;
  try {
    startThreads();
    const chunks = readRecordBatches(source, {
      format,
      maxRecordBytes,
      idColumn: columns.id,
      onHeader: (h) => {
        header = h;
      },
    });
    for await (const records of chunks) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      for (const record of records) {
        bytesRead = record.bytesRead;
        rowsRead++;
        if (record.rowNumber <= skipUntil) continue; // done by an earlier run
        batch.push(record);
        if (batch.length >= batchSize) await submit();
      }
    }
    if (rowsRead < skipUntil) {
      throw createError('BATCH_RESUME', `the input has ${rowsRead} rows but the checkpoint says ${skipUntil} were done`);
    }
    await submit();
    while (pending.length > 0) await writeHead();
    if (out.bytes === 0) await out.write(await createEncoder(outputFormat, header).header());
    completed = true;
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await Promise.allSettled(pending.map((p) => p.outcome));
    await inline?.close();
    await (starting ?? Promise.resolve(undefined)).then((p) => p?.close(), () => undefined);
    await Promise.allSettled([out.close(), errs.close(), ids.close()]);
  }
  if (completed && cpPath !== undefined) {
    await removeCheckpoint(cpPath);
    await rm(idsPath(output as string), { force: true });
  }
  options.onProgress?.(progress());
  return {
    rowsRead,
    rowsWritten,
    rowsFailed,
    failures,
    resumedRows: skipUntil,
    seconds: (performance.now() - started) / 1000,
    workers: threads?.size ?? 0,
  };
}
