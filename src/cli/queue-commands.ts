/**
 * The queue commands: `submit`, `worker` and `collect` (news-tagger/queue on Redis with BullMQ).
 * Loaded by program.ts only when one of them runs.
 */
import { collectJob, startQueueWorker, submitJob } from '../queue/index.js';
import type { RowError } from '../batch/types.js';
import { COLUMN_HELP, COLUMN_OPTIONS, columnsFrom, formatOption, integerOption, parse, TAGGER_HELP, TAGGER_OPTIONS, taggerOptionsFrom, UsageError, type Values } from './args.js';
import { progressReporter, summaryLine, type Terminal } from './progress.js';
import type { Readable, Writable } from 'node:stream';

/** The program's streams (as program.ts's CliIo). */
interface CliIo {
  stdout: Writable;
  stderr: Terminal;
  stdin?: Readable;
}

export const SUBMIT_HELP = `Usage: news-tagger submit <input> --redis URL --job NAME [options]

Cuts an archive into chunks of rows and puts them on a Redis queue (BullMQ) under the job NAME, for
"news-tagger worker" processes on any number of machines; "news-tagger collect" writes the result.
The rows are read and checked as "news-tagger tag" reads them. Submitting the same job again
completes an interrupted submission and otherwise does nothing; a job of that name with another
input or other options is refused.

  <input>                 CSV or JSONL file, or "-" for stdin
  --redis URL             the Redis server (redis://host:6379/0)                         (required)
  --job NAME              the job's name: letters, digits, ".", "_", "-"                  (required)
  --chunk-size N          rows per chunk                                                     [256]
  --format csv|jsonl      input format (default: from the extension, else jsonl)
  --out-format csv|jsonl  format of the collected output                          [the input's]
  --allow-empty-body      accept articles with a title but no body
  --quiet                 no progress and no summary on stderr

${COLUMN_HELP}

${TAGGER_HELP}

Needs the packages bullmq and ioredis (npm install bullmq ioredis).
Exit codes: 0 submitted, 1 fatal error.`;

export const WORKER_HELP = `Usage: news-tagger worker --redis URL [options]

Tags the chunks of every job submitted to the Redis queue until stopped (Ctrl-C or SIGTERM: the
chunks in hand are finished first). Run as many as you like, on as many machines. A worker that
dies gives its chunks back after --lock-seconds; a chunk that keeps killing workers is split down
to the row that does, which goes to the errors file.

  --redis URL             the Redis server (redis://host:6379/0)                         (required)
  --threads N             tagging threads in this process                                    [1]
  --lock-seconds N        how long a chunk stays locked to this worker between renewals     [30]
  --quiet                 no line per chunk and no summary on stderr

Exit codes: 0 stopped, 1 fatal error.`;

export const COLLECT_HELP = `Usage: news-tagger collect --redis URL --job NAME --out FILE [--errors FILE] [options]

Writes a queue job's output and errors in input order as its chunks complete (the same files as
"news-tagger tag" writes), and ends when every row is written or in the errors file. The output is
written to FILE.partial and renamed when complete; run collect again after an interruption. The
job is then removed from Redis (unless --keep).

  --redis URL             the Redis server (redis://host:6379/0)                         (required)
  --job NAME              the job to collect                                              (required)
  --out FILE              output file, or "-" for stdout                                     [-]
  --errors FILE           failed rows (rowNumber, line, id, code, reason); .csv or JSONL
                          [FILE.errors.jsonl beside --out; printed on stderr when writing to stdout]
  --keep                  leave the job in Redis
  --quiet                 no progress and no summary on stderr

Exit codes: 0 all rows written, 1 fatal error, 3 finished with row errors.`;

const COMMON = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' }, redis: { type: 'string' } } as const;

function write(stream: Terminal, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

function help(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return 0;
}

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
  return 0;
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
  return 0;
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
  return summary.rowsFailed > 0 ? 3 : 0;
}

