/**
 * Resolution: from the recognizers' mentions to one canonical entity per referent in the article.
 *
 * 1. Overlaps: a gazetteer-known mention beats an unknown one, a longer one beats a shorter one.
 * 2. Unknown mentions (from the name recognizer or a model) are looked up in the gazetteer by their
 *    text without titles and possessives.
 * 3. Acronyms defined in the text ("Korean Central News Agency (KCNA)") link later bare uses.
 * 4. Ambiguous aliases ("Georgia", "Jordan", "Washington") are decided by context (`decide`).
 * 5. People: a later surname-only or first-name-only mention ("Kim", "Putin") links to the most
 *    recent earlier full name that contains it.
 * 6. Cities and sub-national regions count toward their country (weight 0.5); demonyms (0.5) and
 *    metonyms (0.8) stand for it; an organization whose name holds its country's ("the Bank of
 *    Japan", "US Congress") names the country too (1). A person's name as a modifier ("the Biden
 *    administration") weighs 0.5.
 * 7. A full person name the gazetteer marks ambiguous (namesakes: "Ben Wallace") is the known person
 *    only when the person's country is named; otherwise a `new:` person.
 * 8. A demonym that names a language ("the French language", "speak French") is not a mention of the
 *    country.
 */
import type { Entity, EntityMention, EntityType, Mention, TextAnalysis, Token } from '../types.js';
import type { GazetteerEntry } from './gazetteer-data.js';
import { caseClass, nameKey, type CompiledGazetteer } from './gazetteer.js';
import { allCapsFields } from './recognize.js';
import { isJsSpace, trimmedLength } from '../text/chars.js';

/** Weights of the ways a mention counts toward an entity. */
export const MENTION_WEIGHTS = Object.freeze({
  name: 1,
  acronym: 1,
  pattern: 1,
  coreference: 1,
  metonym: 0.8,
  demonym: 0.5,
  city: 0.5,
  /** A person's name as a modifier ("the Reagan administration", "the Putin regime"). */
  attributive: 0.5,
});

/** Nouns after a person's name that make the name a modifier of something else. */
const ATTRIBUTIVE_HEADS = new Set(['administration', 'government', 'era', 'doctrine', 'regime', 'presidency', 'cabinet', 'camp', 'campaign', 'aide', 'aides', 'years']);

/** Verbs after a capital that make it stand for its government ("Pyongyang denied", "Washington said"). */
const GOVERNMENT_VERBS = new Set([
  'said', 'says', 'say', 'denied', 'denies', 'deny', 'accused', 'accuses', 'warned', 'warns', 'announced',
  'announces', 'claimed', 'claims', 'insisted', 'insists', 'rejected', 'rejects', 'urged', 'urges',
  'condemned', 'condemns', 'demanded', 'demands', 'has', 'have', 'had', 'is', 'was', 'will', 'would',
  'wants', 'wanted', 'agreed', 'agrees', 'signed', 'signs', 'responded', 'responds', 'threatened',
  'threatens', 'imposed', 'imposes', 'sanctioned', 'expelled', 'recalled', 'supports', 'supported',
  'backed', 'backs', 'refused', 'refuses', 'vowed', 'vows', 'called', 'calls', 'sought', 'seeks',
  'expressed', 'expresses', 'believes', 'believed', 'hopes', 'fears', 'sees', 'views', 'considers',
  'and', "'s",
]);

/** Words after a demonym that make it the name of a language ("the French language", "Spanish speakers"). */
const LANGUAGE_HEADS = new Set(['language', 'languages', 'speaker', 'speakers', 'speaking', 'translation', 'translations', 'dialect', 'dialects', 'accent', 'lessons', 'subtitles']);

/** Words before a demonym that make it the name of a language ("speak French", "learned English"). */
const LANGUAGE_VERBS = new Set([
  'speak', 'speaks', 'spoke', 'spoken', 'speaking', 'learn', 'learns', 'learned', 'learnt', 'learning', 'teach',
  'teaches', 'taught', 'teaching', 'fluent', 'fluently', 'translate', 'translates', 'translated', 'translating',
]);

/** Words before "in" + demonym that make it the name of a language ("written in English", "only in French"). */
const IN_LANGUAGE_WORDS = new Set([
  ...LANGUAGE_VERBS, 'written', 'wrote', 'writes', 'published', 'broadcast', 'sung', 'dubbed', 'conducted',
  'exclusively', 'only', 'tweeted', 'interview',
]);

/**
 * True when a demonym mention names a language, not the country: "the French language", "speak
 * French", "learned English", "said in Russian." A language is spoken far beyond its country
 * (Quebec, Latin America, eastern Ukraine), so it is no evidence of where the story is.
 */
function isLanguageUse(m: Mention, tokens: readonly Token[]): boolean {
  const word = (i: number): string | undefined => {
    const t = tokens[i];
    return t !== undefined && t.field === m.field ? t.norm : undefined;
  };
  const after = word(m.tokenEnd);
  if (after !== undefined && LANGUAGE_HEADS.has(after)) return true;
  const before = word(m.tokenStart - 1);
  if (before === undefined) return false;
  if (LANGUAGE_VERBS.has(before)) return true;
  if (before !== 'in') return false;
  const beforeIn = word(m.tokenStart - 2);
  if (beforeIn !== undefined && IN_LANGUAGE_WORDS.has(beforeIn)) return true;
  // "... in French." at the end of a clause
  return after === '.' || after === '...' || after === ',' || after === ';' || after === ':' || after === ')' || after === '!' || after === '?';
}

/** Era markers, written with or without dots ("BC", "B.C.", "AD"). */
const ERA_MARKERS = new Set(['bc', 'bce', 'ad', 'ce']);
const ERA_WORDS = new Set(['millennium', 'millennia', 'century', 'centuries', 'year', 'years', 'c', 'circa']);

/** True for an era marker after a number or a century ("3000 BC", "the fifth millennium BC") or before a year ("AD 70"). */
function isEraMarker(m: Mention, tokens: readonly Token[]): boolean {
  if (m.tokenEnd - m.tokenStart > 3 || !ERA_MARKERS.has(m.text.replace(/\./gu, '').toLowerCase())) return false;
  const prev = tokens[m.tokenStart - 1];
  const next = tokens[m.tokenEnd];
  return (prev !== undefined && (prev.kind === 'number' || ERA_WORDS.has(prev.norm))) || (next !== undefined && next.kind === 'number');
}

/** Prepositions that make an ambiguous name a place ("in Chad", "to Jordan"). */
const PLACE_PREPOSITIONS = new Set(['in', 'to', 'from', 'into', 'across', 'throughout', 'near', 'visit', 'visited', 'visiting', 'neighbouring', 'neighboring', 'invade', 'invaded', 'invasion', 'with']);

/** Prepositions after which a capital is the city ("in Beijing") rather than the government. */
const LOCATION_PREPOSITIONS = new Set(['in', 'to', 'from', 'into', 'near', 'outside', 'around', 'at', 'across', 'throughout', 'via', 'inside', 'visit', 'visited', 'visiting', 'downtown']);

/** Titles that make a surname-only alias a person ("President Yoon", "Mr Johnson"). */
const PERSON_TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'dr', 'president', 'minister', 'chancellor', 'senator', 'sen', 'governor', 'gov', 'general', 'gen', 'prime', 'leader', 'secretary', 'king', 'queen', 'prince', 'judge', 'mayor', 'premier', 'sheikh']);

const KIND_PRIOR: Record<string, number> = { country: 3, city: 2, region: 1, organization: 1, person: 1 };

/** Strips leading titles and trailing possessives and punctuation from a name ("President Putin's" -> "Putin"). */
export function cleanName(name: string): string {
  const bare = name.replace(/(?:'s|')$/u, '');
  // a loop, not /[...]+$/: the regex retried from every space of a long run inside the name
  return bare
    .slice(0, trimmedLength(bare, isTrailingJunk))
    .replace(/^[\s"'(\u2014-]+/u, '')
    .trim();
}

/** Characters stripped from the end of a name: `[\s.,;:!?"'()\u2014-]`. */
function isTrailingJunk(c: number): boolean {
  return isJsSpace(c) || TRAILING_JUNK.has(c);
}

const TRAILING_JUNK = new Set([...'.,;:!?"\'()\u2014-'].map((ch) => ch.charCodeAt(0)));

/** The id of an entity the gazetteer does not know. */
export function newId(label: string): string {
  return `new:${label}`;
}

interface Resolved {
  mention: Mention;
  id: string;
  reason: EntityMention['reason'];
}

/**
 * Resolves mentions into entities. `mentions` may come from several recognizers in any order.
 * Cost: O(mentions log mentions + tokens).
 */
export function resolveEntities(mentions: readonly Mention[], text: TextAnalysis, gazetteer: CompiledGazetteer): Entity[] {
  const tokens = text.tokens;
  const kept = mergeOverlaps(mentions);
  const capsFields = allCapsFields(tokens);
  const resolved: Resolved[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const m of kept) for (let k = m.tokenStart; k < m.tokenEnd && k < covered.length; k++) covered[k] = 1;

  // countries and entries supported by unambiguous mentions: the context for ambiguous ones
  const support = new Map<string, number>();
  const entrySupport = new Set<string>();
  // countries that ambiguous names support: used only to share out a shared demonym
  const placeSupport = new Map<string, number>();
  for (const m of kept) {
    if (m.entityId === undefined) continue;
    if (m.candidates !== undefined) {
      // an ambiguous name whose every reading lies in one country ("Brazzaville": the city or the
      // government of the Republic of the Congo) still supports that country
      const countries = new Set(m.candidates.map((id) => gazetteer.entries.get(id)?.country));
      const [only] = countries;
      if (countries.size === 1 && only !== undefined && m.via !== 'demonym') placeSupport.set(only, (placeSupport.get(only) ?? 0) + 1);
      continue;
    }
    const entry = gazetteer.entries.get(m.entityId);
    if (entry === undefined) continue;
    entrySupport.add(entry.id);
    if (entry.country !== undefined) support.set(entry.country, (support.get(entry.country) ?? 0) + 1);
  }

  const acronyms = new Map<string, string>();
  const nameParts = new Map<string, string>();
  const entities = new Map<string, Entity>();

  const entityFor = (id: string, fallback: Mention): Entity => {
    let e = entities.get(id);
    if (e === undefined) {
      const entry = gazetteer.entries.get(id);
      e = entry !== undefined ? entityFromEntry(entry, gazetteer) : { id, label: id.slice(4), type: fallback.type, mentions: [] };
      entities.set(id, e);
    }
    return e;
  };

  const add = (mention: Mention, id: string, reason: EntityMention['reason']): void => {
    resolved.push({ mention, id, reason });
    const after = tokens[mention.tokenEnd];
    const attributive = after !== undefined && ATTRIBUTIVE_HEADS.has(after.norm) && (gazetteer.entries.get(id)?.type ?? mention.type) === 'person';
    entityFor(id, mention).mentions.push({ mention, weight: attributive ? MENTION_WEIGHTS.attributive : MENTION_WEIGHTS[reason], reason });
    const entry = gazetteer.entries.get(id);
    if (entry !== undefined && (entry.kind === 'city' || entry.kind === 'region') && entry.country !== undefined) {
      const country = gazetteer.countries.get(entry.country);
      if (country !== undefined) {
        entityFor(country.id, mention).mentions.push({ mention, weight: MENTION_WEIGHTS.city, reason: 'city' });
      }
    } else if (entry !== undefined && entry.type === 'organization' && entry.country !== undefined) {
      // an organization whose name holds its country's ("the Bank of Japan") names the country too
      const country = gazetteer.countries.get(entry.country);
      if (country !== undefined && namesCountry(mention.text, country)) {
        entityFor(country.id, mention).mentions.push({ mention, weight: MENTION_WEIGHTS.name, reason: 'name' });
      }
    }
  };

  // walk the mentions in reading order, linking bare surnames and acronyms as they come
  let next = 0;
  const linkBareTokens = (upTo: number): void => {
    for (; next < upTo && next < tokens.length; next++) {
      if (covered[next] === 1) continue;
      const t = tokens[next] as Token;
      if (t.kind !== 'word') continue;
      const cls = caseClass(t);
      if (cls === 0) continue;
      const acronym = cls === 2 ? acronyms.get(t.norm) : undefined;
      const person = cls === 1 || cls === 2 ? nameParts.get(t.norm) : undefined;
      const id = acronym ?? person;
      if (id === undefined) continue;
      const mention: Mention = {
        text: t.text,
        type: (entities.get(id)?.type ?? 'person') as EntityType,
        field: t.field,
        start: t.start,
        end: t.end,
        tokenStart: t.index,
        tokenEnd: t.index + 1,
        source: 'resolve',
        via: 'coreference',
      };
      add(mention, id, 'coreference');
    }
  };

  for (const m of kept) {
    linkBareTokens(m.tokenStart);
    next = Math.max(next, m.tokenEnd);
    const id = decide(m, tokens, gazetteer, support, entrySupport, nameParts, capsFields, placeSupport);
    if (id === undefined) continue;
    if (m.via === 'demonym' && isLanguageUse(m, tokens)) continue;
    const entry = gazetteer.entries.get(id);
    let reason: EntityMention['reason'] = m.via === 'demonym' || m.via === 'acronym' ? m.via : m.via === 'coreference' ? 'coreference' : 'name';
    // a gazetteer name read as part of a person's name met earlier ("Gilbert says") refers back to it
    if (m.entityId !== undefined && id !== m.entityId && m.candidates?.includes(id) !== true) reason = 'coreference';
    if (entry !== undefined && entry.kind === 'country' && isMetonym(entry, m.text)) reason = 'metonym';
    // a metonym or demonym stands for the country itself
    add(m, id, reason);
    const type = entry?.type ?? m.type;
    if (type === 'person' && m.tokenEnd - m.tokenStart >= 2) {
      for (let k = m.tokenStart; k < m.tokenEnd; k++) {
        const t = tokens[k] as Token;
        if (t.kind === 'word' && caseClass(t) !== 0 && t.norm.length > 1) nameParts.set(t.norm, id);
        // "Jong-un": both pieces name the person too
      }
    }
    // an acronym defined in parentheses right after the name
    const open = tokens[m.tokenEnd];
    const acro = tokens[m.tokenEnd + 1];
    const close = tokens[m.tokenEnd + 2];
    if (open?.text === '(' && close?.text === ')' && acro !== undefined && acro.kind === 'word' && caseClass(acro) === 2 && acro.text.length <= 8) {
      if (!acronyms.has(acro.norm) && gazetteer.lookup(acro.text).length === 0) acronyms.set(acro.norm, id);
      // the definition itself is not another mention
      if (acronyms.get(acro.norm) === id) next = Math.max(next, m.tokenEnd + 3);
    }
  }
  linkBareTokens(tokens.length);

  // an unknown name of unknown type is a person when a surname-only mention refers to it
  for (const e of entities.values()) {
    if (e.type !== 'other' || !e.id.startsWith('new:')) continue;
    if (e.mentions.some((x) => x.reason === 'coreference')) e.type = 'person';
  }
  return [...entities.values()];
}

/** True when `text` holds the country's name or one of its aliases as whole words. */
function namesCountry(text: string, country: GazetteerEntry): boolean {
  let keys = countryKeys.get(country);
  if (keys === undefined) {
    keys = [country.label, ...country.aliases].map((name) => ` ${nameKey(name)} `).filter((k) => k.length > 2);
    countryKeys.set(country, keys);
  }
  const words = ` ${nameKey(text)} `;
  return keys.some((k) => words.includes(k));
}

/** Match keys of a country's names, computed once per entry. */
const countryKeys = new WeakMap<GazetteerEntry, string[]>();

function isMetonym(entry: GazetteerEntry, text: string): boolean {
  const name = cleanName(text).toLowerCase();
  return (entry.metonyms ?? []).some((x) => x.toLowerCase() === name);
}

/** An entity for a gazetteer entry, labelled in the gazetteer's language (its other names after the English label). */
function entityFromEntry(entry: GazetteerEntry, gazetteer: CompiledGazetteer): Entity {
  const label = gazetteer.labelOf(entry);
  const e: Entity = { id: entry.id, label, type: entry.type, kind: entry.kind, mentions: [] };
  if (entry.country !== undefined) e.country = entry.country;
  if (entry.within !== undefined) e.within = entry.within;
  if (entry.wikidata !== undefined) e.wikidata = entry.wikidata;
  const local = label === entry.label ? [] : [...new Set([...(gazetteer.analyzer.lang === 'ar' ? entry.names?.ar?.aliases : entry.names?.es?.aliases) ?? [], entry.label])].filter((a) => a !== label);
  const aliases = local.length > 0 ? local : displayAliases(entry);
  if (aliases.length > 0) e.aliases = aliases;
  return e;
}

/**
 * An entry's other names in the order a reader looks for them: acronyms first ("DPRK"), then plain
 * names by length, names with dots, articles or non-Latin letters last.
 */
export function displayAliases(entry: GazetteerEntry): string[] {
  const rank = (a: string): number =>
    (/^\p{Lu}{2,6}$/u.test(a) ? 0 : 1000) + (/[.]|^the /iu.test(a) ? 500 : 0) + (/[^\x00-\x7f]/u.test(a) ? 300 : 0) + a.length;
  const native = new Set(entry.native ?? []);
  const labelWords = new Set(displayWords(entry.label));
  const latinLabel = LATIN_ONLY.test(entry.label);
  const seen = new Set([displayKey(entry.label)]);
  const out: string[] = [];
  for (const a of entry.aliases.filter((x) => x !== entry.label).sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : 1))) {
    const key = displayKey(a);
    if (native.has(a) || seen.has(key) || (latinLabel && !LATIN_ONLY.test(a))) continue;
    seen.add(key);
    // a short form made of the label's own words or their initials ("Kim", "V. Putin", "Vatican")
    if (!/^\p{Lu}{2,6}$/u.test(a) && displayWords(a).every((w) => labelWords.has(w) || (w.length === 1 && [...labelWords].some((l) => l.startsWith(w))))) continue;
    out.push(a);
  }
  return out;
}

const LATIN_ONLY = /^[\p{Script=Latin}\P{L}]*$/u;

/** The words of a name, folded (case, diacritics, possessive 's). */
function displayWords(name: string): string[] {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/'s\b/gu, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Two names with the same key differ only in case, spaces, hyphens, dots, diacritics or a leading "the". */
function displayKey(name: string): string {
  return displayWords(name.replace(/^the\s+/iu, '')).join('');
}

/** Sorts mentions and drops those overlapping a better one (known beats unknown, longer beats shorter). */
function mergeOverlaps(mentions: readonly Mention[]): Mention[] {
  // an ambiguous known name does not beat a longer unknown one ("Denzel Washington")
  const rank = (m: Mention): number =>
    (m.entityId !== undefined && m.candidates === undefined ? 1000 : 0) + (m.tokenEnd - m.tokenStart) * 10 + (m.entityId !== undefined ? 5 : 0) + (m.type === 'other' ? 0 : 1);
  // an organization name from the name recognizer may contain a known place ("Workers' Party of
  // Korea"), unless its head word is itself part of a known name
  const known = new Set<number>();
  for (const m of mentions) if (m.entityId !== undefined) for (let k = m.tokenStart; k < m.tokenEnd; k++) known.add(k);
  const orgRank = (m: Mention): number =>
    m.source === 'names' && m.type === 'organization' && !known.has(m.tokenEnd - 1) ? 2000 + (m.tokenEnd - m.tokenStart) : rank(m);
  const sorted = [...mentions].sort((a, b) => orgRank(b) - orgRank(a) || a.tokenStart - b.tokenStart);
  const taken: Mention[] = [];
  const used = new Set<number>();
  for (const m of sorted) {
    let free = true;
    for (let k = m.tokenStart; k < m.tokenEnd; k++) if (used.has(k)) free = false;
    if (!free) continue;
    for (let k = m.tokenStart; k < m.tokenEnd; k++) used.add(k);
    taken.push(m);
  }
  return taken.sort((a, b) => a.tokenStart - b.tokenStart);
}

/** Picks the entry a mention names, or undefined to drop it. */
function decide(
  m: Mention,
  tokens: readonly Token[],
  gazetteer: CompiledGazetteer,
  support: ReadonlyMap<string, number>,
  entrySupport: ReadonlySet<string>,
  nameParts: ReadonlyMap<string, string>,
  capsFields: ReadonlySet<string>,
  placeSupport: ReadonlyMap<string, number>,
): string | undefined {
  if (m.entityId === undefined || !gazetteer.entries.has(m.entityId)) {
    const name = cleanName(m.text);
    if (name.length === 0) return undefined;
    const records = gazetteer.lookup(name).filter((r) => r.via !== 'demonym' && !r.ambiguous);
    const match = records.find((r) => m.type === 'other' || r.entry.type === m.type) ?? records[0];
    if (match !== undefined) return match.entry.id;
    // a single unknown word that is part of an earlier person's name
    if (m.tokenEnd - m.tokenStart === 1) {
      const person = nameParts.get((tokens[m.tokenStart] as Token).norm);
      if (person !== undefined) return person;
      if (m.type === 'other') return undefined;
    }
    return newId(name);
  }
  // an era marker after a year or a century ("3000 BC", "the fourth millennium BC") is not a place
  if (isEraMarker(m, tokens)) return undefined;
  if (m.candidates === undefined) return m.entityId;

  const prevToken = tokens[m.tokenStart - 1];
  const nextToken = tokens[m.tokenEnd];
  const sameSentence = (t: Token | undefined): t is Token => t !== undefined && t.sentence === (tokens[m.tokenStart] as Token).sentence;
  const candidates = m.candidates.map((id) => gazetteer.entries.get(id)).filter((e): e is GazetteerEntry => e !== undefined);
  const ambiguousIds = new Set<string>();
  for (const c of candidates) {
    const amb = c.ambiguous;
    if (amb !== undefined && amb.some((a) => a.toLowerCase() === cleanName(m.text).toLowerCase())) ambiguousIds.add(c.id);
  }
  // one word that only ambiguous entries could be, and that is part of a person's full name named
  // earlier, is that person: "Prof Lynn Gilbert ... Gilbert says" is not the city of Gilbert
  if (m.tokenEnd - m.tokenStart === 1 && ambiguousIds.size === candidates.length && candidates.length > 0) {
    const person = nameParts.get((tokens[m.tokenStart] as Token).norm);
    if (person !== undefined) return person;
  }

  // "Washington state", "state of Washington": the state
  if (sameSentence(nextToken) && nextToken.norm === 'state') {
    const region = candidates.find((c) => c.kind === 'region');
    if (region !== undefined) return region.id;
  }
  // a metonym followed by a verb of government, or with no city reading at all, stands for the country
  const metonymOf = candidates.find((c) => c.kind === 'country' && (c.metonyms ?? []).some((x) => x.toLowerCase() === cleanName(m.text).toLowerCase()));
  // (data/README.md rule 10: a capital counts toward its country; it is the city only after a
  // location preposition, "in Beijing", and never when it acts, "Beijing said")
  if (metonymOf !== undefined) {
    const govVerb = sameSentence(nextToken) && GOVERNMENT_VERBS.has(nextToken.norm);
    const located = sameSentence(prevToken) && LOCATION_PREPOSITIONS.has(prevToken.norm);
    if (govVerb || !located || !candidates.some((c) => c.kind === 'city')) return metonymOf.id;
  }

  let best: GazetteerEntry | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  const placeCue = sameSentence(prevToken) && PLACE_PREPOSITIONS.has(prevToken.norm);
  const titled = sameSentence(prevToken) && PERSON_TITLE_WORDS.has(prevToken.norm);
  const allCaps = capsFields.has(m.field);
  const capsWord = allCaps && m.tokenEnd - m.tokenStart === 1;
  // a demonym shared by several countries goes to the better supported, then the better known one
  const sharedDemonym = m.via === 'demonym' && candidates.length > 1;
  // an acronym in capitals inside mixed-case text is not the common word ("US" is not "us")
  const caseSettles = !allCaps && m.tokenEnd - m.tokenStart === 1 && caseClass(tokens[m.tokenStart] as Token) === 2 && m.text.length >= 2;
  for (const c of candidates) {
    let score = KIND_PRIOR[c.kind] ?? 0;
    if (c.country !== undefined) score += 2 * Math.min(3, support.get(c.country) ?? 0);
    if (entrySupport.has(c.id)) score += 10;
    if (c.population !== undefined) score += Math.log10(1 + c.population) / 10;
    // prominence: among otherwise equal entries (two countries sharing a demonym), the one with the
    // older, lower Wikidata id is the better known (Q55 Netherlands before Q27561 Caribbean Netherlands)
    score -= Math.log10((c.wikidata !== undefined ? Number(c.wikidata.slice(1)) : 0) || 1e9) / 100;
    // a shared demonym's default reading is the entry that does not mark it ambiguous ("Congolese":
    // DR Congo); a named country outweighs it (data/README.md rule 12)
    if (sharedDemonym && ambiguousIds.has(c.id) && ambiguousIds.size < candidates.length) score -= 1;
    if (sharedDemonym && c.country !== undefined) score += 2 * Math.min(3, placeSupport.get(c.country) ?? 0);
    const weak = (ambiguousIds.has(c.id) && !sharedDemonym) || (capsWord && (c.kind === 'city' || c.kind === 'region' || m.via === 'acronym'));
    if (weak) {
      // an ambiguous alias needs context: the entry or its country named otherwise, or a place cue
      // (data/README.md rules 3 and 16: a place needs a place cue or its country named otherwise;
      // a surname-only person alias needs the full name, or a title and the person's country)
      const countryNamed = c.country !== undefined && (support.get(c.country) ?? 0) > 0;
      // a full name shared by namesakes ("Ben Wallace", "Tim Cook") needs only its country named
      const fullName = m.tokenEnd - m.tokenStart >= 2;
      const supported =
        c.type === 'person'
          ? entrySupport.has(c.id) || ((titled || fullName) && countryNamed)
          : entrySupport.has(c.id) || countryNamed || (placeCue && !allCaps && c.type === 'place') || (caseSettles && !capsWord);
      if (!supported) continue;
    }
    // a capital without a verb of government is the city (which still counts toward its country)
    if (c === metonymOf) continue;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  // an unconfirmed full name of a person is still a person's name, just not the known one
  if (best === undefined && m.tokenEnd - m.tokenStart >= 2 && candidates.length > 0 && candidates.every((c) => c.type === 'person')) {
    return newId(cleanName(m.text));
  }
  return best?.id;
}
