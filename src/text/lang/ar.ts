/**
 * Arabic: folding for matching, proclitics, stopwords and Larkey's light10 stemmer.
 *
 * Folding (the normalization of light10, plus what news text adds): presentation forms (U+FB50-FDFF,
 * U+FE70-FEFC) to the letters they draw (NFKC); short vowels, shadda, sukun, the dagger alef and the
 * hamza written over or under a carrier removed ("أ", "إ", "آ", "ٱ" -> "ا"; "ؤ" -> "و"; "ئ" -> "ي");
 * tatweel removed; taa marbuta to haa ("ة" -> "ه") and alef maqsura to yaa ("ى" -> "ي"); the Persian
 * and Urdu forms of kaf, yaa and haa ("ک", "ی", "ہ", "ە", "ھ") to the Arabic ones; Arabic-Indic and
 * Persian digits to ASCII. The text and its offsets are untouched: only keys are folded.
 *
 * Stemmer: light10 (L. Larkey, L. Ballesteros, M. Connell, "Light Stemming for Arabic Information
 * Retrieval", in Arabic Computational Morphology, Springer 2007), in the form Lucene's ArabicStemmer
 * implements it: one prefix of ال, وال, بال, كال, فال, لل, و (و only when 3 letters remain, the others
 * when 2 remain), then each of the suffixes ها, ان, ات, ون, ين, يه, ية, ه, ة, ي in turn when 2 letters
 * remain. Chosen over a root stemmer (Khoja) or ISRI because light10 gave the best retrieval of the
 * stemmers Larkey et al. compared on the TREC 2001-2002 Arabic collections: it joins the forms of a
 * word that differ by article, conjunction, pronoun suffix and sound plural, and leaves the broken
 * plurals and the root alone, so "سفارة" (embassy) and "سفير" (ambassador) stay apart.
 *
 * Stopwords: written for this project from the closed classes of Modern Standard Arabic (prepositions,
 * conjunctions, particles, pronouns, demonstratives and relatives, kana and its sisters, quantifiers),
 * each also with و and ف attached ("وفي", "فقد"), and the reporting verbs of news copy ("قال",
 * "أضاف", "أكد"), as the English list does.
 */
import { foldKey } from './fold.js';
import type { Analyzer } from './types.js';

const LETTER_FOLD = new Map<number, string>([
  [0x0640, ''], // tatweel
  [0x0629, '\u0647'], // taa marbuta -> haa
  [0x0649, '\u064a'], // alef maqsura -> yaa
  [0x06cc, '\u064a'], // Farsi yeh
  [0x06d2, '\u064a'], // yeh barree
  [0x06a9, '\u0643'], // keheh -> kaf
  [0x06af, '\u0643'], // gaf -> kaf
  [0x06c1, '\u0647'], // heh goal
  [0x06d5, '\u0647'], // ae
  [0x06be, '\u0647'], // heh doachashmee
  [0x0671, '\u0627'], // alef wasla
  [0x0672, '\u0627'],
  [0x0673, '\u0627'],
  [0x0675, '\u0627'],
]);

/** Arabic-Indic (U+0660-0669) and extended Persian (U+06F0-06F9) digits. */
function digitOf(c: number): string | undefined {
  if (c >= 0x0660 && c <= 0x0669) return String.fromCharCode(48 + c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(48 + c - 0x06f0);
  return undefined;
}

/** True when `s` holds a presentation form (U+FB50-FDFF, U+FE70-FEFC). */
function hasPresentationForm(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) return true;
  }
  return false;
}

/** The Arabic match key of a lower-cased word (see the module comment). O(length). */
export function arabicFold(norm: string): string {
  let s = hasPresentationForm(norm) ? norm.normalize('NFKC') : norm;
  s = foldKey(s);
  let out: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x0600 || c > 0x06ff) {
      if (out !== undefined) out += s[i];
      continue;
    }
    const to = LETTER_FOLD.get(c) ?? digitOf(c);
    if (to === undefined) {
      if (out !== undefined) out += s[i];
      continue;
    }
    if (out === undefined) out = s.slice(0, i);
    out += to;
  }
  return out ?? s;
}

const WAW = 'و';
const FAA = 'ف';

/**
 * Proclitic readings of a folded word, least stripped first: the conjunction و or ف, then the
 * preposition ب, ك or ل (ل before the article: "للصين" -> "الصين"). At least three letters remain.
 */
export function arabicClitics(key: string): string[] {
  const out: string[] = [];
  const bases = [key];
  const first = key[0];
  if ((first === WAW || first === FAA) && key.length >= 4) {
    bases.push(key.slice(1));
    out.push(key.slice(1));
  }
  for (const b of bases) {
    const c = b[0];
    if (b.length < 4) continue;
    if (c === 'ب' || c === 'ك') out.push(b.slice(1));
    else if (c === 'ل') {
      out.push(b.slice(1));
      if (b[1] === 'ل' && b.length >= 5) out.push(`ال${b.slice(2)}`);
    }
  }
  return out;
}

const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/** light10 on a folded word (see the module comment). */
export function light10(word: string): string {
  let s = word;
  for (const p of PREFIXES) {
    const enough = p.length === 1 ? s.length >= 4 : s.length >= p.length + 2;
    if (enough && s.startsWith(p)) {
      s = s.slice(p.length);
      break;
    }
  }
  for (const x of SUFFIXES) if (s.length >= x.length + 2 && s.endsWith(x)) s = s.slice(0, -x.length);
  return s;
}

/** Arabic stopwords as written; folded when the analyzer is built. */
export const ARABIC_STOPWORDS: readonly string[] = [
  // prepositions
  'في', 'من', 'إلى', 'على', 'عن', 'مع', 'عند', 'لدى', 'منذ', 'حتى', 'خلال', 'بين', 'ضد', 'حول', 'نحو', 'عبر',
  'دون', 'بعد', 'قبل', 'فوق', 'تحت', 'أمام', 'وراء', 'مثل', 'غير', 'سوى', 'لدى', 'إزاء', 'بشأن', 'وفق', 'وفقا',
  'بحسب', 'حسب', 'ضمن', 'لدى',
  // conjunctions and particles
  'ثم', 'أو', 'أم', 'بل', 'لكن', 'لكنه', 'لكنها', 'حيث', 'كما', 'إذا', 'إذ', 'لأن', 'كي', 'لكي', 'إلا', 'ألا',
  'أما', 'إما', 'أن', 'إن', 'أنه', 'أنها', 'إنه', 'إنها', 'أنهم', 'إنهم', 'لا', 'لم', 'لن', 'قد', 'لقد', 'سوف',
  'ما', 'ماذا', 'لماذا', 'هل', 'كيف', 'أين', 'متى', 'كم', 'لو', 'لولا', 'عندما', 'بينما', 'فيما', 'كلما', 'لما',
  'أي', 'أية', 'أيضا', 'أيضاً', 'فقط', 'جدا', 'ليس', 'ليست', 'يا',
  // pronouns, demonstratives, relatives
  'هو', 'هي', 'هم', 'هن', 'هما', 'أنا', 'نحن', 'أنت', 'أنتم', 'هذا', 'هذه', 'ذلك', 'تلك', 'هؤلاء', 'أولئك',
  'هنا', 'هناك', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللاتي', 'اللواتي',
  // with a pronoun attached
  'فيه', 'فيها', 'فيهم', 'منه', 'منها', 'منهم', 'عليه', 'عليها', 'عليهم', 'إليه', 'إليها', 'إليهم', 'به',
  'بها', 'بهم', 'له', 'لها', 'لهم', 'عنه', 'عنها', 'عنهم', 'معه', 'معها', 'معهم', 'بينها', 'بينهم', 'لديه',
  // kana and its sisters
  'كان', 'كانت', 'كانوا', 'يكون', 'تكون', 'يكن', 'تكن', 'أصبح', 'أصبحت', 'بات', 'باتت', 'زال', 'يزال', 'تزال',
  'صار', 'ظل', 'كل', 'بعض', 'جميع', 'أحد', 'إحدى', 'كلا', 'عدة', 'عدد', 'ذات', 'نفس', 'أكثر', 'أقل',
  // with the conjunction attached
  'وفي', 'ومن', 'وعلى', 'وإلى', 'وعن', 'ومع', 'وهو', 'وهي', 'وهم', 'ولا', 'ولم', 'ولن', 'وقد', 'وكان', 'وكانت',
  'وأن', 'وإن', 'وأنه', 'وهذا', 'وهذه', 'وذلك', 'وبعد', 'وقبل', 'وبين', 'وما', 'ولكن', 'وكما', 'وحيث', 'وأما',
  'فإن', 'فقد', 'فلا', 'فما', 'فهو', 'فهي', 'وكل', 'ثمة', 'كذلك', 'وكذلك', 'أيضا',
  // reporting and boilerplate of news copy
  'قال', 'قالت', 'وقال', 'وقالت', 'يقول', 'تقول', 'أضاف', 'أضافت', 'وأضاف', 'وأضافت', 'أكد', 'أكدت', 'وأكد',
  'وأكدت', 'أشار', 'أشارت', 'وأشار', 'وأشارت', 'أوضح', 'أوضحت', 'وأوضح', 'تابع', 'وتابع', 'لفت', 'ولفت', 'اعتبر',
  'واعتبر', 'إطار', 'الى', 'اليوم', 'أمس', 'يوم',
];

/** Builds the Arabic analyzer. */
export function createArabicAnalyzer(): Analyzer {
  // every stopword also with the conjunction و or ف in front ("وفيه", "فإنها")
  const stopwords = new Set<string>();
  for (const w of ARABIC_STOPWORDS) {
    const key = arabicFold(w);
    stopwords.add(key);
    stopwords.add(WAW + key);
    stopwords.add(FAA + key);
  }
  const stem = (norm: string): string => light10(arabicFold(norm));
  return {
    lang: 'ar',
    cased: false,
    fold: arabicFold,
    clitics: arabicClitics,
    stopwords,
    stem,
    term(norm, doStem, list = stopwords) {
      const key = arabicFold(norm);
      if (list.has(key)) return null;
      return doStem ? light10(key) : key;
    },
    names: undefined,
  };
}
