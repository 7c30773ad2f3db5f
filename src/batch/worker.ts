/**
 * Worker thread entry (built to dist/batch-worker.js). Protocol:
 *   main -> worker  { type: 'init', spec }                  worker -> main  { type: 'ready' } | { type: 'fail', message }
 *   main -> worker  { type: 'run', seq, texts }             worker -> main  { type: 'done', seq, outcomes } | { type: 'error', seq, message }
 */
import { parentPort } from 'node:worker_threads';
import { createRecordJob, type JobSpec, type RecordOutcome } from './job.js';

type Incoming = { type: 'init'; spec: JobSpec } | { type: 'run'; seq: number; texts: string[] };

const port = parentPort;
if (port !== null) {
  let job: ((texts: string[]) => Promise<RecordOutcome[]>) | undefined;
  port.on('message', (message: Incoming) => {
    if (message.type === 'init') {
      try {
        job = createRecordJob(message.spec);
        port.postMessage({ type: 'ready' });
      } catch (error) {
        port.postMessage({ type: 'fail', message: (error as Error).message });
      }
      return;
    }
    const { seq } = message;
    (job as NonNullable<typeof job>)(message.texts).then(
      (outcomes) => port.postMessage({ type: 'done', seq, outcomes }),
      (error: unknown) => port.postMessage({ type: 'error', seq, message: String((error as Error)?.stack ?? error) }),
    );
  });
}
