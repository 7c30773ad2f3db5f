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
