/**
 * CorpusIndex: an incremental inverted TF-IDF index over an archive of articles.
 *
 * Layout (all typed arrays, grown by doubling):
 *   - documents get short numeric slots; per slot: external id, title, date (ms), section, language,
 *     L2 norm, and a forward vector (term ids + tf weights in one shared pool);
 *   - postings: a compact CSR block (term -> [doc slots], [tf weights]) plus an append-only tail for
 *     documents added since the last merge (a linked list per term in typed arrays);
 *   - removal is lazy: the slot is marked dead and document frequencies are decremented at once;
 *     dead postings are skipped by queries and dropped by the next merge; `vacuum()` renumbers slots.
 *
 * Maintenance is amortized and lazy: before a query, the tail is merged into the CSR block when it
 * holds more than an eighth of the postings, and the document norms are recomputed with the current
 * idf when more than a tenth of the archive has changed since they were computed. Each costs
 * O(postings) and happens after Θ(postings) worth of changes, so add/update/remove stay O(article)
 * amortized. Between refreshes a norm may use an idf computed with up to 10% fewer or more documents.
 */
import { createError } from '../errors.js';
import { resolveCorpusOptions, type CorpusIndexOptions, type IndexArticle, type ResolvedCorpusOptions } from './options.js';
import { TermExtractor, type TermCount } from './terms.js';
import { Vocabulary } from './vocabulary.js';
import { idfWeight, rawTfWeight, tfWeight } from './weighting.js';
import { related, type RelatedOptions, type RelatedResult } from './related.js';
import { density, docCosine } from './neighbours.js';
import { readNext, type ReadNextOptions } from './read-next.js';
import { saveIndex } from './serialize.js';

/** Counts of an index, as `stats()` returns them. */
export interface CorpusStats {
  /** Live documents. */
  documents: number;
  /** Distinct terms with at least one live document. */
  terms: number;
  /** Live (document, term) pairs. */
  postings: number;
  /** Removed documents whose slots are not yet reclaimed by `vacuum()`. */
  deleted: number;
}

/** A stored document, as `get(id)` returns it. */
export interface IndexedDocument {
  id: string;
  title: string;
  date?: string;
  section?: string;
  lang: string;
  /** The document's terms (as the document spells them; entity ids as given) with their tf-idf weights, strongest first. */
  terms: { term: string; weight: number }[];
}

/** The public interface of the index. Costs: N documents, P postings, |a| the article's length. */
export interface CorpusIndex {
  /** Number of live documents. O(1). */
  readonly size: number;
  /** Indexes an article. Throws DUPLICATE_ID if its id is present. O(|a|) amortized. */
  add(article: IndexArticle): void;
  /** Indexes many articles. O(sum of |a|) amortized. */
  addAll(articles: Iterable<IndexArticle>): void;
  /** Replaces the article with the same id. Throws UNKNOWN_ID if absent. O(|a| + |old vector|) amortized. */
  update(article: IndexArticle): void;
  /** Removes an article (lazily; see `vacuum`). Throws UNKNOWN_ID if absent. O(|vector|). */
  remove(id: string): void;
  /** True when `id` is indexed. O(1). */
  has(id: string): boolean;
  /** The stored document, or undefined. O(|vector| log |vector|). */
  get(id: string): IndexedDocument | undefined;
  /** Ids of the live documents in index order. O(N). */
  ids(): string[];
  /** Document frequency of a term as the index spells it (a stem, or an entity id when `entity`). O(1). */
  documentFrequency(term: string, entity?: boolean): number;
  /** Counts. O(1). */
  stats(): CorpusStats;
  /** Reclaims removed slots, merges postings and refreshes norms. O(P + N). */
  vacuum(): void;
  /**
   * Computes now what queries otherwise compute on first use: merged postings, fresh norms, and every
   * document's neighbourhood density (used by the `localScaling` hub penalty). O(N pruned queries).
   */
  warm(): void;
  /**
   * Related News: the top-k articles by cosine similarity to an indexed id or to an article that is not
   * indexed, with filters, boosts and explanations. O(postings of the query's strongest terms + k·C·|v|).
   */
  related(idOrArticle: string | IndexArticle, options?: RelatedOptions): RelatedResult[];
  /**
   * TF-IDF cosine of two indexed articles (as `similarity` in results). Throws UNKNOWN_ID for an
   * unknown id. O(|a| + |b|).
   */
  similarity(a: string, b: string): number;
  /** Read Next for the page `id` (see read-next.ts for the ranking). Cost of a related() query plus O(C·k·|v|). */
  readNext(id: string, options?: ReadNextOptions): RelatedResult[];
  /** The index as bytes (versioned format, options fingerprint, checksum). O(P + N). */
  save(): Uint8Array;
}

/** Creates an empty index. O(1) (stopwords are built once). */
export function createCorpusIndex(options: CorpusIndexOptions = {}): CorpusIndex {
  return new CorpusIndexCore(resolveCorpusOptions(options));
}

const NO_SECTION = -1;

type GrowableArray = Int32Array<ArrayBuffer> | Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/** `a` when it holds `need` elements, else a copy of the same type at least twice as long. */
function grown<T extends GrowableArray>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (length: number) => T)(Math.max(need, a.length * 2));
  next.set(a as ArrayLike<number>);
  return next;
}

/**
 * The index state and its maintenance. Not exported from the package: related.ts, read-next.ts and
 * serialize.ts read its fields; users see `CorpusIndex`.
 */
export class CorpusIndexCore implements CorpusIndex {
  readonly options: ResolvedCorpusOptions;
  readonly extractor: TermExtractor;
  readonly vocab = new Vocabulary();

  // documents, by slot
  slots = 0;
  live = 0;
  ids_: string[] = [];
  titles: string[] = [];
  readonly slotOf = new Map<string, number>();
  alive = new Uint8Array(256);
  dates = new Float64Array(256);
  sections = new Int32Array(256);
  langs = new Int32Array(256);
  norms = new Float32Array(256);
  /** Cached neighbourhood density per slot (NaN: not computed) and the live count when computed. */
  density = new Float32Array(256).fill(Number.NaN);
  densityAt = new Int32Array(256);
  fwdStart = new Int32Array(256);
  fwdLen = new Int32Array(256);
  // forward pool
  fwdTerm = new Int32Array(4096);
  fwdTf = new Float32Array(4096);
  /** The document's own surface form of each term: its number among the term's forms (Vocabulary.forms). */
  fwdForm = new Uint8Array(4096);
  fwdUsed = 0;
  livePostings = 0;
  // dictionaries of sections and languages
  readonly sectionIds = new Map<string, number>();
  readonly sectionNames: string[] = [];
  readonly langIds = new Map<string, number>();
  readonly langNames: string[] = [];

  // CSR postings block, for terms [0, csrTerms)
  csrTerms = 0;
  csrStart = new Int32Array(1);
  csrDoc = new Int32Array(0);
  csrTf = new Float32Array(0);
  // tail postings: linked lists per term, newest first
  tailHead = new Int32Array(1024).fill(-1);
  tailNext = new Int32Array(1024);
  tailDoc = new Int32Array(1024);
  tailTf = new Float32Array(1024);
  tailLen = 0;
  /** Postings of removed documents still in the CSR block or the tail. */
  deadPostings = 0;

  /** idf of every term at the last norm refresh. */
  idfCache = new Float32Array(0);
  /** The newest date ever indexed (ms; NaN when none): the default reference time of queries. */
  newestDate = Number.NaN;

  /** Documents added or removed since the norms were last computed for all documents. */
  changesSinceRefresh = 0;

  // per-query scratch, reused
  acc = new Float32Array(256);
  touched = new Int32Array(256);
  qDense = new Float32Array(1024);
  /** The page's own form of each of its terms, by term (see explain.ts PageTerms). */
  qForm = new Int32Array(1024);

  constructor(options: ResolvedCorpusOptions) {
    this.options = options;
    this.extractor = new TermExtractor(options, this.vocab);
  }

  get size(): number {
    return this.live;
  }

  tf(count: number): number {
    return this.options.tf === 'raw' ? rawTfWeight(count) : tfWeight(count);
  }

  idf(term: number): number {
    return idfWeight(this.vocab.df[term] as number, this.live, this.options.idfExponent);
  }

  /** idf as of the last norm refresh (consistent with the norms); live for newer terms. O(1). */
  idfCached(term: number): number {
    return term < this.idfCache.length ? (this.idfCache[term] as number) : this.idf(term);
  }

  add(article: IndexArticle): void {
    const { meta, ids, counts, forms } = this.extractor.extractIds(article);
    if (this.slotOf.has(meta.id)) throw createError('DUPLICATE_ID', meta.id);
    this.insert(meta.id, meta.title, meta.date, meta.section, meta.lang, null, ids, counts.map((c) => this.tf(c)), forms);
  }

  addAll(articles: Iterable<IndexArticle>): void {
    for (const a of articles) this.add(a);
  }

  update(article: IndexArticle): void {
    const { meta, ids, counts, forms } = this.extractor.extractIds(article);
    if (!this.slotOf.has(meta.id)) throw createError('UNKNOWN_ID', meta.id);
    this.remove(meta.id);
    this.insert(meta.id, meta.title, meta.date, meta.section, meta.lang, null, ids, counts.map((c) => this.tf(c)), forms);
  }

  /**
   * Adds a document from its parts (term ids, tf weights and the document's own form number of each
   * term); used by add(). O(|terms|) amortized.
   */
  insert(id: string, title: string, date: number, section: string | undefined, lang: string, terms: Map<string, TermCount> | null, termIds?: ArrayLike<number>, tfs?: ArrayLike<number>, forms?: ArrayLike<number>): number {
    const slot = this.slots++;
    this.ensureSlots(this.slots);
    this.ids_[slot] = id;
    this.titles[slot] = title;
    this.slotOf.set(id, slot);
    this.alive[slot] = 1;
    this.dates[slot] = date;
    if (date > this.newestDate || Number.isNaN(this.newestDate)) this.newestDate = date;
    this.sections[slot] = section === undefined ? NO_SECTION : this.dictId(this.sectionIds, this.sectionNames, section);
    this.langs[slot] = this.dictId(this.langIds, this.langNames, lang);
    const n = terms !== null ? terms.size : (termIds as ArrayLike<number>).length;
    this.fwdTerm = grown(this.fwdTerm, this.fwdUsed + n);
    this.fwdTf = grown(this.fwdTf, this.fwdUsed + n);
    this.fwdForm = grown(this.fwdForm, this.fwdUsed + n);
    const start = this.fwdUsed;
    this.fwdStart[slot] = start;
    this.fwdLen[slot] = n;
    let i = start;
    if (terms !== null) {
      for (const [key, entry] of terms) {
        const t = this.vocab.intern(key, entry.display);
        this.fwdTerm[i] = t;
        this.fwdTf[i] = this.tf(entry.count);
        this.fwdForm[i] = this.vocab.formCode(t, entry.display);
        i++;
      }
    } else {
      for (let j = 0; j < n; j++, i++) {
        this.fwdTerm[i] = (termIds as ArrayLike<number>)[j] as number;
        this.fwdTf[i] = (tfs as ArrayLike<number>)[j] as number;
        this.fwdForm[i] = forms === undefined ? 0 : (forms[j] as number);
      }
    }
    this.fwdUsed = i;
    this.live++;
    this.livePostings += n;
    this.ensureTerms(this.vocab.size);
    const df = this.vocab.df;
    // tail postings and df
    this.ensureTail(this.tailLen + n);
    for (let j = start; j < start + n; j++) {
      const t = this.fwdTerm[j] as number;
      df[t] = (df[t] as number) + 1;
      const p = this.tailLen++;
      this.tailDoc[p] = slot;
      this.tailTf[p] = this.fwdTf[j] as number;
      this.tailNext[p] = this.tailHead[t] as number;
      this.tailHead[t] = p;
    }
    this.norms[slot] = this.computeNorm(slot);
    this.density[slot] = Number.NaN;
    this.changesSinceRefresh++;
    return slot;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw createError('UNKNOWN_ID', String(id));
    this.slotOf.delete(id);
    this.alive[slot] = 0;
    const start = this.fwdStart[slot] as number;
    const n = this.fwdLen[slot] as number;
    const df = this.vocab.df;
    for (let j = start; j < start + n; j++) {
      const t = this.fwdTerm[j] as number;
      df[t] = (df[t] as number) - 1;
    }
    this.live--;
    this.livePostings -= n;
    this.deadPostings += n;
    this.changesSinceRefresh++;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): IndexedDocument | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    const start = this.fwdStart[slot] as number;
    const n = this.fwdLen[slot] as number;
    const norm = this.norms[slot] as number;
    const terms: { term: string; weight: number }[] = [];
    for (let j = start; j < start + n; j++) {
      const t = this.fwdTerm[j] as number;
      const term = this.vocab.label(t, this.fwdForm[j] as number) ?? (this.vocab.terms[t] as string);
      terms.push({ term, weight: norm > 0 ? ((this.fwdTf[j] as number) * this.idf(t)) / norm : 0 });
    }
    terms.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
    const doc: IndexedDocument = { id, title: this.titles[slot] as string, lang: this.langNames[this.langs[slot] as number] as string, terms };
    const date = this.dates[slot] as number;
    if (!Number.isNaN(date)) doc.date = new Date(date).toISOString();
    const section = this.sections[slot] as number;
    if (section !== NO_SECTION) doc.section = this.sectionNames[section] as string;
    return doc;
  }

  ids(): string[] {
    const out: string[] = [];
    for (let s = 0; s < this.slots; s++) if (this.alive[s] === 1) out.push(this.ids_[s] as string);
    return out;
  }

  documentFrequency(term: string, entity = false): number {
    const t = this.vocab.get(entity ? `\u0001${term}` : term);
    return t < 0 ? 0 : (this.vocab.df[t] as number);
  }

  stats(): CorpusStats {
    let terms = 0;
    const df = this.vocab.df;
    for (let t = 0; t < this.vocab.size; t++) if ((df[t] as number) > 0) terms++;
    return { documents: this.live, terms, postings: this.livePostings, deleted: this.slots - this.live };
  }

  related(idOrArticle: string | IndexArticle, options?: RelatedOptions): RelatedResult[] {
    return related(this, idOrArticle, options);
  }

  readNext(id: string, options?: ReadNextOptions): RelatedResult[] {
    return readNext(this, id, options);
  }

  similarity(a: string, b: string): number {
    // first: prepare() may vacuum removed documents and renumber the slots
    this.prepare();
    const sa = this.slotOf.get(a);
    if (sa === undefined) throw createError('UNKNOWN_ID', String(a));
    const sb = this.slotOf.get(b);
    if (sb === undefined) throw createError('UNKNOWN_ID', String(b));
    return docCosine(this, sa, sb);
  }

  save(): Uint8Array {
    return saveIndex(this);
  }

  warm(): void {
    this.prepare();
    for (let s = 0; s < this.slots; s++) if (this.alive[s] === 1) density(this, s);
  }

  // ---- maintenance -------------------------------------------------------------------------------

  /** Brings postings and norms up to date when enough has changed (called before every query). */
  prepare(): void {
    const dead = this.slots - this.live;
    if (dead > 1024 && dead > this.slots / 4) this.vacuum();
    if (this.tailLen > 4096 && this.tailLen > this.csrDoc.length / 8) this.merge();
    else if (this.deadPostings > 4096 && this.deadPostings > this.livePostings / 4) this.merge();
    if (this.changesSinceRefresh > 0 && this.changesSinceRefresh > this.live / 10) this.refreshNorms();
    if (this.acc.length < this.slots) {
      this.acc = new Float32Array(this.slots * 2);
      this.touched = new Int32Array(this.slots * 2);
    }
    if (this.qDense.length < this.vocab.size) this.qDense = new Float32Array(this.vocab.size * 2);
    if (this.qForm.length < this.vocab.size) this.qForm = new Int32Array(this.vocab.size * 2);
  }

  vacuum(): void {
    if (this.slots !== this.live || this.fwdUsed !== this.livePostings) {
      // renumber live slots densely, in order, and compact the forward pool
      let out = 0;
      let pool = 0;
      for (let s = 0; s < this.slots; s++) {
        if (this.alive[s] !== 1) continue;
        const start = this.fwdStart[s] as number;
        const n = this.fwdLen[s] as number;
        this.fwdTerm.copyWithin(pool, start, start + n);
        this.fwdTf.copyWithin(pool, start, start + n);
        this.fwdForm.copyWithin(pool, start, start + n);
        this.ids_[out] = this.ids_[s] as string;
        this.titles[out] = this.titles[s] as string;
        this.slotOf.set(this.ids_[out] as string, out);
        this.alive[out] = 1;
        this.dates[out] = this.dates[s] as number;
        this.sections[out] = this.sections[s] as number;
        this.langs[out] = this.langs[s] as number;
        this.norms[out] = this.norms[s] as number;
        this.density[out] = this.density[s] as number;
        this.densityAt[out] = this.densityAt[s] as number;
        this.fwdStart[out] = pool;
        this.fwdLen[out] = n;
        pool += n;
        out++;
      }
      this.ids_.length = out;
      this.titles.length = out;
      this.alive.fill(0, out, this.slots);
      this.density.fill(Number.NaN, out, this.slots);
      this.slots = out;
      this.fwdUsed = pool;
    }
    // trim the forward pool to its contents (it regrows by doubling on later adds)
    if (this.fwdTerm.length > this.fwdUsed + 1024) {
      this.fwdTerm = this.fwdTerm.slice(0, this.fwdUsed + 1024);
      this.fwdTf = this.fwdTf.slice(0, this.fwdUsed + 1024);
      this.fwdForm = this.fwdForm.slice(0, this.fwdUsed + 1024);
    }
    this.merge();
    this.refreshNorms();
  }

  /** Rebuilds the CSR block from the forward vectors of live documents (counting sort). O(P + V). */
  merge(): void {
    const V = this.vocab.size;
    const start = new Int32Array(V + 1);
    const df = this.vocab.df;
    for (let t = 0; t < V; t++) start[t + 1] = (start[t] as number) + (df[t] as number);
    const total = start[V] as number;
    const doc = new Int32Array(total);
    const tf = new Float32Array(total);
    const fill = start.slice(0, V);
    for (let s = 0; s < this.slots; s++) {
      if (this.alive[s] !== 1) continue;
      const a = this.fwdStart[s] as number;
      const b = a + (this.fwdLen[s] as number);
      for (let j = a; j < b; j++) {
        const t = this.fwdTerm[j] as number;
        const p = fill[t] as number;
        fill[t] = p + 1;
        doc[p] = s;
        tf[p] = this.fwdTf[j] as number;
      }
    }
    this.csrTerms = V;
    this.csrStart = start;
    this.csrDoc = doc;
    this.csrTf = tf;
    this.tailHead.fill(-1);
    this.tailLen = 0;
    this.deadPostings = 0;
    // release the tail's peak capacity (it regrows by doubling on later adds)
    if (this.tailDoc.length > 1024) {
      this.tailDoc = new Int32Array(1024);
      this.tailNext = new Int32Array(1024);
      this.tailTf = new Float32Array(1024);
    }
  }

  /** Recomputes every live document's norm with the current idf. O(P + V). */
  refreshNorms(): void {
    const V = this.vocab.size;
    const idf = new Float32Array(V);
    for (let t = 0; t < V; t++) idf[t] = this.idf(t);
    this.idfCache = idf;
    for (let s = 0; s < this.slots; s++) {
      if (this.alive[s] !== 1) continue;
      const a = this.fwdStart[s] as number;
      const b = a + (this.fwdLen[s] as number);
      let sum = 0;
      for (let j = a; j < b; j++) {
        const w = (this.fwdTf[j] as number) * (idf[this.fwdTerm[j] as number] as number);
        sum += w * w;
      }
      this.norms[s] = Math.sqrt(sum);
    }
    this.changesSinceRefresh = 0;
  }

  computeNorm(slot: number): number {
    const a = this.fwdStart[slot] as number;
    const b = a + (this.fwdLen[slot] as number);
    let sum = 0;
    for (let j = a; j < b; j++) {
      const w = (this.fwdTf[j] as number) * this.idf(this.fwdTerm[j] as number);
      sum += w * w;
    }
    return Math.sqrt(sum);
  }

  private dictId(ids: Map<string, number>, names: string[], value: string): number {
    let id = ids.get(value);
    if (id === undefined) {
      id = names.length;
      ids.set(value, id);
      names.push(value);
    }
    return id;
  }

  private ensureSlots(need: number): void {
    if (need <= this.alive.length) return;
    const cap = Math.max(need, this.alive.length * 2);
    this.alive = grown(this.alive, cap);
    this.dates = grown(this.dates, cap);
    this.sections = grown(this.sections, cap);
    this.langs = grown(this.langs, cap);
    this.norms = grown(this.norms, cap);
    const old = this.density.length;
    this.density = grown(this.density, cap);
    this.density.fill(Number.NaN, old);
    this.densityAt = grown(this.densityAt, cap);
    this.fwdStart = grown(this.fwdStart, cap);
    this.fwdLen = grown(this.fwdLen, cap);
  }

  private ensureTerms(need: number): void {
    if (need <= this.tailHead.length) return;
    const next = new Int32Array(Math.max(need, this.tailHead.length * 2)).fill(-1);
    next.set(this.tailHead);
    this.tailHead = next;
  }

  private ensureTail(need: number): void {
    if (need <= this.tailDoc.length) return;
    this.tailDoc = grown(this.tailDoc, need);
    this.tailNext = grown(this.tailNext, need);
    this.tailTf = grown(this.tailTf, need);
  }
}
