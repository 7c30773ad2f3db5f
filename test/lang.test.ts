import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzerFor, articleLanguage, detectLanguage, languageCode } from '../src/text/lang/index.js';
import { arabicClitics, arabicFold, light10 } from '../src/text/lang/ar.js';
import { spanishStem } from '../src/text/lang/snowball-es.js';

const ar = analyzerFor('ar');
const es = analyzerFor('es');
const en = analyzerFor('en');

describe('Arabic folding', () => {
  it.each([
    ['رُوسِيَا', 'روسيا', 'short vowels'],
    ['روســيا', 'روسيا', 'tatweel'],
    ['أميركا', 'اميركا', 'alef with hamza above'],
    ['إيران', 'ايران', 'alef with hamza below'],
    ['آسيا', 'اسيا', 'alef madda'],
    ['ٱلقدس', 'القدس', 'alef wasla'],
    ['الضفة', 'الضفه', 'taa marbuta'],
    ['موسكو', 'موسكو', 'nothing to fold'],
    ['مصطفى', 'مصطفي', 'alef maqsura'],
    ['ﺭﻭﺳﻴﺎ', 'روسيا', 'presentation forms'],
    ['ایران', 'ايران', 'Persian yeh'],
    ['کابل', 'كابل', 'keheh'],
    ['۲۰۲۳', '2023', 'Persian digits'],
    ['٢٠٢٣', '2023', 'Arabic-Indic digits'],
    ['zürich', 'zurich', 'Latin diacritics as in English'],
  ])('%s -> %s (%s)', (input, out) => {
    expect(arabicFold(input)).toBe(out);
    expect(ar.fold(input)).toBe(out);
  });
});

describe('Arabic proclitics', () => {
  it.each([
    ['وروسيا', 'روسيا'],
    ['لروسيا', 'روسيا'],
    ['بالصين', 'الصين'],
    ['للصين', 'الصين'],
    ['وبالصين', 'الصين'],
    ['فلبنان', 'لبنان'],
    ['وللعراق', 'العراق'],
  ])('%s can be read as %s', (word, name) => {
    expect(arabicClitics(arabicFold(word))).toContain(arabicFold(name));
  });

  it('leaves short words and words without proclitics alone', () => {
    expect(arabicClitics('لها')).toEqual([]);
    expect(arabicClitics('مصر')).toEqual([]);
    expect(arabicClitics('روسيا')).toEqual([]);
  });

  it('tries the least stripped reading first', () => {
    expect(arabicClitics(arabicFold('ولبنان'))[0]).toBe('لبنان');
  });
});

describe('light10 (Larkey et al. 2007, as Lucene implements it)', () => {
  it.each([
    ['الحسن', 'حسن'],
    ['والحسن', 'حسن'],
    ['بالحسن', 'حسن'],
    ['كالحسن', 'حسن'],
    ['فالحسن', 'حسن'],
    ['للاخر', 'اخر'],
    ['وحسن', 'حسن'],
    ['زوجها', 'زوج'],
    ['ساهدان', 'ساهد'],
    ['ساهدات', 'ساهد'],
    ['ساهدون', 'ساهد'],
    ['ساهدين', 'ساهد'],
    ['ساهديه', 'ساهد'],
    ['ساهدية', 'ساهد'],
    ['ساهده', 'ساهد'],
    ['ساهدي', 'ساهد'],
    ['وساهدون', 'ساهد'],
    ['زوجهات', 'زوج'],
    ['الو', 'الو'],
    ['وحس', 'وحس'],
  ])('%s -> %s', (word, stem) => {
    expect(light10(arabicFold(word))).toBe(stem);
    expect(ar.stem(word)).toBe(stem);
  });

  it('gives the index one term for the forms of a word', () => {
    const forms = ['المفاوضات', 'مفاوضات', 'والمفاوضات', 'بالمفاوضات'];
    expect(new Set(forms.map((w) => ar.term(w, true))).size).toBe(1);
  });

  it('drops stopwords, also with a conjunction attached', () => {
    for (const w of ['في', 'وفي', 'فإن', 'الذي', 'وقال', 'فيها']) expect(ar.term(w, true), w).toBeNull();
    expect(ar.term('المفاوضات', false)).toBe('المفاوضات');
  });
});

describe('Snowball Spanish', () => {
  it('stems the reference vocabulary with 0 differences', () => {
    const text = gunzipSync(readFileSync(join(__dirname, 'fixtures', 'snowball-spanish', 'voc-output.tsv.gz'))).toString('utf8');
    const lines = text.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBe(28390);
    const diffs: string[] = [];
    for (const line of lines) {
      const [word, stem] = line.split('\t') as [string, string];
      const got = spanishStem(word);
      if (got !== stem) diffs.push(`${word}: ${got} (reference ${stem})`);
    }
    expect(diffs.slice(0, 10)).toEqual([]);
  });

  it('folds accents in index terms and match keys, not in the text', () => {
    expect(es.fold('méxico')).toBe('mexico');
    expect(es.fold('perú')).toBe('peru');
    expect(es.term('elecciones', true)).toBe(es.term('elección', true));
    expect(es.term('presidencial', true)).toBe(es.term('presidenciales', true));
    expect(es.term('según', true)).toBeNull();
    expect(es.term('segun', true)).toBeNull();
  });
});

describe('English analyzer', () => {
  it('is the analysis of before: Porter stems, the English stopwords, no clitics', () => {
    expect(en.term('elections', true)).toBe('elect');
    expect(en.term('the', true)).toBeNull();
    expect(en.term('zürich', false)).toBe('zürich');
    expect(en.fold('zürich')).toBe('zurich');
    expect(en.clitics('andrussia')).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['وصل وزير الخارجية إلى موسكو صباح اليوم لإجراء محادثات مع نظيره الروسي حول الأوضاع في المنطقة.', 'ar'],
    ['El ministro de Exteriores llegó a Madrid para reunirse con su homólogo y hablar sobre la crisis en la región.', 'es'],
    ['The foreign minister arrived in Moscow on Monday for talks with his counterpart about the situation in the region.', 'en'],
    ['', 'en'],
    ['12 345 — !!', 'en'],
    ['وزیر امور خارجه ایران امروز به مسکو سفر کرد و با همتای روسی خود دیدار کرد.', 'ar'],
    ['The mayor of San José, who said "la ciudad está lista", opened the new line on Tuesday and thanked the workers of the city.', 'en'],
  ])('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('reads only the start of a long text', () => {
    const long = `${'El gobierno de la ciudad y los vecinos. '.repeat(200)}${'The council and the city. '.repeat(10_000)}`;
    expect(detectLanguage(long)).toBe('es');
  });

  it('maps language tags and article fields', () => {
    expect(languageCode('es-MX')).toBe('es');
    expect(languageCode('AR_eg')).toBe('ar');
    expect(languageCode('fr')).toBeUndefined();
    expect(articleLanguage({ lang: 'fr', title: 'El gobierno y la ciudad de los vecinos' })).toBe('en');
    expect(articleLanguage({ title: 'حزب الله', body: 'قالت الحكومة في بيروت إن المحادثات مستمرة' })).toBe('ar');
  });
});
