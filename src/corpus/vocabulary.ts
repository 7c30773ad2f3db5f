/**
 * The term dictionary of a corpus index: term string <-> short numeric id, the document frequency of
 * each term, and a display form for explanations ("elections" for the stem "elect"). Entity ids are
 * terms too, marked by a leading U+0001 so that no word can collide with them.
 */

/** Prefix of entity-id terms. */
export const ENTITY_PREFIX = '\u0001';

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** Term strings by id. */
  readonly terms: string[] = [];
  /** A surface form of each term (the first one seen), for "why" explanations. */
  readonly display: string[] = [];
  /** Document frequency by term id (live documents only). */
  df = new Int32Array(1024);

  get size(): number {
    return this.terms.length;
  }

  /** The id of `term`, or -1. Cost O(1). */
  get(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** The id of `term`, adding it when new. Cost O(1) amortized. */
  intern(term: string, display: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.display.push(display);
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

  /** The label shown for term `id` in explanations (entity ids without their prefix). Cost O(1). */
  label(id: number): string {
    const term = this.terms[id] as string;
    return term.charCodeAt(0) === 1 ? term.slice(1) : (this.display[id] as string);
  }
}
