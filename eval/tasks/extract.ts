/**
 * `npm run eval -- extract [--tune] [--pages] [--limit N]`: the article body that `extractArticle` finds in the
 * 88 development pages of the article-extraction benchmark, scored with the benchmark's measure
 * (4-token shingles, per-page precision and recall averaged, F1 of the averages), for the tuning half
 * (keys 0-3), the held-out half (keys 4-7) and all pages, beside the current HTML stage
 * (`htmlToText`) and Readability.js + linkedom in the same run. "Tag agreement" compares the tags of
 * the extracted body with the tags of the true body (same tagger, set F1 per page). The seed page
 * (a page copied as text) goes through the plain-text line classifier; only counts and tags are shown.
 * `--tune` reads the tuning half only and prints no held-out or whole-set figure: the command to work
 * with, so that each look at the held-out half is a deliberate one (the README keeps their log).
 */
import { readFileSync } from 'node:fs';
import { createTagger, extractArticle, htmlToText, type Tagger } from '../../src/node.js';
import { loadBenchmarkPages, loadReadability, type BenchmarkPage } from '../extract-pages.js';
import { averagedPrf, mean, shingleCounts, type Counts } from '../metrics.js';
import { loadSeedArticle, seedPath } from '../seed.js';
import type { EvalTask } from '../types.js';

type System = { name: string; run: (page: BenchmarkPage) => string };

/** The tags of a body under a title (the extracted one, the same for every system and the truth). */
function tagIds(tagger: Tagger, title: string, body: string): string[] {
  if (body.trim().length === 0) return [];
  return tagger.tag({ id: '', title, body }, { limit: 4 }).tags.map((t) => t.id);
}

/** Set F1 of two tag lists; 1 when both are empty. */
export function tagAgreement(predicted: readonly string[], gold: readonly string[]): number {
  if (predicted.length === 0 && gold.length === 0) return 1;
  const g = new Set(gold);
  const tp = predicted.filter((t) => g.has(t)).length;
  return predicted.length + gold.length === 0 ? 1 : (2 * tp) / (predicted.length + g.size);
}

function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number);
}

export const extractTask: EvalTask = {
  name: 'extract',
  description: 'article body from whole pages (article-extraction benchmark, 88 pages): shingle F1 per split, tag agreement, seed page',
  async run(ctx) {
    const tuneOnly = ctx.flags.has('tune');
    const pages = loadBenchmarkPages(ctx.sharedDir, ctx.limit).filter((p) => !tuneOnly || p.split === 'tune');
    ctx.log(`extract: ${pages.length} pages (tuning half: keys 0-3, held out: keys 4-7${tuneOnly ? ', not read' : ''})`);
    const tagger = createTagger();
    const readability = await loadReadability();
    if (readability === undefined) ctx.log('  Readability.js + linkedom not installed: peer column skipped');
    const systems: System[] = [
      { name: 'news-tagger extractArticle', run: (p) => extractArticle(p.html).body },
      { name: 'htmlToText (current HTML stage)', run: (p) => htmlToText(p.html).text },
    ];
    if (readability !== undefined) systems.push({ name: 'Readability.js + linkedom', run: (p) => readability(p.html, p.url) });
    const titles = pages.map((p) => extractArticle(p.html).title);
    const goldTags = pages.map((p, i) => tagIds(tagger, titles[i] as string, p.truth));
    const report: Record<string, unknown>[] = [];
    const perPage: Record<string, unknown>[] = pages.map((p) => ({ key: p.key.slice(0, 8), split: p.split }));
    for (const system of systems) {
      const counts: Counts[] = [];
      const agreement: number[] = [];
      const ms: number[] = [];
      pages.forEach((p, i) => {
        const t0 = performance.now();
        const text = system.run(p);
        ms.push(performance.now() - t0);
        const c = shingleCounts(p.truth, text);
        counts.push(c);
        agreement.push(tagAgreement(tagIds(tagger, titles[i] as string, text), goldTags[i] as string[]));
        const row = perPage[i] as Record<string, unknown>;
        row[system.name] = `${(c.tp / Math.max(1, c.tp + c.fp)).toFixed(2)}/${(c.tp / Math.max(1, c.tp + c.fn)).toFixed(2)}`;
      });
      const part = (split?: string) => {
        const idx = pages.map((p, i) => (split === undefined || p.split === split ? i : -1)).filter((i) => i >= 0);
        return {
          pages: idx.length,
          ...averagedPrf(idx.map((i) => counts[i] as Counts)),
          tagAgreement: mean(idx.map((i) => agreement[i] as number)),
        };
      };
      const figures = tuneOnly ? { tune: part('tune') } : { tune: part('tune'), heldOut: part('held-out'), all: part() };
      report.push({ system: system.name, ...figures, msMedian: percentile(ms, 0.5), msP95: percentile(ms, 0.95) });
    }
    return { task: 'extract', pages: pages.length, tuneOnly, systems: report, seed: seedReport(ctx.sharedDir), ...(ctx.flags.has('pages') ? { perPage } : {}) };
  },
  format(r) {
    const lines = [`extract: ${r.pages} pages of the article-extraction benchmark (tune = keys 0-3, held out = keys 4-7${r.tuneOnly === true ? ': tuning half only' : ''})`];
    lines.push('  system                            | tune P / R / F1      | held-out P / R / F1  | all P / R / F1       | tag agreement t/h/all | ms median (p95)');
    const f = (x: number) => x.toFixed(3);
    for (const s of r.systems as Record<string, unknown>[]) {
      const cell = (k: string) => {
        const v = s[k] as Record<string, number> | undefined;
        if (v === undefined) return '(not read)'.padStart(21);
        return `${f(v.precision as number)} / ${f(v.recall as number)} / ${f(v.f1 as number)}`;
      };
      const ta = ['tune', 'heldOut', 'all'].map((k) => (s[k] === undefined ? '  -  ' : f((s[k] as Record<string, number>).tagAgreement as number))).join(' / ');
      lines.push(`  ${String(s.system).padEnd(34)}| ${cell('tune')} | ${cell('heldOut')} | ${cell('all')} | ${ta} | ${(s.msMedian as number).toFixed(1)} (${(s.msP95 as number).toFixed(1)})`);
    }
    const seed = r.seed as Record<string, unknown> | undefined;
    if (seed !== undefined) {
      lines.push(
        `  seed page (text dump, format 'page'): ${seed.linesKept} of ${seed.lines} non-blank lines kept (${seed.wordsKept} of ${seed.words} words);` +
          ` against the hand extraction of eval/seed.ts: P ${f(seed.precision as number)} R ${f(seed.recall as number)}; title ${seed.titleMatches ? 'matches' : 'differs'}`,
      );
      lines.push(`    top three tags: ${(seed.tags as string[]).join(', ')} (editors: ${(seed.editorTags as string[]).join(', ')}); page tag list found: ${seed.pageTags}`);
    }
    if (r.perPage !== undefined) {
      // per-page figures of the tuning half only: the held-out pages are looked at in aggregate
      lines.push('  tuning pages, precision/recall per system:');
      for (const row of r.perPage as Record<string, string>[]) if (row.split === 'tune') lines.push(`  ${Object.values(row).join('  ')}`);
    }
    return lines.join('\n');
  },
};

function seedReport(sharedDir: string): Record<string, unknown> | undefined {
  const hand = loadSeedArticle(sharedDir);
  if (hand === undefined) return undefined;
  const page = readFileSync(seedPath(sharedDir), 'utf8');
  const extracted = extractArticle(page, { format: 'text' });
  const nonBlank = (s: string) => s.split('\n').filter((l) => l.trim().length > 0);
  const c = shingleCounts(hand.article.body, extracted.body);
  const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const tags = createTagger({ format: 'page' }).tag({ id: 'seed', title: '', body: page }, { limit: 3 }).tags.map((t) => t.label);
  return {
    lines: nonBlank(page).length,
    linesKept: nonBlank(extracted.body).length,
    words: words(page),
    wordsKept: words(extracted.body),
    precision: c.tp / Math.max(1, c.tp + c.fp),
    recall: c.tp / Math.max(1, c.tp + c.fn),
    titleMatches: extracted.title === hand.article.title,
    tags,
    editorTags: hand.editorTags,
    pageTags: extracted.tags.length,
  };
}
