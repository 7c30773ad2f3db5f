/**
 * Every error the library throws is a `NewsTaggerError` with a stable `code` from this one catalog.
 * Programmer errors (bad options, duplicate or unknown ids, incompatible files) throw; empty or odd
 * text returns an empty result instead.
 */

const CATALOG = {
  INVALID_OPTION: (name: string, value: unknown, expected: string) =>
    `news-tagger: option "${name}" must be ${expected}, got ${describe(value)}`,
  INVALID_ARTICLE: (field: string, value: unknown, expected: string) =>
    `news-tagger: article field "${field}" must be ${expected}, got ${describe(value)}`,
  INPUT_TOO_LARGE: (field: string, length: number, max: number) =>
    `news-tagger: article field "${field}" has ${length} characters, more than maxFieldLength (${max})`,
  UNKNOWN_TAXONOMY: (name: unknown, known: string) =>
    `news-tagger: unknown region taxonomy ${describe(name)}; known presets: ${known}`,
  INVALID_TAXONOMY: (reason: string) => `news-tagger: invalid region taxonomy: ${reason}`,
  INVALID_VOCABULARY: (reason: string) => `news-tagger: invalid controlled vocabulary: ${reason}`,
  DUPLICATE_ID: (id: string) => `news-tagger: an article with id "${id}" is already in the index`,
  UNKNOWN_ID: (id: string) => `news-tagger: no article with id "${id}" in the index`,
  INDEX_FORMAT: (reason: string) => `news-tagger: not a news-tagger index file: ${reason}`,
  INDEX_VERSION: (found: unknown, expected: unknown) =>
    `news-tagger: index file format version ${describe(found)} is not supported (expected ${describe(expected)})`,
  INDEX_CORRUPT: (reason: string) => `news-tagger: index file is corrupt: ${reason}`,
  INDEX_OPTIONS_MISMATCH: (reason: string) =>
    `news-tagger: index was built with different options: ${reason}`,
  MODEL_FORMAT: (reason: string) => `news-tagger: not a news-tagger model file: ${reason}`,
  MODEL_VERSION: (found: unknown, expected: unknown) =>
    `news-tagger: model format version ${describe(found)} is not supported (expected ${describe(expected)})`,
  MODEL_CORRUPT: (reason: string) => `news-tagger: model file is corrupt: ${reason}`,
  SITE_MODEL_FORMAT: (reason: string) => `news-tagger: not a news-tagger site model file: ${reason}`,
  SITE_MODEL_VERSION: (found: unknown, expected: unknown) =>
    `news-tagger: site model format version ${describe(found)} is not supported (expected ${describe(expected)}); train the model again with this version`,
  SITE_MODEL_CORRUPT: (reason: string) => `news-tagger: site model file is corrupt: ${reason}`,
  SITE_TRAINING: (reason: string) => `news-tagger: cannot train a site model: ${reason}`,
  BATCH_INPUT: (reason: string) => `news-tagger: cannot read batch input: ${reason}`,
  BATCH_OUTPUT: (reason: string) => `news-tagger: cannot write batch output: ${reason}`,
  BATCH_RESUME: (reason: string) => `news-tagger: cannot resume: ${reason}`,
  BATCH_ARGS: (reason: string) => `news-tagger: cannot start the batch job: ${reason}`,
  BATCH_WORKER: (reason: string) => `news-tagger: a batch worker thread failed: ${reason}`,
  DATA_MISSING: (what: string) => `news-tagger: required data is missing: ${what}`,
  INDEX_PARTS: (reason: string) => `news-tagger: cannot merge index parts: ${reason}`,
  QUEUE_UNAVAILABLE: (what: string) =>
    `news-tagger: the queue needs the optional packages bullmq and ioredis (npm install bullmq ioredis): ${what}`,
  QUEUE_CONNECTION: (url: string, reason: string) => `news-tagger: cannot reach Redis at ${url}: ${reason}`,
  QUEUE_JOB: (job: string, reason: string) => `news-tagger: queue job "${job}": ${reason}`,
} as const;

export type ErrorCode = keyof typeof CATALOG;

/**
 * A mark on every NewsTaggerError, in the global symbol registry: an error from another copy of this
 * class (the CommonJS build beside the ESM one, or a second installed version) is still recognized
 * by `instanceof NewsTaggerError` and `isNewsTaggerError()`.
 */
const BRAND = Symbol.for('news-tagger.NewsTaggerError');

/** The one error class of the library. `code` is stable; `message` is for people. */
export class NewsTaggerError extends Error {
  /** True for every NewsTaggerError, whichever copy of the library made it (see BRAND). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly code: ErrorCode;
  readonly details: readonly unknown[];

  constructor(code: ErrorCode, message: string, details: readonly unknown[]) {
    super(message);
    this.name = 'NewsTaggerError';
    this.code = code;
    this.details = details;
  }
}
Object.defineProperty(NewsTaggerError.prototype, BRAND, { value: true });

/** Builds a `NewsTaggerError` from the catalog: `createError('UNKNOWN_ID', id)`. */
export function createError<C extends ErrorCode>(
  code: C,
  ...args: Parameters<(typeof CATALOG)[C]>
): NewsTaggerError {
  const format = CATALOG[code] as (...a: unknown[]) => string;
  return new NewsTaggerError(code, format(...args), args);
}

/** True when `error` is a `NewsTaggerError`, optionally with the given code. */
export function isNewsTaggerError(error: unknown, code?: ErrorCode): error is NewsTaggerError {
  return error instanceof NewsTaggerError && (code === undefined || error.code === code);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return 'an object';
}
