/**
 * The news-tagger command-line program: a thin layer over news-tagger/batch. `runCli(argv, io)`
 * returns the exit code instead of exiting, so tests can call it in-process.
 *
 * Exit codes: 0 every row done; 1 fatal (bad arguments, unreadable input, unwritable output, bad
 * options); 3 the job finished but some rows failed (they are in the errors file).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { runIndexJob, runRecommendJob } from '../batch/corpus-jobs.js';
import { runTagEval } from '../batch/evaluate.js';
import { runTagJob } from '../batch/run.js';
import { parseShard, runIndexMergeJob } from '../batch/shards.js';
import type { RowError } from '../batch/types.js';
import { isRegularFileOrAbsent } from '../batch/write.js';
import { isNewsTaggerError } from '../errors.js';
import type { TaggerOptions } from '../options.js';
import { extractArticle } from '../page/extract.js';
import { createTagger } from '../tagger.js';
import {
  COLUMN_HELP,
  COLUMN_OPTIONS,
  columnsFrom,
  formatOption,
  integerOption,
  parse,
  TAGGER_HELP,
  TAGGER_OPTIONS,
  taggerOptionsFrom,
  UsageError,
  type Values,
} from './args.js';
import { progressReporter, summaryLine, type Terminal } from './progress.js';

/** Set by the build (tsup `define`) to the package version. */
declare const __NEWS_TAGGER_VERSION__: string | undefined;

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
export const EXIT_ROW_ERRORS = 3;

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Terminal;
  stdin?: Readable;
}

const USAGE = `news-tagger: tags, region sections, Related News and Read Next for news archives

Usage: news-tagger <command> [options]
       news-tagger --help | --version

Commands:
  tag <input>            add tags, regions and reading time to every article
  index <input>          build the related-articles index and save it (--out INDEX)
  related <INDEX>        Related News for one article (--id ID) or every article (--all)
  readnext <INDEX>       Read Next for one article (--id ID) or every article (--all)
  eval tags <input>      score the suggested tags against the archive's own tags
  submit <input>         put an archive on a Redis queue as chunks (--redis URL --job NAME)
  worker                 tag queued chunks, on any number of machines (--redis URL)
  collect                write a queued job's output in input order (--redis URL --job NAME --out FILE)

Input and output are CSV (with a header row) or JSONL, files or "-" for stdin/stdout; the format
comes from the file extension (.csv, .jsonl, .ndjson) or --format / --out-format.

Exit codes: 0 all rows done, 1 fatal error (bad arguments, unreadable input), 3 finished with row
errors (see the errors file).

Run "news-tagger <command> --help" for the options of a command.`;

const TAG_HELP = `Usage: news-tagger tag <input> [--out FILE] [options]

Adds tags, regions and reading time to each article. Rows stream through worker threads in constant
memory; the output keeps the input order. Every row ends up in the output or in the errors file.

Input and output:
  <input>                 CSV or JSONL file, or "-" for stdin
  --out FILE              output file, or "-" for stdout                          [-]
  --format csv|jsonl      input format (default: from the extension, else jsonl)
  --format page           <input> is one whole web page (HTML, or a page saved as text): its
                          article is extracted and tagged; one JSON line out (the page's own
                          keywords as "pageTags")
  --out-format csv|jsonl  output format (default: from --out, else the input format)
  --errors FILE           failed rows (rowNumber, line, id, code, reason); .csv or JSONL
                          [FILE.errors.jsonl beside --out; when writing to stdout or a pipe,
                          failed rows are printed on stderr]
  --resume                continue an interrupted run from its checkpoint (FILE.checkpoint.json);
                          needs --out FILE; the input and options must be the same
  --checkpoint-seconds N  seconds between checkpoints (0 = after every batch)           [1]
  --workers N             worker threads (0 = main thread)                  [cores, at most 8]
  --allow-empty-body      accept articles with a title but no body
  --quiet                 no progress and no summary on stderr

Output: the input fields plus
  JSONL  "tags": [{id, label, type, score, vocabulary?}], "regions": [{region, score, countries, areas?}],
         "readingTime": {minutes, words}
  CSV    columns tags (labels), tag_ids, regions (joined with "|"), reading_minutes, word_count
  An input field already named like an added one is kept as original_<name>.

Row errors: MALFORMED_ROW (bad CSV quoting or field count, bad JSON), MISSING_ID, MISSING_TEXT
(empty body), DUPLICATE_ID (the first row with an id wins), OVERSIZE (a field over
--max-field-length), INVALID_FIELD (a field of the wrong type), TAG_FAILED.

${COLUMN_HELP}

${TAGGER_HELP}

Exit codes: 0 all rows written, 1 fatal error, 3 finished with row errors.`;

const INDEX_HELP = `Usage: news-tagger index <input> --out INDEX [options]
       news-tagger index <input> --shard K/N --out PART [options]
       news-tagger index --merge PART... --out INDEX

Builds the related-articles (TF-IDF) index of an archive and saves it to INDEX.

With --shard K/N, indexes only the rows whose position modulo N is K (K = 0 .. N-1; every row is
still read and checked, so duplicate ids are decided as in one build) and saves a part file. With
--merge, joins the N parts of one archive into the index a single build would have written (the
same bytes); parts from another archive, with other options or a part missing are refused.

  <input>                 CSV or JSONL file, or "-" for stdin
  --out INDEX             the index file to write (required)
  --format csv|jsonl      input format (default: from the extension, else jsonl)
  --errors FILE           failed rows (rowNumber, line, id, code, reason)      [INDEX.errors.jsonl]
  --entities              also index each article's tags (canonical entities); slower, better matches
  --shard K/N             index the rows whose position modulo N is K into a part file
  --merge                 the arguments are part files to merge into --out INDEX
  --allow-empty-body      accept articles with a title but no body
  --quiet                 no progress and no summary on stderr

${COLUMN_HELP}

With --entities, the tagging options of "news-tagger tag --help" apply.

Exit codes: 0 all rows indexed, 1 fatal error, 3 finished with row errors.`;

const recommendHelp = (command: 'related' | 'readnext'): string => `Usage: news-tagger ${command} <INDEX> (--id ID ... | --all) [--k N] [--out FILE]

${command === 'related' ? 'Related News: the articles most similar to each given article.' : 'Read Next: what to read after each given article (related, fresh, not already shown as Related News).'}

  <INDEX>                 an index file written by "news-tagger index"
  --id ID                 an article id (repeat for several)
  --all                   every article in the index
  --k N                   results per article                                    [5]
  --out FILE              output file, or "-" for stdout                          [-]
  --out-format csv|jsonl  JSONL: {"id", "${command === 'related' ? 'related' : 'readNext'}": [{id, score, title}]} per line;
                          CSV: id,rank,related_id,score,title          (default: from --out, else jsonl)
  --quiet                 no summary on stderr

Exit codes: 0 done, 1 fatal error (unreadable index, unknown id).`;

const EVAL_HELP = `Usage: news-tagger eval tags <input> [options]

Scores the suggested tags against the tags your archive already has: precision, recall and F1 over
the articles that have gold tags, and recall per gold column. Names are compared by their match key
(case, accents and punctuation folded), against each suggestion's label, aliases and id.

  <input>                 CSV or JSONL file, or "-" for stdin
  --format csv|jsonl      input format (default: from the extension, else jsonl)
  --gold LIST             gold columns, comma-separated                 [tags,people,places,orgs]
  --k N                   score only the top N suggestions                    [all returned]
  --limit N               evaluate at most N articles
  --json                  print the report as JSON

${COLUMN_HELP}

${TAGGER_HELP}`;

const COMMON = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } } as const;

function write(stream: Writable | Terminal, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

function one(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1] as string}"`);
  return positionals[0] as string;
}

function errorPrinter(io: CliIo): (e: RowError) => void {
  return (e) => write(io.stderr, `row ${e.rowNumber} (line ${e.line}${e.id ? `, id ${JSON.stringify(e.id)}` : ''}): ${e.code} ${e.reason}`);
}

async function tagCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON,
    ...COLUMN_OPTIONS,
    ...TAGGER_OPTIONS,
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    'out-format': { type: 'string' },
    errors: { type: 'string' },
    resume: { type: 'boolean' },
    'checkpoint-seconds': { type: 'string' },
    workers: { type: 'string' },
    'allow-empty-body': { type: 'boolean' },
  });
  if (values.help === true) return help(io, TAG_HELP);
  const input = one(positionals, 'the input file (or "-" for stdin)');
  if (values.format === 'page') return tagPage(input, typeof values.out === 'string' ? values.out : '-', taggerOptionsFrom(values), io);
  const output = typeof values.out === 'string' ? values.out : '-';
  const quiet = values.quiet === true;
  const progress = progressReporter(io.stderr, 'tag', !quiet);
  const toStdout = output === '-';
  const workers = integerOption(values, 'workers');
  const checkpointSeconds = integerOption(values, 'checkpoint-seconds');
  const format = formatOption(values, 'format');
  const outputFormat = formatOption(values, 'out-format');
  const summary = await runTagJob({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    output: toStdout ? io.stdout : output,
    ...(format !== undefined ? { format } : {}),
    ...(outputFormat !== undefined ? { outputFormat } : {}),
    ...(typeof values.errors === 'string' ? { errors: values.errors } : {}),
    // without an errors file (stdout, a pipe or a device as output), failed rows are printed on stderr
    ...(typeof values.errors !== 'string' && (toStdout || !(await isRegularFileOrAbsent(output))) ? { onError: errorPrinter(io) } : {}),
    columns: columnsFrom(values),
    tagger: taggerOptionsFrom(values),
    ...(workers !== undefined ? { workers } : {}),
    allowEmptyBody: values['allow-empty-body'] === true,
    resume: values.resume === true,
    ...(checkpointSeconds !== undefined ? { checkpointSeconds } : {}),
    ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
  }).finally(() => progress.clear());
  if (!quiet) write(io.stderr, summaryLine('news-tagger tag', summary));
  return summary.rowsFailed > 0 ? EXIT_ROW_ERRORS : EXIT_OK;
}

/** `tag PAGE --format page`: one whole page in, its extracted article with tags out (one JSON line). */
async function tagPage(input: string, output: string, options: TaggerOptions, io: CliIo): Promise<number> {
  const chunks: Buffer[] = [];
  if (input === '-') for await (const chunk of io.stdin ?? process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  const page = input === '-' ? Buffer.concat(chunks).toString('utf8') : await readFile(input, 'utf8');
  const { title, lede, body, tags: pageTags, ...meta } = extractArticle(page);
  const result = createTagger({ ...options, format: 'page' }).tag({ id: input, title: '', body: page });
  const line = `${JSON.stringify({ id: input, title, lede, ...meta, pageTags, words: body.split(/\s+/).filter((w) => w.length > 0).length, tags: result.tags.map(({ evidence: _, ...t }) => t), regions: result.regions, readingTime: result.readingTime })}\n`;
  if (output === '-') io.stdout.write(line);
  else await writeFile(output, line);
  return EXIT_OK;
}

async function indexCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON,
    ...COLUMN_OPTIONS,
    ...TAGGER_OPTIONS,
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    errors: { type: 'string' },
    entities: { type: 'boolean' },
    'allow-empty-body': { type: 'boolean' },
    shard: { type: 'string' },
    merge: { type: 'boolean' },
  });
  if (values.help === true) return help(io, INDEX_HELP);
  if (values.merge === true) return mergeCommand(positionals, values, io);
  const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
  const input = one(positionals, 'the input file (or "-" for stdin)');
  if (typeof values.out !== 'string' || values.out === '-') throw new UsageError('index needs --out INDEX (a file)');
  const quiet = values.quiet === true;
  const progress = progressReporter(io.stderr, 'index', !quiet);
  const format = formatOption(values, 'format');
  const { summary } = await runIndexJob({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    output: values.out,
    ...(format !== undefined ? { format } : {}),
    errors: typeof values.errors === 'string' ? values.errors : `${values.out}.errors.jsonl`,
    columns: columnsFrom(values),
    tagger: taggerOptionsFrom(values),
    entities: values.entities === true,
    allowEmptyBody: values['allow-empty-body'] === true,
    ...(shard !== undefined ? { shard } : {}),
    ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
  }).finally(() => progress.clear());
  const saved = shard === undefined ? 'index' : `part ${shard.index}/${shard.count}`;
  if (!quiet) write(io.stderr, `${summaryLine('news-tagger index', summary)}; ${saved} saved to ${values.out}`);
  return summary.rowsFailed > 0 ? EXIT_ROW_ERRORS : EXIT_OK;
}

/** `index --merge PART... --out INDEX`. */
async function mergeCommand(parts: string[], values: Values, io: CliIo): Promise<number> {
  if (parts.length === 0) throw new UsageError('index --merge needs the part files');
  if (typeof values.out !== 'string' || values.out === '-') throw new UsageError('index --merge needs --out INDEX (a file)');
  for (const name of ['shard', 'entities', 'errors'] as const) if (values[name] !== undefined) throw new UsageError(`--${name} does not go with --merge`);
  const result = await runIndexMergeJob({ inputs: parts, output: values.out });
  if (values.quiet !== true) {
    const int = (n: number): string => n.toLocaleString('en-US');
    write(
      io.stderr,
      `news-tagger index --merge: ${result.parts} parts, ${int(result.index.size)} documents (rows read ${int(result.rowsRead)}, indexed ${int(result.rowsWritten)}, failed ${int(result.rowsFailed)}) in ${result.seconds.toFixed(1)} s; index saved to ${values.out}`,
    );
  }
  return EXIT_OK;
}

async function recommendCommand(mode: 'related' | 'readnext', argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON,
    id: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    k: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'out-format': { type: 'string' },
  });
  if (values.help === true) return help(io, recommendHelp(mode));
  const indexPath = one(positionals, 'the index file');
  const ids = (values as Record<string, unknown>).id as string[] | undefined;
  if ((ids === undefined || ids.length === 0) === (values.all !== true)) throw new UsageError('give --id ID (one or more) or --all');
  const k = integerOption(values, 'k');
  const output = typeof values.out === 'string' ? values.out : '-';
  const outputFormat = formatOption(values, 'out-format');
  const result = await runRecommendJob({
    index: indexPath,
    mode,
    ...(ids !== undefined ? { ids } : {}),
    ...(k !== undefined ? { k } : {}),
    output: output === '-' ? io.stdout : output,
    ...(outputFormat !== undefined ? { outputFormat } : {}),
  });
  if (values.quiet !== true && (values.all === true || output !== '-')) {
    write(io.stderr, `news-tagger ${mode}: ${result.articles} articles in ${result.seconds.toFixed(1)} s`);
  }
  return EXIT_OK;
}

async function evalCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON,
    ...COLUMN_OPTIONS,
    ...TAGGER_OPTIONS,
    format: { type: 'string' },
    gold: { type: 'string' },
    k: { type: 'string' },
    json: { type: 'boolean' },
    // eval has its own --limit (articles); the tagger's limit is --tag-limit here
    'tag-limit': { type: 'string' },
  });
  if (values.help === true || positionals.length === 0) return help(io, EVAL_HELP, positionals.length === 0 && values.help !== true);
  const [task, ...rest] = positionals;
  if (task !== 'tags') throw new UsageError(`unknown eval task "${task as string}" (known: tags)`);
  const input = one(rest, 'the input file (or "-" for stdin)');
  const format = formatOption(values, 'format');
  const k = integerOption(values, 'k');
  const limit = integerOption(values, 'limit');
  const taggerValues: Values = { ...values, limit: values['tag-limit'] };
  const report = await runTagEval({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    ...(format !== undefined ? { format } : {}),
    columns: columnsFrom(values),
    ...(typeof values.gold === 'string' ? { goldColumns: values.gold.split(',').map((c) => c.trim()).filter((c) => c.length > 0) } : {}),
    tagger: taggerOptionsFrom(taggerValues),
    ...(k !== undefined ? { k } : {}),
    ...(limit !== undefined ? { limit } : {}),
  });
  if (values.json === true) {
    write(io.stdout, JSON.stringify(report, null, 2));
    return EXIT_OK;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `eval tags: ${report.articles} articles with gold tags (${report.skipped} rows skipped), ${report.gold} gold tags, ${report.suggested} suggestions`,
    `  precision ${pct(report.precision)}  recall ${pct(report.recall)}  F1 ${pct(report.f1)}`,
    ...Object.entries(report.columns).map(([c, s]) => `  ${c.padEnd(12)} recall ${pct(s.recall)} (${s.found} of ${s.gold})`),
  ];
  write(io.stdout, lines.join('\n'));
  return EXIT_OK;
}

function help(io: CliIo, text: string, asError = false): number {
  write(asError ? io.stderr : io.stdout, text);
  return asError ? EXIT_FATAL : EXIT_OK;
}

/** Runs the program; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        return help(io, USAGE, true);
      case '--help':
      case '-h':
      case 'help':
        return help(io, USAGE);
      case '--version':
      case '-v':
        write(io.stdout, `news-tagger ${typeof __NEWS_TAGGER_VERSION__ === 'string' ? __NEWS_TAGGER_VERSION__ : '(development build)'}`);
        return EXIT_OK;
      case 'tag':
        return await tagCommand(rest, io);
      case 'index':
        return await indexCommand(rest, io);
      case 'related':
      case 'readnext':
        return await recommendCommand(command, rest, io);
      case 'eval':
        return await evalCommand(rest, io);
      case 'submit':
        return await (await import('./queue-commands.js')).submitCommand(rest, io);
      case 'worker':
        return await (await import('./queue-commands.js')).workerCommand(rest, io);
      case 'collect':
        return await (await import('./queue-commands.js')).collectCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = command !== undefined && ['tag', 'index', 'related', 'readnext', 'eval', 'submit', 'worker', 'collect'].includes(command) ? ` ${command}` : '';
      write(io.stderr, `news-tagger: ${error.message}\nRun "news-tagger${hint} --help" for usage.`);
      return EXIT_FATAL;
    }
    if (isNewsTaggerError(error)) {
      write(io.stderr, `${error.message} [${error.code}]`);
      return EXIT_FATAL;
    }
    write(io.stderr, `news-tagger: unexpected error (please report it): ${String((error as Error)?.stack ?? error)}`);
    return EXIT_FATAL;
  }
}
