/**
 * Renders chosen page elements as text with paragraph breaks, keeping a map from every output offset
 * back into the page. Block elements end paragraphs, `<br>` ends a line.
 */
import { MappedTextBuilder, type OffsetMap } from '../text/offsets.js';
import type { Measured } from './blocks.js';
import { appendPageText } from './text.js';
import type { PageElement, PageNode } from './tree.js';

/** Elements that separate paragraphs. */
export const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'figure', 'figcaption', 'caption',
  'address', 'hr', 'body', 'html', 'details', 'summary', 'fieldset', 'header', 'footer', 'center',
]);

export interface MappedText {
  text: string;
  /** Maps an offset of `text` to an offset of the page. */
  map: OffsetMap;
}

function paragraphBreak(out: MappedTextBuilder, at: number, paragraph: boolean): void {
  if (out.outputLength === 0) return;
  out.trimEnd();
  if (out.endsWith('\n\n')) return;
  if (out.lastChar() === '\n') {
    if (paragraph) out.replace('\n', at, at);
    return;
  }
  out.replace(paragraph ? '\n\n' : '\n', at, at);
}

/**
 * The text of `parts` (in document order), leaving out the elements of `exclude` and those the
 * measures mark as never content. Iterative, so deep pages do not overflow the stack.
 */
export function renderText(m: Measured, parts: readonly PageElement[], exclude: ReadonlySet<PageElement>): MappedText {
  const out = new MappedTextBuilder();
  const html = m.html;
  for (const part of parts) {
    // a stack of nodes to visit, with markers for the end of block elements
    const work: (PageNode | { close: PageElement })[] = [part];
    while (work.length > 0) {
      const item = work.pop() as PageNode | { close: PageElement };
      if ('close' in item) {
        // the element has no end offset: the break goes where its text ended (source offsets never go back)
        paragraphBreak(out, Math.max(item.close.start, out.sourceEnd), true);
        continue;
      }
      if (item.kind === 'text') {
        appendPageText(out, html, item.start, item.end);
        continue;
      }
      if (m.skipped.has(item) || exclude.has(item)) continue;
      if (item.tag === 'br') {
        paragraphBreak(out, item.start, false);
        continue;
      }
      const block = BLOCK.has(item.tag);
      if (block) {
        paragraphBreak(out, item.start, true);
        work.push({ close: item });
      }
      for (let i = item.children.length - 1; i >= 0; i--) work.push(item.children[i] as PageNode);
    }
    paragraphBreak(out, part.start, true);
  }
  out.trimEnd();
  return out.build(html.length);
}
