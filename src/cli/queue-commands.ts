/**
 * The queue commands: `submit`, `worker` and `collect` (news-tagger/queue on Redis with BullMQ).
 * Loaded by program.ts only when one of them runs.
 */
import { collectJob, startQueueWorker, submitJob } from '../queue/index.js';
import type { RowError } from '../batch/types.js';
import { COLUMN_OPTIONS, columnsFrom, formatOption, integerOption, parse, TAGGER_OPTIONS, taggerOptionsFrom, UsageError, type Values } from './args.js';
import { COLLECT_HELP, SUBMIT_HELP, WORKER_HELP } from './help.js';
import { EXIT_OK, EXIT_ROW_ERRORS, help, write, type CliIo } from './io.js';
import { progressReporter, summaryLine } from './progress.js';

const COMMON = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' }, redis: { type: 'string' } } as const;

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

export async function submitCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON,
    ...COLUMN_OPTIONS,
    ...TAGGER_OPTIONS,
    job: { type: 'string' },
    'chunk-size': { type: 'string' },
    format: { type: 'string' },
    'out-format': { type: 'string' },
    'allow-empty-body': { type: 'boolean' },
  });
  if (values.help === true) return help(io, SUBMIT_HELP);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the input file (or "-" for stdin)' : `unexpected argument "${positionals[1] as string}"`);
  const input = positionals[0] as string;
  const quiet = values.quiet === true;
  const progress = progressReporter(io.stderr, 'submit', !quiet);
  const chunkSize = integerOption(values, 'chunk-size');
  const format = formatOption(values, 'format');
  const outputFormat = formatOption(values, 'out-format');
  const summary = await submitJob({
    connection: required(values, 'redis'),
    job: required(values, 'job'),
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    ...(format !== undefined ? { format } : {}),
    ...(outputFormat !== undefined ? { outputFormat } : {}),
    ...(chunkSize !== undefined ? { chunkSize } : {}),
    columns: columnsFrom(values),
    tagger: taggerOptionsFrom(values),
    allowEmptyBody: values['allow-empty-body'] === true,
    ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
  }).finally(() => progress.clear());
  if (!quiet) {
    write(
      io.stderr,
      summary.alreadySubmitted
        ? `news-tagger submit: job "${summary.job}" was already submitted (${summary.rows.toLocaleString('en-US')} rows in ${summary.chunks} chunks); nothing to do`
        : `news-tagger submit: job "${summary.job}": ${summary.rows.toLocaleString('en-US')} rows in ${summary.chunks} chunks, in ${summary.seconds.toFixed(1)} s`,
    );
  }
  return EXIT_OK;
}

/** Runs a worker until SIGINT or SIGTERM (or `stop` resolves, for tests). */
export async function workerCommand(argv: string[], io: CliIo, stop?: Promise<void>): Promise<number> {
  const { values, positionals } = parse(argv, { ...COMMON, threads: { type: 'string' }, 'lock-seconds': { type: 'string' } });
  if (values.help === true) return help(io, WORKER_HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] as string}"`);
  const quiet = values.quiet === true;
  const threads = integerOption(values, 'threads');
  const lockSeconds = integerOption(values, 'lock-seconds');
  const started = performance.now();
  const worker = await startQueueWorker({
    connection: required(values, 'redis'),
    ...(threads !== undefined ? { threads } : {}),
    ...(lockSeconds !== undefined ? { lockSeconds } : {}),
    ...(quiet ? {} : { onChunk: (r) => write(io.stderr, `news-tagger worker: ${r.job} chunk ${r.chunk} rows ${r.from}-${r.to}: ${r.result} in ${r.seconds.toFixed(2)} s`) }),
    onError: (error, job) => {
      if (!quiet) write(io.stderr, `news-tagger worker: ${job === undefined ? '' : `${job.job} chunk ${job.chunk} rows ${job.from}-${job.to}: `}${error.message}`);
    },
  });
  if (!quiet) write(io.stderr, `news-tagger worker: waiting for chunks (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    void stop?.then(done);
  });
  await worker.close();
  if (!quiet) {
    const { done, split, failed, present } = worker.counts;
    const seconds = (performance.now() - started) / 1000;
    write(io.stderr, `news-tagger worker: stopped; ${done} chunks tagged (${worker.rows.toLocaleString('en-US')} rows), ${split} split, ${failed} rows failed, ${present} already done, in ${seconds.toFixed(1)} s`);
  }
  return EXIT_OK;
}

export async function collectCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { ...COMMON, job: { type: 'string' }, out: { type: 'string', short: 'o' }, errors: { type: 'string' }, keep: { type: 'boolean' } });
  if (values.help === true) return help(io, COLLECT_HELP);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] as string}"`);
  const output = typeof values.out === 'string' ? values.out : '-';
  const quiet = values.quiet === true;
  const progress = progressReporter(io.stderr, 'collect', !quiet);
  const printErrors = typeof values.errors !== 'string' && output === '-';
  const summary = await collectJob({
    connection: required(values, 'redis'),
    job: required(values, 'job'),
    output: output === '-' ? io.stdout : output,
    ...(typeof values.errors === 'string' ? { errors: values.errors } : {}),
    ...(printErrors ? { onError: (e: RowError) => write(io.stderr, `row ${e.rowNumber} (line ${e.line}${e.id ? `, id ${JSON.stringify(e.id)}` : ''}): ${e.code} ${e.reason}`) } : {}),
    keep: values.keep === true,
    ...(progress.onProgress !== undefined
      ? { onProgress: (p) => progress.onProgress?.({ ...p, bytesRead: p.rowsRead, totalBytes: p.rowsTotal }) }
      : {}),
  }).finally(() => progress.clear());
  if (!quiet) write(io.stderr, `${summaryLine('news-tagger collect', summary).replace(/, main thread/, '')} (${summary.chunks} chunks)`);
  return summary.rowsFailed > 0 ? EXIT_ROW_ERRORS : EXIT_OK;
}


/** Runs one of the queue commands (already known to be one). */
export function runQueueCommand(command: string, argv: string[], io: CliIo): Promise<number> {
  if (command === 'submit') return submitCommand(argv, io);
  if (command === 'worker') return workerCommand(argv, io);
  return collectCommand(argv, io);
}
