/**
 * The tagger with the bundled gazetteer and taxonomies, on news text the project wrote itself, and on
 * the seed page from ../shared/examples when it is there (copyrighted: read at run time, skipped when
 * missing).
 */
import { describe, expect, it } from 'vitest';
import { createTagger, suggestRegions, suggestTags } from '../src/node.js';
import { sharedDir } from '../eval/datasets.js';
import { loadSeedArticle } from '../eval/seed.js';

const ARTICLE = {
  id: 'own-1',
  title: 'Kim Jong-un welcomes Russian defence delegation to Pyongyang',
  body: `North Korean leader Kim Jong-un received a Russian military delegation led by Deputy Defence Minister Pavel Sorokin on Tuesday, the Korean Central News Agency (KCNA) reported.

Kim thanked President Vladimir Putin for his support and said the DPRK would stand with Russia "in every circumstance". KCNA said both sides discussed military cooperation.

Putin's spokesman Dmitry Peskov told reporters in Moscow that the visit followed the treaty signed last month. Russia and North Korea have pledged to come to each other's aid if attacked.

The United States and South Korea accused Pyongyang of shipping artillery shells to Russia for use in Ukraine, a claim Moscow and Pyongyang deny. Officials in Tokyo and Seoul said they were watching the visit closely.

Russian Foreign Minister Sergey Lavrov called the criticism "hysteria". Sorokin returned to Moscow on Wednesday.`,
};

describe('tagging with the bundled data', () => {
  const tagger = createTagger();
  /** The ids of the entities a tagger resolves in a story. */
  const entityIds = (story: { title: string; body: string }, t = tagger): string[] => t.analyze(story).entities.map((e) => e.id);

  it('suggests Russia, North Korea (with its DPRK alias) and Kim Jong Un as the top three', () => {
    const tags = tagger.suggestTags(ARTICLE, { limit: 3 });
    expect(tags.map((t) => t.id).sort()).toEqual(['country:KP', 'country:RU', 'person:kim-jong-un']);
    expect(tags.find((t) => t.id === 'country:KP')?.aliases).toContain('DPRK');
    // no raw strings: titles, possessives and trailing punctuation never reach a label
    for (const t of tagger.suggestTags(ARTICLE, { limit: 20, minScore: 0 })) {
      expect(t.label).not.toMatch(/^(President|Minister|Deputy)\b|'s$|[.,]$/u);
    }
  });

  it('files the article under Asia-Pacific in the newsroom preset', () => {
    const regions = tagger.suggestRegions(ARTICLE);
    expect(regions.map((r) => r.region)).toContain('Asia-Pacific');
    expect(regions.find((r) => r.region === 'Asia-Pacific')?.countries[0]?.id).toBe('country:KP');
  });

  it('returns tags, regions and reading time in one pass', () => {
    const r = tagger.tag(ARTICLE);
    expect(r.id).toBe('own-1');
    expect(r.tags.length).toBeGreaterThan(0);
    expect(r.regions.length).toBeGreaterThan(0);
    expect(r.readingTime.words).toBeGreaterThan(100);
  });

  it('offers top-level suggestTags and suggestRegions with a shared default tagger', () => {
    expect(suggestTags(ARTICLE, { limit: 3 }).map((t) => t.id).sort()).toEqual(['country:KP', 'country:RU', 'person:kim-jong-un']);
    expect(suggestRegions(ARTICLE, { taxonomy: 'un-m49' }).map((r) => r.region)).toContain('Eastern Asia');
  });

  it('suggests the home country when the article names none, and only then', () => {
    const local = { id: 'l', title: 'City council approves new budget', body: 'The city council approved a budget of 40 million dollars on Monday after a long debate.' };
    expect(tagger.suggestTags(local, { homeCountry: 'US' }).map((t) => t.id)).toEqual(['country:US']);
    expect(tagger.suggestTags(local)).toEqual([]);
    expect(tagger.suggestTags(ARTICLE, { homeCountry: 'US', limit: 3 }).map((t) => t.id)).not.toContain('country:US');
  });

  it('prefers the longer of two overlapping names: the Bank of England, not "the Bank" and "England"', () => {
    const story = {
      title: 'Bank of England raises rates again',
      body: 'The governor of the Bank of England said on Thursday that inflation would fall next year. Economists in London expect another rise.',
    };
    const ids = entityIds(story);
    expect(ids).toContain('org:bank-of-england');
    expect(ids).not.toContain('region:GB-england');
  });

  it('counts a country named inside an organization\'s name ("the Bank of Japan") toward the country', () => {
    const story = { title: 'Yen weakens', body: 'The Bank of Japan kept its policy rate unchanged on Friday, and the yen fell against the dollar.' };
    const japan = tagger.analyze(story).entities.find((e) => e.id === 'country:JP');
    expect(japan?.mentions.map((m) => m.mention.text)).toEqual(['Bank of Japan']);
  });

  it('resolves a namesake full name to the known person only when the person\'s country is named', () => {
    const uk = {
      title: 'Defence secretary visits troops',
      body: 'Ben Wallace, the defence secretary, said on Wednesday that Britain would send more troops to Estonia. Wallace spoke at a base near Tapa.',
    };
    expect(entityIds(uk)).toContain('person:ben-wallace');
    const court = {
      title: 'Veteran centre signs for one more season',
      body: 'Ben Wallace signed a one-year contract with the Detroit club on Monday. The centre, 38, played in four finals.',
    };
    const entities = tagger.analyze(court).entities;
    expect(entities.map((e) => e.id)).not.toContain('person:ben-wallace');
    // still a person's name, just not the known one
    expect(entities.find((e) => e.label === 'Ben Wallace')?.type).toBe('person');
  });

  it('sets a story in a country told through its people and institutions (guardian preset: UK news beside Europe)', () => {
    const story = {
      title: 'Johnson promises more anti-tank weapons for Ukraine after cabinet meeting',
      body: `Boris Johnson told cabinet ministers on Tuesday that Britain would send a further 6,000 missiles to Ukraine, Downing Street said.

The prime minister said the Ministry of Defence would deliver the weapons within weeks. Defence Secretary Ben Wallace briefed MPs in the House of Commons on the plan.

The Foreign Office summoned the Russian ambassador over the shelling of Kharkiv. Foreign Secretary Liz Truss said the Treasury was preparing new sanctions.

Labour leader Keir Starmer backed the package but asked how the NHS would care for wounded Ukrainian soldiers.

Johnson is expected to speak to President Volodymyr Zelenskiy on Wednesday.`,
    };
    const guardian = createTagger({ taxonomy: 'guardian' });
    const regions = guardian.suggestRegions(story);
    expect(regions.map((r) => r.region).sort()).toEqual(['Europe', 'UK news']);
    // Britain is named once, but the story is set there: its score is well above the country's own salience
    const uk = regions.find((r) => r.region === 'UK news')!;
    const britain = guardian.suggestTags(story, { limit: 10, minScore: 0 }).find((t) => t.id === 'country:GB')!;
    expect(uk.countries.map((c) => c.id)).toEqual(['country:GB']);
    expect(uk.score).toBeGreaterThan(britain.score + 0.1);
    // a country named once in passing does not get its section: the US in the Korea story
    expect(guardian.suggestRegions(ARTICLE).map((r) => r.region)).not.toContain('US news');
  });

  it('files Turkey under Europe in the guardian preset, where The Guardian files it', () => {
    const story = {
      title: 'Turkish court jails opposition mayor',
      body: 'A court in Istanbul sentenced the city\'s opposition mayor to two years in prison on Wednesday. President Recep Tayyip Erdoğan\'s party welcomed the ruling; the opposition said it would appeal in Ankara.',
    };
    expect(createTagger({ taxonomy: 'guardian' }).suggestRegions(story).map((r) => r.region)).toEqual(['Europe']);
  });

  it('counts a bloc or an area toward the section where most of its countries lie, and names it there', () => {
    const story = {
      title: 'EU agrees rules to make online platforms remove illegal content',
      body: `The European Union agreed on Saturday on rules that will force large online platforms to remove illegal content faster or face fines of up to 6% of their turnover.

The European Commission will enforce the rules from next year. Google, Meta and Amazon said they would study the text, which the European Parliament must still approve.

Campaigners said the EU had set a standard that other regulators would follow.`,
    };
    const guardian = createTagger({ taxonomy: 'guardian' });
    const europe = guardian.suggestRegions(story).find((r) => r.region === 'Europe');
    expect(europe?.areas?.[0]?.id).toBe('org:eu');
    expect(europe?.countries).toEqual([]);
    // "Asia" spans three guardian sections and holds the majority of none; the newsroom preset has an Asia section
    const asia = { title: 'Heatwave grips Asia', body: 'Temperatures across Asia broke records this week, and forecasters said the heat would last into May. Schools across Asia closed early.' };
    expect(guardian.suggestRegions(asia)).toEqual([]);
    expect(createTagger({ taxonomy: 'newsroom' }).suggestRegions(asia).map((r) => r.region)).toEqual(['Asia']);
    // a custom table: the Gulf lies mostly in "Gulf states", only partly in "Levant"
    const table = { 'Gulf states': ['SA', 'AE', 'QA', 'KW', 'BH', 'OM'], Levant: ['IQ', 'SY', 'LB', 'JO', 'IL', 'PS'] };
    const gulf = { title: 'Gulf states agree on air defence', body: 'Leaders of the Gulf states agreed on Tuesday to link their air defences. The Gulf has seen several drone attacks this year.' };
    expect(guardian.suggestRegions(gulf, { taxonomy: table }).map((r) => r.region)).toEqual(['Gulf states']);
  });

  it('does not count a language ("the French language", "speak French") as its country', () => {
    const story = {
      title: 'Quebec passes law to protect the French language',
      body: `Quebec's legislature passed a law on Tuesday that requires businesses in the Canadian province to serve customers in French.

Newcomers will have to deal with provincial officials only in French six months after arriving. Premier François Legault said the French language was under threat in North America.

Critics said the law would push English speakers out of Montreal, and that immigrants who had not yet learned French would struggle to see a doctor.`,
    };
    const guardian = createTagger({ taxonomy: 'guardian' });
    const ids = entityIds(story, guardian);
    expect(ids).toContain('country:CA');
    expect(ids).not.toContain('country:FR');
    expect(ids).not.toContain('country:GB');
    expect(guardian.suggestRegions(story).map((r) => r.region)).toEqual(['Americas']);
    // the demonym still names the country where it is not a language
    const paris = { title: 'Strike called', body: 'Only French unions called a strike on Monday, and the budget minister resigned.' };
    expect(entityIds(paris, guardian)).toContain('country:FR');
  });

  it('reads "3000 BC" as an era and a surname as the person named earlier, not as places', () => {
    const dig = {
      title: 'Silver tubes may be the oldest drinking straws',
      body: 'The tubes date to the fourth millennium BC, archaeologists said. Similar vessels from 3000 BC were found further south.',
    };
    expect(entityIds(dig)).not.toContain('region:CA-british-columbia');
    const fires = { title: 'Wildfires in BC', body: 'Wildfires forced thousands from their homes in B.C. on Monday, and Canada sent troops to the province.' };
    expect(entityIds(fires)).toContain('region:CA-british-columbia');
    const health = {
      title: 'Scientist calls for a disease control centre',
      body: 'Australia needs its own centre for disease control, says Prof Lynn Gilbert, a microbiologist in Sydney. Gilbert says the US model works, and Gilbert wants it set up this year.',
    };
    const ids = entityIds(health);
    expect(ids).toContain('new:Lynn Gilbert');
    expect(ids).not.toContain('city:US-gilbert');
    expect(tagger.analyze(health).entities.find((e) => e.id === 'new:Lynn Gilbert')?.mentions).toHaveLength(3);
  });

  it('keeps a name with particles whole ("Maxciel Pereira dos Santos"), so that its parts are not places or another person', () => {
    const story = {
      title: 'Indigenous protection agent shot dead',
      body: 'The agency said Maxciel Pereira dos Santos was shot dead in Tabatinga, near the border with Colombia and Peru. Santos had worked for the agency for 12 years.',
    };
    const ids = entityIds(story);
    expect(ids).toContain('new:Maxciel Pereira dos Santos');
    for (const wrong of ['city:CO-pereira', 'city:BR-santos', 'person:jose-eduardo-dos-santos']) expect(ids).not.toContain(wrong);
    // French institutions keep their place: "Banque Nationale de Paris" still names Paris
    const bank = { title: 'French bank profits rise', body: 'Banque Nationale de Paris said on Tuesday that its profits rose.' };
    expect(tagger.analyze(bank).entities.map((e) => e.country)).toContain('FR');
  });

  // the seed page: ../shared/examples/seed-article.txt (NEWS_TAGGER_SHARED overrides ../shared)
  const page = loadSeedArticle(sharedDir());
  it.skipIf(page === undefined)('tags the seed page like its editors (skipped when ../shared/examples is missing)', () => {
    const top = tagger.suggestTags(page!.article, { limit: 3 });
    expect(top.map((t) => t.id).sort()).toEqual(['country:KP', 'country:RU', 'person:kim-jong-un']);
    expect(tagger.suggestRegions(page!.article).map((r) => r.region)).toContain('Asia-Pacific');
  });
});
