/**
 * `npm run eval -- ner [--data FILE] [--split heldout] [--case upper|lower] [--limit N] [--errors] [--no-peer] [--model FILE]`:
 * entity-level scores (conlleval convention) of the trained recognizer on a CoNLL-format file
 * (default CoNLL-2003 eng.testa, the untuned final check), PER/LOC/ORG per type and micro, MISC
 * apart, with compromise's people()/places()/organizations() scored on the same sentences in the
 * same run (unless `--no-peer`). `--split heldout` scores the held-out part of eng.train instead
 * (every tenth document, see `splitHeldOut`): the part on which `npm run train:ner` chose the
 * shipped model's epoch, and on which its feature settings were chosen. `--errors` adds the table of
 * organization error classes (counts only). `--model FILE` scores a binary model file instead of the
 * shipped model.
 */
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import type { EvalContext, EvalTask } from '../types.js';
import { datasetPath } from '../datasets.js';
import { parseConll, splitHeldOut } from '../../src/entities/ner/conll.js';
import { errorClasses, formatErrorClasses, type ErrorClasses } from './ner-errors.js';
import { defaultGazetteer } from '../../src/default-data.js';
import { buildNameLists } from '../../src/entities/ner/name-lists.js';
import { hashString, lowerKey } from '../../src/entities/ner/features.js';
import { spansFromIob, type Span } from '../../src/entities/ner/labels.js';
import { countSpans, scoreCounts, type PRF, type SpanCounts } from '../../src/entities/ner/metrics.js';
import { NerTagger, type ScoredSpan } from '../../src/entities/ner/recognizer.js';
import { shippedNerModel } from '../../src/entities/ner/model.generated.js';
import type { NerSentence } from '../../src/entities/ner/train.js';

const TYPES = ['PER', 'LOC', 'ORG'] as const;

/**
 * `--data FILE`, or CoNLL-2003 eng.train for `--split heldout`, or eng.testa under the shared folder;
 * throws DatasetMissingError when absent.
 */
export function conllFile(sharedDir: string, data?: string, split?: string): string {
  return datasetPath(sharedDir, split === 'heldout' ? 'conllTrain' : 'conllDev', data);
}

/**
 * Reads a CoNLL file (only its held-out part with `split` "heldout"), optionally upper- or
 * lower-casing every word (robustness runs).
 */
export function readConll(file: string, caseMode?: string, limitDocs?: number, split?: string): NerSentence[] {
  let sentences = parseConll(readFileSync(file, 'utf8'));
  if (split === 'heldout') sentences = splitHeldOut(sentences).heldOut;
  else if (split !== undefined && split !== 'all') throw new Error(`--split must be "heldout" or "all", got "${split}"`);
  if (limitDocs !== undefined) {
    const docs = new Set<unknown>();
    sentences = sentences.filter((s) => {
      docs.add(s.doc);
      return docs.size <= limitDocs;
    });
  }
  if (caseMode === 'upper' || caseMode === 'lower') {
    const f = caseMode === 'upper' ? (w: string) => w.toUpperCase() : (w: string) => w.toLowerCase();
    sentences = sentences.map((s) => ({ ...s, words: s.words.map(f) }));
  }
  return sentences;
}

/** Sentences grouped into documents (by `doc`), in order. */
export function groupByDocument(sentences: readonly NerSentence[]): NerSentence[][] {
  const docs: NerSentence[][] = [];
  let last: unknown = Symbol('none');
  for (const s of sentences) {
    if (docs.length === 0 || s.doc !== last) docs.push([]);
    docs[docs.length - 1]!.push(s);
    last = s.doc;
  }
  return docs;
}

/** Our spans (with confidence) for every sentence, document by document. */
export function nerSpans(tagger: NerTagger, sentences: readonly NerSentence[]): ScoredSpan[][] {
  return groupByDocument(sentences).flatMap((doc) => tagger.tagDocumentWithConfidence(doc.map((s) => s.words)));
}

/** Precision of predicted spans per confidence band [0.5, 0.6), ..., [0.9, 1]. */
export function precisionByConfidence(
  sentences: readonly NerSentence[],
  predicted: readonly ScoredSpan[][],
): { band: string; spans: number; precision: number }[] {
  const bands = [0.5, 0.6, 0.7, 0.8, 0.9].map((low) => ({ low, spans: 0, correct: 0 }));
  sentences.forEach((s, i) => {
    const gold = new Set(spansFromIob(s.tags).map((g) => `${g.start}:${g.end}:${g.type}`));
    for (const p of predicted[i] ?? []) {
      const band = bands[Math.max(0, Math.min(4, Math.floor(p.confidence * 10) - 5))]!;
      band.spans++;
      if (gold.has(`${p.start}:${p.end}:${p.type}`)) band.correct++;
    }
  });
  return bands.map((b) => ({
    band: `${b.low.toFixed(1)}-${(b.low + 0.1).toFixed(1)}`,
    spans: b.spans,
    precision: b.spans === 0 ? 0 : (100 * b.correct) / b.spans,
  }));
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Maps character spans over `words.join(' ')` to token spans: the tokens inside the span, with
 * punctuation-only tokens trimmed from both ends (compromise keeps trailing punctuation).
 */
export function charSpanToTokens(words: readonly string[], start: number, end: number): { start: number; end: number } | undefined {
  let offset = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const a = offset;
    const b = offset + w.length;
    offset = b + 1;
    if (a >= start && b <= end && WORDLIKE.test(w)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? undefined : { start: first, end: last + 1 };
}

/** compromise's people()/places()/organizations() on one sentence, as token spans. */
export function compromiseSpans(words: readonly string[]): Span[] {
  const doc = nlp(words.join(' '));
  const spans: Span[] = [];
  const seen = new Set<string>();
  const add = (type: Span['type'], view: { json(o: object): unknown[] }) => {
    for (const item of view.json({ offset: true }) as { offset?: { start: number; length: number } }[]) {
      if (item.offset === undefined) continue;
      const t = charSpanToTokens(words, item.offset.start, item.offset.start + item.offset.length);
      if (t === undefined) continue;
      const key = `${t.start}:${t.end}:${type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      spans.push({ ...t, type });
    }
  };
  add('PER', doc.people());
  add('LOC', doc.places());
  add('ORG', doc.organizations());
  return spans;
}

export interface SystemScores {
  micro: PRF;
  byType: Record<string, PRF>;
  misc?: PRF;
  seconds: number;
  precisionByConfidence: { band: string; spans: number; precision: number }[];
}

/** Scores predicted spans against the gold tags of `sentences`. */
export function scoreSpans(sentences: readonly NerSentence[], predicted: readonly Span[][]): { micro: PRF; byType: Record<string, PRF>; misc: PRF } {
  const counts: SpanCounts = new Map();
  sentences.forEach((s, i) => countSpans(spansFromIob(s.tags), predicted[i] ?? [], counts));
  const main = scoreCounts(counts, TYPES);
  return { ...main, misc: scoreCounts(counts, ['MISC']).byType['MISC']! };
}

async function run(ctx: EvalContext): Promise<Record<string, unknown>> {
  const split = ctx.flags.get('split');
  const file = conllFile(ctx.sharedDir, ctx.data, split);
  const caseMode = ctx.flags.get('case');
  const sentences = readConll(file, caseMode, ctx.limit, split);
  const tokens = sentences.reduce((n, s) => n + s.words.length, 0);
  ctx.log(`ner: ${sentences.length} sentences, ${tokens} tokens from ${file}${split ? ` (${split} part)` : ''}${caseMode ? ` (${caseMode}-cased)` : ''}`);

  let started = performance.now();
  const modelFile = ctx.flags.get('model');
  const tagger = new NerTagger(modelFile !== undefined ? new Uint8Array(readFileSync(modelFile)) : shippedNerModel());
  const loadMs = performance.now() - started;
  started = performance.now();
  const predicted = nerSpans(tagger, sentences);
  const oursSeconds = (performance.now() - started) / 1000;
  const ours = scoreSpans(sentences, predicted);
  const confidence = precisionByConfidence(sentences, predicted);
  const errors = ctx.flags.has('errors') ? errorClasses(sentences, predicted, placeWords()) : undefined;

  let compromise: Record<string, unknown> | undefined;
  if (!ctx.flags.has('no-peer')) {
    ctx.log('ner: running compromise (slow)...');
    started = performance.now();
    const peer = scoreSpans(sentences, sentences.map((s) => compromiseSpans(s.words)));
    const peerSeconds = (performance.now() - started) / 1000;
    compromise = { micro: peer.micro, byType: peer.byType, seconds: peerSeconds, note: 'no MISC recognizer' };
  }
  return {
    file,
    split: split ?? 'all',
    case: caseMode ?? 'as given',
    sentences: sentences.length,
    tokens,
    modelLoadMs: loadMs,
    newsTagger: { ...ours, seconds: oursSeconds, precisionByConfidence: confidence },
    ...(compromise !== undefined ? { compromise } : {}),
    ...(errors !== undefined ? { errors } : {}),
  };
}

/** Whether a word is a one-word place name of the bundled gazetteer. */
function placeWords(): (word: string) => boolean {
  const lists = buildNameLists(defaultGazetteer().entries);
  return (word) => ((lists.get(hashString(lowerKey(word))) ?? 0) & (1 << 4)) !== 0;
}

function format(report: Record<string, unknown>): string {
  if (typeof report.skipped === 'string') return `ner: skipped (${report.skipped})`;
  const r = report as unknown as {
    file: string;
    split: string;
    case: string;
    sentences: number;
    tokens: number;
    modelLoadMs: number;
    newsTagger: SystemScores;
    compromise?: SystemScores;
    errors?: ErrorClasses;
  };
  const cell = (s: PRF | undefined) => (s === undefined ? '     -' : s.f1.toFixed(1).padStart(6));
  const row = (name: string, s: SystemScores) =>
    `${name.padEnd(12)}${cell(s.micro)}${s.micro.precision.toFixed(1).padStart(7)}${s.micro.recall.toFixed(1).padStart(7)}` +
    `${cell(s.byType['PER'])}${cell(s.byType['LOC'])}${cell(s.byType['ORG'])}   ${cell(s.misc)}` +
    `${Math.round(r.tokens / s.seconds).toLocaleString('en-US').padStart(12)}`;
  return [
    `NER on ${r.file}${r.split === 'heldout' ? ', held-out part (every 10th document)' : ''} (${r.sentences} sentences, ${r.tokens} tokens; case: ${r.case})`,
    'entity-level F1 (conlleval: exact span and type); micro over PER/LOC/ORG; MISC apart',
    `${''.padEnd(12)}${'micro'.padStart(6)}${'P'.padStart(7)}${'R'.padStart(7)}${'PER'.padStart(6)}${'LOC'.padStart(6)}${'ORG'.padStart(6)}   ${'MISC'.padStart(6)}${'tokens/s*'.padStart(12)}`,
    row('news-tagger', r.newsTagger),
    ...(r.compromise !== undefined ? [row('compromise', r.compromise)] : []),
    `news-tagger precision by confidence band (all types): ` +
      r.newsTagger.precisionByConfidence.map((b) => `${b.band} ${b.precision.toFixed(1)}% of ${b.spans}`).join('; '),
    `model load: ${r.modelLoadMs.toFixed(0)} ms. *tokens/s here includes the confidence computation; see \`npm run bench -- ner\`.`,
    ...(r.errors !== undefined ? [formatErrorClasses(r.errors)] : []),
  ].join('\n');
}

export const nerTask: EvalTask = {
  name: 'ner',
  description: 'Named-entity recognition on a CoNLL file (default CoNLL-2003 eng.testa), beside compromise',
  run,
  format,
};
