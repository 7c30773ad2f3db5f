/** Every option of related() and readNext() is checked: a bad value is INVALID_OPTION, never a TypeError or a silent default. */
import { describe, expect, it } from 'vitest';
import { createCorpusIndex, isNewsTaggerError } from '../src/index.js';

const index = createCorpusIndex();
index.addAll([
  { id: 'strike', title: 'Dockers strike in the harbour of Valparaíso', body: 'Dockers stopped the cranes in the harbour on Monday over pay.', section: 'Business' },
  { id: 'deal', title: 'Dockers accept the harbour pay deal', body: 'The union of dockers accepted the pay deal of the harbour authority.', section: 'Business' },
  { id: 'flood', title: 'Floods reach the quays of Passau', body: 'The river rose above the quays of Passau overnight.', section: 'World' },
]);

/** Bad values per option; `both` options are checked by related() and readNext() alike. */
const BOTH: Record<string, unknown[]> = {
  k: [-1, 2.5, 'x', null, Number.NaN, 1e9],
  exclude: [5, 'strike', null, {}, [{}], [null], [Symbol('x')]],
  halfLifeDays: [-1, 'x', Number.NaN],
  diversity: [-0.1, 1.1, 'x'],
  candidates: [0, 1.5, 'x'],
  now: ['yesterday', {}, Number.NaN, null],
  lang: [5, null, {}],
  since: ['x', {}, null],
  until: ['x', null],
  maxAgeDays: [-1, 'x', null],
  nonsense: [1],
};
const RELATED_ONLY: Record<string, unknown[]> = {
  section: [5, [5], 'sideways', null],
  minScore: [-1, 'x'],
  entityBoost: [-1],
  collapse: ['yes', 1],
  duplicateThreshold: [2, -1],
  maxQueryTerms: [0, 1.5],
  exact: [1, 'true'],
  feedbackDocs: [-1, 1.5],
  feedbackWeight: [-1],
  feedbackMode: ['rerank', 1, null],
  localScaling: [-1, Number.POSITIVE_INFINITY],
};
const READ_NEXT_ONLY: Record<string, unknown[]> = {
  shown: [5, 'strike', null, {}, [{}], [null]],
  relatedK: [-1, 1.5, 'x'],
  targetSimilarity: [0, 2, 'x'],
  otherSectionFactor: [-1, 2, 'x'],
  section: ['same'], // a related() option readNext does not take
};

function codeOf(call: () => unknown): unknown {
  try {
    call();
    return 'no error';
  } catch (error) {
    return isNewsTaggerError(error) ? error.code : String(error);
  }
}

describe('option checking of related() and readNext()', () => {
  const cases: [string, string, unknown][] = [];
  for (const [key, values] of Object.entries({ ...BOTH, ...RELATED_ONLY })) for (const v of values) cases.push(['related', key, v]);
  for (const [key, values] of Object.entries({ ...BOTH, ...READ_NEXT_ONLY })) for (const v of values) cases.push(['readNext', key, v]);

  it.each(cases)('%s rejects %s = %o with INVALID_OPTION (k = 0 and k = 3)', (fn, key, value) => {
    for (const k of key === 'k' ? [undefined] : [0, 3]) {
      const options = { ...(k === undefined ? {} : { k }), [key]: value };
      const call = fn === 'related' ? () => index.related('strike', options as never) : () => index.readNext('strike', options as never);
      expect(codeOf(call)).toBe('INVALID_OPTION');
    }
  });

  it('rejects options that are not an object', () => {
    for (const options of [5, 'k', null, []]) {
      expect(codeOf(() => index.readNext('strike', options as never))).toBe('INVALID_OPTION');
      if (!Array.isArray(options)) expect(codeOf(() => index.related('strike', options as never))).toBe('INVALID_OPTION');
    }
  });

  it('accepts good values of the same options', () => {
    expect(index.readNext('strike', { k: 2, shown: new Set(['deal']), exclude: ['flood'], relatedK: 0, now: '2024-05-01', lang: 'any' }).map((r) => r.id)).toEqual([]);
    expect(index.related('strike', { k: 2, exclude: new Set(['flood']), section: ['Business'], lang: 'any' }).map((r) => r.id)).toEqual(['deal']);
  });
});
