/**
 * Reading an article from untrusted input (a CMS payload, a JSON line, a CSV row): null or missing
 * text fields become empty strings; wrong types and oversize fields throw coded errors.
 */
import { createError } from './errors.js';
import type { Article, Field } from './types.js';

/** An article whose text fields are all strings. */
export interface CheckedArticle extends Article {
  lede: string;
}

function text(input: Record<string, unknown>, field: string, maxLength: number): string {
  const value = input[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw createError('INVALID_ARTICLE', field, value, 'a string or null');
  if (value.length > maxLength) throw createError('INPUT_TOO_LARGE', field, value.length, maxLength);
  return value;
}

function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw createError('INVALID_ARTICLE', field, value, 'a string or null');
  return value;
}

/** Checks and copies an article; never mutates `input`. */
export function checkArticle(input: unknown, maxFieldLength: number): CheckedArticle {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw createError('INVALID_ARTICLE', 'article', input, 'an object');
  }
  const record = input as Record<string, unknown>;
  const rawId = record.id;
  let id: string;
  if (rawId === undefined || rawId === null) id = '';
  else if (typeof rawId === 'string') id = rawId;
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  else throw createError('INVALID_ARTICLE', 'id', rawId, 'a string or a number');

  const article: CheckedArticle = {
    id,
    title: text(record, 'title', maxFieldLength),
    lede: text(record, 'lede', maxFieldLength),
    body: text(record, 'body', maxFieldLength),
  };
  for (const key of ['date', 'section', 'category', 'url', 'lang'] as const) {
    const value = optionalString(record, key);
    if (value !== undefined) article[key] = value;
  }
  if (article.section === undefined && article.category !== undefined) article.section = article.category;
  const tags = record.tags;
  if (tags !== undefined && tags !== null) {
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
      throw createError('INVALID_ARTICLE', 'tags', tags, 'an array of strings');
    }
    article.tags = [...(tags as string[])];
  }
  return article;
}

/** The text of one field of a checked article. */
export function fieldText(article: CheckedArticle, field: Field): string {
  return article[field];
}
