/**
 * Folding shared by every language: the match key of a lower-cased word with dots dropped from
 * abbreviations ("u.s." -> "us") and combining marks removed ("zürich" -> "zurich"; in Arabic script
 * this also drops the short vowels and the hamza written over or under a carrier: "أ" -> "ا").
 */
const MARKS_RE = /\p{M}+/gu;

/** The match key of a (part of a) lower-cased token: dots dropped from abbreviations, marks folded. */
export function foldKey(norm: string): string {
  let ascii = true;
  let dot = false;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (c >= 128) ascii = false;
    else if (c === 46) dot = true;
  }
  let key = norm;
  if (dot && key.length > 1) key = key.replace(/\./g, '');
  if (!ascii) key = key.normalize('NFD').replace(MARKS_RE, '').normalize('NFC');
  return key;
}
