/**
 * The bundled data: the gazetteer and the region taxonomies generated in data/generated/ by the data
 * build (see data/README.md). Importing JSON costs nothing at run time beyond parsing; compiling it
 * happens lazily inside `createTagger()`.
 */
import type { GazetteerData, TaxonomyData, TaxonomyFile } from './entities/gazetteer-data.js';
import { isPackedGazetteer, unpackGazetteer } from './entities/gazetteer-pack.js';
import { withoutLocalNames } from './entities/language-names.js';
// the build puts dist/data/gazetteer.cjs (packed, without the Arabic and Spanish names, shared by
// every entry) in place of this file
import gazetteer from '../data/generated/gazetteer.json';
import taxonomies from '../data/generated/taxonomies.json';

let unpacked: GazetteerData | undefined;

/**
 * The bundled gazetteer, English names only: the Arabic and Spanish names are news-tagger/languages
 * (src/languages.ts), which the tagger adds when given (`languages`); in development they are taken
 * out here too, so that the core behaves as its build does.
 */
export function defaultGazetteer(): GazetteerData {
  const data: unknown = gazetteer;
  unpacked ??= isPackedGazetteer(data) ? unpackGazetteer(data) : withoutLocalNames(data as GazetteerData);
  return unpacked;
}

/** The bundled region taxonomies ("newsroom", "guardian", "un-m49"). */
export function taxonomyPresets(): readonly TaxonomyData[] {
  return (taxonomies as unknown as TaxonomyFile).taxonomies;
}
