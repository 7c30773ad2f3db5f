import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GazetteerData, GazetteerEntry, TaxonomyFile } from '../src/entities/gazetteer-data.js';
import { REPO_ROOT, buildData, foldDiacritics, slugify } from '../scripts/build-data.js';

const generatedDir = join(REPO_ROOT, 'data', 'generated');
const gazetteerText = readFileSync(join(generatedDir, 'gazetteer.json'), 'utf8');
const taxonomiesText = readFileSync(join(generatedDir, 'taxonomies.json'), 'utf8');
const gazetteer = JSON.parse(gazetteerText) as GazetteerData;
const taxonomyFile = JSON.parse(taxonomiesText) as TaxonomyFile;
const entries = gazetteer.entries;
const byId = new Map<string, GazetteerEntry>(entries.map((e) => [e.id, e]));
const countryCodes = new Set(entries.filter((e) => e.kind === 'country').map((e) => e.country));

function entry(id: string): GazetteerEntry {
  const e = byId.get(id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
}

describe('generated files', () => {
  it('are in step with the sources (run `npm run build:data` after editing data/)', () => {
    const rebuilt = buildData(REPO_ROOT);
    expect(rebuilt['gazetteer.json'] === gazetteerText, 'gazetteer.json is stale: run npm run build:data').toBe(true);
    expect(rebuilt['taxonomies.json'] === taxonomiesText, 'taxonomies.json is stale: run npm run build:data').toBe(true);
  });

  it('say they are generated and carry the attribution the licences require', () => {
    expect(gazetteer.generated).toMatch(/GENERATED/);
    expect(taxonomyFile.generated).toMatch(/GENERATED/);
    expect(gazetteer.attribution?.join('\n')).toMatch(/ODbL/);
    expect(gazetteer.attribution?.join('\n')).toMatch(/GeoNames.*CC BY 4\.0/);
  });

  it('keep the bundled gazetteer under 1.5 MB', () => {
    expect(Buffer.byteLength(gazetteerText)).toBeLessThanOrEqual(1_500_000);
  });

  it('list entries sorted by id, with the label first among the aliases', () => {
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const e of entries) expect(e.aliases[0], e.id).toBe(e.label);
  });
});

describe('gazetteer integrity', () => {
  it('has unique ids with the prefix of their kind', () => {
    expect(byId.size).toBe(entries.length);
    const prefix: Record<GazetteerEntry['kind'], string> = {
      country: 'country:',
      region: 'region:',
      city: 'city:',
      organization: 'org:',
      person: 'person:',
    };
    for (const e of entries) expect(e.id.startsWith(prefix[e.kind]), e.id).toBe(true);
  });

  it('derives person and city ids from the label', () => {
    for (const e of entries) {
      if (e.kind === 'person') expect(e.id).toBe(`person:${slugify(e.label)}`);
      if (e.kind === 'city') expect(e.id.startsWith(`city:${e.country}-${slugify(e.label)}`), e.id).toBe(true);
    }
  });

  it('prefixes sub-national region ids with their country code', () => {
    for (const e of entries) {
      const m = /^region:([A-Z]{2})-/u.exec(e.id);
      if (m) expect(e.country, e.id).toBe(m[1]);
    }
  });

  it('links every city, region, organization and person to an existing country', () => {
    for (const e of entries) {
      if (e.kind === 'city') expect(e.country, e.id).toBeDefined();
      if (e.country !== undefined) expect(countryCodes.has(e.country), `${e.id} -> ${e.country}`).toBe(true);
    }
  });

  it('gives the countries an area or a bloc spans only to entries without a country, as known codes', () => {
    const areas = entries.filter((e) => e.within !== undefined);
    expect(areas.map((e) => e.id)).toEqual(expect.arrayContaining(['region:europe', 'region:gulf', 'org:eu', 'org:au', 'org:asean']));
    for (const e of areas) {
      expect(e.country, e.id).toBeUndefined();
      expect(e.within!.length, e.id).toBeGreaterThan(1);
      for (const c of e.within!) expect(countryCodes.has(c), `${e.id} -> ${c}`).toBe(true);
    }
    expect(entry('org:eu').within).toHaveLength(27);
    expect(entry('region:gulf').within).toEqual(expect.arrayContaining(['SA', 'AE', 'QA', 'IR']));
  });

  it('points every capital at an existing city of the same country', () => {
    const missing: string[] = [];
    for (const e of entries) {
      if (e.capital === undefined) continue;
      const cap = byId.get(e.capital);
      if (!cap || cap.kind !== 'city') missing.push(`${e.id} -> ${e.capital}`);
    }
    expect(missing).toEqual([]);
  });

  it('has no empty or padded names', () => {
    for (const e of entries) {
      for (const a of [...e.aliases, ...(e.demonyms ?? []), ...(e.metonyms ?? [])]) {
        expect(a.length > 0 && a === a.trim(), `${e.id}: "${a}"`).toBe(true);
      }
    }
  });

  it('lists as ambiguous only names the entry carries', () => {
    for (const e of entries) {
      const names = new Set([...e.aliases, ...(e.demonyms ?? []), ...(e.metonyms ?? [])]);
      for (const a of e.ambiguous ?? []) expect(names.has(a), `${e.id}: ${a}`).toBe(true);
    }
  });

  it('has no alias naming two entries of one type unless all but one list it as ambiguous', () => {
    const groups = new Map<string, GazetteerEntry[]>();
    for (const e of entries) {
      for (const a of new Set(e.aliases.map((x) => x.toLowerCase()))) {
        const key = `${e.type}\u0000${a}`;
        const g = groups.get(key) ?? [];
        g.push(e);
        groups.set(key, g);
      }
    }
    const collisions: string[] = [];
    for (const [key, group] of groups) {
      if (group.length < 2) continue;
      const alias = key.split('\u0000')[1]!;
      const unmarked = group.filter((e) => !(e.ambiguous ?? []).some((a) => a.toLowerCase() === alias));
      if (unmarked.length > 1) collisions.push(`"${alias}": ${group.map((e) => e.id).join(', ')}`);
    }
    expect(collisions).toEqual([]);
  });

  it('marks a name shared across types (place, person, organization) as ambiguous on all but one', () => {
    const groups = new Map<string, GazetteerEntry[]>();
    for (const e of entries) {
      for (const a of new Set(e.aliases.map((x) => x.toLowerCase()))) {
        const g = groups.get(a) ?? [];
        g.push(e);
        groups.set(a, g);
      }
    }
    const collisions: string[] = [];
    for (const [alias, group] of groups) {
      if (new Set(group.map((e) => e.type)).size < 2) continue;
      const unmarked = group.filter((e) => !(e.ambiguous ?? []).some((a) => a.toLowerCase() === alias));
      if (unmarked.length > 1) collisions.push(`"${alias}": ${group.map((e) => e.id).join(', ')}`);
    }
    expect(collisions).toEqual([]);
  });

  it('has no demonym shared by two entries unless all but one list it as ambiguous', () => {
    const groups = new Map<string, GazetteerEntry[]>();
    for (const e of entries) {
      for (const d of new Set((e.demonyms ?? []).map((x) => x.toLowerCase()))) {
        const g = groups.get(d) ?? [];
        g.push(e);
        groups.set(d, g);
      }
    }
    const collisions: string[] = [];
    for (const [demonym, group] of groups) {
      const unmarked = group.filter((e) => !(e.ambiguous ?? []).some((a) => a.toLowerCase() === demonym));
      if (unmarked.length > 1) collisions.push(`"${demonym}": ${group.map((e) => e.id).join(', ')}`);
    }
    expect(collisions).toEqual([]);
  });

  it('keeps the much larger of two same-named cities as the default reading', () => {
    expect(entry('city:GB-london').ambiguous ?? []).not.toContain('London');
    expect(entry('city:CA-london').ambiguous).toContain('London');
    // Valencia ES and Valencia VE are of a size: both need context.
    expect(entry('city:ES-valencia').ambiguous).toContain('Valencia');
    expect(entry('city:VE-valencia').ambiguous).toContain('Valencia');
  });

  it('carries a capital\'s ambiguity over to the capital-name metonym', () => {
    expect(entry('country:SC').metonyms).toContain('Victoria');
    expect(entry('country:SC').ambiguous).toContain('Victoria');
    expect(entry('country:GB').ambiguous ?? []).not.toContain('London');
  });

  it('adds a diacritic-free alias wherever an alias has diacritics', () => {
    for (const e of entries) {
      const set = new Set(e.aliases);
      for (const a of e.aliases) expect(set.has(foldDiacritics(a)), `${e.id}: ${a}`).toBe(true);
    }
  });
});

describe('required entries', () => {
  it.each([
    ['country:KP', 'DPRK'],
    ['country:KP', "Democratic People's Republic of Korea"],
    ['country:US', 'U.S.'],
    ['country:US', 'USA'],
    ['country:US', 'United States of America'],
    ['country:GB', 'Britain'],
    ['country:GB', 'Great Britain'],
    ['country:RU', 'Russian Federation'],
    ['country:CI', "Côte d'Ivoire"],
    ['country:CI', "Cote d'Ivoire"],
    ['country:CZ', 'Czechia'],
    ['country:MM', 'Burma'],
    ['country:TR', 'Türkiye'],
    ['country:SZ', 'Swaziland'],
    ['country:CD', 'Zaire'],
    ['country:SU', 'USSR'],
    ['country:DD', 'East Germany'],
    ['country:YU', 'Yugoslavia'],
    ['country:CS', 'Czechoslovakia'],
    ['person:kim-jong-un', 'Kim Jong-un'],
    ['person:muammar-gaddafi', 'Qaddafi'],
    ['person:muammar-gaddafi', 'Kadhafi'],
    ['person:volodymyr-zelensky', 'Zelenskiy'],
    ['person:volodymyr-zelensky', 'Zelenskyy'],
    ['person:recep-tayyip-erdogan', 'Erdogan'],
    ['person:benjamin-netanyahu', 'Bibi'],
    ['org:houthis', 'Ansar Allah'],
    ['org:islamic-state', 'ISIL'],
    ['org:un', 'U.N.'],
    ['city:UA-kyiv', 'Kiev'],
    ['region:PS-gaza-strip', 'Gaza'],
  ])('%s has the alias %s', (id, alias) => {
    expect(entry(id).aliases).toContain(alias);
  });

  it.each([
    ['country:KP', 'North Korean'],
    ['country:IL', 'Israeli'],
    ['country:AE', 'Emirati'],
    ['country:PH', 'Filipino'],
  ])('%s has the demonym %s', (id, demonym) => {
    expect(entry(id).demonyms).toContain(demonym);
  });

  it.each([
    ['country:RU', 'the Kremlin'],
    ['country:RU', 'Moscow'],
    ['country:US', 'White House'],
    ['country:US', 'Washington'],
    ['country:GB', 'Downing Street'],
    ['country:FR', 'Élysée'],
    ['country:KP', 'Pyongyang'],
    ['country:CN', 'Beijing'],
    ['country:UA', 'Kiev'],
  ])('%s has the metonym %s', (id, metonym) => {
    expect(entry(id).metonyms).toContain(metonym);
  });

  it('makes Pyongyang the capital of North Korea and links it back', () => {
    expect(entry('country:KP').capital).toBe('city:KP-pyongyang');
    expect(entry('city:KP-pyongyang').country).toBe('KP');
  });

  it('files the Gaza Strip and the West Bank as regions of Palestine', () => {
    for (const id of ['region:PS-gaza-strip', 'region:PS-west-bank']) {
      expect(entry(id).kind).toBe('region');
      expect(entry(id).country).toBe('PS');
    }
  });

  it('has every ISO country with its alpha-3 code', () => {
    expect(entry('country:KP').iso3).toBe('PRK');
    expect(entry('country:TW').kind).toBe('country');
    expect(entry('country:HK').kind).toBe('country');
    expect(entry('country:XK').kind).toBe('country');
    expect(entries.filter((e) => e.kind === 'country' && e.iso3).length).toBeGreaterThanOrEqual(249);
  });

  it.each([
    ['country:GE', 'Georgia'],
    ['region:US-GA', 'Georgia'],
    ['country:JO', 'Jordan'],
    ['country:TD', 'Chad'],
    ['country:TR', 'Turkey'],
    ['region:US-WA', 'Washington'],
    ['city:US-washington', 'Washington'],
  ])('%s marks %s as ambiguous', (id, alias) => {
    expect(entry(id).ambiguous).toContain(alias);
  });

  it('meets the coverage targets for hand-written kinds', () => {
    const count = (kind: GazetteerEntry['kind']) => entries.filter((e) => e.kind === kind).length;
    expect(count('organization')).toBeGreaterThanOrEqual(250);
    expect(count('person')).toBeGreaterThanOrEqual(300);
    expect(count('country')).toBeGreaterThanOrEqual(250);
  });
});

describe('taxonomies', () => {
  const byName = new Map(taxonomyFile.taxonomies.map((t) => [t.name, t]));

  it('has the three presets', () => {
    expect([...byName.keys()]).toEqual(['newsroom', 'guardian', 'un-m49']);
  });

  it('uses only known country codes', () => {
    for (const t of taxonomyFile.taxonomies) {
      for (const codes of Object.values(t.sections)) for (const c of codes) expect(countryCodes.has(c), `${t.name}: ${c}`).toBe(true);
    }
  });

  it('has the eight newsroom sections in order, each non-empty', () => {
    const t = byName.get('newsroom')!;
    expect(Object.keys(t.sections)).toEqual([
      'Africa', 'Asia', 'Asia-Pacific', 'Europe', 'Latin America', 'MENA', 'Palestine', 'US & Canada',
    ]);
    for (const codes of Object.values(t.sections)) expect(codes.length).toBeGreaterThan(0);
  });

  it.each([
    ['newsroom', 'PS', 'Palestine'],
    ['newsroom', 'PS', 'MENA'],
    ['newsroom', 'KP', 'Asia'],
    ['newsroom', 'KP', 'Asia-Pacific'],
    ['newsroom', 'US', 'US & Canada'],
    ['newsroom', 'SU', 'Europe'],
    ['newsroom', 'EG', 'MENA'],
    ['newsroom', 'BR', 'Latin America'],
    ['newsroom', 'MX', 'Latin America'],
    ['newsroom', 'TR', 'Europe'],
    ['newsroom', 'TR', 'MENA'],
    ['guardian', 'GB', 'UK news'],
    ['guardian', 'US', 'US news'],
    ['guardian', 'AU', 'Australia news'],
    ['guardian', 'AU', 'Asia Pacific'],
    ['guardian', 'IN', 'South and central Asia'],
    ['guardian', 'AF', 'South and central Asia'],
    ['guardian', 'IL', 'Middle East and north Africa'],
    ['guardian', 'TR', 'Europe'],
    ['guardian', 'SU', 'Europe'],
    ['un-m49', 'KP', 'Eastern Asia'],
    ['un-m49', 'FR', 'Europe'],
  ])('%s files %s under %s', (name, code, section) => {
    expect(byName.get(name)!.sections[section]).toContain(code);
  });

  it('keeps Mexico out of US & Canada and Israel out of Palestine', () => {
    const sections = byName.get('newsroom')!.sections;
    expect(sections['US & Canada']).not.toContain('MX');
    expect(sections['Palestine']).toEqual(['PS']);
  });

  it('files every current country somewhere in newsroom and guardian, except uninhabited territories', () => {
    const uninhabited = new Set(['AQ', 'BV', 'GS', 'HM', 'TF']);
    for (const name of ['newsroom', 'guardian']) {
      const filed = new Set(Object.values(byName.get(name)!.sections).flat());
      const missing = [...countryCodes].filter((c) => c && !filed.has(c) && !uninhabited.has(c));
      expect(missing, name).toEqual([]);
    }
  });
});

describe('build helpers', () => {
  it.each([
    ['São Paulo', 'sao-paulo'],
    ["Côte d'Ivoire", 'cote-divoire'],
    ['Washington, D.C.', 'washington-dc'],
    ['Đoković', 'dokovic'],
  ])('slugify(%s) = %s', (input, out) => {
    expect(slugify(input)).toBe(out);
  });

  it.each([
    ['Zürich', 'Zurich'],
    ['Erdoğan', 'Erdogan'],
    ['Łódź', 'Lodz'],
    ['Kyiv', 'Kyiv'],
  ])('foldDiacritics(%s) = %s', (input, out) => {
    expect(foldDiacritics(input)).toBe(out);
  });

  it('folds idempotently and slugs to lower-case hyphenated words', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const folded = foldDiacritics(s);
        expect(foldDiacritics(folded)).toBe(folded);
        const slug = slugify(s);
        expect(slug).toBe(slug.toLowerCase());
        expect(slug).not.toMatch(/^-|-$|--/u);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});
