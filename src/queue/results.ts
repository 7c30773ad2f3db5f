/**
 * What is stored for a range of a chunk's records (the value of field "FROM-TO" in the chunk's
 * output hash), one of:
 *   - done:   the range was tagged; its `BatchOutcome` (ids, validity, failures, output bytes);
 *   - split:  the range kept killing workers (or failing); it was cut at `at` into two ranges;
 *   - failed: one record that kept killing workers, or a range whose job failed for good; its text
 *             rows go to the errors file with `reason`.
 * Results are deterministic (a row's outcome depends on the row and the job's options only), so a
 * range done twice stores the same value; the first stored wins (HSETNX).
 *
 * Encoding: one type byte ('D', 'S', 'F'); for 'D' a u32 length, that many bytes of JSON
 * { ids, valid, failures, ends }, then the output bytes; for 'S' the cut as decimal text; for 'F'
 * the reason as UTF-8.
 */
import type { BatchOutcome } from '../batch/job.js';

export type RangeResult = { kind: 'done'; outcome: BatchOutcome } | { kind: 'split'; at: number } | { kind: 'failed'; reason: string };

export function encodeResult(result: RangeResult): Buffer {
  if (result.kind === 'split') return Buffer.from(`S${result.at}`, 'latin1');
  if (result.kind === 'failed') return Buffer.concat([Buffer.from('F', 'latin1'), Buffer.from(result.reason, 'utf8')]);
  const { ids, valid, failures, ends, bytes } = result.outcome;
  const json = Buffer.from(JSON.stringify({ ids, valid: Array.from(valid), failures, ends: Array.from(ends) }), 'utf8');
  const head = Buffer.alloc(5);
  head.write('D', 0, 'latin1');
  head.writeUInt32LE(json.length, 1);
  return Buffer.concat([head, json, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
}

/** Decodes a stored result; undefined when the value is not one (a foreign or damaged key). */
export function decodeResult(value: Buffer): RangeResult | undefined {
  const type = value.subarray(0, 1).toString('latin1');
  if (type === 'S') {
    const at = Number(value.subarray(1).toString('latin1'));
    return Number.isInteger(at) && at > 0 ? { kind: 'split', at } : undefined;
  }
  if (type === 'F') return { kind: 'failed', reason: value.subarray(1).toString('utf8') };
  if (type !== 'D' || value.length < 5) return undefined;
  const length = value.readUInt32LE(1);
  try {
    const parsed = JSON.parse(value.subarray(5, 5 + length).toString('utf8')) as { ids: string[]; valid: number[]; failures: BatchOutcome['failures']; ends: number[] };
    const bytes = new Uint8Array(value.subarray(5 + length));
    return { kind: 'done', outcome: { ids: parsed.ids, valid: Uint8Array.from(parsed.valid), failures: parsed.failures, ends: Uint32Array.from(parsed.ends), bytes } };
  } catch {
    return undefined;
  }
}

/** The field of a range in its chunk's output hash. */
export function rangeField(from: number, to: number): string {
  return `${from}-${to}`;
}

/** Where a range is cut in two when it is split. */
export function splitPoint(from: number, to: number): number {
  return from + Math.floor((to - from) / 2);
}

/**
 * The results that cover records [from, to) of a chunk, in order, following splits; or the first
 * range with no result yet. `results` maps fields to decoded results.
 */
export function cover(results: ReadonlyMap<string, RangeResult>, from: number, to: number): { pieces: { from: number; to: number; result: RangeResult }[] } | { missing: { from: number; to: number } } {
  const pieces: { from: number; to: number; result: RangeResult }[] = [];
  const stack: [number, number][] = [[from, to]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const result = results.get(rangeField(a, b));
    if (result === undefined) return { missing: { from: a, to: b } };
    if (result.kind === 'split') {
      if (!(result.at > a && result.at < b)) return { missing: { from: a, to: b } };
      stack.push([result.at, b], [a, result.at]);
    } else pieces.push({ from: a, to: b, result });
  }
  return { pieces };
}
