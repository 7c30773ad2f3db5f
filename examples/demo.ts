/**
 * The news-tagger demo: `npm run demo [-- FILE|-] [--json]`.
 * Reads an article (plain text or HTML) from a file or stdin, or the bundled sample article when
 * none is given, and prints what the library finds. It uses only the public API.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCorpusIndex, createTagger, isNewsTaggerError, type Article, type ArticleTags } from '../src/node.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const USAGE = `usage: npm run demo -- [FILE | -] [--lang en|ar|es] [--format auto|text|html|page] [--json]

  FILE       an article as plain text or HTML (first line = title), or a .json file with
             {"id","title","body",...}; "-" reads stdin. Default: the bundled sample article.
  --lang L   the Arabic (ar) or Spanish (es) sample corpus and section labels in that language
  --format page  FILE is a whole web page (HTML, or a page copied as text): the article is
             extracted first (menus, tickers, "Most Read" lists, captions, footers left out)
  --json     print one JSON object instead of the human-readable report`;

type Lang = 'en' | 'ar' | 'es';
const FORMATS = ['auto', 'text', 'html', 'page'] as const;
type Format = (typeof FORMATS)[number];

/** The bundled sample corpus: fictional articles written for this project. */
function sampleCorpus(lang: Lang = 'en'): Article[] {
  const file = lang === 'en' ? 'sample-articles.jsonl' : `sample-articles-${lang}.jsonl`;
  return readFileSync(join(HERE, 'corpus', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Article);
}

function readInput(arg: string | undefined, lang: Lang, format: Format): Article {
  if (arg === undefined) return sampleCorpus(lang)[0] as Article;
  const raw = arg === '-' ? readFileSync(0, 'utf8') : readFileSync(arg, 'utf8');
  if (arg.endsWith('.json')) return JSON.parse(raw) as Article;
  if (format === 'page') return { id: arg, title: '', body: raw };
  const trimmed = raw.replace(/^\uFEFF/, '').trim();
  const newline = trimmed.indexOf('\n');
  const isHtml = /^<(?:!doctype|html|body|article|div|p)\b/i.test(trimmed);
  if (isHtml || newline === -1) return { id: arg, title: '', body: trimmed };
  return { id: arg, title: trimmed.slice(0, newline).trim(), body: trimmed.slice(newline + 1) };
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const valueOf = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : (argv[at + 1] ?? '');
  };
  const lang = (valueOf('--lang') ?? 'en') as Lang;
  const format = (valueOf('--format') ?? 'auto') as Format;
  if (lang !== 'en' && lang !== 'ar' && lang !== 'es') {
    process.stderr.write(`demo: --lang must be one of en, ar, es\n${USAGE}\n`);
    return 2;
  }
  if (!FORMATS.includes(format)) {
    process.stderr.write(`demo: --format must be one of ${FORMATS.join(', ')}\n${USAGE}\n`);
    return 2;
  }
  const valueAt = new Set(['--lang', '--format'].map((f) => argv.indexOf(f)).filter((i) => i >= 0).flatMap((i) => [i, i + 1]));
  const rest = argv.filter((a, i) => a !== '--json' && !valueAt.has(i));
  if (rest.includes('--help') || rest.includes('-h') || rest.length > 1 || rest.some((a) => a.startsWith('--'))) {
    process.stderr.write(`${USAGE}\n`);
    return rest.includes('--help') || rest.includes('-h') ? 0 : 2;
  }
  let article: Article;
  try {
    article = readInput(rest[0], lang, format);
  } catch (error) {
    process.stderr.write(`demo: cannot read ${rest[0] ?? 'the sample article'}: ${(error as Error).message}\n`);
    return 1;
  }
  const tagger = createTagger({ labels: lang, format });
  let result: ArticleTags;
  try {
    result = tagger.tag(article);
  } catch (error) {
    if (!isNewsTaggerError(error)) throw error;
    process.stderr.write(`demo: ${error.message} [${error.code}]\n`);
    return 1;
  }
  // Related News and Read Next come from an index of the sample corpus, with this article in it
  const index = createCorpusIndex();
  index.addAll(sampleCorpus(lang).filter((a) => a.id !== article.id));
  const id = article.id === '' ? 'your-article' : article.id;
  index.add({ ...article, id });
  const related = index.related(id, { k: 4, minScore: 0.15 });
  const readNext = index.readNext(id, { k: 3, shown: related.map((r) => r.id) });
  // with a page, the title shown is the one extracted from it
  const title = article.title || (tagger.analyzeText(article).fields.find((f) => f.field === 'title')?.text ?? '');
  const report = { ...result, title, related, readNext };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [`${title || '(untitled)'}`, `  ${result.readingTime.minutes} Min Read (${result.readingTime.words} words)`, '', 'Tags'];
  if (result.tags.length === 0) lines.push('  (none found)');
  for (const t of result.tags) {
    const aka = t.aliases !== undefined && t.aliases.length > 0 ? ` (also ${t.aliases.slice(0, 3).join(', ')})` : '';
    lines.push(`  ${t.score.toFixed(2)}  ${t.label}${aka}  [${t.type}, ${t.id}]`);
    lines.push(`        ${t.evidence.reasons.join('; ')}`);
  }
  lines.push('', 'Regions (newsroom sections)');
  if (result.regions.length === 0) lines.push('  (none)');
  for (const r of result.regions) lines.push(`  ${r.score.toFixed(2)}  ${r.label ?? r.region}  <- ${[...r.countries, ...(r.areas ?? [])].map((c) => c.label).join(', ')}`);
  lines.push('', 'Related News (from the sample corpus)');
  if (related.length === 0) lines.push('  (nothing related enough)');
  for (const r of related) lines.push(`  ${r.score.toFixed(2)}  ${r.title}  (${r.date?.slice(0, 10) ?? 'undated'}; shares ${r.why.terms.slice(0, 4).join(', ')})`);
  lines.push('', 'Read Next');
  if (readNext.length === 0) lines.push('  (none)');
  for (const r of readNext) lines.push(`  ${r.score.toFixed(2)}  ${r.title}  (${r.section ?? 'no section'}, ${r.date?.slice(0, 10) ?? 'undated'})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
