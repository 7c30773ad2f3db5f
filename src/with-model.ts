/**
 * The Node flavour of the functions that use the NER model: the same as the core's, with the shipped
 * model as the default (`nerModel: null` opts out), and `trainSiteModel()` whose tagger defaults to it. `news-tagger` in Node, news-tagger/batch and the
 * CLI use these; the core (src/index.ts, what browsers get) leaves the model out.
 */
import { createNerRecognizer as createCoreNerRecognizer, type NerModelSource, type NerTaggerOptions } from './entities/ner/recognizer.js';
import { shippedNerModel } from './entities/ner/model.generated.js';
import type { SuggestOptions, TaggerOptions } from './options.js';
import { createTagger as createCoreTagger, defaultTaggerFunctions, type RegionOptions, type Tagger } from './tagger.js';
import type { Recognizer, RegionSuggestion, TagSuggestion } from './types.js';
import { trainSiteModel as trainCoreSiteModel, type TrainSiteOptions } from './site-train.js';
import type { SiteModel } from './site/model.js';

/** Tagger options with `nerModel` defaulting to the shipped model (anything else is left for the core to check). */
function withShippedModel(options: TaggerOptions): TaggerOptions {
  const withDefault = options !== null && typeof options === 'object' && options.nerModel === undefined;
  return withDefault ? { ...options, nerModel: shippedNerModel() } : options;
}

/** `createTagger()` of the core, with `nerModel` defaulting to the shipped model. */
export function createTagger(options: TaggerOptions = {}): Tagger {
  return createCoreTagger(withShippedModel(options));
}

/**
 * `trainSiteModel()` of the core, whose tagger defaults to the shipped model too: a site model is
 * trained on the analyses that `createTagger()` here gives when it is used.
 */
export function trainSiteModel(articles: Iterable<unknown>, options: TrainSiteOptions = {}): SiteModel {
  const valid = options !== null && typeof options === 'object';
  return trainCoreSiteModel(articles, valid ? { ...options, tagger: withShippedModel(options.tagger ?? {}) } : options);
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
