/**
 * Checks shared by the option resolvers of related() and readNext(): lists of ids, and the option
 * names readNext() knows. Each bad value throws INVALID_OPTION naming the option and the value.
 */
import { createError } from '../errors.js';

/** The ids of an `exclude` or `shown` option: an iterable (not a string) of strings or numbers. O(ids). */
export function idSet(name: string, value: unknown, into: Set<string> = new Set()): Set<string> {
  if (value === undefined) return into;
  if (value === null || typeof value !== 'object' || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw createError('INVALID_OPTION', name, value, 'an iterable of ids (an array or a Set of strings)');
  }
  for (const id of value as Iterable<unknown>) {
    if (typeof id === 'string') into.add(id);
    else if (typeof id === 'number' && Number.isFinite(id)) into.add(String(id));
    else throw createError('INVALID_OPTION', `${name}[]`, id, 'an id (a string)');
  }
  return into;
}

const READ_NEXT_OPTIONS = new Set([
  'k', 'shown', 'relatedK', 'exclude', 'targetSimilarity', 'halfLifeDays', 'otherSectionFactor', 'diversity', 'candidates', 'now', 'lang', 'since', 'until', 'maxAgeDays',
]);

/** Throws INVALID_OPTION for an option readNext() does not know, or counts that are not integers. */
export function checkReadNextOptions(options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw createError('INVALID_OPTION', 'options', options, 'an object');
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!READ_NEXT_OPTIONS.has(key)) throw createError('INVALID_OPTION', key, o[key], `a known option (${[...READ_NEXT_OPTIONS].join(', ')})`);
  }
  for (const [key, min, max] of [['k', 0, 10_000], ['relatedK', 0, 10_000], ['candidates', 1, 1e6]] as const) {
    const v = o[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) {
      throw createError('INVALID_OPTION', key, v, `an integer in [${min}, ${max}]`);
    }
  }
  idSet('shown', o.shown);
  idSet('exclude', o.exclude);
}
