// Imports the built package by its own name (ESM condition) and runs the text stage.
import { createTagger, NewsTaggerError } from 'news-tagger';

const analysis = createTagger().analyzeText({ id: 's', title: 'Smoke test', body: '<p>Kim Jong-un met officials in Pyongyang.</p>' });
if (analysis.tokens.length < 5 || typeof NewsTaggerError !== 'function') throw new Error('ESM smoke test failed');
console.log(`esm ok: ${analysis.tokens.length} tokens`);

// The Node-only batch subpath, from ESM, with one worker thread (dist/batch-worker.js).
const { Readable, Writable } = await import('node:stream');
const { runTagJob } = await import('news-tagger/batch');
let out = '';
const sink = new Writable({ write(chunk, _e, cb) { out += chunk; cb(); } });
const summary = await runTagJob({ input: Readable.from(['{"id":"1","title":"Smoke","body":"Officials met in Geneva."}\n']), output: sink, format: 'jsonl', workers: 1 });
if (summary.rowsWritten !== 1 || summary.workers !== 1 || !out.includes('"readingTime"')) throw new Error('ESM batch smoke test failed');
console.log('esm batch ok: 1 row, 1 worker');
