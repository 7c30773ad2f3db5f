/** A tiny NER corpus written for the tests (invented news sentences, IOB1 tags). */
import type { NerSentence } from '../../../src/entities/ner/train.js';

const RAW = `
Mayor Lena Okafor opened the new bridge in Tarnow on Monday .|O I-PER I-PER O O O O O I-LOC O O O
The council of Tarnow approved the budget .|O O O I-LOC O O O O
Lena Okafor said Velmora Shipping would pay for repairs .|I-PER I-PER O I-ORG I-ORG O O O O O
Velmora Shipping moved its offices to Brelin last year .|I-ORG I-ORG O O O O I-LOC O O O
Officials in Brelin welcomed the decision .|O O I-LOC O O O O
Pavel Drozd , the chief executive of Velmora Shipping , resigned .|I-PER I-PER O O O O O I-ORG I-ORG O O O
Drozd had led the company since 2019 .|I-PER O O O O O O O
The Harbour Workers Union criticised Drozd on Tuesday .|O I-ORG I-ORG I-ORG O I-PER O O O
Talks between the Harbour Workers Union and Velmora Shipping stalled in Tarnow .|O O O I-ORG I-ORG I-ORG O I-ORG I-ORG O O I-LOC O
Okafor urged both sides to return to the table .|I-PER O O O O O O O O O
Rain fell across Brelin and Tarnow overnight .|O O O I-LOC O I-LOC O O
Pavel Drozd left for Brelin after the meeting .|I-PER I-PER O O I-LOC O O O O
The union said it would strike again in March .|O O O O O O O O O O
Lena Okafor and Pavel Drozd will meet in Brelin .|I-PER I-PER O I-PER I-PER O O O I-LOC O
`;

/** The fixture as sentences; each line is its own document. */
export function fixtureSentences(): NerSentence[] {
  return RAW.trim()
    .split('\n')
    .map((line, doc) => {
      const [text, tags] = line.split('|') as [string, string];
      return { words: text.split(' '), tags: tags.split(' '), doc };
    });
}
