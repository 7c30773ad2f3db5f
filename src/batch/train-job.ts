/**
 * `runTrainJob`: reads an archive file (CSV or JSONL, with the editors' tags in a column) and trains a
 * site model on it (`trainSiteModel`, with the shipped NER model as in `createTagger()` here), then
 * saves the model. Rows are read and checked as by the other jobs (same errors file, same accounting,
 * the same refusals: archive-file.ts); training runs on the main thread (one model).
 */
import { resolveOptions } from '../options.js';
import type { TrainSiteOptions } from '../site-train.js';
import type { SiteModel } from '../site/model.js';
import type { Article } from '../types.js';
import { trainSiteModel } from '../with-model.js';
import { runArchiveFileJob, type ArchiveFileJobOptions } from './archive-file.js';
import type { BatchSummary } from './types.js';

export interface TrainJobOptions extends ArchiveFileJobOptions {
  /** Options of `trainSiteModel()` (its `onProgress` reports the training phases). */
  training?: TrainSiteOptions;
}

/** Trains and saves a site model. Resolves with the row account and the model. */
export async function runTrainJob(options: TrainJobOptions): Promise<{ summary: BatchSummary; model: SiteModel }> {
  const { maxFieldLength } = resolveOptions(options.training?.tagger ?? {});
  const articles: Article[] = [];
  let model: SiteModel | undefined;
  const summary = await runArchiveFileJob(
    { ...options, outputRole: 'model file', maxFieldLength },
    (article) => articles.push({ ...article, tags: article.tags ?? [] }),
    () => {
      model = trainSiteModel(articles, options.training);
      return model.save();
    },
  );
  return { summary, model: model as SiteModel };
}
