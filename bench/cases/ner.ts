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

interface Rate {
  /** Tokens per second of wall-clock time. */
  wall: number;
  /** Tokens per second of this process's CPU time (user + system): steadier on a busy machine. */
  cpu: number;
}

interface Report {
  file: string;
  tokens: number;
  sentences: number;
  modelBase64Bytes: number;
  modelLoadMs: number;
  modelHeapMB: number;
  newsTagger: { warm: Rate; cold: Rate; rounds: number };
  compromise: { rate: Rate; tokens: number; sentences: number };
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs `fn` once; wall and CPU milliseconds. */
function measure(fn: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  fn();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const rate = (tokens: number, t: { wall: number; cpu: number }): Rate => ({
  wall: Math.round((tokens * 1000) / t.wall),
  cpu: Math.round((tokens * 1000) / t.cpu),
});

async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
  const file = conllFile(ctx.sharedDir, ctx.data);
  const sentences = readConll(file, undefined, ctx.limit);
  const docs = groupByDocument(sentences).map((d) => d.map((s) => s.words));
  const tokens = sentences.reduce((n, s) => n + s.words.length, 0);
  const rounds = Number(ctx.flags.get('rounds') ?? 10);

  const base64 = shippedNerModel();
  const heapBefore = heapUsed();
  let tagger: NerTagger | undefined;
  const load = measure(() => {
    tagger = new NerTagger(base64);
  });
  const modelHeapMB = (heapUsed() - heapBefore) / 1e6;
  const ner = tagger!;
  const tagAll = () => {
    for (const doc of docs) ner.tagDocumentWithConfidence(doc);
  };

  // A cold first round (JIT, empty word cache), then the best of `rounds` warm rounds.
  const cold = measure(tagAll);
  let best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < rounds; r++) {
    const t = measure(tagAll);
    best = { wall: Math.min(best.wall, t.wall), cpu: Math.min(best.cpu, t.cpu) };
  }
  ctx.log(`ner: news-tagger best of ${rounds} rounds: ${best.wall.toFixed(0)} ms wall, ${best.cpu.toFixed(0)} ms CPU`);

  // compromise is slow: time a prefix of about 10,000 tokens (at least 200 sentences), after a short warm-up.
  for (const s of sentences.slice(0, 50)) nlp(s.words.join(' ')).people();
  let peerTokens = 0;
  let peerSentences = 0;
  const peer = measure(() => {
    for (const s of sentences) {
      const doc = nlp(s.words.join(' '));
      doc.people().json({ offset: true });
      doc.places().json({ offset: true });
      doc.organizations().json({ offset: true });
      peerTokens += s.words.length;
      peerSentences++;
      if (peerTokens >= 10_000 && peerSentences >= 200) break;
    }
  });

  const report: Report = {
    file,
    tokens,
    sentences: sentences.length,
    modelBase64Bytes: base64.length,
    modelLoadMs: load.wall,
    modelHeapMB,
    newsTagger: { warm: rate(tokens, best), cold: rate(tokens, cold), rounds },
    compromise: { rate: rate(peerTokens, peer), tokens: peerTokens, sentences: peerSentences },
  };
  return report as unknown as Record<string, unknown>;
}

function format(raw: Record<string, unknown>): string {
  const r = raw as unknown as Report;
  const n = (x: number) => x.toLocaleString('en-US').padStart(10);
  return [
    `NER recognition alone (with confidences) on ${r.file}: ${r.tokens.toLocaleString('en-US')} tokens, ${r.sentences.toLocaleString('en-US')} sentences; one thread`,
    `                          tokens/s (wall)  tokens/s (CPU time)`,
    `news-tagger, warm      ${n(r.newsTagger.warm.wall)}       ${n(r.newsTagger.warm.cpu)}    best of ${r.newsTagger.rounds} rounds after the first`,
    `news-tagger, cold      ${n(r.newsTagger.cold.wall)}       ${n(r.newsTagger.cold.cpu)}    first round: cold JIT, empty word cache`,
    `compromise             ${n(r.compromise.rate.wall)}       ${n(r.compromise.rate.cpu)}    people+places+organizations, first ${r.compromise.sentences} sentences`,
    `speed-up (warm, CPU)   ${(r.newsTagger.warm.cpu / r.compromise.rate.cpu).toFixed(1)}x; (cold, CPU) ${(r.newsTagger.cold.cpu / r.compromise.rate.cpu).toFixed(1)}x`,
    `model: ${(r.modelBase64Bytes / 1e6).toFixed(2)} MB base64, load ${r.modelLoadMs.toFixed(0)} ms, ${r.modelHeapMB.toFixed(1)} MB memory`,
  ].join('\n');
}

export const nerBench: BenchCase = {
  name: 'ner',
  description: 'NER tokens/s (recognition alone) on CoNLL-2003 eng.testa, beside compromise',
  run,
  format,
};
