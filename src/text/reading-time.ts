import type { ReadingTime } from '../types.js';

/**
 * Reading time as article pages show it ("4 Min Read"): words / wordsPerMinute, rounded up;
 * 0 minutes for an empty article, at least 1 otherwise.
 */
export function readingTime(words: number, wordsPerMinute: number): ReadingTime {
  if (words <= 0) return { minutes: 0, words: 0 };
  return { minutes: Math.max(1, Math.ceil(words / wordsPerMinute)), words };
}
