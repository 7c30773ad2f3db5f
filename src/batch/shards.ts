/**
 * Index part files and their merge: `news-tagger index archive.jsonl --shard K/N --out partK.idx`
 * indexes the rows whose position modulo N is K (K from 0 to N-1), and `news-tagger index --merge
 * part*.idx --out archive.idx` writes the index one machine would have built from the whole archive
 * (src/corpus/merge.ts: the merged file is byte-identical to the single build's).
 *
 * Every part reads the whole archive and checks every row, so that duplicate ids are decided as in a
 * single build (the first row with an id wins, whichever part holds it); it indexes and reports only
 * its own rows, so the parts' errors files together list each failed row once, and the parts' rows
 * read add up to the archive's.
 *
 * Part file format "NTSP" version 1, little-endian:
 *   [0, 4)      magic "NTSP"
 *   [4, 8)      u32 format version
 *   [8, 40)     SHA-256 of bytes [44, end)
 *   [40, 44)    u32 byte length L of the header
 *   [44, 44+L)  header: UTF-8 JSON { shard, shards, inputRows, inputDigest, rowsRead, rowsWritten,
 *               rowsFailed, failures, documents, forms, indexBytes }
 *   then, padded to 4 bytes: u32 positions[documents] (row number of each document, in index order),
 *   u32 formPositions[forms] (row where each surface form was first met, see merge.ts), and the
 *   part's index as `index.save()` writes it (format "NTCI") in the last `indexBytes` bytes.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { CorpusIndex } from '../corpus/index.js';
import { mergeIndexParts, type PartRecorder } from '../corpus/merge.js';
import { loadCorpusIndex } from '../corpus/serialize.js';
import { createError } from '../errors.js';
import { finalPath, partialPath } from './paths.js';
import type { RowErrorCode } from './types.js';

export const INDEX_PART_MAGIC = 'NTSP';
export const INDEX_PART_VERSION = 1;

/** Which part of an archive a job indexes: rows whose (row number - 1) modulo `count` is `index`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** What a part file records about the run that wrote it. */
export interface IndexPartHeader {
  shard: number;
  shards: number;
  /** Rows in the whole archive, and the SHA-256 of its bytes: every part must come from the same one. */
  inputRows: number;
  inputDigest: string;
  /** This part's rows: read = written (indexed) + failed. */
  rowsRead: number;
  rowsWritten: number;
  rowsFailed: number;
  failures: Partial<Record<RowErrorCode, number>>;
  documents: number;
  forms: number;
  indexBytes: number;
}

/** Parses "K/N" (0 <= K < N). Throws INVALID_OPTION. */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m === null ? Number.NaN : Number(m[1]);
  const count = m === null ? Number.NaN : Number(m[2]);
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && count >= 1 && index < count)) {
    throw createError('INVALID_OPTION', 'shard', text, '"K/N" with 0 <= K < N (the rows whose position modulo N is K)');
  }
  return { index, count };
}

/** Checks a shard given in code. Throws INVALID_OPTION. */
export function checkShard(shard: ShardSpec): ShardSpec {
  const ok = shard !== null && typeof shard === 'object' && Number.isSafeInteger(shard.count) && shard.count >= 1 && Number.isSafeInteger(shard.index) && shard.index >= 0 && shard.index < shard.count;
  if (!ok) throw createError('INVALID_OPTION', 'shard', shard, '{ index, count } with 0 <= index < count');
  return shard;
}

/** True when data row `rowNumber` (1-based) belongs to the shard. */
export function ownsRow(shard: ShardSpec | undefined, rowNumber: number): boolean {
  return shard === undefined || (rowNumber - 1) % shard.count === shard.index;
}

/** Wraps an input so that its bytes are hashed as they are read (SHA-256, hex). */
export function digestingSource(source: AsyncIterable<Buffer | string>): { source: AsyncIterable<Buffer | string>; digest(): string } {
  const hash = createHash('sha256');
  let value: string | undefined;
  return {
    source: (async function* () {
      for await (const chunk of source) {
        hash.update(chunk);
        yield chunk;
      }
    })(),
    digest: () => (value ??= hash.digest('hex')),
  };
}

/** Encodes a part: header, positions, form positions and the index's own bytes. */
export function saveIndexPart(index: CorpusIndex, recorder: PartRecorder, header: Omit<IndexPartHeader, 'documents' | 'forms' | 'indexBytes'>): Uint8Array {
  const positions = recorder.positions();
  const forms = recorder.formPositions();
  const saved = index.save();
  const full: IndexPartHeader = { ...header, documents: positions.length, forms: forms.length, indexBytes: saved.length };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const start = Math.ceil((44 + json.length) / 4) * 4;
  const bytes = Buffer.alloc(start + 4 * (positions.length + forms.length) + saved.length);
  bytes.write(INDEX_PART_MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(INDEX_PART_VERSION, 4);
  bytes.writeUInt32LE(json.length, 40);
  json.copy(bytes, 44);
  let off = start;
  for (const array of [positions, forms]) {
    for (let i = 0; i < array.length; i++, off += 4) bytes.writeUInt32LE(array[i] as number, off);
  }
  bytes.set(saved, off);
  createHash('sha256').update(bytes.subarray(44)).digest().copy(bytes, 8);
  return bytes;
}

/** A part file read back: its header, its index and what the merge needs. */
export interface LoadedIndexPart {
  header: IndexPartHeader;
  index: CorpusIndex;
  positions: Uint32Array;
  formPositions: Uint32Array;
}

/**
 * Decodes a part file. Throws INDEX_FORMAT (not a part file; a plain index says so), INDEX_VERSION,
 * INDEX_CORRUPT (checksum, structure), and whatever loading its index throws.
 */
export function loadIndexPart(data: Uint8Array, name = 'part'): LoadedIndexPart {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const magic = bytes.subarray(0, 4).toString('latin1');
  if (magic === 'NTCI') throw createError('INDEX_FORMAT', `${name} is a whole index, not a part written by "news-tagger index --shard K/N"`);
  if (bytes.length < 44 || magic !== INDEX_PART_MAGIC) throw createError('INDEX_FORMAT', `${name} does not start with "${INDEX_PART_MAGIC}" (an index part file)`);
  const version = bytes.readUInt32LE(4);
  if (version !== INDEX_PART_VERSION) throw createError('INDEX_VERSION', version, INDEX_PART_VERSION);
  if (!createHash('sha256').update(bytes.subarray(44)).digest().equals(bytes.subarray(8, 40))) throw createError('INDEX_CORRUPT', `${name}: checksum mismatch`);
  const length = bytes.readUInt32LE(40);
  let header: IndexPartHeader;
  try {
    header = JSON.parse(bytes.subarray(44, 44 + length).toString('utf8')) as IndexPartHeader;
  } catch {
    throw createError('INDEX_CORRUPT', `${name}: the header is not valid JSON`);
  }
  const count = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  const fields = ['shard', 'shards', 'inputRows', 'rowsRead', 'rowsWritten', 'rowsFailed', 'documents', 'forms', 'indexBytes'] as const;
  if (header === null || typeof header !== 'object' || !fields.every((f) => count(header[f])) || typeof header.inputDigest !== 'string') {
    throw createError('INDEX_CORRUPT', `${name}: the header is incomplete`);
  }
  const start = Math.ceil((44 + length) / 4) * 4;
  const end = start + 4 * (header.documents + header.forms);
  if (end + header.indexBytes !== bytes.length) throw createError('INDEX_CORRUPT', `${name}: its length does not match its header`);
  const u32 = (from: number, n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => bytes.readUInt32LE(from + 4 * i));
  const positions = u32(start, header.documents);
  const formPositions = u32(start + 4 * header.documents, header.forms);
  const index = loadCorpusIndex(bytes.subarray(end));
  if (index.size !== header.documents) throw createError('INDEX_CORRUPT', `${name}: ${index.size} documents, its header says ${header.documents}`);
  return { header, index, positions, formPositions };
}

/** Writes bytes to `<path>.partial`, then renames it onto the path (a reader never sees half a file). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = partialPath(finalPath(path));
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, finalPath(path));
  } catch (error) {
    await rm(tmp, { force: true });
    throw createError('BATCH_OUTPUT', `${path}: ${(error as Error).message}`);
  }
}

export interface MergeJobResult {
  index: CorpusIndex;
  /** The parts' accounts added up: read = written + failed, and read = the archive's rows. */
  rowsRead: number;
  rowsWritten: number;
  rowsFailed: number;
  failures: Partial<Record<RowErrorCode, number>>;
  parts: number;
  seconds: number;
}

/**
 * Merges part files into one index file. The parts must be all N parts of one archive (same row count
 * and digest), each once, built with the same options; else INDEX_PARTS or INDEX_OPTIONS_MISMATCH.
 */
export async function runIndexMergeJob(options: { inputs: readonly string[]; output: string }): Promise<MergeJobResult> {
  const started = performance.now();
  const { inputs, output } = options;
  if (!Array.isArray(inputs) || inputs.length === 0) throw createError('INVALID_OPTION', 'inputs', inputs, 'a non-empty list of part files');
  const parts: LoadedIndexPart[] = [];
  for (const path of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw createError('BATCH_INPUT', `${path}: ${(error as Error).message}`);
    }
    parts.push(loadIndexPart(bytes, path));
  }
  checkPartSet(parts, inputs);
  const index = mergeIndexParts(parts.map((p) => ({ index: p.index, positions: p.positions, formPositions: p.formPositions })));
  await writeFileAtomic(output, index.save());
  const failures: Partial<Record<RowErrorCode, number>> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.header.failures ?? {})) failures[code as RowErrorCode] = (failures[code as RowErrorCode] ?? 0) + (n as number);
  const sum = (key: 'rowsRead' | 'rowsWritten' | 'rowsFailed'): number => parts.reduce((s, p) => s + p.header[key], 0);
  return { index, rowsRead: sum('rowsRead'), rowsWritten: sum('rowsWritten'), rowsFailed: sum('rowsFailed'), failures, parts: parts.length, seconds: (performance.now() - started) / 1000 };
}

/** The parts must be the N parts of one archive, each once. */
function checkPartSet(parts: readonly LoadedIndexPart[], names: readonly string[]): void {
  const first = (parts[0] as LoadedIndexPart).header;
  const seen = new Map<number, string>();
  parts.forEach(({ header }, i) => {
    const name = names[i] as string;
    if (header.shards !== first.shards) throw createError('INDEX_PARTS', `${name} is part ${header.shard}/${header.shards}, ${names[0] as string} is part ${first.shard}/${first.shards}`);
    if (header.inputDigest !== first.inputDigest || header.inputRows !== first.inputRows) {
      throw createError('INDEX_PARTS', `${name} was built from another archive than ${names[0] as string} (${header.inputRows} rows against ${first.inputRows}, or other bytes)`);
    }
    const twin = seen.get(header.shard);
    if (twin !== undefined) throw createError('INDEX_PARTS', `${name} and ${twin} are both part ${header.shard}/${header.shards}`);
    seen.set(header.shard, name);
  });
  const missing: number[] = [];
  for (let k = 0; k < first.shards; k++) if (!seen.has(k)) missing.push(k);
  if (missing.length > 0) throw createError('INDEX_PARTS', `part${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.shards}`).join(', ')} missing`);
  const read = parts.reduce((s, p) => s + p.header.rowsRead, 0);
  if (read !== first.inputRows) throw createError('INDEX_PARTS', `the parts read ${read} rows, the archive has ${first.inputRows}`);
}
