// Requires the built package by its own name (CommonJS condition) and runs the text stage.
const { createTagger, NewsTaggerError } = require('news-tagger');

const analysis = createTagger().analyzeText({ id: 's', title: 'Smoke test', body: '<p>Kim Jong-un met officials in Pyongyang.</p>' });
if (analysis.tokens.length < 5 || typeof NewsTaggerError !== 'function') throw new Error('CJS smoke test failed');
console.log(`cjs ok: ${analysis.tokens.length} tokens`);
