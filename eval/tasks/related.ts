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
 * Two rankers run side by side on the same pool:
 *   - "plain TF-IDF cosine": raw tf, smoothed idf, L2 norm, no stopwords, no stemming, every field
 *     weighted 1, exact (no pruning), no collapsing, no hub penalty: the scikit-learn TfidfVectorizer
 *     default, built with this library's index;
 *   - "default": createCorpusIndex() and related(id) with default options.
 * It also reports how often the pruned query (default) and the exact one agree on the top result.
 */
import { createCorpusIndex, type CorpusIndex, type CorpusIndexOptions, type RelatedOptions } from '../../src/index.js';
import { datasetPath, loadJsonl, type DatasetArticle } from '../datasets.js';
import { mean, precisionAtK, recallAtK, reciprocalRank } from '../metrics.js';
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
}

const RANKERS: Ranker[] = [
  { name: 'plain TF-IDF cosine', index: PLAIN_INDEX, query: PLAIN_QUERY },
  { name: 'default', index: {}, query: {} },
];

function build(docs: DatasetArticle[], options: CorpusIndexOptions): { index: CorpusIndex; seconds: number } {
  const t0 = performance.now();
  const index = createCorpusIndex(options);
  for (const d of docs) {
    index.add({ id: d.id, title: d.title, body: d.body, lang: d.lang, ...(d.date !== undefined ? { date: d.date } : {}), ...(d.category !== undefined ? { section: d.category } : {}) });
  }
  return { index, seconds: (performance.now() - t0) / 1000 };
}

function evalTopics(ctx: EvalContext, path: string): Record<string, unknown> {
  const docs = loadJsonl(path);
  const topics = new Map(docs.map((d) => [d.id, new Set(d.topics ?? [])]));
  const byTopic = new Map<string, string[]>();
  for (const d of docs) for (const t of d.topics ?? []) byTopic.set(t, [...(byTopic.get(t) ?? []), d.id]);
  let queries = docs.filter((d) => (d.topics ?? []).length > 0);
  if (ctx.limit !== undefined) queries = queries.slice(0, ctx.limit);
  ctx.log(`related/topics: pool ${docs.length}, ${queries.length} queries (${path})`);
  const out: Record<string, unknown> = { protocol: 'topics', data: path, pool: docs.length, queries: queries.length };
  const rankers: Record<string, unknown> = {};
  for (const r of RANKERS) {
    const { index, seconds } = build(docs, r.index);
    const p10: number[] = [];
    let agree = 0;
    for (const q of queries) {
      const relevant = new Set<string>();
      for (const t of topics.get(q.id) ?? []) for (const id of byTopic.get(t) ?? []) if (id !== q.id) relevant.add(id);
      const ranked = index.related(q.id, { k: 10, ...r.query }).map((x) => x.id);
      p10.push(precisionAtK(ranked, relevant, 10));
      if (r.name === 'default') {
        const exact = index.related(q.id, { k: 10, exact: true });
        if (exact[0]?.id === ranked[0]) agree++;
      }
    }
    rankers[r.name] = { precisionAt10: mean(p10), buildSeconds: seconds, ...(r.name === 'default' ? { prunedExactTop1Agreement: agree / queries.length } : {}) };
    ctx.log(`  ${r.name}: P@10 ${mean(p10).toFixed(4)}`);
  }
  out.rankers = rankers;
  return out;
}

function evalClusters(ctx: EvalContext, path: string): Record<string, unknown> {
  const docs = loadJsonl(path);
  const members = new Map<string, string[]>();
  for (const d of docs) if (d.cluster !== undefined) members.set(d.cluster, [...(members.get(d.cluster) ?? []), d.id]);
  let queries = docs.filter((d) => d.cluster !== undefined && (members.get(d.cluster)?.length ?? 0) > 1);
  if (ctx.limit !== undefined) queries = queries.slice(0, ctx.limit);
  ctx.log(`related/cluster: pool ${docs.length}, ${members.size} clusters, ${queries.length} queries (${path})`);
  const out: Record<string, unknown> = { protocol: 'cluster', data: path, pool: docs.length, clusters: members.size, queries: queries.length };
  const rankers: Record<string, unknown> = {};
  for (const r of RANKERS) {
    const { index, seconds } = build(docs, r.index);
    const rr: number[] = [];
    const p1: number[] = [];
    const p2: number[] = [];
    const r2: number[] = [];
    const r10: number[] = [];
    let agree = 0;
    for (const q of queries) {
      const relevant = new Set((members.get(q.cluster as string) ?? []).filter((id) => id !== q.id));
      const ranked = index.related(q.id, { k: 10, ...r.query }).map((x) => x.id);
      rr.push(reciprocalRank(ranked, relevant));
      p1.push(precisionAtK(ranked, relevant, 1));
      p2.push(precisionAtK(ranked, relevant, 2));
      r2.push(recallAtK(ranked, relevant, 2));
      r10.push(recallAtK(ranked, relevant, 10));
      if (r.name === 'default') {
        const exact = index.related(q.id, { k: 10, exact: true });
        if (exact[0]?.id === ranked[0]) agree++;
      }
    }
    rankers[r.name] = {
      mrr: mean(rr),
      precisionAt1: mean(p1),
      precisionAt2: mean(p2),
      recallAt2: mean(r2),
      recallAt10: mean(r10),
      buildSeconds: seconds,
      ...(r.name === 'default' ? { prunedExactTop1Agreement: agree / queries.length } : {}),
    };
    ctx.log(`  ${r.name}: MRR ${mean(rr).toFixed(4)}`);
  }
  out.rankers = rankers;
  return out;
}

/**
 * Al Mayadeen (Arabic) proxy, as ../shared/reference/sklearn-arabic-related.py computes it: relevant =
 * shares at least two editor tags outside the pool's 30 most frequent tags; queries = articles with at
 * least one relevant article; P@10. Queries are also scored by half of the year (January-June, where
 * the Arabic defaults were chosen; July-December held out).
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
  ctx.log(`related/tag-overlap: pool ${docs.length}, ${queries.length} queries (${path})`);
  const rankers: Record<string, unknown> = {};
  for (const r of RANKERS) {
    const { index, seconds } = build(docs, r.index);
    const p10: number[] = [];
    const byHalf = { dev: [] as number[], heldOut: [] as number[] };
    for (const { d, relevant } of queries) {
      const ranked = index.related(d.id, { k: 10, ...r.query }).map((x) => x.id);
      const p = precisionAtK(ranked, relevant, 10);
      p10.push(p);
      (Number((d.date ?? '').slice(5, 7)) <= 6 ? byHalf.dev : byHalf.heldOut).push(p);
    }
    rankers[r.name] = { precisionAt10: mean(p10), devPrecisionAt10: mean(byHalf.dev), heldOutPrecisionAt10: mean(byHalf.heldOut), buildSeconds: seconds };
    ctx.log(`  ${r.name}: P@10 ${mean(p10).toFixed(4)}`);
  }
  return { protocol: 'tag-overlap', data: path, pool: docs.length, queries: queries.length, rankers };
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
    return { task: 'related', reports };
  },
  format(report) {
    const lines: string[] = [];
    for (const r of report.reports as Record<string, unknown>[]) {
      const rankers = r.rankers as Record<string, Record<string, number>>;
      if (r.protocol === 'tag-overlap') {
        lines.push(`related, shares >= 2 editor tags outside the 30 most frequent: pool ${r.pool}, ${r.queries} queries (${r.data})`);
        for (const [name, m] of Object.entries(rankers)) {
          lines.push(`  ${name.padEnd(22)} P@10 ${m.precisionAt10?.toFixed(4)}   (January-June ${m.devPrecisionAt10?.toFixed(4)}, July-December ${m.heldOutPrecisionAt10?.toFixed(4)})`);
        }
      } else if (r.protocol === 'topics') {
        lines.push(`related, same-topic precision@10: pool ${r.pool}, ${r.queries} queries with >= 1 topic (${r.data})`);
        for (const [name, m] of Object.entries(rankers)) {
          lines.push(`  ${name.padEnd(22)} P@10 ${m.precisionAt10?.toFixed(4)}${m.prunedExactTop1Agreement !== undefined ? `   pruned/exact top-1 agreement ${(100 * m.prunedExactTop1Agreement).toFixed(1)}%` : ''}`);
        }
      } else {
        lines.push(`related, same-story retrieval: pool ${r.pool}, ${r.clusters} clusters, ${r.queries} queries (${r.data})`);
        for (const [name, m] of Object.entries(rankers)) {
          lines.push(
            `  ${name.padEnd(22)} MRR ${m.mrr?.toFixed(4)}  P@1 ${m.precisionAt1?.toFixed(4)}  P@2 ${m.precisionAt2?.toFixed(4)}  R@2 ${m.recallAt2?.toFixed(4)}  R@10 ${m.recallAt10?.toFixed(4)}${m.prunedExactTop1Agreement !== undefined ? `   pruned/exact top-1 agreement ${(100 * m.prunedExactTop1Agreement).toFixed(1)}%` : ''}`,
          );
        }
        const names = Object.keys(rankers);
        if (names.length === 2) {
          const gain = (rankers[names[1] as string]?.mrr ?? 0) - (rankers[names[0] as string]?.mrr ?? 0);
          lines.push(`  default - plain: ${gain >= 0 ? '+' : ''}${gain.toFixed(4)} MRR`);
        }
      }
    }
    return lines.join('\n');
  },
};
