/**
 * The shape every language shares: how a word is folded for matching, which proclitics can be taken
 * off it, which words say nothing (stopwords), how it is stemmed for the index, and how names are
 * found. One file per language (en.ts, ar.ts, es.ts) builds one; the tokenizer's output, the
 * gazetteer matcher and the corpus index take an `Analyzer` and never test the language themselves.
 */

/** The languages news-tagger analyzes. */
export type LanguageCode = 'en' | 'ar' | 'es';

/** Word lists the name recognizer uses in a language written with capital letters (lower-case words). */
export interface NameHints {
  /** Words that make the capitalized name after them a person ("presidente", "señor"). */
  personTitles: ReadonlySet<string>;
  /** Portfolio and qualifier words between a title and a name ("exteriores", "de"). */
  titleParts: ReadonlySet<string>;
  /** Last words of organization names ("party", "bank"), for languages that put the head last. */
  orgHeads: ReadonlySet<string>;
  /** First words of organization names ("ministerio", "partido", "banco"). */
  orgLeads: ReadonlySet<string>;
  /** Capitalized words that open sentences but are not names ("el", "según"). */
  notNames: ReadonlySet<string>;
  /** Verbs of speech after a bare name that make it a person ("dijo", "afirmó"). */
  speechVerbs: ReadonlySet<string>;
  /** Lower-case words allowed inside a name ("de", "del", "y"). */
  connectors: ReadonlySet<string>;
  /** Lower-case particles of personal names ("de", "del", "y" in "Ortega y Gasset"). */
  nameParticles: ReadonlySet<string>;
  /** Words that must follow an organization's first word ("of" in "Ministry of ..."); undefined: any. */
  leadJoiners: ReadonlySet<string> | undefined;
  /** Connectors that join two names rather than the parts of one ("y": "Juan Pérez y Ana Gómez"). */
  coordinators: ReadonlySet<string>;
}

export interface Analyzer {
  readonly lang: LanguageCode;
  /** The language marks names with capital letters (English, Spanish); Arabic does not. */
  readonly cased: boolean;
  /**
   * The match key of a lower-cased word: what the gazetteer and the index compare. Folds what the
   * language's writing varies on (diacritics, letter variants); the token itself keeps its text.
   */
  fold(norm: string): string;
  /**
   * Other keys a folded word may stand for once its proclitics are taken off ("وروسيا" -> "روسيا",
   * "للصين" -> "الصين"), most specific first; empty when the language attaches none. The matcher
   * tries them only when the word as it stands names nothing.
   */
  clitics(key: string): readonly string[];
  /** Stopwords, folded. */
  readonly stopwords: ReadonlySet<string>;
  /** The index stem of a lower-cased word (folded as the language needs). */
  stem(norm: string): string;
  /**
   * The index term of a lower-cased word: null for a stopword of `stopwords` (the analyzer's own when
   * undefined; compared folded), otherwise the word folded, and stemmed when `stem` is true.
   */
  term(norm: string, stem: boolean, stopwords?: ReadonlySet<string>): string | null;
  /** Name-finding hints; undefined for English (the recognizer's own lists) and for caseless scripts. */
  readonly names: NameHints | undefined;
}
