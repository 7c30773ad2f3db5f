/**
 * The help texts of the command line. Kept apart from the commands, so that \`news-tagger --help\`
 * loads neither the tagger nor its data (see program.ts).
 */
import { COLUMN_HELP, TAGGER_HELP } from './args.js';

export const USAGE = `news-tagger: tags, region sections, Related News and Read Next for news archives

Usage: news-tagger <command> [options]
       news-tagger --help | --version

Commands:
  tag <input>            add tags, regions and reading time to every article
  train <input>          learn the site's tagging from its tagged archive (--out MODEL)
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

export const TAG_HELP = `Usage: news-tagger tag <input> [--out FILE] [options]

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

export const TRAIN_HELP = `Usage: news-tagger train <archive> --out MODEL [options]

Learns the site's tagging from its archive: the tags its editors use (entities and topics), which
entities they tag, and its topic tags. Use the model with "news-tagger tag --site MODEL". Rows without
tags are skipped (counted); rows that cannot be read go to the errors file.

  <archive>               CSV or JSONL file with the editors' tags, or "-" for stdin
  --out FILE              where the model is saved (required)
  --format csv|jsonl      input format (default: from the extension, else jsonl)
  --errors FILE           failed rows; .csv or JSONL                       [MODEL.errors.jsonl]
  --lang CODE             language of articles that do not say                              [en]
  --min-tag-count N       least articles of a tag to learn it                                 [2]
  --allow-empty-body      accept articles with a title but no body
  -q, --quiet             no progress or summary on stderr

Exit codes: 0 trained and saved, every row read; 1 fatal error (bad arguments, unreadable input, no
usable article); 3 trained and saved, some rows failed (see the errors file).

${COLUMN_HELP}`;

export const INDEX_HELP = `Usage: news-tagger index <input> --out INDEX [options]
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

export const recommendHelp = (command: 'related' | 'readnext'): string => `Usage: news-tagger ${command} <INDEX> (--id ID ... | --all) [--k N] [--out FILE]

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

export const EVAL_HELP = `Usage: news-tagger eval tags <input> [options]

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

${TAGGER_HELP}

Exit codes: 0 scored, 1 fatal error (bad arguments, unreadable input).`;

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

/**
 * The help of a command when its arguments ask for it (--help or -h before any "--"); the eval
 * command also shows it when given no task.
 */
export function helpOf(command: string, argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  const asked = (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
  if (!asked) return undefined;
  if (command === 'tag') return TAG_HELP;
  if (command === 'train') return TRAIN_HELP;
  if (command === 'index') return INDEX_HELP;
  if (command === 'related' || command === 'readnext') return recommendHelp(command);
  if (command === 'submit') return SUBMIT_HELP;
  if (command === 'worker') return WORKER_HELP;
  if (command === 'collect') return COLLECT_HELP;
  return EVAL_HELP;
}
