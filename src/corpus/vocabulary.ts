/**
 * The term dictionary of a corpus index: term string <-> short numeric id, the document frequency of
 * each term, and the surface forms met for each term ("stock", "stocks", "stockings" for the stem
 * "stock"), numbered per term so that each document can record its own form in one byte: explanations
 * show the page's own words, never another document's. Entity ids are terms too, marked by a leading
 * U+0001 so that no word can collide with them.
 */

/** Prefix of entity-id terms. */
export const ENTITY_PREFIX = '\u0001';

/** Most surface forms numbered per term; later forms get NO_FORM (not shown in explanations). */
export const MAX_FORMS = 255;
/** The form number of a form beyond MAX_FORMS. */
export const NO_FORM = 255;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** Term strings by id. */
  readonly terms: string[] = [];
  /** The surface forms of each term, numbered in the order first seen (form 0 is the first). */
  readonly forms: string[][] = [];
  /** Document frequency by term id (live documents only). */
  df = new Int32Array(1024);

  get size(): number {
    return this.terms.length;
  }

  /** The id of `term`, or -1. Cost O(1). */
  get(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** The id of `term`, adding it with its first surface form `display` when new. Cost O(1) amortized. */
  intern(term: string, display: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.forms.push([display]);
      if (id >= this.df.length) {
        const next = new Int32Array(this.df.length * 2);
        next.set(this.df);
        this.df = next;
      }
    }
    return id;
  }

  /** True when term `id` is a canonical entity id rather than a word. Cost O(1). */
  isEntity(id: number): boolean {
    return (this.terms[id] as string).charCodeAt(0) === 1;
  }

  /**
   * The number of surface form `form` of term `id`, numbering it when new; NO_FORM once the term has
   * MAX_FORMS forms. Cost O(forms of the term) (a handful for a stem).
   */
  formCode(id: number, form: string): number {
    const forms = this.forms[id] as string[];
    const i = forms.indexOf(form);
    if (i >= 0) return i;
    if (forms.length >= MAX_FORMS) return NO_FORM;
    forms.push(form);
    return forms.length - 1;
  }

  /**
   * The label of term `id` as a document spells it (its form number `code`); entity ids without their
   * prefix. Undefined for NO_FORM. Cost O(1).
   */
  label(id: number, code = 0): string | undefined {
    const term = this.terms[id] as string;
    return term.charCodeAt(0) === 1 ? term.slice(1) : (this.forms[id] as string[])[code];
  }
}
