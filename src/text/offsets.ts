/**
 * Offset maps: each text transformation (HTML stripping, Unicode folding) records anchors so that an
 * offset in its output can be mapped back to an offset in its input.
 *
 * Between two anchors the mapping is linear (the text was copied); a piece that was replaced by a
 * piece of another length maps every interior offset to the start of the replaced source span.
 */
import { isJsSpace, trimmedLength } from './chars.js';

export type OffsetMap = (offset: number) => number;

export const identityMap: OffsetMap = (offset) => offset;

/** Builds an output string from copied and replaced pieces, recording anchors as it goes. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  /** Output offsets where a run starts. */
  private readonly outPos: number[] = [];
  /** Source offsets where that run starts. */
  private readonly srcPos: number[] = [];
  /** Whether the run is a copy (linear) or a replacement (clamped to its start). */
  private readonly linear: boolean[] = [];

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
    this.outPos.push(this.length);
    this.srcPos.push(srcEnd);
    this.linear.push(true);
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
      // drop anchors that now point past the end
      while (this.outPos.length > 0 && (this.outPos[this.outPos.length - 1] as number) >= this.length) {
        this.outPos.pop();
        this.srcPos.pop();
        this.linear.pop();
      }
    }
  }

  build(sourceLength: number): { text: string; map: OffsetMap } {
    const text = this.parts.join('');
    const outPos = this.outPos.slice();
    const srcPos = this.srcPos.slice();
    const linear = this.linear.slice();
    const map: OffsetMap = (offset) => {
      if (outPos.length === 0) return Math.min(offset, sourceLength);
      // binary search: last anchor with outPos <= offset
      let lo = 0;
      let hi = outPos.length - 1;
      if (offset < (outPos[0] as number)) return Math.min(offset, sourceLength);
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((outPos[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      const base = srcPos[lo] as number;
      // the interior of a replaced piece maps to the start of what it replaced
      if (!linear[lo]) return base;
      const mapped = base + (offset - (outPos[lo] as number));
      const nextSrc = srcPos[lo + 1];
      return Math.min(mapped, nextSrc ?? sourceLength, sourceLength);
    };
    return { text, map };
  }

  private anchor(srcStart: number, linear: boolean): void {
    const n = this.outPos.length;
    if (n > 0 && linear && this.linear[n - 1]) {
      // extend the previous linear run when the copy is contiguous with it
      const prevOut = this.outPos[n - 1] as number;
      const prevSrc = this.srcPos[n - 1] as number;
      if (prevSrc + (this.length - prevOut) === srcStart) return;
    }
    this.outPos.push(this.length);
    this.srcPos.push(srcStart);
    this.linear.push(linear);
  }
}

/** Composes two maps: `outer` maps the final text to an intermediate one, `inner` that to the source. */
export function composeMaps(inner: OffsetMap, outer: OffsetMap): OffsetMap {
  if (outer === identityMap) return inner;
  if (inner === identityMap) return outer;
  return (offset) => inner(outer(offset));
}
