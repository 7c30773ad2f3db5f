/**
 * Saving and loading a site model as bytes (browser-safe: a Uint8Array; file I/O is the caller's).
 *
 * Format "NTSM" version 2 (version 1 had no `selection.topicThreshold` and fewer selection weights; it is
 * refused with SITE_MODEL_VERSION), little-endian, the corpus index's discipline (src/corpus/serialize.ts):
 *   [0, 4)    magic "NTSM"
 *   [4, 8)    u32 format version
 *   [8, 12)   u32 checksum (FNV-1a over the 32-bit words of [16, end))
 *   [12, 16)  u32 byte length L of the header
 *   [16, 16+L) header: UTF-8 JSON { settings, fingerprint (of the settings), stats, selection, lang,
 *             documents, labels, entities, features, docIds, arrays: [[name, type, length], ...] }
 *   then each array in the header's order, each starting at a multiple of 8 bytes.
 * The same model saves to the same bytes. Loading checks everything it indexes with, so a damaged file
 * is a SITE_MODEL_CORRUPT error, never a crash later.
 */
import { createError } from '../errors.js';
import { checksum, fnvString } from '../corpus/serialize.js';
import { FEATURE_COUNT, RATE_SLOTS, SiteCore, TYPES, type CoreData } from './core.js';
import type { FitSettings } from './fit.js';
import { SiteModelImpl, type SiteModel, type SiteModelStats } from './model.js';
import type { Selection } from './select.js';

export const SITE_MODEL_MAGIC = 'NTSM';
export const SITE_MODEL_VERSION = 2;

type ArrayType = 'u8' | 'i32' | 'f32' | 'f64';
type Typed = Uint8Array | Int32Array | Float32Array | Float64Array;
const SIZE: Record<ArrayType, number> = { u8: 1, i32: 4, f32: 4, f64: 8 };
const CTOR = { u8: Uint8Array, i32: Int32Array, f32: Float32Array, f64: Float64Array } as const;

interface Header {
  settings: FitSettings;
  fingerprint: string;
  stats: SiteModelStats;
  selection: { weights: number[]; threshold: number; topicThreshold: number; limit: number; validationF1: number };
  lang: string;
  documents: number;
  labels: string[];
  entities: string[];
  triggers: string[];
  features: string[];
  docIds: string[];
  arrays: [string, ArrayType, number][];
}

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/** The fingerprint of the settings a model was trained with. */
export function settingsFingerprint(settings: FitSettings): string {
  return fnvString(JSON.stringify(settings, Object.keys(settings).sort()));
}

function arraysOf(d: CoreData): [string, ArrayType, Typed][] {
  return [
    ['types', 'u8', d.types], ['df', 'i32', d.df], ['present', 'i32', d.present], ['tagged', 'i32', d.tagged], ['presentHigh', 'i32', d.presentHigh], ['taggedHigh', 'i32', d.taggedHigh],
    ['typeRates', 'f64', d.typeRates], ['triggerPresent', 'i32', d.triggerPresent], ['triggerTagged', 'i32', d.triggerTagged], ['idf', 'f32', d.idf],
    ['nbStart', 'i32', d.neighbours.start], ['nbFeature', 'i32', d.neighbours.feature], ['nbWeight', 'u8', d.neighbours.weight],
    ['docTagStart', 'i32', d.docTagStart], ['docTags', 'i32', d.docTags],
    ['linTags', 'i32', d.linear.tags], ['linBias', 'f32', d.linear.bias], ['linStart', 'i32', d.linear.start],
    ['linFeature', 'i32', d.linear.feature], ['linWeight', 'f32', d.linear.weight],
  ];
}

/** Writes a model. O(model size). */
export function encodeSiteModel(model: SiteModelImpl): Uint8Array {
  const d = model.core.data;
  const arrays = arraysOf(d);
  const header: Header = {
    settings: model.settings, fingerprint: settingsFingerprint(model.settings), stats: model.stats,
    selection: { weights: [...model.selection.weights], threshold: model.selection.threshold, topicThreshold: model.selection.topicThreshold, limit: model.selection.limit, validationF1: model.selection.validationF1 },
    lang: d.lang, documents: d.documents, labels: d.labels, entities: d.entities, triggers: d.triggers, features: d.features, docIds: d.docIds,
    arrays: arrays.map(([name, type, a]) => [name, type, a.length]),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let total = pad8(16 + json.length);
  for (const [, type, a] of arrays) total = pad8(total + a.length * SIZE[type]);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = SITE_MODEL_MAGIC.charCodeAt(i);
  view.setUint32(4, SITE_MODEL_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, 16);
  let off = pad8(16 + json.length);
  for (const [, type, a] of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off = pad8(off + a.length * SIZE[type]);
  }
  view.setUint32(8, checksum(bytes, 16), true);
  return bytes;
}

const corrupt = (reason: string): never => {
  throw createError('SITE_MODEL_CORRUPT', reason);
};

function checkCsr(start: Int32Array, rows: number, length: number, name: string): void {
  if (start.length !== rows + 1 || start[0] !== 0 || start[rows] !== length) corrupt(`${name} offsets do not match`);
  for (let i = 0; i < rows; i++) if ((start[i] as number) > (start[i + 1] as number)) corrupt(`${name} offsets go backwards`);
}

function checkIds(ids: Int32Array, below: number, name: string): void {
  for (let i = 0; i < ids.length; i++) if ((ids[i] as number) < 0 || (ids[i] as number) >= below) corrupt(`${name} holds an id out of range`);
}

/**
 * Reads a model saved by `save()`. Throws SITE_MODEL_FORMAT (not a site model), SITE_MODEL_VERSION
 * (another format version: train again) or SITE_MODEL_CORRUPT (damaged). O(file size).
 */
export function loadSiteModel(data: Uint8Array | ArrayBuffer): SiteModel {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
  if (bytes === undefined) throw createError('SITE_MODEL_FORMAT', 'expected a Uint8Array or an ArrayBuffer');
  if (bytes.length < 16) throw createError('SITE_MODEL_FORMAT', `only ${bytes.length} bytes`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== SITE_MODEL_MAGIC.charCodeAt(i)) throw createError('SITE_MODEL_FORMAT', `the file does not start with "${SITE_MODEL_MAGIC}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== SITE_MODEL_VERSION) throw createError('SITE_MODEL_VERSION', version, SITE_MODEL_VERSION);
  if (checksum(bytes, 16) !== view.getUint32(8, true)) corrupt('checksum mismatch');
  const jsonLength = view.getUint32(12, true);
  if (16 + jsonLength > bytes.length) corrupt('header length beyond the end of the file');
  let h: Header;
  try {
    h = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + jsonLength))) as Header;
  } catch {
    return corrupt('the header is not valid UTF-8 JSON');
  }
  const strings = (a: unknown): boolean => Array.isArray(a) && a.every((s) => typeof s === 'string');
  if (h === null || typeof h !== 'object' || !strings(h.labels) || !strings(h.entities) || !strings(h.triggers) || !strings(h.features) || !strings(h.docIds) || !Array.isArray(h.arrays) ||
    h.settings === null || typeof h.settings !== 'object' || h.selection === null || typeof h.selection !== 'object' || !Array.isArray(h.selection.weights)) {
    return corrupt('the header is incomplete');
  }
  if (settingsFingerprint(h.settings) !== h.fingerprint) corrupt('the settings do not match their fingerprint');
  const arrays = new Map<string, Typed>();
  let off = pad8(16 + jsonLength);
  for (const entry of h.arrays) {
    const [name, type, length] = entry;
    if (!(type in CTOR) || !Number.isInteger(length) || length < 0) corrupt(`array ${String(name)} is malformed`);
    const size = length * SIZE[type];
    if (off + size > bytes.length) corrupt(`array ${name} runs past the end of the file`);
    const copy = new Uint8Array(size);
    copy.set(bytes.subarray(off, off + size));
    arrays.set(name, new CTOR[type](copy.buffer));
    off = pad8(off + size);
  }
  const get = <T extends Typed>(name: string): T => (arrays.get(name) as T | undefined) ?? corrupt(`array ${name} is missing`);
  const T = h.labels.length;
  const V = h.features.length;
  const N = h.docIds.length;
  const d: CoreData = {
    lang: String(h.lang), documents: Number(h.documents), labels: h.labels, entities: h.entities,
    types: get('types'), df: get('df'), present: get('present'), tagged: get('tagged'), presentHigh: get('presentHigh'), taggedHigh: get('taggedHigh'), typeRates: get('typeRates'), triggers: h.triggers, triggerPresent: get('triggerPresent'), triggerTagged: get('triggerTagged'),
    features: h.features, idf: get('idf'), entityWeight: Number(h.settings.entityWeight), docIds: h.docIds,
    neighbours: { start: get('nbStart'), feature: get('nbFeature'), weight: get('nbWeight') },
    docTagStart: get('docTagStart'), docTags: get('docTags'),
    linear: { tags: get('linTags'), bias: get('linBias'), start: get('linStart'), feature: get('linFeature'), weight: get('linWeight') },
    k: Number(h.settings.k), queryTerms: Number(h.settings.queryTerms), marginFloor: Number(h.settings.marginFloor), linearTerms: Number(h.settings.linearTerms),
  };
  if (h.entities.length !== T || h.triggers.length !== T || d.triggerPresent.length !== T || d.triggerTagged.length !== T || d.types.length !== T || d.df.length !== T || d.present.length !== T || d.tagged.length !== T || d.presentHigh.length !== T || d.taggedHigh.length !== T) corrupt('per-tag arrays differ in length');
  for (const t of d.types) if (t >= TYPES.length) corrupt('a tag has an unknown type');
  if (d.typeRates.length !== RATE_SLOTS * TYPES.length || d.idf.length !== V) corrupt('array lengths do not match');
  checkCsr(d.neighbours.start, N, d.neighbours.feature.length, 'neighbour');
  if (d.neighbours.weight.length !== d.neighbours.feature.length) corrupt('neighbour weights do not match');
  checkIds(d.neighbours.feature, V, 'the neighbour index');
  checkCsr(d.docTagStart, N, d.docTags.length, 'archive tag');
  checkIds(d.docTags, T, 'the archive tags');
  const M = d.linear.tags.length;
  checkIds(d.linear.tags, T, 'the linear models');
  if (d.linear.bias.length !== M || d.linear.weight.length !== d.linear.feature.length) corrupt('linear model arrays do not match');
  checkCsr(d.linear.start, M, d.linear.feature.length, 'linear model');
  checkIds(d.linear.feature, V, 'the linear models');
  if (h.selection.weights.length !== FEATURE_COUNT || !h.selection.weights.every(Number.isFinite)) corrupt('the selection model is malformed');
  if (!Number.isFinite(h.selection.threshold) || !Number.isFinite(h.selection.topicThreshold)) corrupt('the selection thresholds are malformed');
  const selection: Selection = {
    weights: Float64Array.from(h.selection.weights), threshold: Number(h.selection.threshold), topicThreshold: Number(h.selection.topicThreshold), limit: Math.max(1, Math.floor(Number(h.selection.limit)) || 1),
    validationF1: Number(h.selection.validationF1),
  };
  return new SiteModelImpl(new SiteCore(d), selection, h.stats, h.settings, encodeSiteModel);
}
