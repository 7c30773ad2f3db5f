/**
 * The commands of the command line, loaded by program.ts once a command is to run (not for --help).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { runIndexJob, runRecommendJob } from '../batch/corpus-jobs.js';
import { runTagEval } from '../batch/evaluate.js';
import { refuseSameFiles } from '../batch/paths.js';
import { runTagJob } from '../batch/run.js';
import { runTrainJob } from '../batch/train-job.js';
import { parseShard, runIndexMergeJob } from '../batch/shards.js';
import type { RowError } from '../batch/types.js';
import { isRegularFileOrAbsent } from '../batch/write.js';
import { NewsTaggerError } from '../errors.js';
import type { TaggerOptions } from '../options.js';
import { extractArticle } from '../page/extract.js';
import { loadSiteModel } from '../site/serialize.js';
import { createTaggerWithoutModel } from '../with-model.js';
import {
  COLUMN_OPTIONS,
  columnsFrom,
  formatOption,
  integerOption,
  parse,
  TAGGER_OPTIONS,
  taggerOptionsFrom,
  UsageError,
  type Values,
} from './args.js';
import { EVAL_HELP, INDEX_HELP, recommendHelp, TAG_HELP, TRAIN_HELP } from './help.js';
import { EXIT_OK, EXIT_ROW_ERRORS, help, write, type CliIo } from './io.js';
import { plural, progressReporter, summaryLine } from './progress.js';

const COMMON = { help: { type: 'boolean', short: 'h' }, quiet: { type: 'boolean', short: 'q' } } as const;


function one(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1] as string}"`);
  return positionals[0] as string;
}

/** Checks that the input file exists ("-" is stdin), once the other arguments are known to be good. */
function checkInput(path: string): void {
  if (path !== '-' && !existsSync(path)) throw new NewsTaggerError('BATCH_INPUT', `news-tagger: input file not found: ${path}`, [path]);
}

/** The options of the commands that read an archive and write a file (tag, index). */
const ARCHIVE_OPTIONS = {
  ...COMMON,
  ...COLUMN_OPTIONS,
  ...TAGGER_OPTIONS,
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  errors: { type: 'string' },
  'allow-empty-body': { type: 'boolean' },
} as const;

/** `tag PAGE --format page`: one whole page in, its extracted article with tags out (one JSON line). */
async function tagPage(input: string, output: string, options: TaggerOptions, io: CliIo): Promise<number> {
  const chunks: Buffer[] = [];
  if (input === '-') for await (const chunk of io.stdin ?? process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  const page = input === '-' ? Buffer.concat(chunks).toString('utf8') : await readFile(input, 'utf8');
  const { title, lede, body, tags: pageTags, ...meta } = extractArticle(page);
  // without the NER model, as this command has always run (the batch commands use it)
  const result = createTaggerWithoutModel({ ...options, format: 'page' }).tag({ id: input, title: '', body: page });
  const words = body.split(/\s+/).filter((w) => w.length > 0).length;
  const tags = result.tags.map(({ evidence: _, ...t }) => t);
  const line = `${JSON.stringify({ id: input, title, lede, ...meta, pageTags, words, tags, regions: result.regions, readingTime: result.readingTime })}\n`;
  if (output === '-') io.stdout.write(line);
  else await writeFile(output, line);
  return EXIT_OK;
}

/** The tagging options of the command line; a site model file is checked now, before any row. */
function taggerOptions(values: Values): TaggerOptions {
  const options = taggerOptionsFrom(values);
  if (options.site instanceof Uint8Array) loadSiteModel(options.site);
  return options;
}

function errorPrinter(io: CliIo): (e: RowError) => void {
  return (e) => write(io.stderr, `row ${e.rowNumber} (${e.lastLine !== undefined ? `lines ${e.line}-${e.lastLine}` : `line ${e.line}`}${e.id ? `, id ${JSON.stringify(e.id)}` : ''}): ${e.code} ${e.reason}`);
}

async function tagCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...ARCHIVE_OPTIONS,
    'out-format': { type: 'string' },
    resume: { type: 'boolean' },
    'checkpoint-seconds': { type: 'string' },
    workers: { type: 'string' },
  });
  if (values.help === true) return help(io, TAG_HELP);
  const input = one(positionals, 'the input file (or "-" for stdin)');
  const output = typeof values.out === 'string' ? values.out : '-';
  if (values.format === 'page') {
    checkInput(input);
    return tagPage(input, output, taggerOptions(values), io);
  }
  const quiet = values.quiet === true;
  const progress = progressReporter(io.stderr, 'tag', !quiet);
  const toStdout = output === '-';
  const workers = integerOption(values, 'workers');
  const checkpointSeconds = integerOption(values, 'checkpoint-seconds');
  const format = formatOption(values, 'format');
  const outputFormat = formatOption(values, 'out-format');
  const tagger = taggerOptions(values);
  const columns = columnsFrom(values);
  checkInput(input);
  const summary = await runTagJob({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    output: toStdout ? io.stdout : output,
    ...(format !== undefined ? { format } : {}),
    ...(outputFormat !== undefined ? { outputFormat } : {}),
    ...(typeof values.errors === 'string' ? { errors: values.errors } : {}),
    // without an errors file (stdout, a pipe or a device as output), failed rows are printed on stderr
    ...(typeof values.errors !== 'string' && (toStdout || !(await isRegularFileOrAbsent(output))) ? { onError: errorPrinter(io) } : {}),
    columns,
    tagger,
    ...(workers !== undefined ? { workers } : {}),
    allowEmptyBody: values['allow-empty-body'] === true,
    resume: values.resume === true,
    ...(checkpointSeconds !== undefined ? { checkpointSeconds } : {}),
    ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
  }).finally(() => progress.clear());
  if (!quiet) write(io.stderr, summaryLine('news-tagger tag', summary));
  return summary.rowsFailed > 0 ? EXIT_ROW_ERRORS : EXIT_OK;
}

async function indexCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...ARCHIVE_OPTIONS,
    entities: { type: 'boolean' },
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
  const tagger = taggerOptions(values);
  const columns = columnsFrom(values);
  checkInput(input);
  const { summary } = await runIndexJob({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    output: values.out,
    ...(format !== undefined ? { format } : {}),
    errors: typeof values.errors === 'string' ? values.errors : `${values.out}.errors.jsonl`,
    columns,
    tagger,
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
    write(io.stderr, `news-tagger ${mode}: ${plural(result.articles, 'article')} in ${result.seconds.toFixed(1)} s`);
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
  const tagger = taggerOptions(taggerValues);
  const columns = columnsFrom(values);
  checkInput(input);
  // the report goes to standard output: refuse when that is the input file (`> archive.jsonl`)
  refuseSameFiles([{ role: 'input', target: input === '-' && io.stdin !== undefined ? io.stdin : input, fd: 0 }, { role: 'report (standard output)', target: io.stdout }]);
  const report = await runTagEval({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    ...(format !== undefined ? { format } : {}),
    columns,
    ...(typeof values.gold === 'string' ? { goldColumns: values.gold.split(',').map((c) => c.trim()).filter((c) => c.length > 0) } : {}),
    tagger,
    ...(k !== undefined ? { k } : {}),
    ...(limit !== undefined ? { limit } : {}),
  });
  if (values.json === true) {
    write(io.stdout, JSON.stringify(report, null, 2));
    return EXIT_OK;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `eval tags: ${plural(report.articles, 'article')} with gold tags (${plural(report.skipped, 'row')} skipped), ${plural(report.gold, 'gold tag')}, ${plural(report.suggested, 'suggestion')}`,
    `  precision ${pct(report.precision)}  recall ${pct(report.recall)}  F1 ${pct(report.f1)}`,
    ...Object.entries(report.columns).map(([c, s]) => `  ${c.padEnd(12)} recall ${pct(s.recall)} (${s.found} of ${s.gold})`),
  ];
  write(io.stdout, lines.join('\n'));
  return EXIT_OK;
}

/** Runs one command (already known to be one of COMMANDS). */
async function trainCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON,
    ...COLUMN_OPTIONS,
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    errors: { type: 'string' },
    lang: { type: 'string' },
    'min-tag-count': { type: 'string' },
    'allow-empty-body': { type: 'boolean' },
  });
  if (values.help === true) return help(io, TRAIN_HELP);
  const input = one(positionals, 'the archive file (or "-" for stdin)');
  if (typeof values.out !== 'string' || values.out === '-') throw new UsageError('train needs --out MODEL (a file)');
  const quiet = values.quiet === true;
  const format = formatOption(values, 'format');
  const minTagCount = integerOption(values, 'min-tag-count');
  checkInput(input);
  const progress = progressReporter(io.stderr, 'train', !quiet);
  const { summary, model } = await runTrainJob({
    input: input === '-' && io.stdin !== undefined ? io.stdin : input,
    output: values.out,
    ...(format !== undefined ? { format } : {}),
    errors: typeof values.errors === 'string' ? values.errors : `${values.out}.errors.jsonl`,
    columns: columnsFrom(values),
    allowEmptyBody: values['allow-empty-body'] === true,
    training: {
      ...(typeof values.lang === 'string' ? { lang: values.lang } : {}),
      ...(minTagCount !== undefined ? { minTagCount } : {}),
      ...(quiet ? {} : { onProgress: (p: { phase: string }) => p.phase !== 'analyze' && write(io.stderr, `news-tagger train: ${p.phase}`) }),
    },
    ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
  }).finally(() => progress.clear());
  if (!quiet) {
    const s = model.stats;
    write(io.stderr, `${summaryLine('news-tagger train', summary)}; ${s.articles} articles learned (${s.skippedArticles} skipped: no tag used on at least --min-tag-count articles, or unreadable), ${s.entityTags} entity and ${s.topicTags} topic tags; model saved to ${values.out}`);
  }
  return summary.rowsFailed > 0 ? EXIT_ROW_ERRORS : EXIT_OK;
}

export function runCommand(command: string, argv: string[], io: CliIo): Promise<number> {
  switch (command) {
    case 'tag':
      return tagCommand(argv, io);
    case 'train':
      return trainCommand(argv, io);
    case 'index':
      return indexCommand(argv, io);
    case 'related':
    case 'readnext':
      return recommendCommand(command, argv, io);
    default:
      return evalCommand(argv, io);
  }
}
