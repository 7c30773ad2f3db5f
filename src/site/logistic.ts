/**
 * A small dense logistic regression (the selection model that turns a candidate tag's features into a
 * probability), fitted by Newton's method with an L2 penalty (the bias is not penalized), and the
 * choice of a decision threshold that maximizes micro-F1. Pure functions with hand-checked tests.
 */

/** The logistic function. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Dot product of weights with a feature row. */
export function linear(w: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += (w[i] as number) * (x[i] as number);
  return s;
}

/** Solves A x = b in place (Gaussian elimination with partial pivoting); A is n*n row-major. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c] as number) > Math.abs(a[p * n + c] as number)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[p * n + k]] = [a[p * n + k] as number, a[c * n + k] as number];
      [b[c], b[p]] = [b[p] as number, b[c] as number];
    }
    const d = a[c * n + c] as number;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const f = (a[r * n + c] as number) / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] = (a[r * n + k] as number) - f * (a[c * n + k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let k = r + 1; k < n; k++) s -= (a[r * n + k] as number) * (x[k] as number);
    const d = a[r * n + r] as number;
    x[r] = Math.abs(d) < 1e-12 ? 0 : s / d;
  }
  return x;
}

/**
 * Fits weights for rows `x` (feature 0 is the bias, 1 on every row) and labels `y` (0/1), minimizing
 * log-loss + lambda/2 * |w without bias|^2. O(iterations * rows * features^2).
 */
export function fitLogistic(x: readonly Float64Array[], y: ArrayLike<number>, lambda: number, iterations = 25): Float64Array {
  const f = x[0]?.length ?? 1;
  const w = new Float64Array(f);
  for (let it = 0; it < iterations; it++) {
    const h = new Float64Array(f * f);
    const g = new Float64Array(f);
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as Float64Array;
      const p = sigmoid(linear(w, row));
      const err = p - (y[i] as number);
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < f; a++) {
        const ra = row[a] as number;
        if (ra === 0) continue;
        g[a] = (g[a] as number) + err * ra;
        for (let b = 0; b < f; b++) h[a * f + b] = (h[a * f + b] as number) + s * ra * (row[b] as number);
      }
    }
    for (let a = 1; a < f; a++) {
      g[a] = (g[a] as number) + lambda * (w[a] as number);
      h[a * f + a] = (h[a * f + a] as number) + lambda;
    }
    h[0] = (h[0] as number) + 1e-9;
    const step = solve(h, g, f);
    let change = 0;
    for (let a = 0; a < f; a++) {
      w[a] = (w[a] as number) - (step[a] as number);
      change = Math.max(change, Math.abs(step[a] as number));
    }
    if (change < 1e-6) break;
  }
  return w;
}

/**
 * The threshold on probabilities that maximizes micro-F1, with `missed` gold labels that no candidate
 * covers counted as false negatives, and `fixed` predictions decided elsewhere (another kind's, at its
 * own threshold: their true positives and count) added to every choice. Returns the threshold and the
 * F1 it reaches (a threshold of 1 keeps none of these candidates). O(n log n).
 */
export function bestThreshold(p: ArrayLike<number>, y: ArrayLike<number>, missed: number, fixed = { tp: 0, predicted: 0 }): { threshold: number; f1: number } {
  const order = [...Array(p.length).keys()].sort((a, b) => (p[b] as number) - (p[a] as number));
  let positives = missed;
  for (let i = 0; i < y.length; i++) positives += y[i] as number;
  const f1Of = (tp: number, predicted: number): number => (positives + predicted === 0 ? 0 : (2 * tp) / (predicted + positives));
  let tp = fixed.tp;
  let best = { threshold: 1, f1: f1Of(fixed.tp, fixed.predicted) };
  for (let r = 0; r < order.length; r++) {
    tp += y[order[r] as number] as number;
    const next = r + 1 < order.length ? (p[order[r + 1] as number] as number) : -1;
    const here = p[order[r] as number] as number;
    if (next === here) continue;
    const f1 = positives === 0 ? 0 : f1Of(tp, fixed.predicted + r + 1);
    if (f1 > best.f1) best = { threshold: (here + Math.max(next, 0)) / 2, f1 };
  }
  return best;
}
