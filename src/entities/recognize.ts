/**
 * The default recognizers, behind the `Recognizer` interface so that a trained model can replace or
 * join them:
 *
 * - `gazetteerRecognizer(compiled)`: every alias, demonym and metonym of the gazetteer, longest match
 *   first (see gazetteer.ts), with per-token case rules; in an all-capitals field (a wire headline)
 *   case says nothing and is ignored.
 * - `nameRecognizer()`: names the gazetteer does not know, from capitalized sequences and their cues:
 *   a person title before them ("President", "Deputy Defense Minister", "Mr", "leader"), or an
 *   organization head word in them ("Agency", "Party", "Corp", "Ministry of"). With `confirm` (the
 *   default tagger passes the trained model), a name is kept only when the model also finds one there.
 */
import { analyzerFor } from '../text/lang/index.js';
import type { NameHints } from '../text/lang/types.js';
import type { Field, Mention, Recognizer, TextAnalysis, Token } from '../types.js';
import { caseClass, findAliases, matchParts, type CompiledGazetteer } from './gazetteer.js';

/** Fields whose words are (almost) all capitals, where case cannot tell a name from a word. */
export function allCapsFields(tokens: readonly Token[]): Set<Field> {
  const words = new Map<Field, number>();
  const caps = new Map<Field, number>();
  for (const t of tokens) {
    if (t.kind !== 'word' || t.text.length < 2) continue;
    words.set(t.field, (words.get(t.field) ?? 0) + 1);
    if (caseClass(t) === 2) caps.set(t.field, (caps.get(t.field) ?? 0) + 1);
  }
  const out = new Set<Field>();
  for (const [field, n] of words) if (n >= 3 && (caps.get(field) ?? 0) >= 0.7 * n) out.add(field);
  return out;
}

const VIA_TO_MENTION = { name: 'name', acronym: 'acronym', demonym: 'demonym', metonym: 'metonym' } as const;

/** The gazetteer recognizer. `compiled` is the tagger's compiled gazetteer (compiled once). */
export function gazetteerRecognizer(compiled: CompiledGazetteer): Recognizer {
  return {
    name: 'gazetteer',
    recognize(tokens, text) {
      // the trie of the article's language (its names, its match keys, its proclitics)
      const gazetteer = compiled.language(text.lang ?? 'en');
      const caps = allCapsFields(tokens);
      const parts = matchParts(tokens, 0, tokens.length, caps, gazetteer.analyzer.fold);
      const out: Mention[] = [];
      for (const match of findAliases(gazetteer, parts, tokens)) {
        const first = tokens[parts.token[match.start] as number] as Token;
        const last = tokens[parts.token[match.end - 1] as number] as Token;
        const records = match.records;
        const record = records[0]!;
        // the mention starts after the proclitics of its first word ("و" of "وروسيا")
        const start = first.start + (match.clitic > 0 ? letterOffset(first.text, match.clitic) : 0);
        const mention: Mention = {
          text: fieldText(text, first.field).slice(start, last.end),
          type: record.entry.type,
          field: first.field,
          start,
          end: last.end,
          tokenStart: first.index,
          tokenEnd: last.index + 1,
          source: 'gazetteer',
          entityId: record.entry.id,
          via: VIA_TO_MENTION[record.via],
        };
        // in an all-capitals headline a one-word acronym, city or region may be a common word
        // ("CAR SALES", "SALE OF UNIT"): it then needs support from the rest of the article
        const capsWord =
          caps.has(first.field) && match.end - match.start === 1 && (record.via === 'acronym' || record.entry.kind === 'city' || record.entry.kind === 'region');
        if (records.length > 1 || record.ambiguous || capsWord) mention.candidates = records.map((r) => r.entry.id);
        out.push(mention);
      }
      return out;
    },
  };
}

/**
 * Offset in `word` after its first `letters` letters, not counting combining marks and tatweel (which
 * match keys drop); 0 when the word holds presentation forms (their keys are not letter for letter).
 */
function letterOffset(word: string, letters: number): number {
  let seen = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) return 0;
    if (c === 0x0640 || /\p{M}/u.test(word[i] as string)) continue;
    if (seen === letters) return i;
    seen++;
  }
  return 0;
}

/** The normalized text of a field. */
export function fieldText(text: TextAnalysis, field: Field): string {
  for (const f of text.fields) if (f.field === field) return f.text;
  return '';
}

/** Words that make the capitalized name after them a person ("President", "Mr", "leader"). */
const PERSON_TITLES = new Set([
  'president', 'minister', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'chancellor', 'secretary', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman',
  'governor', 'gov', 'mayor', 'king', 'queen', 'prince', 'princess', 'pope', 'sheikh', 'emir', 'sultan',
  'judge', 'justice', 'ambassador', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman',
  'chairwoman', 'chair', 'leader', 'premier', 'general', 'gen', 'colonel', 'col', 'captain', 'capt',
  'lieutenant', 'lt', 'commander', 'admiral', 'adm', 'sergeant', 'sgt', 'major', 'marshal', 'ayatollah',
  'rabbi', 'cardinal', 'archbishop', 'bishop', 'father', 'reverend', 'rev', 'director', 'ceo', 'chief',
  'executive', 'founder', 'head', 'coach', 'manager', 'striker', 'actor', 'actress', 'singer', 'author',
  'journalist', 'correspondent', 'analyst', 'economist', 'lawyer', 'attorney', 'officer', 'official',
  'commissioner', 'inspector', 'mp', 'mep', 'deputy', 'vice', 'prime', 'crown', 'tsar', 'czar',
]);

/** Portfolio and qualifier words between a title and a name ("Foreign Minister", "Minister of Defense"). */
const TITLE_PARTS = new Set([
  'foreign', 'defense', 'defence', 'finance', 'interior', 'state', 'justice', 'health', 'trade', 'economy',
  'economic', 'affairs', 'home', 'energy', 'agriculture', 'education', 'labour', 'labor', 'transport',
  'industry', 'culture', 'environment', 'security', 'national', 'general', 'senior', 'former', 'acting',
  'first', 'assistant', 'under', 'treasury', 'army', 'navy', 'military', 'opposition', 'party', 'supreme',
  'of', 'the', 'for', 'and', 'executive', 'managing', 'prosecutor', 'attorney', 'chief', 'deputy', 'vice',
  'prime', 'minister', 'secretary', 'president', 'commerce', 'information', 'intelligence', 'staff',
  'joint', 'federal', 'central', 'bank', 'governor', 'leader', 'head',
]);

/** Last words of organization names. */
const ORG_HEADS = new Set([
  'agency', 'party', 'corp', 'corporation', 'inc', 'ltd', 'co', 'company', 'group', 'bank', 'council',
  'committee', 'commission', 'association', 'union', 'organization', 'organisation', 'front', 'movement',
  'institute', 'university', 'court', 'army', 'forces', 'authority', 'fund', 'federation', 'service',
  'department', 'ministry', 'office', 'parliament', 'assembly', 'congress', 'senate', 'plc', 'llc', 'ag',
  'sa', 'gmbh', 'holdings', 'bancorp', 'industries', 'airlines', 'airways', 'foundation', 'society',
  'network', 'times', 'post', 'news', 'television', 'tv', 'radio', 'brigade', 'brigades', 'guard',
  'police', 'club', 'league', 'alliance', 'coalition', 'board', 'tribunal', 'reserve', 'exchange',
  'agencies', 'trust', 'church', 'hospital', 'school', 'college', 'academy', 'centre', 'center',
]);

/** Org head words that come first ("Ministry of Defence", "University of Tokyo"). */
const ORG_LEADS = new Set(['ministry', 'department', 'university', 'bank', 'office', 'institute', 'council', 'house', 'court', 'party', 'church', 'federation', 'union', 'league']);

/** Capitalized words that open sentences and headlines but are not names. */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'if', 'as', 'he', 'she', 'it', 'they',
  'we', 'i', 'you', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'our', 'its', 'my', 'your',
  'there', 'here', 'when', 'while', 'after', 'before', 'during', 'since', 'with', 'without', 'from',
  'by', 'to', 'of', 'about', 'according', 'however', 'meanwhile', 'also', 'some', 'many', 'most', 'all',
  'both', 'each', 'every', 'no', 'not', 'one', 'two', 'three', 'what', 'who', 'why', 'how', 'where',
  'which', 'last', 'next', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'mr', 'mrs', 'ms', 'dr', 'yet', 'so', 'still', 'even', 'only', 'just', 'now',
  'then', 'than', 'because', 'although', 'though', 'despite', 'under', 'over', 'between', 'among',
  'against', 'into', 'through', 'across', 'earlier', 'later', 'today', 'yesterday', 'tomorrow', 'reuter',
  'reuters', 'ap', 'afp', 'shr', 'net', 'revs', 'qtr', 'oper', 'avg', 'shrs', 'mln', 'dlrs', 'pct', 'cts',
  'vs', 'note', 'inc', 'corp', 'co', 'ltd', 'plc',
]);

/** Verbs of speech after a bare two- or three-word name that make it a person ("Sajid Javid said"). */
const SPEECH_VERBS = new Set(['said', 'says', 'told', 'tells', 'added', 'wrote', 'writes', 'explained', 'insisted', 'argued', 'recalled', 'admitted', 'tweeted', 'posted', 'warned', 'claimed', 'stated', 'asked', 'replied', 'denied']);

/** Lower-case words allowed inside a name ("Bank of England", "Workers' Party of Korea"). */
const CONNECTORS = new Set(['of', 'the', 'for', 'de', 'del', 'da', 'do', 'dos', 'du', 'des', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'von', 'van', 'der', 'den', '&', "'s", "'"]);

/**
 * Lower-case particles inside personal names ("da Silva", "von der Leyen", "bin Salman"). Not "de",
 * "du", "la": French and Spanish institutions use them too ("Banque Nationale de Paris"), and there
 * the run would hide the place.
 */
const NAME_PARTICLES = new Set(['da', 'das', 'do', 'dos', 'van', 'von', 'der', 'den', 'ter', 'bin', 'ibn']);

/** The English lists as `NameHints` (other languages bring theirs: src/text/lang/). */
const ENGLISH_HINTS: NameHints = {
  personTitles: PERSON_TITLES,
  titleParts: TITLE_PARTS,
  orgHeads: ORG_HEADS,
  orgLeads: ORG_LEADS,
  notNames: NOT_NAMES,
  speechVerbs: SPEECH_VERBS,
  connectors: CONNECTORS,
  nameParticles: NAME_PARTICLES,
  leadJoiners: new Set(['of']),
  coordinators: new Set(),
};

function isCapWord(t: Token): boolean {
  if (t.kind !== 'word') return false;
  const cls = caseClass(t);
  return cls === 1 || cls === 2;
}

/**
 * The name recognizer for names the gazetteer does not know. Mentions get `via: 'pattern'` and no
 * `entityId`; `resolve` looks them up in the gazetteer and links later surname-only mentions.
 */
export function nameRecognizer(options: NameRecognizerOptions = {}): Recognizer {
  const confirm = options.confirm;
  return {
    name: 'names',
    recognize(tokens, text) {
      // names by capital letters need a cased script; the English model confirms English names only
      const lang = text.lang ?? 'en';
      const analyzer = analyzerFor(lang);
      if (!analyzer.cased) return [];
      const out = findNames(tokens, text, analyzer.names ?? ENGLISH_HINTS);
      if (confirm === undefined || lang !== 'en' || out.length === 0) return out;
      // the second opinion reads only the sentences with a name in them
      const sentences = new Set<number>();
      for (const m of out) sentences.add((tokens[m.tokenStart] as Token).sentence);
      const subset = tokens.filter((t) => sentences.has(t.sentence));
      return confirmedBy(out, confirm.recognize(subset, text));
    },
  };
}

export interface NameRecognizerOptions {
  /**
   * A second opinion (the default tagger passes the trained model, `createNerRecognizer()`): a name
   * is kept only when one of this recognizer's mentions overlaps it. Measured on the Guardian 2022 and
   * Reuters-21578 train tags (eval/tasks/tags.ts): it removes false names and loses none of the tags.
   */
  confirm?: Recognizer;
}

/** The mentions of `names` that overlap a mention of `model` (both sorted by token). O(n + m). */
export function confirmedBy(names: readonly Mention[], model: readonly Mention[]): Mention[] {
  const spans = [...model].sort((a, b) => a.tokenStart - b.tokenStart);
  const out: Mention[] = [];
  let j = 0;
  for (const m of names) {
    while (j < spans.length && (spans[j] as Mention).tokenEnd <= m.tokenStart) j++;
    const s = spans[j];
    if (s !== undefined && s.tokenStart < m.tokenEnd) out.push(m);
  }
  return out;
}

function findNames(tokens: readonly Token[], text: TextAnalysis, hints: NameHints): Mention[] {
  const out: Mention[] = [];
  const caps = allCapsFields(tokens);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (caps.has(t.field) || !isCapWord(t)) {
      i++;
      continue;
    }
    // a capitalized run, with connectors inside, within one sentence
    let end = i + 1;
    let lastCap = i;
    while (end < tokens.length) {
      const u = tokens[end] as Token;
      if (u.sentence !== t.sentence) break;
      if (isCapWord(u)) lastCap = end;
      else if (!(hints.connectors.has(u.norm) && end + 1 < tokens.length && end - lastCap <= 2)) break;
      end++;
    }
    end = lastCap + 1;
    for (const [a, b] of splitAtCoordinators(tokens, i, end, hints)) emitRun(tokens, text, a, b, out, hints);
    i = end;
  }
  return out;
}

/**
 * Splits a run at a coordinator ("y") with two or more capitalized words on each side: "Juan Pérez y
 * Ana Gómez" is two names, "Ortega y Gasset" one.
 */
function splitAtCoordinators(tokens: readonly Token[], from: number, to: number, hints: NameHints): [number, number][] {
  if (hints.coordinators.size === 0) return [[from, to]];
  const out: [number, number][] = [];
  let start = from;
  for (let k = from + 1; k < to - 1; k++) {
    if (!hints.coordinators.has((tokens[k] as Token).norm)) continue;
    let before = 0;
    let after = 0;
    for (let j = start; j < k; j++) if (isCapWord(tokens[j] as Token)) before++;
    for (let j = k + 1; j < to; j++) if (isCapWord(tokens[j] as Token)) after++;
    if (before >= 2 && after >= 2) {
      out.push([start, k]);
      start = k + 1;
    }
  }
  out.push([start, to]);
  return out;
}

function mentionOf(tokens: readonly Token[], text: TextAnalysis, from: number, to: number, type: Mention['type'], confidence: number): Mention {
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;
  return {
    text: fieldText(text, first.field).slice(first.start, last.end),
    type,
    field: first.field,
    start: first.start,
    end: last.end,
    tokenStart: from,
    tokenEnd: to,
    source: 'names',
    confidence,
    via: 'pattern',
  };
}

function emitRun(tokens: readonly Token[], text: TextAnalysis, from: number, to: number, out: Mention[], hints: NameHints): void {
  const { personTitles: PERSON_TITLES, titleParts: TITLE_PARTS, orgHeads: ORG_HEADS, orgLeads: ORG_LEADS, notNames: NOT_NAMES, speechVerbs: SPEECH_VERBS, connectors: CONNECTORS, nameParticles: NAME_PARTICLES } = hints;
  let a = from;
  // drop sentence openers and function words at the start ("The", "But", "In")
  while (a < to && (NOT_NAMES.has((tokens[a] as Token).norm) || CONNECTORS.has((tokens[a] as Token).norm))) a++;
  if (a >= to) return;
  const norms: string[] = [];
  for (let k = a; k < to; k++) norms.push((tokens[k] as Token).norm);
  const lastNorm = norms[norms.length - 1] as string;

  // organizations: a head word at the end, or "Ministry of ..." at the start
  const joined = hints.leadJoiners === undefined || hints.leadJoiners.has(norms[1] as string);
  if (to - a >= 2 && (ORG_HEADS.has(lastNorm) || (ORG_LEADS.has(norms[0] as string) && joined))) {
    out.push(mentionOf(tokens, text, a, to, 'organization', 0.6));
    return;
  }
  // people: the name after the last title word of the run ("Deputy Defense Minister Aleksey Krivoruchko")
  let nameStart = -1;
  for (let k = to - 1; k > a; k--) {
    const norm = (tokens[k - 1] as Token).norm;
    if (!PERSON_TITLES.has(norm) && !TITLE_PARTS.has(norm)) continue;
    // the words before the name must be a title, possibly with a portfolio ("Minister of Defense")
    for (let j = k - 1; j >= a; j--) {
      const w = (tokens[j] as Token).norm;
      if (PERSON_TITLES.has(w)) {
        nameStart = k;
        break;
      }
      if (!TITLE_PARTS.has(w)) break;
    }
    break;
  }
  if (nameStart === -1 && a > 0) {
    // a lower-case title just before the run: "leader Kim Jong Un", "spokesman John Kirby"
    const prev = tokens[a - 1] as Token;
    if (prev.sentence === (tokens[a] as Token).sentence && PERSON_TITLES.has(prev.norm) && !isCapWord(prev)) nameStart = a;
  }
  if (nameStart !== -1) {
    let b = nameStart;
    while (b < to && (CONNECTORS.has((tokens[b] as Token).norm) || TITLE_PARTS.has((tokens[b] as Token).norm))) b++;
    const len = to - b;
    if (len >= 1 && len <= 4 && isCapWord(tokens[b] as Token)) {
      out.push(mentionOf(tokens, text, b, to, 'person', len >= 2 ? 0.7 : 0.5));
      return;
    }
  }
  // a bare run of two or three capitalized words (up to five with the particles of personal names:
  // "Maxciel Pereira dos Santos", "Ursula von der Leyen"): a person when a verb of speech follows or a
  // title comes just before ("the health secretary, Sajid Javid,"); otherwise a name of unknown type
  const len = to - a;
  let caps = 0;
  for (let k = a; k < to; k++) {
    const u = tokens[k] as Token;
    if (isCapWord(u) && caseClass(u) !== 2 && !CONNECTORS.has(u.norm)) caps++;
    else if (!NAME_PARTICLES.has(u.norm) || k === a) return;
  }
  if (caps >= 2 && caps <= 3 && len <= 5) {
    const sentence = (tokens[a] as Token).sentence;
    const after = tokens[to];
    const speaks = after !== undefined && after.sentence === sentence && SPEECH_VERBS.has(after.norm);
    let titled = false;
    // other languages put the portfolio after the title ("la ministra de Exteriores, Ana Gómez")
    const english = hints === ENGLISH_HINTS;
    for (let k = a - 1; k >= Math.max(0, a - (english ? 3 : 5)); k--) {
      const u = tokens[k] as Token;
      if (u.sentence !== sentence) break;
      if (PERSON_TITLES.has(u.norm) && !isCapWord(u)) titled = true;
      if (u.norm !== ',' && !PERSON_TITLES.has(u.norm) && (english || !TITLE_PARTS.has(u.norm))) break;
    }
    out.push(mentionOf(tokens, text, a, to, speaks || titled ? 'person' : 'other', speaks || titled ? 0.5 : 0.3));
  }
}
