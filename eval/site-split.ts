/**
 * The development splits of the site-tags evaluation (issue #11), read from ../shared/datasets at run
 * time. Every split is train -> test by time or by id; `dev` splits the training part the same way
 * again (its earlier part -> its later part), so that every default can be chosen without the test part:
 *   guardian    Jan-Mar 2022 -> Apr-Jun 2022, all editor tags        (dev: Jan-Feb -> Mar)
 *   reuters     topics, sorted by id, first 80% -> last 20%          (dev: the same within the first 80%)
 *   almayadeen  Jan-Jun 2023 -> Jul-Dec 2023, all editor tags        (dev: Jan-Apr -> May-Jun)
 */
import { datasetPath, loadJsonl, type DatasetArticle } from './datasets.js';

export type SitePreset = 'guardian' | 'reuters' | 'almayadeen';

export interface SiteSplit {
  name: string;
  train: DatasetArticle[];
  test: DatasetArticle[];
  /** The gold field (copied into `tags` of every article). */
  field: string;
  /** Top-k cut-off of the reference figures (sklearn's top-k). */
  k: number;
}

const month = (d: DatasetArticle): string => (d.date ?? '').slice(0, 7);

function byDate(docs: DatasetArticle[], lastTrainMonth: string): [DatasetArticle[], DatasetArticle[]] {
  return [docs.filter((d) => month(d) <= lastTrainMonth), docs.filter((d) => month(d) > lastTrainMonth)];
}

function byShare(docs: DatasetArticle[], share: number): [DatasetArticle[], DatasetArticle[]] {
  const cut = Math.floor(share * docs.length);
  return [docs.slice(0, cut), docs.slice(cut)];
}

const withTags = (docs: DatasetArticle[], field: string): DatasetArticle[] =>
  docs.map((d) => ({ ...d, tags: [...new Set(((d as unknown as Record<string, unknown>)[field] as string[] | undefined) ?? [])] }));

/** A preset split (`dev`: the inner split of its training part). */
export function presetSplit(shared: string, preset: SitePreset, dev: boolean, limit?: number): SiteSplit {
  if (preset === 'reuters') {
    const all = loadJsonl(datasetPath(shared, 'reuters'), limit).filter((d) => (d.topics ?? []).length > 0);
    all.sort((a, b) => Number(a.id.split('-').pop()) - Number(b.id.split('-').pop()));
    let [train, test] = byShare(withTags(all, 'topics'), 0.8);
    if (dev) [train, test] = byShare(train, 0.8);
    return { name: `reuters topics${dev ? ' (dev: inner split of the first 80%)' : ''}`, train, test, field: 'topics', k: 2 };
  }
  const docs = withTags(loadJsonl(datasetPath(shared, preset), limit), 'tags');
  if (preset === 'guardian') {
    const [train, test] = dev ? byDate(byDate(docs, '2022-03')[0], '2022-02') : byDate(docs, '2022-03');
    return { name: `guardian all tags${dev ? ' (dev: Jan-Feb -> Mar)' : ''}`, train, test, field: 'tags', k: 5 };
  }
  const [train, test] = dev ? byDate(byDate(docs, '2023-06')[0], '2023-04') : byDate(docs, '2023-06');
  return { name: `almayadeen all tags${dev ? ' (dev: Jan-Apr -> May-Jun)' : ''}`, train, test, field: 'tags', k: 10 };
}

/** `--train FILE --data FILE`, or `--data FILE --split-date YYYY-MM` (train: up to that month). */
export function fileSplit(data: string, train: string | undefined, splitDate: string | undefined, field: string, k: number, limit?: number): SiteSplit {
  const docs = withTags(loadJsonl(data, limit), field);
  if (train !== undefined) return { name: `${train} -> ${data}`, train: withTags(loadJsonl(train, limit), field), test: docs, field, k };
  if (splitDate === undefined || !/^\d{4}-\d{2}$/.test(splitDate)) throw new Error('site-tags: give --train FILE, or --split-date YYYY-MM with --data FILE, or --preset guardian|reuters|almayadeen');
  const [tr, te] = byDate(docs, splitDate);
  return { name: `${data} split at ${splitDate}`, train: tr, test: te, field, k };
}
