import type { ExtractedPage } from './extract.js';

export function extractTextDump(text: string): ExtractedPage {
  const body = { text, map: (o: number) => o };
  const empty = { text: '', map: () => 0 };
  return { article: { title: '', lede: '', body: text, tags: [] }, fields: { title: empty, lede: empty, body } };
}
