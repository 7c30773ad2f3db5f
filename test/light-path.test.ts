/**
 * The core without the NER model (what a browser bundle of `news-tagger` gets) and the packed
 * gazetteer of the build. Article text written for this test.
 */
import { describe, expect, it } from 'vitest';
import { defaultGazetteer } from '../src/default-data.js';
import { packGazetteer, unpackGazetteer } from '../src/entities/gazetteer-pack.js';
import * as core from '../src/index.js';
import * as node from '../src/node.js';
import { shippedNerModel } from '../src/model.js';

const article = {
  id: 'light-1',
  title: 'Kim Jong Un meets Russian envoy in Pyongyang',
  body: 'North Korean leader Kim Jong Un received a delegation from Moscow on Tuesday. Daniel Marsh, an analyst at the Harbour Institute, said the talks in Pyongyang covered grain and fuel. Kim Jong Un promised more visits.',
};

describe('the light path (gazetteer and name heuristics, no NER model)', () => {
  it('is the default of the core, and tags from the gazetteer', () => {
    const tagger = core.createTagger();
    expect(tagger.options.nerModel).toBeNull();
    const ids = tagger.tag(article).tags.map((t) => t.id);
    expect(ids).toContain('person:kim-jong-un');
    expect(ids).toContain('country:KP');
  });

  it('is what Node gets with nerModel: null; the Node default uses the shipped model', () => {
    expect(node.createTagger().options.nerModel).toBe(shippedNerModel());
    const light = node.createTagger({ nerModel: null });
    expect(light.options.nerModel).toBeNull();
    expect(light.tag(article)).toEqual(core.createTagger().tag(article));
    expect(core.createTagger({ nerModel: shippedNerModel() }).tag(article)).toEqual(node.createTagger().tag(article));
  });

  it('finds a name the gazetteer lacks with the heuristics alone, as with the model', () => {
    const name = (t: core.Tagger): string[] => t.analyze(article).entities.map((e) => e.label);
    expect(name(core.createTagger())).toContain('Daniel Marsh');
    expect(name(node.createTagger())).toContain('Daniel Marsh');
  });

  it('rejects a model that is not one, naming the option', () => {
    expect(() => core.createTagger({ nerModel: 42 as never })).toThrow(/option "nerModel" must be an NER model/);
    expect(() => core.createNerRecognizer()).toThrow(expect.objectContaining({ code: 'DATA_MISSING' }));
  });
});

describe('the packed gazetteer (dist/data/gazetteer.cjs)', () => {
  it('unpacks to the bundled gazetteer, entry for entry', () => {
    const data = defaultGazetteer();
    const packed = packGazetteer(data);
    expect(JSON.stringify(packed).length).toBeLessThan(0.7 * JSON.stringify(data).length);
    expect(unpackGazetteer(JSON.parse(JSON.stringify(packed)))).toEqual(data);
  });

  it('keeps an alias list that does not start with the label, and keys it does not know', () => {
    const data = { version: 1, entries: [{ id: 'org:x', type: 'organization' as const, kind: 'organization' as const, label: 'X Corp', aliases: ['XC', 'X Corp'], nameAr: 'اكس' }] };
    expect(unpackGazetteer(packGazetteer(data as never))).toEqual(data);
  });
});
