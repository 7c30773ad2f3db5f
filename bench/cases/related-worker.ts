/**
 * Worker for the all-pairs benchmark: loads a saved index and runs related(id, { k }) for a slice of ids.
 * Node-only bench code (the core index stays browser-safe).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpusIndex } from '../../src/index.js';

const { bytes, ids, k } = workerData as { bytes: Uint8Array; ids: string[]; k: number };
const t0 = performance.now();
const index = loadCorpusIndex(bytes);
const t1 = performance.now();
let results = 0;
for (const id of ids) results += index.related(id, { k }).length;
const t2 = performance.now();
parentPort?.postMessage({ loadMs: t1 - t0, queryMs: t2 - t1, results, queries: ids.length });
