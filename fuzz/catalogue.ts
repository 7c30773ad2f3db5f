/**
 * The catalogue of pathological inputs: every shape that once took super-linear time or memory
 * (issue #16's table, its realistic forms, and what the fuzzing harness and reading the code found),
 * as generators of a body of any length. `npm run bench -- adversarial` times them at 10k, 100k and
 * 1M characters; test/linear.test.ts checks each one's result and growth.
 */

export interface Pathological {
  name: string;
  /** Where it comes from: the table, its realistic forms, or later finds. */
  origin: 'issue' | 'realistic' | 'found';
  /** What was super-linear, and where. */
  cause: string;
  body(length: number): string;
}

/** `unit` repeated to exactly `length` characters (after `head`). */
export function repeatTo(unit: string, length: number, head = ''): string {
  const n = Math.max(0, length - head.length);
  return head + unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

export const CATALOGUE: readonly Pathological[] = [
  { name: '"-" repeated', origin: 'issue', cause: 'tokenizer e-mail branch rescanned the run from every position', body: (n) => repeatTo('-', n) },
  { name: '"." repeated', origin: 'issue', cause: 'tokenizer e-mail branch', body: (n) => repeatTo('.', n) },
  { name: '"ab." repeated', origin: 'issue', cause: 'tokenizer e-mail branch', body: (n) => repeatTo('ab.', n) },
  { name: '"Mr." repeated', origin: 'issue', cause: 'tokenizer e-mail branch', body: (n) => repeatTo('Mr.', n) },
  { name: '"a--" repeated', origin: 'issue', cause: 'tokenizer e-mail branch', body: (n) => repeatTo('a--', n) },
  { name: '"<a" repeated', origin: 'issue', cause: 'HTML detection scanned to the end for a ">" from every "<a"', body: (n) => repeatTo('<a', n) },
  { name: '"<p>" then "<a" repeated', origin: 'issue', cause: 'tag pattern scanned to the end from every "<a"', body: (n) => repeatTo('<a', n, '<p>') },
  { name: '"<p>" then "&a" repeated', origin: 'issue', cause: 'reference search ran past the text run from every "&"', body: (n) => repeatTo('&a', n, '<p>') },
  { name: 'minified table rows', origin: 'realistic', cause: 'whitespace search ran past each text run', body: (n) => repeatTo('<tr><td>12</td><td>3.4</td></tr>', n) },
  { name: '"<p>Paris</p>" repeated', origin: 'realistic', cause: 'whitespace search past each run; one mention per 12 characters', body: (n) => repeatTo('<p>Paris</p>', n) },
  { name: 'lone surrogates', origin: 'realistic', cause: 'memory: two strings per one-character token', body: (n) => repeatTo('\ud800', n) },
  { name: '"<" repeated', origin: 'realistic', cause: 'memory: one token per character', body: (n) => repeatTo('<', n) },
  { name: '"&#" repeated', origin: 'realistic', cause: 'memory: one token per character', body: (n) => repeatTo('&#', n) },
  { name: 'name, spaces, head word', origin: 'found', cause: "cleanName's /[\\s...]+$/ retried from every space inside a mention", body: (n) => `Ab${' '.repeat(Math.max(0, n - 8))}Agency` },
  { name: 'words two spaces apart', origin: 'found', cause: 'paragraph-break search ran to the next newline anywhere after each gap', body: (n) => repeatTo('a  ', n) },
  { name: 'e-mail local part, no domain', origin: 'found', cause: 'tokenizer e-mail branch: the run ends at an "@" with no domain', body: (n) => `${repeatTo('a.b', n - 2)}@x` },
  { name: '"<!" repeated', origin: 'found', cause: 'declaration pattern scanned to the end for ">" from every "<!"', body: (n) => repeatTo('<!', n, '<p>') },
  { name: 'one long tag name', origin: 'found', cause: 'tag pattern backtracked over the name at every "-"', body: (n) => repeatTo('a-', n, '<p><') },
  { name: 'vertical tabs in a paragraph', origin: 'found', cause: "trimEnd's /\\s+$/ retried from every character of the run", body: (n) => `<p>${'\v'.repeat(Math.max(0, n - 8))}x</p>` },
  { name: 'ellipsis characters', origin: 'found', cause: 'three tokens per character (folded to "...")', body: (n) => repeatTo('\u2026', n) },
  { name: 'Hangul jamo', origin: 'found', cause: 'offsets aligned through characters that compose', body: (n) => repeatTo('\u1100\u1161\u2026', n) },
  { name: '"Paris " repeated', origin: 'found', cause: 'one gazetteer mention per 6 characters', body: (n) => repeatTo('Paris ', n) },
  { name: '"Ab " repeated', origin: 'found', cause: 'one capitalized name run over the whole body', body: (n) => repeatTo('Ab ', n) },
];

/** Ordinary news sentences written for the project (the reference when the Reuters data is absent). */
export const ORDINARY =
  'North Korean leader Kim Jong-un met Russian President Vladimir Putin in Vladivostok on Thursday, the Korean Central News Agency said. ' +
  'Officials in Seoul and Tokyo voiced concern about the talks, and Washington said its sanctions would stay. ' +
  'The European Union held an emergency meeting in Brussels, where ministers discussed aid to Ukraine and the price of grain.\n\n';
