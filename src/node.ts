/**
 * `news-tagger` as Node gets it (the "node" condition of package.json): the public API of src/index.ts
 * with the shipped NER model as the default of `createTagger()`, `createNerRecognizer()`,
 * `suggestTags()` and `suggestRegions()`. Browsers get src/index.ts, without the model.
 */
export * from './index.js';
export { createTagger, createNerRecognizer, suggestTags, suggestRegions } from './with-model.js';
