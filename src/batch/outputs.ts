/**
 * The output files of a job. A path that names a regular file (or nothing yet) is written to its
 * partial file (`<path>.partial`, in the same folder) and renamed onto the path by `commit()`, so the
 * final name only ever holds a complete output: a crash, a kill or a fatal error leaves the earlier
 * file (if any) untouched. Standard output, streams and devices are written directly.
 */
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { createError } from '../errors.js';
import { finalPath, partialPath } from './paths.js';
import { fileSink, isRegularFileOrAbsent, nullSink, streamSink, type FileSinkOptions, type Sink } from './write.js';

export interface JobOutput {
  readonly sink: Sink;
  /** Flushes, closes and renames the partial file onto the final name. */
  commit(): Promise<void>;
  /** Closes without renaming; removes the partial file unless `keep` (a checkpoint points into it). */
  abandon(keep: boolean): Promise<void>;
}

export interface JobOutputOptions extends FileSinkOptions {
  /**
   * An errors file: when the job completes without writing a byte to it, the partial file is removed
   * and so is a file left at the final name by an earlier run, so that a job with no failed row leaves
   * no errors file (neither an empty one nor a stale one).
   */
  dropIfEmpty?: boolean;
}

/** Opens `target` for a job: a file path, '-' (standard output) or a writable stream. */
export async function openJobOutput(target: string | Writable, options: JobOutputOptions = {}): Promise<JobOutput> {
  if (typeof target !== 'string' || target === '-') {
    const sink = streamSink(typeof target === 'string' ? process.stdout : target, false);
    return { sink, commit: () => sink.close(), abandon: () => sink.close().catch(() => undefined) };
  }
  if (!(await isRegularFileOrAbsent(target))) {
    // a device or a pipe (/dev/null, a FIFO): nothing to rename
    const sink = await fileSink(target, options);
    return { sink, commit: () => sink.close(), abandon: () => sink.close().catch(() => undefined) };
  }
  const final = finalPath(target);
  const partial = partialPath(final);
  const sink = await fileSink(partial, options);
  return {
    sink,
    async commit() {
      await sink.sync();
      await sink.close();
      try {
        if (options.dropIfEmpty === true && sink.bytes === 0) await Promise.all([rm(partial, { force: true }), rm(final, { force: true })]);
        else await rename(partial, final);
      } catch (error) {
        throw createError('BATCH_OUTPUT', `${target}: ${(error as Error).message}`);
      }
    },
    async abandon(keep) {
      await sink.close().catch(() => undefined);
      if (!keep) await rm(partial, { force: true });
    },
  };
}

/** A job output that goes nowhere (no errors file). */
export const NO_OUTPUT: JobOutput = {
  sink: nullSink,
  commit: async () => undefined,
  abandon: async () => undefined,
};
