/**
 * The public form of a result: id, scores, title, date, section, and why it was chosen.
 */
import type { CorpusIndexCore } from './index.js';
import { MS_PER_DAY, type Candidate } from './gather.js';
import type { Query } from './query.js';
import { NO_FORM } from './vocabulary.js';

/**
 * Why a result was chosen: the strongest shared terms, spelled as the page spells them ("stocks" when
 * both pages say "stocks", never another document's "stockings"), and the shared entity ids.
 */
export interface RelatedWhy {
  terms: string[];
  entities: string[];
}

/**
 * The page's side of the explanations: its weights by term (dense), and by term the page's own form
 * (form: 0 = none; an indexed page's form number + 1, or for an article the index + 1 in q.forms).
 */
export interface PageTerms {
  dense: Float32Array;
  form: Int32Array;
  q: Query;
}

/** The page's own spelling of term `t` (see PageTerms). O(1). */
function pageForm(core: CorpusIndexCore, page: PageTerms, t: number): string {
  const f = (page.form[t] as number) - 1;
  return page.q.forms !== undefined ? (page.q.forms[f] as string) : (core.vocab.label(t, f) as string);
}

export interface RelatedResult {
  id: string;
  /** Ranking score (cosine x recency x entity boost, or the Read Next score); never increases down a list. */
  score: number;
  /** TF-IDF cosine with the page. */
  similarity: number;
  title: string;
  date?: string;
  section?: string;
  why: RelatedWhy;
  /** Ids of near-duplicates (older versions, copies) collapsed into this result. */
  duplicates?: string[];
}

/**
 * The strongest shared terms of the query and a document, in the page's own spelling (see
 * withQueryDense); a term whose form was not recorded (beyond MAX_FORMS) is left out. O(|v| + shared x max).
 */
export function explain(core: CorpusIndexCore, page: PageTerms, slot: number, max = 5): RelatedWhy {
  const { dense, form } = page;
  // the best `max` shared terms and entities by contribution (ties: lower term id), kept sorted by
  // insertion: no per-term objects and no sort of every shared term
  const termT: number[] = [];
  const termC: number[] = [];
  const entT: number[] = [];
  const entC: number[] = [];
  const a = core.fwdStart[slot] as number;
  const b = a + (core.fwdLen[slot] as number);
  for (let j = a; j < b; j++) {
    const t = core.fwdTerm[j] as number;
    const w = dense[t] as number;
    if (w === 0) continue;
    const c = w * (core.fwdTf[j] as number);
    if (core.vocab.isEntity(t)) insertTop(entT, entC, t, c, max);
    else if (form[t] !== 0) insertTop(termT, termC, t, c, max);
  }
  const terms: string[] = [];
  const entities: string[] = [];
  for (const t of termT) terms.push(pageForm(core, page, t));
  for (const t of entT) entities.push(core.vocab.label(t) as string);
  return { terms, entities };
}

/** Inserts (t, c) into the top-`max` lists ordered by c descending, then t ascending. */
function insertTop(ts: number[], cs: number[], t: number, c: number, max: number): void {
  if (max <= 0) return;
  let j = ts.length;
  if (j === max) {
    const lc = cs[j - 1] as number;
    if (!(c > lc || (c === lc && t < (ts[j - 1] as number)))) return;
    j--;
  } else {
    ts.push(t);
    cs.push(c);
  }
  while (j > 0) {
    const pc = cs[j - 1] as number;
    if (!(c > pc || (c === pc && t < (ts[j - 1] as number)))) break;
    ts[j] = ts[j - 1] as number;
    cs[j] = pc;
    j--;
  }
  ts[j] = t;
  cs[j] = c;
}

/**
 * Runs `fn` with the page's terms: its weights (tf x idf x idf, the doc-side factor included) in
 * core.qDense, and its own form of each term in core.qForm (an indexed page's recorded forms, or the
 * article's). O(|q|).
 */
export function withQueryDense<T>(core: CorpusIndexCore, q: Query, fn: (page: PageTerms) => T): T {
  core.prepare();
  const dense = core.qDense;
  const form = core.qForm;
  // a stored page's query lists its terms in the order of its forward vector
  const a = core.fwdStart[q.slot] as number;
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i] as number;
    dense[t] = (q.weights[i] as number) * (q.idf[i] as number);
    if (q.forms !== undefined) form[t] = i + 1;
    else {
      const code = core.fwdForm[a + i] as number;
      form[t] = code === NO_FORM || core.vocab.isEntity(t) ? 0 : code + 1;
    }
  }
  try {
    return fn({ dense, form, q });
  } finally {
    for (const t of q.terms) {
      dense[t] = 0;
      form[t] = 0;
    }
  }
}

/** "YYYY-MM-DD" prefixes of ISO strings by day number (archives repeat days; toISOString dominated toResult). */
const isoDays = new Map<number, string>();

/** Same string as new Date(ms).toISOString(), from a cached day prefix and the formatted time of day. */
function isoDate(ms: number): string {
  if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return new Date(ms).toISOString();
  const day = Math.floor(ms / MS_PER_DAY);
  let prefix = isoDays.get(day);
  if (prefix === undefined) {
    const iso = new Date(day * MS_PER_DAY).toISOString();
    prefix = iso.slice(0, iso.indexOf('T'));
    if (isoDays.size >= 8192) isoDays.clear();
    isoDays.set(day, prefix);
  }
  let rest = ms - day * MS_PER_DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${prefix}T${pad2(hour)}:${pad2(min)}:${pad2(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Builds the public result of a candidate. */
export function toResult(core: CorpusIndexCore, page: PageTerms, c: Candidate): RelatedResult {
  const r: RelatedResult = {
    id: core.ids_[c.slot] as string,
    score: c.score,
    similarity: c.similarity,
    title: core.titles[c.slot] as string,
    why: explain(core, page, c.slot),
  };
  const date = core.dates[c.slot] as number;
  if (!Number.isNaN(date)) r.date = isoDate(date);
  const s = core.sections[c.slot] as number;
  if (s >= 0) r.section = core.sectionNames[s] as string;
  if (c.duplicates !== undefined) r.duplicates = c.duplicates.map((d) => core.ids_[d] as string);
  return r;
}

