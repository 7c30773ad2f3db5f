/**
 * `npm run train:ner`: trains the NER model on CoNLL-2003 eng.train minus its held-out part (every
 * tenth document, see `splitHeldOut`), keeps the epoch that scores best on the held-out part, and
 * writes src/entities/ner/model.generated.ts. eng.testa is never read: it is the final, untuned check
 * (`npm run eval -- ner`). Deterministic (fixed seed): `npm run train:ner -- --check` exits 1 when
 * the shipped model differs from what training gives.
 *
 * Env: NEWS_TAGGER_SHARED (default <repo>/../shared). Flags: --train FILE (any CoNLL-format file, IOB1
 * or IOB2, word first and tag last), --dev FILE (select on this file instead of the held-out part),
 * --epochs N, --seed N, --augment P, --prune X, --out FILE (default the generated module; a name
 * ending in .bin writes the binary model), --dry, --check, --lists FILE (gazetteer JSON for the
 * name-list and phrase features, default data/generated/gazetteer.json when present), --no-lists,
 * --clusters FILE (default data/generated/word-clusters.txt), --no-clusters, --prefixes 4,8,12
 * (cluster prefix lengths), --cluster-context N, --doc-context 0|1, --phrase-words N, --results-doc 0|1, --capital-runs 0|1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConll, splitHeldOut } from '../src/entities/ner/conll.js';
import { trainNer } from '../src/entities/ner/train.js';
import { encodeModel, toBase64 } from '../src/entities/ner/model-format.js';
import { buildClusterTable, buildNameLists, buildPhrases, type NameListEntry } from '../src/entities/ner/name-lists.js';
import type { FeatureOptions } from '../src/entities/ner/features.js';
import { parseClusterTable } from './lib/word-clusters.js';
import { REPO_ROOT, flagReader, sharedFolder } from './lib/script-env.js';

/**
 * The shipped feature settings, chosen on the held-out part of eng.train (see README, "Named-entity
 * recognition").
 */
const CHOSEN: FeatureOptions = { clusterPrefixes: [4, 8, 12, 16], clusterContext: 8, documentContext: false, phraseWords: 0, resultsDocument: false, capitalRuns: true };

const root = REPO_ROOT;
const shared = sharedFolder();
const args = process.argv.slice(2);
const flag = flagReader(args);

const trainPath = resolve(flag('train', resolve(shared, 'datasets/conll2003/eng.train')));
const devPath = args.includes('--dev') ? resolve(flag('dev', '')) : undefined;
let train: ReturnType<typeof parseConll>;
let dev: ReturnType<typeof parseConll>;
try {
  const all = parseConll(readFileSync(trainPath, 'utf8'));
  if (devPath !== undefined) {
    train = all;
    dev = parseConll(readFileSync(devPath, 'utf8'));
  } else ({ train, heldOut: dev } = splitHeldOut(all));
} catch {
  console.error(`train:ner: cannot read ${trainPath}${devPath ? ` or ${devPath}` : ''} (set NEWS_TAGGER_SHARED, or pass --train FILE)`);
  process.exit(1);
}
const selectedOn = devPath ?? `the held-out part of ${args.includes('--train') ? trainPath : 'eng.train'} (every 10th document)`;
console.log(`train: ${train.length} sentences; selection on ${selectedOn}: ${dev.length} sentences`);

// Name lists from the compiled gazetteer (data/generated/gazetteer.json), unless --no-lists.
const listsPath = resolve(root, flag('lists', 'data/generated/gazetteer.json'));
const features: FeatureOptions = {
  clusterPrefixes: args.includes('--prefixes') ? flag('prefixes', '').split(',').filter((x) => x !== '').map(Number) : CHOSEN.clusterPrefixes,
  clusterContext: Number(flag('cluster-context', String(CHOSEN.clusterContext))),
  documentContext: flag('doc-context', CHOSEN.documentContext ? '1' : '0') === '1',
  phraseWords: Number(flag('phrase-words', String(CHOSEN.phraseWords))),
  resultsDocument: flag('results-doc', CHOSEN.resultsDocument ? '1' : '0') === '1',
  capitalRuns: flag('capital-runs', CHOSEN.capitalRuns ? '1' : '0') === '1',
};
let nameLists: Map<number, number> | undefined;
let phrases: Map<number, number> | undefined;
if (!args.includes('--no-lists') && existsSync(listsPath)) {
  const data = JSON.parse(readFileSync(listsPath, 'utf8')) as { entries: NameListEntry[] };
  nameLists = buildNameLists(data.entries);
  if (features.phraseWords > 1) phrases = buildPhrases(data.entries, features.phraseWords);
  console.log(`name lists: ${data.entries.length} gazetteer entries, ${nameLists.size} words, ${phrases?.size ?? 0} phrases from ${listsPath}`);
} else console.log('name lists: none');
const clustersPath = resolve(root, flag('clusters', 'data/generated/word-clusters.txt'));
let clusters: Map<number, number> | undefined;
if (!args.includes('--no-clusters') && features.clusterPrefixes.length + features.clusterContext > 0) {
  clusters = buildClusterTable(parseClusterTable(readFileSync(clustersPath, 'utf8')));
  console.log(`word clusters: ${clusters.size} words from ${clustersPath}`);
}
console.log(`features: ${JSON.stringify(features)}`);

const fmt = (x: number) => x.toFixed(2);
const started = Date.now();
const model = trainNer(train, {
  epochs: Number(flag('epochs', '15')),
  seed: Number(flag('seed', '1')),
  caseAugment: Number(flag('augment', '0.1')),
  prune: Number(flag('prune', '0')),
  dev,
  features,
  ...(nameLists !== undefined ? { nameLists } : {}),
  ...(clusters !== undefined ? { clusters } : {}),
  ...(phrases !== undefined ? { phrases } : {}),
  trainedOn: args.includes('--train')
    ? `${trainPath}, epoch chosen on ${selectedOn}`
    : 'CoNLL-2003 English eng.train (Reuters RCV1, 1996) minus every 10th document, epoch chosen on those held-out documents',
  onEpoch: (r) => {
    const d = r.dev;
    const per = d ? Object.entries(d.byType).map(([t, s]) => `${t} ${fmt(s.f1)}`).join('  ') : '';
    console.log(
      `epoch ${r.epoch}: train err ${(100 * r.trainErrorRate).toFixed(2)}%  features ${r.features}  ` +
        `dev micro F1 ${d ? fmt(d.micro.f1) : '-'} (P ${d ? fmt(d.micro.precision) : '-'} R ${d ? fmt(d.micro.recall) : '-'})  ${per}  ${r.seconds.toFixed(1)}s`,
    );
  },
});
const bytes = encodeModel(model);
const b64 = toBase64(bytes);
console.log(
  `best epoch ${model.meta.epoch}, dev micro F1 (PER/LOC/ORG) ${fmt(model.meta.devF1 ?? 0)}; ` +
    `${model.keys.length} features; ${(bytes.length / 1e6).toFixed(2)} MB binary, ${(b64.length / 1e6).toFixed(2)} MB base64; ` +
    `${((Date.now() - started) / 1000).toFixed(0)} s`,
);
const generated = (): string =>
  `// GENERATED by \`npm run train:ner\` (scripts/train-ner.ts). Do not edit.\n` +
  `// Trained on: ${model.meta.trainedOn}. Format ${bytes[4]}, ${model.keys.length} features.\n` +
  `/** The shipped NER model, base64 of the binary model file. */\n` +
  `export function shippedNerModel(): string {\n  return MODEL;\n}\n\nconst MODEL =\n  '${b64}';\n`;
if (args.includes('--check')) {
  const shipped = resolve(root, 'src/entities/ner/model.generated.ts');
  const same = existsSync(shipped) && readFileSync(shipped, 'utf8') === generated();
  console.log(same ? `${shipped} is what training gives, byte for byte` : `${shipped} differs from what training gives: run npm run train:ner`);
  process.exit(same ? 0 : 1);
}
if (!args.includes('--dry') && flag('out', '').endsWith('.bin')) {
  const out = resolve(flag('out', ''));
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (binary model: load it with createNerRecognizer(bytes))`);
} else if (!args.includes('--dry')) {
  const out = resolve(root, flag('out', 'src/entities/ner/model.generated.ts'));
  writeFileSync(out, generated());
  console.log(`wrote ${out}`);
}
