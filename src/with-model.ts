/**
 * The Node flavour of the functions that build a tagger: the same as the core's, with what a browser
 * bundle leaves out passed by default (`nerModel: null` opts out of the model; any option given wins):
 * - `nerModel`: the shipped NER model;
 * - `languages`: the Arabic and Spanish names of the bundled gazetteer (not with a `gazetteer` of your own);
 * - `pageReader`: the page extractor, for `format: 'page'` and whole documents under 'auto';
 * - `site` may be a site model's saved bytes (loaded with `loadSiteModel`).
 * `news-tagger` in Node, news-tagger/batch and the CLI use these; the core (src/index.ts, what browsers
 * get) leaves all four out.
 */
import { createNerRecognizer as createCoreNerRecognizer, type NerModelSource, type NerTaggerOptions } from './entities/ner/recognizer.js';
import { shippedNerModel } from './entities/ner/model.generated.js';
import type { SuggestOptions, TaggerOptions } from './options.js';
import { createTaggerWith, defaultTaggerFunctions, type RegionOptions, type Tagger, type TaggerParts } from './tagger.js';
import type { Recognizer, RegionSuggestion, TagSuggestion } from './types.js';
import { trainSiteModel as trainCoreSiteModel, type TrainSiteOptions } from './site-train.js';
import type { SiteModel } from './site/model.js';
import { loadSiteModel } from './site/serialize.js';
import { arabic, spanish } from './languages.js';
import { pageReader } from './pages.js';
import type { PageReader } from './page/analyze.js';

const NODE_PARTS: TaggerParts = { loadSite: loadSiteModel };

let reader: PageReader | undefined;

/**
 * Tagger options with Node's defaults (see the module comment) where the caller left them out; with
 * `model` false, without the NER model (the CLI's `tag --format page`). Anything else is left for the
 * core to check.
 */
export function withNodeDefaults(options: TaggerOptions, model = true): TaggerOptions {
  if (options === null || typeof options !== 'object') return options;
  const out: TaggerOptions = { ...options };
  if (model && options.nerModel === undefined) out.nerModel = shippedNerModel();
  if (options.languages === undefined && options.gazetteer === undefined) out.languages = [arabic(), spanish()];
  if (options.pageReader === undefined) out.pageReader = reader ??= pageReader();
  return out;
}

/** `createTagger()` of the core with Node's defaults (and site model bytes accepted). */
export function createTagger(options: TaggerOptions = {}): Tagger {
  return createTaggerWith(withNodeDefaults(options), NODE_PARTS);
}

/** `createTagger()` with Node's defaults but no NER model unless given (the CLI's `tag --format page`). */
export function createTaggerWithoutModel(options: TaggerOptions = {}): Tagger {
  return createTaggerWith(withNodeDefaults(options, false), NODE_PARTS);
}

/**
 * `trainSiteModel()` of the core, whose tagger has Node's defaults too: a site model is trained on the
 * analyses that `createTagger()` here gives when it is used.
 */
export function trainSiteModel(articles: Iterable<unknown>, options: TrainSiteOptions = {}): SiteModel {
  const valid = options !== null && typeof options === 'object';
  return trainCoreSiteModel(articles, valid ? { ...options, tagger: withNodeDefaults(options.tagger ?? {}) } : options);
}

/** `createNerRecognizer()` of the core, with the shipped model when `model` is left out. */
export function createNerRecognizer(model?: NerModelSource, options?: NerTaggerOptions): Recognizer {
  return createCoreNerRecognizer(model ?? shippedNerModel(), options);
}

const defaults = defaultTaggerFunctions(() => createTagger());

/** `createTagger().suggestTags()` with a default tagger created on first use. */
export function suggestTags(article: unknown, options?: SuggestOptions): TagSuggestion[] {
  return defaults.suggestTags(article, options);
}

/** `createTagger().suggestRegions()` with a default tagger created on first use. */
export function suggestRegions(article: unknown, options?: RegionOptions): RegionSuggestion[] {
  return defaults.suggestRegions(article, options);
}
