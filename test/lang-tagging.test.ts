import { describe, expect, it } from 'vitest';
import { createTagger, type ArticleAnalysis } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';

// the core with the Arabic and Spanish names (news-tagger/languages), as news-tagger gives them in Node
const tagger = createTagger({ languages: [arabic(), spanish()] });

/** Every mention's offsets map back to a span of the caller's string that holds its text (marks aside). */
function expectOffsetsMapBack(analysis: ArticleAnalysis, source: Record<string, string>): void {
  for (const m of analysis.mentions) {
    const field = analysis.text.fields.find((f) => f.field === m.field);
    expect(field).toBeDefined();
    const from = field!.toSource(m.start);
    const to = field!.toSource(m.end);
    const original = source[m.field] as string;
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeLessThanOrEqual(original.length);
    expect(from).toBeLessThanOrEqual(to);
    expect(field!.text.slice(m.start, m.end)).toBe(m.text);
  }
}

describe('Arabic articles', () => {
  const article = {
    id: 'ar-1',
    title: 'وزير الخارجية الروسي يصل إلى بكين',
    body: 'وصل وزير الخارجية الروسي إلى العاصمة الصينية بكين، حيث التقى نظيره الصيني. وقالت مصادر إن روسيا والصين اتفقتا على توسيع التعاون، وإن لروسيا مصلحة في ذلك. وفي سياق آخر، عقدت وزارة الخارجية اجتماعا بالصين مع وفد من الولايات المتحدة الأميركية.',
    lang: 'ar',
  };

  it('finds countries with proclitics, nisba demonyms and capitals, labelled in Arabic', () => {
    const tags = tagger.suggestTags(article);
    const ids = tags.map((t) => t.id);
    expect(ids.slice(0, 2).sort()).toEqual(['country:CN', 'country:RU']);
    const russia = tags.find((t) => t.id === 'country:RU')!;
    expect(russia.label).toBe('روسيا');
    expect(russia.aliases).toContain('Russia');
    const texts = russia.evidence.mentions.map((m) => m.text);
    expect(texts).toContain('روسيا'); // from "لروسيا": the mention starts after the preposition
    expect(texts).toContain('الروسي');
  });

  it('matches "والصين", "بالصين" and "للولايات المتحدة" through their proclitics', () => {
    const analysis = tagger.analyze(article);
    const china = analysis.mentions.filter((m) => m.entityId === 'country:CN').map((m) => m.text);
    expect(china).toEqual(expect.arrayContaining(['الصين']));
    expect(china.length).toBeGreaterThanOrEqual(3);
    expect(analysis.mentions.some((m) => m.entityId === 'country:US')).toBe(true);
    expectOffsetsMapBack(analysis, article);
  });

  it('detects the language when lang is absent', () => {
    const { lang, ...unlabelled } = article;
    expect(lang).toBe('ar');
    expect(tagger.analyze(unlabelled).text.lang).toBe('ar');
    expect(tagger.suggestTags(unlabelled).map((t) => t.id)).toEqual(tagger.suggestTags(article).map((t) => t.id));
  });

  it('matches through diacritics, tatweel, RTL marks and presentation forms, with offsets into the source', () => {
    const body = '\u200fقالت مصادر في مُوسْكُو إن رُوسِيـــا تدعم الحوار، وإن ﺭﻭﺳﻴﺎ لن تتراجع.\u200f وصل الوفد إلى ﻃﻬﺮﺍﻥ.';
    const a = { id: 'ar-2', title: '', body, lang: 'ar' };
    const analysis = tagger.analyze(a);
    const russia = analysis.entities.find((e) => e.id === 'country:RU');
    expect(russia?.mentions.length).toBeGreaterThanOrEqual(3); // Moscow (a capital), the name with marks, the presentation forms
    expect(analysis.mentions.some((m) => m.entityId === 'city:IR-tehran')).toBe(true);
    expect(analysis.text.tokens.some((t) => t.text.includes('\u200f'))).toBe(false);
    expectOffsetsMapBack(analysis, a);
  });

  it('reads Persian and Urdu letters without crashing', () => {
    const a = { id: 'fa', title: 'دیدار در تهران', body: 'وزیر امور خارجه ایران با همتای روسی خود در تهران دیدار کرد. کابل و اسلام‌آباد هم نماینده فرستادند.', lang: 'ar' };
    const analysis = tagger.analyze(a);
    expect(analysis.text.tokens.length).toBeGreaterThan(10);
    expectOffsetsMapBack(analysis, a);
    expect(analysis.mentions.some((m) => m.entityId === 'country:IR')).toBe(true);
  });

  it('never uses capital letters to find Arabic names (no NER, no name heuristics)', () => {
    const analysis = tagger.analyze(article);
    expect(analysis.mentions.every((m) => m.source === 'gazetteer')).toBe(true);
  });
});

describe('Spanish articles', () => {
  const article = {
    id: 'es-1',
    title: 'El canciller ruso viaja a Pekín',
    body: 'El canciller ruso llegó a Pekín para reunirse con su homólogo chino. Según la ministra de Exteriores, Lucía Fernández del Campo, Rusia y China firmaron un acuerdo. Los rusos y EEUU discutieron después en Ginebra. Dijo el Ministerio de Defensa que la Unión Europea y la OTAN seguirán de cerca la situación.',
    lang: 'es',
  };

  it('finds countries by Spanish names, demonyms in every form, exonyms and press forms', () => {
    const analysis = tagger.analyze(article);
    const byId = (id: string) => analysis.mentions.filter((m) => m.entityId === id).map((m) => m.text);
    expect(byId('country:RU')).toEqual(expect.arrayContaining(['ruso', 'Rusia', 'rusos']));
    expect(byId('country:US')).toContain('EEUU');
    expect(analysis.mentions.some((m) => m.entityId === 'org:nato')).toBe(true);
    expect(analysis.mentions.some((m) => m.entityId === 'org:eu')).toBe(true);
    const tags = tagger.suggestTags(article);
    expect(tags.map((t) => t.id).slice(0, 2).sort()).toEqual(['country:CN', 'country:RU']);
    expect(tags.find((t) => t.id === 'country:RU')?.label).toBe('Rusia');
  });

  it('finds unknown people after Spanish titles, with the particles of Spanish names', () => {
    const analysis = tagger.analyze(article);
    const person = analysis.entities.find((e) => e.id === 'new:Lucía Fernández del Campo');
    expect(person?.type).toBe('person');
    const org = analysis.mentions.find((m) => m.text === 'Ministerio de Defensa');
    expect(org?.type).toBe('organization');
  });

  it('splits two names joined by "y"', () => {
    const a = { id: 'es-2', title: '', body: 'La reunión terminó tarde. Marta Ruiz Soto y Pablo Díaz Olmo dijeron que volverán a Lima.', lang: 'es' };
    const texts = tagger.analyze(a).mentions.filter((m) => m.source === 'names').map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['Marta Ruiz Soto', 'Pablo Díaz Olmo']));
  });
});

describe('mixed and other languages', () => {
  it('tags an English article as before, even with Arabic and Spanish words in it', () => {
    const a = {
      id: 'en-mixed',
      title: 'Russia and China sign a deal',
      body: 'Russian and Chinese officials signed the deal in Beijing. A banner read "روسيا والصين" and a Spanish visitor said "¡qué día!". The foreign minister said the talks would continue.',
    };
    const analysis = tagger.analyze(a);
    expect(analysis.text.lang).toBe('en');
    expect(tagger.suggestTags(a).map((t) => t.id).slice(0, 2).sort()).toEqual(['country:CN', 'country:RU']);
    expect(tagger.suggestTags(a)[0]?.label).toMatch(/^(Russia|China)$/u);
  });

  it('an article in another language is analyzed as English', () => {
    expect(tagger.analyze({ id: 'fr', title: 'La Russie et la Chine', body: 'Le ministre russe est arrivé à Pékin.', lang: 'fr' }).text.lang).toBe('en');
  });
});
