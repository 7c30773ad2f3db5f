/**
 * `npm run eval -- regions [--taxonomy guardian] [--data FILE] [--limit N] [--min-score X] [--no-model]`
 *
 * Region sections against the Guardian editors' region tags (Europe, UK news, Asia Pacific, ...), as
 * set precision / recall / F1 per document, micro-averaged and per section, with the `guardian`
 * preset by default. Baseline in the same run: compromise's places() (top 3 by frequency), resolved
 * through the gazetteer's alias lookup to countries and rolled up with the same taxonomy.
 * `regionMinScore` and REGION_SETTINGS were tuned on this set, and the guardian preset's Myanmar and
 * Turkey rows follow how these editors file those countries: not a held-out figure. The per-month
 * figures (100 articles each) show how much the score moves from one sample to the next.
 */
import { compileGazetteer } from '../../src/entities/gazetteer.js';
import { defaultGazetteer, taxonomyPresets } from '../../src/default-data.js';
import { withLanguageNames } from '../../src/entities/language-names.js';
import { arabic, spanish } from '../../src/languages.js';
import { compileTaxonomy } from '../../src/tags/regions.js';
import { createTagger } from '../../src/node.js';
import { compromiseTags } from '../baselines.js';
import { datasetPath, loadJsonl } from '../datasets.js';
import { compareSets, pct, PrfAccumulator, type PRF } from '../metrics.js';
import type { EvalTask } from '../types.js';

const key = (s: string): string => s.trim().toLowerCase();

export const regionsTask: EvalTask = {
  name: 'regions',
  description: 'region sections vs Guardian editors (guardian preset), beside compromise places() rolled up',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'guardian', ctx.data);
    const docs = loadJsonl(path, ctx.limit).filter((d) => d.regions !== undefined);
    const taxonomyName = ctx.flags.get('taxonomy') ?? 'guardian';
    const min = ctx.flags.get('min-score');
    // --no-model: the light path (gazetteer and name heuristics), without the NER model
    const light = ctx.flags.get('no-model') !== undefined ? { nerModel: null } : {};
    const tagger = createTagger({ taxonomy: taxonomyName, ...light, ...(min !== undefined ? { regionMinScore: Number(min) } : {}) });
    const gazetteer = compileGazetteer(withLanguageNames(defaultGazetteer(), [arabic(), spanish()]));
    const taxonomy = compileTaxonomy(taxonomyName, taxonomyPresets());
    const known = new Set(taxonomy.sections.map(key));
    ctx.log(`regions: ${docs.length} documents from ${path}, taxonomy ${taxonomyName}`);
    const lib = new PrfAccumulator();
    // the same figures over the articles the editors gave at least one region: 69 of the 600 have none,
    // although many name one country throughout, so every section suggested there counts as wrong
    const labelled = new PrfAccumulator();
    let labelledDocs = 0;
    // the same figures by month of publication: how much they move from one sample of 100 to the next
    const byMonth = new PrfAccumulator();
    const base = new PrfAccumulator();
    let outside = 0;
    for (const doc of docs) {
      const gold = (doc.regions ?? []).map(key);
      for (const g of gold) if (!known.has(g)) outside++;
      const predicted = tagger.suggestRegions({ id: doc.id, title: doc.title, body: doc.body }).map((r) => key(r.region));
      lib.add('all', compareSets(predicted, gold));
      byMonth.add(doc.date?.slice(0, 7) ?? 'undated', compareSets(predicted, gold));
      if (gold.length > 0) {
        labelled.add('all', compareSets(predicted, gold));
        labelledDocs++;
      }
      for (const section of new Set([...predicted, ...gold])) {
        lib.add(section, compareSets(predicted.filter((p) => p === section), gold.filter((g) => g === section)));
      }
      const places = compromiseTags(gazetteer, doc.title, doc.body, 3).filter((t) => t.type === 'place');
      const sections = new Set<string>();
      for (const p of places) {
        const entry = gazetteer.entries.get(p.id);
        if (entry?.country === undefined) continue;
        for (const s of taxonomy.sectionsOf.get(entry.country) ?? []) sections.add(key(s));
      }
      base.add('all', compareSets(sections, gold));
    }
    const perSection = lib.perType();
    const micro = perSection.all as PRF;
    delete perSection.all;
    return {
      task: 'regions',
      data: path,
      taxonomy: taxonomyName,
      documents: docs.length,
      regionMinScore: tagger.options.regionMinScore,
      goldOutsideTaxonomy: outside,
      library: { micro, perSection },
      labelled: { documents: labelledDocs, micro: labelled.micro() },
      byMonth: Object.fromEntries(Object.entries(byMonth.perType()).sort(([a], [b]) => (a < b ? -1 : 1))),
      compromise: { micro: base.micro() },
    };
  },
  format(r) {
    const row = (name: string, x: PRF): string =>
      `  ${name.padEnd(32)} P ${pct(x.precision).padStart(5)}  R ${pct(x.recall).padStart(5)}  F1 ${pct(x.f1).padStart(5)}   (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`;
    const lib = r.library as { micro: PRF; perSection: Record<string, PRF> };
    const lines = [
      `regions on ${r.documents} documents (${r.data}), taxonomy ${r.taxonomy}, regionMinScore ${r.regionMinScore}`,
      `gold region tags outside the taxonomy: ${r.goldOutsideTaxonomy}`,
      'news-tagger:',
      row('micro', lib.micro),
    ];
    for (const [s, x] of Object.entries(lib.perSection)) lines.push(row(s, x));
    const labelled = r.labelled as { documents: number; micro: PRF };
    lines.push(`news-tagger on the ${labelled.documents} articles with at least one editor region:`);
    lines.push(row('micro', labelled.micro));
    const months = Object.entries(r.byMonth as Record<string, PRF>);
    lines.push(`news-tagger by month: ${months.map(([m, x]) => `${m} ${pct(x.f1)}`).join(', ')}`);
    lines.push('compromise places() top 3 -> countries -> same taxonomy:');
    lines.push(row('micro', (r.compromise as { micro: PRF }).micro));
    return lines.join('\n');
  },
};
