/**
 * Worker thread entry (built to dist/batch-worker.js). Protocol:
 *   main -> worker  { type: 'init', spec, defaults }                worker -> main  { type: 'ready' } | { type: 'fail', message }
 *   main -> worker  { type: 'run', seq, texts, header }     worker -> main  { type: 'done', seq, outcome } | { type: 'error', seq, message }
 * The outcome's byte arrays are transferred to the main thread, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { createRecordJob, type BatchOutcome, type JobSpec } from './job.js';
import { provideDefaults, type WorkerDefaults } from './worker-defaults.js';

type Incoming = { type: 'init'; spec: JobSpec; defaults: WorkerDefaults | undefined } | { type: 'run'; seq: number; texts: string[]; header: string[] | undefined };

const port = parentPort;
if (port !== null) {
  let job: ((texts: readonly string[], header: readonly string[] | undefined) => Promise<BatchOutcome>) | undefined;
  port.on('message', (message: Incoming) => {
    if (message.type === 'init') {
      try {
        provideDefaults(message.defaults);
        job = createRecordJob(message.spec);
        port.postMessage({ type: 'ready' });
      } catch (error) {
        port.postMessage({ type: 'fail', message: (error as Error).message });
      }
      return;
    }
    const { seq } = message;
    (job as NonNullable<typeof job>)(message.texts, message.header).then(
      (outcome) => port.postMessage({ type: 'done', seq, outcome }, [outcome.bytes.buffer, outcome.ends.buffer, outcome.valid.buffer] as ArrayBuffer[]),
      (error: unknown) => port.postMessage({ type: 'error', seq, message: String((error as Error)?.stack ?? error) }),
    );
  });
}
