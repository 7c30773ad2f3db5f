import { describe, expect, it } from 'vitest';
import { confirmedBy } from '../src/entities/recognize.js';
import { createNerRecognizer, createTagger, nameRecognizer, type Mention, type Recognizer } from '../src/node.js';

const withModel = createTagger();
const heuristicOnly = createTagger({ recognizers: (defaults) => [defaults[0] as Recognizer, nameRecognizer()] });

const people = (tagger: ReturnType<typeof createTagger>, body: string): string[] =>
  tagger
    .analyze({ id: 'n', body })
    .entities.filter((e) => e.type === 'person')
    .map((e) => e.label)
    .sort();

describe('the default tagger uses the trained model', () => {
  // capitalized words before a verb of speech look like a name to the heuristic recognizer alone
  const cases = [
    { body: 'Several Witnesses told the court that the lorry had been moving fast when it left the road near Leeds.', falseName: 'Several Witnesses' },
    { body: 'Negotiators met in Geneva for a third day. Neither Side said when the talks would resume.', falseName: 'Neither Side' },
  ];
  for (const { body, falseName } of cases) {
    it(`drops "${falseName}", which the model does not read as a name`, () => {
      expect(people(heuristicOnly, body)).toContain(falseName);
      expect(people(withModel, body)).not.toContain(falseName);
    });
  }

  it('keeps an unknown person the model confirms', () => {
    const body = 'Brackenford will close its old bridge for repairs, Mayor Tomasz Wierzbicki said on Monday. Wierzbicki told reporters the work would take a month.';
    expect(people(withModel, body)).toContain('Tomasz Wierzbicki');
  });

  it('gives a recognizers function the two defaults, and the model still joins when a caller adds it', () => {
    let seen: string[] = [];
    const tagger = createTagger({
      recognizers: (defaults) => {
        seen = defaults.map((r) => r.name);
        return [...defaults, createNerRecognizer()];
      },
    });
    tagger.analyze({ id: 'x', body: 'Olaf Scholz met Emmanuel Macron in Paris.' });
    expect(seen).toEqual(['gazetteer', 'names']);
  });
});

describe('confirmedBy', () => {
  const m = (tokenStart: number, tokenEnd: number): Mention => ({ text: '', type: 'person', field: 'body', start: tokenStart, end: tokenEnd, tokenStart, tokenEnd, source: 't' });
  const rows: { names: [number, number][]; model: [number, number][]; kept: [number, number][] }[] = [
    { names: [], model: [[0, 2]], kept: [] },
    { names: [[0, 2]], model: [], kept: [] },
    { names: [[0, 2], [5, 7]], model: [[1, 2]], kept: [[0, 2]] },
    { names: [[0, 2], [5, 7]], model: [[6, 9], [2, 4]], kept: [[5, 7]] },
    { names: [[3, 4]], model: [[0, 3], [4, 6]], kept: [] },
    { names: [[0, 3], [4, 6]], model: [[2, 5]], kept: [[0, 3], [4, 6]] },
  ];
  for (const { names, model, kept } of rows) {
    it(`${JSON.stringify(names)} confirmed by ${JSON.stringify(model)}`, () => {
      const out = confirmedBy(names.map(([a, b]) => m(a, b)), model.map(([a, b]) => m(a, b)));
      expect(out.map((x) => [x.tokenStart, x.tokenEnd])).toEqual(kept);
    });
  }
});
