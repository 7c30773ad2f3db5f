/**
 * The Snowball Spanish stemmer (M. F. Porter, snowballstem.org/algorithms/spanish/stemmer.html),
 * written from the algorithm's description: regions RV, R1 and R2; step 0 attached pronouns; step 1
 * standard suffixes; step 2a verb suffixes beginning with "y"; step 2b other verb suffixes; step 3
 * residual suffixes; acute accents removed at the end. The input is a lower-cased word.
 *
 * Checked against the algorithm's reference vocabulary (snowball-data `spanish/voc.txt` ->
 * `output.txt`, 28,390 words): 0 differences (`npm run eval -- snowball`, which reads the Debian
 * package snowball-data when it is installed).
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü']);

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

/** Position after the next vowel at or after `from` (the Snowball `gopast v`), or -1. */
function pastVowel(w: string, from: number): number {
  for (let i = from; i < w.length; i++) if (isVowel(w[i])) return i + 1;
  return -1;
}

/** Position after the next non-vowel at or after `from` (`gopast non-v`), or -1. */
function pastConsonant(w: string, from: number): number {
  for (let i = from; i < w.length; i++) if (!isVowel(w[i])) return i + 1;
  return -1;
}

interface Regions {
  rv: number;
  r1: number;
  r2: number;
}

function markRegions(w: string): Regions {
  const n = w.length;
  let rv = n;
  if (n >= 2) {
    if (isVowel(w[0])) {
      const p = isVowel(w[1]) ? pastConsonant(w, 2) : pastVowel(w, 2);
      if (p !== -1) rv = p;
    } else {
      const p = isVowel(w[1]) ? 3 : pastVowel(w, 2);
      if (p !== -1 && p <= n) rv = p;
    }
  }
  let r1 = n;
  let r2 = n;
  const a = pastVowel(w, 0);
  const b = a === -1 ? -1 : pastConsonant(w, a);
  if (b !== -1) {
    r1 = b;
    const c = pastVowel(w, b);
    const d = c === -1 ? -1 : pastConsonant(w, c);
    if (d !== -1) r2 = d;
  }
  return { rv, r1, r2 };
}

/** Suffix lists sorted longest first, so the first that matches is Snowball's `among` choice. */
const byLength = (xs: string[]): string[] => [...xs].sort((x, y) => y.length - x.length);

const PRONOUNS = byLength(['me', 'se', 'sela', 'selo', 'selas', 'selos', 'la', 'le', 'lo', 'las', 'les', 'los', 'nos']);
const PRONOUN_BASES = byLength(['iéndo', 'ándo', 'ár', 'ér', 'ír', 'ando', 'iendo', 'ar', 'er', 'ir', 'yendo']);
const UNACCENT: Record<string, string> = { iéndo: 'iendo', ándo: 'ando', ár: 'ar', ér: 'er', ír: 'ir' };

const S1_DELETE = ['anza', 'anzas', 'ico', 'ica', 'icos', 'icas', 'ismo', 'ismos', 'able', 'ables', 'ible', 'ibles', 'ista', 'istas', 'oso', 'osa', 'osos', 'osas', 'amiento', 'amientos', 'imiento', 'imientos'];
const S1_IC = ['adora', 'ador', 'ación', 'adoras', 'adores', 'aciones', 'ante', 'antes', 'ancia', 'ancias'];
const S1_LOG = ['logía', 'logías'];
const S1_U = ['ución', 'uciones'];
const S1_ENTE = ['encia', 'encias'];
const S1_IDAD = ['idad', 'idades'];
const S1_IV = ['iva', 'ivo', 'ivas', 'ivos'];
const STEP1 = byLength([...S1_DELETE, ...S1_IC, ...S1_LOG, ...S1_U, ...S1_ENTE, 'amente', 'mente', ...S1_IDAD, ...S1_IV]);
const STEP1_GROUP = new Map<string, string>();
for (const [group, list] of [['delete', S1_DELETE], ['ic', S1_IC], ['log', S1_LOG], ['u', S1_U], ['ente', S1_ENTE], ['idad', S1_IDAD], ['iv', S1_IV]] as const) {
  for (const s of list) STEP1_GROUP.set(s, group);
}
STEP1_GROUP.set('amente', 'amente');
STEP1_GROUP.set('mente', 'mente');

const Y_VERB = byLength(['ya', 'ye', 'yan', 'yen', 'yeron', 'yendo', 'yo', 'yó', 'yas', 'yes', 'yais', 'yamos']);
const VERB_GU = new Set(['en', 'es', 'éis', 'emos']);
const VERB = byLength([
  'en', 'es', 'éis', 'emos',
  'arían', 'arías', 'arán', 'arás', 'aríais', 'aría', 'aréis', 'aríamos', 'aremos', 'ará', 'aré',
  'erían', 'erías', 'erán', 'erás', 'eríais', 'ería', 'eréis', 'eríamos', 'eremos', 'erá', 'eré',
  'irían', 'irías', 'irán', 'irás', 'iríais', 'iría', 'iréis', 'iríamos', 'iremos', 'irá', 'iré',
  'aba', 'ada', 'ida', 'ía', 'ara', 'iera', 'ad', 'ed', 'id', 'ase', 'iese', 'aste', 'iste', 'an', 'aban', 'ían',
  'aran', 'ieran', 'asen', 'iesen', 'aron', 'ieron', 'ado', 'ido', 'ando', 'iendo', 'ió', 'ar', 'er', 'ir', 'as',
  'abas', 'adas', 'idas', 'ías', 'aras', 'ieras', 'ases', 'ieses', 'ís', 'áis', 'abais', 'íais', 'arais',
  'ierais', 'aseis', 'ieseis', 'asteis', 'isteis', 'ados', 'idos', 'amos', 'ábamos', 'íamos', 'imos',
  'áramos', 'iéramos', 'iésemos', 'ásemos',
]);
const RESIDUAL = byLength(['os', 'a', 'o', 'á', 'í', 'ó', 'e', 'é']);

function longest(w: string, list: readonly string[], minStart = 0): string | undefined {
  for (const s of list) if (w.endsWith(s) && w.length - s.length >= minStart) return s;
  return undefined;
}

function attachedPronoun(w: string, r: Regions): string {
  const pronoun = longest(w, PRONOUNS);
  if (pronoun === undefined) return w;
  const stem = w.slice(0, -pronoun.length);
  const base = longest(stem, PRONOUN_BASES);
  if (base === undefined || stem.length - base.length < r.rv) return w;
  if (base === 'yendo') return stem.endsWith('uyendo') ? stem : w;
  const plain = UNACCENT[base];
  return plain === undefined ? stem : stem.slice(0, -base.length) + plain;
}

/** Step 1; returns undefined when it removes nothing (then step 2 runs). */
function standardSuffix(w: string, r: Regions): string | undefined {
  const s = longest(w, STEP1);
  if (s === undefined) return undefined;
  const at = w.length - s.length;
  const group = STEP1_GROUP.get(s);
  const head = w.slice(0, at);
  const inR2 = (pos: number): boolean => pos >= r.r2;
  switch (group) {
    case 'delete':
      return inR2(at) ? head : undefined;
    case 'ic':
      if (!inR2(at)) return undefined;
      return head.endsWith('ic') && inR2(at - 2) ? head.slice(0, -2) : head;
    case 'log':
      return inR2(at) ? `${head}log` : undefined;
    case 'u':
      return inR2(at) ? `${head}u` : undefined;
    case 'ente':
      return inR2(at) ? `${head}ente` : undefined;
    case 'amente': {
      if (at < r.r1) return undefined;
      const x = ['iv', 'os', 'ic', 'ad'].find((p) => head.endsWith(p));
      if (x === undefined || !inR2(at - 2)) return head;
      const shorter = head.slice(0, -2);
      if (x === 'iv' && shorter.endsWith('at') && inR2(at - 4)) return shorter.slice(0, -2);
      return shorter;
    }
    case 'mente': {
      if (!inR2(at)) return undefined;
      const x = ['ante', 'able', 'ible'].find((p) => head.endsWith(p));
      return x !== undefined && inR2(at - 4) ? head.slice(0, -4) : head;
    }
    case 'idad': {
      if (!inR2(at)) return undefined;
      const x = ['abil', 'ic', 'iv'].find((p) => head.endsWith(p));
      return x !== undefined && inR2(at - x.length) ? head.slice(0, -x.length) : head;
    }
    case 'iv':
      if (!inR2(at)) return undefined;
      return head.endsWith('at') && inR2(at - 2) ? head.slice(0, -2) : head;
    default:
      return undefined;
  }
}

function yVerbSuffix(w: string, r: Regions): string | undefined {
  const s = longest(w, Y_VERB, r.rv);
  if (s === undefined) return undefined;
  const head = w.slice(0, -s.length);
  return head.endsWith('u') ? head : undefined;
}

function verbSuffix(w: string, r: Regions): string | undefined {
  const s = longest(w, VERB, r.rv);
  if (s === undefined) return undefined;
  const head = w.slice(0, -s.length);
  if (VERB_GU.has(s) && head.endsWith('gu')) return head.slice(0, -1);
  return head;
}

function residualSuffix(w: string, r: Regions): string {
  const s = longest(w, RESIDUAL);
  if (s === undefined) return w;
  const at = w.length - s.length;
  if (at < r.rv) return w;
  const head = w.slice(0, at);
  if ((s === 'e' || s === 'é') && head.endsWith('gu') && at - 1 >= r.rv) return head.slice(0, -1);
  return head;
}

const ACCENTS: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' };
const ACCENT_RE = /[áéíóú]/g;

/** The Snowball Spanish stem of a lower-cased word. O(length). */
export function spanishStem(word: string): string {
  const r = markRegions(word);
  let w = attachedPronoun(word, r);
  w = standardSuffix(w, r) ?? yVerbSuffix(w, r) ?? verbSuffix(w, r) ?? w;
  w = residualSuffix(w, r);
  return w.replace(ACCENT_RE, (c) => ACCENTS[c] ?? c);
}
