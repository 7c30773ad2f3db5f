/**
 * Saving and loading a corpus index as bytes (browser-safe: a Uint8Array; file I/O belongs to the caller).
 *
 * Format "NTCI" version 2 (version 1 had one display form per term and no form numbers), little-endian:
 *   [0, 4)    magic "NTCI"
 *   [4, 8)    u32 format version
 *   [8, 12)   u32 checksum (FNV-1a over the 32-bit words of [16, end))
 *   [12, 16)  u32 byte length L of the header
 *   [16, 16+L) header: UTF-8 JSON { options, fingerprint, documents, terms, postings, newestDate,
 *             terms: [...], forms: [[...], ...], ids: [...], titles: [...], sections: [...], langs: [...] }
 *             (forms: the surface forms of each term, numbered from 0)
 *   then, padded to 8 bytes: Float64 dates[documents], Int32 section[documents], Int32 lang[documents],
 *   Int32 length[documents], Float32 density[documents] (NaN: not computed), Int32 densityAt[documents],
 *   Int32 termIds[postings], Float32 tf[postings], Uint8 form[postings] (the document's own form of
 *   each term); padded to 4 bytes.
 *
 * Only live documents and terms with a document are written, in index order, so the form is canonical:
 * save -> load -> save gives identical bytes. Postings and norms are not stored; load rebuilds them in
 * O(postings) (a counting sort), which keeps files about half the size of the in-memory index.
 */
import { createError } from '../errors.js';
import { CorpusIndexCore, type CorpusIndex } from './index.js';
import { optionsFingerprint, resolveCorpusOptions, type CorpusIndexOptions } from './options.js';
import { MAX_FORMS, NO_FORM } from './vocabulary.js';

export const INDEX_MAGIC = 'NTCI';
export const INDEX_FORMAT_VERSION = 2;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function checksum(bytes: Uint8Array, from: number): number {
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

/** The checksum an index file carries at byte 8 (of bytes [16, end)); for tools and tests that repair or damage files. */
export function indexChecksum(bytes: Uint8Array): number {
  return checksum(bytes, 16);
}

function fnvString(s: string): string {
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
  forms: string[][];
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
  const forms: string[][] = [];
  for (let t = 0; t < V; t++) {
    if ((df[t] as number) > 0) {
      remap[t] = termList.length;
      termList.push(core.vocab.terms[t] as string);
      forms.push(core.vocab.forms[t] as string[]);
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
    forms,
    ids,
    titles,
    sections: [...core.sectionNames],
    langs: [...core.langNames],
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const binStart = pad(16 + json.length, 8);
  const total = pad(binStart + 8 * n + 20 * n + 9 * postings, 4);
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
  const formCodes = new Uint8Array(postings);
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
      formCodes[p] = core.fwdForm[j] as number;
    }
  });
  for (const arr of [dates, sections, langs, lens, density, densityAt, terms, tfs, formCodes]) {
    writeArray(bytes, view, off, arr);
    off += arr.byteLength;
  }
  view.setUint32(8, checksum(bytes, 16), true);
  return bytes;
}

function writeArray(bytes: Uint8Array, view: DataView, off: number, arr: Float64Array | Int32Array | Float32Array | Uint8Array): void {
  if (LITTLE_ENDIAN || arr instanceof Uint8Array) {
    bytes.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), off);
    return;
  }
  for (let i = 0; i < arr.length; i++) {
    if (arr instanceof Float64Array) view.setFloat64(off + 8 * i, arr[i] as number, true);
    else if (arr instanceof Int32Array) view.setInt32(off + 4 * i, arr[i] as number, true);
    else view.setFloat32(off + 4 * i, arr[i] as number, true);
  }
}

function readArray<T extends Float64Array | Int32Array | Float32Array | Uint8Array>(
  bytes: Uint8Array,
  off: number,
  length: number,
  Type: { new (n: number): T; BYTES_PER_ELEMENT: number },
): T {
  const out = new Type(length);
  const size = length * Type.BYTES_PER_ELEMENT;
  if (off + size > bytes.length) throw createError('INDEX_CORRUPT', 'the file is shorter than its header says');
  if (LITTLE_ENDIAN || Type.BYTES_PER_ELEMENT === 1) {
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

/** The parts of an index file, every one checked by `readIndexParts`. */
export interface IndexParts {
  header: Header;
  /** The saved indexing options (parsed from `header.options`). */
  stored: CorpusIndexOptions;
  dates: Float64Array<ArrayBuffer>;
  sections: Int32Array<ArrayBuffer>;
  langs: Int32Array<ArrayBuffer>;
  lens: Int32Array<ArrayBuffer>;
  density: Float32Array<ArrayBuffer>;
  densityAt: Int32Array<ArrayBuffer>;
  terms: Int32Array<ArrayBuffer>;
  tfs: Float32Array<ArrayBuffer>;
  /** Each posting's form number: an index into its term's `forms`, or NO_FORM. */
  formCodes: Uint8Array<ArrayBuffer>;
}

/** The largest date an index holds, in epoch milliseconds (the range of a JavaScript Date). */
const MAX_DATE_MS = 8.64e15;

const corrupt = (reason: string): never => {
  throw createError('INDEX_CORRUPT', reason);
};
const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isWeight = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const strings = (x: unknown, length: number | undefined, name: string, unique: boolean): string[] => {
  if (!Array.isArray(x) || (length !== undefined && x.length !== length)) return corrupt(`"${name}" is not a list of ${length ?? 'some'} strings`);
  const seen = unique ? new Set<string>() : undefined;
  for (const s of x) {
    if (typeof s !== 'string') return corrupt(`"${name}" holds a ${s === null ? 'null' : typeof s}, not a string`);
    if (seen !== undefined) {
      if (seen.has(s)) return corrupt(`"${name}" lists ${JSON.stringify(s.slice(0, 60))} twice`);
      seen.add(s);
    }
  }
  return x as string[];
};

/** The saved options, each of the type and range `optionsFingerprint` writes; INDEX_CORRUPT otherwise. */
function storedOptions(text: string): CorpusIndexOptions {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return corrupt('the saved options are not valid JSON');
  }
  if (!isObject(o)) return corrupt('the saved options are not an object');
  const fw = o.fieldWeights;
  if (!Array.isArray(fw) || fw.length !== 3 || !fw.every(isWeight)) corrupt('saved option "fieldWeights" is not three weights');
  if (o.tf !== 'sublinear' && o.tf !== 'raw') corrupt('saved option "tf" is not "sublinear" or "raw"');
  if (typeof o.stem !== 'boolean' || typeof o.numbers !== 'boolean') corrupt('saved options "stem" and "numbers" must be true or false');
  strings(o.stopwords, undefined, 'stopwords', true);
  if (!isCount(o.minTermLength) || o.minTermLength === 0) corrupt('saved option "minTermLength" is not an integer > 0');
  if (!isWeight(o.idfExponent) || !isWeight(o.entityWeight)) corrupt('saved options "idfExponent" and "entityWeight" must be finite numbers >= 0');
  if (o.format !== 'auto' && o.format !== 'text' && o.format !== 'html') corrupt('saved option "format" is not "auto", "text" or "html"');
  const w = fw as number[];
  return {
    fieldWeights: { title: w[0] as number, lede: w[1] as number, body: w[2] as number },
    tf: o.tf as 'sublinear' | 'raw',
    stem: o.stem as boolean,
    stopwords: o.stopwords as string[],
    numbers: o.numbers as boolean,
    minTermLength: o.minTermLength as number,
    idfExponent: o.idfExponent as number,
    entityWeight: o.entityWeight as number,
    format: o.format as 'auto' | 'text' | 'html',
  };
}

/**
 * Every check of an index file's contents, in one place: the header's fields (types, counts that fit
 * the file, unique string ids, sections and languages; terms are strings, and `loadCorpusIndex` finds
 * a term listed twice as it rebuilds the vocabulary) and every array (lengths adding up to
 * the postings, numbers in range and finite, no term twice in a document). Throws INDEX_CORRUPT
 * naming the first problem; what passes cannot make a later query throw or return NaN scores.
 * The magic, version and checksum are checked by the caller. O(file size).
 */
export function readIndexParts(bytes: Uint8Array, jsonLength: number): IndexParts {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + jsonLength)));
  } catch {
    return corrupt('the header is not valid UTF-8 JSON');
  }
  if (!isObject(value)) return corrupt('the header is not an object');
  const { documents: n, terms: V, postings: P } = value;
  if (!isCount(n) || !isCount(V) || !isCount(P)) return corrupt('the header\'s counts are not integers >= 0');
  const binStart = pad(16 + jsonLength, 8);
  const size = pad(binStart + 28 * n + 9 * P, 4);
  if (size !== bytes.length) return corrupt(`the file has ${bytes.length} bytes, not the ${size} its header implies`);
  if (typeof value.options !== 'string') return corrupt('the header has no saved options');
  if (value.fingerprint !== fnvString(value.options)) corrupt('the options fingerprint does not match the saved options');
  const stored = storedOptions(value.options);
  const newest = value.newestDate;
  if (newest !== null && !(typeof newest === 'number' && Math.abs(newest) <= MAX_DATE_MS)) corrupt('"newestDate" is not a date');
  // terms are checked unique where the vocabulary is rebuilt from them (a Map either way: one pass)
  const termList = strings(value.termList, V, 'termList', false);
  if (!Array.isArray(value.forms) || value.forms.length !== V) corrupt(`"forms" is not a list of ${V} lists`);
  // unique within a term: checked where the vocabulary numbers them again
  const forms = (value.forms as unknown[]).map((f) => (Array.isArray(f) && f.length > 0 && f.length <= MAX_FORMS ? strings(f, undefined, 'forms', false) : corrupt('the forms of a term are not a list of 1 to 255 strings')));
  const ids = strings(value.ids, n, 'ids', true);
  const titles = strings(value.titles, n, 'titles', false);
  const sectionNames = strings(value.sections, undefined, 'sections', true);
  const langNames = strings(value.langs, undefined, 'langs', true);
  const header: Header = { options: value.options, fingerprint: value.fingerprint as string, documents: n, terms: V, postings: P, newestDate: newest as number | null, termList, forms, ids, titles, sections: sectionNames, langs: langNames };

  let off = binStart;
  const next = <T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Float32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(length: number, Type: { new (n: number): T; BYTES_PER_ELEMENT: number }): T => {
    const out = readArray(bytes, off, length, Type);
    off += length * Type.BYTES_PER_ELEMENT;
    return out;
  };
  const dates = next(n, Float64Array);
  const sections = next(n, Int32Array);
  const langs = next(n, Int32Array);
  const lens = next(n, Int32Array);
  const density = next(n, Float32Array);
  const densityAt = next(n, Int32Array);
  const terms = next(P, Int32Array);
  const tfs = next(P, Float32Array);
  const formCodes = next(P, Uint8Array);
  const lastDoc = new Int32Array(V).fill(-1);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const d = dates[i] as number;
    if (!Number.isNaN(d) && !(Math.abs(d) <= MAX_DATE_MS)) corrupt(`document ${i} has date ${d}`);
    const sec = sections[i] as number;
    const lang = langs[i] as number;
    if (sec < -1 || sec >= sectionNames.length || lang < 0 || lang >= langNames.length) corrupt('a section or language number is out of range');
    const dens = density[i] as number;
    if (!Number.isNaN(dens) && !(dens >= 0 && dens <= 1.5)) corrupt(`document ${i} has density ${dens}`);
    if ((densityAt[i] as number) < 0) corrupt(`document ${i} has a negative density count`);
    const len = lens[i] as number;
    if (len < 0 || start + len > P) corrupt('document lengths exceed the postings');
    for (let j = start; j < start + len; j++) {
      const t = terms[j] as number;
      if (!(t >= 0 && t < V)) corrupt('a term number is out of range');
      if (lastDoc[t] === i) corrupt(`document ${i} lists a term twice`);
      lastDoc[t] = i;
      const tf = tfs[j] as number;
      if (!(tf > 0 && tf <= 3.4e38)) corrupt(`document ${i} has term weight ${tf}`);
      const form = formCodes[j] as number;
      if (form !== NO_FORM && form >= (forms[t] as string[]).length) corrupt('a form number is out of range');
    }
    start += len;
  }
  if (start !== P) corrupt('document lengths do not add up to the postings');
  return { header, stored, dates, sections, langs, lens, density, densityAt, terms, tfs, formCodes };
}

/**
 * Reads an index written by `save()`. `options` may repeat indexing options (they must match the
 * saved ones, else INDEX_OPTIONS_MISMATCH) and should pass the `entities` extractor again if one was
 * used. Throws INDEX_FORMAT (not an index file), INDEX_VERSION (other format version), INDEX_CORRUPT
 * (checksum or any field or array out of shape: see `readIndexParts`). O(file size + postings).
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
  const { header, stored, dates, sections, langs, lens, density, densityAt, terms, tfs, formCodes } = readIndexParts(bytes, jsonLength);
  const { documents: n, terms: V, postings: P } = header;

  const resolved = resolveCorpusOptions({ ...stored, ...options });
  const given = optionsFingerprint(resolved);
  if (given !== header.options) {
    const a = JSON.parse(given) as Record<string, unknown>;
    const saved = JSON.parse(header.options) as Record<string, unknown>;
    const diff = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(saved[key]));
    throw createError('INDEX_OPTIONS_MISMATCH', `${diff.join(', ')} differ from the options the index was saved with`);
  }

  const core = new CorpusIndexCore(resolved);
  for (let t = 0; t < V; t++) {
    const forms = header.forms[t] as string[];
    if (core.vocab.intern(header.termList[t] as string, forms[0] as string) !== t) {
      throw createError('INDEX_CORRUPT', `"termList" lists ${JSON.stringify((header.termList[t] as string).slice(0, 60))} twice`);
    }
    for (let i = 1; i < forms.length; i++) {
      if (core.vocab.formCode(t, forms[i] as string) !== i) throw createError('INDEX_CORRUPT', 'a term lists one of its forms twice');
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
  core.fwdForm = formCodes;
  const df = new Int32Array(Math.max(V, 16));
  let start = 0;
  for (let i = 0; i < n; i++) {
    const id = header.ids[i] as string;
    core.slotOf.set(id, i);
    core.ids_.push(id);
    core.titles.push(header.titles[i] as string);
    core.fwdStart[i] = start;
    const len = lens[i] as number;
    for (let j = start; j < start + len; j++) df[terms[j] as number] = (df[terms[j] as number] as number) + 1;
    start += len;
  }
  core.vocab.df = df;
  core.fwdUsed = P;
  core.livePostings = P;
  core.newestDate = header.newestDate === null ? Number.NaN : Number(header.newestDate);
  core.merge();
  core.refreshNorms();
  core.changesSinceRefresh = 0;
  return core;
}
