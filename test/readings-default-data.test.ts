import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/node.js';

const tagger = createTagger();
const ids = (body: string): string[] => tagger.analyze({ id: 'd', body }).entities.map((e) => e.id).sort();

describe('demonyms with the bundled data', () => {
  it('"Congolese" is DR Congo without other evidence (data/README.md rule 12)', () => {
    expect(ids('Congolese soldiers clashed with rebels near the border on Sunday, the army said.')).toEqual(['country:CD']);
  });
  it('"Congolese" is the Republic of the Congo when Brazzaville is named', () => {
    const found = ids('In Brazzaville, Congolese officials said the vote would go ahead as planned.');
    expect(found).toContain('country:CG');
    expect(found).not.toContain('country:CD');
  });
  it('"American" and "Indian" never name a territory', () => {
    const found = ids('American and Indian negotiators met in Geneva. The United States and India said talks would go on.');
    expect(found).toEqual(['city:CH-geneva', 'country:CH', 'country:IN', 'country:US'].sort());
    expect(found).not.toContain('country:MP');
    expect(found).not.toContain('country:IO');
  });
});

describe('the European Community with the bundled data', () => {
  it('a story from before 1993 names the European Community, and "EC" then refers to it', () => {
    expect(ids('The European Community agreed new farm prices on Monday. EC ministers said the deal would hold.')).toEqual(['org:european-community']);
  });
  it('"EC" next to the European Commission stays the Commission', () => {
    expect(ids('The EC fined the company two billion euros, the European Commission said.')).toEqual(['org:european-commission']);
  });
});

describe('a person named as a modifier', () => {
  const weights = (body: string): number[] =>
    tagger
      .analyze({ id: 'w', body })
      .entities.find((e) => e.id === 'person:joe-biden')
      ?.mentions.map((m) => m.weight) ?? [];
  it('"the Biden administration" weighs half of "Joe Biden said"', () => {
    expect(weights('The Biden administration announced new sanctions on Tuesday.')).toEqual([0.5]);
    expect(weights('Joe Biden announced new sanctions on Tuesday.')).toEqual([1]);
  });
});
