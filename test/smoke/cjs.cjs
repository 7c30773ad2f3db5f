// Requires the built package by its own name (CommonJS condition) and runs the text stage.
const { createTagger, NewsTaggerError } = require('news-tagger');

const analysis = createTagger().analyzeText({ id: 's', title: 'Smoke test', body: '<p>Kim Jong-un met officials in Pyongyang.</p>' });
if (analysis.tokens.length < 5 || typeof NewsTaggerError !== 'function') throw new Error('CJS smoke test failed');
console.log(`cjs ok: ${analysis.tokens.length} tokens`);

// The Node-only batch subpath, from CommonJS: a tiny job on the main thread.
const { Readable, Writable } = require('node:stream');
const { runTagJob } = require('news-tagger/batch');
let out = '';
const sink = new Writable({ write(chunk, _e, cb) { out += chunk; cb(); } });
runTagJob({ input: Readable.from(['{"id":"1","title":"Smoke","body":"Officials met in Geneva."}\n']), output: sink, format: 'jsonl', workers: 0 }).then((s) => {
  if (s.rowsWritten !== 1 || !out.includes('"readingTime"')) throw new Error('CJS batch smoke test failed');
  console.log('cjs batch ok: 1 row');
});
