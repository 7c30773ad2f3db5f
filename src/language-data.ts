/**
 * The shipped Arabic and Spanish gazetteer names, as data. In development they come from
 * data/generated/gazetteer.json; the build (tsup.config.ts) puts dist/data/names-ar.cjs and
 * dist/data/names-es.cjs in place of this module (and the batch worker build the names that the
 * main thread sends, src/batch/worker-defaults.ts). Use news-tagger/languages (src/languages.ts).
 */
import type { GazetteerData } from './entities/gazetteer-data.js';
import { packNames, type PackedNames } from './entities/language-names.js';
import gazetteer from '../data/generated/gazetteer.json';

export function arabicNames(): PackedNames {
  return packNames(gazetteer as unknown as GazetteerData, 'ar');
}

export function spanishNames(): PackedNames {
  return packNames(gazetteer as unknown as GazetteerData, 'es');
}
