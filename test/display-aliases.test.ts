/**
 * The aliases shown beside a tag are the forms an editor would recognize: acronyms and English names,
 * not transliterations of the native name, spelling variants of the label or bare short forms.
 * Through the public API (`tag().tags[i].aliases`); article text written for this test.
 */
import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/node.js';

const tagger = createTagger({ limit: 10, minScore: 0 });
const article = {
  id: 'aliases-1',
  title: 'Kim Jong Un and Vladimir Putin discuss Myanmar and the Netherlands',
  body:
    'North Korea and Russia said Kim Jong Un and Vladimir Putin spoke about Myanmar and the Netherlands. ' +
    'Kim Jong Un said North Korea would send envoys. Putin said Russia agreed. Myanmar and the Netherlands did not comment.',
};
const shown = new Map(tagger.tag(article).tags.map((t) => [t.id, t.aliases ?? []]));

describe('display aliases', () => {
  const rows: { id: string; shows: string[]; hides: string[] }[] = [
    { id: 'country:KP', shows: ['DPRK', "Democratic People's Republic of Korea"], hides: ['Choson Minjujuui Inmin Konghwaguk', 'Chosŏn Minjujuŭi Inmin Konghwaguk', 'the DPRK', 'D.P.R.K.'] },
    { id: 'person:kim-jong-un', shows: [], hides: ['Kim', 'Kim Jongun', 'Kim Jong-Un', 'Kim Jong-un'] },
    { id: 'country:RU', shows: ['Russian Federation'], hides: ['the Russian Federation'] },
    { id: 'country:MM', shows: ['Burma'], hides: ['Pyidaunzu Thanmada Myama Nainngandaw'] },
    { id: 'country:NL', shows: ['Holland'], hides: ['Nederland', 'the Netherlands', 'The Netherlands'] },
    { id: 'person:vladimir-putin', shows: ['Vladimir Vladimirovich Putin'], hides: ['Putin', 'V. Putin'] },
  ];
  for (const { id, shows, hides } of rows) {
    it(`${id}: shows ${shows.join(', ') || 'no short forms'}; hides ${hides.join(', ')}`, () => {
      const aliases = shown.get(id);
      expect(aliases).toBeDefined();
      for (const a of shows) expect(aliases).toContain(a);
      for (const a of hides) expect(aliases).not.toContain(a);
    });
  }

  it('puts the acronym first: North Korea (also DPRK, ...)', () => {
    expect(shown.get('country:KP')?.[0]).toBe('DPRK');
  });

  it('still matches every alias it does not show', () => {
    const found = tagger.tag({ id: 'a2', title: 'Talks in Nederland', body: 'Officials of the Choson Minjujuui Inmin Konghwaguk met in Nederland.' }).tags.map((t) => t.id);
    expect(found).toEqual(expect.arrayContaining(['country:KP', 'country:NL']));
  });
});
