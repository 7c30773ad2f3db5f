/**
 * Output: sinks that count the bytes they have written (checkpoints record them), and the CSV and
 * JSONL encoders for tagged rows and row errors. CSV rows are formatted by fast-csv (RFC 4180
 * quoting: fields with commas, quotes or line breaks are quoted, quotes doubled).
 */
import { createHash, type Hash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { createError, isNewsTaggerError } from '../errors.js';
import { fastCsv } from './csv-lib.js';
import { LIST_SEPARATOR } from './rows.js';
import type { BatchFormat, BatchResult, RowError } from './types.js';

/** Where text goes. `bytes` counts UTF-8 bytes written by this sink, plus `startBytes`. */
export interface Sink {
  readonly bytes: number;
  /** Writes text (as UTF-8) or bytes. */
  write(data: string | Uint8Array): Promise<void>;
  /** Flushes to disk (files) so that a checkpoint never points past what survives a crash. */
  sync(): Promise<void>;
  /** SHA-256 (hex) of every byte of the file so far (file sinks opened with `digest`), else ''. */
  digest(): string;
  close(): Promise<void>;
}

/** Where a file sink starts: a new (emptied) file, or an existing file continued after a checkpoint. */
export interface FileSinkOptions {
  /**
   * Resume: keep the first `bytes` bytes of the existing file (whose SHA-256 must be `digest`, else
   * BATCH_RESUME) and append after them; whatever follows them is cut off.
   */
  resume?: { bytes: number; digest: string };
  /** Keep a running SHA-256 of the file (for checkpoints). */
  digest?: boolean;
}

/**
 * A file sink. Devices and pipes (/dev/null, /dev/stdout, a FIFO) are written in order without
 * positions, and `sync()` is a no-op for them. Every failure is a NewsTaggerError: BATCH_OUTPUT, or
 * BATCH_RESUME when the kept part of the file is not what the checkpoint recorded.
 */
export async function fileSink(path: string, options: FileSinkOptions = {}): Promise<Sink> {
  const { resume } = options;
  const hash = options.digest === true || resume !== undefined ? createHash('sha256') : undefined;
  let handle: FileHandle | undefined;
  let regular: boolean;
  try {
    handle = await open(path, resume === undefined ? 'w' : 'r+');
    regular = (await handle.stat()).isFile();
  } catch (error) {
    await handle?.close();
    throw createError(resume !== undefined && (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'BATCH_RESUME' : 'BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
  }
  const fh = handle;
  if (resume !== undefined) {
    try {
      await hashPrefix(fh, path, resume.bytes, hash as Hash);
      if ((hash as Hash).copy().digest('hex') !== resume.digest) {
        throw createError('BATCH_RESUME', `${path} does not hold what its checkpoint recorded (the first ${resume.bytes} bytes differ); run without --resume to start again`);
      }
      await fh.truncate(resume.bytes);
    } catch (error) {
      await fh.close();
      throw isNewsTaggerError(error) ? error : createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
    }
  }
  let bytes = resume?.bytes ?? 0;
  return {
    get bytes() {
      return bytes;
    },
    async write(data) {
      if (data.length === 0) return;
      const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      try {
        while (offset < buffer.length) {
          const { bytesWritten } = await fh.write(buffer, offset, buffer.length - offset, regular ? bytes + offset : null);
          offset += bytesWritten;
        }
      } catch (error) {
        throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
      }
      hash?.update(buffer);
      bytes += buffer.length;
    },
    async sync() {
      if (!regular) return;
      try {
        await fh.datasync();
      } catch (error) {
        throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
      }
    },
    digest: () => (hash === undefined ? '' : hash.copy().digest('hex')),
    async close() {
      try {
        await fh.close();
      } catch (error) {
        throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
      }
    },
  };
}

/** Hashes the first `bytes` bytes of an open file; BATCH_RESUME when the file is shorter. O(bytes). */
async function hashPrefix(fh: FileHandle, path: string, bytes: number, hash: Hash): Promise<void> {
  const size = (await fh.stat()).size;
  if (size < bytes) throw createError('BATCH_RESUME', `${path} is shorter than its checkpoint says (${size} < ${bytes} bytes)`);
  const buffer = Buffer.allocUnsafe(Math.min(bytes, 1 << 20));
  for (let at = 0; at < bytes; ) {
    const { bytesRead } = await fh.read(buffer, 0, Math.min(buffer.length, bytes - at), at);
    if (bytesRead === 0) throw createError('BATCH_RESUME', `${path} is shorter than its checkpoint says`);
    hash.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
}

/** True when `path` is absent or a regular file (a checkpoint can point into it). */
export async function isRegularFileOrAbsent(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return true;
  }
}

/**
 * A sink over a writable stream (stdout, a socket, a CMS's own stream); waits for 'drain'. A stream
 * error (an 'error' event, a failed write, a destroyed stream) rejects the pending and later writes
 * and `close()` with BATCH_OUTPUT, never an unhandled 'error' event.
 */
export function streamSink(stream: Writable, end: boolean): Sink {
  let bytes = 0;
  let failed: Error | undefined;
  let inFlight = 0; // writes whose callback has not come yet
  const waiting = new Set<(error: Error | undefined) => void>();
  const settleAll = (): void => {
    for (const w of [...waiting]) w(failed);
  };
  const onError = (error: Error): void => {
    failed ??= createError('BATCH_OUTPUT', error.message);
    settleAll();
  };
  stream.on('error', onError);
  const wait = (until: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (error: Error | undefined): void => {
        if (error !== undefined) {
          waiting.delete(check);
          reject(error);
        } else if (until()) {
          waiting.delete(check);
          resolve();
        }
      };
      waiting.add(check);
      check(failed);
    });
  return {
    get bytes() {
      return bytes;
    },
    write(data) {
      if (failed !== undefined) return Promise.reject(failed);
      if (data.length === 0) return Promise.resolve();
      if (stream.destroyed || stream.writableEnded) {
        failed = createError('BATCH_OUTPUT', 'the output stream was closed before the job ended');
        return Promise.reject(failed);
      }
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      // bytes go as a Buffer view (no copy), so that even an object-mode stream gets a Buffer
      const chunk = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      inFlight++;
      let drained = false;
      const ok = stream.write(chunk, (error) => {
        inFlight--;
        if (error) onError(error);
        else settleAll();
      });
      if (ok) return failed === undefined ? Promise.resolve() : Promise.reject(failed);
      stream.once('drain', () => {
        drained = true;
        settleAll();
      });
      return wait(() => drained);
    },
    sync: async () => undefined,
    digest: () => '',
    async close() {
      try {
        await wait(() => inFlight === 0);
        if (end) {
          await new Promise<void>((resolve, reject) => {
            stream.end((error?: Error | null) => (error ? reject(createError('BATCH_OUTPUT', error.message)) : resolve()));
          });
        }
        if (failed !== undefined) throw failed;
      } finally {
        // an errored stream may still emit its 'error' event: keep listening to it then
        if (failed === undefined && !stream.destroyed) stream.off('error', onError);
      }
    },
  };
}

/** A sink that discards (no errors file requested). */
export const nullSink: Sink = { bytes: 0, write: async () => undefined, sync: async () => undefined, digest: () => '', close: async () => undefined };

/** The columns added to each CSV output row. */
export const CSV_RESULT_COLUMNS = ['tags', 'tag_ids', 'regions', 'reading_minutes', 'word_count'] as const;
/** The keys added to each JSONL output record. */
export const JSON_RESULT_KEYS = ['tags', 'regions', 'readingTime'] as const;
/** CSV output columns for JSONL input (whose keys are not known in advance). */
export const CSV_ARTICLE_COLUMNS = ['id', 'title', 'lede', 'body', 'date', 'section', 'url', 'lang'] as const;

/** An input field whose name collides with an added one is kept under `original_<name>`. */
function outputName(name: string, added: readonly string[]): string {
  return added.includes(name) ? `original_${name}` : name;
}

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(LIST_SEPARATOR);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Encodes tagged rows in one format: one string per row, each ending with a line break. */
export interface RowEncoder {
  header(): Promise<string>;
  rows(rows: { fields: ReadonlyMap<string, unknown>; result: BatchResult }[]): Promise<string[]>;
}

/**
 * Formats rows with fast-csv, one string per row. fast-csv's formatter stream emits each row as one
 * chunk, with the row delimiter in front of every row but the first, and a last chunk holding the
 * end delimiter; the row strings are cut from those chunks.
 */
async function formatCsvRows(rows: string[][]): Promise<string[]> {
  if (rows.length === 0) return [];
  const { format } = await fastCsv();
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    const stream = format<string[], string[]>({ headers: false, includeEndRowDelimiter: true });
    stream.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
    stream.on('error', reject);
    stream.on('end', () => {
      const out: string[] = [];
      for (let i = 0; i < rows.length; i++) {
        const chunk = chunks[i] ?? '';
        out.push(`${i === 0 ? chunk : chunk.slice(1)}\n`);
      }
      if (chunks.length !== rows.length + 1) reject(createError('BATCH_OUTPUT', `CSV formatter returned ${chunks.length} chunks for ${rows.length} rows`));
      else resolve(out);
    });
    for (const row of rows) stream.write(row);
    stream.end();
  });
}

export function createEncoder(format: BatchFormat, inputColumns: readonly string[] | undefined): RowEncoder {
  if (format === 'jsonl') {
    return {
      header: async () => '',
      rows: async (rows) =>
        rows.map(({ fields, result }) => {
          const record: Record<string, unknown> = {};
          for (const [key, value] of fields) {
            Object.defineProperty(record, outputName(key, JSON_RESULT_KEYS), { value, enumerable: true, writable: true, configurable: true });
          }
          record.tags = result.tags;
          record.regions = result.regions;
          record.readingTime = result.readingTime;
          return `${JSON.stringify(record)}\n`;
        }),
    };
  }
  const columns = inputColumns ?? CSV_ARTICLE_COLUMNS;
  const header = [...columns.map((c) => outputName(c, CSV_RESULT_COLUMNS)), ...CSV_RESULT_COLUMNS];
  return {
    header: async () => (await fastCsv()).writeToString([header], { includeEndRowDelimiter: true }),
    rows: (rows) =>
      formatCsvRows(
        rows.map(({ fields, result }) => [
          ...columns.map((c) => csvCell(fields.get(c))),
          result.tags.map((t) => t.label).join(LIST_SEPARATOR),
          result.tags.map((t) => t.id).join(LIST_SEPARATOR),
          result.regions.map((r) => r.region).join(LIST_SEPARATOR),
          String(result.readingTime.minutes),
          String(result.readingTime.words),
        ]),
      ),
  };
}

const ERROR_COLUMNS = ['rowNumber', 'line', 'id', 'code', 'reason'] as const;

/** Encodes row errors: JSONL, or CSV with the columns rowNumber,line,id,code,reason. */
export function createErrorEncoder(format: BatchFormat): { header(): Promise<string>; rows(errors: RowError[]): Promise<string> } {
  if (format === 'jsonl') {
    return {
      header: async () => '',
      rows: async (errors) => errors.map((e) => `${JSON.stringify(e)}\n`).join(''),
    };
  }
  return {
    header: async () => (await fastCsv()).writeToString([[...ERROR_COLUMNS]], { includeEndRowDelimiter: true }),
    rows: async (errors) =>
      errors.length === 0 ? '' : (await fastCsv()).writeToString(errors.map((e) => ERROR_COLUMNS.map((c) => String(e[c]))), { includeEndRowDelimiter: true }),
  };
}
