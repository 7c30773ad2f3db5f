/**
 * `npm run eval -- related [--dataset reuters|neus|both|almayadeen] [--data FILE] [--limit N]`: Related News quality.
 *
 * Protocols (the pool is every article of the file; each article in turn is the query, by id):
 *   - topics (Reuters-21578 train): queries = stories with >= 1 topic; relevant = the other stories
 *     sharing at least one topic with the query (stories without topics are in the pool, never
 *     relevant). Metric: precision@10 (divided by 10, as trec_eval).
 *   - cluster (NeuS / AllSides: 3 articles per story; Al Mayadeen with --data): queries = articles whose
 *     cluster has another member; relevant = the other members. Metrics: MRR (first relevant in the
 *     top 10), precision@1, precision@2, recall@2, recall@10.
 * Every figure is printed for the development half, the held-out half and all queries (eval/split.ts:
 * Reuters by story id, NeuS by cluster); defaults tuned since 2026-11-27 were chosen on `dev` only.
 * Two rankers run side by side on the same pool:
 *   - "plain TF-IDF cosine": raw tf, smoothed idf, L2 norm, no stopwords, no stemming, every field
 *     weighted 1, exact (no pruning), no collapsing, no hub penalty: the scikit-learn TfidfVectorizer
 *     default, built with this library's index;
 *   - "default": createCorpusIndex() and related(id) with default options.
 * It also reports how often the pruned query (default) and the exact one agree on the top result.
 *
 * Flags for tuning runs: `--index JSON` and `--query JSON` override the default ranker's index and
 * related() options; `--entities` indexes each article's tags (createTagger().tag(article).tags, ids
 * weighted by score; `--tag JSON` passes tag options) as the CLI's `index --entities` does;
 * `--plain false` skips the plain ranker; `--also JSON` (an object or an array of objects) adds rankers
 * that are the default one with these related() options on top, on the same index, in the same run
 * (e.g. `--also '{"feedbackDocs":0}'` to see what a default contributes).
 */
import { createCorpusIndex, createTagger, type CorpusIndex, type CorpusIndexOptions, type EntityRef, type RelatedOptions, type SuggestOptions } from '../../src/node.js';
import { datasetPath, loadJsonl, type DatasetArticle } from '../datasets.js';
import { precisionAtK, recallAtK, reciprocalRank } from '../metrics.js';
import { halfOf, meanByHalf, type Half } from '../split.js';
import type { EvalContext, EvalTask } from '../types.js';

export const PLAIN_INDEX: CorpusIndexOptions = {
  tf: 'raw',
  idfExponent: 1,
  stem: false,
  stopwords: [],
  numbers: true,
  minTermLength: 1,
  fieldWeights: { title: 1, lede: 1, body: 1 },
};
export const PLAIN_QUERY: RelatedOptions = { exact: true, collapse: false, localScaling: 0, entityBoost: 0, minScore: 0 };

interface Ranker {
  name: string;
  index: CorpusIndexOptions;
  query: RelatedOptions;
  entities: boolean;
}

/** The rankers of a run: plain (unless `--plain false`) and the default with the flags' overrides. */
export function rankersFor(ctx: EvalContext): Ranker[] {
  const json = (name: string): Record<string, unknown> => JSON.parse(ctx.flags.get(name) ?? '{}') as Record<string, unknown>;
  const rankers: Ranker[] = [];
  if (ctx.flags.get('plain') !== 'false') rankers.push({ name: 'plain TF-IDF cosine', index: PLAIN_INDEX, query: PLAIN_QUERY, entities: false });
  const entities = ctx.flags.has('entities') && ctx.flags.get('entities') !== 'false';
  const base: Ranker = { name: entities ? 'default + entities' : 'default', index: json('index'), query: json('query'), entities };
  rankers.push(base);
  const also = JSON.parse(ctx.flags.get('also') ?? '[]') as RelatedOptions | RelatedOptions[];
  for (const extra of Array.isArray(also) ? also : [also]) {
    rankers.push({ ...base, name: `${base.name} + ${JSON.stringify(extra)}`, query: { ...base.query, ...extra } });
  }
  return rankers;
}

/** Each article's tags as index entities (tagged once per run, only when a ranker needs them). */
export function taggedEntities(ctx: EvalContext, docs: readonly DatasetArticle[]): Map<string, EntityRef[]> {
  const t0 = performance.now();
  const tagger = createTagger();
  const options = JSON.parse(ctx.flags.get('tag') ?? '{}') as SuggestOptions;
  const out = new Map<string, EntityRef[]>();
  for (const d of docs) out.set(d.id, tagger.tag({ id: d.id, title: d.title, body: d.body }, options).tags.map((t) => ({ id: t.id, weight: t.score })));
  ctx.log(`  tagged ${docs.length} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

export function buildIndex(docs: readonly DatasetArticle[], options: CorpusIndexOptions, entities?: Map<string, EntityRef[]>, section?: Map<string, string>): { index: CorpusIndex; seconds: number } {
  const t0 = performance.now();
  const index = createCorpusIndex(options);
  for (const d of docs) {
    const s = section?.get(d.id) ?? d.category;
    index.add({
      id: d.id,
      title: d.title,
      body: d.body,
      lang: d.lang,
      ...(d.date !== undefined ? { date: d.date } : {}),
      ...(s !== undefined ? { section: s } : {}),
      ...(entities !== undefined ? { entities: entities.get(d.id) ?? [] } : {}),
    });
  }
  return { index, seconds: (performance.now() - t0) / 1000 };
}

type ByHalf = { dev: number; test: number; all: number };

function evalTopics(ctx: EvalContext, path: string): Record<string, unknown> {
  const docs = loadJsonl(path);
  const topics = new Map(docs.map((d) => [d.id, new Set(d.topics ?? [])]));
  const byTopic = new Map<string, string[]>();
  for (const d of docs) for (const t of d.topics ?? []) byTopic.set(t, [...(byTopic.get(t) ?? []), d.id]);
  let queries = docs.filter((d) => (d.topics ?? []).length > 0);
  if (ctx.limit !== undefined) queries = queries.slice(0, ctx.limit);
  const halves = queries.map((q) => halfOf(q.id));
  ctx.log(`related/topics: pool ${docs.length}, ${queries.length} queries (${path})`);
  const out: Record<string, unknown> = { protocol: 'topics', data: path, pool: docs.length, queries: queries.length, dev: halves.filter((h) => h === 'dev').length };
  const rankers: Record<string, unknown> = {};
  const rs = rankersFor(ctx);
  const entities = rs.some((r) => r.entities) ? taggedEntities(ctx, docs) : undefined;
  for (const r of rs) {
    const { index, seconds } = buildIndex(docs, r.index, r.entities ? entities : undefined);
    const p10: number[] = [];
    const agree: number[] = [];
    for (const q of queries) {
      const relevant = new Set<string>();
      for (const t of topics.get(q.id) ?? []) for (const id of byTopic.get(t) ?? []) if (id !== q.id) relevant.add(id);
      const ranked = index.related(q.id, { k: 10, ...r.query }).map((x) => x.id);
      p10.push(precisionAtK(ranked, relevant, 10));
      if (r.name !== PLAIN) agree.push(index.related(q.id, { k: 10, ...r.query, exact: true })[0]?.id === ranked[0] ? 1 : 0);
    }
    const m = { precisionAt10: meanByHalf(p10, halves), buildSeconds: seconds, ...(r.name !== PLAIN ? { prunedExactTop1Agreement: meanByHalf(agree, halves) } : {}) };
    rankers[r.name] = m;
    ctx.log(`  ${r.name}: P@10 dev ${m.precisionAt10.dev.toFixed(4)} test ${m.precisionAt10.test.toFixed(4)} all ${m.precisionAt10.all.toFixed(4)}`);
  }
  out.rankers = rankers;
  return out;
}

const PLAIN = 'plain TF-IDF cosine';

function evalClusters(ctx: EvalContext, path: string): Record<string, unknown> {
  const docs = loadJsonl(path);
  const members = new Map<string, string[]>();
  for (const d of docs) if (d.cluster !== undefined) members.set(d.cluster, [...(members.get(d.cluster) ?? []), d.id]);
  let queries = docs.filter((d) => d.cluster !== undefined && (members.get(d.cluster)?.length ?? 0) > 1);
  if (ctx.limit !== undefined) queries = queries.slice(0, ctx.limit);
  const halves: Half[] = queries.map((q) => halfOf(q.cluster as string));
  ctx.log(`related/cluster: pool ${docs.length}, ${members.size} clusters, ${queries.length} queries (${path})`);
  const out: Record<string, unknown> = { protocol: 'cluster', data: path, pool: docs.length, clusters: members.size, queries: queries.length, dev: halves.filter((h) => h === 'dev').length };
  const rankers: Record<string, unknown> = {};
  const rs = rankersFor(ctx);
  const entities = rs.some((r) => r.entities) ? taggedEntities(ctx, docs) : undefined;
  for (const r of rs) {
    const { index, seconds } = buildIndex(docs, r.index, r.entities ? entities : undefined);
    const rr: number[] = [];
    const p1: number[] = [];
    const p2: number[] = [];
    const r2: number[] = [];
    const r10: number[] = [];
    const agree: number[] = [];
    for (const q of queries) {
      const relevant = new Set((members.get(q.cluster as string) ?? []).filter((id) => id !== q.id));
      const ranked = index.related(q.id, { k: 10, ...r.query }).map((x) => x.id);
      rr.push(reciprocalRank(ranked, relevant));
      p1.push(precisionAtK(ranked, relevant, 1));
      p2.push(precisionAtK(ranked, relevant, 2));
      r2.push(recallAtK(ranked, relevant, 2));
      r10.push(recallAtK(ranked, relevant, 10));
      if (r.name !== PLAIN) agree.push(index.related(q.id, { k: 10, ...r.query, exact: true })[0]?.id === ranked[0] ? 1 : 0);
    }
    const m = {
      mrr: meanByHalf(rr, halves),
      precisionAt1: meanByHalf(p1, halves),
      precisionAt2: meanByHalf(p2, halves),
      recallAt2: meanByHalf(r2, halves),
      recallAt10: meanByHalf(r10, halves),
      buildSeconds: seconds,
      ...(r.name !== PLAIN ? { prunedExactTop1Agreement: meanByHalf(agree, halves) } : {}),
    };
    rankers[r.name] = m;
    ctx.log(`  ${r.name}: MRR dev ${m.mrr.dev.toFixed(4)} test ${m.mrr.test.toFixed(4)} all ${m.mrr.all.toFixed(4)}`);
  }
  out.rankers = rankers;
  return out;
}

const f4 = (h: ByHalf | undefined): string => (h === undefined ? '-' : `${h.dev.toFixed(4)} / ${h.test.toFixed(4)} / ${h.all.toFixed(4)}`);
const pct = (h: ByHalf | undefined): string => (h === undefined ? '' : `   pruned/exact top-1 agreement ${(100 * h.dev).toFixed(1)}% / ${(100 * h.test).toFixed(1)}% / ${(100 * h.all).toFixed(1)}%`);

/**
 * Al Mayadeen (Arabic) proxy, as ../shared/reference/sklearn-arabic-related.py computes it: relevant =
 * shares at least two editor tags outside the pool's 30 most frequent tags; queries = articles with at
 * least one relevant article; P@10. Its halves are by date: January-June (where the Arabic defaults were
 * chosen) as dev, July-December as test.
 */
function evalTagOverlap(ctx: EvalContext, path: string): Record<string, unknown> {
  const docs = loadJsonl(path);
  const freq = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tags ?? [])) freq.set(t, (freq.get(t) ?? 0) + 1);
  const common = new Set([...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 30).map(([t]) => t));
  const tags = new Map(docs.map((d) => [d.id, [...new Set(d.tags ?? [])].filter((t) => !common.has(t))]));
  const byTag = new Map<string, string[]>();
  for (const d of docs) for (const t of tags.get(d.id) ?? []) byTag.set(t, [...(byTag.get(t) ?? []), d.id]);
  const relevantOf = (id: string): Set<string> => {
    const shared = new Map<string, number>();
    for (const t of tags.get(id) ?? []) for (const other of byTag.get(t) ?? []) if (other !== id) shared.set(other, (shared.get(other) ?? 0) + 1);
    return new Set([...shared].filter(([, n]) => n >= 2).map(([other]) => other));
  };
  let queries = docs.map((d) => ({ d, relevant: relevantOf(d.id) })).filter((q) => q.relevant.size > 0);
  if (ctx.limit !== undefined) queries = queries.slice(0, ctx.limit);
  const halves: Half[] = queries.map((q) => (Number((q.d.date ?? '').slice(5, 7)) <= 6 ? 'dev' : 'test'));
  ctx.log(`related/tag-overlap: pool ${docs.length}, ${queries.length} queries (${path})`);
  const rankers: Record<string, unknown> = {};
  const built = new Map<string, ReturnType<typeof buildIndex>>();
  for (const r of rankersFor(ctx)) {
    // rankers that differ only in their query options share one index
    const key = JSON.stringify(r.index);
    const { index, seconds } = built.get(key) ?? buildIndex(docs, r.index);
    if (!built.has(key)) built.set(key, { index, seconds });
    const p10 = queries.map(({ d, relevant }) => precisionAtK(index.related(d.id, { k: 10, ...r.query }).map((x) => x.id), relevant, 10));
    rankers[r.name] = { precisionAt10: meanByHalf(p10, halves), buildSeconds: seconds };
    ctx.log(`  ${r.name}: P@10 ${meanByHalf(p10, halves).all.toFixed(4)}`);
  }
  return { protocol: 'tag-overlap', data: path, pool: docs.length, queries: queries.length, dev: halves.filter((h) => h === 'dev').length, rankers };
}

export const relatedTask: EvalTask = {
  name: 'related',
  description: 'Related News: same-topic P@10 on Reuters, same-story MRR on NeuS; plain TF-IDF cosine beside the default',
  async run(ctx) {
    const which = ctx.flags.get('dataset') ?? 'both';
    const reports: Record<string, unknown>[] = [];
    if (ctx.data !== undefined) {
      const docs = loadJsonl(datasetPath(ctx.sharedDir, 'reuters', ctx.data), 1);
      const first = docs[0];
      reports.push(which === 'almayadeen' ? evalTagOverlap(ctx, ctx.data) : first?.cluster !== undefined ? evalClusters(ctx, ctx.data) : evalTopics(ctx, ctx.data));
    } else if (which === 'almayadeen') {
      reports.push(evalTagOverlap(ctx, datasetPath(ctx.sharedDir, 'almayadeen')));
    } else {
      if (which === 'reuters' || which === 'both') reports.push(evalTopics(ctx, datasetPath(ctx.sharedDir, 'reuters')));
      if (which === 'neus' || which === 'both') reports.push(evalClusters(ctx, datasetPath(ctx.sharedDir, 'neus')));
    }
    return { task: 'related', flags: Object.fromEntries(ctx.flags), reports };
  },
  format(report) {
    const lines: string[] = ['figures are dev / test / all (eval/split.ts; defaults were tuned on dev only)'];
    for (const r of report.reports as Record<string, unknown>[]) {
      const rankers = r.rankers as Record<string, Record<string, ByHalf>>;
      if (r.protocol === 'tag-overlap') {
        lines.push(`related, shares >= 2 editor tags outside the 30 most frequent: pool ${r.pool}, ${r.queries} queries, ${r.dev} of them January-June (dev; test = July-December) (${r.data})`);
        for (const [name, m] of Object.entries(rankers)) lines.push(`  ${name.padEnd(22)} P@10 ${f4(m.precisionAt10)}`);
      } else if (r.protocol === 'topics') {
        lines.push(`related, same-topic precision@10: pool ${r.pool}, ${r.queries} queries with >= 1 topic, ${r.dev} of them dev (${r.data})`);
        for (const [name, m] of Object.entries(rankers)) lines.push(`  ${name.padEnd(22)} P@10 ${f4(m.precisionAt10)}${pct(m.prunedExactTop1Agreement)}`);
      } else {
        lines.push(`related, same-story retrieval: pool ${r.pool}, ${r.clusters} clusters, ${r.queries} queries, ${r.dev} of them dev (${r.data})`);
        for (const [name, m] of Object.entries(rankers)) {
          lines.push(`  ${name.padEnd(22)} MRR ${f4(m.mrr)}  P@1 ${f4(m.precisionAt1)}  R@2 ${f4(m.recallAt2)}  R@10 ${f4(m.recallAt10)}${pct(m.prunedExactTop1Agreement)}`);
        }
      }
    }
    return lines.join('\n');
  },
};
