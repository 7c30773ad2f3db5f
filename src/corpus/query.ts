/**
 * The query of Related News (step 1 of related.ts): the stored vector of an indexed page, the vector of
 * an article that is not indexed, or a Rocchio expansion of either.
 */
import { createError } from '../errors.js';
import type { CorpusIndexCore } from './index.js';
import type { IndexArticle } from './options.js';
import { idfWeight } from './weighting.js';

/** The query: a vector (term ids with tf and idf) and the page's metadata. */
export interface Query {
  slot: number;
  terms: number[];
  /** tf-idf weight of each term (= tf x idf). */
  weights: number[];
  idf: number[];
  norm: number;
  date: number;
  section: number;
  sectionName: string | undefined;
  lang: string;
  /** The article's own form of each term, for an article that is not read from the index. */
  forms?: string[];
}

/** Builds the query for an indexed id or an article. O(|vector|) or O(|article|). */
export function buildQuery(core: CorpusIndexCore, idOrArticle: string | IndexArticle): Query {
  // first: prepare() may vacuum removed documents and renumber the slots
  core.prepare();
  if (typeof idOrArticle === 'string') {
    const slot = core.slotOf.get(idOrArticle);
    if (slot === undefined) throw createError('UNKNOWN_ID', idOrArticle);
    return slotQuery(core, slot);
  }
  return articleQuery(core, idOrArticle);
}

/**
 * The query of a stored document, with the idf of the last norm refresh (the idf its norm and every
 * other stored norm were computed with; no logarithm or power per term). Call after core.prepare(),
 * which may renumber slots. O(|v|).
 */
export function slotQuery(core: CorpusIndexCore, slot: number): Query {
  {
    const a = core.fwdStart[slot] as number;
    const n = core.fwdLen[slot] as number;
    const terms = new Array<number>(n);
    const weights = new Array<number>(n);
    const idfs = new Array<number>(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const t = core.fwdTerm[a + i] as number;
      const idf = core.idfCached(t);
      const w = (core.fwdTf[a + i] as number) * idf;
      terms[i] = t;
      weights[i] = w;
      idfs[i] = idf;
      sum += w * w;
    }
    const section = core.sections[slot] as number;
    return {
      slot,
      terms,
      weights,
      idf: idfs,
      norm: Math.sqrt(sum),
      date: core.dates[slot] as number,
      section,
      sectionName: section < 0 ? undefined : core.sectionNames[section],
      lang: core.langNames[core.langs[slot] as number] as string,
    };
  }
}

function articleQuery(core: CorpusIndexCore, article: IndexArticle): Query {
  const N = core.live;
  const { meta, terms: counts } = core.extractor.extract(article);
  const terms: number[] = [];
  const weights: number[] = [];
  const idfs: number[] = [];
  const forms: string[] = [];
  let sum = 0;
  for (const [key, entry] of counts) {
    const t = core.vocab.get(key);
    const df = t < 0 ? 0 : (core.vocab.df[t] as number);
    const idf = idfWeight(df, N, core.options.idfExponent);
    const w = core.tf(entry.count) * idf;
    sum += w * w;
    if (t >= 0 && df > 0) {
      terms.push(t);
      weights.push(w);
      idfs.push(idf);
      forms.push(entry.display);
    }
  }
  const slot = core.slotOf.get(meta.id) ?? -1;
  const section = meta.section === undefined ? -1 : (core.sectionIds.get(meta.section) ?? -2);
  return { slot, terms, weights, idf: idfs, norm: Math.sqrt(sum), date: meta.date, section, sectionName: meta.section, lang: meta.lang, forms };
}

/**
 * Rocchio expansion: unit(page) + weight x mean of unit(feedback documents), as a query. The page's own
 * slot stays excluded. O(sum of the feedback vectors).
 */
export function expandQuery(core: CorpusIndexCore, q: Query, feedback: readonly { slot: number }[], weight: number): Query {
  const w = new Map<number, number>();
  const idfOf = new Map<number, number>();
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i] as number;
    w.set(t, (q.weights[i] as number) / q.norm);
    idfOf.set(t, q.idf[i] as number);
  }
  const f = weight / Math.max(1, feedback.length);
  for (const c of feedback) {
    const d = c.slot;
    const norm = core.norms[d] as number;
    if (!(norm > 0)) continue;
    const a = core.fwdStart[d] as number;
    for (let j = a; j < a + (core.fwdLen[d] as number); j++) {
      const t = core.fwdTerm[j] as number;
      let idf = idfOf.get(t);
      if (idf === undefined) {
        idf = core.idf(t);
        idfOf.set(t, idf);
      }
      w.set(t, (w.get(t) ?? 0) + (f * (core.fwdTf[j] as number) * idf) / norm);
    }
  }
  const terms: number[] = [];
  const weights: number[] = [];
  const idfs: number[] = [];
  let sum = 0;
  for (const [t, v] of w) {
    terms.push(t);
    weights.push(v);
    idfs.push(idfOf.get(t) as number);
    sum += v * v;
  }
  // the page's forms (an article's) do not follow the expanded terms: explanations use the page's query
  const { forms: _pageForms, ...page } = q;
  return { ...page, terms, weights, idf: idfs, norm: Math.sqrt(sum) };
}
