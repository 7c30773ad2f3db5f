import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../../../src/entities/ner/model-format.js';
import { trainNer } from '../../../src/entities/ner/train.js';
import { NerTagger } from '../../../src/entities/ner/recognizer.js';
import { WordCache, clusterPrefix, featureTables, type FeatureOptions } from '../../../src/entities/ner/features.js';
import { prepareSentence } from '../../../src/entities/ner/context.js';
import { buildClusterTable, buildNameLists, buildPhrases } from '../../../src/entities/ner/name-lists.js';
import { documentCodes } from '../../../src/entities/ner/document.js';
import { splitHeldOut } from '../../../src/entities/ner/conll.js';
import { fixtureSentences } from './fixture.js';

const ENTRIES = [
  { type: 'place' as const, aliases: ['New York', 'York', 'Tarnow'] },
  { type: 'organization' as const, aliases: ['New York Stock Exchange', 'Velmora Shipping'] },
  { type: 'person' as const, aliases: ['Lena Okafor'] },
];
const FEATURES: FeatureOptions = { clusterPrefixes: [2, 4], clusterContext: 2, documentContext: true, phraseWords: 4, resultsDocument: true, capitalRuns: true };
const CLUSTERS = buildClusterTable(new Map([['tarnow', '0110'], ['brelin', '0111'], ['shipping', '10'], ['monday', '001']]));

describe('cluster paths', () => {
  it('cuts a path code to a prefix of the given bits, keeping shorter paths whole', () => {
    const code = parseInt('10110', 2); // path "0110"
    expect(clusterPrefix(code, 2)).toBe(parseInt('101', 2));
    expect(clusterPrefix(code, 4)).toBe(code);
    expect(clusterPrefix(code, 8)).toBe(code);
  });

  it('rejects a path that is not a short bit string', () => {
    expect(() => buildClusterTable(new Map([['x', '012']]))).toThrow(RangeError);
    expect(() => buildClusterTable(new Map([['x', '0'.repeat(16)]]))).toThrow(RangeError);
  });
});

describe('gazetteer phrases', () => {
  const tables = featureTables({ nameLists: buildNameLists(ENTRIES), phrases: buildPhrases(ENTRIES, 4), features: FEATURES });
  const codes = (text: string) => Array.from(prepareSentence(text.split(' '), new WordCache(100, tables)).phrase!);
  // type bits: 1 person, 2 place, 4 organization; position: 0 single, 1 first, 2 inner, 3 last.
  it('marks the longest phrase covering each word, typed, in any case', () => {
    expect(codes('the New York Stock Exchange fell')).toEqual([0, 4 * 4 + 1, 4 * 4 + 2, 4 * 4 + 2, 4 * 4 + 3, 0]);
    expect(codes('flights to new york')).toEqual([0, 0, 2 * 4 + 1, 2 * 4 + 3]);
    expect(codes('LENA OKAFOR visited Tarnow')).toEqual([1 * 4 + 1, 1 * 4 + 3, 0, 2 * 4]);
  });

  it('does not match a phrase broken by another word', () => {
    expect(codes('New and York')).toEqual([0, 0, 2 * 4]);
  });
});

describe('document context codes', () => {
  const cache = new WordCache(100, featureTables({ features: FEATURES }));
  it('gives each word the labels of its other occurrences, not its own', () => {
    const sentences = [['Velmora', 'said'], ['Velmora', 'Shipping', 'grew'], ['The', 'Velmora', 'board']].map((w) => prepareSentence(w, cache));
    // classes: 12 = U-ORG, 9 = B-ORG, 11 = L-ORG, 0 = O
    const classes = [Uint8Array.of(12, 0), Uint8Array.of(9, 11, 0), Uint8Array.of(0, 0, 0)];
    const codes = documentCodes(sentences, classes);
    const ORG = 3;
    // first "Velmora": others are B-ORG and O -> type ORG, some O; most frequent ORG class B-ORG (9)
    expect(codes[0]![0]).toBe((ORG * 2 + 1) | (9 << 6));
    // third "Velmora" (tagged O): others are U-ORG and B-ORG -> no O elsewhere; tie keeps the first class
    expect(codes[2]![1]).toBe((ORG * 2) | (9 << 6));
    // words that occur once have no context
    expect(codes[0]![1]).toBe(0);
    expect(codes[1]![1]).toBe(0);
  });

  it('marks a capitalized word that was always O elsewhere', () => {
    const sentences = [['The', 'cat'], ['The', 'dog']].map((w) => prepareSentence(w, cache));
    const codes = documentCodes(sentences, [Uint8Array.of(0, 0), Uint8Array.of(0, 0)]);
    expect(codes[0]![0]).toBe(10);
    expect(codes[0]![1]).toBe(0);
  });
});

describe('a model with clusters, phrases and document context', () => {
  const options = {
    epochs: 6,
    seed: 2,
    nameLists: buildNameLists(ENTRIES),
    phrases: buildPhrases(ENTRIES, 4),
    clusters: CLUSTERS,
    features: FEATURES,
  };
  const model = trainNer(fixtureSentences(), options);

  it('carries its tables and settings in the model file', () => {
    const back = decodeModel(encodeModel(model));
    expect(back.meta.features).toEqual(FEATURES);
    expect([...back.clusters!].sort()).toEqual([...CLUSTERS].sort());
    expect([...back.phrases!].sort()).toEqual([...options.phrases].sort());
    expect(encodeModel(back)).toEqual(encodeModel(model));
  });

  it('is deterministic and tags known names in a new document', () => {
    expect(encodeModel(trainNer(fixtureSentences(), options))).toEqual(encodeModel(model));
    const tagger = new NerTagger(encodeModel(model));
    const spans = tagger.tagDocument([
      ['Lena', 'Okafor', 'visited', 'Tarnow', 'on', 'Monday', '.'],
      ['Okafor', 'left', 'Brelin', '.'],
    ]);
    expect(spans.map((s) => s.map((x) => `${x.start}-${x.end} ${x.type}`))).toEqual([['0-2 PER', '3-4 LOC'], ['0-1 PER', '2-3 LOC']]);
  });
});

describe('held-out split', () => {
  it('keeps every tenth document whole and the rest for training', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => ({ words: ['w'], tags: ['O'], doc: Math.floor(i / 3) }));
    const { train, heldOut } = splitHeldOut(sentences);
    expect([...new Set(heldOut.map((s) => s.doc))]).toEqual([9, 19]);
    expect(heldOut).toHaveLength(6);
    expect(train).toHaveLength(54);
    expect(train.some((s) => s.doc === 9)).toBe(false);
  });
});
