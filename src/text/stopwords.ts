/**
 * English stopwords for indexing news (TF-IDF terms for Related News / Read Next).
 *
 * Source and criteria: written for this project from the closed word classes of English grammar
 * (articles and determiners, pronouns, prepositions, conjunctions, auxiliary and modal verbs, negation,
 * a few degree and time adverbs) plus the reporting boilerplate of news copy ("said", "says", "told",
 * "added", "according", "also", "would", "could"): words that occur in most articles and say nothing about
 * what an article is about. IDF would down-weight them anyway; dropping them keeps vectors short and
 * stops two articles from looking related because both quote someone.
 *
 * Left out on purpose, because a lower-cased token may be a name or an acronym that matters in news:
 * "us" (US), "who" (WHO), "may" (May), "will" (Will), "mine" (a mine), "new" (New York), "un" (UN),
 * "no" (No. 10), numbers and single letters. Content words ("government", "year", "people") are not stopwords either:
 * they are topical in some articles and IDF handles the rest.
 * 197 words. Contractions are listed with a straight apostrophe ("don't"), as the normalizer writes them.
 */
import { createError } from '../errors.js';

export const DEFAULT_STOPWORDS: readonly string[] = [
  // articles, determiners, quantifiers
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'each', 'every', 'either', 'neither',
  'all', 'both', 'few', 'many', 'much', 'more', 'most', 'several', 'such', 'other', 'another', 'same',
  'own', 'only', 'very', 'less', 'one',
  // pronouns ("us" left out: US)
  'i', 'me', 'my', 'myself', 'we', 'our', 'ours', 'ourselves', 'you', 'your', 'yours', 'yourself', 'he',
  'him', 'his', 'himself', 'she', 'her', 'herself', 'it', 'its', 'itself', 'they', 'them', 'their',
  'theirs', 'themselves', 'what', 'which', 'whom', 'whose',
  // prepositions
  'about', 'above', 'across', 'after', 'against', 'along', 'amid', 'among', 'around', 'as', 'at', 'before',
  'behind', 'below', 'between', 'beyond', 'by', 'despite', 'down', 'during', 'except', 'for', 'from', 'in',
  'inside', 'into', 'near', 'of', 'off', 'on', 'out', 'outside', 'over', 'per', 'since', 'than', 'through',
  'throughout', 'to', 'toward', 'towards', 'under', 'until', 'up', 'upon', 'via', 'with', 'within',
  'without',
  // conjunctions, relative and interrogative adverbs ("who" left out: WHO)
  'and', 'or', 'but', 'nor', 'so', 'yet', 'if', 'because', 'although', 'though', 'while', 'whereas',
  'unless', 'whether', 'then', 'once', 'when', 'where', 'why', 'how', 'there', 'here',
  // auxiliary and modal verbs ("may", "will" left out: May, Will)
  'be', 'is', 'am', 'are', 'was', 'were', 'been', 'being', 'have', 'has', 'had', 'having', 'do', 'does',
  'did', 'doing', 'can', 'could', 'shall', 'should', 'would', 'might', 'must', 'cannot',
  // negation and common adverbs
  'not', 'never', 'also', 'too', 'again', 'already', 'still', 'just', 'even', 'ever', 'however', 'now',
  'often', 'instead',
  // contractions (straight apostrophe)
  "it's", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "can't",
  "couldn't", "wouldn't", "shouldn't", "hasn't", "haven't", "hadn't", "i'm", "we're", "they're",
  // reporting boilerplate of news copy
  'said', 'says', 'say', 'saying', 'told', 'added', 'according', 'reportedly',
];

/**
 * How to choose the stopwords: an iterable replaces the defaults; a function receives the defaults and
 * returns the words to use (`(d) => [...d, 'reuters']` to add, `(d) => [...d].filter((w) => w !== 'it')`
 * to remove).
 */
export type StopwordsOption = Iterable<string> | ((defaults: ReadonlySet<string>) => Iterable<string>);

/**
 * Builds the stopword set: `DEFAULT_STOPWORDS` when `option` is undefined, otherwise as `StopwordsOption`
 * says. Words are trimmed, lower-cased and NFC-normalized; empty strings are dropped. Returns a new set on
 * every call (nothing is shared between callers). Throws INVALID_OPTION for anything but an iterable of
 * strings or a function returning one (a bare string is rejected: it would be read letter by letter).
 */
export function buildStopwords(option?: StopwordsOption): ReadonlySet<string> {
  if (option === undefined) return normalizeWords(DEFAULT_STOPWORDS);
  if (typeof option === 'function') {
    const words = option(normalizeWords(DEFAULT_STOPWORDS));
    if (!isIterable(words)) {
      throw createError('INVALID_OPTION', 'stopwords', words, 'a function returning an iterable of strings');
    }
    return normalizeWords(words);
  }
  if (!isIterable(option)) {
    throw createError('INVALID_OPTION', 'stopwords', option, 'an iterable of strings or a function');
  }
  return normalizeWords(option);
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function normalizeWords(words: Iterable<unknown>): Set<string> {
  const set = new Set<string>();
  for (const word of words) {
    if (typeof word !== 'string') {
      throw createError('INVALID_OPTION', 'stopwords', word, 'a string (each stopword)');
    }
    const normalized = word.trim().normalize('NFC').toLowerCase();
    if (normalized !== '') set.add(normalized);
  }
  return set;
}
