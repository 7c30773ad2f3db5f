/**
 * The news-tagger demo: `npm run demo [-- FILE|-] [--json]`.
 * Reads an article (plain text or HTML) from a file or stdin, or the bundled sample article when
 * none is given, and prints what the library finds. It uses only the public API.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, type Article } from '../src/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const USAGE = `usage: npm run demo -- [FILE | -] [--json]

  FILE    an article as plain text or HTML (first line = title), or a .json file with
          {"id","title","body",...}; "-" reads stdin. Default: the bundled sample article.
  --json  print one JSON object instead of the human-readable report`;

function readInput(arg: string | undefined): Article {
  if (arg === undefined) {
    const line = readFileSync(join(HERE, 'corpus', 'sample-articles.jsonl'), 'utf8').split('\n')[0] as string;
    return JSON.parse(line) as Article;
  }
  const raw = arg === '-' ? readFileSync(0, 'utf8') : readFileSync(arg, 'utf8');
  if (arg.endsWith('.json')) return JSON.parse(raw) as Article;
  const trimmed = raw.replace(/^\uFEFF/, '').trim();
  const newline = trimmed.indexOf('\n');
  const isHtml = /^<(?:!doctype|html|body|article|div|p)\b/i.test(trimmed);
  if (isHtml || newline === -1) return { id: arg, title: '', body: trimmed };
  return { id: arg, title: trimmed.slice(0, newline).trim(), body: trimmed.slice(newline + 1) };
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  if (rest.includes('--help') || rest.includes('-h') || rest.length > 1 || rest.some((a) => a.startsWith('--'))) {
    process.stderr.write(`${USAGE}\n`);
    return rest.includes('--help') || rest.includes('-h') ? 0 : 2;
  }
  let article: Article;
  try {
    article = readInput(rest[0]);
  } catch (error) {
    process.stderr.write(`demo: cannot read ${rest[0] ?? 'the sample article'}: ${(error as Error).message}\n`);
    return 1;
  }
  const tagger = createTagger();
  const text = tagger.analyzeText(article);
  const report = {
    id: article.id,
    title: article.title,
    readingTime: text.readingTime,
    sentences: text.sentences.length,
    tokens: text.tokens.length,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${article.title || '(untitled)'}`,
    `  ${text.readingTime.minutes} Min Read  (${text.readingTime.words} words, ${text.sentences.length} sentences, ${text.tokens.length} tokens)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
