/**
 * Output: sinks that count the bytes they have written (checkpoints record them), and the CSV and
 * JSONL encoders for tagged rows and row errors. CSV rows are formatted by fast-csv (RFC 4180
 * quoting: fields with commas, quotes or line breaks are quoted, quotes doubled).
 */
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { createError } from '../errors.js';
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
  close(): Promise<void>;
}

/**
 * A file sink. `truncateTo` (resume) keeps the first bytes of an existing file and appends after them.
 * Devices and pipes (/dev/null, /dev/stdout, a FIFO) are written in order without positions, and
 * `sync()` is a no-op for them.
 */
export async function fileSink(path: string, truncateTo?: number): Promise<Sink> {
  let handle: FileHandle;
  let regular: boolean;
  try {
    if (truncateTo === undefined) handle = await open(path, 'w');
    else {
      handle = await open(path, 'r+');
      await handle.truncate(truncateTo);
    }
    regular = (await handle.stat()).isFile();
  } catch (error) {
    throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
  }
  let bytes = truncateTo ?? 0;
  const fh = handle;
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
      bytes += buffer.length;
    },
    sync: async () => {
      if (regular) await fh.datasync();
    },
    close: () => fh.close(),
  };
}

/**
 * A file sink that creates its file on the first write, so that a job with no failed row leaves no
 * errors file. A file left at `path` by an earlier run is removed first (the eager sink emptied it).
 */
export async function lazyFileSink(path: string): Promise<Sink> {
  await rm(path, { force: true }).catch((error: Error) => {
    throw createError('BATCH_OUTPUT', `${path}: ${error.message}`);
  });
  let opening: Promise<Sink> | undefined;
  let opened: Sink | undefined;
  return {
    get bytes() {
      return opened?.bytes ?? 0;
    },
    async write(data) {
      if (data.length === 0) return;
      opening ??= fileSink(path);
      opened = await opening;
      await opened.write(data);
    },
    sync: async () => opened?.sync(),
    close: async () => opened?.close(),
  };
}

/** True when `path` is absent or a regular file (a checkpoint can point into it). */
export async function isRegularFileOrAbsent(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return true;
  }
}

/** A sink over a writable stream (stdout, a socket, a CMS's own stream); waits for 'drain'. */
export function streamSink(stream: Writable, end: boolean): Sink {
  let bytes = 0;
  return {
    get bytes() {
      return bytes;
    },
    write(data) {
      if (data.length === 0) return Promise.resolve();
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      return new Promise((resolve, reject) => {
        // bytes go as a Buffer view (no copy), so that even an object-mode stream gets a Buffer
        const chunk = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        const ok = stream.write(chunk, (error) => {
          if (error) reject(createError('BATCH_OUTPUT', error.message));
        });
        if (ok) resolve();
        else stream.once('drain', resolve);
      });
    },
    sync: async () => undefined,
    close: () =>
      end
        ? new Promise<void>((resolve) => {
            stream.end(resolve);
          })
        : Promise.resolve(),
  };
}

/** A sink that discards (no errors file requested). */
export const nullSink: Sink = { bytes: 0, write: async () => undefined, sync: async () => undefined, close: async () => undefined };

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
