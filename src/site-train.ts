/**
 * `trainSiteModel(articles, options)`: learns a site's tagging from its archive (see src/site/). This
 * file composes: it analyzes every archive article with a tagger (the same stages `tag()` runs) and
 * hands the analyses to the site model's trainer, which never imports the tagger.
 */
import { mentionScorer, rankEntities, SALIENCE_WEIGHTS, sentenceParagraphs } from './entities/salience.js';
import { compileTaxonomy, type CompiledTaxonomy } from './tags/regions.js';
import { siteRegions, siteTaxonomies } from './site-regions.js';
import { compileGazetteer } from './entities/gazetteer.js';
import { withLanguageNames } from './entities/language-names.js';
import { defaultGazetteer, taxonomyPresets } from './default-data.js';
import { createError, isNewsTaggerError } from './errors.js';
import type { TaggerOptions } from './options.js';
import { createTagger, type Tagger } from './tagger.js';
import { defaultSiteAnalyzer } from './site/analyzer.js';
import { docData, entityKey } from './site/features.js';
import type { FitSettings, LabelEntity } from './site/fit.js';
import { SiteModelImpl, type SiteModel } from './site/model.js';
import { encodeSiteModel } from './site/serialize.js';
import { collectTags, TagMatcher } from './site/tag-list.js';
import { trainParts } from './site/train.js';
import type { DocData, SiteDocument } from './site/types.js';
import type { EntityType } from './types.js';

/** Options of `trainSiteModel()`. Every field is optional. */
export interface TrainSiteOptions {
  /** Options of the tagger that analyzes the archive; tag with a tagger made with the same options. */
  tagger?: TaggerOptions;
  /** Language of articles that do not say (ISO 639-1; default "en"). */
  lang?: string;
  /** Least articles of a tag to learn it (default 2). */
  minTagCount?: number;
  /** Most tags learned, the most used first (default 50,000). */
  maxTags?: number;
  /** Share of the archive, the most recent articles, held out to fit the selection model (default 0.25). */
  validation?: number;
  /** Archive neighbours that vote for tags (default 10). */
  neighbours?: number;
  /** Most tags given a linear model of their own, the most used first (default 1,000). */
  linearTags?: number;
  /** Called as training goes: a phase name, and articles analyzed so far out of the total. */
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

/**
 * Defaults of the learned parts. Chosen on the training halves of the three development sets only,
 * with an inner split by date (see the README's "Learning your site's tags").
 */
export const SITE_DEFAULTS = Object.freeze({
  minTagCount: 2,
  maxTags: 50_000,
  validation: 0.25,
  folds: 4,
  smallArchive: 2000,
  neighbours: 10,
  linearTags: 200,
  minDf: 2,
  maxFeatures: 200_000,
  entityWeight: 1,
  queryTerms: 20,
  keepPerDoc: 60,
  linearTerms: 64,
  minLinear: 5,
  svmC: 1,
  epochs: 8,
  prune: 0.02,
  maxWeights: 1000,
  marginFloor: -0.6,
});

function fraction(name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw createError('INVALID_OPTION', name, v, 'a number from 0 (inclusive) to 1 (exclusive)');
  return v;
}
function count(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw createError('INVALID_OPTION', name, v, `an integer >= ${min}`);
  return v;
}

/** The analysis the site model reads, from a tagger. */
export function siteDocument(tagger: Tagger, taxonomies: readonly CompiledTaxonomy[], article: unknown, lang: string): { id: string; doc: SiteDocument } {
  const analysis = tagger.analyze(article);
  const layout = sentenceParagraphs(analysis.text);
  const ranked = rankEntities(analysis.entities, analysis.text, SALIENCE_WEIGHTS, layout);
  const regions = siteRegions(ranked, mentionScorer(analysis.text, SALIENCE_WEIGHTS, layout), taxonomies);
  return { id: analysis.id, doc: { text: analysis.text, ranked, layout, regions, lang: analysis.text.lang ?? lang } };
}

/**
 * Learns a site's tagging from its archive: articles `{ id, title, body, lede?, date?, lang?, tags }`.
 * Articles that are not objects, have no tags array or no usable tag, or whose text the tagger rejects
 * are skipped and counted (`model.stats`); blank and repeated tags are skipped and counted. Throws
 * SITE_TRAINING when no article is left. Cost: one analysis per article, then linear in the archive
 * per epoch of the linear models.
 */
export function trainSiteModel(articles: Iterable<unknown>, options: TrainSiteOptions = {}): SiteModel {
  const started = Date.now();
  if (articles === null || typeof articles !== 'object' || typeof (articles as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw createError('INVALID_OPTION', 'articles', articles, 'an iterable of articles');
  }
  if (options === null || typeof options !== 'object') throw createError('INVALID_OPTION', 'options', options, 'an object');
  const lang = options.lang ?? 'en';
  if (typeof lang !== 'string' || lang.length === 0) throw createError('INVALID_OPTION', 'lang', lang, 'a language code such as "en"');
  const minTagCount = count('minTagCount', options.minTagCount ?? SITE_DEFAULTS.minTagCount, 1);
  const maxTags = count('maxTags', options.maxTags ?? SITE_DEFAULTS.maxTags, 1);
  const validation = fraction('validation', options.validation ?? SITE_DEFAULTS.validation);
  const k = count('neighbours', options.neighbours ?? SITE_DEFAULTS.neighbours, 0);
  const linearTags = count('linearTags', options.linearTags ?? SITE_DEFAULTS.linearTags, 0);
  const progress = options.onProgress ?? (() => undefined);
  const tagger = createTagger(options.tagger);
  const taxonomies = siteTaxonomies(compileTaxonomy(tagger.options.taxonomy, taxonomyPresets()));

  const usable: Record<string, unknown>[] = [];
  let skipped = 0;
  for (const a of articles) {
    const tags = a !== null && typeof a === 'object' ? (a as { tags?: unknown }).tags : undefined;
    if (!Array.isArray(tags)) skipped++;
    else usable.push(a as Record<string, unknown>);
  }
  const list = collectTags(usable.map((a) => a.tags as unknown[]), minTagCount, maxTags);
  const analyzer = defaultSiteAnalyzer();
  const langs = new Map<string, number>();
  for (const a of usable) {
    const l = typeof a.lang === 'string' && a.lang.length > 0 ? a.lang : lang;
    langs.set(l, (langs.get(l) ?? 0) + 1);
  }
  const mainLang = [...langs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? lang;
  const matcher = new TagMatcher(list.labels, analyzer, mainLang);
  const docs: DocData[] = [];
  const dates: number[] = [];
  const ids = new Set<string>();
  usable.forEach((a, i) => {
    if (i % 200 === 0) progress({ phase: 'analyze', done: i, total: usable.length });
    const tags = list.perArticle[i] as number[];
    if (tags.length === 0) {
      skipped++;
      return;
    }
    try {
      const { id, doc } = siteDocument(tagger, taxonomies, a, lang);
      if (ids.has(id) && id !== '') {
        skipped++;
        return;
      }
      ids.add(id);
      docs.push(docData(id, doc, matcher, analyzer, tags));
      dates.push(typeof a.date === 'string' ? Date.parse(a.date) : Number.NaN);
    } catch (error) {
      // missing data (the Arabic or Spanish names in a browser) is the caller's to fix, not the article's
      if (!isNewsTaggerError(error) || error.code === 'DATA_MISSING') throw error;
      skipped++;
    }
  });
  progress({ phase: 'analyze', done: usable.length, total: usable.length });
  if (docs.length === 0) throw createError('SITE_TRAINING', `no usable article (${skipped} skipped: no tags array, no usable tag, or text the tagger rejects)`);

  const gazetteer = compileGazetteer(withLanguageNames(tagger.options.gazetteer ?? defaultGazetteer(), tagger.options.languages ?? []));
  const lookup: (LabelEntity | undefined)[] = list.labels.map((label) => {
    const found = gazetteer.lookup(label).filter((r) => r.via !== 'demonym' && r.via !== 'metonym').sort((a, b) => Number(a.ambiguous) - Number(b.ambiguous));
    const e = found[0]?.entry;
    return e === undefined ? undefined : { id: entityKey(e.id, e.label), type: e.type as EntityType, label: e.label };
  });
  const settings: FitSettings = {
    lang: mainLang, minDf: SITE_DEFAULTS.minDf, maxFeatures: SITE_DEFAULTS.maxFeatures, entityWeight: SITE_DEFAULTS.entityWeight, k,
    queryTerms: SITE_DEFAULTS.queryTerms, keepPerDoc: SITE_DEFAULTS.keepPerDoc, linearTerms: SITE_DEFAULTS.linearTerms, minLinear: Math.max(SITE_DEFAULTS.minLinear, minTagCount),
    maxLinear: linearTags, svmC: SITE_DEFAULTS.svmC, epochs: SITE_DEFAULTS.epochs, prune: SITE_DEFAULTS.prune, maxWeights: SITE_DEFAULTS.maxWeights, marginFloor: SITE_DEFAULTS.marginFloor,
  };
  const folds = { validation, folds: SITE_DEFAULTS.folds, smallArchive: SITE_DEFAULTS.smallArchive };
  const parts = trainParts(docs, dates, list.labels, lookup, settings, folds, (phase) => progress({ phase, done: docs.length, total: docs.length }));
  const d = parts.core.data;
  let entityTags = 0;
  for (let t = 0; t < d.labels.length; t++) if (d.entities[t] !== '') entityTags++;
  return new SiteModelImpl(parts.core, parts.selection, {
    articles: docs.length, skippedArticles: skipped, tagList: list.stats, entityTags, topicTags: d.labels.length - entityTags,
    linearModels: d.linear.tags.length, validationArticles: parts.validationArticles, validationF1: parts.selection.validationF1,
    threshold: parts.selection.threshold, topicThreshold: parts.selection.topicThreshold, limit: parts.selection.limit, trainingMs: Date.now() - started,
  }, settings, encodeSiteModel);
}
