/**
 * The bundled data: the gazetteer and the region taxonomies generated in data/generated/ by the data
 * build (see data/README.md). Importing JSON costs nothing at run time beyond parsing; compiling it
 * happens lazily inside `createTagger()`.
 */
import type { GazetteerData, TaxonomyData } from './entities/gazetteer-data.js';

// placeholder until the data branch is merged
const GAZETTEER: GazetteerData = { version: 1, entries: [] };
const TAXONOMIES: TaxonomyData[] = [];

/** The bundled gazetteer. */
export function defaultGazetteer(): GazetteerData {
  return GAZETTEER;
}

/** The bundled region taxonomies ("newsroom", "guardian", "un-m49"). */
export function taxonomyPresets(): readonly TaxonomyData[] {
  return TAXONOMIES;
}
