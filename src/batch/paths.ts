/**
 * The files of a batch job: same-file refusal and outputs that appear only when complete.
 *
 * `refuseSameFiles()` runs before a job opens anything for writing: when two of its files (input,
 * output, errors file, checkpoint, and the side files derived from them) are one file, the job stops
 * with BATCH_ARGS. Existing files are compared by device and inode (so hard links, symbolic links,
 * "./a" and "a", and `/dev/stdin` redirected from a file are caught); files still to be created by
 * their resolved real path. Standard input and output count too when they are regular files
 * (`news-tagger tag - --out a.jsonl < a.jsonl`). Devices, pipes and terminals are never "the same
 * file" (writing the output and the errors to /dev/null is fine).
 *
 * `partialPath()` names the temporary file an output is written to before it is renamed onto its
 * final name, in the same folder (a rename across folders could be a copy).
 */
import { fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { createError } from '../errors.js';

/** One file of a job: what it is for (for the message) and where it is. */
export interface JobFile {
  role: string;
  /** A path, '-' (stdin or stdout, per `fd`), or a stream (checked when it has a file descriptor). */
  target: string | Readable | Writable | undefined;
  /** For '-': 0 (stdin) or 1 (stdout). */
  fd?: 0 | 1;
}

/** The temporary file an output is written to, renamed onto `path` when the job succeeds. */
export function partialPath(path: string): string {
  return `${path}.partial`;
}

/**
 * Where to write `path` atomically: its real path when it is a symbolic link to an existing file (so
 * that the link still points at the result), else `path` itself.
 */
export function finalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A key that is equal for two names of one file, or undefined when there is nothing to compare. */
function identity(file: JobFile): { key: string; shown: string } | undefined {
  const { target } = file;
  if (target === undefined) return undefined;
  let stats: Stats | undefined;
  let shown: string;
  if (typeof target === 'string' && target !== '-') {
    shown = target;
    try {
      stats = statSync(target);
    } catch {
      // to be created: its folder's real path and its name
      let folder = resolve(dirname(target));
      try {
        folder = realpathSync(folder);
      } catch {
        // a missing folder: opening will fail with a clear error later
      }
      return { key: `path:${join(folder, basename(target))}`, shown };
    }
  } else {
    const fd = typeof target === 'string' ? file.fd : streamFd(target);
    if (fd === undefined) return undefined;
    shown = fd === 0 ? 'standard input' : fd === 1 ? 'standard output' : `file descriptor ${fd}`;
    try {
      stats = fstatSync(fd);
    } catch {
      return undefined;
    }
  }
  // only regular files can be read and written over one another; two writers to /dev/null are fine
  if (!stats.isFile()) return undefined;
  return { key: `inode:${stats.dev}:${stats.ino}`, shown };
}

/** The file descriptor behind a stream: process.stdin/stdout, an fs stream, a socket. */
function streamFd(stream: Readable | Writable): number | undefined {
  if (stream === process.stdin) return 0;
  if (stream === process.stdout) return 1;
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' && Number.isInteger(fd) && fd >= 0 ? fd : undefined;
}

/**
 * Throws BATCH_ARGS when two of `files` are one file. Call it before anything is opened for writing.
 * O(files) stat calls.
 */
export function refuseSameFiles(files: readonly JobFile[]): void {
  const seen = new Map<string, { role: string; shown: string }>();
  for (const file of files) {
    const id = identity(file);
    if (id === undefined) continue;
    const earlier = seen.get(id.key);
    if (earlier !== undefined) {
      const where = earlier.shown === id.shown ? earlier.shown : `${earlier.shown} and ${id.shown}`;
      throw createError('BATCH_ARGS', `the ${earlier.role} and the ${file.role} are the same file (${where}); nothing was written`);
    }
    seen.set(id.key, { role: file.role, shown: id.shown });
  }
}
