/**
 * Streaming readers for archives: CSV (RFC 4180, header row, quoted fields with embedded newlines,
 * "" escapes, BOM, CRLF) and JSONL. Memory stays constant: input is pulled chunk by chunk and rows
 * are yielded as they complete (the caller's pace is the backpressure).
 *
 * CSV fields are parsed by fast-csv. A small quote-aware splitter in front of it cuts the text into
 * records first, so that one malformed record (bad quoting, wrong field count) becomes one
 * MALFORMED_ROW instead of ending the stream: fast-csv's stream stops at its first parse error.
 * Records are handed to fast-csv in groups; a group that fails is re-parsed record by record to find
 * the bad ones. The splitter (split.ts) resynchronizes after a malformed record whose quoted field
 * ran over line breaks, so that a quote never closed costs its own lines only, not the rest of the
 * file; every error names the lines it spans and the ids that can be read in it.
 */
import { StringDecoder } from 'node:string_decoder';
import { createError } from '../errors.js';
import { fastCsv } from './csv-lib.js';
import { CsvSplitter, LineSplitter, type CutRecord } from './split.js';
import type { BatchFormat, RowErrorCode } from './types.js';

/** One row of input: its fields in input order, or the reason it could not be read. */
export type RawRow =
  | { rowNumber: number; line: number; fields: Map<string, unknown>; bytesRead: number }
  | { rowNumber: number; line: number; error: { code: RowErrorCode; reason: string }; bytesRead: number; id: string; lastLine?: number; ids?: string[] };

export interface ReadOptions {
  format: BatchFormat;
  /** Longest record (CSV) or line (JSONL), in UTF-16 code units. */
  maxRecordBytes: number;
  /** Called once with the CSV header (column names in order). */
  onHeader?(columns: readonly string[]): void;
  /** The id column, read leniently from a record that cannot be parsed (`lenientId`); default "id". */
  idColumn?: string;
}

interface Chunked {
  text: string;
  bytesRead: number;
}

async function* decode(source: AsyncIterable<Buffer | string>): AsyncGenerator<Chunked> {
  const decoder = new StringDecoder('utf8');
  let bytesRead = 0;
  let first = true;
  try {
    for await (const chunk of source) {
      let text: string;
      if (typeof chunk === 'string') {
        bytesRead += Buffer.byteLength(chunk);
        text = chunk;
      } else {
        bytesRead += chunk.length;
        text = decoder.write(chunk);
      }
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length > 0) yield { text, bytesRead };
    }
  } catch (error) {
    throw createError('BATCH_INPUT', (error as Error).message);
  }
  const rest = decoder.end();
  if (rest.length > 0) yield { text: rest, bytesRead };
}

const QUOTE = 0x22;
const COMMA = 0x2c;

/** Parses CSV text with fast-csv; resolves to the rows, or to the parse error. */
async function parseCsvText(text: string): Promise<{ rows: string[][] } | { error: string }> {
  const { parseString } = await fastCsv();
  return new Promise((resolve) => {
    const rows: string[][] = [];
    let done = false;
    parseString<string[], string[]>(text, { headers: false, ignoreEmpty: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', (error: Error) => {
        if (!done) resolve({ error: error.message });
        done = true;
      })
      .on('end', () => {
        if (!done) resolve({ rows });
        done = true;
      });
  });
}

/** A record cut out of the input, not parsed yet (parsing happens in the worker threads). */
export type RawRecord =
  | { rowNumber: number; line: number; bytesRead: number; text: string }
  | { rowNumber: number; line: number; bytesRead: number; error: { code: RowErrorCode; reason: string }; id: string; lastLine?: number; ids?: string[] };

/** The fields of a record, or why it cannot be read. */
export type ParsedRecord = Map<string, unknown> | { code: RowErrorCode; reason: string };

/**
 * Cuts the input into records without parsing their fields: CSV records (the header is parsed here
 * and passed to `onHeader`) or JSON lines. Blank lines are not records. Oversize records and a quote
 * never closed come out as errors. Yields the records completed by each input chunk, as an array.
 */
export async function* readRecordBatches(source: AsyncIterable<Buffer | string>, options: ReadOptions): AsyncGenerator<RawRecord[]> {
  const csv = options.format === 'csv';
  const splitter = csv ? new CsvSplitter(options.maxRecordBytes) : new LineSplitter(options.maxRecordBytes);
  let header: string[] | undefined;
  let rowNumber = 0;
  let bytesRead = 0;
  const convert = async (records: CutRecord[]): Promise<RawRecord[]> => {
    const out: RawRecord[] = [];
    for (const record of records) {
      if (csv && header === undefined) {
        header = await parseCsvHeader(record);
        options.onHeader?.(header);
        continue;
      }
      rowNumber++;
      const base = { rowNumber, line: record.line, bytesRead: record.bytesRead };
      const span = record.lastLine !== undefined ? { lastLine: record.lastLine } : {};
      if (record.oversize !== undefined) {
        const lines = record.lastLine !== undefined ? ` (lines ${record.line}-${record.lastLine})` : '';
        out.push({ ...base, ...span, error: { code: 'OVERSIZE', reason: `${csv ? 'record' : 'line'} of ${record.oversize} characters${lines} is longer than maxRecordBytes (${options.maxRecordBytes})` }, id: '' });
      } else if (record.malformed !== undefined) {
        const idColumn = options.idColumn ?? 'id';
        const { lines, reason } = record.malformed;
        const id = lenientId(lines.join('\n'), 'csv', header, idColumn);
        const ids = new Set<string>();
        for (const line of lines.slice(1)) {
          const other = lenientId(line, 'csv', header, idColumn);
          if (other !== '' && other !== id && ids.size < 100) ids.add(other);
        }
        out.push({ ...base, ...span, error: { code: 'MALFORMED_ROW', reason: ids.size > 0 ? `${reason}; ids read in it: ${[...ids].join(', ').slice(0, 300)}` : reason }, id, ...(ids.size > 0 ? { ids: [id, ...ids] } : {}) });
      } else out.push({ ...base, text: record.text });
    }
    return out;
  };
  for await (const chunk of decode(source)) {
    bytesRead = chunk.bytesRead;
    const records = await convert(splitter.push(chunk.text, bytesRead));
    if (records.length > 0) yield records;
  }
  const last = await convert(splitter.end(bytesRead));
  if (last.length > 0) yield last;
  if (csv && header === undefined) throw createError('BATCH_INPUT', 'the CSV input is empty (no header row)');
}

/** `readRecordBatches`, one record at a time. */
export async function* readRecords(source: AsyncIterable<Buffer | string>, options: ReadOptions): AsyncGenerator<RawRecord> {
  for await (const records of readRecordBatches(source, options)) yield* records;
}

async function parseCsvHeader(record: CutRecord): Promise<string[]> {
  const result = record.oversize === undefined && record.malformed === undefined ? await parseCsvText(record.text) : { error: 'header too long or unclosed quote' };
  if ('error' in result || result.rows.length !== 1) {
    throw createError('BATCH_INPUT', `the CSV header is not valid (${'error' in result ? result.error : 'several rows'})`);
  }
  const header = (result.rows[0] as string[]).map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name.length === 0) throw createError('BATCH_INPUT', 'the CSV header has an empty column name');
    if (seen.has(name)) throw createError('BATCH_INPUT', `the CSV header names column "${name}" twice`);
    seen.add(name);
  }
  return header;
}

/**
 * Records longer than this (256 Ki characters) skip fast-csv: it handles a long field in superlinear
 * time and memory (one 5 MB quoted field: 8 s and +340 MB RSS, measured with fast-csv 5.0.8), so
 * they go through `parseLongCsvRecord`, a linear RFC 4180 parser for one record.
 */
export const LONG_RECORD = 256 * 1024;

/**
 * Parses one CSV record (line breaks inside quotes allowed; no record separator) in linear time.
 * Returns the fields, or why the record is malformed.
 */
export function parseLongCsvRecord(text: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    const field = readCsvField(text, i);
    if (typeof field === 'string') return field;
    fields.push(field.value);
    i = field.end;
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/**
 * Reads the CSV field that starts at `i`: its value and where it ends (at a comma or the end of the
 * text), or why it is malformed. Like fast-csv: blanks before an opening quote are skipped, blanks
 * after a closing one too, and a field of blanks only is empty.
 */
function readCsvField(text: string, i: number): { value: string; end: number; quoted: boolean } | string {
  let q = i;
  while (isBlank(text.charCodeAt(q))) q++;
  if (text.charCodeAt(q) !== QUOTE) {
    const comma = text.indexOf(',', i);
    const end = comma === -1 ? text.length : comma;
    return { value: q >= end ? '' : text.slice(i, end), end, quoted: false };
  }
  const parts: string[] = [];
  let from = q + 1;
  let end: number;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) return 'a quoted field is never closed';
    parts.push(text.slice(from, close));
    if (text.charCodeAt(close + 1) === QUOTE) {
      parts.push('"');
      from = close + 2;
    } else {
      end = close + 1;
      break;
    }
  }
  while (isBlank(text.charCodeAt(end))) end++;
  if (end < text.length && text.charCodeAt(end) !== COMMA) return `unexpected character after a closing quote at character ${end}`;
  return { value: parts.join(''), end, quoted: true };
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Parses CSV records (as cut by `readRecords`) against the header. The records go to fast-csv as one
 * text; if that fails, record by record, so each bad one gets its own MALFORMED_ROW.
 */
export async function parseCsvRecords(texts: readonly string[], header: readonly string[]): Promise<ParsedRecord[]> {
  if (texts.length === 0) return [];
  const rows: (string[] | string | undefined)[] = texts.map((t) => (t.length > LONG_RECORD ? parseLongCsvRecord(t) : undefined));
  const short = texts.filter((t) => t.length <= LONG_RECORD);
  if (short.length > 0) {
    const group = await parseCsvText(short.join('\n'));
    let k = 0;
    const ok = 'rows' in group && group.rows.length === short.length;
    for (let i = 0; i < texts.length; i++) {
      if (rows[i] !== undefined) continue;
      if (ok) rows[i] = group.rows[k++] as string[];
      else {
        const one = await parseCsvText(texts[i] as string);
        rows[i] = 'error' in one ? one.error : one.rows.length === 1 ? (one.rows[0] as string[]) : `the record holds ${one.rows.length} rows`;
      }
    }
  }
  return rows.map((values) => {
    if (typeof values === 'string') return { code: 'MALFORMED_ROW', reason: `CSV: ${values.replace(/\s+/g, ' ').slice(0, 200)}` };
    const fieldsOf = values as string[];
    if (fieldsOf.length !== header.length) return { code: 'MALFORMED_ROW', reason: `CSV: the row has ${fieldsOf.length} fields, the header has ${header.length}` };
    const fields = new Map<string, unknown>();
    for (let i = 0; i < header.length; i++) fields.set(header[i] as string, fieldsOf[i]);
    return fields;
  });
}

/** How far into a broken record `lenientId` looks. */
const LENIENT_SCAN = 64 * 1024;

/**
 * The id of a record that cannot be parsed, read leniently so that the error report names the row:
 * in CSV, the id column's field when the fields up to it are intact; in JSON, the first `"id": "..."`
 * (or a number) of the line. '' when there is none. At most 100 characters.
 */
export function lenientId(text: string, format: BatchFormat, header: readonly string[] | undefined, idColumn: string): string {
  const head = text.length > LENIENT_SCAN ? text.slice(0, LENIENT_SCAN) : text;
  let id = '';
  if (format === 'jsonl') {
    const key = JSON.stringify(idColumn).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const m = new RegExp(`${key}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|-?\\d+(?:\\.\\d+)?)`, 'u').exec(head);
    if (m !== null) {
      try {
        const value: unknown = JSON.parse(m[1] as string);
        id = typeof value === 'string' ? value : String(value);
      } catch {
        id = '';
      }
    }
  } else {
    const column = header?.indexOf(idColumn) ?? -1;
    if (column !== -1) id = csvFieldAt(head, column) ?? '';
  }
  id = id.trim();
  return id.length > 100 ? id.slice(0, 100) : id;
}

/** Field `k` of a CSV record when every field up to it is well formed, else undefined. */
function csvFieldAt(text: string, k: number): string | undefined {
  let i = 0;
  for (let f = 0; ; f++) {
    const field = readCsvField(text, i);
    // an unquoted field with a quote or a line break in it is where the record went wrong
    if (typeof field === 'string' || (!field.quoted && /["\n]/u.test(field.value))) return undefined;
    if (f === k) return field.value;
    if (field.end >= text.length) return undefined;
    i = field.end + 1;
  }
}

/** Parses one JSON line into its fields. */
export function parseJsonRecord(text: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { code: 'MALFORMED_ROW', reason: `JSON: ${(error as Error).message.slice(0, 200)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { code: 'MALFORMED_ROW', reason: `JSON: the line is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object` };
  }
  return new Map(Object.entries(value as Record<string, unknown>));
}

/** Reads and parses rows on the calling thread (for programs that want rows, not a whole job). */
export async function* readRows(source: AsyncIterable<Buffer | string>, options: ReadOptions): AsyncGenerator<RawRow> {
  let header: readonly string[] = [];
  const group: { rowNumber: number; line: number; bytesRead: number; text: string }[] = [];
  async function* flush(): AsyncGenerator<RawRow> {
    const parsed = await parseCsvRecords(group.map((r) => r.text), header);
    for (let i = 0; i < group.length; i++) {
      const { rowNumber, line, bytesRead } = group[i] as (typeof group)[number];
      const p = parsed[i] as ParsedRecord;
      yield p instanceof Map
        ? { rowNumber, line, bytesRead, fields: p }
        : { rowNumber, line, bytesRead, error: p, id: lenientId((group[i] as (typeof group)[number]).text, 'csv', header, options.idColumn ?? 'id') };
    }
    group.length = 0;
  }
  const records = readRecords(source, {
    ...options,
    onHeader: (h) => {
      header = h;
      options.onHeader?.(h);
    },
  });
  for await (const record of records) {
    if ('error' in record) {
      if (group.length > 0) yield* flush();
      yield record;
    } else if (options.format === 'jsonl') {
      const p = parseJsonRecord(record.text);
      const { rowNumber, line, bytesRead } = record;
      yield p instanceof Map ? { rowNumber, line, bytesRead, fields: p } : { rowNumber, line, bytesRead, error: p, id: lenientId(record.text, 'jsonl', undefined, options.idColumn ?? 'id') };
    } else {
      group.push(record);
      if (group.length >= 256) yield* flush();
    }
  }
  if (group.length > 0) yield* flush();
}
