/**
 * The binary model file: a versioned header, a checksum, metadata, sorted feature ids
 * (delta-encoded varints) and int8 weights stored sparsely per row (a class bit mask, then the
 * non-zero values).
 *
 * ```
 * 0  "NTNR"            magic
 * 4  u16 format version
 * 6  u16 class count
 * 8  u32 payload length
 * 12 u32 FNV-1a checksum of the payload
 * 16 payload: u32 meta length, meta JSON (UTF-8), f64 scale, u32 rows,
 *             rows x varint key delta, rows x (u32 mask as 3 bytes + one i8 per set bit),
 *             u32 name-list words, words x varint hash delta, words x u16 list bits
 * ```
 */
import { createError } from '../../errors.js';
import { FEATURE_SET_VERSION } from './features.js';
import { NER_LABELS, N_CLASSES } from './labels.js';

export const MODEL_FORMAT_VERSION = 2;
const MAGIC = [0x4e, 0x54, 0x4e, 0x52]; // "NTNR"
const HEADER = 16;

export interface NerModelMeta {
  featureSet: number;
  trainedOn: string;
  epoch?: number;
  devF1?: number;
  labels?: readonly string[];
}

/** A compiled model: sorted feature ids, `N_CLASSES` int8 weights per id, and their scale. */
export interface NerModel {
  keys: Int32Array;
  values: Int8Array;
  scale: number;
  meta: NerModelMeta;
  /** Name-list membership the model was trained with (word hash -> bit mask). */
  nameLists?: ReadonlyMap<number, number>;
}

function checksum(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Serializes a model. */
export function encodeModel(model: NerModel): Uint8Array {
  const meta = new TextEncoder().encode(JSON.stringify({ ...model.meta, labels: NER_LABELS }));
  const rows = model.keys.length;
  const parts: number[] = [];
  const pushU32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const pushVarint = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      parts.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    parts.push(v);
  };
  pushU32(meta.length);
  for (const b of meta) parts.push(b);
  const scale = new Uint8Array(new Float64Array([model.scale]).buffer);
  for (const b of scale) parts.push(b);
  pushU32(rows);
  let previous = -0x80000000;
  for (let r = 0; r < rows; r++) {
    const delta = model.keys[r]! - previous;
    if (delta < 0 || (r > 0 && delta === 0)) throw new RangeError('encodeModel: keys must be sorted and distinct');
    previous = model.keys[r]!;
    pushVarint(delta);
  }
  for (let r = 0; r < rows; r++) {
    let mask = 0;
    for (let c = 0; c < N_CLASSES; c++) if (model.values[r * N_CLASSES + c] !== 0) mask |= 1 << c;
    parts.push(mask & 0xff, (mask >>> 8) & 0xff, (mask >>> 16) & 0xff);
    for (let c = 0; c < N_CLASSES; c++) {
      const v = model.values[r * N_CLASSES + c]!;
      if (v !== 0) parts.push(v & 0xff);
    }
  }
  const lists = [...(model.nameLists ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
  pushU32(lists.length);
  previous = -0x80000000;
  for (const [key] of lists) {
    pushVarint(key - previous);
    previous = key;
  }
  for (const [, bits] of lists) parts.push(bits & 0xff, (bits >>> 8) & 0xff);
  const out = new Uint8Array(HEADER + parts.length);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint16(4, MODEL_FORMAT_VERSION, true);
  view.setUint16(6, N_CLASSES, true);
  view.setUint32(8, parts.length, true);
  out.set(parts, HEADER);
  view.setUint32(12, checksum(out, HEADER, out.length), true);
  return out;
}

/**
 * Reads a model file. Throws `MODEL_FORMAT` (not a model), `MODEL_VERSION` (other format or feature
 * set version) or `MODEL_CORRUPT` (checksum or structure).
 */
export function decodeModel(bytes: Uint8Array): NerModel {
  if (!(bytes instanceof Uint8Array) || bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw createError('MODEL_FORMAT', 'missing the "NTNR" header');
  }
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
  let p = HEADER;
  const need = (n: number) => {
    if (p + n > bytes.length) throw createError('MODEL_CORRUPT', 'truncated payload');
  };
  need(4);
  const metaLength = view.getUint32(p, true);
  p += 4;
  need(metaLength);
  let meta: NerModelMeta;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes.subarray(p, p + metaLength))) as NerModelMeta;
  } catch {
    throw createError('MODEL_CORRUPT', 'unreadable metadata');
  }
  p += metaLength;
  if (meta.featureSet !== FEATURE_SET_VERSION) {
    throw createError('MODEL_VERSION', `feature set ${String(meta.featureSet)}`, `feature set ${FEATURE_SET_VERSION}`);
  }
  if (JSON.stringify(meta.labels) !== JSON.stringify(NER_LABELS)) throw createError('MODEL_CORRUPT', 'unexpected labels');
  need(12);
  const scale = view.getFloat64(p, true);
  p += 8;
  const rows = view.getUint32(p, true);
  p += 4;
  const readVarint = (): number => {
    let value = 0;
    let mul = 1;
    for (;;) {
      need(1);
      const b = bytes[p++]!;
      value += (b & 0x7f) * mul;
      if (b < 0x80) return value;
      mul *= 0x80;
      if (mul > 2 ** 35) throw createError('MODEL_CORRUPT', 'bad varint');
    }
  };
  const keys = new Int32Array(rows);
  let previous = -0x80000000;
  for (let r = 0; r < rows; r++) {
    previous += readVarint();
    keys[r] = previous;
  }
  const values = new Int8Array(rows * N_CLASSES);
  for (let r = 0; r < rows; r++) {
    need(3);
    const mask = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
    p += 3;
    for (let c = 0; c < N_CLASSES; c++) {
      if ((mask & (1 << c)) === 0) continue;
      need(1);
      const b = bytes[p++]!;
      values[r * N_CLASSES + c] = b > 127 ? b - 256 : b;
    }
  }
  need(4);
  const listWords = view.getUint32(p, true);
  p += 4;
  const listKeys: number[] = [];
  previous = -0x80000000;
  for (let i = 0; i < listWords; i++) {
    previous += readVarint();
    listKeys.push(previous);
  }
  need(listWords * 2);
  const nameLists = new Map<number, number>();
  for (let i = 0; i < listWords; i++) {
    nameLists.set(listKeys[i]!, bytes[p]! | (bytes[p + 1]! << 8));
    p += 2;
  }
  if (p !== bytes.length) throw createError('MODEL_CORRUPT', 'trailing bytes');
  if (!(scale > 0) || !Number.isFinite(scale)) throw createError('MODEL_CORRUPT', 'bad weight scale');
  return { keys, values, scale, meta, ...(listWords > 0 ? { nameLists } : {}) };
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

/** Base64 decoding, browser-safe. Throws `MODEL_FORMAT` on characters outside the alphabet. */
export function fromBase64(text: string): Uint8Array {
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
