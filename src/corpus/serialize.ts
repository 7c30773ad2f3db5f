/**
 * Saving and loading a corpus index as bytes (browser-safe: a Uint8Array; file I/O belongs to the caller).
 *
 * Format "NTCI" version 1, little-endian:
 *   [0, 4)    magic "NTCI"
 *   [4, 8)    u32 format version
 *   [8, 12)   u32 checksum (FNV-1a over the 32-bit words of [16, end))
 *   [12, 16)  u32 byte length L of the header
 *   [16, 16+L) header: UTF-8 JSON { options, fingerprint, documents, terms, postings, newestDate,
 *             terms: [...], display: [...], ids: [...], titles: [...], sections: [...], langs: [...] }
 *   then, padded to 8 bytes: Float64 dates[documents], Int32 section[documents], Int32 lang[documents],
 *   Int32 length[documents], Float32 density[documents] (NaN: not computed), Int32 densityAt[documents],
 *   Int32 termIds[postings], Float32 tf[postings]; padded to 4 bytes.
 *
 * Only live documents and terms with a document are written, in index order, so the form is canonical:
 * save -> load -> save gives identical bytes. Postings and norms are not stored; load rebuilds them in
 * O(postings) (a counting sort), which keeps files about half the size of the in-memory index.
 */
import { createError } from '../errors.js';
import { CorpusIndexCore, type CorpusIndex } from './index.js';
import { optionsFingerprint, resolveCorpusOptions, type CorpusIndexOptions } from './options.js';

export const INDEX_MAGIC = 'NTCI';
export const INDEX_FORMAT_VERSION = 1;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function checksum(bytes: Uint8Array, from: number): number {
  let h = 0x811c9dc5;
  const words = (bytes.length - from) >> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (LITTLE_ENDIAN && (bytes.byteOffset + from) % 4 === 0) {
    const u32 = new Uint32Array(bytes.buffer, bytes.byteOffset + from, words);
    for (let i = 0; i < words; i++) h = Math.imul(h ^ (u32[i] as number), 0x01000193);
  } else {
    for (let i = 0; i < words; i++) h = Math.imul(h ^ view.getUint32(from + 4 * i, true), 0x01000193);
  }
  for (let i = from + 4 * words; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

export function fnvString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const pad = (n: number, to: number): number => Math.ceil(n / to) * to;

interface Header {
  options: string;
  fingerprint: string;
  documents: number;
  terms: number;
  postings: number;
  newestDate: number | null;
  termList: string[];
  display: string[];
  ids: string[];
  titles: string[];
  sections: string[];
  langs: string[];
}

/** Writes the index. O(postings + documents + terms). */
export function saveIndex(core: CorpusIndexCore): Uint8Array {
  const V = core.vocab.size;
  const df = core.vocab.df;
  const remap = new Int32Array(V).fill(-1);
  const termList: string[] = [];
  const display: string[] = [];
  for (let t = 0; t < V; t++) {
    if ((df[t] as number) > 0) {
      remap[t] = termList.length;
      termList.push(core.vocab.terms[t] as string);
      display.push(core.vocab.display[t] as string);
    }
  }
  const ids: string[] = [];
  const titles: string[] = [];
  const slots: number[] = [];
  let postings = 0;
  for (let s = 0; s < core.slots; s++) {
    if (core.alive[s] !== 1) continue;
    slots.push(s);
    ids.push(core.ids_[s] as string);
    titles.push(core.titles[s] as string);
    postings += core.fwdLen[s] as number;
  }
  const n = slots.length;
  const fingerprint = optionsFingerprint(core.options);
  const header: Header = {
    options: fingerprint,
    fingerprint: fnvString(fingerprint),
    documents: n,
    terms: termList.length,
    postings,
    newestDate: Number.isNaN(core.newestDate) ? null : core.newestDate,
    termList,
    display,
    ids,
    titles,
    sections: [...core.sectionNames],
    langs: [...core.langNames],
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const binStart = pad(16 + json.length, 8);
  const total = pad(binStart + 8 * n + 20 * n + 8 * postings, 4);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = INDEX_MAGIC.charCodeAt(i);
  view.setUint32(4, INDEX_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, 16);
  let off = binStart;
  const dates = new Float64Array(n);
  const sections = new Int32Array(n);
  const langs = new Int32Array(n);
  const lens = new Int32Array(n);
  const density = new Float32Array(n);
  const densityAt = new Int32Array(n);
  const terms = new Int32Array(postings);
  const tfs = new Float32Array(postings);
  let p = 0;
  slots.forEach((s, i) => {
    const d = core.dates[s] as number;
    dates[i] = Number.isNaN(d) ? Number.NaN : d;
    sections[i] = core.sections[s] as number;
    langs[i] = core.langs[s] as number;
    const a = core.fwdStart[s] as number;
    const len = core.fwdLen[s] as number;
    lens[i] = len;
    density[i] = core.density[s] as number;
    densityAt[i] = core.densityAt[s] as number;
    for (let j = a; j < a + len; j++, p++) {
      terms[p] = remap[core.fwdTerm[j] as number] as number;
      tfs[p] = core.fwdTf[j] as number;
    }
  });
  for (const arr of [dates, sections, langs, lens, density, densityAt, terms, tfs]) {
    writeArray(bytes, view, off, arr);
    off += arr.byteLength;
  }
  view.setUint32(8, checksum(bytes, 16), true);
  return bytes;
}

function writeArray(bytes: Uint8Array, view: DataView, off: number, arr: Float64Array | Int32Array | Float32Array): void {
  if (LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), off);
    return;
  }
  for (let i = 0; i < arr.length; i++) {
    if (arr instanceof Float64Array) view.setFloat64(off + 8 * i, arr[i] as number, true);
    else if (arr instanceof Int32Array) view.setInt32(off + 4 * i, arr[i] as number, true);
    else view.setFloat32(off + 4 * i, arr[i] as number, true);
  }
}

function readArray<T extends Float64Array | Int32Array | Float32Array>(
  bytes: Uint8Array,
  off: number,
  length: number,
  Type: { new (n: number): T; BYTES_PER_ELEMENT: number },
): T {
  const out = new Type(length);
  const size = length * Type.BYTES_PER_ELEMENT;
  if (off + size > bytes.length) throw createError('INDEX_CORRUPT', 'the file is shorter than its header says');
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(off, off + size));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < length; i++) {
    const at = off + i * Type.BYTES_PER_ELEMENT;
    (out as unknown as number[])[i] =
      Type.BYTES_PER_ELEMENT === 8 ? view.getFloat64(at, true) : out instanceof Int32Array ? view.getInt32(at, true) : view.getFloat32(at, true);
  }
  return out;
}

/**
 * Reads an index written by `save()`. `options` may repeat indexing options (they must match the
 * saved ones, else INDEX_OPTIONS_MISMATCH) and should pass the `entities` extractor again if one was
 * used. Throws INDEX_FORMAT (not an index file), INDEX_VERSION (other format version), INDEX_CORRUPT
 * (checksum or structure). O(file size + postings).
 */
export function loadCorpusIndex(data: Uint8Array | ArrayBuffer, options: CorpusIndexOptions = {}): CorpusIndex {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
  if (bytes === undefined) throw createError('INDEX_FORMAT', 'expected a Uint8Array or an ArrayBuffer');
  if (bytes.length < 16) throw createError('INDEX_FORMAT', `only ${bytes.length} bytes`);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== INDEX_MAGIC.charCodeAt(i)) throw createError('INDEX_FORMAT', 'the file does not start with "NTCI"');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== INDEX_FORMAT_VERSION) throw createError('INDEX_VERSION', version, INDEX_FORMAT_VERSION);
  if (checksum(bytes, 16) !== view.getUint32(8, true)) throw createError('INDEX_CORRUPT', 'checksum mismatch');
  const jsonLength = view.getUint32(12, true);
  if (16 + jsonLength > bytes.length) throw createError('INDEX_CORRUPT', 'header length beyond the end of the file');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + jsonLength))) as Header;
  } catch {
    throw createError('INDEX_CORRUPT', 'the header is not valid UTF-8 JSON');
  }
  const { documents: n, terms: V, postings: P } = header;
  const okCount = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (
    !okCount(n) || !okCount(V) || !okCount(P) ||
    !Array.isArray(header.termList) || header.termList.length !== V ||
    !Array.isArray(header.display) || header.display.length !== V ||
    !Array.isArray(header.ids) || header.ids.length !== n ||
    !Array.isArray(header.titles) || header.titles.length !== n ||
    !Array.isArray(header.sections) || !Array.isArray(header.langs) || typeof header.options !== 'string'
  ) {
    throw createError('INDEX_CORRUPT', 'the header is incomplete');
  }

  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(header.options) as Record<string, unknown>;
  } catch {
    throw createError('INDEX_CORRUPT', 'the saved options are not valid JSON');
  }
  const fw = stored.fieldWeights as number[];
  const storedOptions: CorpusIndexOptions = {
    fieldWeights: { title: fw[0] as number, lede: fw[1] as number, body: fw[2] as number },
    tf: stored.tf as 'sublinear' | 'raw',
    stem: stored.stem as boolean,
    stopwords: stored.stopwords as string[],
    numbers: stored.numbers as boolean,
    minTermLength: stored.minTermLength as number,
    idfExponent: stored.idfExponent as number,
    entityWeight: stored.entityWeight as number,
    format: stored.format as 'auto',
  };
  const resolved = resolveCorpusOptions({ ...storedOptions, ...options });
  const given = optionsFingerprint(resolved);
  if (given !== header.options) {
    const a = JSON.parse(given) as Record<string, unknown>;
    const diff = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(stored[key]));
    throw createError('INDEX_OPTIONS_MISMATCH', `${diff.join(', ')} differ from the options the index was saved with`);
  }

  let off = pad(16 + jsonLength, 8);
  const dates = readArray(bytes, off, n, Float64Array);
  off += 8 * n;
  const sections = readArray(bytes, off, n, Int32Array);
  off += 4 * n;
  const langs = readArray(bytes, off, n, Int32Array);
  off += 4 * n;
  const lens = readArray(bytes, off, n, Int32Array);
  off += 4 * n;
  const density = readArray(bytes, off, n, Float32Array);
  off += 4 * n;
  const densityAt = readArray(bytes, off, n, Int32Array);
  off += 4 * n;
  const terms = readArray(bytes, off, P, Int32Array);
  off += 4 * P;
  const tfs = readArray(bytes, off, P, Float32Array);

  const core = new CorpusIndexCore(resolved);
  for (let t = 0; t < V; t++) {
    if (core.vocab.intern(header.termList[t] as string, header.display[t] as string) !== t) {
      throw createError('INDEX_CORRUPT', 'duplicate term');
    }
  }
  for (const s of header.sections) core.sectionIds.set(s, core.sectionNames.push(s) - 1);
  for (const l of header.langs) core.langIds.set(l, core.langNames.push(l) - 1);
  core.slots = n;
  core.live = n;
  core.alive = new Uint8Array(Math.max(n, 16)).fill(1, 0, n);
  core.dates = new Float64Array(Math.max(n, 16));
  core.dates.set(dates);
  core.sections = new Int32Array(Math.max(n, 16));
  core.sections.set(sections);
  core.langs = new Int32Array(Math.max(n, 16));
  core.langs.set(langs);
  core.norms = new Float32Array(Math.max(n, 16));
  core.fwdStart = new Int32Array(Math.max(n, 16));
  core.fwdLen = new Int32Array(Math.max(n, 16));
  core.fwdLen.set(lens);
  core.density = new Float32Array(Math.max(n, 16)).fill(Number.NaN);
  core.density.set(density);
  core.densityAt = new Int32Array(Math.max(n, 16));
  core.densityAt.set(densityAt);
  core.fwdTerm = terms;
  core.fwdTf = tfs;
  const df = new Int32Array(Math.max(V, 16));
  let start = 0;
  for (let i = 0; i < n; i++) {
    const id = header.ids[i] as string;
    if (typeof id !== 'string' || core.slotOf.has(id)) throw createError('INDEX_CORRUPT', 'duplicate or missing document id');
    const sec = sections[i] as number;
    const lang = langs[i] as number;
    if (sec < -1 || sec >= core.sectionNames.length || lang < 0 || lang >= core.langNames.length) {
      throw createError('INDEX_CORRUPT', 'a section or language number is out of range');
    }
    core.slotOf.set(id, i);
    core.ids_.push(id);
    core.titles.push(String(header.titles[i]));
    core.fwdStart[i] = start;
    const len = lens[i] as number;
    if (len < 0 || start + len > P) throw createError('INDEX_CORRUPT', 'document lengths exceed the postings');
    for (let j = start; j < start + len; j++) {
      const t = terms[j] as number;
      if (!(t >= 0 && t < V)) throw createError('INDEX_CORRUPT', 'a term number is out of range');
      df[t] = (df[t] as number) + 1;
    }
    start += len;
  }
  if (start !== P) throw createError('INDEX_CORRUPT', 'document lengths do not add up to the postings');
  core.vocab.df = df;
  core.fwdUsed = P;
  core.livePostings = P;
  core.newestDate = header.newestDate === null ? Number.NaN : Number(header.newestDate);
  core.merge();
  core.refreshNorms();
  core.changesSinceRefresh = 0;
  return core;
}
