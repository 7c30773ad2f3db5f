/**
 * The compromise baseline for the tags task: its people(), places() and organizations() strings,
 * ranked by frequency in the article (title + body), top k, each string resolved to an id through the
 * same gazetteer alias lookup as the gold (so "Putin's" or "pyongyang." only count if the lookup
 * understands them; that is the point of the comparison).
 */
import { createRequire } from 'node:module';
import type { CompiledGazetteer } from '../src/entities/gazetteer.js';
import type { EntityType } from '../src/types.js';
import { goldId } from './entity-gold.js';

const require = createRequire(import.meta.url);

interface Doc {
  people(): { out(kind: 'array'): string[] };
  places(): { out(kind: 'array'): string[] };
  organizations(): { out(kind: 'array'): string[] };
}

let nlp: ((text: string) => Doc) | undefined;

export interface BaselineTag {
  id: string;
  type: EntityType;
  text: string;
  count: number;
}

/** compromise's entities of one article, ranked by frequency (ties: first seen), top `k`. */
export function compromiseTags(gazetteer: CompiledGazetteer, title: string, body: string, k: number): BaselineTag[] {
  nlp ??= require('compromise') as (text: string) => Doc;
  const doc = nlp(`${title}\n\n${body}`);
  const counts = new Map<string, BaselineTag>();
  const addAll = (items: string[], type: EntityType): void => {
    for (const raw of items) {
      const text = raw.trim();
      if (text.length === 0) continue;
      const key = `${type}|${text.toLowerCase()}`;
      const prev = counts.get(key);
      if (prev !== undefined) prev.count++;
      else counts.set(key, { id: goldId(gazetteer, text, type), type, text, count: 1 });
    }
  };
  addAll(doc.people().out('array'), 'person');
  addAll(doc.places().out('array'), 'place');
  addAll(doc.organizations().out('array'), 'organization');
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  const out: BaselineTag[] = [];
  const seen = new Set<string>();
  for (const t of ranked) {
    if (out.length >= k) break;
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    out.push(t);
  }
  return out;
}
