import { describe, expect, it } from 'vitest';
import { createTagger, isNewsTaggerError, loadSiteModel, SITE_MODEL_VERSION, trainSiteModel, type SiteModel } from '../../src/node.js';
import { fictionalArchive, sectionArchive } from './archive.js';

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(isNewsTaggerError(error), String(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected a NewsTaggerError ${code}`);
}

let trained: SiteModel | undefined;
const model = (): SiteModel => (trained ??= trainSiteModel(fictionalArchive()));

const NEW_HARVEST = {
  id: 'new-1',
  title: 'Wheat harvest in Norway fills the grain silos',
  body: 'Farmers in Norway finished the wheat harvest this week and the grain silos are full. The barley harvest was strong too, the farm ministry said, and combine harvesters worked late into the evening.',
};
const NEW_MISSILE = {
  id: 'new-2',
  title: 'North Korea launches a missile over the sea',
  body: 'North Korea fired a ballistic missile on Monday, the South Korean military said. Pyongyang said the missile tested a new engine for its programme.',
};

describe('trainSiteModel: the tag list', () => {
  it('learns entity tags through the gazetteer, in the site spelling, and topic tags', () => {
    const tags = new Map(model().tags().map((t) => [t.label, t]));
    expect(tags.get('DPRK')).toMatchObject({ kind: 'entity', type: 'place', entity: 'country:KP' });
    expect(tags.get('France')).toMatchObject({ kind: 'entity', entity: 'country:FR' });
    expect(tags.get('Harvest')).toMatchObject({ kind: 'topic', type: 'other' });
    expect(tags.get('Missiles')?.kind).toBe('topic');
    expect(model().stats.articles).toBe(72);
  });
});

describe('createTagger({ site })', () => {
  it("returns the site's tags, entities and topics, with kinds, probability-like scores and evidence", () => {
    const tagger = createTagger({ site: model() });
    const tags = tagger.suggestTags(NEW_HARVEST);
    const labels = tags.map((t) => t.label);
    expect(labels).toContain('Harvest');
    expect(labels).toContain('Norway');
    expect(labels).not.toContain('Missiles');
    const harvest = tags.find((t) => t.label === 'Harvest');
    expect(harvest?.kind).toBe('topic');
    expect(harvest?.evidence.neighbours?.length).toBeGreaterThan(0);
    expect(tags.find((t) => t.label === 'Norway')?.kind).toBe('entity');
    for (let i = 0; i < tags.length; i++) {
      expect(tags[i]!.score).toBeGreaterThanOrEqual(0);
      expect(tags[i]!.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(tags[i]!.score).toBeLessThanOrEqual(tags[i - 1]!.score);
    }
  });

  it('shows the site spelling of an entity ("DPRK" for North Korea)', () => {
    const tags = createTagger({ site: model() }).tag(NEW_MISSILE).tags;
    const dprk = tags.find((t) => t.id === 'country:KP');
    expect(dprk?.label).toBe('DPRK');
    expect(tags.map((t) => t.label)).toContain('Missiles');
  });

  it('takes limit and minScore per call over the model threshold', () => {
    const tagger = createTagger({ site: model() });
    expect(tagger.suggestTags(NEW_HARVEST, { limit: 1 })).toHaveLength(1);
    const all = tagger.suggestTags(NEW_HARVEST, { minScore: 0, limit: 50 });
    expect(all.length).toBeGreaterThan(tagger.suggestTags(NEW_HARVEST).length);
  });

  it('leaves tagging without a site model as it was', () => {
    const plain = createTagger().suggestTags(NEW_MISSILE);
    expect(plain.every((t) => t.kind === undefined)).toBe(true);
    expect(plain.map((t) => t.id)).toContain('country:KP');
  });
});

describe('createTagger({ site }): region sections as tags', () => {
  it("suggests a tag named like a bundled preset's section for a country the archive never covered", () => {
    const tagger = createTagger({ site: trainSiteModel(sectionArchive()) });
    const labels = (title: string, body: string): string[] => tagger.tag({ id: 'n', title, body }).tags.map((t) => t.label);
    const nepal = labels('Kathmandu council votes to rebuild the fish market', 'The city council of Kathmandu in Nepal voted on Thursday to rebuild the old fish market. Stallholders in Nepal said the roof had leaked for years, and the mayor of Kathmandu promised new cold stores.');
    const ecuador = labels('Guayaquil council votes to rebuild the fish market', 'The city council of Guayaquil in Ecuador voted on Thursday to rebuild the old fish market. Stallholders in Ecuador said the roof had leaked for years, and the mayor of Guayaquil promised new cold stores.');
    expect(nepal).toContain('South and central Asia');
    expect(nepal).not.toContain('Americas');
    expect(ecuador).toContain('Americas');
    expect(ecuador).not.toContain('South and central Asia');
  });
});

describe('site model files', () => {
  it('save -> load -> save gives the same bytes, and the loaded model tags the same', () => {
    const bytes = model().save();
    const loaded = loadSiteModel(bytes);
    expect(loaded.save()).toEqual(bytes);
    expect(createTagger({ site: bytes }).suggestTags(NEW_HARVEST)).toEqual(createTagger({ site: model() }).suggestTags(NEW_HARVEST));
  });

  it('rejects a file that is not a site model, a damaged one, and one from another version', () => {
    const bytes = model().save();
    expectCode(() => loadSiteModel(new Uint8Array([1, 2, 3])), 'SITE_MODEL_FORMAT');
    expectCode(() => loadSiteModel(new TextEncoder().encode('NTCI this is an index, not a model')), 'SITE_MODEL_FORMAT');
    const damaged = bytes.slice();
    damaged[damaged.length - 5] = (damaged[damaged.length - 5] as number) ^ 0xff;
    expectCode(() => loadSiteModel(damaged), 'SITE_MODEL_CORRUPT');
    const truncated = bytes.slice(0, bytes.length >> 1);
    expectCode(() => loadSiteModel(truncated), 'SITE_MODEL_CORRUPT');
    const other = bytes.slice();
    new DataView(other.buffer).setUint32(4, SITE_MODEL_VERSION + 1, true);
    expectCode(() => loadSiteModel(other), 'SITE_MODEL_VERSION');
    expectCode(() => createTagger({ site: damaged }), 'SITE_MODEL_CORRUPT');
  });

  it('refuses a model saved by an older format version with SITE_MODEL_VERSION, naming both versions', () => {
    expect(SITE_MODEL_VERSION).toBeGreaterThanOrEqual(2);
    const bytes = model().save();
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(SITE_MODEL_VERSION);
    for (const older of [1, SITE_MODEL_VERSION - 1, 0]) {
      const old = bytes.slice();
      new DataView(old.buffer).setUint32(4, older, true);
      expectCode(() => loadSiteModel(old), 'SITE_MODEL_VERSION');
      expectCode(() => createTagger({ site: old }), 'SITE_MODEL_VERSION');
      expect(() => loadSiteModel(old)).toThrow(new RegExp(`version ${older} .*expected ${SITE_MODEL_VERSION}.*train the model again`));
    }
  });
});

describe('trainSiteModel: bad input is skipped and counted, or a clear error', () => {
  it('skips articles without tags, blank and repeated tags, and counts them', () => {
    const archive: unknown[] = [...fictionalArchive(36), { id: 'x1', title: 'No tags here', body: 'A story.' }, { id: 'x2', title: 'Empty', body: 'A story.', tags: [] },
      { id: 'x3', title: 'Blank', body: 'Farmers in France.', tags: ['  ', '', 'France', 'France', 'FRANCE'] }, null, 'not an article', { id: 'x4', title: 7, body: 'x', tags: ['France'] }];
    const m = trainSiteModel(archive);
    expect(m.stats.articles).toBe(37);
    expect(m.stats.skippedArticles).toBe(5);
    expect(m.stats.tagList.blankTags).toBe(2);
    expect(m.stats.tagList.duplicateTags).toBe(2);
  });

  it('throws SITE_TRAINING when no article is usable, and INVALID_OPTION for bad options', () => {
    expectCode(() => trainSiteModel([{ id: 'a', title: 'x', body: 'y' }]), 'SITE_TRAINING');
    expectCode(() => trainSiteModel([]), 'SITE_TRAINING');
    expectCode(() => trainSiteModel(fictionalArchive(6), { validation: 1.5 }), 'INVALID_OPTION');
    expectCode(() => trainSiteModel(42 as unknown as []), 'INVALID_OPTION');
  });

  it('trains on 100,000 distinct tags and mixed scripts without a crash, leaving the rare tags out', () => {
    const archive = fictionalArchive(30).map((a, i) => ({
      ...a,
      tags: [...a.tags, ...Array.from({ length: 3400 }, (_, j) => `rare tag ${i}-${j}`)],
    }));
    archive.push({ id: 'ar1', date: '2024-03-01', title: 'حصاد القمح في مصر', body: 'جمع المزارعون في مصر محصول القمح هذا الأسبوع وامتلأت الصوامع.', lang: 'ar', tags: ['مصر', 'Harvest'] } as never);
    archive.push({ id: 'ar2', date: '2024-03-02', title: 'حصاد الشعير في مصر', body: 'قال المزارعون في مصر إن محصول الشعير كان جيدا هذا العام.', lang: 'ar', tags: ['مصر', 'Harvest'] } as never);
    const m = trainSiteModel(archive);
    expect(m.stats.tagList.distinctTags).toBeGreaterThan(100_000);
    expect(m.stats.tagList.rareTags).toBeGreaterThan(100_000);
    expect(m.tags().map((t) => t.label)).toContain('مصر');
    const tags = createTagger({ site: m }).suggestTags({ id: 'q', title: 'حصاد القمح', body: 'امتلأت الصوامع في مصر بالقمح.', lang: 'ar' });
    expect(Array.isArray(tags)).toBe(true);
  });
});
