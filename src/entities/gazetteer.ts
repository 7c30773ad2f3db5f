/**
 * The compiled gazetteer: every alias of every entry, tokenized with the library's own tokenizer and
 * stored in a trie keyed by token match keys, so that matching an article is one walk per token
 * (longest match first, each step one hash lookup, no allocation) instead of a regex per alias.
 *
 * Match keys fold what news text varies on: case (the key is the lower-cased norm), hyphens
 * ("Kim Jong-un", "Kim Jong-Un" and "Kim Jong Un" all give `kim jong un`), dotted abbreviations
 * ("U.S." gives `us`) and diacritics ("Zürich" gives `zurich`). Case is then checked per token with
 * the alias's own case rules, so "Chad" does not match "chad" and "US" does not match "us".
 */
import { foldKey } from '../text/lang/fold.js';
import { analyzerFor } from '../text/lang/index.js';
import type { Analyzer, LanguageCode } from '../text/lang/types.js';
import { tokenize } from '../text/tokenize.js';
import type { Token } from '../types.js';
import type { GazetteerData, GazetteerEntry } from './gazetteer-data.js';
import { entryNames } from './gazetteer-names.js';

/** How an alias names its entry. */
export type AliasVia = 'name' | 'acronym' | 'demonym' | 'metonym';

/** Case rule of one alias token: 0 any case, 1 capitalized, 2 acronym (all capitals, or "Nato"-style if 4+ letters). */
type CaseRule = 0 | 1 | 2;

export interface AliasRecord {
  entry: GazetteerEntry;
  via: AliasVia;
  /** The alias is in the entry's `ambiguous` list: matched only when context supports it. */
  ambiguous: boolean;
  /** Case rule per match key of the alias. */
  caseRules: Uint8Array;
  /** True when every letter of the alias is lower case (a common-word alias). */
  lowerCase: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  records: AliasRecord[] | undefined;
}

export interface CompiledGazetteer {
  /** Entries by id. */
  readonly entries: ReadonlyMap<string, GazetteerEntry>;
  /** Country entries by ISO alpha-2 code. */
  readonly countries: ReadonlyMap<string, GazetteerEntry>;
  /** First level of the alias trie. */
  readonly root: ReadonlyMap<string, TrieNode>;
  /** Number of aliases compiled. */
  readonly aliasCount: number;
  /** Case-insensitive exact lookup of a name (any alias, demonym or metonym): the records it names. */
  lookup(name: string): AliasRecord[];
  /** The analyzer whose names and match keys this trie holds (English unless compiled for another). */
  readonly analyzer: Analyzer;
  /** The same gazetteer compiled for another language's names and keys (compiled on first use, then kept). */
  language(lang: LanguageCode): CompiledGazetteer;
  /** An entry's label in this gazetteer's language (the English label when it has none). */
  labelOf(entry: GazetteerEntry): string;
}

/** Words that keep any case inside a capitalized alias ("Bosnia and Herzegovina", "the Kremlin"). */
const PARTICLES = new Set([
  'the', 'of', 'and', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'les',
  'el', 'al', 'von', 'van', 'der', 'den', 'bin', 'ibn', 'for', 'on', 'in', 'y', 'e', "'s", 'at',
]);

/** True when a code unit is an ASCII lower-case letter... or any letter whose upper-case differs. */
function isUpperStart(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = text[0] as string;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** True when `text` has at least two letters and none is lower case. */
function isAllCaps(text: string, norm: string): boolean {
  if (text === norm) return false;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c >= 128) {
      const ch = text[i] as string;
      if (ch !== ch.toUpperCase()) return false;
      if (ch !== ch.toLowerCase()) letters++;
    }
  }
  return letters >= 2;
}

export { foldKey };

/**
 * Case class of a text token for matching: 0 lower-case start, 1 capitalized, 2 all capitals,
 * 3 wildcard (no letter start, or inside an all-capitals field where case says nothing).
 */
export type CaseClass = 0 | 1 | 2 | 3;

export function caseClass(token: Token): CaseClass {
  if (token.text === token.norm) {
    const c = token.text.charCodeAt(0);
    return (c >= 97 && c <= 122) || (c >= 128 && token.text[0] !== (token.text[0] as string).toUpperCase()) ? 0 : 3;
  }
  if (isAllCaps(token.text, token.norm)) return 2;
  return isUpperStart(token.text) ? 1 : 0;
}

/**
 * Match parts of a token stream: one entry per match key. A hyphenated token gives one part per
 * piece; a hyphen between two touching words is dropped ("Jong-Un" -> jong, un). `first`/`last` say
 * whether a part starts/ends its token (matches must start and end on token boundaries). Typed arrays
 * hold the per-part numbers: about 15 bytes a part, where arrays of numbers and booleans took 40.
 */
export interface MatchParts {
  keys: string[];
  token: Int32Array;
  first: Uint8Array;
  last: Uint8Array;
  cls: Uint8Array;
  length: number;
}

/** Appends parts, growing the typed arrays by doubling. */
class PartsBuilder {
  keys: string[];
  token: Int32Array;
  first: Uint8Array;
  last: Uint8Array;
  cls: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    const n = Math.max(4, capacity);
    // sized once (a part per token, but for hyphenated words): growing by push copied 1M keys at 1M tokens
    this.keys = new Array<string>(n);
    this.token = new Int32Array(n);
    this.first = new Uint8Array(n);
    this.last = new Uint8Array(n);
    this.cls = new Uint8Array(n);
  }

  push(key: string, token: number, first: boolean, last: boolean, cls: CaseClass): void {
    if (this.length === this.token.length) this.grow();
    const i = this.length++;
    this.keys[i] = key;
    this.token[i] = token;
    this.first[i] = first ? 1 : 0;
    this.last[i] = last ? 1 : 0;
    this.cls[i] = cls;
  }

  build(): MatchParts {
    const n = this.length;
    this.keys.length = n;
    return { keys: this.keys, token: this.token.subarray(0, n), first: this.first.subarray(0, n), last: this.last.subarray(0, n), cls: this.cls.subarray(0, n), length: n };
  }

  private grow(): void {
    const n = this.token.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.token = grown(this.token, (k) => new Int32Array(k));
    this.first = grown(this.first, (k) => new Uint8Array(k));
    this.last = grown(this.last, (k) => new Uint8Array(k));
    this.cls = grown(this.cls, (k) => new Uint8Array(k));
  }
}

export function matchParts(
  tokens: readonly Token[],
  from = 0,
  to = tokens.length,
  allCapsFields?: ReadonlySet<string>,
  fold: (norm: string) => string = foldKey,
): MatchParts {
  const parts = new PartsBuilder(to - from);
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    const norm = t.norm;
    if (norm === '-' && i > from && i + 1 < to) {
      const prev = tokens[i - 1] as Token;
      const next = tokens[i + 1] as Token;
      if (prev.end === t.start && next.start === t.end && prev.kind === 'word' && next.kind === 'word') continue;
    }
    const cls: CaseClass = allCapsFields !== undefined && allCapsFields.has(t.field) ? 3 : caseClass(t);
    if (t.kind === 'word' && norm.length > 2 && norm.indexOf('-') > 0) {
      const pieces = norm.split('-');
      for (let p = 0; p < pieces.length; p++) {
        const piece = pieces[p] as string;
        if (piece.length === 0) continue;
        parts.push(fold(piece), i, p === 0, p === pieces.length - 1, p === 0 ? cls : 3);
      }
      continue;
    }
    parts.push(t.kind === 'word' || t.kind === 'number' ? fold(norm) : norm, i, true, true, cls);
  }
  return parts.build();
}

function caseRulesOf(tokens: readonly Token[], fold: (norm: string) => string): { keys: string[]; rules: number[] } {
  const keys: string[] = [];
  const rules: number[] = [];
  const parts = matchParts(tokens, 0, tokens.length, undefined, fold);
  for (let p = 0; p < parts.length; p++) {
    const t = tokens[parts.token[p] as number] as Token;
    const key = parts.keys[p] as string;
    keys.push(key);
    const cls = parts.cls[p] as CaseClass;
    let rule: CaseRule = 0;
    if (parts.first[p] === 0 || PARTICLES.has(key)) rule = 0;
    else if (cls === 2 && t.text.replace(/\./g, '').length <= 5) rule = 2;
    else if (cls === 1 || cls === 2) rule = 1;
    rules.push(rule);
  }
  return { keys, rules };
}

/** True when the text parts `[start, start + rules.length)` satisfy an alias's case rules. */
export function caseMatches(record: AliasRecord, parts: MatchParts, start: number): boolean {
  const rules = record.caseRules;
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k] as number;
    if (rule === 0) continue;
    const cls = parts.cls[start + k] as CaseClass;
    if (cls === 3 || cls === 2) continue;
    if (cls === 0) return false;
    // capitalized text token: fine for rule 1; for an acronym only when it is 4+ letters ("Nato")
    if (rule === 2) {
      const key = parts.keys[start + k] as string;
      if (key.length < 4) return false;
    }
  }
  return true;
}

/** Plural of a demonym used as a noun ("Israelis", "Russians"); undefined when it has none. */
function demonymPlural(demonym: string): string | undefined {
  if (/(?:[nil])$/u.test(demonym) && !/(?:ese|ish|ch|sh)$/u.test(demonym)) return `${demonym}s`;
  return undefined;
}

/**
 * Compiles gazetteer data into the alias trie of one language (English by default). Cost: O(total
 * alias length); done once per tagger and language.
 */
export function compileGazetteer(
  data: GazetteerData,
  analyzer: Analyzer = analyzerFor('en'),
  family: Map<LanguageCode, CompiledGazetteer> = new Map(),
): CompiledGazetteer {
  const fold = analyzer.fold;
  const entries = new Map<string, GazetteerEntry>();
  const countries = new Map<string, GazetteerEntry>();
  const root = new Map<string, TrieNode>();
  let aliasCount = 0;

  const add = (entry: GazetteerEntry, alias: string, via: AliasVia, ambiguous: boolean): void => {
    const { tokens } = tokenize(alias.normalize('NFC'), 'body');
    if (tokens.length === 0) return;
    const { keys, rules } = caseRulesOf(tokens, fold);
    if (keys.length === 0) return;
    const lowerCase = alias === alias.toLowerCase();
    let level: Map<string, TrieNode> = root;
    let node: TrieNode | undefined;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      node = level.get(key);
      if (node === undefined) {
        node = { next: undefined, records: undefined };
        level.set(key, node);
      }
      if (k < keys.length - 1) {
        if (node.next === undefined) node.next = new Map();
        level = node.next;
      }
    }
    const target = node as TrieNode;
    const record: AliasRecord = {
      entry,
      via: via === 'name' && /^\p{Lu}{2,6}$/u.test(alias) ? 'acronym' : via,
      ambiguous,
      caseRules: Uint8Array.from(lowerCase ? rules.map(() => 0) : rules),
      lowerCase,
    };
    if (target.records === undefined) target.records = [record];
    else {
      const same = target.records.findIndex((r) => r.entry === entry);
      if (same === -1) target.records.push(record);
      else if (VIA_RANK[record.via] < VIA_RANK[(target.records[same] as AliasRecord).via]) target.records[same] = record;
      else return;
    }
    aliasCount++;
  };

  for (const entry of data.entries) {
    if (entries.has(entry.id)) continue;
    entries.set(entry.id, entry);
    if (entry.kind === 'country' && entry.country !== undefined) countries.set(entry.country, entry);
  }
  for (const entry of entries.values()) {
    const { names, demonyms, metonyms, isAmbiguous, plurals } = entryNames(entry, analyzer);
    for (const alias of names) add(entry, alias, 'name', isAmbiguous(alias));
    for (const demonym of demonyms) {
      add(entry, demonym, 'demonym', isAmbiguous(demonym));
      const plural = plurals ? demonymPlural(demonym) : undefined;
      if (plural !== undefined && !names.includes(plural)) add(entry, plural, 'demonym', isAmbiguous(demonym));
    }
    for (const metonym of metonyms) add(entry, metonym, 'metonym', isAmbiguous(metonym));
  }

  const walk = (keys: readonly string[], first: string): AliasRecord[] => {
    let node = root.get(first);
    for (let k = 1; k < keys.length && node !== undefined; k++) node = node.next?.get(keys[k] as string);
    return node?.records ?? [];
  };
  const lookup = (name: string): AliasRecord[] => {
    const { tokens } = tokenize(name.normalize('NFC'), 'body');
    const parts = matchParts(tokens, 0, tokens.length, undefined, fold);
    if (parts.length === 0) return [];
    const first = parts.keys[0] as string;
    const found = walk(parts.keys, first);
    if (found.length > 0) return found;
    for (const v of analyzer.clitics(first)) {
      const viaClitic = walk(parts.keys, v);
      if (viaClitic.length > 0) return viaClitic;
    }
    return [];
  };

  const lang = analyzer.lang;
  const compiled: CompiledGazetteer = {
    entries,
    countries,
    root,
    aliasCount,
    lookup,
    analyzer,
    language(other) {
      if (other === lang) return compiled;
      let g = family.get(other);
      if (g === undefined) {
        g = compileGazetteer(data, analyzerFor(other), family);
        family.set(other, g);
      }
      return g;
    },
    labelOf(entry) {
      if (lang === 'en') return entry.label;
      return (lang === 'ar' ? entry.names?.ar?.label : entry.names?.es?.label) ?? entry.label;
    },
  };
  family.set(lang, compiled);
  return compiled;
}

const VIA_RANK: Record<AliasVia, number> = { name: 0, acronym: 1, metonym: 2, demonym: 3 };

/** A span of match parts that names one or more entries. */
export interface AliasMatch {
  /** Part indexes `[start, end)`. */
  start: number;
  end: number;
  records: AliasRecord[];
  /** Letters of the first word's key before the name (its proclitics: "و" in "وروسيا"); 0 for none. */
  clitic: number;
}

/**
 * Longest-match scan: at each token start, walks the trie as far as the text allows and keeps the
 * longest span whose aliases pass their case rules. Overlapping spans are settled by length, not by
 * position: "the Bank of England" is the bank ("Bank of England", 3 parts) and not "the Bank" followed
 * by "England". Cost: O(parts x depth).
 */
export function findAliases(gazetteer: CompiledGazetteer, parts: MatchParts, tokens: readonly Token[]): AliasMatch[] {
  const n = parts.length;
  // the longest passing span at every start, in order of start (a list: most starts have none)
  const found: AliasMatch[] = [];
  for (let i = 0; i < n; i++) {
    if (parts.first[i] === 0) continue;
    const key = parts.keys[i] as string;
    let node = gazetteer.root.get(key);
    let clitic = 0;
    if (node === undefined) {
      // a word with proclitics attached ("وروسيا", "بالصين") may name something without them
      for (const v of gazetteer.analyzer.clitics(key)) {
        node = gazetteer.root.get(v);
        if (node === undefined) continue;
        clitic = key.endsWith(v) ? key.length - v.length : 0;
        break;
      }
    }
    if (node === undefined) continue;
    const field = (tokens[parts.token[i] as number] as Token).field;
    let best: AliasRecord[] | undefined;
    let bestEnd = -1;
    let j = i;
    while (node !== undefined) {
      if (node.records !== undefined && parts.last[j] === 1) {
        // the node's own list when every record passes (the usual case): no array per match
        let passing: AliasRecord[] | undefined;
        const records = node.records;
        for (let k = 0; k < records.length; k++) {
          const r = records[k] as AliasRecord;
          if (r.caseRules.length === j - i + 1 && caseMatches(r, parts, i)) {
            if (passing !== undefined && passing !== records) passing.push(r);
            else if (passing === undefined && k === 0) passing = records;
            else if (passing === undefined) passing = [r];
          } else if (passing === records) passing = records.slice(0, k);
        }
        if (passing !== undefined) {
          best = passing;
          bestEnd = j;
        }
      }
      j++;
      if (j >= n || node.next === undefined) break;
      if ((tokens[parts.token[j] as number] as Token).field !== field) break;
      node = node.next.get(parts.keys[j] as string);
    }
    if (best !== undefined) found.push({ start: i, end: bestEnd + 1, records: best, clitic });
  }
  // left to right, a span gives way to a longer one that starts inside it and ends after it
  const out: AliasMatch[] = [];
  let f = 0;
  while (f < found.length) {
    const m = found[f] as AliasMatch;
    let longer = false;
    for (let k = f + 1; k < found.length && (found[k] as AliasMatch).start < m.end && !longer; k++) {
      const o = found[k] as AliasMatch;
      if (o.end > m.end && o.end - o.start > m.end - m.start) longer = true;
    }
    f++;
    if (longer) continue;
    out.push(m);
    while (f < found.length && (found[f] as AliasMatch).start < m.end) f++;
  }
  return out;
}

/** The match key of a whole name ("Kim Jong-Un" -> "kim jong un"): for comparing names with each other. */
export function nameKey(name: string): string {
  const { tokens } = tokenize(name.normalize('NFC'), 'body');
  return matchParts(tokens).keys.filter((k) => k !== "'s" && !/^\p{P}+$/u.test(k)).join(' ');
}
