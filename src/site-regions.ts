/**
 * Region sections as the site model reads them: the article's sections in the tagger's own taxonomy
 * and in every bundled preset ("newsroom", "guardian", "un-m49"), each named "<taxonomy>/<section>",
 * so that a site whose tags are the sections of one of them ("Europe", "UK news") meets them there, and
 * the training data decide which sections predict which tags. Training (src/site-train.ts) and
 * `tag()` (src/tagger.ts) both call this, so the model reads the same thing in both.
 */
import type { MentionScorer, ScoredEntity } from './entities/salience.js';
import { taxonomyPresets } from './default-data.js';
import { compileTaxonomy, suggestRegionsFromRanked, type CompiledTaxonomy } from './tags/regions.js';
import { REGION_MIN_SCORE } from './site/features.js';
import type { SiteRegion } from './site/types.js';

/** The tagger's taxonomy followed by every bundled preset of another name. Compile once per tagger. */
export function siteTaxonomies(own: CompiledTaxonomy): CompiledTaxonomy[] {
  const out = [own];
  for (const p of taxonomyPresets()) if (p.name !== own.name) out.push(compileTaxonomy(p.name, taxonomyPresets()));
  return out;
}

/** The article's sections in each taxonomy, at the site model's low threshold. O(taxonomies x entities). */
export function siteRegions(ranked: readonly ScoredEntity[], scoreMentions: MentionScorer, taxonomies: readonly CompiledTaxonomy[]): SiteRegion[] {
  const out: SiteRegion[] = [];
  for (const t of taxonomies) {
    for (const r of suggestRegionsFromRanked(ranked, t, REGION_MIN_SCORE, scoreMentions)) {
      const names = [r.region];
      for (const byLang of Object.values(t.labels ?? {})) {
        const l = byLang[r.region];
        if (l !== undefined && !names.includes(l)) names.push(l);
      }
      out.push({ region: `${t.name}/${r.region}`, score: r.score, names });
    }
  }
  return out;
}
