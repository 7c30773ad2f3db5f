/**
 * `news-tagger` as Node gets it (the "node" condition of package.json): the public API of the core
 * (src/index.ts) and of the entries a browser bundle loads apart (news-tagger/languages, /page and
 * /site), with Node's defaults in `createTagger()`, `createNerRecognizer()`, `suggestTags()`,
 * `suggestRegions()` and `trainSiteModel()` (src/with-model.ts): the shipped NER model, the Arabic and
 * Spanish names, the page extractor, and site models given as bytes.
 */
export * from './index.js';
export { arabic, spanish } from './languages.js';
export { extractArticle, pageReader } from './pages.js';
export { SITE_DEFAULTS, loadSiteModel, SITE_MODEL_VERSION } from './sites.js';
export { createTagger, createNerRecognizer, suggestTags, suggestRegions, trainSiteModel } from './with-model.js';
