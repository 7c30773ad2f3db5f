/**
 * `npm run bench -- extract [--rounds N] [--limit N]`: ms per page of `extractArticle` over the 88
 * pages of the article-extraction benchmark, beside Readability.js over linkedom (parse + extract)
 * in the same run. Each round times every page with one system then with the other (a full GC
 * between, so neither pays for the other's garbage), so that the machine's drift hits both alike;
 * each page's time is its median over the rounds. Also: a 5 MB page of inline scripts
 * around an article (linear time).
 */
import { extractArticle } from '../../src/node.js';
import { loadBenchmarkPages, loadReadability } from '../../eval/extract-pages.js';
import type { BenchCase } from '../types.js';
import { machine, percentile } from '../util.js';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
}

export const extractBench: BenchCase = {
  name: 'extract',
  description: 'extractArticle ms/page on the article-extraction benchmark pages, beside Readability.js + linkedom',
  async run(ctx) {
    const pages = loadBenchmarkPages(ctx.sharedDir, ctx.limit);
    const rounds = Number(ctx.flags.get('rounds') ?? 7);
    const readability = await loadReadability();
    const megabytes = pages.reduce((n, p) => n + p.html.length, 0) / 1e6;
    ctx.log(`extract: ${pages.length} pages, ${megabytes.toFixed(1)} M characters, ${rounds} rounds${readability === undefined ? ' (Readability.js + linkedom not installed)' : ''}`);
    // warm-up: one pass of each
    for (const p of pages) {
      extractArticle(p.html);
      readability?.(p.html, p.url);
    }
    const ours: number[][] = pages.map(() => []);
    const peer: number[][] = pages.map(() => []);
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
    for (let r = 0; r < rounds; r++) {
      gc();
      pages.forEach((p, i) => {
        const t0 = performance.now();
        extractArticle(p.html);
        (ours[i] as number[]).push(performance.now() - t0);
      });
      if (readability === undefined) continue;
      gc();
      pages.forEach((p, i) => {
        const t0 = performance.now();
        readability(p.html, p.url);
        (peer[i] as number[]).push(performance.now() - t0);
      });
    }
    const summary = (times: number[][]) => {
      const perPage = times.map(median).sort((a, b) => a - b);
      const total = perPage.reduce((a, b) => a + b, 0);
      const best = times.map((t) => Math.min(...t)).sort((a, b) => a - b);
      return {
        medianMs: percentile(perPage, 50),
        p95Ms: percentile(perPage, 95),
        maxMs: perPage[perPage.length - 1] ?? 0,
        // each page's fastest round: what the code costs when the busy machine lets it run
        bestMedianMs: percentile(best, 50),
        mbPerSecond: total === 0 ? 0 : megabytes / (total / 1000),
      };
    };
    // linear time: a page of 5 MB of inline scripts around a short article
    const para = '<p>The council of the fictional town of Norbury voted on Monday to open a new ferry line, officials said.</p>';
    const big = `<html><body>${`<script>var s = "${'x<y && </div> '.repeat(1000)}";</script>`.repeat(350)}<article>${para.repeat(5)}</article></body></html>`;
    const b0 = performance.now();
    const bigBody = extractArticle(big).body;
    const bigMs = performance.now() - b0;
    return {
      bench: 'extract',
      machine: machine(),
      pages: pages.length,
      rounds,
      newsTagger: summary(ours),
      ...(readability !== undefined ? { readability: summary(peer) } : {}),
      scriptPage: { megabytes: big.length / 1e6, ms: bigMs, bodyCharacters: bigBody.length },
    };
  },
  format(r) {
    const m = r.machine as Record<string, unknown>;
    const row = (name: string, s: Record<string, number> | undefined) =>
      s === undefined ? `  ${name}: not installed` : `  ${name.padEnd(28)} median ${s.medianMs?.toFixed(2)} ms/page (of each page's fastest round ${s.bestMedianMs?.toFixed(2)}), p95 ${s.p95Ms?.toFixed(1)}, max ${s.maxMs?.toFixed(1)}; ${s.mbPerSecond?.toFixed(1)} M chars/s`;
    const big = r.scriptPage as Record<string, number>;
    return [
      `extract: ${r.pages} pages x ${r.rounds} rounds, the two systems in turn (${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date})`,
      row('news-tagger extractArticle', r.newsTagger as Record<string, number>),
      row('Readability.js + linkedom', r.readability as Record<string, number> | undefined),
      `  ${big.megabytes?.toFixed(1)} MB page of inline scripts: ${big.ms?.toFixed(0)} ms (${big.bodyCharacters} characters of body)`,
    ].join('\n');
  },
};
