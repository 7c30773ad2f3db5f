/**
 * BILOU labels over the four CoNLL entity types, and the mapping between label sequences and spans.
 * Class 0 is O; then for each type, B, I, L, U in that order.
 */
import type { EntityType } from '../../types.js';

/** Entity types the recognizer predicts, in class order (CoNLL names). */
export const NER_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export type NerType = (typeof NER_TYPES)[number];

/** Library entity type of each CoNLL type (MISC becomes 'other'). */
export const ENTITY_TYPE_OF: Readonly<Record<NerType, EntityType>> = {
  PER: 'person',
  LOC: 'place',
  ORG: 'organization',
  MISC: 'other',
};

/** All class names: O, then B, I, L, U for each type in `NER_TYPES` order. */
export const NER_LABELS: readonly string[] = [
  'O',
  'B-PER', 'I-PER', 'L-PER', 'U-PER',
  'B-LOC', 'I-LOC', 'L-LOC', 'U-LOC',
  'B-ORG', 'I-ORG', 'L-ORG', 'U-ORG',
  'B-MISC', 'I-MISC', 'L-MISC', 'U-MISC',
];

export const N_CLASSES = 17;

const B = 0;
const I = 1;
const L = 2;
const U = 3;

/** Part of a class: -1 for O, else 0..3 (B, I, L, U). */
export function partOf(cls: number): number {
  return cls === 0 ? -1 : (cls - 1) % 4;
}

/** Type index of a class (0..3), -1 for O. */
export function typeOf(cls: number): number {
  return cls === 0 ? -1 : Math.floor((cls - 1) / 4);
}

function classOf(type: number, part: number): number {
  return 1 + type * 4 + part;
}

let allowedTable: Uint8Array | undefined;

/**
 * `table[prev * N_CLASSES + next]` is 1 when `next` may follow `prev` under BILOU.
 * Use `N_CLASSES` as `prev` for the start of a sentence (treated like O). Built on first use.
 */
export function allowedTransitions(): Uint8Array {
  allowedTable ??= buildAllowed();
  return allowedTable;
}

function buildAllowed(): Uint8Array {
  const table = new Uint8Array((N_CLASSES + 1) * N_CLASSES);
  for (let prev = 0; prev <= N_CLASSES; prev++) {
    const prevOpen = prev < N_CLASSES && (partOf(prev) === B || partOf(prev) === I);
    for (let next = 0; next < N_CLASSES; next++) {
      const part = partOf(next);
      const continues = part === I || part === L;
      const ok = prevOpen ? continues && typeOf(next) === typeOf(prev) : !continues;
      table[prev * N_CLASSES + next] = ok ? 1 : 0;
    }
  }
  return table;
}

/** True when the class closes nothing open at the end of a sentence (not B or I). */
export function canEnd(cls: number): boolean {
  const part = partOf(cls);
  return part !== B && part !== I;
}

/** A typed span of tokens `[start, end)` within one sentence. */
export interface Span {
  start: number;
  end: number;
  type: NerType;
}

/** Spans encoded by a BILOU class sequence (lenient: a broken entity is closed where it breaks). */
export function spansFromBilou(classes: ArrayLike<number>): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let openType = -1;
  for (let i = 0; i < classes.length; i++) {
    const cls = classes[i] as number;
    const part = partOf(cls);
    const type = typeOf(cls);
    if (open >= 0 && (part === -1 || part === B || part === U || type !== openType)) {
      spans.push({ start: open, end: i, type: NER_TYPES[openType] as NerType });
      open = -1;
    }
    if (part === U) spans.push({ start: i, end: i + 1, type: NER_TYPES[type] as NerType });
    else if (part === L) {
      spans.push({ start: open >= 0 ? open : i, end: i + 1, type: NER_TYPES[type] as NerType });
      open = -1;
    } else if (part === B || (part === I && open < 0)) {
      open = i;
      openType = type;
    }
  }
  if (open >= 0) spans.push({ start: open, end: classes.length, type: NER_TYPES[openType] as NerType });
  return spans;
}

/** BILOU classes for spans over `length` tokens (spans must not overlap). */
export function bilouFromSpans(spans: readonly Span[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (const span of spans) {
    const type = NER_TYPES.indexOf(span.type);
    if (span.end - span.start === 1) out[span.start] = classOf(type, U);
    else {
      out[span.start] = classOf(type, B);
      for (let i = span.start + 1; i < span.end - 1; i++) out[i] = classOf(type, I);
      out[span.end - 1] = classOf(type, L);
    }
  }
  return out;
}

/**
 * Spans of an IOB1 or IOB2 tag sequence ("I-PER", "B-PER", "O"), conlleval convention: a chunk
 * starts at B-X, or at I-X after a tag of another type or O.
 */
export function spansFromIob(tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let openType = '';
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as string;
    const prefix = tag === 'O' || tag.length < 2 ? 'O' : tag.slice(0, 1);
    const type = prefix === 'O' ? '' : tag.slice(2);
    const starts = prefix === 'B' || (prefix === 'I' && type !== openType) || prefix === 'O';
    if (open >= 0 && starts) {
      pushSpan(spans, open, i, openType);
      open = -1;
      openType = '';
    }
    if (prefix !== 'O' && open < 0) {
      open = i;
      openType = type;
    }
  }
  if (open >= 0) pushSpan(spans, open, tags.length, openType);
  return spans;
}

function pushSpan(spans: Span[], start: number, end: number, type: string): void {
  if ((NER_TYPES as readonly string[]).includes(type)) spans.push({ start, end, type: type as NerType });
}
