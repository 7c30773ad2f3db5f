/**
 * Arabic and Spanish names for the gazetteer (`names.ar`, `names.es` of an entry), from the registry
 * packages and the hand-curated rows of data/lang/ar.tsv and data/lang/es.tsv:
 *
 * - countries: world-countries' Arabic and Spanish translations (common and official names) and
 *   i18n-iso-countries' "ar" and "es" locales, without bracketed or inverted catalogue forms;
 * - every entry: the aliases, demonyms, metonyms and ambiguity flags of its hand row, which also names
 *   the row's source;
 * - demonyms are written once, in the masculine singular; the build adds the other forms: in Arabic,
 *   for a nisba adjective (ending in ي), the feminine (ـية), the sound plurals (ـيون, ـيين) and each with
 *   the article (الروسي, الروسية, الروسيون); in Spanish the feminine and the plurals (ruso, rusa, rusos,
 *   rusas; francés, francesa, franceses);
 * - a capital's local label stands for its country's government, as in English ("موسكو", "Moscú"),
 *   unless the country's row lists its metonyms itself (Arabic news says "تل أبيب" for Israel's);
 * - a local name shared by a country and a city is the country's by default (the city's copy is marked
 *   ambiguous); any other name shared by two entries must be marked ambiguous on all but one by hand,
 *   or the build stops.
 */
import type { GazetteerEntry, LocalNames } from '../../src/entities/gazetteer-data.js';
import { analyzerFor } from '../../src/text/lang/index.js';

export type LocalLang = 'ar' | 'es';

interface Translations {
  cca2: string;
  independent: boolean | null;
  translations: Record<string, { common: string; official: string } | undefined>;
}

interface Row {
  line: number;
  cells: Map<string, string>;
}

const REGISTRY_KEY: Record<LocalLang, string> = { ar: 'ara', es: 'spa' };

function list(cell: string | undefined): string[] {
  return (cell ?? '').split('|').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Arabic nisba forms of a masculine singular demonym ("روسي"): feminine, sound plurals, with the article. */
export function arabicNisbaForms(word: string): string[] {
  if (word.includes(' ')) return [word];
  const forms = [word];
  if (word.endsWith('ي') && !word.startsWith('ال') && word.length >= 3) forms.push(`${word}ة`, `${word}ون`, `${word}ين`, `${word}ات`);
  else if (word.startsWith('ال')) return forms;
  return [...forms, ...forms.map((f) => `ال${f}`)];
}

const UNACCENT: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' };

/** Spanish forms of a masculine singular demonym: ruso -> rusa, rusos, rusas; francés -> francesa, franceses, francesas. */
export function spanishDemonymForms(word: string): string[] {
  if (word.includes(' ')) return [word];
  const last = word[word.length - 1] as string;
  if (last === 'o') {
    const stem = word.slice(0, -1);
    return [word, `${stem}a`, `${stem}os`, `${stem}as`];
  }
  if (last === 'e' || last === 'a') return [word, `${word}s`];
  if (last === 'í' || last === 'ú') return [word, `${word}es`, `${word}s`];
  // consonant: the stress mark of the last syllable goes when a syllable is added
  const plain = word.replace(/([áéíóú])([^aeiouáéíóú]*)$/u, (_, v: string, rest: string) => `${UNACCENT[v] ?? v}${rest}`);
  return [word, `${plain}a`, `${plain}es`, `${plain}as`];
}

/** Strips catalogue forms: bracketed ("Congo (Rep. Dem.)") and inverted ("Corea, República de") names. */
function runningText(names: Iterable<string | undefined>): string[] {
  const out: string[] = [];
  for (const n of names) if (n !== undefined && n.trim() !== '' && !/[,(]/u.test(n)) out.push(n.trim());
  return out;
}

interface Draft {
  label: string | undefined;
  aliases: Set<string>;
  demonyms: Set<string>;
  metonyms: Set<string>;
  ambiguous: Set<string>;
}

/**
 * Sets `names[lang]` on the entries. `rows` are the hand rows of data/lang/<lang>.tsv; `fail` reports a
 * bad row. Deterministic: every list is sorted by code point, the label first among the aliases.
 */
export function addLocalNames(
  lang: LocalLang,
  entries: GazetteerEntry[],
  world: Translations[],
  i18nNames: Record<string, string[]>,
  rows: Row[],
  fail: (row: Row | undefined, message: string) => never,
): void {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const drafts = new Map<string, Draft>();
  const draft = (id: string): Draft => {
    let d = drafts.get(id);
    if (d === undefined) {
      d = { label: undefined, aliases: new Set(), demonyms: new Set(), metonyms: new Set(), ambiguous: new Set() };
      drafts.set(id, d);
    }
    return d;
  };
  for (const c of world) {
    if (!byId.has(`country:${c.cca2}`)) continue;
    const t = c.translations[REGISTRY_KEY[lang]];
    const d = draft(`country:${c.cca2}`);
    const names = runningText([t?.common, t?.official, ...(i18nNames[c.cca2] ?? [])]);
    for (const n of names) d.aliases.add(n);
    d.label = runningText([t?.common])[0] ?? names[0];
  }
  const cell = (row: Row, name: string): string => row.cells.get(name) ?? '';
  const seen = new Set<string>();
  // a row that lists metonyms replaces the capital's name as its country's metonym
  const handMetonyms = new Set<string>();
  for (const row of rows) {
    const id = cell(row, 'id');
    if (!byId.has(id)) fail(row, `"${id}" is not a gazetteer entry`);
    if (seen.has(id)) fail(row, `"${id}" has two rows`);
    seen.add(id);
    if (cell(row, 'source') === '') fail(row, 'a hand row names its source');
    const d = draft(id);
    for (const r of list(cell(row, 'remove'))) if (!d.aliases.delete(r)) fail(row, `cannot remove "${r}": not a name of ${id}`);
    const label = cell(row, 'label');
    if (label !== '') d.label = label;
    for (const a of list(cell(row, 'aliases'))) d.aliases.add(a);
    for (const a of list(cell(row, 'demonyms'))) for (const f of lang === 'ar' ? arabicNisbaForms(a) : spanishDemonymForms(a)) d.demonyms.add(f);
    for (const a of list(cell(row, 'metonyms'))) {
      d.metonyms.add(a);
      handMetonyms.add(id);
    }
    for (const a of list(cell(row, 'ambiguous'))) d.ambiguous.add(a);
    if (d.label === undefined) d.label = [...d.aliases][0];
    if (d.label === undefined) fail(row, `${id} needs a label or an alias`);
    d.aliases.add(d.label);
    const known = new Set([...d.aliases, ...d.demonyms, ...d.metonyms]);
    for (const a of d.ambiguous) if (!known.has(a)) fail(row, `ambiguous "${a}" is not a name of ${id}`);
  }
  // a capital's name stands for its country's government
  for (const e of entries) {
    if (e.kind !== 'country' || e.capital === undefined || e.metonyms === undefined || handMetonyms.has(e.id)) continue;
    const capital = drafts.get(e.capital);
    const country = drafts.get(e.id);
    if (capital?.label === undefined || country === undefined || country.aliases.has(capital.label)) continue;
    if (!(e.metonyms ?? []).some((m) => m === byId.get(e.capital as string)?.label)) continue;
    country.metonyms.add(capital.label);
    if (capital.ambiguous.has(capital.label)) country.ambiguous.add(capital.label);
  }
  settleSharedNames(lang, drafts, byId, fail);
  const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [id, d] of drafts) {
    if (d.label === undefined) continue;
    const entry = byId.get(id) as GazetteerEntry;
    const names: LocalNames = { label: d.label, aliases: [d.label, ...sorted(d.aliases).filter((a) => a !== d.label)] };
    if (d.demonyms.size > 0) names.demonyms = sorted(d.demonyms);
    if (d.metonyms.size > 0) names.metonyms = sorted(d.metonyms);
    if (d.ambiguous.size > 0) names.ambiguous = sorted(d.ambiguous);
    entry.names = { ...entry.names, [lang]: names };
  }
}

/** A name shared by a country and cities is the country's; other shared names must be settled by hand. */
function settleSharedNames(lang: LocalLang, drafts: Map<string, Draft>, byId: Map<string, GazetteerEntry>, fail: (row: undefined, message: string) => never): void {
  const fold = analyzerFor(lang).fold;
  const owners = new Map<string, Set<string>>();
  for (const [id, d] of drafts) {
    // metonyms are left out: a capital's name is its city's and stands for its country (resolve decides)
    for (const n of new Set([...d.aliases, ...d.demonyms])) {
      const key = fold(n.toLowerCase());
      owners.set(key, (owners.get(key) ?? new Set<string>()).add(id));
    }
  }
  for (const [key, idSet] of owners) {
    const ids = [...idSet];
    if (ids.length < 2) continue;
    const needing = ids.filter((id) => ![...(drafts.get(id) as Draft).ambiguous].some((a) => fold(a.toLowerCase()) === key));
    if (needing.length <= 1) continue;
    const countries = needing.filter((id) => byId.get(id)?.kind === 'country');
    if (countries.length === 1) {
      for (const id of needing) {
        if (id === countries[0]) continue;
        const d = drafts.get(id) as Draft;
        for (const n of [...d.aliases, ...d.metonyms]) if (fold(n.toLowerCase()) === key) d.ambiguous.add(n);
      }
      continue;
    }
    fail(undefined, `${lang}: "${key}" names ${needing.join(', ')}: mark it ambiguous on all but one`);
  }
}
