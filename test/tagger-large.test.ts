import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/node.js';

describe('a long article with very many mentions', () => {
  it('tags a body near maxFieldLength without overflowing the stack', () => {
    // ~980k characters, ~140k place mentions: once crashed with "Maximum call stack size exceeded"
    const sentence = 'Kenya, Ghana, ';
    const body = sentence.repeat(Math.floor(980_000 / sentence.length));
    const tags = createTagger().suggestTags({ id: 'long', title: 'Kenya and Ghana talks', body }, { minScore: 0 });
    expect(tags.map((t) => t.id)).toEqual(expect.arrayContaining(['country:KE', 'country:GH']));
  });

  it('still suggests what the title names with the default minScore when the body is very long', () => {
    // salience saturates with length only up to a cap: a ~1M-character body once scored its title
    // countries below the default minScore
    const filler = 'Delegates met again on Tuesday and discussed trade, fishing rights and the budget. ';
    const body = `Kenya and Ghana signed a trade pact on Monday. ${filler.repeat(Math.floor(900_000 / filler.length))}Kenya said the pact would take effect in June.`;
    const tags = createTagger().suggestTags({ id: 'long-2', title: 'Kenya and Ghana sign trade pact', body });
    expect(tags.map((t) => t.id)).toEqual(expect.arrayContaining(['country:KE', 'country:GH']));
  });
});
