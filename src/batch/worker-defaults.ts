/**
 * The bundled data, as the built worker thread (dist/batch-worker.js) gets it: from the thread that
 * started it (in the `init` message), instead of from its own bundle. The build (tsup.config.ts) puts
 * this module in place of src/default-data.ts, src/entities/ner/model.generated.ts and
 * src/language-data.ts in the worker, so that each thread does not parse the 0.7 MB gazetteer (and its
 * Arabic and Spanish names) and the 1.5 MB model again as JavaScript
 * (about 0.1 s of start-up per thread, measured). The main thread sends the gazetteer as JSON text
 * and the model as its base64 string; copying strings between threads is cheap.
 *
 * State is per thread: one worker thread runs one job spec with the data it was given.
 */
import type { GazetteerData, TaxonomyData, TaxonomyFile } from '../entities/gazetteer-data.js';
import type { PackedNames } from '../entities/language-names.js';

/** What the pool sends to a built worker with `init`. */
export interface WorkerDefaults {
  gazetteerJson: string;
  taxonomiesJson: string;
  nerModel: string;
  /** `{ ar, es }`: the packed Arabic and Spanish names (src/language-data.ts). */
  namesJson: string;
}

let provided: WorkerDefaults | undefined;

/** Called by the worker entry with the data from the `init` message (undefined in development). */
export function provideDefaults(data: WorkerDefaults | undefined): void {
  provided = data;
}

let parsed: { gazetteer: GazetteerData; taxonomies: readonly TaxonomyData[] } | undefined;
let names: { ar: PackedNames; es: PackedNames } | undefined;

function given(): WorkerDefaults {
  if (provided === undefined) throw new Error('news-tagger batch worker: started without the bundled data');
  return provided;
}

function parse(): { gazetteer: GazetteerData; taxonomies: readonly TaxonomyData[] } {
  if (parsed === undefined) {
    const data = given();
    parsed = { gazetteer: JSON.parse(data.gazetteerJson) as GazetteerData, taxonomies: (JSON.parse(data.taxonomiesJson) as TaxonomyFile).taxonomies };
  }
  return parsed;
}

export function defaultGazetteer(): GazetteerData {
  return parse().gazetteer;
}

export function taxonomyPresets(): readonly TaxonomyData[] {
  return parse().taxonomies;
}

export function shippedNerModel(): string {
  return given().nerModel;
}

function localNames(): { ar: PackedNames; es: PackedNames } {
  names ??= JSON.parse(given().namesJson) as { ar: PackedNames; es: PackedNames };
  return names;
}

export function arabicNames(): PackedNames {
  return localNames().ar;
}

export function spanishNames(): PackedNames {
  return localNames().es;
}
