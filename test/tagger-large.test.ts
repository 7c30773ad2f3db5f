import { describe, expect, it } from 'vitest';
import { createTagger } from '../src/index.js';

describe('a long article with very many mentions', () => {
  it('tags a body near maxFieldLength without overflowing the stack', () => {
    // ~980k characters, ~140k place mentions: once crashed with "Maximum call stack size exceeded"
    const sentence = 'Kenya, Ghana, ';
    const body = sentence.repeat(Math.floor(980_000 / sentence.length));
    const tags = createTagger().suggestTags({ id: 'long', title: 'Kenya and Ghana talks', body }, { minScore: 0 });
    expect(tags.map((t) => t.id)).toEqual(expect.arrayContaining(['country:KE', 'country:GH']));
  });
});
