/**
 * The Node flavour of the functions that use the NER model: the same as the core's, with the shipped
 * model as the default (`nerModel: null` opts out). `news-tagger` in Node, news-tagger/batch and the
 * CLI use these; the core (src/index.ts, what browsers get) leaves the model out.
 */
import { createNerRecognizer as createCoreNerRecognizer, type NerModelSource, type NerTaggerOptions } from './entities/ner/recognizer.js';
import { shippedNerModel } from './entities/ner/model.generated.js';
import type { SuggestOptions, TaggerOptions } from './options.js';
import { createTagger as createCoreTagger, defaultTaggerFunctions, type RegionOptions, type Tagger } from './tagger.js';
import type { Recognizer, RegionSuggestion, TagSuggestion } from './types.js';

/** `createTagger()` of the core, with `nerModel` defaulting to the shipped model. */
export function createTagger(options: TaggerOptions = {}): Tagger {
  const withDefault = options !== null && typeof options === 'object' && options.nerModel === undefined;
  return createCoreTagger(withDefault ? { ...options, nerModel: shippedNerModel() } : options);
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
