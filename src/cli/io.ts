/** What the command-line program writes to, and its exit codes. */
import type { Readable, Writable } from 'node:stream';
import type { Terminal } from './progress.js';

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
export const EXIT_ROW_ERRORS = 3;

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Terminal;
  stdin?: Readable;
}

export function write(stream: Writable | Terminal, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function help(io: CliIo, text: string, asError = false): number {
  write(asError ? io.stderr : io.stdout, text);
  return asError ? EXIT_FATAL : EXIT_OK;
}
