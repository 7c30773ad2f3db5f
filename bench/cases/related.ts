/**
 * `npm run bench -- related [--synthetic N] [--queries N] [--rounds R] [--natural-queries N]`: the corpus index in one run.
 *
 * On Reuters-21578 train (title + body):
 *   - build time: createCorpusIndex + add() of every story, beside natural's TfIdf.addDocument
 *     (deep import natural/lib/natural/tfidf/tfidf); warm() time (neighbourhood densities);
 *   - query latency p50/p95 of related(id, { k: 10 }) on random ids: default options on a warm index
 *     (--rounds R repeats it and reports the round with the median p50, for noisy machines),
 *     on a cold one, with localScaling 0, and exact; beside natural's tfidfs() (which visits every
 *     document) and an exact brute-force scan over every stored vector;
 *   - correctness: top-10 overlap of exact related() with the brute-force scan, and on a small dense
 *     case (300 stories) the largest difference between related()'s cosine and ml-distance's cosine;
 *   - all-pairs top-10 (every story's related list) on one core and on two worker threads, each
 *     loading the saved (warmed) index;
 *   - memory: JS heap and ArrayBuffer bytes held by the index (after a full GC), per document;
 *   - saved size and load time.
 * On a synthetic archive (bench/synthetic.ts; --synthetic N, default 100,000; 0 skips): build time,
 * memory per document, query p50/p95 (cold caches and localScaling 0), saved size and load time.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { similarity } from 'ml-distance';
import { createCorpusIndex, loadCorpusIndex, type CorpusIndex, type IndexArticle, type RelatedOptions } from '../../src/index.js';
import { datasetPath, loadJsonl } from '../../eval/datasets.js';
import { syntheticArticles } from '../synthetic.js';
import type { BenchCase } from '../types.js';
import { machine, percentile } from '../util.js';

const require = createRequire(import.meta.url);

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) {
    g();
    g();
  }
}
function memory(): { heap: number; buffers: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

function sampleIds(ids: string[], n: number, seed = 7): string[] {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(ids[s % ids.length] as string);
  }
  return out;
}

function latency(index: CorpusIndex, ids: string[], options: RelatedOptions): { p50: number; p95: number; mean: number } {
  const times: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    index.related(id, { k: 10, ...options });
    times.push(performance.now() - t0);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), mean: total / times.length };
}

const MiB = 2 ** 20;

async function allPairsWorkers(bytes: Uint8Array, ids: string[], workers: number): Promise<{ wallMs: number; loadMs: number[]; queryMs: number[] }> {
  const t0 = performance.now();
  const parts = Array.from({ length: workers }, (_, w) => ids.filter((_, i) => i % workers === w));
  const results = await Promise.all(
    parts.map(
      (part) =>
        new Promise<{ loadMs: number; queryMs: number }>((resolve, reject) => {
          // a worker does not inherit tsx's loader: register it, then import the TypeScript worker
          const api = import.meta.resolve('tsx/esm/api');
          const file = new URL('./related-worker.ts', import.meta.url).href;
          const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
          const worker = new Worker(code, { eval: true, workerData: { bytes, ids: part, k: 10 } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return { wallMs: performance.now() - t0, loadMs: results.map((r) => r.loadMs), queryMs: results.map((r) => r.queryMs) };
}

export const relatedBench: BenchCase = {
  name: 'related',
  description: 'CorpusIndex build, related() latency, all-pairs, memory, save/load on Reuters and a synthetic archive, beside natural TfIdf',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'reuters', ctx.data);
    const docs = loadJsonl(path, ctx.limit);
    const articles: IndexArticle[] = docs.map((d) => ({ id: d.id, title: d.title, body: d.body, ...(d.date !== undefined ? { date: d.date } : {}) }));
    const nQueries = Number(ctx.flags.get('queries') ?? 2000);
    ctx.log(`related: ${articles.length} Reuters stories`);
    const report: Record<string, unknown> = { bench: 'related', data: path, documents: articles.length, machine: machine(), loadAverageAtStart: loadavg() };

    // --- build: 1 warm-up + 5 timed rounds
    const builds: number[] = [];
    const buildCpu: number[] = [];
    let index = createCorpusIndex();
    for (let round = 0; round < 6; round++) {
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const x = createCorpusIndex();
      x.addAll(articles);
      if (round > 0) {
        builds.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        buildCpu.push((c.user + c.system) / 1e6);
      }
      index = x;
    }
    builds.sort((a, b) => a - b);
    buildCpu.sort((a, b) => a - b);
    // memory held by one index
    index = createCorpusIndex();
    const m0 = memory();
    index.addAll(articles);
    index.vacuum();
    const m1 = memory();
    const heapBytes = m1.heap - m0.heap;
    const bufferBytes = m1.buffers - m0.buffers;
    const stats = index.stats();
    ctx.log(`  build median ${(builds[2] as number).toFixed(3)} s, heap ${(heapBytes / MiB).toFixed(1)} MiB + buffers ${(bufferBytes / MiB).toFixed(1)} MiB`);

    // natural TfIdf
    const TfIdf = require('natural/lib/natural/tfidf/tfidf') as new () => {
        addDocument(text: string, key?: string): void;
        listTerms(d: number): { term: string; tfidf: number }[];
        tfidfs(terms: string[], cb?: (i: number, measure: number) => void): number[];
      };
    const tn0 = performance.now();
    const natural = new TfIdf();
    for (const a of articles) natural.addDocument(`${a.title}\n${a.body}`, a.id);
    const naturalBuild = (performance.now() - tn0) / 1000;
    ctx.log(`  natural TfIdf build ${naturalBuild.toFixed(2)} s`);

    // --- queries
    const ids = index.ids();
    const queryIds = sampleIds(ids, nQueries);
    const cold = latency(index, queryIds, {});
    const tw = performance.now();
    index.warm();
    const warmSeconds = (performance.now() - tw) / 1000;
    const rounds = Number(ctx.flags.get('rounds') ?? 1);
    const warmRounds = Array.from({ length: Math.max(1, rounds) }, () => latency(index, queryIds, {}));
    const warm = [...warmRounds].sort((a, b) => a.p50 - b.p50)[Math.floor((warmRounds.length - 1) / 2)] as { p50: number; p95: number; mean: number };
    const noScaling = latency(index, queryIds, { localScaling: 0 });
    const exact = latency(index, queryIds, { exact: true });
    ctx.log(`  related p50 warm ${warm.p50.toFixed(3)} ms, cold ${cold.p50.toFixed(3)} ms; warm() ${warmSeconds.toFixed(2)} s`);

    const naturalQueries = Number(ctx.flags.get('natural-queries') ?? 20);
    const nt: number[] = [];
    const idPos = new Map(articles.map((a, i) => [a.id, i]));
    for (const id of queryIds.slice(0, naturalQueries)) {
      const t0 = performance.now();
      const d = idPos.get(id) as number;
      const terms = natural.listTerms(d).slice(0, 25).map((t) => t.term);
      const scores = natural.tfidfs(terms);
      scores
        .map((s, i) => [s, i] as const)
        .filter(([, i]) => i !== d)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 10);
      nt.push(performance.now() - t0);
    }
    nt.sort((a, b) => a - b);

    // exact brute force over every stored vector (Map lookups), and its agreement with related()
    const vectors = ids.map((id) => new Map((index.get(id)?.terms ?? []).map((t) => [t.term, t.weight])));
    const pos = new Map(ids.map((id, i) => [id, i]));
    const bruteTimes: number[] = [];
    let overlap = 0;
    let top1Exact = 0;
    let top1Pruned = 0;
    const bruteQueries = queryIds.slice(0, 200);
    for (const id of bruteQueries) {
      const t0 = performance.now();
      const q = vectors[pos.get(id) as number] as Map<string, number>;
      const scored: [number, number][] = [];
      vectors.forEach((v, i) => {
        if (ids[i] === id) return;
        let dot = 0;
        const [small, large] = v.size < q.size ? [v, q] : [q, v];
        for (const [t, w] of small) {
          const o = large.get(t);
          if (o !== undefined) dot += w * o;
        }
        if (dot > 0) scored.push([dot, i]);
      });
      scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      bruteTimes.push(performance.now() - t0);
      const top = scored.slice(0, 10).map(([, i]) => ids[i] as string);
      const plain: RelatedOptions = { collapse: false, localScaling: 0, minScore: 0, entityBoost: 0 };
      const ex = index.related(id, { ...plain, exact: true }).map((r) => r.id);
      const pr = index.related(id, plain).map((r) => r.id);
      overlap += ex.filter((x) => top.includes(x)).length / Math.max(1, Math.min(10, top.length));
      if (ex[0] === top[0]) top1Exact++;
      if (pr[0] === top[0]) top1Pruned++;
    }
    bruteTimes.sort((a, b) => a - b);

    // small dense case against ml-distance
    const small = createCorpusIndex();
    small.addAll(articles.slice(0, 300));
    const smallIds = small.ids();
    const vocab = new Map<string, number>();
    const dense = smallIds.map((id) => {
      const terms = small.get(id)?.terms ?? [];
      for (const t of terms) if (!vocab.has(t.term)) vocab.set(t.term, vocab.size);
      return terms;
    });
    const denseVectors = dense.map((terms) => {
      const v = new Array<number>(vocab.size).fill(0);
      for (const t of terms) v[vocab.get(t.term) as number] = t.weight;
      return v;
    });
    let maxDiff = 0;
    for (let i = 0; i < 50; i++) {
      const res = small.related(smallIds[i] as string, { k: 10, exact: true, collapse: false, localScaling: 0, minScore: 0, entityBoost: 0 });
      for (const r of res) {
        const j = smallIds.indexOf(r.id);
        const ref = similarity.cosine(denseVectors[i] as number[], denseVectors[j] as number[]);
        maxDiff = Math.max(maxDiff, Math.abs(ref - r.similarity));
      }
    }

    // --- all pairs
    const ta = performance.now();
    for (const id of ids) index.related(id, { k: 10 });
    const allPairsOneCore = (performance.now() - ta) / 1000;
    const ts = performance.now();
    const bytes = index.save();
    const saveSeconds = (performance.now() - ts) / 1000;
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      loadCorpusIndex(bytes);
      loads.push((performance.now() - t0) / 1000);
    }
    loads.sort((a, b) => a - b);
    const two = await allPairsWorkers(bytes, ids, 2);
    ctx.log(`  all-pairs one core ${allPairsOneCore.toFixed(2)} s, two workers ${(two.wallMs / 1000).toFixed(2)} s`);

    report.reuters = {
      buildSeconds: { median: builds[2], best: builds[0], cpuMedian: buildCpu[2] },
      naturalBuildSeconds: naturalBuild,
      warmSeconds,
      stats,
      memory: { heapBytes, arrayBufferBytes: bufferBytes, totalBytes: heapBytes + bufferBytes, bytesPerDocument: (heapBytes + bufferBytes) / articles.length },
      relatedMs: { warm, cold, localScaling0: noScaling, exact, ...(warmRounds.length > 1 ? { warmRounds } : {}) },
      naturalTfidfsMs: { p50: percentile(nt, 50), p95: percentile(nt, 95), queries: nt.length },
      bruteForceMs: { p50: percentile(bruteTimes, 50), p95: percentile(bruteTimes, 95), queries: bruteTimes.length },
      agreement: {
        exactTop10OverlapWithBruteForce: overlap / bruteQueries.length,
        exactTop1: top1Exact / bruteQueries.length,
        prunedTop1: top1Pruned / bruteQueries.length,
        maxCosineDiffVsMlDistance: maxDiff,
      },
      allPairsTop10: { oneCoreSeconds: allPairsOneCore, twoWorkersWallSeconds: two.wallMs / 1000, workerLoadMs: two.loadMs, workerQueryMs: two.queryMs },
      savedBytes: bytes.length,
      saveSeconds,
      loadSeconds: { median: loads[2], best: loads[0] },
    };

    // --- synthetic archive
    const n = Number(ctx.flags.get('synthetic') ?? 100_000);
    if (n > 0) {
      ctx.log(`related: synthetic archive of ${n} articles`);
      const s0 = memory();
      const t0 = performance.now();
      const big = createCorpusIndex();
      let i = 0;
      for (const a of syntheticArticles(n)) {
        big.add(a);
        if (++i % 100_000 === 0) ctx.log(`  ${i} added, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
      big.vacuum();
      const buildSeconds = (performance.now() - t0) / 1000;
      const s1 = memory();
      const bigStats = big.stats();
      ctx.log(`  build ${buildSeconds.toFixed(1)} s, ${bigStats.postings} postings`);
      const bigIds = sampleIds(big.ids(), Number(ctx.flags.get('synthetic-queries') ?? 200), 11);
      const bigNoScaling = latency(big, bigIds, { localScaling: 0 });
      const bigCold = latency(big, bigIds.slice(0, 50), {});
      const bigExact = latency(big, bigIds.slice(0, 50), { exact: true, localScaling: 0 });
      ctx.log(`  related p50 (localScaling 0) ${bigNoScaling.p50.toFixed(2)} ms, default cold ${bigCold.p50.toFixed(2)} ms`);
      const tsv = performance.now();
      const bigBytes = big.save();
      const bigSave = (performance.now() - tsv) / 1000;
      const tl = performance.now();
      loadCorpusIndex(bigBytes);
      const bigLoad = (performance.now() - tl) / 1000;
      report.synthetic = {
        documents: n,
        generator: 'bench/synthetic.ts: Zipf(1.07) vocabulary of 100,000 pseudo-words, 500 topics, 8-word titles, 60-180-word bodies',
        buildSeconds,
        stats: bigStats,
        memory: { heapBytes: s1.heap - s0.heap, arrayBufferBytes: s1.buffers - s0.buffers, bytesPerDocument: (s1.heap - s0.heap + s1.buffers - s0.buffers) / n },
        relatedMs: { localScaling0: bigNoScaling, defaultCold: bigCold, exactNoScaling: bigExact },
        savedBytes: bigBytes.length,
        saveSeconds: bigSave,
        loadSeconds: bigLoad,
      };
    }
    report.loadAverageAtEnd = loadavg();
    return report;
  },
  format(r) {
    const x = r.reuters as Record<string, any>;
    const ms = (v: { p50: number; p95: number }): string => `p50 ${v.p50.toFixed(3)} ms, p95 ${v.p95.toFixed(3)} ms`;
    const lines = [
      `related: ${r.documents} Reuters train stories (${JSON.stringify(r.machine)}; load average at start ${(r.loadAverageAtStart as number[]).map((x) => x.toFixed(1)).join(' ')})`,
      `  build              ${x.buildSeconds.median.toFixed(3)} s median (best ${x.buildSeconds.best.toFixed(3)} s, CPU ${x.buildSeconds.cpuMedian.toFixed(3)} s); natural TfIdf ${x.naturalBuildSeconds.toFixed(2)} s`,
      `  warm() densities   ${x.warmSeconds.toFixed(2)} s (one core)`,
      `  index memory       ${(x.memory.totalBytes / MiB).toFixed(1)} MiB (heap ${(x.memory.heapBytes / MiB).toFixed(1)} + typed arrays ${(x.memory.arrayBufferBytes / MiB).toFixed(1)}), ${Math.round(x.memory.bytesPerDocument)} bytes/doc; ${x.stats.terms} terms, ${x.stats.postings} postings`,
      `  related warm       ${ms(x.relatedMs.warm)}${x.relatedMs.warmRounds === undefined ? '' : `   (median of ${x.relatedMs.warmRounds.length} rounds: p50 ${x.relatedMs.warmRounds.map((v: { p50: number }) => v.p50.toFixed(3)).join(' ')})`}`,
      `  related cold       ${ms(x.relatedMs.cold)}   (densities computed on first use)`,
      `  localScaling 0     ${ms(x.relatedMs.localScaling0)}`,
      `  exact              ${ms(x.relatedMs.exact)}`,
      `  natural tfidfs     ${ms(x.naturalTfidfsMs)}   (${x.naturalTfidfsMs.queries} queries; visits every document)`,
      `  brute-force scan   ${ms(x.bruteForceMs)}`,
      `  agreement          exact top-10 vs brute force ${(100 * x.agreement.exactTop10OverlapWithBruteForce).toFixed(1)}%, top-1 exact ${(100 * x.agreement.exactTop1).toFixed(1)}%, pruned ${(100 * x.agreement.prunedTop1).toFixed(1)}%; max |cosine - ml-distance| ${x.agreement.maxCosineDiffVsMlDistance.toExponential(2)}`,
      `  all-pairs top-10   one core ${x.allPairsTop10.oneCoreSeconds.toFixed(2)} s; two workers ${x.allPairsTop10.twoWorkersWallSeconds.toFixed(2)} s wall (incl. worker start + load)`,
      `  saved              ${(x.savedBytes / MiB).toFixed(1)} MiB, save ${(x.saveSeconds * 1000).toFixed(0)} ms, load ${(x.loadSeconds.median * 1000).toFixed(0)} ms`,
    ];
    const s = r.synthetic as Record<string, any> | undefined;
    if (s !== undefined) {
      lines.push(
        `synthetic archive: ${s.documents} articles (${s.generator})`,
        `  build              ${s.buildSeconds.toFixed(1)} s; ${s.stats.terms} terms, ${s.stats.postings} postings`,
        `  memory             ${((s.memory.heapBytes + s.memory.arrayBufferBytes) / MiB).toFixed(0)} MiB, ${Math.round(s.memory.bytesPerDocument)} bytes/doc`,
        `  related            localScaling 0: ${ms(s.relatedMs.localScaling0)}; default, cold densities: ${ms(s.relatedMs.defaultCold)}; exact: ${ms(s.relatedMs.exactNoScaling)}`,
        `  saved              ${(s.savedBytes / MiB).toFixed(0)} MiB, save ${s.saveSeconds.toFixed(1)} s, load ${s.loadSeconds.toFixed(1)} s`,
      );
    }
    return lines.join('\n');
  },
};
