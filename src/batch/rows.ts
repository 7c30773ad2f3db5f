/**
 * Row validation: maps a raw row's columns onto an `Article` and decides whether it can be tagged.
 * Runs on the main thread in input order, so duplicate ids are found deterministically (the first
 * occurrence wins; later ones are DUPLICATE_ID). The set of seen ids is the one structure that grows
 * with the archive (about 60 bytes per id: 60 MB for a million rows).
 */
import type { Article } from '../types.js';
import type { ColumnMap, RowErrorCode } from './types.js';

export interface ValidateOptions {
  columns: Required<ColumnMap>;
  maxFieldLength: number;
  allowEmptyBody: boolean;
}

export type Validated = { article: Article } | { id: string; code: RowErrorCode; reason: string };

export const DEFAULT_COLUMNS: Readonly<Required<ColumnMap>> = Object.freeze({
  id: 'id',
  title: 'title',
  body: 'body',
  lede: 'lede',
  date: 'date',
  section: 'section',
  url: 'url',
  lang: 'lang',
  tags: 'tags',
});

/** CSV list fields (input `tags`, output tags and regions) are joined with this separator. */
export const LIST_SEPARATOR = '|';

const TEXT_FIELDS = ['title', 'lede', 'body'] as const;
const META_FIELDS = ['date', 'section', 'url', 'lang'] as const;

function fail(id: string, code: RowErrorCode, reason: string): Validated {
  return { id, code, reason };
}

/** Creates a validator that also rejects ids it has already accepted (DUPLICATE_ID). */
export function createRowValidator(options: ValidateOptions): (fields: ReadonlyMap<string, unknown>) => Validated {
  const seen = new Set<string>();
  return (fields) => {
    const checked = checkRow(fields, options);
    if (!('article' in checked)) return checked;
    const id = checked.article.id;
    if (seen.has(id)) return fail(id, 'DUPLICATE_ID', duplicateReason(id));
    seen.add(id);
    return checked;
  };
}

export function duplicateReason(id: string): string {
  return `id "${id.slice(0, 100)}" already appeared earlier in the input`;
}

/** Checks one row on its own (every rule but duplicate ids, which need the rows before it). */
export function checkRow(fields: ReadonlyMap<string, unknown>, options: ValidateOptions): Validated {
  const { columns, maxFieldLength } = options;
  {
    const rawId = fields.get(columns.id);
    let id = '';
    if (typeof rawId === 'string') id = rawId.trim();
    else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
    else if (rawId !== undefined && rawId !== null) {
      return fail('', 'INVALID_FIELD', `column "${columns.id}" (id) must be a string or a number, got ${typeof rawId}`);
    }
    if (id.length === 0) return fail('', 'MISSING_ID', `column "${columns.id}" (id) is missing or empty`);
    if (id.length > 1000) return fail(id.slice(0, 100), 'OVERSIZE', `id has ${id.length} characters (at most 1000)`);

    const article: Article = { id, title: '', body: '' };
    for (const field of TEXT_FIELDS) {
      const value = fields.get(columns[field]);
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') {
        return fail(id, 'INVALID_FIELD', `column "${columns[field]}" (${field}) must be a string or null, got ${Array.isArray(value) ? 'an array' : typeof value}`);
      }
      if (value.length > maxFieldLength) {
        return fail(id, 'OVERSIZE', `column "${columns[field]}" (${field}) has ${value.length} characters, more than maxFieldLength (${maxFieldLength})`);
      }
      article[field] = value;
    }
    if (article.body.trim().length === 0 && (!options.allowEmptyBody || (article.title.trim().length === 0 && (article.lede ?? '').trim().length === 0))) {
      return fail(id, 'MISSING_TEXT', `column "${columns.body}" (body) is missing or empty`);
    }
    for (const field of META_FIELDS) {
      let value = fields.get(columns[field]);
      if (field === 'section' && (value === undefined || value === null || value === '')) value = fields.get('category');
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string') return fail(id, 'INVALID_FIELD', `column "${columns[field]}" (${field}) must be a string, got ${typeof value}`);
      article[field] = value;
    }
    const tags = fields.get(columns.tags);
    if (typeof tags === 'string') {
      if (tags.trim().length > 0) article.tags = tags.split(LIST_SEPARATOR).map((t) => t.trim()).filter((t) => t.length > 0);
    } else if (Array.isArray(tags)) {
      if (tags.some((t) => typeof t !== 'string')) return fail(id, 'INVALID_FIELD', `column "${columns.tags}" (tags) must be a list of strings`);
      article.tags = tags as string[];
    } else if (tags !== undefined && tags !== null) {
      return fail(id, 'INVALID_FIELD', `column "${columns.tags}" (tags) must be a list of strings, got ${typeof tags}`);
    }
    return { article };
  }
}
