/**
 * Hostile index files: valid magic, version and a recomputed checksum, so the damage is what a buggy
 * or malicious writer makes, not bit rot. Every file must either load into an index whose queries,
 * saves and updates work (finite scores), or throw a NewsTaggerError. Articles written for this project.
 */
import { describe, expect, it } from 'vitest';
import { indexChecksum } from '../src/corpus/serialize.js';
import { createCorpusIndex, isNewsTaggerError, loadCorpusIndex, type CorpusIndex } from '../src/index.js';
import { random } from '../scripts/lib/synthetic-archive.js';

const ARTICLES = [
  { id: 'harbour-1', title: 'Harbour cranes stop as dockers strike in Valparaíso', body: 'Dockers in Valparaíso stopped the cranes on Monday over pay; the port authority said ships would wait.', date: '2024-05-02', section: 'Business', lang: 'en' },
  { id: 'harbour-2', title: 'Port authority offers dockers a new pay deal', body: 'The port authority of Valparaíso offered the dockers a pay rise of four percent; the union will vote on Friday.', date: '2024-05-04', section: 'Business', lang: 'en' },
  { id: 'flood-1', title: 'River floods the old town of Passau', body: 'The Danube and the Inn rose above the quays of Passau overnight; the old town was evacuated.', date: '2024-06-03', section: 'World' },
  { id: 'flood-2', title: 'Passau counts the cost of the flood', body: 'Shop owners in the old town of Passau said the flood left mud a metre deep.', section: 'World' },
  { id: 'chess-1', title: 'Teenager wins the national chess title', body: 'A fifteen-year-old from Tartu won the national chess title after a tense final round.', date: '2024-02-11', section: 'Sport', lang: 'et' },
  { id: 'chess-2', title: 'Tartu club celebrates its young chess champion', body: 'The chess club of Tartu gave its young champion a cake shaped like a rook.', date: '2024-02-13', section: 'Sport', lang: 'et' },
];

function validIndexBytes(): Uint8Array {
  const index = createCorpusIndex();
  index.addAll(ARTICLES);
  index.related('harbour-1'); // computes and stores some densities
  return index.save();
}

/** Rewrites the checksum so that the file passes the integrity check. */
function seal(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(8, indexChecksum(bytes), true);
  return bytes;
}

const pad = (n: number, to: number): number => Math.ceil(n / to) * to;

/** A file with this header (JSON text) and these binary bytes, laid out like `save()` does. */
function assemble(original: Uint8Array, json: string, binary: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(json);
  const binStart = pad(16 + head.length, 8);
  const bytes = new Uint8Array(pad(binStart + binary.length, 4));
  bytes.set(original.subarray(0, 8));
  new DataView(bytes.buffer).setUint32(12, head.length, true);
  bytes.set(head, 16);
  bytes.set(binary, binStart);
  return seal(bytes);
}

const HOSTILE_VALUES: unknown[] = [null, -1, 0, 1, 2.5, 1e15, -1e15, '1e999', 'x', '', '__proto__', true, [], [null], ['a', 'a'], {}, { a: 1 }, 'NaN'];

/** One damaged copy of `valid`, chosen by the random source `r`. */
function damage(valid: Uint8Array, r: () => number): Uint8Array {
  const view = new DataView(valid.buffer, valid.byteOffset, valid.byteLength);
  const jsonLength = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(valid.subarray(16, 16 + jsonLength))) as Record<string, unknown>;
  const binary = valid.slice(pad(16 + jsonLength, 8));
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const kind = Math.floor(r() * 6);
  if (kind === 0) {
    // a header field replaced, removed, or the whole header replaced
    const key = pick([...Object.keys(header), 'whole']);
    const value = pick(HOSTILE_VALUES);
    if (key === 'whole') return assemble(valid, JSON.stringify(value) ?? 'null', binary);
    if (r() < 0.2) delete header[key];
    else header[key] = value;
    return assemble(valid, JSON.stringify(header).replace(/"1e999"/g, '1e999').replace(/"NaN"/g, 'NaN'), binary);
  }
  if (kind === 1) {
    // one element of a header list replaced, dropped or repeated
    const key = pick(['termList', 'forms', 'ids', 'titles', 'sections', 'langs']);
    // the forms are a list of lists: damage one term's list, or the outer list
    const outer = header[key] as unknown[];
    const inner = key === 'forms' && r() < 0.5 ? outer[Math.floor(r() * Math.max(1, outer.length))] : undefined;
    const list = (Array.isArray(inner) ? inner : outer) as unknown[];
    const i = Math.floor(r() * Math.max(1, list.length));
    const op = Math.floor(r() * 3);
    if (op === 0) list[i] = pick(HOSTILE_VALUES);
    else if (op === 1) list.splice(i, 1);
    else list.push(list[i] ?? 'extra');
    return assemble(valid, JSON.stringify(header).replace(/"1e999"/g, '1e999'), binary);
  }
  if (kind === 2) {
    // the saved options: one option replaced, or the whole string
    const options = JSON.parse(header.options as string) as Record<string, unknown>;
    const key = pick([...Object.keys(options), 'whole']);
    header.options = key === 'whole' ? pick(['null', '{}', '[]', '"x"', '1', '{"tf":"raw"']) : JSON.stringify({ ...options, [key]: pick(HOSTILE_VALUES) });
    if (r() < 0.5) header.fingerprint = fnv(header.options as string); // a writer that also fixes the fingerprint
    return assemble(valid, JSON.stringify(header), binary);
  }
  if (kind === 3 && r() < 0.25) {
    // a posting's form number (one byte after the term numbers and weights)
    const out = valid.slice();
    const n = header.documents as number;
    const postings = header.postings as number;
    const at = pad(16 + jsonLength, 8) + 28 * n + 8 * postings + Math.floor(r() * postings);
    out[at] = pick([1, 2, 7, 200, 254, 255]);
    return seal(out);
  }
  if (kind === 3) {
    // a number in the binary part: a date, section, language, length, density, term, weight or form
    const out = valid.slice();
    const at = pad(16 + jsonLength, 8) + 4 * Math.floor((r() * binary.length) / 4);
    const special = pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 1e30, -0, 2 ** 31 - 1, -(2 ** 31), 3]);
    const dv = new DataView(out.buffer);
    if (r() < 0.5) dv.setFloat32(at, special, true);
    else if (r() < 0.5 && at + 8 <= out.length) dv.setFloat64(at - (at % 8), special, true);
    else dv.setInt32(at, Number.isFinite(special) ? special | 0 : -2, true);
    return seal(out);
  }
  if (kind === 4) {
    // random byte flips anywhere after the checksum
    const out = valid.slice();
    const flips = 1 + Math.floor(r() * 4);
    for (let f = 0; f < flips; f++) {
      const at = 12 + Math.floor(r() * (out.length - 12));
      out[at] = (out[at] as number) ^ (1 + Math.floor(r() * 255));
    }
    return seal(out);
  }
  // truncated or with junk appended
  const cut = r() < 0.5;
  const out = cut ? valid.slice(0, 16 + Math.floor(r() * (valid.length - 16))) : new Uint8Array([...valid, ...Array.from({ length: 1 + Math.floor(r() * 16) }, () => Math.floor(r() * 256))]);
  return seal(out);
}

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Uses a loaded index the ways a site would; throws what they throw. */
function exercise(index: CorpusIndex): void {
  for (const id of index.ids()) {
    for (const list of [index.related(id, { k: 3 }), index.related(id, { k: 3, exact: true, halfLifeDays: 30, section: 'same' }), index.readNext(id, { k: 2 })]) {
      for (const r of list) if (!Number.isFinite(r.score) || !Number.isFinite(r.similarity)) throw new Error(`score ${r.score} for ${r.id}`);
    }
  }
  index.related({ id: 'draft', title: 'Dockers vote on the pay deal', body: 'The union of dockers in Valparaíso votes on Friday.' });
  loadCorpusIndex(index.save());
  index.add({ id: 'new-1', title: 'Floods reach the quays', body: 'The river rose again in Passau.' });
  const first = index.ids()[0];
  if (first !== undefined) index.remove(first);
  index.vacuum();
}

describe('hostile index files', () => {
  const valid = validIndexBytes();

  it('throws INDEX_CORRUPT, not a TypeError or RangeError, for the cases found by hand', () => {
    const view = new DataView(valid.buffer, valid.byteOffset, valid.byteLength);
    const jsonLength = view.getUint32(12, true);
    const header = JSON.parse(new TextDecoder().decode(valid.subarray(16, 16 + jsonLength))) as Record<string, unknown>;
    const binary = valid.slice(pad(16 + jsonLength, 8));
    const withHeader = (change: Record<string, unknown> | null): Uint8Array => assemble(valid, JSON.stringify(change === null ? null : { ...header, ...change }), binary);
    const n = header.documents as number;
    const binStart = pad(16 + jsonLength, 8);
    const withNumber = (at: number, set: (dv: DataView) => void): Uint8Array => {
      const out = valid.slice();
      set(new DataView(out.buffer, at));
      return seal(out);
    };
    const cases: [string, Uint8Array][] = [
      ['null header', withHeader(null)],
      ['options "null"', withHeader({ options: 'null', fingerprint: fnv('null') })],
      ['options "{}"', withHeader({ options: '{}', fingerprint: fnv('{}') })],
      ['postings 1e15', withHeader({ postings: 1e15 })],
      ['ids not unique', withHeader({ ids: [...(header.ids as string[]).slice(1), (header.ids as string[])[1]] })],
      ['an id that is a number', withHeader({ ids: [7, ...(header.ids as string[]).slice(1)] })],
      ['dates[0] = Infinity', withNumber(binStart, (dv) => dv.setFloat64(0, Number.POSITIVE_INFINITY, true))],
      ['tf[0] = NaN', withNumber(binStart + 28 * n + 4 * (header.postings as number), (dv) => dv.setFloat32(0, Number.NaN, true))],
      ['density[0] = Infinity', withNumber(binStart + 20 * n, (dv) => dv.setFloat32(0, Number.POSITIVE_INFINITY, true))],
    ];
    for (const [name, bytes] of cases) {
      let error: unknown;
      try {
        loadCorpusIndex(bytes);
      } catch (e) {
        error = e;
      }
      expect(isNewsTaggerError(error, 'INDEX_CORRUPT') ? 'INDEX_CORRUPT' : String(error), name).toBe('INDEX_CORRUPT');
    }
  });

  it('10,000 generated hostile files give 0 outcomes other than a NewsTaggerError or a working index', () => {
    const r = random(17);
    const outcomes = new Map<string, number>();
    const strays: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const bytes = damage(valid, r);
      let outcome: string;
      try {
        exercise(loadCorpusIndex(bytes));
        outcome = 'loaded';
      } catch (error) {
        outcome = isNewsTaggerError(error) ? error.code : 'other';
        if (outcome === 'other' && strays.length < 5) strays.push(String((error as Error)?.stack ?? error));
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(strays).toEqual([]);
    expect(outcomes.get('other') ?? 0).toBe(0);
    // the generator must mostly make files that are refused, and some that still load
    expect(outcomes.get('INDEX_CORRUPT') ?? 0).toBeGreaterThan(5_000);
    expect(outcomes.get('loaded') ?? 0).toBeGreaterThan(0);
  });
});
