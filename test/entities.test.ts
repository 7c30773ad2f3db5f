import { describe, expect, it } from 'vitest';
import { createTagger, isNewsTaggerError, type Entity } from '../src/node.js';
import { FIXTURE_GAZETTEER, FIXTURE_TAXONOMY } from './fixtures/gazetteer.js';

const tagger = createTagger({ gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY });

function entities(body: string, title = ''): Entity[] {
  return tagger.analyze({ id: 't', title, body }).entities;
}
function ids(body: string, title = ''): string[] {
  return entities(body, title)
    .filter((e) => e.mentions.some((m) => m.reason !== 'city'))
    .map((e) => e.id)
    .sort();
}
function entity(body: string, id: string): Entity | undefined {
  return entities(body).find((e) => e.id === id);
}

describe('gazetteer matching', () => {
  it.each([
    ['Kim Jong-un arrived.', 'person:kim-jong-un'],
    ['Kim Jong-Un arrived.', 'person:kim-jong-un'],
    ['Kim Jong Un arrived.', 'person:kim-jong-un'],
    ['KIM JONG UN ARRIVES IN MOSCOW FOR TALKS', 'person:kim-jong-un'],
  ])('matches hyphen and case variants: %s', (body, id) => {
    expect(ids(body)).toContain(id);
  });

  it('prefers the longest alias and keeps names with "and" whole', () => {
    const a = tagger.analyze({ id: '', title: '', body: 'The United States of America and Bosnia and Herzegovina signed a deal.' });
    expect(a.mentions.filter((m) => m.source === 'gazetteer').map((m) => m.text)).toEqual(['United States of America', 'Bosnia and Herzegovina']);
  });

  it('applies case rules: a lower-case word is not an acronym or a capitalized name', () => {
    expect(ids('Let us know whether the chad on the ballot was counted.')).toEqual([]);
    expect(ids('The US and the UN met.')).toEqual(['country:US', 'org:un']);
    expect(ids('Allies of Nato and NATO officials met.')).toEqual(['org:nato']);
  });

  it('folds diacritics and dotted abbreviations', () => {
    expect(ids('Talks were held in Zurich.')).toContain('city:CH-zurich');
    expect(ids('Talks were held in Zürich.')).toContain('city:CH-zurich');
    expect(ids('The U.S. embassy issued a warning.')).toEqual(['country:US']);
  });
});

describe('resolution', () => {
  it('links surname-only and possessive mentions to the earlier full name, stripping titles', () => {
    const body = 'Deputy Defence Minister Pavel Sorokin met officials. Sorokin said talks went well. President Vladimir Putin praised them, and Putin\'s aides agreed.';
    const es = entities(body);
    const sorokin = es.find((e) => e.id === 'new:Pavel Sorokin');
    expect(sorokin?.type).toBe('person');
    expect(sorokin?.mentions.map((m) => m.mention.text)).toEqual(['Pavel Sorokin', 'Sorokin']);
    const putin = es.find((e) => e.id === 'person:vladimir-putin');
    expect(putin?.mentions.map((m) => m.mention.text)).toEqual(['Vladimir Putin', 'Putin']);
  });

  it('links an acronym defined in parentheses', () => {
    const body = 'The Maritime Safety Agency (MSAG) issued a notice. MSAG later withdrew it, and MSAG staff were reassigned.';
    const agency = entities(body).find((e) => e.id === 'new:Maritime Safety Agency');
    expect(agency?.type).toBe('organization');
    expect(agency?.mentions.length).toBe(3);
  });

  it('counts demonyms and cities toward their country with lower weights', () => {
    const russia = entity('Russian officials flew from Moscow to meet Israeli envoys.', 'country:RU');
    expect(russia?.mentions.map((m) => [m.mention.text, m.weight])).toEqual([
      ['Russian', 0.5],
      ['Moscow', 0.5],
    ]);
    expect(ids('Russian officials flew from Moscow to meet Israeli envoys.')).toEqual(['city:RU-moscow', 'country:IL', 'country:RU']);
  });

  it('attributes a capital used for its government to the country, not to a state or the city', () => {
    expect(ids('Washington said the sanctions would stay.')).toEqual(['country:US']);
    expect(entity('Washington said the sanctions would stay.', 'country:US')?.mentions[0]?.reason).toBe('metonym');
    expect(ids('Pyongyang denied the report.')).toEqual(['country:KP']);
    expect(ids('The Kremlin declined to comment.')).toEqual(['country:RU']);
    expect(ids('Wildfires spread across Washington state.')).toEqual(['region:US-WA']);
  });

  it('decides ambiguous names by context', () => {
    expect(ids('Michael Jordan scored 40 points.')).not.toContain('country:JO');
    expect(ids('Jordan scored 40 points last night.')).toEqual([]);
    expect(ids('Refugees crossed into Jordan on Monday.')).toEqual(['country:JO']);
    expect(ids('Jordan closed its border, Jordanian officials said.')).toEqual(['country:JO']);
    expect(ids('Voters in Atlanta lined up as Georgia counted ballots.')).toContain('region:US-GA');
    expect(ids('Protesters in Tbilisi said Georgia would not give up.')).toContain('country:GE');
  });
});

const ARTICLE = {
  id: 'kp-ru',
  title: 'Kim Jong-un receives Russian defence delegation in Pyongyang',
  body: `North Korean leader Kim Jong-un met a delegation led by Russian Deputy Defence Minister Pavel Sorokin on Tuesday, the Korean Central News Agency (KCNA) said.

Kim told the visitors that the DPRK stood with Russia, and praised President Vladimir Putin for what he called a steadfast friendship. KCNA said the talks covered "military cooperation".

Putin's government has not commented. Moscow and Pyongyang signed a defence pact last month, and the Kremlin said the treaty would deepen ties between the Democratic People's Republic of Korea and the Russian Federation.

The United States and South Korea accused the DPRK of supplying shells to Russia for its war in Ukraine. Washington said the pact threatened stability, and Tokyo and Seoul voiced concern.

Russian Foreign Minister Sergey Lavrov said the criticism was baseless. Sorokin flew back to Moscow on Wednesday.`,
};

describe('suggestTags', () => {
  it('puts the entities the story is about first', () => {
    const tags = tagger.suggestTags(ARTICLE, { limit: 3, minScore: 0 });
    expect(tags.map((t) => t.id).sort()).toEqual(['country:KP', 'country:RU', 'person:kim-jong-un']);
    const kp = tags.find((t) => t.id === 'country:KP');
    expect(kp?.label).toBe('North Korea');
    expect(kp?.aliases).toContain('DPRK');
    expect(kp?.wikidata).toBe('Q423');
    expect(kp?.evidence.reasons).toContain('in title');
    for (const t of tags) {
      const m = t.evidence.mentions[0];
      expect(m).toBeDefined();
    }
  });

  it('returns scores in [0, 1] that never increase down the list, and evidence offsets that slice back', () => {
    const tags = tagger.suggestTags(ARTICLE, { limit: 20, minScore: 0 });
    expect(tags.length).toBeGreaterThan(5);
    const text = tagger.analyzeText(ARTICLE);
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]!;
      expect(t.score).toBeGreaterThanOrEqual(0);
      expect(t.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(t.score).toBeLessThanOrEqual(tags[i - 1]!.score);
      for (const m of t.evidence.mentions) {
        const f = text.fields.find((x) => x.field === m.field)!;
        expect(f.text.slice(m.start, m.end)).toBe(m.text);
      }
    }
  });

  it('filters by type, limit, allow and deny', () => {
    expect(tagger.suggestTags(ARTICLE, { types: ['person'], minScore: 0 }).every((t) => t.type === 'person')).toBe(true);
    expect(tagger.suggestTags(ARTICLE, { limit: 2, minScore: 0 })).toHaveLength(2);
    expect(tagger.suggestTags(ARTICLE, { deny: ['DPRK'], minScore: 0 }).map((t) => t.id)).not.toContain('country:KP');
    expect(tagger.suggestTags(ARTICLE, { allow: ['Russia', 'person:vladimir-putin'], minScore: 0 }).map((t) => t.id).sort()).toEqual([
      'country:RU',
      'person:vladimir-putin',
    ]);
  });

  it('maps suggestions onto a site vocabulary and says which would be new', () => {
    const tags = tagger.suggestTags(ARTICLE, { limit: 8, minScore: 0, vocabulary: ['Russia', { tag: 'DPRK', aliases: ['North Korea'] }, 'Kim Jong Un'] });
    const byId = new Map(tags.map((t) => [t.id, t.vocabulary]));
    expect(byId.get('country:KP')).toEqual({ tag: 'DPRK', new: false });
    expect(byId.get('country:RU')).toEqual({ tag: 'Russia', new: false });
    expect(byId.get('person:kim-jong-un')).toEqual({ tag: 'Kim Jong Un', new: false });
    expect(byId.get('org:kcna')).toEqual({ new: true });
  });
});

describe('tagger-level suggestion options', () => {
  it('keeps the tagger vocabulary and deny list when a call overrides only the limit', () => {
    const site = createTagger({ gazetteer: FIXTURE_GAZETTEER, taxonomy: FIXTURE_TAXONOMY, vocabulary: [{ tag: 'DPRK', aliases: ['North Korea'] }], deny: ['Russia'] });
    const tags = site.suggestTags(ARTICLE, { limit: 3, minScore: 0 });
    expect(tags).toHaveLength(3);
    expect(tags.map((t) => t.id)).not.toContain('country:RU');
    expect(tags.find((t) => t.id === 'country:KP')?.vocabulary).toEqual({ tag: 'DPRK', new: false });
  });
});

describe('suggestRegions', () => {
  it('rolls countries up to sections, with the countries behind each', () => {
    const regions = tagger.suggestRegions(ARTICLE, { minScore: 0.3 });
    expect(regions.map((r) => r.region).sort()).toEqual(['Asia-Pacific', 'Europe']);
    const asia = regions.find((r) => r.region === 'Asia-Pacific');
    expect(asia?.countries[0]?.id).toBe('country:KP');
    expect(asia?.countries.map((c) => c.id)).toContain('country:KR');
    expect(regions.find((r) => r.region === 'Europe')?.countries[0]?.id).toBe('country:RU');
  });

  it('lets a country belong to several sections of a custom table', () => {
    const regions = tagger.suggestRegions(ARTICLE, { taxonomy: { Korea: ['KP', 'KR'], 'Asia': ['kp', 'JP'] }, minScore: 0 });
    expect(regions.map((r) => r.region).sort()).toEqual(['Asia', 'Korea']);
  });

  it('rejects unknown presets and bad tables with coded errors', () => {
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return isNewsTaggerError(error) ? error.code : 'not a NewsTaggerError';
      }
      return undefined;
    };
    expect(code(() => tagger.suggestRegions(ARTICLE, { taxonomy: 'atlantis' }))).toBe('UNKNOWN_TAXONOMY');
    expect(code(() => tagger.suggestRegions(ARTICLE, { taxonomy: { Europe: ['France'] } }))).toBe('INVALID_TAXONOMY');
    expect(code(() => tagger.suggestRegions(ARTICLE, { taxonomy: { Europe: 'FR' as unknown as string[] } }))).toBe('INVALID_TAXONOMY');
    expect(code(() => tagger.suggestRegions(ARTICLE, { taxonomy: {} }))).toBe('INVALID_TAXONOMY');
    expect(code(() => createTagger({ gazetteer: FIXTURE_GAZETTEER, taxonomy: 'atlantis' }))).toBe('UNKNOWN_TAXONOMY');
  });
});

describe('bad input', () => {
  it('gives empty results for empty text, text without entities and markup without text', () => {
    for (const article of [
      { id: '', title: '', body: '' },
      { id: 'x', title: null, body: null },
      { id: 'x', title: 'weather', body: 'it rained all day and then it stopped.' },
      { id: 'x', title: '', body: '<div><p></p><br/><script>var x = "Russia";</script></div>' },
      { id: 'x', title: '', body: '   \n\n  ' },
    ]) {
      const r = tagger.tag(article);
      expect(r.tags).toEqual([]);
      expect(r.regions).toEqual([]);
    }
  });

  it('rejects a vocabulary with duplicates and bad options with coded errors', () => {
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return isNewsTaggerError(error) ? error.code : 'not a NewsTaggerError';
      }
      return undefined;
    };
    expect(code(() => tagger.suggestTags(ARTICLE, { vocabulary: ['Russia', 'russia'] }))).toBe('INVALID_VOCABULARY');
    expect(code(() => tagger.suggestTags(ARTICLE, { vocabulary: [{ tag: 'Korea', aliases: ['DPRK'] }, { tag: 'DPRK' }] }))).toBe('INVALID_VOCABULARY');
    expect(code(() => tagger.suggestTags(ARTICLE, { vocabulary: [''] }))).toBe('INVALID_VOCABULARY');
    expect(code(() => tagger.suggestTags(ARTICLE, { limit: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => tagger.suggestTags(ARTICLE, { minScore: 2 }))).toBe('INVALID_OPTION');
    expect(code(() => tagger.suggestTags(ARTICLE, { types: ['city' as 'place'] }))).toBe('INVALID_OPTION');
    expect(code(() => tagger.suggestTags(ARTICLE, { format: 'text' } as never))).toBe('INVALID_OPTION');
    expect(code(() => tagger.suggestTags(42))).toBe('INVALID_ARTICLE');
  });
});

describe('recognizers', () => {
  it('accepts a custom recognizer that joins the defaults', () => {
    const custom = createTagger({
      gazetteer: FIXTURE_GAZETTEER,
      taxonomy: FIXTURE_TAXONOMY,
      recognizers: (defaults) => [
        ...defaults,
        {
          name: 'spaceports',
          recognize: (tokens, text) =>
            tokens
              .filter((t) => t.text === 'Sohae')
              .map((t) => ({ text: t.text, type: 'place' as const, field: t.field, start: t.start, end: t.end, tokenStart: t.index, tokenEnd: t.index + 1, source: 'spaceports' })),
        },
      ],
    });
    const ids = custom.analyze({ id: '', title: '', body: 'A rocket lifted off from Sohae, DPRK media said.' }).entities.map((e) => e.id);
    expect(ids).toContain('new:Sohae');
    expect(ids).toContain('country:KP');
  });
});
