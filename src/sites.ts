/**
 * news-tagger/site: site models, learned from a tagged archive (`trainSiteModel`) or read from their
 * saved bytes (`loadSiteModel`). A module of its own so that a browser bundle of the core leaves the
 * site model's code out; the core takes a loaded model:
 *
 *   import { loadSiteModel } from 'news-tagger/site';
 *   const tagger = createTagger({ site: loadSiteModel(bytes) });
 *
 * In Node, `news-tagger` exports these too, and its `createTagger({ site })` also takes the bytes.
 */
export { trainSiteModel, SITE_DEFAULTS, type TrainSiteOptions } from './site-train.js';
export { loadSiteModel, SITE_MODEL_VERSION } from './site/serialize.js';
export type { SiteModel, SiteModelStats, SiteTag } from './site/model.js';
export type { SiteArticle, TagKind } from './site/types.js';
export type { TagListStats } from './site/tag-list.js';
