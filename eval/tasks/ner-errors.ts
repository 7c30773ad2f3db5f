/**
 * Error classes of the recognizer on one entity type (organizations by default), for
 * `npm run eval -- ner --errors`: each gold entity of the type that was not found exactly, and each
 * prediction of the type that is wrong, sorted into one class (first match in the order below), with
 * counts only (no text is printed, as the evaluation data may not be copied).
 */
import { spansFromIob, type Span } from '../../src/entities/ner/labels.js';
import { documentsOf, type NerSentence } from '../../src/entities/ner/train.js';
import { WordCache } from '../../src/entities/ner/features.js';
import { isResultsDocument, prepareSentence } from '../../src/entities/ner/context.js';

/** Words that make an organization name a party, a ministry or a sports club in news text. */
const PARTY = /^(party|parti|partei|partido|front|alliance|congress|league|movement|union)$/i;
const MINISTRY = /^(ministry|ministries|department|office|commission|council|agency|bureau|committee|court|parliament|government|assembly|senate|police|army|bank)$/i;
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&.-]+$/u;

export interface ErrorClasses {
  type: string;
  gold: number;
  predicted: number;
  /** Gold entities of the type not found exactly, by class. */
  missed: Record<string, number>;
  /** Predictions of the type that match no gold entity exactly, by class. */
  spurious: Record<string, number>;
}

const COMPANY = /^(inc|corp|co|ltd|plc|ag|sa|nv|gmbh|group|holdings?|bancorp|company|industries|international)\.?$/i;

/** Class of an entity's words, for the error table. */
function nameClass(words: readonly string[], span: Span, isPlaceWord: (w: string) => boolean, results: boolean): string {
  const parts = words.slice(span.start, span.end);
  if (results) return 'in a sports results document';
  if (parts.length === 1 && ACRONYM.test(parts[0]!)) return 'acronym';
  if (parts.some((w) => COMPANY.test(w))) return 'company suffix';
  if (parts.some((w) => PARTY.test(w))) return 'X party';
  if (parts.some((w) => MINISTRY.test(w))) return 'ministry/institution';
  if (parts.length === 1 && isPlaceWord(parts[0]!)) return 'one-word place name';
  return parts.length === 1 ? 'other one-word' : 'other multi-word';
}

/** Why a gold entity was missed: what the prediction did over its tokens. */
function missKind(gold: Span, predicted: readonly Span[]): string {
  const overlapping = predicted.filter((p) => p.start < gold.end && gold.start < p.end);
  if (overlapping.length === 0) return 'not found';
  const same = overlapping.find((p) => p.start === gold.start && p.end === gold.end);
  if (same !== undefined) return `tagged ${same.type}`;
  if (overlapping.some((p) => p.type === gold.type)) return 'wrong boundaries';
  return `overlapped by ${overlapping[0]!.type}`;
}

/**
 * Counts the errors on `type`. `isPlaceWord` says whether a word is a known place (for the
 * "sports club named after a city" class).
 */
export function errorClasses(
  sentences: readonly NerSentence[],
  predicted: readonly Span[][],
  isPlaceWord: (word: string) => boolean,
  type = 'ORG',
): ErrorClasses {
  const out: ErrorClasses = { type, gold: 0, predicted: 0, missed: {}, spurious: {} };
  const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  const cache = new WordCache();
  const results = documentsOf(sentences).flatMap((doc) => {
    const flag = isResultsDocument(doc.map((s) => prepareSentence(s.words, cache)));
    return doc.map(() => flag);
  });
  sentences.forEach((s, i) => {
    const gold = spansFromIob(s.tags);
    const pred = predicted[i] ?? [];
    const key = (x: Span) => `${x.start}:${x.end}:${x.type}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    for (const g of gold) {
      if (g.type !== type) continue;
      out.gold++;
      if (!predKeys.has(key(g))) bump(out.missed, `${nameClass(s.words, g, isPlaceWord, results[i]!)}: ${missKind(g, pred)}`);
    }
    for (const p of pred) {
      if (p.type !== type) continue;
      out.predicted++;
      if (goldKeys.has(key(p))) continue;
      const exact = gold.find((g) => g.start === p.start && g.end === p.end);
      const why = exact !== undefined ? `gold ${exact.type}` : gold.some((g) => g.start < p.end && p.start < g.end) ? 'wrong boundaries' : 'no entity';
      bump(out.spurious, `${nameClass(s.words, p, isPlaceWord, results[i]!)}: ${why}`);
    }
  });
  return out;
}

/** The table as text, largest classes first. */
export function formatErrorClasses(e: ErrorClasses): string {
  const rows = (table: Record<string, number>) =>
    Object.entries(table)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`);
  const missed = Object.values(e.missed).reduce((a, b) => a + b, 0);
  const spurious = Object.values(e.spurious).reduce((a, b) => a + b, 0);
  return [
    `${e.type} errors: ${e.gold} gold, ${e.predicted} predicted; ${missed} gold missed (recall errors), ${spurious} wrong predictions (precision errors)`,
    'missed, by class of the gold name: what the recognizer did',
    ...rows(e.missed),
    'wrong predictions, by class of the predicted name: what the gold has there',
    ...rows(e.spurious),
  ].join('\n');
}
