/**
 * Triggers: for each tag, the entity or region section whose presence in an article best predicts the
 * tag ("UK news" and the United Kingdom, "Europe" and the Europe section, a series label and the group
 * it covers). A tag's trigger is a feature of the selection model (its salience in the article, and how
 * often editors gave the tag when it occurred), never a rule. O(archive tags x entities per article).
 */
import { REGION_FEATURE } from './features.js';
import type { DocData } from './types.js';

export interface Triggers {
  /** Per tag: its trigger (an entity key, or REGION_FEATURE + section), or ''. */
  ids: string[];
  /** Per tag: articles where the trigger occurs, and of those, articles with the tag. */
  present: Int32Array;
  tagged: Int32Array;
}

/** What occurs in an article as trigger ids, with their salience. */
export function occurrences(d: DocData): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of d.entities) if (e.score > 0) out.set(e.id, Math.max(out.get(e.id) ?? 0, e.score));
  for (const r of d.regions) out.set(REGION_FEATURE + r.region, r.score);
  return out;
}

/**
 * Picks each tag's trigger: the occurrence that maximizes (together / tag articles) * (together /
 * trigger articles), when they occur together in at least 2 articles and 30% of the tag's.
 */
export function fitTriggers(docs: readonly DocData[], tags: number, df: Int32Array): Triggers {
  const seen = new Map<string, number>();
  const together = new Map<string, number>();
  for (const d of docs) {
    const occ = occurrences(d);
    for (const id of occ.keys()) seen.set(id, (seen.get(id) ?? 0) + 1);
    for (const t of d.tags) for (const id of occ.keys()) together.set(`${t}\u0000${id}`, (together.get(`${t}\u0000${id}`) ?? 0) + 1);
  }
  const ids = new Array<string>(tags).fill('');
  const present = new Int32Array(tags);
  const tagged = new Int32Array(tags);
  const best = new Float64Array(tags);
  for (const [key, n] of together) {
    const at = key.indexOf('\u0000');
    const t = Number(key.slice(0, at));
    const id = key.slice(at + 1);
    const m = seen.get(id) as number;
    const dt = df[t] as number;
    if (n < 2 || n < 0.3 * dt) continue;
    const score = (n / dt) * (n / m);
    if (score > (best[t] as number) || (score === best[t] && id < (ids[t] as string))) {
      best[t] = score;
      ids[t] = id;
      present[t] = m;
      tagged[t] = n;
    }
  }
  return { ids, present, tagged };
}
