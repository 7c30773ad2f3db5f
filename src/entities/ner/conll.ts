/**
 * Reader for CoNLL-2003 style files: one token per line, the word first and the NER tag last,
 * blank lines between sentences, `-DOCSTART-` lines between documents (at the start or the end of
 * each document: both work, a DOCSTART line only separates).
 */
import type { NerSentence } from './train.js';

export function parseConll(text: string): NerSentence[] {
  const sentences: NerSentence[] = [];
  let doc = 0;
  let words: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (words.length > 0) sentences.push({ words, tags, doc });
    words = [];
    tags = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      doc++;
      continue;
    }
    words.push(cols[0]!);
    tags.push(cols.length > 1 ? cols[cols.length - 1]! : 'O');
  }
  flush();
  return sentences;
}

/**
 * The held-out part used for model selection: every `every`-th document of a training file (the
 * documents whose index modulo `every` is `every - 1`), and the rest. Documents stay whole.
 */
export function splitHeldOut<S extends { doc?: number | string }>(
  sentences: readonly S[],
  every = 10,
): { train: S[]; heldOut: S[] } {
  const train: S[] = [];
  const heldOut: S[] = [];
  let index = -1;
  let last: unknown = Symbol('none');
  for (const s of sentences) {
    if (index < 0 || s.doc !== last) index++;
    last = s.doc;
    (index % every === every - 1 ? heldOut : train).push(s);
  }
  return { train, heldOut };
}
