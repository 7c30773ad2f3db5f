import { describe, expect, it } from 'vitest';
import { CorpusCounter, formatClusterTable, parseClusterTable } from '../../scripts/lib/word-clusters.js';

// A corpus written for this test: animals and vehicles appear in different slots.
const ANIMALS = ['cat', 'dog', 'horse', 'goat', 'sheep', 'mouse'];
const VEHICLES = ['truck', 'bus', 'tram', 'ferry', 'van', 'taxi'];

function counter(): CorpusCounter {
  const c = new CorpusCounter();
  for (let round = 0; round < 4; round++) {
    for (const a of ANIMALS) {
      c.addSentence(['the', a, 'ate', 'grass', '.']);
      c.addSentence(['a', 'hungry', a, 'slept', '.']);
    }
    for (const v of VEHICLES) {
      c.addSentence(['we', 'drove', 'the', v, 'downtown', '.']);
      c.addSentence(['every', v, 'was', 'late', '.']);
    }
  }
  return c;
}

const options = { minCount: 3, contexts: 50, maxDepth: 6, minSize: 2, iterations: 8 };

describe('word clusters', () => {
  const words = counter().cluster(options);
  const pathOf = new Map(words.map((w) => [w.word, w.path]));

  it('gives words used in the same slots one cluster, apart from words used elsewhere', () => {
    const animalPaths = new Set(ANIMALS.map((w) => pathOf.get(w)));
    const vehiclePaths = new Set(VEHICLES.map((w) => pathOf.get(w)));
    expect(animalPaths.size).toBe(1);
    expect(vehiclePaths.size).toBe(1);
    expect([...animalPaths][0]).not.toBe([...vehiclePaths][0]);
    for (const other of ['the', 'ate', 'drove', 'late']) expect(animalPaths.has(pathOf.get(other))).toBe(false);
  });

  it('leaves out words seen fewer than minCount times', () => {
    const c = counter();
    c.addSentence(['zebra']);
    expect(c.cluster(options).some((w) => w.word === 'zebra')).toBe(false);
    expect(pathOf.has('cat')).toBe(true);
  });

  it('gives paths of at most maxDepth bits', () => {
    for (const w of words) expect(w.path).toMatch(/^[01]{0,6}$/);
  });

  it('is deterministic and round-trips through its text form', () => {
    const again = counter().cluster(options);
    expect(again).toEqual(words);
    const text = formatClusterTable(words, ['test table']);
    expect(text.startsWith('# test table\n')).toBe(true);
    expect(parseClusterTable(text)).toEqual(new Map(words.map((w) => [w.word, w.path])));
  });
});
