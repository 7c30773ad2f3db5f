/**
 * `npm run bench -- ner [--data FILE] [--rounds N]`: tokens per second of entity recognition alone, with confidences,
 * (pre-tokenized sentences in, spans out) on CoNLL-2003 eng.testa, one core, with compromise's
 * people()/places()/organizations() timed on the same sentences in the same run. Also reports the
 * model's load time, size and heap.
 */
import nlp from 'compromise';
import type { BenchCase, BenchContext } from '../types.js';
import { conllFile, groupByDocument, readConll } from '../../eval/tasks/ner.js';
import { NerTagger } from '../../src/entities/ner/recognizer.js';
import { shippedNerModel } from '../../src/entities/ner/model.generated.js';

interface Report {
  file: string;
  tokens: number;
  sentences: number;
  modelBase64Bytes: number;
  modelLoadMs: number;
  modelHeapMB: number | null;
  newsTagger: { tokensPerSecond: number; coldTokensPerSecond: number; bestRoundMs: number; rounds: number };
  compromise: { tokensPerSecond: number; seconds: number; sentences: number };
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const file = conllFile(ctx.sharedDir, ctx.data);
  const sentences = readConll(file, undefined, ctx.limit);
  const docs = groupByDocument(sentences).map((d) => d.map((s) => s.words));
  const tokens = sentences.reduce((n, s) => n + s.words.length, 0);
  const rounds = Number(ctx.flags.get('rounds') ?? 5);

  const base64 = shippedNerModel();
  const heapBefore = heapUsed();
  let started = performance.now();
  const tagger = new NerTagger(base64);
  const modelLoadMs = performance.now() - started;
  const modelHeapMB = (heapUsed() - heapBefore) / 1e6;

  // A cold first round (JIT, empty word cache), then the best of `rounds` warm rounds.
  started = performance.now();
  for (const doc of docs) tagger.tagDocumentWithConfidence(doc);
  const coldMs = performance.now() - started;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    started = performance.now();
    for (const doc of docs) tagger.tagDocumentWithConfidence(doc);
    best = Math.min(best, performance.now() - started);
  }
  ctx.log(`ner: news-tagger best of ${rounds} rounds: ${best.toFixed(0)} ms`);

  // compromise is slow: time a prefix of about 10,000 tokens (at least 200 sentences).
  let peerTokens = 0;
  let peerSentences = 0;
  started = performance.now();
  for (const s of sentences) {
    const doc = nlp(s.words.join(' '));
    doc.people().json({ offset: true });
    doc.places().json({ offset: true });
    doc.organizations().json({ offset: true });
    peerTokens += s.words.length;
    peerSentences++;
    if (peerTokens >= 10_000 && peerSentences >= 200) break;
  }
  const peerSeconds = (performance.now() - started) / 1000;

  const report: Report = {
    file,
    tokens,
    sentences: sentences.length,
    modelBase64Bytes: base64.length,
    modelLoadMs,
    modelHeapMB,
    newsTagger: { tokensPerSecond: Math.round((tokens * 1000) / best), coldTokensPerSecond: Math.round((tokens * 1000) / coldMs), bestRoundMs: best, rounds },
    compromise: { tokensPerSecond: Math.round(peerTokens / peerSeconds), seconds: peerSeconds, sentences: peerSentences },
  };
  return report as unknown as Record<string, unknown>;
}

function format(raw: Record<string, unknown>): string {
  if (typeof raw.skipped === 'string') return `ner: skipped (${raw.skipped})`;
  const r = raw as unknown as Report;
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `NER recognition alone on ${r.file} (${n(r.tokens)} tokens, ${n(r.sentences)} sentences), one core`,
    `news-tagger  ${n(r.newsTagger.tokensPerSecond).padStart(10)} tokens/s  (best of ${r.newsTagger.rounds} rounds after warm-up)`,
    `news-tagger  ${n(r.newsTagger.coldTokensPerSecond).padStart(10)} tokens/s  (first round: cold JIT, empty word cache)`,
    `compromise   ${n(r.compromise.tokensPerSecond).padStart(10)} tokens/s  (people+places+organizations, first ${r.compromise.sentences} sentences)`,
    `speed-up     ${(r.newsTagger.tokensPerSecond / r.compromise.tokensPerSecond).toFixed(1)}x`,
    `model: ${(r.modelBase64Bytes / 1e6).toFixed(2)} MB base64, load ${r.modelLoadMs.toFixed(0)} ms, heap ${r.modelHeapMB === null ? '?' : r.modelHeapMB.toFixed(1)} MB`,
  ].join('\n');
}

export const nerBench: BenchCase = {
  name: 'ner',
  description: 'NER tokens/s (recognition alone) on CoNLL-2003 eng.testa, beside compromise',
  run,
  format,
};
