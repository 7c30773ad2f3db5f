// Imports the built package by its own name (ESM condition) and runs the text stage.
import { createTagger, NewsTaggerError } from 'news-tagger';

const analysis = createTagger().analyzeText({ id: 's', title: 'Smoke test', body: '<p>Kim Jong-un met officials in Pyongyang.</p>' });
if (analysis.tokens.length < 5 || typeof NewsTaggerError !== 'function') throw new Error('ESM smoke test failed');
console.log(`esm ok: ${analysis.tokens.length} tokens`);
