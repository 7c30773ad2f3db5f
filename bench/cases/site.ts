/**
 * `npm run bench -- site [--preset guardian|reuters|almayadeen] [--rounds N]`: a site model per
 * development set: training time (wall and CPU; Reuters on all of its train file, topics), model file
 * size, and tag() words/s on the test part with and without the site model, measured in alternating
 * rounds of the same run (this VM is shared and drifts).
 */
import { createTagger, trainSiteModel } from '../../src/node.js';
import { datasetPath, loadJsonl } from '../../eval/datasets.js';
import { presetSplit, type SitePreset } from '../../eval/site-split.js';
import type { BenchCase } from '../types.js';
import { fmtRate, machine } from '../util.js';

const PRESETS: readonly SitePreset[] = ['guardian', 'reuters', 'almayadeen'];

export const siteBench: BenchCase = {
  name: 'site',
  description: 'site model: training time and model size per dev set; tag() words/s with and without the model (alternating rounds)',
  async run(ctx) {
    const only = ctx.flags.get('preset');
    const rounds = Number(ctx.flags.get('rounds') ?? 3);
    const results: Record<string, unknown> = {};
    for (const preset of PRESETS) {
      if (only !== undefined && only !== preset) continue;
      const split = presetSplit(ctx.sharedDir, preset, false, ctx.limit);
      const train = preset === 'reuters'
        ? loadJsonl(datasetPath(ctx.sharedDir, 'reuters'), ctx.limit).map((d) => ({ ...d, tags: d.topics ?? [] }))
        : split.train;
      const articles = train.map((d) => ({ id: d.id, title: d.title, body: d.body, lang: d.lang, ...(d.date !== undefined ? { date: d.date } : {}), tags: d.tags ?? [] }));
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const model = trainSiteModel(articles);
      const cpu = process.cpuUsage(cpu0);
      const trainSeconds = (performance.now() - t0) / 1000;
      const bytes = model.save();
      const docs = split.test.map((d) => ({ id: d.id, title: d.title, body: d.body, lang: d.lang }));
      const plain = createTagger();
      const site = createTagger({ site: bytes });
      const words = docs.reduce((n, d) => n + plain.analyzeText(d).wordCount, 0);
      site.tag(docs[0] ?? { id: '', title: '', body: '' });
      plain.tag(docs[0] ?? { id: '', title: '', body: '' });
      const times = { plain: [] as number[], site: [] as number[] };
      for (let r = 0; r < rounds; r++) {
        for (const [name, tagger] of [['plain', plain], ['site', site]] as const) {
          const s = performance.now();
          for (const d of docs) tagger.tag(d);
          times[name].push((performance.now() - s) / 1000);
        }
      }
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      results[preset] = {
        trainArticles: articles.length, trainSeconds, trainCpuSeconds: (cpu.user + cpu.system) / 1e6, modelBytes: bytes.length,
        testArticles: docs.length, words, plainWordsPerSecond: words / median(times.plain), siteWordsPerSecond: words / median(times.site),
      };
      ctx.log(`site ${preset}: ${JSON.stringify(results[preset])}`);
    }
    return { bench: 'site', machine: machine(), rounds, results };
  },
  format(r) {
    const lines = [`site models (${JSON.stringify(r.machine)}), tag() medians of ${r.rounds} alternating rounds`];
    for (const [preset, x] of Object.entries(r.results as Record<string, Record<string, number>>)) {
      lines.push(`  ${preset.padEnd(11)} train ${x.trainArticles} articles in ${x.trainSeconds!.toFixed(1)} s (CPU ${x.trainCpuSeconds!.toFixed(1)} s), model ${(x.modelBytes! / 1e6).toFixed(2)} MB; ` +
        `tag() on ${x.testArticles} test articles: ${fmtRate(x.siteWordsPerSecond!)} words/s with the model, ${fmtRate(x.plainWordsPerSecond!)} without`);
    }
    return lines.join('\n');
  },
};
