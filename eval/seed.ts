/**
 * The seed page (../shared/examples/seed-article.txt): a real article page as a reader sees it, with
 * navigation, ticker, captions, related headlines and footer around the article. `loadSeedArticle`
 * extracts the article at run time (the page is copyrighted and never copied into the repository):
 * the title is the line before the byline bullets, and the body is every prose paragraph between the
 * "N Min Read" line and "Most Read" (bullets, captions and headline-like lines without final
 * punctuation are left out). The editors' tags are the bullet list just before "Most Read".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/types.js';

export interface SeedPage {
  article: Article;
  editorTags: string[];
}

export function seedPath(sharedDir: string): string {
  return join(sharedDir, 'examples', 'seed-article.txt');
}

/** Reads and extracts the seed article; undefined when the file is missing. */
export function loadSeedArticle(sharedDir: string): SeedPage | undefined {
  const path = seedPath(sharedDir);
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n');
  const byline = lines.findIndex((l) => /^\s*•\s*By\s/u.test(l));
  const readLine = lines.findIndex((l) => /^\d+\s+Min Read\s*$/u.test(l.trim()));
  const mostRead = lines.findIndex((l, i) => i > readLine && l.trim() === 'Most Read');
  if (byline < 1 || readLine < 0 || mostRead < 0) return undefined;
  let t = byline - 1;
  while (t > 0 && (lines[t] as string).trim() === '') t--;
  const title = (lines[t] as string).trim();
  const paragraphs: string[] = [];
  for (let i = readLine + 1; i < mostRead; i++) {
    const line = lines[i] as string;
    if (/^\s/u.test(line) || line.trim() === '') continue;
    const text = line.trim();
    if (!/[.!?"”'’)]$/u.test(text)) continue;
    paragraphs.push(text);
  }
  const editorTags: string[] = [];
  for (let i = mostRead - 1; i > readLine; i--) {
    const line = (lines[i] as string).trim();
    if (line === '') {
      if (editorTags.length > 0) break;
      continue;
    }
    const m = /^•\s*(.+)$/u.exec(line);
    if (m === null) break;
    editorTags.unshift((m[1] as string).trim());
  }
  return { article: { id: 'seed-article', title, body: paragraphs.join('\n\n') }, editorTags };
}
