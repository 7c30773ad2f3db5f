/**
 * The properties the fuzzing harness checks, each as a function that throws a `FuzzFailure` (with a
 * reason) when an input breaks it:
 *
 * - only `NewsTaggerError` escapes the library (no TypeError, RangeError, stack overflow);
 * - token and mention offsets map back into the caller's string, and the slice between the mapped
 *   start and end holds the same letters as the token (`offsetsMapBack`);
 * - a damaged index file either loads into an index that saves to the same bytes, or throws INDEX_*;
 * - no call takes more than a linear time budget (`LinearBudget`).
 */
import { Readable } from 'node:stream';
import { createCorpusIndex, isNewsTaggerError, loadCorpusIndex, normalizeText, type ArticleAnalysis, type Tagger } from '../src/index.js';
import { createRowValidator, DEFAULT_COLUMNS, readRows } from '../src/batch/index.js';
import { applyDamage, type Damage } from './arbitraries.js';

export class FuzzFailure extends Error {
  override name = 'FuzzFailure';
}

/** Runs `fn`; an error other than a NewsTaggerError (with one of `codes`, when given) is a failure. */
export function onlyLibraryErrors<T>(what: string, fn: () => T, codes?: readonly string[]): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (isNewsTaggerError(error) && (codes === undefined || codes.includes(error.code))) return undefined;
    if (error instanceof FuzzFailure) throw error;
    const e = error as Error;
    throw new FuzzFailure(`${what} threw ${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 300)}`);
  }
}

/** The letters and digits of a string, NFC: what folding must keep. */
export function letters(text: string): string {
  return text.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * For every token and mention: the mapped start and end lie in the source, start <= end, and the source
 * slice between them, normalized as its field was, has the same letters as the token's text.
 */
export function offsetsMapBack(analysis: ArticleAnalysis, source: (field: string) => string): void {
  const fields = new Map(analysis.text.fields.map((f) => [f.field, f]));
  const check = (kind: string, field: string, start: number, end: number, text: string): void => {
    const f = fields.get(field as 'body');
    if (f === undefined) throw new FuzzFailure(`${kind} "${text}" in field ${field}, which was not analyzed`);
    if (f.text.slice(start, end) !== text) throw new FuzzFailure(`${kind} "${text}" does not slice back to its own field text`);
    const src = source(field);
    const s = f.toSource(start);
    const e = f.toSource(end);
    if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= src.length)) {
      throw new FuzzFailure(`${kind} "${text}" [${start}, ${end}) maps to [${s}, ${e}) outside the source (length ${src.length})`);
    }
    const back = normalizeText(src.slice(s, e), f.html ? 'html' : 'text').text;
    if (letters(back) !== letters(text)) {
      throw new FuzzFailure(`${kind} ${JSON.stringify(text)} [${start}, ${end}) maps back to ${JSON.stringify(src.slice(s, e))}`);
    }
  };
  for (const t of analysis.text.tokens) check('token', t.field, t.start, t.end, t.text);
  for (const m of analysis.mentions) check('mention', m.field, m.start, m.end, m.text);
}

/**
 * A time budget linear in the input: `base` plus `factor` times the time per character of ordinary
 * news text, measured in the same process (and measured again every minute, as load drifts).
 */
export class LinearBudget {
  private perChar = 0;
  private measuredAt = 0;

  constructor(
    private readonly measure: () => { ms: number; chars: number },
    private readonly factor = 16,
    private readonly baseMs = 150,
  ) {}

  /** The budget in ms for an input of `chars` characters. */
  limit(chars: number, remeasure = false): number {
    if (remeasure || this.perChar === 0 || performance.now() - this.measuredAt > 60_000) {
      const runs = [this.measure(), this.measure(), this.measure()];
      this.perChar = Math.min(...runs.map((r) => r.ms / Math.max(1, r.chars)));
      this.measuredAt = performance.now();
    }
    return this.baseMs + this.factor * this.perChar * chars;
  }

  /**
   * Runs `fn`; a failure when it takes longer than the budget three times in a row, the budget
   * measured again before each retry (on a shared machine the load changes within seconds).
   */
  check<T>(what: string, chars: number, fn: () => T): T {
    let limit = this.limit(chars);
    for (let attempt = 0; ; attempt++) {
      const t0 = performance.now();
      const out = fn();
      const ms = performance.now() - t0;
      if (ms <= limit) return out;
      if (attempt === 2) throw new FuzzFailure(`${what} on ${chars} characters took ${ms.toFixed(0)} ms, over the linear budget of ${limit.toFixed(0)} ms`);
      limit = this.limit(chars, true);
    }
  }
}

function textLength(input: unknown): number {
  if (input === null || typeof input !== 'object') return 0;
  let n = 0;
  for (const k of ['title', 'lede', 'body'] as const) {
    const v = (input as Record<string, unknown>)[k];
    if (typeof v === 'string') n += v.length;
  }
  return n;
}

/** tag() and analyze() on one article-shaped input. */
export function checkTagger(tagger: Tagger, input: unknown, budget: LinearBudget): void {
  const chars = textLength(input);
  const analysis = budget.check('analyze()', chars, () => onlyLibraryErrors('analyze()', () => tagger.analyze(input)));
  budget.check('tag()', chars, () => onlyLibraryErrors('tag()', () => tagger.tag(input)));
  if (analysis === undefined) return;
  const record = input as Record<string, unknown>;
  offsetsMapBack(analysis, (field) => (typeof record[field] === 'string' ? (record[field] as string) : ''));
}

/** One step of a corpus-index session. */
export type IndexOp =
  | { op: 'add' | 'update'; id: string; article: unknown }
  | { op: 'remove' | 'related' | 'readNext'; id: string }
  | { op: 'vacuum' };

/**
 * Runs index operations (errors must be NewsTaggerErrors), checks that related() and readNext() never
 * return the page, that save -> load -> save gives the same bytes, and that the damaged bytes load
 * to the same index or throw an INDEX_* error.
 */
export function checkIndex(ops: readonly IndexOp[], damages: readonly Damage[][], budget: LinearBudget): void {
  const index = createCorpusIndex();
  let chars = 0;
  for (const step of ops) {
    if (step.op === 'vacuum') {
      onlyLibraryErrors('vacuum()', () => index.vacuum());
      continue;
    }
    const { id } = step;
    if (step.op === 'add' || step.op === 'update') {
      const article = { ...(step.article as object), id };
      chars += textLength(article);
      budget.check(`${step.op}()`, textLength(article), () => onlyLibraryErrors(`${step.op}()`, () => index[step.op](article as never)));
    } else if (step.op === 'remove') onlyLibraryErrors('remove()', () => index.remove(id));
    else {
      const query = step.op === 'related' ? (): unknown[] => index.related(id) : (): unknown[] => index.readNext(id);
      const results = budget.check(`${step.op}()`, chars, () => onlyLibraryErrors(`${step.op}()`, query)) as { id: string }[] | undefined;
      if (results?.some((r) => r.id === id)) throw new FuzzFailure(`${step.op}(${JSON.stringify(id)}) returned the page itself`);
    }
  }
  const bytes = onlyLibraryErrors('save()', () => index.save());
  if (bytes === undefined) throw new FuzzFailure('save() threw');
  const again = onlyLibraryErrors('loadCorpusIndex()', () => loadCorpusIndex(bytes));
  if (again === undefined || !sameBytes(again.save(), bytes)) throw new FuzzFailure('save -> load -> save changed the bytes');
  for (const list of damages) {
    const damaged = applyDamage(bytes, list);
    const loaded = onlyLibraryErrors('loadCorpusIndex(damaged)', () => loadCorpusIndex(damaged), ['INDEX_FORMAT', 'INDEX_VERSION', 'INDEX_CORRUPT', 'INDEX_OPTIONS_MISMATCH']);
    if (loaded !== undefined && !sameBytes(loaded.save(), bytes)) {
      throw new FuzzFailure(`damaged bytes (${JSON.stringify(list)}) loaded into a different index`);
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let warmed: Promise<void> | undefined;

/** The batch reader (and the row checks) over one CSV or JSONL input, fed in chunks. */
export async function checkBatch(input: { format: 'csv' | 'jsonl'; text: string; chunk: number }, budget: LinearBudget): Promise<void> {
  const chunks: string[] = [];
  for (let i = 0; i < input.text.length; i += input.chunk) chunks.push(input.text.slice(i, i + input.chunk));
  const validate = createRowValidator({ columns: { ...DEFAULT_COLUMNS }, maxFieldLength: 1_000_000, allowEmptyBody: false });
  // the first call loads fast-csv: not part of any input's time
  warmed ??= (async () => {
    for await (const _row of readRows(Readable.from(['id,body\n1,a\n']), { format: 'csv', maxRecordBytes: 100 }));
  })();
  await warmed;
  const read = async (): Promise<void> => {
    try {
      for await (const row of readRows(Readable.from(chunks), { format: input.format, maxRecordBytes: 1 << 20 })) {
        if ('fields' in row) onlyLibraryErrors('row validation', () => validate(row.fields));
      }
    } catch (error) {
      if (error instanceof FuzzFailure) throw error;
      if (!isNewsTaggerError(error, 'BATCH_INPUT')) {
        throw new FuzzFailure(`readRows() threw ${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 300)}`);
      }
    }
  };
  // as LinearBudget.check, for an async reader: three overruns in a row, the budget measured again before each retry
  let limit = budget.limit(input.text.length) * 2;
  for (let attempt = 0; ; attempt++) {
    const t0 = performance.now();
    await read();
    const ms = performance.now() - t0;
    if (ms <= limit) return;
    if (attempt === 2) throw new FuzzFailure(`readRows() on ${input.text.length} characters took ${ms.toFixed(0)} ms, over the linear budget of ${limit.toFixed(0)} ms`);
    limit = budget.limit(input.text.length, true) * 2;
  }
}

/** A counterexample as ASCII JSON (every other character escaped), long runs cut, for a report or a regression test. */
export function describeInput(value: unknown, max = 4000): string {
  const json = JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  const ascii = json.replace(/[^\x20-\x7e]/gu, (c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
  return ascii.length > max ? `${ascii.slice(0, max)}... (${ascii.length} characters)` : ascii;
}
