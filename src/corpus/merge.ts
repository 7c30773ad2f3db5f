/**
 * Index parts: an archive indexed in pieces (on several machines, each taking the rows whose position
 * modulo N is its own) and merged into the index one machine would have built from the whole archive
 * in input order. The merge is exact: same documents in the same order, same terms numbered in the
 * same order, same surface forms numbered in the same order, document frequencies summed; the saved
 * bytes equal those of the single build, so `related()` and `readNext()` answer alike.
 *
 * What a part must record beyond its index: the archive position of each of its documents (to put
 * them back in input order), and the position of the document where each surface form of a term
 * was first met (forms are numbered in the order the whole archive meets them). `recordPart()`
 * keeps both while the part is built; `mergeIndexParts()` takes them back.
 *
 * Browser-safe (no I/O); the file format of parts is in news-tagger/batch (src/batch/shards.ts).
 */
import { createError } from '../errors.js';
import { CorpusIndexCore, type CorpusIndex } from './index.js';
import { optionsFingerprint } from './options.js';
import { MAX_FORMS, NO_FORM } from './vocabulary.js';

/** A part of an archive's index, with what the merge needs to restore the archive's order. */
export interface IndexPart {
  index: CorpusIndex;
  /** The archive position of each live document, in the part's index order (increasing). */
  positions: ArrayLike<number>;
  /**
   * For each surface form of each term of the saved part (terms in saved order, forms in order), the
   * archive position of the document where it was first met.
   */
  formPositions: ArrayLike<number>;
}

/** Records positions while a part is built: call `added(position)` after each successful `add()`. */
export interface PartRecorder {
  added(position: number): void;
  /** The positions of the live documents, in index order. */
  positions(): Uint32Array;
  /** The first-met positions of the forms, in the order `index.save()` writes them. O(terms + forms). */
  formPositions(): Uint32Array;
}

function core(index: CorpusIndex, what: string): CorpusIndexCore {
  if (!(index instanceof CorpusIndexCore)) throw createError('INVALID_OPTION', what, index, 'an index from createCorpusIndex() or loadCorpusIndex()');
  return index;
}

/**
 * Starts recording the part built in `index` (empty at first). Each `added()` costs O(terms of the
 * article just added).
 */
export function recordPart(index: CorpusIndex): PartRecorder {
  const c = core(index, 'index');
  if (c.size !== 0) throw createError('INVALID_OPTION', 'index', index, 'an empty index');
  const positions: number[] = [];
  // per term id: the positions where its forms were first met, by form number
  const firsts: number[][] = [];
  return {
    added(position) {
      const slot = c.slots - 1;
      positions.push(position);
      const start = c.fwdStart[slot] as number;
      const end = start + (c.fwdLen[slot] as number);
      for (let j = start; j < end; j++) {
        const t = c.fwdTerm[j] as number;
        const have = (firsts[t] ??= []);
        const forms = (c.vocab.forms[t] as string[]).length;
        while (have.length < forms) have.push(position);
      }
    },
    positions: () => Uint32Array.from(positions),
    formPositions() {
      const out: number[] = [];
      const df = c.vocab.df;
      for (let t = 0; t < c.vocab.size; t++) {
        if ((df[t] as number) === 0) continue;
        const have = firsts[t] ?? [];
        const forms = (c.vocab.forms[t] as string[]).length;
        for (let k = 0; k < forms; k++) out.push(have[k] ?? Number.MAX_SAFE_INTEGER);
      }
      return Uint32Array.from(out, (p) => Math.min(p, 0xffffffff));
    },
  };
}

/** A live document of a part, in the merge's order. */
interface Doc {
  part: number;
  slot: number;
  position: number;
}

/**
 * Merges parts into one index, documents in archive order. Every part must have been built with the
 * same options (else INDEX_OPTIONS_MISMATCH); an id in two parts throws DUPLICATE_ID; positions that
 * are not increasing within a part, or shared by two parts, throw INDEX_CORRUPT.
 * O(P + N log parts + F log F) for P postings, N documents, F surface forms.
 */
export function mergeIndexParts(parts: readonly IndexPart[]): CorpusIndex {
  if (!Array.isArray(parts) || parts.length === 0) throw createError('INVALID_OPTION', 'parts', parts, 'a non-empty array of index parts');
  const cores = parts.map((p, i) => core(p?.index, `parts[${i}].index`));
  const fingerprint = optionsFingerprint((cores[0] as CorpusIndexCore).options);
  cores.forEach((c, i) => {
    if (optionsFingerprint(c.options) !== fingerprint) throw createError('INDEX_OPTIONS_MISMATCH', `part ${i + 1} was built with other options than part 1`);
  });
  const docs = documentsInOrder(parts, cores);
  const merged = new CorpusIndexCore((cores[0] as CorpusIndexCore).options);
  const forms = formsInOrder(parts, cores);
  // per part: its term id -> the merged term id (-1 until met)
  const remap = cores.map((c) => new Int32Array(c.vocab.size).fill(-1));
  for (const { part, slot } of docs) {
    const c = cores[part] as CorpusIndexCore;
    const map = remap[part] as Int32Array;
    const start = c.fwdStart[slot] as number;
    const n = c.fwdLen[slot] as number;
    const termIds = new Int32Array(n);
    const formCodes = new Uint8Array(n);
    for (let j = 0; j < n; j++) {
      const t = c.fwdTerm[start + j] as number;
      let m = map[t] as number;
      if (m < 0) {
        const term = c.vocab.terms[t] as string;
        const list = forms.get(term) as string[];
        m = merged.vocab.intern(term, list[0] as string);
        if ((merged.vocab.forms[m] as string[]).length === 1) for (let k = 1; k < list.length; k++) merged.vocab.formCode(m, list[k] as string);
        map[t] = m;
      }
      termIds[j] = m;
      const code = c.fwdForm[start + j] as number;
      const form = code === NO_FORM ? undefined : (c.vocab.forms[t] as string[])[code];
      const at = form === undefined ? -1 : (merged.vocab.forms[m] as string[]).indexOf(form);
      formCodes[j] = at < 0 ? NO_FORM : at;
    }
    const id = c.ids_[slot] as string;
    if (merged.has(id)) throw createError('DUPLICATE_ID', id);
    const section = c.sections[slot] as number;
    merged.insert(
      id,
      c.titles[slot] as string,
      c.dates[slot] as number,
      section < 0 ? undefined : (c.sectionNames[section] as string),
      c.langNames[c.langs[slot] as number] as string,
      null,
      termIds,
      c.fwdTf.subarray(start, start + n),
      formCodes,
    );
  }
  merged.merge();
  merged.refreshNorms();
  return merged;
}

/** The live documents of every part, in archive order (a k-way merge of increasing positions). */
function documentsInOrder(parts: readonly IndexPart[], cores: readonly CorpusIndexCore[]): Doc[] {
  const docs: Doc[] = [];
  cores.forEach((c, part) => {
    const positions = (parts[part] as IndexPart).positions;
    if (positions === null || typeof positions !== 'object' || positions.length !== c.size) {
      throw createError('INDEX_CORRUPT', `part ${part + 1} lists ${positions?.length ?? 0} positions for ${c.size} documents`);
    }
    let k = 0;
    let last = -1;
    for (let slot = 0; slot < c.slots; slot++) {
      if (c.alive[slot] !== 1) continue;
      const position = positions[k++] as number;
      if (!(Number.isInteger(position) && position > last)) throw createError('INDEX_CORRUPT', `part ${part + 1}: document positions must increase`);
      last = position;
      docs.push({ part, slot, position });
    }
  });
  docs.sort((a, b) => a.position - b.position);
  for (let i = 1; i < docs.length; i++) {
    if ((docs[i] as Doc).position === (docs[i - 1] as Doc).position) throw createError('INDEX_CORRUPT', `two parts hold a document at position ${(docs[i] as Doc).position}`);
  }
  return docs;
}

/**
 * Every term's surface forms in the order the whole archive met them: each part's forms sorted by
 * the position where they were first met (ties, within one document: the part's own order), the
 * earliest occurrence of a form kept, at most MAX_FORMS.
 */
function formsInOrder(parts: readonly IndexPart[], cores: readonly CorpusIndexCore[]): Map<string, string[]> {
  const met = new Map<string, { position: number; order: number; form: string }[]>();
  cores.forEach((c, part) => {
    const firsts = (parts[part] as IndexPart).formPositions;
    let k = 0;
    for (let t = 0; t < c.vocab.size; t++) {
      if ((c.vocab.df[t] as number) === 0) continue;
      const term = c.vocab.terms[t] as string;
      const list = met.get(term) ?? [];
      (c.vocab.forms[t] as string[]).forEach((form, order) => list.push({ position: firsts?.[k++] ?? Number.MAX_SAFE_INTEGER, order, form }));
      met.set(term, list);
    }
    if (firsts === null || typeof firsts !== 'object' || k !== firsts.length) {
      throw createError('INDEX_CORRUPT', `part ${part + 1} lists ${firsts?.length ?? 0} form positions for ${k} forms`);
    }
  });
  const out = new Map<string, string[]>();
  for (const [term, list] of met) {
    list.sort((a, b) => a.position - b.position || a.order - b.order);
    const forms: string[] = [];
    const seen = new Set<string>();
    for (const { form } of list) {
      if (seen.has(form)) continue;
      seen.add(form);
      forms.push(form);
      if (forms.length === MAX_FORMS) break;
    }
    out.set(term, forms);
  }
  return out;
}
