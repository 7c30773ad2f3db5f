/**
 * `npm run eval -- readnext [--dataset reuters|neus|both] [--options JSON] [--limit N]`: what Read Next
 * shows after a page, beside two baselines in the same run. Every article in turn is the page (Reuters:
 * the stories with a topic; NeuS: every article); the pool is the whole file, indexed with defaults.
 * Lists of k = 5 after a Related News block of 5:
 *   - "Read Next": index.readNext(page, { k: 5, ...options });
 *   - "Related News minus shown": the next 5 of related(page) after the 5 shown;
 *   - "latest in section": the 5 newest articles of the page's section published at or before the
 *     page, minus the page and the shown ones (what a "Latest" rail beside the page showed). A Reuters
 *     story's section is its editors' first place code (the desk: "usa", "uk", "japan", ...; none
 *     when absent), used by Read Next's same-section preference and by this baseline; NeuS has neither
 *     dates nor sections, so this baseline is not computed there.
 * Measures over every list item:
 *   (a) same-story rate (NeuS): share of items from the page's own story cluster (should be near 0);
 *   (b) topical adjacency (Reuters): share of items that share an editor topic with the page;
 *   (c) intra-list similarity: mean pairwise TF-IDF cosine of the items of a list (lower = more varied);
 *   (d) freshness: median age of the items relative to the page in days (negative = newer), and the
 *       share of items newer than the page.
 * Every figure is printed for the development half, the held-out half and all pages (eval/split.ts);
 * the Read Next defaults were tuned on the development half only (`--half dev` queries only that half,
 * `--options JSON` passes Read Next options).
 */
import { createCorpusIndex, type CorpusIndex, type ReadNextOptions } from '../../src/node.js';
import { datasetPath, loadJsonl, type DatasetArticle } from '../datasets.js';
import { halfOf, type Half } from '../split.js';
import type { EvalContext, EvalTask } from '../types.js';

const K = 5;
const SHOWN = 5;
const DAY = 86_400_000;

type ByHalf = { dev: number; test: number; all: number };

/** Sums of one measure per half. */
class Tally {
  private readonly sum = { dev: 0, test: 0 };
  private readonly n = { dev: 0, test: 0 };
  private readonly values: { dev: number[]; test: number[] } = { dev: [], test: [] };
  add(half: Half, value: number): void {
    this.sum[half] += value;
    this.n[half]++;
    this.values[half].push(value);
  }
  mean(): ByHalf {
    const n = this.n.dev + this.n.test;
    return {
      dev: this.n.dev === 0 ? Number.NaN : this.sum.dev / this.n.dev,
      test: this.n.test === 0 ? Number.NaN : this.sum.test / this.n.test,
      all: n === 0 ? Number.NaN : (this.sum.dev + this.sum.test) / n,
    };
  }
  median(): ByHalf {
    const med = (a: number[]): number => {
      if (a.length === 0) return Number.NaN;
      const s = [...a].sort((x, y) => x - y);
      const m = s.length >> 1;
      return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
    };
    return { dev: med(this.values.dev), test: med(this.values.test), all: med([...this.values.dev, ...this.values.test]) };
  }
}

interface ListMeasures {
  sameStory: Tally;
  adjacency: Tally;
  listSimilarity: Tally;
  age: Tally;
  newer: Tally;
  length: Tally;
}

const measures = (): ListMeasures => ({ sameStory: new Tally(), adjacency: new Tally(), listSimilarity: new Tally(), age: new Tally(), newer: new Tally(), length: new Tally() });

const LISTS = ['Read Next', 'Related News minus shown', 'latest in section'] as const;
type ListName = (typeof LISTS)[number];

/** The newest articles of each section (and of all, under ''), by date ascending, for the baseline. */
function latestBySection(docs: readonly DatasetArticle[], section: Map<string, string>): Map<string, { id: string; t: number }[]> {
  const out = new Map<string, { id: string; t: number }[]>();
  for (const d of docs) {
    const t = d.date === undefined ? Number.NaN : Date.parse(d.date);
    if (Number.isNaN(t)) continue;
    const s = section.get(d.id) ?? '';
    out.set(s, [...(out.get(s) ?? []), { id: d.id, t }]);
  }
  for (const list of out.values()) list.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
  return out;
}

function latestIn(list: { id: string; t: number }[] | undefined, before: number, skip: Set<string>, k: number): string[] {
  if (list === undefined) return [];
  // last index with t <= before
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as { t: number }).t <= before) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo - 1; i >= 0 && out.length < k; i--) {
    const id = (list[i] as { id: string }).id;
    if (!skip.has(id)) out.push(id);
  }
  return out;
}

function run(ctx: EvalContext, name: 'reuters' | 'neus', path: string): Record<string, unknown> {
  const docs = loadJsonl(path);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const options = JSON.parse(ctx.flags.get('options') ?? '{}') as ReadNextOptions;
  const section = new Map<string, string>();
  if (name === 'reuters') for (const d of docs) if ((d.places ?? []).length > 0) section.set(d.id, (d.places as string[])[0] as string);
  const index: CorpusIndex = createCorpusIndex();
  for (const d of docs) {
    const s = section.get(d.id);
    index.add({ id: d.id, title: d.title, body: d.body, lang: d.lang, ...(d.date !== undefined ? { date: d.date } : {}), ...(s !== undefined ? { section: s } : {}) });
  }
  let pages = name === 'reuters' ? docs.filter((d) => (d.topics ?? []).length > 0) : docs.filter((d) => d.cluster !== undefined);
  const only = ctx.flags.get('half');
  if (only !== undefined) pages = pages.filter((p) => halfOf(name === 'reuters' ? p.id : (p.cluster as string)) === only);
  if (ctx.limit !== undefined) pages = pages.slice(0, ctx.limit);
  const latest = name === 'reuters' ? latestBySection(docs, section) : undefined;
  const results = new Map<ListName, ListMeasures>(LISTS.map((l) => [l, measures()]));
  const t0 = performance.now();
  let readNextMs = 0;
  for (const page of pages) {
    const half = halfOf(name === 'reuters' ? page.id : (page.cluster as string));
    const related = index.related(page.id, { k: SHOWN + K });
    const shown = related.slice(0, SHOWN).map((r) => r.id);
    const skip = new Set([page.id, ...shown]);
    for (const r of related.slice(0, SHOWN)) for (const d of r.duplicates ?? []) skip.add(d);
    const t1 = performance.now();
    const readNext = index.readNext(page.id, { k: K, ...options }).map((r) => r.id);
    readNextMs += performance.now() - t1;
    const lists: [ListName, string[]][] = [
      ['Read Next', readNext],
      ['Related News minus shown', index.related(page.id, { k: K, exclude: skip }).map((r) => r.id)],
    ];
    const pageTime = page.date === undefined ? Number.NaN : Date.parse(page.date);
    if (latest !== undefined && !Number.isNaN(pageTime)) lists.push(['latest in section', latestIn(latest.get(section.get(page.id) ?? ''), pageTime, skip, K)]);
    for (const [listName, ids] of lists) {
      const m = results.get(listName) as ListMeasures;
      m.length.add(half, ids.length);
      const topics = new Set(page.topics ?? []);
      for (const id of ids) {
        const d = byId.get(id) as DatasetArticle;
        if (name === 'neus') m.sameStory.add(half, d.cluster === page.cluster ? 1 : 0);
        else m.adjacency.add(half, (d.topics ?? []).some((t) => topics.has(t)) ? 1 : 0);
        const t = d.date === undefined ? Number.NaN : Date.parse(d.date);
        if (!Number.isNaN(t) && !Number.isNaN(pageTime)) {
          m.age.add(half, (pageTime - t) / DAY);
          m.newer.add(half, t > pageTime ? 1 : 0);
        }
      }
      if (ids.length >= 2) {
        let sum = 0;
        let n = 0;
        for (let i = 0; i < ids.length; i++) {
          for (let j = i + 1; j < ids.length; j++) {
            sum += index.similarity(ids[i] as string, ids[j] as string);
            n++;
          }
        }
        m.listSimilarity.add(half, sum / n);
      }
    }
  }
  ctx.log(`readnext/${name}: ${pages.length} pages in ${((performance.now() - t0) / 1000).toFixed(1)} s (readNext ${(readNextMs / pages.length).toFixed(2)} ms a page)`);
  const report: Record<string, unknown> = { dataset: name, data: path, pool: docs.length, pages: pages.length, options, readNextMsPerPage: readNextMs / pages.length };
  const lists: Record<string, unknown> = {};
  for (const [listName, m] of results) {
    if (m.length.mean().all !== m.length.mean().all) continue; // NaN: list not computed
    lists[listName] = {
      length: m.length.mean(),
      ...(name === 'neus' ? { sameStoryRate: m.sameStory.mean() } : { topicalAdjacency: m.adjacency.mean() }),
      listSimilarity: m.listSimilarity.mean(),
      ...(name === 'reuters' ? { medianAgeDays: m.age.median(), newerShare: m.newer.mean() } : {}),
    };
  }
  report.lists = lists;
  return report;
}

const fmt = (h: ByHalf | undefined, digits = 3, scale = 1): string =>
  h === undefined ? '' : [h.dev, h.test, h.all].map((x) => (Number.isNaN(x) ? 'n/a' : (scale * x).toFixed(digits))).join(' / ');

export const readnextTask: EvalTask = {
  name: 'readnext',
  description: 'Read Next: same-story rate (NeuS), topical adjacency (Reuters), list similarity, freshness; beside two baselines',
  async run(ctx) {
    const which = ctx.flags.get('dataset') ?? 'both';
    const reports: Record<string, unknown>[] = [];
    if (which === 'reuters' || which === 'both') reports.push(run(ctx, 'reuters', datasetPath(ctx.sharedDir, 'reuters', ctx.data)));
    if (which === 'neus' || which === 'both') reports.push(run(ctx, 'neus', datasetPath(ctx.sharedDir, 'neus')));
    return { task: 'readnext', reports };
  },
  format(report) {
    const lines: string[] = [`lists of ${K} after a Related News block of ${SHOWN}; figures are dev / test / all (eval/split.ts)`];
    for (const r of report.reports as Record<string, unknown>[]) {
      lines.push(`${r.dataset === 'neus' ? 'NeuS/AllSides' : 'Reuters train'}: ${r.pages} pages, pool ${r.pool}${Object.keys(r.options as object).length > 0 ? `, Read Next options ${JSON.stringify(r.options)}` : ''}`);
      for (const [name, m] of Object.entries(r.lists as Record<string, Record<string, ByHalf>>)) {
        const parts = [`length ${fmt(m.length, 2)}`];
        if (m.sameStoryRate !== undefined) parts.push(`same-story ${fmt(m.sameStoryRate, 2, 100)}%`);
        if (m.topicalAdjacency !== undefined) parts.push(`topical adjacency ${fmt(m.topicalAdjacency, 1, 100)}%`);
        parts.push(`list similarity ${fmt(m.listSimilarity)}`);
        if (m.medianAgeDays !== undefined) parts.push(`median age ${fmt(m.medianAgeDays, 1)} days, newer than the page ${fmt(m.newerShare, 0, 100)}%`);
        lines.push(`  ${name.padEnd(25)} ${parts.join('; ')}`);
      }
    }
    return lines.join('\n');
  },
};
