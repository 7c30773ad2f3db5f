import { describe, expect, it } from 'vitest';
import { trainNer, predictSentences } from '../../../src/entities/ner/train.js';
import { CompiledWeights } from '../../../src/entities/ner/perceptron.js';
import { WordCache } from '../../../src/entities/ner/features.js';
import { spansFromIob } from '../../../src/entities/ner/labels.js';
import { NerTagger } from '../../../src/entities/ner/recognizer.js';
import { encodeModel } from '../../../src/entities/ner/model-format.js';
import { fixtureSentences } from './fixture.js';

const show = (spans: { start: number; end: number; type: string }[]) => spans.map((s) => `${s.start}-${s.end} ${s.type}`);

describe('trainNer', () => {
  const sentences = fixtureSentences();

  it('learns a tiny corpus it was trained on', () => {
    const model = trainNer(sentences, { epochs: 8, seed: 3 });
    const predicted = predictSentences(sentences, new CompiledWeights(model.keys, model.values, model.scale), new WordCache());
    sentences.forEach((s, i) => {
      expect(show(predicted[i]!), s.words.join(' ')).toEqual(show(spansFromIob(s.tags)));
    });
  });

  it('tags known names in a new sentence', () => {
    const model = trainNer(sentences, { epochs: 8, seed: 3 });
    const tagger = new NerTagger(model);
    const [spans] = tagger.tagDocument([['Pavel', 'Drozd', 'visited', 'Tarnow', 'on', 'Friday', '.']]);
    expect(show(spans!)).toEqual(['0-2 PER', '3-4 LOC']);
  });

  it('is deterministic for a seed', () => {
    const a = encodeModel(trainNer(sentences, { epochs: 3, seed: 7 }));
    const b = encodeModel(trainNer(sentences, { epochs: 3, seed: 7 }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('keeps the best epoch on dev data', () => {
    const epochs: number[] = [];
    const model = trainNer(sentences, { epochs: 4, dev: sentences, onEpoch: (r) => epochs.push(r.dev!.micro.f1) });
    expect(epochs).toHaveLength(4);
    expect(model.meta.devF1).toBe(Math.max(...epochs));
  });

  it('rejects words and tags of different lengths', () => {
    expect(() => trainNer([{ words: ['a', 'b'], tags: ['O'] }])).toThrow(RangeError);
  });
});
