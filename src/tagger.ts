/**
 * `createTagger(options)` compiles everything once (options, stopwords, gazetteers, models) and
 * returns an object whose methods run the stages in data-flow order:
 *
 *   Article --normalize/tokenize--> TextAnalysis --recognize--> Mention[] --resolve--> Entity[]
 *           --suggestTags / suggestRegions--> suggestions
 */
import { checkArticle } from './article.js';
import { resolveOptions, type ResolvedOptions, type TaggerOptions } from './options.js';
import { analyzeText } from './text/analyze.js';
import type { TextAnalysis } from './types.js';

export interface Tagger {
  readonly options: Readonly<ResolvedOptions>;
  /** The text stage alone: normalized fields, tokens, sentences, word count, reading time. */
  analyzeText(article: unknown): TextAnalysis;
}

export function createTagger(options: TaggerOptions = {}): Tagger {
  const resolved = Object.freeze(resolveOptions(options));
  return {
    options: resolved,
    analyzeText(input) {
      const article = checkArticle(input, resolved.maxFieldLength);
      return analyzeText(article, resolved.format, resolved.wordsPerMinute);
    },
  };
}
