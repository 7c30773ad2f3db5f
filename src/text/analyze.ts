import type { CheckedArticle } from '../article.js';
import { FIELDS, type AnalyzedField, type Sentence, type TextAnalysis, type Token } from '../types.js';
import type { LanguageCode } from './lang/types.js';
import { normalizeText, type TextFormat } from './normalize.js';
import { readingTime } from './reading-time.js';
import { identityMap, type OffsetMap } from './offsets.js';
import { tokenizeInto, type FoldedSpans } from './tokenize.js';

/**
 * Spans written for one source character: the whole span and its interior map back to the same
 * source span (a replaced piece maps its interior to its end), and that span is not empty.
 */
function foldedSpans(map: OffsetMap): FoldedSpans | undefined {
  if (map === identityMap) return undefined;
  return { isOneCharacter: (start, end) => map(start + 1) === map(end) && map(start) < map(end) };
}

/**
 * The text stage: normalizes each field (the title is always plain text), tokenizes it, splits
 * sentences and counts words. Cost: O(total text length).
 */
export function analyzeText(article: CheckedArticle, format: TextFormat, wordsPerMinute: number, lang: LanguageCode = 'en'): TextAnalysis {
  const fields: AnalyzedField[] = [];
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let wordCount = 0;
  for (const field of FIELDS) {
    const source = article[field];
    if (source.length === 0) continue;
    const normalized = normalizeText(source, field === 'title' ? 'text' : format);
    if (normalized.text.trim().length === 0) continue;
    fields.push({ field, text: normalized.text, html: normalized.html, toSource: normalized.map });
    const before = tokens.length;
    tokenizeInto(normalized.text, field, tokens, sentences, foldedSpans(normalized.map));
    if (field !== 'title') {
      for (let i = before; i < tokens.length; i++) {
        const kind = (tokens[i] as Token).kind;
        if (kind === 'word' || kind === 'number') wordCount++;
      }
    }
  }
  return { fields, tokens, sentences, wordCount, readingTime: readingTime(wordCount, wordsPerMinute), lang };
}
