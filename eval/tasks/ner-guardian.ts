/**
 * `npm run eval -- ner-guardian [--data FILE] [--limit N]`: a cross-domain check of the NER model
 * (trained on 1996 Reuters) on Guardian world news from 2022. The Guardian's editor tags give, per
 * article, the people, places and organizations it is about; we count the share of those that the
 * recognizer finds anywhere in the article as a mention of the same type with the same text
 * (case-insensitive), for the NER model and for compromise. Only tags whose name occurs verbatim in the
 * article (case-insensitive) count: many tags use a form the text never writes ("Vladimir Putin" for an
 * article that says "Putin"), which no recognizer could match without resolution. Recall only:
 * articles name many things that are not tagged, so precision cannot be read from tags.
 */
import nlp from 'compromise';
import { createTagger } from '../../src/node.js';
import { createNerRecognizer } from '../../src/entities/ner/recognizer.js';
import type { EntityType } from '../../src/types.js';
import { datasetPath, loadJsonl } from '../datasets.js';
import type { EvalTask } from '../types.js';

const KINDS = [
  ['people', 'person'],
  ['places', 'place'],
  ['orgs', 'organization'],
] as const;

/** Share of `gold` names found in `found` (case-insensitive exact text), as counts. */
export function recallCounts(gold: readonly string[], found: ReadonlySet<string>): { gold: number; found: number } {
  const names = new Set(gold.map((g) => g.toLowerCase()));
  let hit = 0;
  for (const name of names) if (found.has(name)) hit++;
  return { gold: names.size, found: hit };
}

const fold = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

export const nerGuardianTask: EvalTask = {
  name: 'ner-guardian',
  description: 'NER recall of editor-tagged people/places/orgs on Guardian world news 2022, beside compromise',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'guardian', ctx.data);
    const docs = loadJsonl(path, ctx.limit);
    ctx.log(`ner-guardian: ${docs.length} articles from ${path}`);
    const tagger = createTagger();
    const recognizer = createNerRecognizer();
    let absent = 0;
    const ours = new Map<string, { gold: number; found: number }>();
    const peer = new Map<string, { gold: number; found: number }>();
    const add = (m: Map<string, { gold: number; found: number }>, key: string, c: { gold: number; found: number }) => {
      const e = m.get(key) ?? { gold: 0, found: 0 };
      e.gold += c.gold;
      e.found += c.found;
      m.set(key, e);
    };
    for (const doc of docs) {
      const analysis = tagger.analyzeText({ id: doc.id, title: doc.title, body: doc.body });
      const mentions = recognizer.recognize(analysis.tokens, analysis);
      const c = nlp(`${doc.title}\n${doc.body}`);
      const peerFound: Record<EntityType, Set<string>> = {
        person: new Set(c.people().out('array').map(fold)),
        place: new Set(c.places().out('array').map(fold)),
        organization: new Set(c.organizations().out('array').map(fold)),
        other: new Set(),
      };
      const text = fold(`${doc.title}\n${doc.body}`);
      for (const [field, type] of KINDS) {
        const all = doc[field] ?? [];
        const gold = all.filter((g) => text.includes(fold(g)));
        absent += all.length - gold.length;
        const found = new Set(mentions.filter((m) => m.type === type).map((m) => fold(m.text)));
        add(ours, type, recallCounts(gold, found));
        // compromise keeps trailing punctuation on some matches: strip it before comparing.
        add(peer, type, recallCounts(gold, new Set([...peerFound[type]].map((s) => s.replace(/[^\p{L}\p{N}]+$/u, '')))));
      }
    }
    const table = (m: Map<string, { gold: number; found: number }>) => {
      const out: Record<string, { gold: number; found: number; recall: number }> = {};
      let gold = 0;
      let found = 0;
      for (const [type, e] of m) {
        out[type] = { ...e, recall: e.gold === 0 ? 0 : (100 * e.found) / e.gold };
        gold += e.gold;
        found += e.found;
      }
      out['all'] = { gold, found, recall: gold === 0 ? 0 : (100 * found) / gold };
      return out;
    };
    return { file: path, articles: docs.length, tagsNotInText: absent, newsTagger: table(ours), compromise: table(peer) };
  },
  format(report) {
    const r = report as {
      file: string;
      articles: number;
      tagsNotInText: number;
      newsTagger: Record<string, { recall: number; gold: number }>;
      compromise: Record<string, { recall: number }>;
    };
    const cols = ['person', 'place', 'organization', 'all'];
    const row = (name: string, t: Record<string, { recall: number }>) =>
      `${name.padEnd(12)}${cols.map((c) => (t[c]?.recall ?? 0).toFixed(1).padStart(20)).join('')}`;
    return [
      `NER recall of editor tags on ${r.file} (${r.articles} articles): tagged name found as a mention of its type, exact text`,
      `${''.padEnd(12)}${cols.map((c) => `${c} (${r.newsTagger[c]?.gold ?? 0})`.padStart(20)).join('')}`,
      row('news-tagger', r.newsTagger),
      row('compromise', r.compromise),
      `(${r.tagsNotInText} tags whose name the article never writes verbatim are left out)`,
    ].join('\n');
  },
};
