/**
 * The news-tagger command-line program: a thin layer over news-tagger/batch. `runCli(argv, io)`
 * returns the exit code instead of exiting, so tests can call it in-process.
 *
 * Exit codes: 0 every row done; 1 fatal (bad arguments, unreadable input, unwritable output, bad
 * options); 3 the job finished but some rows failed (they are in the errors file).
 *
 * Usage, --version and each command's --help are answered from this module and help.ts alone; the
 * commands (and with them the tagger, its data and fast-csv) load only when one runs.
 */
import { closest, UsageError } from './args.js';
import { helpOf, USAGE } from './help.js';
import { EXIT_FATAL, EXIT_OK, help, write, type CliIo } from './io.js';

export { EXIT_FATAL, EXIT_OK, EXIT_ROW_ERRORS, type CliIo } from './io.js';

/** Set by the build (tsup `define`) to the package version. */
declare const __NEWS_TAGGER_VERSION__: string | undefined;

const COMMANDS = ['tag', 'train', 'index', 'related', 'readnext', 'eval', 'submit', 'worker', 'collect'] as const;
/** The queue commands load news-tagger/queue (and, when they run, bullmq and ioredis). */
const QUEUE_COMMANDS: readonly string[] = ['submit', 'worker', 'collect'];

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
    }
    if (!(COMMANDS as readonly string[]).includes(command)) {
      const guess = closest(command, COMMANDS);
      throw new UsageError(`unknown command "${command}"${guess === undefined ? '' : ` (did you mean ${guess}?)`}`);
    }
    const commandHelp = helpOf(command, rest);
    if (commandHelp !== undefined) return help(io, commandHelp);
    if (QUEUE_COMMANDS.includes(command)) return await (await import('./queue-commands.js')).runQueueCommand(command, rest, io);
    const { runCommand } = await import('./commands.js');
    return await runCommand(command, rest, io);
  } catch (error) {
    return report(error, command, io);
  }
}

async function report(error: unknown, command: string | undefined, io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    const hint = command !== undefined && (COMMANDS as readonly string[]).includes(command) ? ` ${command}` : '';
    write(io.stderr, `news-tagger: ${error.message}${error.showHelp ? `\nRun "news-tagger${hint} --help" for usage.` : ''}`);
    return EXIT_FATAL;
  }
  const { isNewsTaggerError } = await import('../errors.js');
  if (isNewsTaggerError(error)) {
    write(io.stderr, `${error.message} [${error.code}]`);
    return EXIT_FATAL;
  }
  write(io.stderr, `news-tagger: unexpected error (please report it): ${String((error as Error)?.stack ?? error)}`);
  return EXIT_FATAL;
}
