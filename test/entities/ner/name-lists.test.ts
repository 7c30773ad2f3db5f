import { describe, expect, it } from 'vitest';
import { buildNameLists } from '../../../src/entities/ner/name-lists.js';
import { hashString, lowerKey } from '../../../src/entities/ner/features.js';
import { decodeModel, encodeModel } from '../../../src/entities/ner/model-format.js';
import { trainNer } from '../../../src/entities/ner/train.js';
import { fixtureSentences } from './fixture.js';

const bitsOf = (table: Map<number, number>, word: string) => table.get(hashString(lowerKey(word))) ?? 0;

describe('name lists', () => {
  const table = buildNameLists([
    { type: 'person', aliases: ['Kim Jong Un', 'Kim'] },
    { type: 'place', aliases: ['North Korea', 'DPRK'], demonyms: ['North Korean'] },
    { type: 'organization', aliases: ["Reporters Without Borders"] },
  ]);

  it('records type and position of each word, case-insensitively', () => {
    // person: bit 0 single, 1 first, 2 inner, 3 last; place: 4..7; organization: 8..11; demonym: 12.
    expect(bitsOf(table, 'KIM')).toBe((1 << 0) | (1 << 1));
    expect(bitsOf(table, 'Jong')).toBe(1 << 2);
    expect(bitsOf(table, 'Un')).toBe(1 << 3);
    expect(bitsOf(table, 'north')).toBe((1 << 5) | (1 << 12));
    expect(bitsOf(table, 'Korea')).toBe(1 << 7);
    expect(bitsOf(table, 'Korean')).toBe(1 << 12);
    expect(bitsOf(table, 'DPRK')).toBe(1 << 4);
    expect(bitsOf(table, 'Without')).toBe(1 << 10);
    expect(bitsOf(table, 'Seoul')).toBe(0);
  });

  it('travel inside the model file', () => {
    const model = trainNer(fixtureSentences(), { epochs: 2, nameLists: table });
    const back = decodeModel(encodeModel(model));
    expect([...back.nameLists!].sort()).toEqual([...table].sort());
  });
});
