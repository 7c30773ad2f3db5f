/**
 * fast-check generators of hostile and ordinary articles for the fuzzing harness (fuzz/run.ts) and the
 * property tests. Every piece of text here was written for the project.
 */
import fc from 'fast-check';

/** Words and phrases of ordinary news text, with names the gazetteer knows. */
export const WORDS = [
  'Paris', 'Zürich', 'São Paulo', 'Kyiv', 'Đoković', 'Kim Jong-un', 'Putin', "Putin's", 'U.S.', 'US-China', 'Mr.', 'Dr',
  'AT&T', "O'Brien", 'F-16', 'COVID-19', '1,200', '3.5', '10:30', '1990s', 'said', 'the', 'of', 'and', 'in', 'Minister',
  'President', 'Agency', 'Bank of England', 'Georgia', 'Washington', 'Jordan', 'NATO', 'Nato', 'KCNA', 'French', 'Israelis',
  'press@example.org', 'http://example.org/a.b', 'www.example.org', 'e.g.', 'Ministry of Defence', 'BC', 'Ghana', 'Kenya',
];

/** Characters and sequences that normalization folds, drops or maps, and scripts beyond Latin. */
export const UNICODE = [
  '\u2026', '\u200b', '\u00ad', '\u00a0', '\u2019', '\u201c', '\u201d', 'e\u0301', '\u0301', '\u0308', '\ud800', '\udc00',
  '\ud83d\ude00', '\r\n', '\r', '\x07', '\x00', '\u2028', '\u2029', '\ufb01', '\u0130', '\u00df', '\u01c5', '\u200f',
  '\u1100\u1161', '\ufeff', '\u2013', '\u2014', '\u2212', '\u3000', 'القاهرة', 'Москва', '東京', 'Ελλάδα', '\ufffd',
];

/** Markup, well formed and broken. */
export const HTML = [
  '<p>', '</p>', '<b>', '</b>', '<br>', '<br/>', '<a href="x">', '</a>', '<a title=\'>\'>', '<script>', '</script>', '<style>',
  '</style>', '<nav>', '</nav>', '<!--', '-->', '<!-- c -->', '<![CDATA[', ']]>', '<!doctype html>', '<?xml ?>', '<div class="a',
  '&amp;', '&hellip;', '&nbsp;', '&#769;', '&#x1F600;', '&#0;', '&#xD800;', '&nosuch;', '&eacute;', '&', '&#', '&a', '<', '>',
  '<a', '<p ', '<!', '<?', '"', "'", '</', '<a-b:c', '<td>', '</td>', '<tr>',
];

/** Punctuation and spacing. */
export const PUNCT = ['.', '-', '--', '...', '!', '?', '(', ')', ',', ';', ':', '@', '%', '+', '_', '/', ' ', '  ', '\n', '\n\n', '\t', '\v', '\f'];

/** Ids and field names that are special to JavaScript objects. */
export const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...HTML) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
);

/** Text assembled from fragments, separated by spaces or not. */
export const soupText = (maxFragments = 40): fc.Arbitrary<string> =>
  fc.array(fc.tuple(fragment, fc.constantFrom('', ' ', '', '\n')), { maxLength: maxFragments }).map((parts) => parts.map(([a, b]) => a + b).join(''));

/** A short unit repeated into a long run (the shape of every quadratic input found so far). */
export const longRun = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(fragment, { minLength: 1, maxLength: 3 }), fc.integer({ min: minLength, max: maxLength }), soupText(4), soupText(4))
    .map(([unit, length, before, after]) => {
      const u = unit.join('') || '-';
      return before + u.repeat(Math.ceil(length / u.length)).slice(0, length) + after;
    });

/** A body: soup, or a long run of a short unit. */
export const body = (longRuns: { min: number; max: number }): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: soupText(60) }, { weight: 1, arbitrary: longRun(longRuns.min, longRuns.max) });

/** An id: ordinary, empty, special, or odd. */
export const articleId = fc.oneof(
  fc.constantFrom(...SPECIAL_KEYS),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.integer().map(String),
);

/**
 * An article-shaped value: usually a valid article (some fields null, extra fields with special
 * names as own properties), sometimes a wrong type in a field (which must give INVALID_ARTICLE).
 */
export const articleInput = (longRuns: { min: number; max: number }): fc.Arbitrary<unknown> =>
  fc
    .record({
      id: fc.oneof({ weight: 6, arbitrary: articleId }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, 7, Number.NaN, {}, []) }),
      title: fc.oneof({ weight: 5, arbitrary: soupText(12) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, 3, ['x']) }),
      lede: fc.option(soupText(20), { nil: undefined }),
      body: fc.oneof({ weight: 8, arbitrary: body(longRuns) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, false) }),
      tags: fc.option(fc.array(fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string({ maxLength: 6 })), { maxLength: 3 }), { nil: undefined }),
      extra: fc.array(fc.tuple(fc.constantFrom(...SPECIAL_KEYS), fc.string({ maxLength: 4 })), { maxLength: 2 }),
    })
    .map(({ extra, ...fields }) => {
      // JSON.parse makes "__proto__" an own property, as a parsed CMS payload would
      const article = JSON.parse(JSON.stringify(Object.fromEntries(extra))) as Record<string, unknown>;
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) article[k] = v;
      return article;
    });

/** Damage to a byte string: flipped bytes, a cut, an insertion, or a duplicated range. */
export type Damage =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'repeat'; at: number; length: number };

export const damage: fc.Arbitrary<Damage[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  ),
  { minLength: 1, maxLength: 3 },
);

/** Applies damage to a copy of `bytes` (positions wrap around the length). */
export function applyDamage(bytes: Uint8Array, list: readonly Damage[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const d of list) {
    const at = out.length === 0 ? 0 : d.at % out.length;
    if (d.kind === 'flip' && out.length > 0) out[at] = (out[at] as number) ^ d.xor;
    else if (d.kind === 'truncate') out = out.slice(0, at);
    else if (d.kind === 'insert') out = Uint8Array.from([...out.subarray(0, at), ...d.bytes, ...out.subarray(at)]);
    else if (d.kind === 'repeat') out = Uint8Array.from([...out.subarray(0, at + d.length), ...out.subarray(at)]);
  }
  return out;
}

/** One CSV or JSONL input for the batch reader: rows with odd fields, quotes, long fields and broken lines. */
export const batchInput = (longRuns: { min: number; max: number }): fc.Arbitrary<{ format: 'csv' | 'jsonl'; text: string; chunk: number }> =>
  fc
    .record({
      format: fc.constantFrom('csv' as const, 'jsonl' as const),
      columns: fc.uniqueArray(fc.oneof(fc.constantFrom('id', 'title', 'body', 'tags', ...SPECIAL_KEYS), fc.string({ minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 5 }),
      rows: fc.array(fc.array(fc.oneof({ weight: 5, arbitrary: soupText(8) }, { weight: 1, arbitrary: longRun(longRuns.min, longRuns.max) }), { maxLength: 6 }), { maxLength: 6 }),
      breakage: fc.array(fc.tuple(fc.nat(), fc.constantFrom('"', '\n', ',', '\r', '{', '}', '\\', '""', '\ufeff')), { maxLength: 3 }),
      chunk: fc.integer({ min: 1, max: 4096 }),
    })
    .map(({ format, columns, rows, breakage, chunk }) => {
      const csvField = (v: string): string => (/[",\n\r]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);
      let text =
        format === 'csv'
          ? [columns.map(csvField).join(','), ...rows.map((r) => columns.map((_, i) => csvField(r[i] ?? '')).join(','))].join('\n')
          : rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])))).join('\n');
      for (const [at, piece] of breakage) {
        const i = text.length === 0 ? 0 : at % text.length;
        text = text.slice(0, i) + piece + text.slice(i);
      }
      return { format, text, chunk };
    });
