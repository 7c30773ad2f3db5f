/**
 * `createTagger(options)` compiles everything once (options, stopwords, gazetteers, models) and
 * returns an object whose methods run the stages in data-flow order:
 *
 *   Article --normalize/tokenize--> TextAnalysis --recognize--> Mention[] --resolve--> Entity[]
 *           --rank (salience)--> --suggestTags / suggestRegions--> suggestions
 *
 * The gazetteer is compiled lazily, on the first call that needs it, and then reused; so is the
 * trained NER model behind the default name recognizer.
 *
 * What a browser bundle of the core can leave out comes in as options, never as imports: the NER
 * model (`nerModel`), the Arabic and Spanish names (`languages`), the page extractor (`pageReader`) and
 * a loaded site model (`site`). The Node flavour (src/with-model.ts) passes them by default, and loads a
 * site model's bytes through `TaggerParts.loadSite`.
 */
import { checkArticle } from './article.js';
import { defaultGazetteer, taxonomyPresets } from './default-data.js';
import { compileGazetteer, type CompiledGazetteer } from './entities/gazetteer.js';
import { createNerRecognizer } from './entities/ner/recognizer.js';
import { gazetteerRecognizer, nameRecognizer } from './entities/recognize.js';
import { displayAliases, resolveEntities } from './entities/resolve.js';
import { mentionScorer, rankEntities, SALIENCE_WEIGHTS, sentenceParagraphs, type MentionScorer, type ParagraphLayout, type ScoredEntity } from './entities/salience.js';
import { checkCallOptions, resolveOptions, type ResolvedOptions, type SuggestOptions, type TaggerOptions } from './options.js';
import { compileTaxonomy, labelRegions, suggestRegionsFromRanked, type CompiledTaxonomy } from './tags/regions.js';
import { suggestFromRanked, withHomeCountry, type SuggestSettings } from './tags/suggest.js';
import { compileNameList, compileVocabulary } from './tags/vocabulary.js';
import { withLanguageNames } from './entities/language-names.js';
import { analyzeArticleText } from './page/analyze.js';
import { buildStopwords } from './text/stopwords.js';
import { createError } from './errors.js';
import type { SiteModel, SiteSuggestSettings } from './site/model.js';
import type { SiteDocument } from './site/types.js';
import { siteRegions, siteTaxonomies } from './site-regions.js';
import type { ArticleAnalysis, Entity, ArticleTags, EntityType, Mention, Recognizer, RegionSuggestion, TagSuggestion, TextAnalysis } from './types.js';

/** Per-call options of `suggestRegions()`. */
export interface RegionOptions {
  taxonomy?: TaggerOptions['taxonomy'];
  minScore?: number;
  labels?: TaggerOptions['labels'];
}

export interface Tagger {
  readonly options: Readonly<ResolvedOptions>;
  /** The stopword set of this tagger (defaults, or as the `stopwords` option made it). */
  readonly stopwords: ReadonlySet<string>;
  /** The text stage alone: normalized fields, tokens, sentences, word count, reading time. */
  analyzeText(article: unknown): TextAnalysis;
  /** Text, the recognizers' mentions, and the resolved canonical entities (unranked). */
  analyze(article: unknown): ArticleAnalysis;
  /** Tags ranked by salience; per-call options override the tagger's. */
  suggestTags(article: unknown, options?: SuggestOptions): TagSuggestion[];
  /** Region sections of a taxonomy, with the countries behind each. */
  suggestRegions(article: unknown, options?: RegionOptions): RegionSuggestion[];
  /** Tags, regions and reading time in one pass. */
  tag(article: unknown, options?: SuggestOptions): ArticleTags;
}

interface Compiled {
  gazetteer: CompiledGazetteer;
  recognizers: readonly Recognizer[];
  settings: SuggestSettings;
}

/**
 * What a site model does for the tagger (the models of `trainSiteModel()` and `loadSiteModel()` have
 * it): an interface, so that the core reaches src/site/ through the model it is given, not by import.
 */
interface SiteSuggester {
  suggest(id: string, doc: SiteDocument, call: SiteSuggestSettings): TagSuggestion[];
}

/** Parts that a flavour of `createTagger` adds to the core's (src/with-model.ts: the site model loader). */
export interface TaggerParts {
  /** Turns a site model's saved bytes into a model (`loadSiteModel`); without it bytes are refused. */
  loadSite?: (bytes: Uint8Array) => SiteModel;
}

export function createTagger(options: TaggerOptions = {}): Tagger {
  return createTaggerWith(options, {});
}

/** `createTagger()` with the `parts` of a flavour. */
export function createTaggerWith(options: TaggerOptions, parts: TaggerParts): Tagger {
  const resolved = Object.freeze(resolveOptions(options));
  const stopwords = buildStopwords(resolved.stopwords);
  // a taxonomy the caller chose is checked now; the default preset is compiled on first use
  let taxonomy = options.taxonomy === undefined ? undefined : compileTaxonomy(resolved.taxonomy, taxonomyPresets());
  let compiled: Compiled | undefined;

  const compile = (): Compiled => {
    if (compiled !== undefined) return compiled;
    const gazetteer = compileGazetteer(withLanguageNames(resolved.gazetteer ?? defaultGazetteer(), resolved.languages ?? []));
    // the trained model, when given (decoded on its first document, once per tagger), confirms the
    // heuristic names; without it the names stand on the heuristics alone (the light path)
    const confirm = resolved.nerModel === null ? {} : { confirm: createNerRecognizer(resolved.nerModel) };
    const defaults: readonly Recognizer[] = [gazetteerRecognizer(gazetteer), nameRecognizer(confirm)];
    const r = resolved.recognizers;
    const recognizers = r === undefined ? defaults : typeof r === 'function' ? r(defaults) : r;
    compiled = { gazetteer, recognizers, settings: settingsFor(resolved, gazetteer, {}) };
    return compiled;
  };

  const analyze = (input: unknown): ArticleAnalysis => {
    const article = checkArticle(input, resolved.maxFieldLength);
    const text = analyzeArticleText(article, resolved.format, resolved.wordsPerMinute, resolved.pageReader);
    const lang = text.lang ?? 'en';
    checkLanguageNames(resolved, lang);
    const { gazetteer, recognizers } = compile();
    const mentions: Mention[] = [];
    // a loop, not push(...found): spreading 100k+ mentions overflows the call stack
    if (text.tokens.length > 0) for (const recognizer of recognizers) for (const m of recognizer.recognize(text.tokens, text)) mentions.push(m);
    const entities = resolveEntities(mentions, text, gazetteer.language(lang));
    return { id: article.id, text, mentions, entities };
  };

  // one paragraph layout per article serves the entity ranking and the country scores of regions
  const rank = (analysis: ArticleAnalysis): { ranked: ScoredEntity[]; scoreMentions: MentionScorer; layout: ParagraphLayout } => {
    const layout = sentenceParagraphs(analysis.text);
    return {
      ranked: rankEntities(analysis.entities, analysis.text, SALIENCE_WEIGHTS, layout),
      scoreMentions: mentionScorer(analysis.text, SALIENCE_WEIGHTS, layout),
      layout,
    };
  };

  // with a site model, the site's own tags (the model's limit and threshold unless the caller set them)
  const site = siteModelOf(resolved.site, parts.loadSite);
  let siteTaxonomyList: CompiledTaxonomy[] | undefined;
  const siteTags = (input: unknown, analysis: ArticleAnalysis, r: { ranked: ScoredEntity[]; layout: ParagraphLayout }, call: SuggestOptions): TagSuggestion[] => {
    const lang = analysis.text.lang ?? 'en';
    siteTaxonomyList ??= siteTaxonomies(taxonomyFor(undefined));
    const regions = siteRegions(r.ranked, mentionScorer(analysis.text, SALIENCE_WEIGHTS, r.layout), siteTaxonomyList);
    return (site as SiteSuggester).suggest(analysis.id, { text: analysis.text, ranked: r.ranked, layout: r.layout, lang, regions }, {
      limit: call.limit ?? options.limit,
      minScore: call.minScore ?? options.minScore,
    });
  };

  // per-call options override the tagger's; what they do not override is reused, already compiled
  const settings = (call: SuggestOptions): SuggestSettings => {
    const c = compile();
    return Object.keys(call).length === 0 ? c.settings : settingsFor(resolved, c.gazetteer, call, c.settings);
  };
  const taxonomyFor = (input: unknown): CompiledTaxonomy => {
    if (input !== undefined) return compileTaxonomy(input, taxonomyPresets());
    taxonomy ??= compileTaxonomy(resolved.taxonomy, taxonomyPresets());
    return taxonomy;
  };

  return {
    options: resolved,
    stopwords,
    analyzeText(input) {
      const article = checkArticle(input, resolved.maxFieldLength);
      return analyzeArticleText(article, resolved.format, resolved.wordsPerMinute, resolved.pageReader);
    },
    analyze,
    suggestTags(input, options) {
      const call = checkCallOptions(options);
      if (site !== undefined) {
        const analysis = analyze(input);
        return siteTags(input, analysis, rank(analysis), call);
      }
      const s = settings(call);
      return suggestFromRanked(rank(analyze(input)).ranked, s);
    },
    suggestRegions(input, options = {}) {
      const call = checkCallOptions(options === undefined ? undefined : { ...options, minScore: undefined, regionMinScore: options.minScore });
      const t = taxonomyFor(call.taxonomy);
      const minScore = call.regionMinScore ?? resolved.regionMinScore;
      const { ranked, scoreMentions } = rank(analyze(input));
      const regions = suggestRegionsFromRanked(withHomeCountry(ranked, settings({}).home, minScore), t, minScore, scoreMentions);
      return labelRegions(regions, t, call.labels ?? resolved.labels);
    },
    tag(input, options) {
      const call = checkCallOptions(options);
      const s = settings(call);
      const t = taxonomyFor(call.taxonomy);
      const regionMin = call.regionMinScore ?? resolved.regionMinScore;
      const analysis = analyze(input);
      const r = rank(analysis);
      const { ranked, scoreMentions } = r;
      return {
        id: analysis.id,
        tags: site !== undefined ? siteTags(input, analysis, r, call) : suggestFromRanked(ranked, s),
        regions: labelRegions(suggestRegionsFromRanked(withHomeCountry(ranked, s.home, regionMin), t, regionMin, scoreMentions), t, call.labels ?? resolved.labels),
        readingTime: analysis.text.readingTime,
      };
    },
  };
}

/**
 * Suggestion settings: the tagger's (compiled once, `base` undefined), or a call's over the tagger's
 * compiled `base` (only what the call gives is compiled again).
 */
function settingsFor(resolved: ResolvedOptions, gazetteer: CompiledGazetteer, call: SuggestOptions, base?: SuggestSettings): SuggestSettings {
  const vocabulary = call.vocabulary ?? (base === undefined ? resolved.vocabulary : undefined);
  const allow = call.allow ?? (base === undefined ? resolved.allow : undefined);
  const deny = call.deny ?? (base === undefined ? resolved.deny : undefined);
  return {
    limit: call.limit ?? resolved.limit,
    minScore: call.minScore ?? resolved.minScore,
    types: new Set<EntityType>(call.types ?? resolved.types),
    vocabulary: vocabulary !== undefined ? compileVocabulary(vocabulary, gazetteer) : base?.vocabulary,
    allow: allow !== undefined ? compileNameList(allow, 'allow', gazetteer) : base?.allow,
    deny: deny !== undefined ? compileNameList(deny, 'deny', gazetteer) : base?.deny,
    home: call.homeCountry !== undefined || base === undefined ? homeEntity(gazetteer, call.homeCountry ?? resolved.homeCountry) : base.home,
  };
}

/**
 * An Arabic or Spanish article, tagged with the bundled gazetteer by a tagger that was given no
 * `languages` (the core in a browser): DATA_MISSING, not tags from the English names alone.
 */
function checkLanguageNames(resolved: ResolvedOptions, lang: string): void {
  if (resolved.languages !== undefined || resolved.gazetteer !== undefined || (lang !== 'ar' && lang !== 'es')) return;
  const name = lang === 'ar' ? 'arabic' : 'spanish';
  throw createError(
    'DATA_MISSING',
    `the ${lang === 'ar' ? 'Arabic' : 'Spanish'} names of the gazetteer, for an article in "${lang}": pass languages: [${name}()] from news-tagger/languages (or languages: [] for the English names alone)`,
  );
}

function siteModelOf(option: ResolvedOptions['site'], loadSite: TaggerParts['loadSite']): SiteSuggester | undefined {
  if (option === undefined) return undefined;
  if (option instanceof Uint8Array && loadSite === undefined) {
    throw createError('INVALID_OPTION', 'site', option, 'a loaded site model here: pass loadSiteModel(bytes) from news-tagger/site (news-tagger in Node loads the bytes itself)');
  }
  const model: unknown = option instanceof Uint8Array ? (loadSite as NonNullable<TaggerParts['loadSite']>)(option) : option;
  if (typeof (model as Partial<SiteSuggester>).suggest !== 'function') throw createError('INVALID_OPTION', 'site', option, 'a site model from trainSiteModel() or loadSiteModel()');
  return model as SiteSuggester;
}

function homeEntity(gazetteer: CompiledGazetteer, code: string | undefined): Entity | undefined {
  if (code === undefined) return undefined;
  const entry = gazetteer.countries.get(code.toUpperCase());
  if (entry === undefined) throw createError('INVALID_OPTION', 'homeCountry', code, 'the code of a country in the gazetteer');
  const e: Entity = { id: entry.id, label: entry.label, type: entry.type, kind: entry.kind, country: entry.country ?? code.toUpperCase(), mentions: [] };
  if (entry.wikidata !== undefined) e.wikidata = entry.wikidata;
  const aliases = displayAliases(entry);
  if (aliases.length > 0) e.aliases = aliases;
  return e;
}

/** The top-level `suggestTags()` and `suggestRegions()`, over a default tagger `create`d on first use. */
export function defaultTaggerFunctions(create: () => Tagger): Pick<Tagger, 'suggestTags' | 'suggestRegions'> {
  let tagger: Tagger | undefined;
  const shared = (): Tagger => (tagger ??= create());
  return {
    suggestTags: (article, options) => shared().suggestTags(article, options),
    suggestRegions: (article, options) => shared().suggestRegions(article, options),
  };
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
