/**
 * Hierarchical word clusters from unlabeled text, in the spirit of Brown clusters but fast enough to
 * compute here in seconds: each frequent word is described by the words seen directly before and after
 * it (positive pointwise mutual information over the most frequent context words, separately for the
 * left and the right side), and the words are split in two again and again by spherical 2-means.
 * A word's path of left (0) / right (1) choices is its cluster; a prefix of the path is a coarser
 * cluster, as with Brown's bit strings.
 *
 * Deterministic: integer counting, then floating-point arithmetic in a fixed order, with ties broken
 * by word rank (frequency, then code-unit order). No randomness. Cost: O(tokens) for counting, then
 * O(words x contexts per word x iterations) per tree level.
 */

export interface ClusterOptions {
  /** Words seen fewer times are left out. */
  minCount: number;
  /** Most frequent words (by rank) used as left and right context features. */
  contexts: number;
  /** Longest path, in bits (at most 15, so that a path with its leading 1 fits 16 bits). */
  maxDepth: number;
  /** A cluster with fewer words is not split further. */
  minSize: number;
  /** 2-means iterations per split. */
  iterations: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { minCount: 5, contexts: 2000, maxDepth: 14, minSize: 8, iterations: 8 };

/** A word with its path ('0'/'1' string) and count. */
export interface ClusteredWord {
  word: string;
  path: string;
  count: number;
}

/** Counts words over a stream of sentences (arrays of already normalized words). */
export class CorpusCounter {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = ['<S>'];
  private counts: Float64Array<ArrayBuffer> = new Float64Array(1024);
  /** The corpus as word ids, sentences separated by 0 (the boundary). */
  private stream = new Int32Array(1 << 20);
  private length = 1;

  addSentence(words: readonly string[]): void {
    for (const w of words) {
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.words.length;
        this.ids.set(w, id);
        this.words.push(w);
        if (id >= this.counts.length) this.counts = grow(this.counts, id + 1);
      }
      this.counts[id]!++;
      this.push(id);
    }
    this.push(0);
  }

  private push(id: number): void {
    if (this.length >= this.stream.length) {
      const next = new Int32Array(this.stream.length * 2);
      next.set(this.stream);
      this.stream = next;
    }
    this.stream[this.length++] = id;
  }

  get tokens(): number {
    return this.length;
  }

  /** Clusters every word seen at least `minCount` times. */
  cluster(options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): ClusteredWord[] {
    const n = this.words.length;
    // Rank words by count (descending), then by code-unit order: a deterministic order.
    const order = Array.from({ length: n - 1 }, (_, i) => i + 1).sort(
      (a, b) => this.counts[b]! - this.counts[a]! || (this.words[a]! < this.words[b]! ? -1 : 1),
    );
    const rank = new Int32Array(n).fill(-1);
    order.forEach((id, r) => (rank[id] = r));
    const vocab = order.filter((id) => this.counts[id]! >= options.minCount);
    const row = new Int32Array(n).fill(-1);
    vocab.forEach((id, r) => (row[id] = r));
    // Context feature of a neighbour: its rank when among the `contexts` most frequent, the boundary last.
    const ctxOf = (id: number): number => (id === 0 ? options.contexts : rank[id]! < options.contexts ? rank[id]! : -1);
    const dims = 2 * (options.contexts + 1);
    const vectors = this.contextVectors(vocab.length, row, ctxOf, dims);
    const paths = splitTree(vectors, dims, options);
    return vocab.map((id, r) => ({ word: this.words[id]!, path: paths[r]!, count: this.counts[id]! }));
  }

  /** PPMI context vectors (sparse, L2-normalized): left contexts in [0, C], right ones in [C+1, 2C+1]. */
  private contextVectors(rows: number, row: Int32Array, ctxOf: (id: number) => number, dims: number): SparseRows {
    const half = dims / 2;
    // Counting sort of (row, feature) pairs.
    const perRow = new Int32Array(rows + 1);
    const s = this.stream;
    for (let i = 1; i < this.length - 1; i++) {
      const r = row[s[i]!]!;
      if (r < 0) continue;
      if (ctxOf(s[i - 1]!) >= 0) perRow[r + 1]!++;
      if (ctxOf(s[i + 1]!) >= 0) perRow[r + 1]!++;
    }
    for (let r = 0; r < rows; r++) perRow[r + 1]! += perRow[r]!;
    const feats = new Int32Array(perRow[rows]!);
    const fill = perRow.slice(0, rows);
    for (let i = 1; i < this.length - 1; i++) {
      const r = row[s[i]!]!;
      if (r < 0) continue;
      const left = ctxOf(s[i - 1]!);
      const right = ctxOf(s[i + 1]!);
      if (left >= 0) feats[fill[r]!++] = left;
      if (right >= 0) feats[fill[r]!++] = half + right;
    }
    // Per row: sorted features -> (feature, count); feature totals for PMI.
    const starts: number[] = [0];
    const index: number[] = [];
    const counts: number[] = [];
    const featureTotal = new Float64Array(dims);
    for (let r = 0; r < rows; r++) {
      const part = feats.subarray(perRow[r]!, perRow[r + 1]!).sort();
      for (let k = 0; k < part.length; ) {
        let j = k;
        while (j < part.length && part[j] === part[k]) j++;
        index.push(part[k]!);
        counts.push(j - k);
        featureTotal[part[k]!]! += j - k;
        k = j;
      }
      starts.push(index.length);
    }
    let total = 0;
    for (let f = 0; f < dims; f++) total += featureTotal[f]!;
    // Context distribution smoothing (alpha 0.75), as in Levy, Goldberg and Dagan (2015).
    let smoothTotal = 0;
    const smooth = new Float64Array(dims);
    for (let f = 0; f < dims; f++) smoothTotal += (smooth[f] = Math.pow(featureTotal[f]!, 0.75));
    const values = new Float64Array(index.length);
    for (let r = 0; r < rows; r++) {
      let rowTotal = 0;
      for (let k = starts[r]!; k < starts[r + 1]!; k++) rowTotal += counts[k]!;
      let norm = 0;
      for (let k = starts[r]!; k < starts[r + 1]!; k++) {
        const pmi = Math.log((counts[k]! / rowTotal) / (smooth[index[k]!]! / smoothTotal));
        const v = pmi > 0 ? pmi : 0;
        values[k] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let k = starts[r]!; k < starts[r + 1]!; k++) values[k]! /= norm;
    }
    void total;
    return { starts: Int32Array.from(starts), index: Int32Array.from(index), values };
  }
}

interface SparseRows {
  starts: Int32Array;
  index: Int32Array;
  values: Float64Array;
}

function grow(a: Float64Array, min: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

function dot(rows: SparseRows, r: number, centroid: Float64Array): number {
  let s = 0;
  for (let k = rows.starts[r]!; k < rows.starts[r + 1]!; k++) s += rows.values[k]! * centroid[rows.index[k]!]!;
  return s;
}

/**
 * Splits the rows top-down by spherical 2-means. Returns each row's path. Rows are in rank order, so
 * the initial centroids (the most frequent row, and the row least similar to it) are deterministic.
 */
function splitTree(rows: SparseRows, dims: number, options: ClusterOptions): string[] {
  const n = rows.starts.length - 1;
  const paths = new Array<string>(n).fill('');
  const queue: { members: Int32Array; path: string }[] = [{ members: Int32Array.from({ length: n }, (_, i) => i), path: '' }];
  const a = new Float64Array(dims);
  const b = new Float64Array(dims);
  while (queue.length > 0) {
    const { members, path } = queue.shift()!;
    if (members.length < options.minSize || path.length >= options.maxDepth) {
      for (const r of members) paths[r] = path;
      continue;
    }
    const side = bisect(rows, members, a, b, options.iterations);
    const left = members.filter((_, i) => side[i] === 0);
    const right = members.filter((_, i) => side[i] === 1);
    if (left.length === 0 || right.length === 0) {
      for (const r of members) paths[r] = path;
      continue;
    }
    queue.push({ members: left, path: `${path}0` }, { members: right, path: `${path}1` });
  }
  return paths;
}

/** Spherical 2-means over `members`; returns 0/1 per member. */
function bisect(rows: SparseRows, members: Int32Array, a: Float64Array, b: Float64Array, iterations: number): Uint8Array {
  const setCentroid = (c: Float64Array, r: number) => {
    c.fill(0);
    for (let k = rows.starts[r]!; k < rows.starts[r + 1]!; k++) c[rows.index[k]!] = rows.values[k]!;
  };
  setCentroid(a, members[0]!);
  let far = members[members.length - 1]!;
  let farSim = Infinity;
  for (const r of members) {
    const sim = dot(rows, r, a);
    if (sim < farSim) {
      farSim = sim;
      far = r;
    }
  }
  setCentroid(b, far);
  const side = new Uint8Array(members.length);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    members.forEach((r, i) => {
      const s = dot(rows, r, a) >= dot(rows, r, b) ? 0 : 1;
      if (s !== side[i] || it === 0) changed++;
      side[i] = s;
    });
    if (changed === 0) break;
    a.fill(0);
    b.fill(0);
    members.forEach((r, i) => {
      const c = side[i] === 0 ? a : b;
      for (let k = rows.starts[r]!; k < rows.starts[r + 1]!; k++) c[rows.index[k]!]! += rows.values[k]!;
    });
    normalize(a);
    normalize(b);
  }
  return side;
}

function normalize(v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  s = Math.sqrt(s);
  if (s > 0) for (let i = 0; i < v.length; i++) v[i]! /= s;
}

/** Text form of the table: a comment header, then one line per cluster, `path<TAB>word word ...`. */
export function formatClusterTable(words: readonly ClusteredWord[], header: readonly string[]): string {
  const byPath = new Map<string, string[]>();
  for (const w of words) {
    let list = byPath.get(w.path);
    if (list === undefined) byPath.set(w.path, (list = []));
    list.push(w.word);
  }
  const paths = [...byPath.keys()].sort();
  return [...header.map((h) => `# ${h}`), ...paths.map((p) => `${p === '' ? '-' : p}\t${byPath.get(p)!.join(' ')}`)].join('\n') + '\n';
}

/** Reads the text form back: word -> path ('0'/'1' string). */
export function parseClusterTable(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const path = line.slice(0, tab) === '-' ? '' : line.slice(0, tab);
    for (const word of line.slice(tab + 1).split(' ')) if (word !== '') out.set(word, path);
  }
  return out;
}
