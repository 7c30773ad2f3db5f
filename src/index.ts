/**
 * news-tagger: tags, region sections, Related News and Read Next for news articles.
 * The public API of the core (what browsers get), as an explicit list of exports. What a browser
 * bundle can leave out lives in entries of its own that the core never imports: news-tagger/model
 * (the NER model), news-tagger/languages (Arabic and Spanish gazetteer names), news-tagger/page (the
 * page extractor) and news-tagger/site (site models). Node's `news-tagger` (src/node.ts) is this plus
 * those, passed to `createTagger()` by default.
 */
export type {
  Article,
  ArticleAnalysis,
  Entity,
  EntityMention,
  MentionVia,
  ArticleTags,
  RegionSuggestion,
  TagEvidence,
  TagSuggestion,
  AnalyzedField,
  EntityType,
  Field,
  Mention,
  ReadingTime,
  Recognizer,
  Sentence,
  TextAnalysis,
  Token,
  TokenKind,
} from './types.js';
export { FIELDS } from './types.js';
export { NewsTaggerError, createError, isNewsTaggerError, type ErrorCode } from './errors.js';
export { DEFAULT_OPTIONS, resolveOptions, type ResolvedOptions, type SuggestOptions, type TaggerOptions } from './options.js';
export { createTagger, suggestRegions, suggestTags, type RegionOptions, type Tagger } from './tagger.js';
export type { EntryKind, GazetteerData, GazetteerEntry, LocalNames, TaxonomyData } from './entities/gazetteer-data.js';
export { gazetteerRecognizer, nameRecognizer, type NameRecognizerOptions } from './entities/recognize.js';
export { compileGazetteer, nameKey, type CompiledGazetteer } from './entities/gazetteer.js';
export { SALIENCE_WEIGHTS, salienceScore, type SalienceFeatures } from './entities/salience.js';
export type { TaxonomyInput } from './tags/regions.js';
export type { VocabularyInput, VocabularyTag } from './tags/vocabulary.js';
export { normalizeText, foldUnicode, type NormalizedText, type TextFormat } from './text/normalize.js';
export { htmlToText, looksLikeHtml } from './text/html.js';
export type { ExtractedArticle, ExtractOptions } from './page/extract.js';
export type { InputFormat, PageReader } from './page/analyze.js';
export type { LanguageNames, NamedLanguage } from './entities/language-names.js';
export { tokenize } from './text/tokenize.js';
export { readingTime } from './text/reading-time.js';
export { porterStem, createStemmer } from './text/stem.js';
export { DEFAULT_STOPWORDS, buildStopwords } from './text/stopwords.js';
export { analyzerFor, detectLanguage, LANGUAGES, languageCode, type Analyzer, type LanguageCode, type NameHints } from './text/lang/index.js';
export { light10 } from './text/lang/ar.js';
export { spanishStem } from './text/lang/snowball-es.js';
export {
  createNerRecognizer,
  NerTagger,
  type NerModelSource,
  type NerTaggerOptions,
} from './entities/ner/recognizer.js';
export { trainNer, type NerSentence, type TrainNerOptions, type EpochReport } from './entities/ner/train.js';
export { encodeModel as encodeNerModel, decodeModel as decodeNerModel, type NerModel } from './entities/ner/model-format.js';
export { parseConll } from './entities/ner/conll.js';
export {
  createCorpusIndex,
  type CorpusIndex,
  type CorpusStats,
  type IndexedDocument,
} from './corpus/index.js';
export {
  DEFAULT_FIELD_WEIGHTS,
  type CorpusIndexOptions,
  type EntityRef,
  type IndexArticle,
} from './corpus/options.js';
export type { DateInput, RelatedOptions, RelatedResult, RelatedWhy } from './corpus/related.js';
export type { ReadNextOptions } from './corpus/read-next.js';
export { loadCorpusIndex, INDEX_FORMAT_VERSION } from './corpus/serialize.js';
export type { TrainSiteOptions } from './site-train.js';
export type { SiteModel, SiteModelStats, SiteTag } from './site/model.js';
export type { SiteArticle, TagKind } from './site/types.js';
export type { TagListStats } from './site/tag-list.js';
export {
  cosine,
  entityBoostFactor,
  l2Norm,
  mmrScore,
  moderation,
  rawTfWeight,
  recencyFactor,
  smoothIdf,
  tfWeight,
} from './corpus/weighting.js';
