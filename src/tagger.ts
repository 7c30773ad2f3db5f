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
import { buildStopwords } from './text/stopwords.js';
import type { TextAnalysis } from './types.js';

export interface Tagger {
  readonly options: Readonly<ResolvedOptions>;
  /** The stopword set of this tagger (defaults, or as the `stopwords` option made it). */
  readonly stopwords: ReadonlySet<string>;
  /** The text stage alone: normalized fields, tokens, sentences, word count, reading time. */
  analyzeText(article: unknown): TextAnalysis;
}

export function createTagger(options: TaggerOptions = {}): Tagger {
  const resolved = Object.freeze(resolveOptions(options));
  const stopwords = buildStopwords(resolved.stopwords);
  return {
    options: resolved,
    stopwords,
    analyzeText(input) {
      const article = checkArticle(input, resolved.maxFieldLength);
      return analyzeText(article, resolved.format, resolved.wordsPerMinute);
    },
  };
}
