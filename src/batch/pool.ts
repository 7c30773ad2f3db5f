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
import { arabicNames, spanishNames } from '../language-data.js';
import { createError } from '../errors.js';
import { createRecordJob, type BatchOutcome, type JobSpec } from './job.js';
import { lenientId } from './read.js';
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
    namesJson: JSON.stringify({ ar: arabicNames(), es: spanishNames() }),
  };
  return defaults;
}

function spawnWorker(source: { url: URL; tsx: string | undefined }, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  return source.tsx === undefined
    ? new Worker(source.url, { resourceLimits })
    : new Worker(
        `import(${JSON.stringify(source.tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source.url.href)}); });`,
        { eval: true, resourceLimits },
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

/** Default heap limit of a worker thread (V8 old generation), in MiB. */
export const DEFAULT_WORKER_HEAP_MB = 2048;

/** A batch waiting for, or running on, a worker. */
interface Job {
  texts: string[];
  header: readonly string[] | undefined;
  /** A retried row, alone on its worker: if the worker dies, this row killed it. */
  isolated: boolean;
  resolve(o: BatchOutcome): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker | undefined; // undefined while a replacement starts
  jobs: Map<number, Job>;
  isolated: boolean;
}

/**
 * Starts `size` workers (0: inline), each with a heap limit of `heapMb` MiB. Falls back to the inline
 * pool when the worker script is missing or a worker cannot start; bad tagger options still throw
 * (they are checked first inline).
 *
 * A worker that dies (out of memory on a pathological row, a crash) is replaced, and the batches it
 * held are run again one row at a time, each row alone on a worker: the row that kills its worker
 * again is reported as failed (OVERSIZE when it ran out of memory, else TAG_FAILED) and the job goes
 * on. A replacement that cannot start fails the job with BATCH_WORKER.
 */
export async function createPool(size: number, spec: JobSpec, heapMb = DEFAULT_WORKER_HEAP_MB): Promise<RowPool> {
  if (size <= 0) return createInlinePool(spec);
  const source = workerSource();
  if (source === undefined) return createInlinePool(spec);
  const data = source.tsx === undefined ? workerDefaults() : undefined;
  const start = (): { worker: Worker; ready: Promise<Worker> } => {
    const worker = spawnWorker(source, heapMb);
    return { worker, ready: initWorker(worker, spec, data) };
  };
  let workers: Worker[];
  const spawned: Worker[] = [];
  try {
    // the threads boot while this thread serializes the data they need
    const started = Array.from({ length: size }, start);
    spawned.push(...started.map((s) => s.worker));
    workers = await Promise.all(started.map((s) => s.ready));
  } catch {
    await Promise.all(spawned.map((w) => w.terminate()));
    return createInlinePool(spec);
  }
  const slots: Slot[] = workers.map(() => ({ worker: undefined, jobs: new Map(), isolated: false }));
  const queue: Job[] = [];
  let seq = 0;
  let failure: Error | undefined;
  let closed = false;

  const fail = (error: Error): void => {
    failure ??= error;
    for (const job of queue.splice(0)) job.reject(failure);
    for (const slot of slots) {
      for (const job of slot.jobs.values()) job.reject(failure);
      slot.jobs.clear();
    }
  };

  /** Sends waiting jobs to workers: an isolated job to an idle worker that it then has alone. */
  const dispatch = (): void => {
    while (queue.length > 0) {
      const job = queue[0] as Job;
      let best: Slot | undefined;
      for (const slot of slots) {
        if (slot.worker === undefined || slot.isolated || (job.isolated && slot.jobs.size > 0)) continue;
        if (best === undefined || slot.jobs.size < best.jobs.size) best = slot;
      }
      if (best === undefined) return;
      queue.shift();
      const id = seq++;
      best.jobs.set(id, job);
      best.isolated = job.isolated;
      best.worker?.postMessage({ type: 'run', seq: id, texts: job.texts, header: job.header });
    }
  };

  const enqueue = (texts: string[], header: readonly string[] | undefined, isolated: boolean): Promise<BatchOutcome> => {
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      queue.push({ texts, header, isolated, resolve, reject });
      dispatch();
    });
  };

  /** The batches of a dead worker: each row again, alone; a row alone that killed it is a failed row. */
  const retry = (job: Job, error: Error): void => {
    if (job.texts.length === 1 && job.isolated) {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const reason = outOfMemory
        ? `tagging this row needs more memory than a worker thread may use (${heapMb} MiB); the row was skipped`
        : `the worker thread died while tagging this row (${error.message}); the row was skipped`;
      job.resolve(failedRow(job.texts[0] as string, job.header, spec, outOfMemory ? 'OVERSIZE' : 'TAG_FAILED', reason));
      return;
    }
    const rows = job.texts.map((text) => enqueue([text], job.header, true));
    Promise.all(rows).then((outcomes) => job.resolve(mergeOutcomes(outcomes)), job.reject);
  };

  const attach = (slot: Slot, worker: Worker): void => {
    slot.worker = worker;
    let dead = false;
    worker.on('message', (message: { type: string; seq: number; outcome?: BatchOutcome; message?: string }) => {
      const job = slot.jobs.get(message.seq);
      if (job === undefined) return;
      slot.jobs.delete(message.seq);
      slot.isolated = false;
      if (message.outcome !== undefined) job.resolve(message.outcome);
      else job.reject(createError('BATCH_WORKER', message.message ?? 'unknown error'));
      dispatch();
    });
    const die = (error: Error): void => {
      if (dead || closed) return;
      dead = true;
      const held = [...slot.jobs.values()];
      slot.jobs.clear();
      slot.isolated = false;
      slot.worker = undefined;
      void worker.terminate();
      const next = start();
      next.ready.then(
        (w) => {
          if (closed) void w.terminate();
          else {
            attach(slot, w);
            dispatch();
          }
        },
        (e: unknown) => fail(createError('BATCH_WORKER', `a replacement worker could not start: ${(e as Error).message}`)),
      );
      for (const job of held) retry(job, error);
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`worker exited with code ${code}`)));
  };
  workers.forEach((w, i) => attach(slots[i] as Slot, w));

  return {
    size,
    run: (texts, header) => enqueue(texts, header, false),
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}

/** The outcome of one row that could not be tagged. */
function failedRow(text: string, header: readonly string[] | undefined, spec: JobSpec, code: 'OVERSIZE' | 'TAG_FAILED', reason: string): BatchOutcome {
  return {
    ids: [lenientId(text, spec.format, header, spec.validate.columns.id)],
    valid: new Uint8Array(1),
    failures: [{ index: 0, code, reason }],
    bytes: new Uint8Array(0),
    ends: new Uint32Array(1),
  };
}

/** The outcomes of consecutive batches as one. O(rows + bytes). */
export function mergeOutcomes(outcomes: readonly BatchOutcome[]): BatchOutcome {
  const n = outcomes.reduce((sum, o) => sum + o.ids.length, 0);
  const total = outcomes.reduce((sum, o) => sum + o.bytes.length, 0);
  const merged: BatchOutcome = { ids: [], valid: new Uint8Array(n), failures: [], bytes: new Uint8Array(total), ends: new Uint32Array(n) };
  let at = 0;
  let offset = 0;
  for (const o of outcomes) {
    merged.ids.push(...o.ids);
    merged.valid.set(o.valid, at);
    for (const f of o.failures) merged.failures.push({ ...f, index: f.index + at });
    merged.bytes.set(o.bytes, offset);
    for (let i = 0; i < o.ids.length; i++) merged.ends[at + i] = offset + (o.ends[i] as number);
    at += o.ids.length;
    offset += o.bytes.length;
  }
  return merged;
}
