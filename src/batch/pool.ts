/**
 * A small pool of worker threads running the per-row job (node:worker_threads, no dependency).
 * Each call to `run()` sends one batch of raw records (strings) to the least busy worker and
 * resolves with its `BatchOutcome`, whose output bytes are transferred back, not copied. The caller
 * bounds the number of batches in flight (backpressure).
 *
 * Chosen by measurement over piscina 5.3 and tinypool 2.2 (same worker code, same job): no faster
 * here (the cost is in each thread's start-up and JIT warm-up, not in dispatch), and both need
 * Node >= 20 while the package supports Node 18.
 *
 * The worker script is dist/batch-worker.js next to the bundle that imports this module. In
 * development (src/ run by tsx or vitest) it is src/batch/worker.ts, loaded through tsx's ESM hooks.
 * When neither can start, the pool runs the job on the main thread (`size` is then 0).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { defaultGazetteer, taxonomyPresets } from '../default-data.js';
import { shippedNerModel } from '../entities/ner/model.generated.js';
import { createError } from '../errors.js';
import { createRecordJob, type BatchOutcome, type JobSpec } from './job.js';
import type { WorkerDefaults } from './worker-defaults.js';

export interface RowPool {
  /** Worker threads in use; 0 when rows run on the main thread. */
  readonly size: number;
  /** Runs a batch of records; `header` is the CSV input's header (undefined for JSONL). */
  run(texts: string[], header: readonly string[] | undefined): Promise<BatchOutcome>;
  close(): Promise<void>;
}

/** Runs the job on the calling thread. */
export function createInlinePool(spec: JobSpec): RowPool {
  const job = createRecordJob(spec);
  return {
    size: 0,
    run: (texts, header) => job(texts, header),
    close: async () => undefined,
  };
}

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve(o: BatchOutcome): void; reject(e: Error): void }>;
}

/** How to start the worker: the built script, or the TypeScript source through tsx. */
function workerSource(): { url: URL; tsx: string | undefined } | undefined {
  const here = import.meta.url;
  const built = new URL('./batch-worker.js', here);
  if (existsSync(fileURLToPath(built))) return { url: built, tsx: undefined };
  const source = new URL('./worker.ts', here);
  if (!existsSync(fileURLToPath(source))) return undefined;
  try {
    // require.resolve finds the CommonJS build of tsx's API; its ESM twin sits beside it
    const tsx = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
    return { url: source, tsx: pathToFileURL(tsx).href };
  } catch {
    return undefined;
  }
}

let defaults: WorkerDefaults | undefined;

/** The bundled data for built workers (see worker-defaults.ts), serialized once per process. */
function workerDefaults(): WorkerDefaults {
  defaults ??= {
    gazetteerJson: JSON.stringify(defaultGazetteer()),
    taxonomiesJson: JSON.stringify({ taxonomies: taxonomyPresets() }),
    nerModel: shippedNerModel(),
  };
  return defaults;
}

function spawnWorker(source: { url: URL; tsx: string | undefined }): Worker {
  return source.tsx === undefined
    ? new Worker(source.url)
    : new Worker(
        `import(${JSON.stringify(source.tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source.url.href)}); });`,
        { eval: true },
      );
}

/** Sends `init` and resolves when the worker has compiled its tagger. */
function initWorker(worker: Worker, spec: JobSpec, defaults: WorkerDefaults | undefined): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`worker exited with code ${code} before it was ready`));
    };
    const onMessage = (message: { type: string; message?: string }): void => {
      cleanup();
      if (message.type === 'ready') resolve(worker);
      else {
        void worker.terminate();
        reject(new Error(message.message ?? 'worker failed to start'));
      }
    };
    const cleanup = (): void => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
    };
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.on('message', onMessage);
    worker.postMessage({ type: 'init', spec, defaults });
  });
}

/**
 * Starts `size` workers (0: inline). Falls back to the inline pool when the worker script is
 * missing or a worker cannot start; bad tagger options still throw (they are checked first inline).
 */
export async function createPool(size: number, spec: JobSpec): Promise<RowPool> {
  if (size <= 0) return createInlinePool(spec);
  const source = workerSource();
  if (source === undefined) return createInlinePool(spec);
  let workers: Worker[];
  const spawned: Worker[] = [];
  try {
    // the threads boot while this thread serializes the data they need
    for (let i = 0; i < size; i++) spawned.push(spawnWorker(source));
    const defaults = source.tsx === undefined ? workerDefaults() : undefined;
    workers = await Promise.all(spawned.map((w) => initWorker(w, spec, defaults)));
  } catch {
    await Promise.all(spawned.map((w) => w.terminate()));
    return createInlinePool(spec);
  }
  const slots: Slot[] = workers.map((worker) => ({ worker, busy: 0, pending: new Map() }));
  let seq = 0;
  let failure: Error | undefined;
  for (const slot of slots) {
    slot.worker.on('message', (message: { type: string; seq: number; outcome?: BatchOutcome; message?: string }) => {
      const waiter = slot.pending.get(message.seq);
      if (waiter === undefined) return;
      slot.pending.delete(message.seq);
      slot.busy--;
      if (message.outcome !== undefined) waiter.resolve(message.outcome);
      else waiter.reject(createError('BATCH_WORKER', message.message ?? 'unknown error'));
    });
    const die = (error: Error): void => {
      failure ??= createError('BATCH_WORKER', error.message);
      for (const waiter of slot.pending.values()) waiter.reject(failure);
      slot.pending.clear();
    };
    slot.worker.on('error', die);
    slot.worker.on('exit', (code) => {
      if (slot.pending.size > 0) die(new Error(`worker exited with code ${code}`));
    });
  }
  return {
    size,
    run(texts, header) {
      if (failure !== undefined) return Promise.reject(failure);
      let slot = slots[0] as Slot;
      for (const s of slots) if (s.busy < slot.busy) slot = s;
      const id = seq++;
      slot.busy++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ type: 'run', seq: id, texts, header });
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
