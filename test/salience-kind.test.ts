import { describe, expect, it } from 'vitest';
import { kindFactor, SALIENCE_WEIGHTS } from '../src/entities/salience.js';
import type { Entity } from '../src/types.js';

const entity = (e: Partial<Entity> & Pick<Entity, 'id' | 'type'>): Entity => ({ label: e.id, mentions: [], ...e });

describe('kindFactor', () => {
  const rows: { name: string; e: Entity; factor: number }[] = [
    { name: 'a country', e: entity({ id: 'country:KP', type: 'place', kind: 'country', country: 'KP' }), factor: 1 },
    { name: 'a city', e: entity({ id: 'city:KP-pyongyang', type: 'place', kind: 'city', country: 'KP' }), factor: SALIENCE_WEIGHTS.city },
    { name: 'an international body', e: entity({ id: 'org:nato', type: 'organization', kind: 'organization' }), factor: SALIENCE_WEIGHTS.international },
    { name: 'an organization with a home country', e: entity({ id: 'org:kcna', type: 'organization', kind: 'organization', country: 'KP' }), factor: SALIENCE_WEIGHTS.organization },
    { name: 'an unknown organization', e: entity({ id: 'new:Brackenford Rowing Club', type: 'organization' }), factor: SALIENCE_WEIGHTS.organization * SALIENCE_WEIGHTS.unknown },
  ];
  for (const { name, e, factor } of rows) it(name, () => expect(kindFactor(e)).toBeCloseTo(factor, 10));
  it('ranks an international body above a ministry with the same evidence', () => {
    expect(SALIENCE_WEIGHTS.international).toBeGreaterThan(SALIENCE_WEIGHTS.organization);
  });
});
