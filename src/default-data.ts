/**
 * The bundled data: the gazetteer and the region taxonomies generated in data/generated/ by the data
 * build (see data/README.md). Importing JSON costs nothing at run time beyond parsing; compiling it
 * happens lazily inside `createTagger()`.
 */
import type { GazetteerData, TaxonomyData, TaxonomyFile } from './entities/gazetteer-data.js';
import gazetteer from '../data/generated/gazetteer.json';
import taxonomies from '../data/generated/taxonomies.json';

/** The bundled gazetteer. */
export function defaultGazetteer(): GazetteerData {
  return gazetteer as unknown as GazetteerData;
}

/** The bundled region taxonomies ("newsroom", "guardian", "un-m49"). */
export function taxonomyPresets(): readonly TaxonomyData[] {
  return (taxonomies as unknown as TaxonomyFile).taxonomies;
}
