/**
 * The bundled data, as the built worker thread (dist/batch-worker.js) gets it: from the thread that
 * started it (`workerData`), instead of from its own bundle. The build (tsup.config.ts) puts this
 * module in place of src/default-data.ts and src/entities/ner/model.generated.ts in the worker, so
 * that each thread does not parse the 0.7 MB gazetteer and the 1.5 MB model again as JavaScript
 * (about 0.1 s of start-up per thread, measured). The main thread sends the gazetteer as JSON text
 * and the model as its base64 string; copying strings between threads is cheap.
 */
import { workerData } from 'node:worker_threads';
import type { GazetteerData, TaxonomyData, TaxonomyFile } from '../entities/gazetteer-data.js';

/** What the pool passes as `workerData` to a built worker. */
export interface WorkerDefaults {
  gazetteerJson: string;
  taxonomiesJson: string;
  nerModel: string;
}

let parsed: { gazetteer: GazetteerData; taxonomies: readonly TaxonomyData[] } | undefined;

function given(): WorkerDefaults {
  const data = workerData as Partial<WorkerDefaults> | null | undefined;
  if (typeof data?.gazetteerJson !== 'string' || typeof data.taxonomiesJson !== 'string' || typeof data.nerModel !== 'string') {
    throw new Error('news-tagger batch worker: started without the bundled data in workerData');
  }
  return data as WorkerDefaults;
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
