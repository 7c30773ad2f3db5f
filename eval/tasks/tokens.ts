/**
 * `npm run eval -- tokens`: token and sentence statistics and speed of the text stage over a dataset
 * (Reuters train by default), with a check that every token's offsets slice back to its text and map
 * back into the source string.
 */
import { createTagger } from '../../src/node.js';
import { datasetPath, loadJsonl } from '../datasets.js';
import type { EvalTask } from '../types.js';

export const tokensTask: EvalTask = {
  name: 'tokens',
  description: 'token and sentence counts, words per second of normalize + tokenize (Reuters train by default)',
  async run(ctx) {
    const path = datasetPath(ctx.sharedDir, 'reuters', ctx.data);
    const docs = loadJsonl(path, ctx.limit);
    ctx.log(`tokens: ${docs.length} documents from ${path}`);
    const tagger = createTagger();
    const kinds = new Map<string, number>();
    let tokens = 0;
    let words = 0;
    let sentences = 0;
    let offsetErrors = 0;
    let htmlFields = 0;
    let emptyDocs = 0;
    const t0 = performance.now();
    for (const doc of docs) {
      const a = tagger.analyzeText({ id: doc.id, title: doc.title, body: doc.body });
      tokens += a.tokens.length;
      words += a.wordCount;
      sentences += a.sentences.length;
      if (a.tokens.length === 0) emptyDocs++;
      for (const f of a.fields) if (f.html) htmlFields++;
      for (const t of a.tokens) kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
      for (const t of a.tokens) {
        const f = a.fields.find((x) => x.field === t.field);
        if (f === undefined || f.text.slice(t.start, t.end) !== t.text) offsetErrors++;
        else {
          const s = f.toSource(t.start);
          const e = f.toSource(t.end);
          const source = t.field === 'title' ? doc.title : doc.body;
          if (!(s >= 0 && e >= s && e <= source.length)) offsetErrors++;
        }
      }
    }
    // speed is measured on a second pass without the checks above
    const t1 = performance.now();
    for (const doc of docs) tagger.analyzeText({ id: doc.id, title: doc.title, body: doc.body });
    const seconds = (performance.now() - t1) / 1000;
    const checkedSeconds = (t1 - t0) / 1000;
    return {
      task: 'tokens',
      data: path,
      documents: docs.length,
      emptyDocuments: emptyDocs,
      tokens,
      words,
      sentences,
      tokensPerDocument: docs.length === 0 ? 0 : tokens / docs.length,
      wordsPerSentence: sentences === 0 ? 0 : words / sentences,
      kinds: Object.fromEntries([...kinds].sort()),
      htmlFields,
      offsetErrors,
      seconds,
      wordsPerSecond: seconds === 0 ? 0 : words / seconds,
      checkedPassSeconds: checkedSeconds,
    };
  },
  format(r) {
    return [
      `tokens over ${r.documents} documents (${r.data})`,
      `  tokens ${r.tokens}, words ${r.words}, sentences ${r.sentences}, empty documents ${r.emptyDocuments}`,
      `  tokens/document ${(r.tokensPerDocument as number).toFixed(1)}, words/sentence ${(r.wordsPerSentence as number).toFixed(1)}`,
      `  kinds ${JSON.stringify(r.kinds)}`,
      `  offset errors ${r.offsetErrors} (tokens whose offsets do not slice back to their text or map into the source)`,
      `  speed: ${Math.round(r.wordsPerSecond as number).toLocaleString('en-US')} words/s (normalize + tokenize + article checks, one core)`,
    ].join('\n');
  },
};
