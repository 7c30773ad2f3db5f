import { describe, expect, it } from 'vitest';
import { isNewsTaggerError } from '../../../src/errors.js';
import { decodeBase64, decodeModel, encodeModel, fromBase64, MODEL_FORMAT_VERSION, toBase64 } from '../../../src/entities/ner/model-format.js';
import { trainNer } from '../../../src/entities/ner/train.js';
import { createNerRecognizer, NerTagger } from '../../../src/entities/ner/recognizer.js';
import { fixtureSentences } from './fixture.js';

const model = trainNer(fixtureSentences(), { epochs: 3 });
const bytes = encodeModel(model);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return isNewsTaggerError(error) ? error.code : `not coded: ${String(error)}`;
  }
  return undefined;
}

describe('model file', () => {
  it('round-trips through bytes and base64', () => {
    const back = decodeModel(fromBase64(toBase64(bytes)));
    expect(Array.from(back.keys)).toEqual(Array.from(model.keys));
    expect(Array.from(back.values)).toEqual(Array.from(model.values));
    expect(back.scale).toBe(model.scale);
    expect(encodeModel(back)).toEqual(bytes);
  });

  it('base64 matches the platform encoder and decoder', () => {
    for (const n of [0, 1, 2, 3, 101]) {
      const sample = bytes.subarray(0, n);
      expect(toBase64(sample)).toBe(Buffer.from(sample).toString('base64'));
      expect(Array.from(decodeBase64(toBase64(sample)))).toEqual(Array.from(sample));
    }
  });

  it('reads bytes that do not start on a word boundary', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const back = decodeModel(shifted.subarray(1));
    expect(Array.from(back.keys)).toEqual(Array.from(model.keys));
  });

  it('rejects a file that is not a model with MODEL_FORMAT', () => {
    expect(codeOf(() => decodeModel(new TextEncoder().encode('{"not":"a model"}')))).toBe('MODEL_FORMAT');
    expect(codeOf(() => decodeModel(new Uint8Array(0)))).toBe('MODEL_FORMAT');
    expect(codeOf(() => new NerTagger('%%% not base64'))).toBe('MODEL_FORMAT');
  });

  it('rejects another format version with MODEL_VERSION', () => {
    const other = bytes.slice();
    new DataView(other.buffer).setUint16(4, MODEL_FORMAT_VERSION + 1, true);
    expect(codeOf(() => decodeModel(other))).toBe('MODEL_VERSION');
  });

  it('rejects a model built with another feature set with MODEL_VERSION', () => {
    const other = encodeModel({ ...model, meta: { ...model.meta, featureSet: -1 } });
    expect(codeOf(() => decodeModel(other))).toBe('MODEL_VERSION');
  });

  it('rejects flipped, truncated or extended bytes with MODEL_CORRUPT', () => {
    const flipped = bytes.slice();
    flipped[flipped.length - 5] = flipped[flipped.length - 5]! ^ 0x40;
    expect(codeOf(() => decodeModel(flipped))).toBe('MODEL_CORRUPT');
    expect(codeOf(() => decodeModel(bytes.subarray(0, bytes.length - 10)))).toBe('MODEL_CORRUPT');
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(codeOf(() => decodeModel(longer))).toBe('MODEL_CORRUPT');
  });

  it('a recognizer given a corrupt model fails with a coded error on first use', () => {
    const flipped = bytes.slice();
    flipped[40] = flipped[40]! ^ 0xff;
    const recognizer = createNerRecognizer(flipped);
    const token = { text: 'Tarnow', norm: 'tarnow', start: 0, end: 6, kind: 'word' as const, field: 'body' as const, sentence: 0, index: 0 };
    const analysis = { fields: [], tokens: [token], sentences: [], wordCount: 1, readingTime: { minutes: 1, words: 1 } };
    expect(codeOf(() => recognizer.recognize([token], analysis))).toBe('MODEL_CORRUPT');
  });
});
