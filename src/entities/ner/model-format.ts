/**
 * The binary model file: a versioned header, a checksum, metadata, sorted feature ids and int8
 * weights stored sparsely per row (a class bit mask, then the non-zero values), then the name lists.
 * Laid out so that loading is mostly copying: fixed-width little-endian ids, 4-byte aligned.
 *
 * ```
 * 0  "NTNR"            magic
 * 4  u16 format version
 * 6  u16 class count
 * 8  u32 payload length
 * 12 u32 checksum of the payload (FNV-1a over 32-bit little-endian words, then the tail bytes)
 * 16 payload: u32 meta length, meta JSON (UTF-8), zero padding to a multiple of 4,
 *             f64 scale, u32 rows, rows x i32 feature id (ascending),
 *             three tables (name lists, word clusters, gazetteer phrases), each: u32 entries,
 *               entries x i32 hash (ascending), entries x u16 value, padding to 4,
 *             rows x (3-byte class mask + one i8 per set bit)
 * ```
 */
import { createError } from '../../errors.js';
import { FEATURE_SET_VERSION, type FeatureOptions } from './features.js';
import { NER_LABELS, N_CLASSES } from './labels.js';

export const MODEL_FORMAT_VERSION = 4;
const MAGIC = [0x4e, 0x54, 0x4e, 0x52]; // "NTNR"
const HEADER = 16;

export interface NerModelMeta {
  featureSet: number;
  trainedOn: string;
  epoch?: number;
  devF1?: number;
  labels?: readonly string[];
  /** Feature settings (absent: none of clusters, document context or phrases). */
  features?: FeatureOptions;
}

/** A compiled model: sorted feature ids, `N_CLASSES` int8 weights per id, and their scale. */
export interface NerModel {
  keys: Int32Array;
  values: Int8Array;
  scale: number;
  meta: NerModelMeta;
  /** Name-list membership the model was trained with (word hash -> bit mask). */
  nameLists?: ReadonlyMap<number, number>;
  /** Word clusters (word hash -> path code), when the model uses them. */
  clusters?: ReadonlyMap<number, number>;
  /** Gazetteer phrases (phrase hash -> type bits), when the model uses them. */
  phrases?: ReadonlyMap<number, number>;
}

/** The hash -> u16 tables of a model file, in file order. */
const TABLES = ['nameLists', 'clusters', 'phrases'] as const;

/** Bytes of one table: count, hashes, values, padding to 4. */
function tableBytes(entries: number): number {
  return (4 + entries * 6 + 3) & ~3;
}

/** FNV-1a over 32-bit words of `bytes[start, end)` (start 4-aligned in the buffer), then the tail bytes. */
function checksum(bytes: Uint8Array, start: number, end: number): number {
  const words = (end - start) >>> 2;
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + start, words);
  let h = 0x811c9dc5;
  for (let i = 0; i < words; i++) h = Math.imul(h ^ view[i]!, 0x01000193);
  for (let i = start + words * 4; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** Serializes a model. */
export function encodeModel(model: NerModel): Uint8Array {
  const meta = new TextEncoder().encode(JSON.stringify({ ...model.meta, labels: NER_LABELS }));
  const rows = model.keys.length;
  for (let r = 1; r < rows; r++) {
    if (model.keys[r]! <= model.keys[r - 1]!) throw new RangeError('encodeModel: keys must be ascending and distinct');
  }
  const tables = TABLES.map((name) => [...(model[name] ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]));
  const masks: number[] = [];
  for (let r = 0; r < rows; r++) {
    let mask = 0;
    for (let c = 0; c < N_CLASSES; c++) if (model.values[r * N_CLASSES + c] !== 0) mask |= 1 << c;
    masks.push(mask);
  }
  let sparse = 0;
  for (const mask of masks) {
    sparse += 3;
    for (let c = 0; c < N_CLASSES; c++) if ((mask & (1 << c)) !== 0) sparse++;
  }
  const pad4 = (n: number) => (n + 3) & ~3;
  const metaEnd = pad4(HEADER + 4 + meta.length);
  const listsEnd = tables.reduce((end, t) => end + tableBytes(t.length), metaEnd + 12 + rows * 4);
  const out = new Uint8Array(listsEnd + sparse);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint16(4, MODEL_FORMAT_VERSION, true);
  view.setUint16(6, N_CLASSES, true);
  view.setUint32(8, out.length - HEADER, true);
  let p = HEADER;
  view.setUint32(p, meta.length, true);
  out.set(meta, p + 4);
  p = metaEnd;
  view.setFloat64(p, model.scale, true);
  view.setUint32(p + 8, rows, true);
  p += 12;
  for (let r = 0; r < rows; r++, p += 4) view.setInt32(p, model.keys[r]!, true);
  for (const table of tables) {
    const end = p + tableBytes(table.length);
    view.setUint32(p, table.length, true);
    p += 4;
    for (const [key, value] of table) {
      if (value < 0 || value > 0xffff) throw new RangeError('encodeModel: table values must fit 16 bits');
      view.setInt32(p, key, true);
      p += 4;
    }
    for (const [, value] of table) {
      view.setUint16(p, value, true);
      p += 2;
    }
    p = end;
  }
  for (let r = 0; r < rows; r++) {
    const mask = masks[r]!;
    out[p++] = mask & 0xff;
    out[p++] = (mask >>> 8) & 0xff;
    out[p++] = (mask >>> 16) & 0xff;
    for (let c = 0; c < N_CLASSES; c++) if ((mask & (1 << c)) !== 0) out[p++] = model.values[r * N_CLASSES + c]! & 0xff;
  }
  view.setUint32(12, checksum(out, HEADER, out.length), true);
  return out;
}

/** True when `f` has the shape of `FeatureOptions` with values the features can use. */
function validFeatures(f: FeatureOptions): boolean {
  const bits = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 16;
  return (
    f !== null &&
    typeof f === 'object' &&
    Array.isArray(f.clusterPrefixes) &&
    f.clusterPrefixes.every((p) => bits(p) && p > 0) &&
    bits(f.clusterContext) &&
    typeof f.documentContext === 'boolean' &&
    typeof f.resultsDocument === 'boolean' &&
    typeof f.capitalRuns === 'boolean' &&
    Number.isInteger(f.phraseWords) &&
    f.phraseWords >= 0 &&
    f.phraseWords <= 16
  );
}

/** Reads `count` little-endian int32 at `offset` (4-aligned in an aligned buffer). */
function readInt32s(bytes: Uint8Array, offset: number, count: number): Int32Array {
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (littleEndian) return new Int32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4));
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/**
 * Reads a model file. Throws `MODEL_FORMAT` (not a model), `MODEL_VERSION` (other format or feature
 * set version) or `MODEL_CORRUPT` (checksum or structure).
 */
export function decodeModel(input: Uint8Array): NerModel {
  if (!(input instanceof Uint8Array) || input.length < HEADER || MAGIC.some((b, i) => input[i] !== b)) {
    throw createError('MODEL_FORMAT', 'missing the "NTNR" header');
  }
  // Word-aligned copy when the caller's bytes are not 4-aligned.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== MODEL_FORMAT_VERSION) throw createError('MODEL_VERSION', version, MODEL_FORMAT_VERSION);
  const classes = view.getUint16(6, true);
  const length = view.getUint32(8, true);
  if (HEADER + length !== bytes.length) {
    throw createError('MODEL_CORRUPT', `payload is ${bytes.length - HEADER} bytes, header says ${length}`);
  }
  if (checksum(bytes, HEADER, bytes.length) !== view.getUint32(12, true)) {
    throw createError('MODEL_CORRUPT', 'checksum mismatch');
  }
  if (classes !== N_CLASSES) throw createError('MODEL_CORRUPT', `${classes} classes, expected ${N_CLASSES}`);
  const truncated = () => createError('MODEL_CORRUPT', 'truncated payload');
  let p = HEADER;
  if (p + 4 > bytes.length) throw truncated();
  const metaLength = view.getUint32(p, true);
  p += 4;
  if (p + metaLength > bytes.length) throw truncated();
  let meta: NerModelMeta;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes.subarray(p, p + metaLength))) as NerModelMeta;
  } catch {
    throw createError('MODEL_CORRUPT', 'unreadable metadata');
  }
  p = (p + metaLength + 3) & ~3;
  if (meta === null || typeof meta !== 'object' || meta.featureSet !== FEATURE_SET_VERSION) {
    throw createError('MODEL_VERSION', `feature set ${String(meta?.featureSet)}`, `feature set ${FEATURE_SET_VERSION}`);
  }
  if (JSON.stringify(meta.labels) !== JSON.stringify(NER_LABELS)) throw createError('MODEL_CORRUPT', 'unexpected labels');
  if (meta.features !== undefined && !validFeatures(meta.features)) throw createError('MODEL_CORRUPT', 'unreadable feature settings');
  if (p + 12 > bytes.length) throw truncated();
  const scale = view.getFloat64(p, true);
  const rows = view.getUint32(p + 8, true);
  p += 12;
  if (p + rows * 4 + 4 > bytes.length) throw truncated();
  const keys = readInt32s(bytes, p, rows);
  p += rows * 4;
  const tables: Partial<Record<(typeof TABLES)[number], Map<number, number>>> = {};
  for (const name of TABLES) {
    if (p + 4 > bytes.length) throw truncated();
    const entries = view.getUint32(p, true);
    if (p + tableBytes(entries) > bytes.length) throw truncated();
    const keys = readInt32s(bytes, p + 4, entries);
    const at = p + 4 + entries * 4;
    const table = new Map<number, number>();
    for (let i = 0; i < entries; i++) table.set(keys[i]!, bytes[at + 2 * i]! | (bytes[at + 2 * i + 1]! << 8));
    if (entries > 0) tables[name] = table;
    p += tableBytes(entries);
  }
  const values = new Int8Array(rows * N_CLASSES);
  const end = bytes.length;
  for (let r = 0; r < rows; r++) {
    if (p + 3 > end) throw truncated();
    const mask = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
    p += 3;
    const base = r * N_CLASSES;
    for (let rest = mask; rest !== 0; rest &= rest - 1) {
      const c = 31 - Math.clz32(rest & -rest);
      if (p >= end || c >= N_CLASSES) throw truncated();
      const b = bytes[p++]!;
      values[base + c] = b > 127 ? b - 256 : b;
    }
  }
  if (p !== end) throw createError('MODEL_CORRUPT', 'trailing bytes');
  for (let r = 1; r < rows; r++) if (keys[r]! <= keys[r - 1]!) throw createError('MODEL_CORRUPT', 'feature ids out of order');
  if (!(scale > 0) || !Number.isFinite(scale)) throw createError('MODEL_CORRUPT', 'bad weight scale');
  return { keys, values, scale, meta, ...tables };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 encoding (no line breaks), browser-safe. */
export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    chunk +=
      B64[(n >> 18) & 63]! +
      B64[(n >> 12) & 63]! +
      (b === undefined ? '=' : B64[(n >> 6) & 63]!) +
      (c === undefined ? '=' : B64[n & 63]!);
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

/**
 * Base64 decoding, browser-safe (uses the platform's `Buffer` when there is one, for speed). Throws
 * `MODEL_FORMAT` on characters outside the alphabet.
 */
export function fromBase64(text: string): Uint8Array {
  if (typeof text !== 'string') throw createError('MODEL_FORMAT', 'expected base64 text');
  // The platform decoder skips characters outside the alphabet; the header and checksum catch that.
  const platform = (globalThis as { Buffer?: { from(text: string, encoding: string): Uint8Array } }).Buffer;
  if (platform !== undefined) return new Uint8Array(platform.from(text, 'base64'));
  return decodeBase64(text);
}

/** Plain JavaScript base64 decoder (input already validated). */
export function decodeBase64(text: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? lookup[code]! : -1;
    if (v < 0) throw createError('MODEL_FORMAT', `invalid base64 character at ${i}`);
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
