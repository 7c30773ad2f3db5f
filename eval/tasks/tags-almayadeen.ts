/**
 * `npm run eval -- tags --dataset almayadeen [--limit N] [--k N] [--min-score X]`: country tags of
 * Arabic articles (Al Mayadeen 2023) against the editors' tags.
 *
 * Gold, two ways, both printed:
 *   - "aliases": the editor tags that resolve to a country through news-tagger's own Arabic names (the
 *     Arabic gazetteer's exact lookup, names and aliases, not demonyms); other tags are not country tags;
 *   - "registry": the editor tags equal to a world-countries Arabic name (common or official), which
 *     does not move when the library's aliases change.
 * Predictions: `suggestTags(article, { types: ['place'], limit: k })` with the article's `lang` ("ar"),
 * keeping country entries. The substring baseline of the issue (world-countries Arabic names found in
 * title + body, the 3 most frequent) runs in the same pass.
 *
 * Split by month: January-June 2023 is the development half (every default touched for Arabic was
 * chosen on it), July-December the held-out half; both are printed, and the whole year.
 */
import { createRequire } from 'node:module';
import { compileGazetteer, type CompiledGazetteer } from '../../src/entities/gazetteer.js';
import { defaultGazetteer } from '../../src/default-data.js';
import { withLanguageNames } from '../../src/entities/language-names.js';
import { arabic, spanish } from '../../src/languages.js';
import { createTagger } from '../../src/node.js';
import { datasetPath, loadJsonl, type DatasetArticle } from '../datasets.js';
import { compareSets, pct, PrfAccumulator, type PRF } from '../metrics.js';
import type { EvalContext } from '../types.js';

const require = createRequire(import.meta.url);

/** The tags of an article that name a country through the gazetteer's Arabic lookup. */
export function aliasCountries(gazetteer: CompiledGazetteer, tags: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of tags) {
    const r = gazetteer.lookup(t).find((x) => x.via !== 'demonym' && x.entry.kind === 'country');
    if (r !== undefined) out.add(r.entry.id);
  }
  return out;
}

function registryNames(): Map<string, string> {
  const world = require('world-countries') as { cca2: string; translations: { ara?: { common: string; official: string } } }[];
  const names = new Map<string, string>();
  for (const c of world) {
    const t = c.translations.ara;
    if (t === undefined) continue;
    names.set(t.common, `country:${c.cca2}`);
    names.set(t.official, `country:${c.cca2}`);
  }
  return names;
}

/** The baseline: world-countries Arabic names as substrings, the 3 most frequent countries. */
function substringBaseline(doc: DatasetArticle, names: Map<string, string>, k: number): string[] {
  const text = `${doc.title}\n${doc.body}`;
  const counts = new Map<string, number>();
  for (const [name, id] of names) {
    let n = 0;
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) n++;
    if (n > 0) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, k).map(([id]) => id);
}

type Half = 'dev (Jan-Jun)' | 'held-out (Jul-Dec)';
const half = (doc: DatasetArticle): Half => (Number((doc.date ?? '').slice(5, 7)) <= 6 ? 'dev (Jan-Jun)' : 'held-out (Jul-Dec)');

export async function runAlMayadeenTags(ctx: EvalContext): Promise<Record<string, unknown>> {
  const path = datasetPath(ctx.sharedDir, 'almayadeen', ctx.data);
  const docs = loadJsonl(path, ctx.limit);
  const k = Number(ctx.flags.get('k') ?? 4);
  const minScore = ctx.flags.get('min-score') === undefined ? undefined : Number(ctx.flags.get('min-score'));
  const gazetteer = compileGazetteer(withLanguageNames(defaultGazetteer(), [arabic(), spanish()])).language('ar');
  const registry = registryNames();
  const tagger = createTagger(minScore === undefined ? {} : { minScore });
  const acc = { library: new PrfAccumulator(), baseline: new PrfAccumulator(), libraryRegistry: new PrfAccumulator(), baselineRegistry: new PrfAccumulator() };
  const t0 = performance.now();
  let withGold = 0;
  for (const doc of docs) {
    const gold = aliasCountries(gazetteer, doc.tags ?? []);
    const goldRegistry = new Set((doc.tags ?? []).map((t) => registry.get(t)).filter((x): x is string => x !== undefined));
    if (gold.size > 0) withGold++;
    const predicted = tagger
      .suggestTags({ id: doc.id, title: doc.title, body: doc.body, lang: 'ar' }, { types: ['place'], limit: k })
      .filter((t) => t.id.startsWith('country:'))
      .map((t) => t.id);
    const base = substringBaseline(doc, registry, 3);
    for (const group of [half(doc), 'all']) {
      acc.library.add(group, compareSets(predicted, gold));
      acc.baseline.add(group, compareSets(base, gold));
      acc.libraryRegistry.add(group, compareSets(predicted, goldRegistry));
      acc.baselineRegistry.add(group, compareSets(base, goldRegistry));
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const table = (a: PrfAccumulator): Record<string, PRF> => Object.fromEntries(['dev (Jan-Jun)', 'held-out (Jul-Dec)', 'all'].map((g) => [g, a.micro([g])]));
  return {
    task: 'tags',
    dataset: 'almayadeen',
    data: path,
    documents: docs.length,
    documentsWithCountryTags: withGold,
    settings: { types: ['place'], limit: k, minScore: tagger.options.minScore },
    seconds,
    aliasesGold: { library: table(acc.library), baseline: table(acc.baseline) },
    registryGold: { library: table(acc.libraryRegistry), baseline: table(acc.baselineRegistry) },
  };
}

export function formatAlMayadeenTags(r: Record<string, unknown>): string {
  const row = (name: string, x: PRF): string => `    ${name.padEnd(20)} P ${pct(x.precision).padStart(5)}  R ${pct(x.recall).padStart(5)}  F1 ${pct(x.f1).padStart(5)}   (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`;
  const lines = [
    `Arabic country tags on ${r.documents} Al Mayadeen 2023 articles (${r.documentsWithCountryTags} with a country tag; ${r.data}); ${(r.seconds as number).toFixed(1)} s`,
    `settings ${JSON.stringify(r.settings)}; dev = January-June (defaults chosen there), held-out = July-December`,
  ];
  for (const [gold, title] of [['aliasesGold', 'gold = editor tags that resolve to a country through news-tagger\'s Arabic names'], ['registryGold', 'gold = editor tags equal to a world-countries Arabic name']] as const) {
    lines.push(`${title}:`);
    const g = r[gold] as { library: Record<string, PRF>; baseline: Record<string, PRF> };
    for (const [who, name] of [['library', 'news-tagger'], ['baseline', 'substring baseline, top 3']] as const) {
      lines.push(`  ${name}:`);
      for (const [split, x] of Object.entries(g[who])) lines.push(row(split, x));
    }
  }
  return lines.join('\n');
}
