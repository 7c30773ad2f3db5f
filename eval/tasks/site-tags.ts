/**
 * `npm run eval -- site-tags --preset guardian|reuters|almayadeen [--dev]`, or
 * `npm run eval -- site-tags --train FILE --data FILE` / `--data FILE --split-date YYYY-MM`
 * (`--field tags`, `--k N` for the top-k rows).
 *
 * A site model trained on the training part only, scored on the test part against *all* editor tags
 * (micro P/R/F1, and per kind: entities, topics), at its own threshold and limit (chosen on its
 * validation fold inside the training part) and at top-k; beside, in the same run: news-tagger without
 * a site model (entity tags + region sections, default options) and a plain reference (the top-k tags
 * of the 10 nearest archive articles in a CorpusIndex, votes weighted by similarity). Then the
 * calibration table: the model's suggestions (any score) in score bins, with the share that are editor
 * tags. A predicted tag matches an editor tag when their name keys are equal or when both name the same
 * gazetteer entity. `--dev` runs the inner split of the training part (see eval/site-split.ts): the
 * split every default was chosen on.
 */
import { compileGazetteer, nameKey, type CompiledGazetteer } from '../../src/entities/gazetteer.js';
import { defaultGazetteer } from '../../src/default-data.js';
import { withLanguageNames } from '../../src/entities/language-names.js';
import { arabic, spanish } from '../../src/languages.js';
import { createCorpusIndex, createTagger, trainSiteModel, type TagSuggestion } from '../../src/node.js';
import type { DatasetArticle } from '../datasets.js';
import { pct, prf, type Counts, type PRF } from '../metrics.js';
import { fileSplit, presetSplit, type SitePreset, type SiteSplit } from '../site-split.js';
import type { EvalContext, EvalTask } from '../types.js';

interface Pred {
  label: string;
  id?: string;
  kind?: 'entity' | 'topic';
  score?: number;
}

interface Gold {
  key: string;
  id: string | undefined;
  kind: 'entity' | 'topic';
}

type Acc = Record<'all' | 'entity' | 'topic', Counts>;
const newAcc = (): Acc => ({ all: { tp: 0, fp: 0, fn: 0 }, entity: { tp: 0, fp: 0, fn: 0 }, topic: { tp: 0, fp: 0, fn: 0 } });

function entityOf(gazetteer: CompiledGazetteer, label: string): string | undefined {
  const found = gazetteer.lookup(label).filter((r) => r.via !== 'demonym' && r.via !== 'metonym').sort((a, b) => Number(a.ambiguous) - Number(b.ambiguous));
  return found[0]?.entry.id;
}

/** Matches predictions to gold tags (each at most once); adds the counts overall and per kind. */
export function scoreArticle(acc: Acc, preds: readonly Pred[], gold: readonly Gold[]): boolean[] {
  const used = new Array<boolean>(gold.length).fill(false);
  const hit = preds.map((p) => {
    const key = nameKey(p.label) || p.label.toLowerCase();
    const g = gold.findIndex((x, i) => !used[i] && (x.key === key || (p.id !== undefined && x.id !== undefined && x.id === p.id)));
    if (g >= 0) used[g] = true;
    return g >= 0;
  });
  const add = (kind: 'all' | 'entity' | 'topic', keepPred: (p: Pred, i: number) => boolean, keepGold: (g: Gold) => boolean): void => {
    let tp = 0;
    let np = 0;
    preds.forEach((p, i) => {
      if (!keepPred(p, i)) return;
      np++;
      if (hit[i]) tp++;
    });
    const ng = gold.filter(keepGold).length;
    const matchedGold = gold.filter((g, i) => keepGold(g) && used[i]).length;
    acc[kind].tp += kind === 'all' ? tp : matchedGold;
    acc[kind].fp += np - tp;
    acc[kind].fn += ng - (kind === 'all' ? tp : matchedGold);
  };
  add('all', () => true, () => true);
  add('entity', (p) => p.kind !== 'topic', (g) => g.kind === 'entity');
  add('topic', (p) => p.kind === 'topic', (g) => g.kind === 'topic');
  return hit;
}

function chooseSplit(ctx: EvalContext): SiteSplit {
  const preset = ctx.flags.get('preset');
  const dev = ctx.flags.has('dev');
  if (preset !== undefined) {
    if (preset !== 'guardian' && preset !== 'reuters' && preset !== 'almayadeen') throw new Error(`--preset must be guardian, reuters or almayadeen, got "${preset}"`);
    return presetSplit(ctx.sharedDir, preset as SitePreset, dev, ctx.limit);
  }
  if (ctx.data === undefined) return presetSplit(ctx.sharedDir, 'guardian', dev, ctx.limit);
  return fileSplit(ctx.data, ctx.flags.get('train'), ctx.flags.get('split-date'), ctx.flags.get('field') ?? 'tags', Number(ctx.flags.get('k') ?? 5), ctx.limit);
}

const article = (d: DatasetArticle): { id: string; title: string; body: string; lang: string; date?: string } => ({
  id: d.id, title: d.title, body: d.body, lang: d.lang, ...(d.date !== undefined ? { date: d.date } : {}),
});

export const siteTagsTask: EvalTask = {
  name: 'site-tags',
  description: "a site model trained on an archive's earlier part vs its editors' tags on the later part, beside news-tagger without it and a 10-nearest-articles reference",
  async run(ctx) {
    const split = chooseSplit(ctx);
    const k = Number(ctx.flags.get('k') ?? split.k);
    ctx.log(`site-tags: ${split.name}: train ${split.train.length}, test ${split.test.length}`);
    const gazetteer = compileGazetteer(withLanguageNames(defaultGazetteer(), [arabic(), spanish()]));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const extra = ctx.flags.get('options') !== undefined ? (JSON.parse(ctx.flags.get('options') as string) as Record<string, unknown>) : {};
    const model = trainSiteModel(split.train.map((d) => ({ ...article(d), tags: d.tags ?? [] })), {
      ...extra,
      onProgress: (p) => p.phase !== 'analyze' && ctx.log(`  training: ${p.phase}`),
    });
    const trainSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const bytes = model.save();
    ctx.log(`site-tags: trained in ${trainSeconds.toFixed(1)} s, ${(bytes.length / 1e6).toFixed(2)} MB, ${JSON.stringify(model.stats)}`);
    const kindOf = new Map(model.tags().map((t) => [nameKey(t.label) || t.label.toLowerCase(), t.kind]));
    const site = createTagger({ site: bytes });
    const plain = createTagger(split.name.startsWith('guardian') ? { taxonomy: 'guardian' } : {});
    const index = createCorpusIndex();
    for (const d of split.train) index.add(article(d));
    const tagsOf = new Map(split.train.map((d) => [d.id, d.tags ?? []]));

    const acc = { site: newAcc(), topK: newAcc(), plain: newAcc(), knn: newAcc() };
    const bins = Array.from({ length: 10 }, () => ({ n: 0, hits: 0 }));
    let siteSeconds = 0;
    let words = 0;
    for (const d of split.test) {
      const gold: Gold[] = (d.tags ?? []).map((label) => {
        const key = nameKey(label) || label.toLowerCase();
        const id = entityOf(gazetteer, label);
        return { key, id, kind: kindOf.get(key) ?? (id !== undefined ? 'entity' : 'topic') };
      });
      const a = article(d);
      const s0 = performance.now();
      const tagged = site.tag(a);
      siteSeconds += (performance.now() - s0) / 1000;
      words += tagged.readingTime.words;
      const asPred = (t: TagSuggestion): Pred => ({ label: t.label, id: t.id, kind: t.kind ?? 'entity', score: t.score });
      scoreArticle(acc.site, tagged.tags.map(asPred), gold);
      const all = site.suggestTags(a, { limit: 50, minScore: 0 }).map(asPred);
      scoreArticle(acc.topK, all.slice(0, k), gold);
      const hits = scoreArticle(newAcc(), all, gold);
      all.forEach((p, i) => {
        const bin = bins[Math.min(9, Math.floor((p.score ?? 0) * 10))] as { n: number; hits: number };
        bin.n++;
        if (hits[i]) bin.hits++;
      });
      const p = plain.tag(a);
      scoreArticle(acc.plain, [...p.tags.map((t) => ({ label: t.label, id: t.id, kind: 'entity' as const })), ...p.regions.map((r) => ({ label: r.region, kind: 'topic' as const }))], gold);
      const votes = new Map<string, number>();
      for (const r of index.related(a, { k: 10, lang: 'any', collapse: false })) for (const t of tagsOf.get(r.id) ?? []) votes.set(t, (votes.get(t) ?? 0) + r.similarity);
      const knn = [...votes.entries()].sort((x, y) => y[1] - x[1]).slice(0, k).map(([label]) => ({ label, kind: kindOf.get(nameKey(label) || label.toLowerCase()) ?? ('topic' as const) }));
      scoreArticle(acc.knn, knn, gold);
    }
    const summary = (x: Acc): Record<string, PRF> => ({ all: prf(x.all), entity: prf(x.entity), topic: prf(x.topic) });
    return {
      task: 'site-tags', split: split.name, train: split.train.length, test: split.test.length, k,
      trainSeconds, trainCpuSeconds, modelBytes: bytes.length, stats: model.stats,
      tagWordsPerSecond: siteSeconds > 0 ? words / siteSeconds : 0,
      site: summary(acc.site), topK: summary(acc.topK), plain: summary(acc.plain), knn: summary(acc.knn),
      calibration: bins.map((b, i) => ({ bin: `${(i / 10).toFixed(1)}-${((i + 1) / 10).toFixed(1)}`, n: b.n, editorTags: b.n === 0 ? 0 : b.hits / b.n })),
    };
  },
  format(r) {
    const row = (name: string, x: PRF): string => `  ${name.padEnd(44)} P ${pct(x.precision).padStart(5)}  R ${pct(x.recall).padStart(5)}  F1 ${pct(x.f1).padStart(5)}   (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`;
    const stats = r.stats as { threshold: number; topicThreshold: number; limit: number; validationF1: number; entityTags: number; topicTags: number; linearModels: number };
    const lines = [
      `site-tags: ${r.split}: train ${r.train}, test ${r.test} articles`,
      `model: trained in ${(r.trainSeconds as number).toFixed(1)} s (CPU ${(r.trainCpuSeconds as number).toFixed(1)} s), ${((r.modelBytes as number) / 1e6).toFixed(2)} MB; ${stats.entityTags} entity + ${stats.topicTags} topic tags, ${stats.linearModels} linear models; thresholds ${stats.threshold.toFixed(3)} (entities), ${stats.topicThreshold.toFixed(3)} (topics), limit ${stats.limit} (validation F1 ${pct(stats.validationF1)}); tag() with the model ${Math.round(r.tagWordsPerSecond as number).toLocaleString('en-US')} words/s`,
    ];
    const block = (title: string, s: Record<string, PRF>): void => {
      lines.push(title);
      lines.push(row('all editor tags', s.all as PRF));
      lines.push(row('entities', s.entity as PRF));
      lines.push(row('topics', s.topic as PRF));
    };
    block('site model (its threshold and limit):', r.site as Record<string, PRF>);
    block(`site model, top ${r.k}:`, r.topK as Record<string, PRF>);
    block('news-tagger without a site model (entity tags + regions):', r.plain as Record<string, PRF>);
    block(`reference: top ${r.k} tags of the 10 nearest archive articles:`, r.knn as Record<string, PRF>);
    lines.push('calibration (site model suggestions at any score): bin, suggestions, share that are editor tags');
    for (const b of r.calibration as { bin: string; n: number; editorTags: number }[]) lines.push(`  ${b.bin}  ${String(b.n).padStart(6)}  ${pct(b.editorTags).padStart(5)}`);
    return lines.join('\n');
  },
};
