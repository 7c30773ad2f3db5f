/** Character classes as code-unit tests, for scans that must stay linear where a regex would backtrack. */

/**
 * The characters of `\s`. A loop over them trims a string in linear time, where `/\s+$/` retries its
 * trailing test from every space of a long inner run of spaces (quadratic in the run).
 */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The length of `text` without its trailing characters for which `drop` holds. O(what is dropped). */
export function trimmedLength(text: string, drop: (c: number) => boolean): number {
  let end = text.length;
  while (end > 0 && drop(text.charCodeAt(end - 1))) end--;
  return end;
}
