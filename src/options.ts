/**
 * Tagger options: the one place where defaults are applied and values are checked. Internal code
 * takes `ResolvedOptions`, which has no optional fields. The caller's objects are never written to.
 */
import { createError } from './errors.js';
import type { TextFormat } from './text/normalize.js';

/** What `createTagger()` accepts. Every field is optional; see `DEFAULT_OPTIONS`. */
export interface TaggerOptions {
  /** How to read `body` and `lede`: detect HTML ('auto'), or force 'text' or 'html'. */
  format?: TextFormat;
  /** Reading speed for `readingTime`, in words per minute. */
  wordsPerMinute?: number;
  /** Longest accepted text field, in UTF-16 code units; longer fields throw INPUT_TOO_LARGE. */
  maxFieldLength?: number;
  /**
   * Stopwords for indexing and salience: an iterable replaces the default English list; a function
   * receives the defaults and returns the set to use.
   */
  stopwords?: Iterable<string> | ((defaults: ReadonlySet<string>) => Iterable<string>);
}

export interface ResolvedOptions {
  format: TextFormat;
  wordsPerMinute: number;
  maxFieldLength: number;
  stopwords: TaggerOptions['stopwords'] | undefined;
}

export const DEFAULT_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  format: 'auto',
  // 230 words per minute: the middle of the 200-265 range news sites use for "N Min Read".
  wordsPerMinute: 230,
  // 1,000,000 characters: ten times the longest long-read; bigger is an export error, not an article.
  maxFieldLength: 1_000_000,
  stopwords: undefined,
});

type Check = (name: string, value: unknown) => void;

const positiveNumber: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw createError('INVALID_OPTION', name, value, 'a finite number > 0');
  }
};
const positiveInteger: Check = (name, value) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw createError('INVALID_OPTION', name, value, 'an integer > 0');
  }
};
const oneOf =
  (...allowed: string[]): Check =>
  (name, value) => {
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw createError('INVALID_OPTION', name, value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
  };
const iterableOrFunction: Check = (name, value) => {
  const ok =
    typeof value === 'function' ||
    (value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function');
  if (!ok || typeof value === 'string') throw createError('INVALID_OPTION', name, value, 'an iterable of strings or a function');
};

const CHECKS = new Map<keyof ResolvedOptions, Check>([
  ['format', oneOf('auto', 'text', 'html')],
  ['wordsPerMinute', positiveNumber],
  ['maxFieldLength', positiveInteger],
  ['stopwords', iterableOrFunction],
]);

/** Merges `options` over the defaults, checking every given value. Unknown option names throw. */
export function resolveOptions(options: TaggerOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw createError('INVALID_OPTION', 'options', options, 'an object');
  }
  const resolved: ResolvedOptions = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    const check = CHECKS.get(key as keyof ResolvedOptions);
    if (check === undefined) {
      throw createError('INVALID_OPTION', key, value, `a known option (${[...CHECKS.keys()].join(', ')})`);
    }
    if (value === undefined) continue;
    check(key, value);
    (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}
