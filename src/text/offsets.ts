/**
 * Offset maps: each text transformation (HTML stripping, Unicode folding) records anchors so that an
 * offset in its output can be mapped back to an offset in its input.
 *
 * Between two anchors the mapping is linear (the text was copied); a piece that was replaced by a
 * piece of another length maps its start to the start of the replaced source span and every interior
 * offset to its end.
 */
import { isJsSpace, trimmedLength } from './chars.js';

export type OffsetMap = (offset: number) => number;

export const identityMap: OffsetMap = (offset) => offset;

/**
 * The anchors of a map, in typed arrays grown by doubling: 9 bytes an anchor, where three arrays of
 * numbers and booleans took 24 (a body of 1M ellipsis characters has 2M anchors).
 */
class Anchors {
  out = new Int32Array(16);
  src = new Int32Array(16);
  linear = new Uint8Array(16);
  size = 0;

  push(out: number, src: number, linear: boolean): void {
    if (this.size === this.out.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      const n = this.size * 2;
      this.out = grow(this.out, new Int32Array(n));
      this.src = grow(this.src, new Int32Array(n));
      this.linear = grow(this.linear, new Uint8Array(n));
    }
    this.out[this.size] = out;
    this.src[this.size] = src;
    this.linear[this.size] = linear ? 1 : 0;
    this.size++;
  }
}

/** Builds an output string from copied and replaced pieces, recording anchors as it goes. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  /** Where runs start (output and source offsets), and whether each is a copy (linear) or a replacement (clamped to its start). */
  private readonly anchors = new Anchors();

  /** Appends `source.slice(start, end)` unchanged. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    this.anchor(start, true);
    this.parts.push(source.slice(start, end));
    this.length += end - start;
  }

  /** Appends `text` in place of the source span `[srcStart, srcEnd)`. */
  replace(text: string, srcStart: number, srcEnd: number): void {
    if (text.length === 0) return;
    if (text.length === srcEnd - srcStart) {
      // same length: offsets stay linear through the substitution
      this.anchor(srcStart, true);
      this.parts.push(text);
      this.length += text.length;
      return;
    }
    this.anchor(srcStart, false);
    this.parts.push(text);
    this.length += text.length;
    // resume linear mapping right after the replaced piece
    this.anchors.push(this.length, srcEnd, true);
  }

  /** The source offset right after what was written last (0 before anything was written). */
  get sourceEnd(): number {
    const a = this.anchors;
    const n = a.size;
    if (n === 0) return 0;
    const src = a.src[n - 1] as number;
    return a.linear[n - 1] === 1 ? src + (this.length - (a.out[n - 1] as number)) : src;
  }

  get outputLength(): number {
    return this.length;
  }

  /** The last character written, or '' when nothing was. */
  lastChar(): string {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? '' : last.charAt(last.length - 1);
  }

  /** True when the output written so far ends with `suffix` (up to a few characters). */
  endsWith(suffix: string): boolean {
    let tail = '';
    for (let i = this.parts.length - 1; i >= 0 && tail.length < suffix.length; i--) tail = (this.parts[i] as string) + tail;
    return tail.endsWith(suffix);
  }

  /** Removes trailing spaces/newlines written last (for trimming), keeping anchors consistent. */
  trimEnd(): void {
    const anchors = this.anchors;
    while (this.parts.length > 0) {
      const i = this.parts.length - 1;
      const part = this.parts[i] as string;
      const keep = trimmedLength(part, isJsSpace);
      const trimmed = keep === part.length ? part : part.slice(0, keep);
      this.length -= part.length - trimmed.length;
      if (trimmed.length > 0) {
        this.parts[i] = trimmed;
        return;
      }
      this.parts.pop();
      // drop anchors that now point past the end, and a replaced piece that was trimmed away whole; the
      // linear anchor that resumes copying at the end stays: it maps the end offset of the last word,
      // which once fell back to the start of a character reference before it
      while (
        anchors.size > 0 &&
        ((anchors.out[anchors.size - 1] as number) > this.length ||
          ((anchors.out[anchors.size - 1] as number) === this.length && anchors.linear[anchors.size - 1] === 0))
      ) {
        anchors.size--;
      }
    }
  }

  build(sourceLength: number): { text: string; map: OffsetMap } {
    const text = this.parts.join('');
    const n = this.anchors.size;
    const outPos = this.anchors.out.slice(0, n);
    const srcPos = this.anchors.src.slice(0, n);
    const linear = this.anchors.linear.slice(0, n);
    const map: OffsetMap = (offset) => {
      if (n === 0) return Math.min(offset, sourceLength);
      // binary search: last anchor with outPos <= offset
      let lo = 0;
      let hi = n - 1;
      if (offset < (outPos[0] as number)) return Math.min(offset, sourceLength);
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((outPos[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      const base = srcPos[lo] as number;
      // the interior of a replaced piece maps to the end of what it replaced: the pieces longer than
      // their source are a character and the marks it decomposes into ("\u0a36" -> "\u0a38\u0a3c"),
      // where a number or symbol token ends before the mark, and "\u2026" -> "...", whose dots hold
      // no letters either way
      if (linear[lo] === 0) return offset === (outPos[lo] as number) || lo + 1 >= n ? base : (srcPos[lo + 1] as number);
      const mapped = base + (offset - (outPos[lo] as number));
      const nextSrc = lo + 1 < n ? (srcPos[lo + 1] as number) : sourceLength;
      return Math.min(mapped, nextSrc, sourceLength);
    };
    return { text, map };
  }

  private anchor(srcStart: number, linear: boolean): void {
    const a = this.anchors;
    const n = a.size;
    if (n > 0 && linear && a.linear[n - 1] === 1) {
      // extend the previous linear run when the copy is contiguous with it
      if ((a.src[n - 1] as number) + (this.length - (a.out[n - 1] as number)) === srcStart) return;
    }
    a.push(this.length, srcStart, linear);
  }
}

/** Composes two maps: `outer` maps the final text to an intermediate one, `inner` that to the source. */
export function composeMaps(inner: OffsetMap, outer: OffsetMap): OffsetMap {
  if (outer === identityMap) return inner;
  if (inner === identityMap) return outer;
  return (offset) => inner(outer(offset));
}
