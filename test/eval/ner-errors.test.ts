import { describe, expect, it } from 'vitest';
import { errorClasses, formatErrorClasses } from '../../eval/tasks/ner-errors.js';

// Invented sentences (IOB1) and predictions, one document each.
const sentences = [
  { words: ['The', 'Velmora', 'Party', 'won', '.'], tags: ['O', 'I-ORG', 'I-ORG', 'O', 'O'], doc: 1 },
  { words: ['KLPX', 'said', 'Tarnow', 'was', 'calm', '.'], tags: ['I-ORG', 'O', 'I-LOC', 'O', 'O', 'O'], doc: 2 },
  { words: ['Brelin', 'Steel', 'Corp', 'rose', '.'], tags: ['I-ORG', 'I-ORG', 'I-ORG', 'O', 'O'], doc: 3 },
];
const isPlace = (w: string) => w === 'Tarnow' || w === 'Brelin';

describe('organization error classes', () => {
  const predicted = [
    [{ start: 0, end: 3, type: 'ORG' as const }], // wrong boundaries ("The" included)
    [
      { start: 0, end: 1, type: 'PER' as const }, // acronym tagged PER
      { start: 2, end: 3, type: 'ORG' as const }, // a place tagged ORG
    ],
    [{ start: 0, end: 3, type: 'ORG' as const }], // right
  ];
  const e = errorClasses(sentences, predicted, isPlace);

  it('sorts every miss and every wrong prediction into one class', () => {
    expect(e.gold).toBe(3);
    expect(e.predicted).toBe(3);
    expect(e.missed).toEqual({ 'X party: wrong boundaries': 1, 'acronym: tagged PER': 1 });
    expect(e.spurious).toEqual({ 'X party: wrong boundaries': 1, 'one-word place name: gold LOC': 1 });
  });

  it('prints counts, largest first, and no text of the sentences', () => {
    const text = formatErrorClasses(e);
    expect(text).toContain('3 gold, 3 predicted; 2 gold missed');
    for (const word of ['Velmora', 'KLPX', 'Brelin']) expect(text).not.toContain(word);
  });
});
