/**
 * The formulas of the TF-IDF index, as pure functions with hand-computed tests
 * (test/corpus-weighting.test.ts). The index combines them as follows.
 *
 * For a term t of article d:
 *   count(t, d)  = sum over the tokens of t of the field weight (title 2, lede 1.5, body 1 by default),
 *                  plus the entity weight for a canonical entity id (1.5 x the given salience)
 *   tf(t, d)     = tfWeight(count)          sublinear: 1 + ln(count) for count >= 1 (count below 1 kept)
 *   idf(t)       = smoothIdf(df(t), N)      ln((1 + N) / (1 + df)) + 1, as scikit-learn's smooth_idf
 *   w(t, d)      = tf(t, d) * idf(t) ^ e     e = idfExponent, 0.35 by default (see idfWeight)
 *   vector(d)    = w(., d) / ||w(., d)||_2  (L2 norm), so the dot product of two vectors is their cosine
 *
 * The index stores tf (idf changes as the archive grows) and applies the current idf at query time;
 * the per-document norms are refreshed when the archive has changed by more than a tenth since they
 * were computed (see CorpusIndex), which keeps add() proportional to the article.
 */

/** Sublinear term frequency: `1 + ln(count)` for count >= 1, `count` itself below 1, 0 for 0. Cost O(1). */
export function tfWeight(count: number): number {
  if (!(count > 0)) return 0;
  return count < 1 ? count : 1 + Math.log(count);
}

/** Raw term frequency (the "no boosts" baseline): the count itself. Cost O(1). */
export function rawTfWeight(count: number): number {
  return count > 0 ? count : 0;
}

/**
 * Smoothed inverse document frequency: `ln((1 + n) / (1 + df)) + 1` (as if one extra document held
 * every term; never 0, so a term in every document still counts a little). Cost O(1).
 */
export function smoothIdf(df: number, n: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

/**
 * The idf the index applies to each side of the dot product: `smoothIdf(df, n) ^ exponent`. With the
 * default exponent 0.35 the cosine's numerator carries idf^0.7 instead of idf^2: rare names still
 * count more than common words, but no longer drown the topical words that two stories share
 * (exponent 1 -> 0.35 measured +5 points of same-topic precision@10 on Reuters and +1.7 MRR points on
 * NeuS; `npm run eval -- related`). exponent 1 is the textbook TF-IDF. Cost O(1).
 */
export function idfWeight(df: number, n: number, exponent: number): number {
  const idf = smoothIdf(df, n);
  return exponent === 1 ? idf : exponent === 0.5 ? Math.sqrt(idf) : Math.pow(idf, exponent);
}

/** Euclidean (L2) norm of `weights[0, length)`. Cost O(length). */
export function l2Norm(weights: ArrayLike<number>, length = weights.length): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const w = weights[i] as number;
    sum += w * w;
  }
  return Math.sqrt(sum);
}

/** Cosine from a dot product and two norms; 0 when either norm is 0. Cost O(1). */
export function cosine(dot: number, normA: number, normB: number): number {
  return normA > 0 && normB > 0 ? dot / (normA * normB) : 0;
}

/**
 * Recency factor: `0.5 ^ (ageDays / halfLifeDays)` for an article `ageDays` older than the reference
 * time; 1 for newer articles, for unknown dates (NaN age) and when halfLifeDays is not positive. Cost O(1).
 */
export function recencyFactor(ageDays: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0) || !(ageDays > 0)) return 1;
  return Math.pow(0.5, ageDays / halfLifeDays);
}

/**
 * Maximal marginal relevance (Carbonell and Goldstein 1998): `lambda * relevance - (1 - lambda) * maxSimilarity`,
 * where maxSimilarity is the candidate's highest cosine with the items already chosen. lambda = 1 is
 * pure relevance. Cost O(1).
 */
export function mmrScore(relevance: number, maxSimilarity: number, lambda: number): number {
  return lambda * relevance - (1 - lambda) * maxSimilarity;
}

/**
 * Entity-overlap boost: `1 + boost * shared / total`, where `shared` is the summed weight of the
 * query's entities that the candidate also has and `total` the summed weight of all the query's
 * entities. 1 when the query has no entities. Cost O(1).
 */
export function entityBoostFactor(shared: number, total: number, boost: number): number {
  if (!(total > 0) || !(boost > 0)) return 1;
  return 1 + (boost * Math.min(shared, total)) / total;
}

/**
 * "Moderately related" for Read Next: a tent that rises linearly from 0 at similarity 0 to 1 at
 * `target`, then falls linearly to `floor` at similarity 1 (a near-copy of the page is still a poor
 * next read). Cost O(1).
 */
export function moderation(similarity: number, target: number, floor = 0.2): number {
  if (!(similarity > 0)) return 0;
  if (similarity <= target) return similarity / target;
  const s = Math.min(similarity, 1);
  return 1 - ((1 - floor) * (s - target)) / (1 - target);
}
