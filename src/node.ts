/**
 * `news-tagger` as Node gets it (the "node" condition of package.json): the public API of src/index.ts
 * with the shipped NER model as the default of `createTagger()`, `createNerRecognizer()`,
 * `suggestTags()`, `suggestRegions()` and `trainSiteModel()`. Browsers get src/index.ts, without the model.
 */
export * from './index.js';
export { createTagger, createNerRecognizer, suggestTags, suggestRegions, trainSiteModel } from './with-model.js';
