/**
 * `npm run bench -- adversarial [--sizes 10000,100000,1000000] [--rounds 2] [--only SUBSTRING]`: the
 * catalogue of pathological inputs (fuzz/catalogue.ts) through tag(), each in its own child process
 * at each size: time (best of rounds), the growth ratio per 10x, and the peak memory of one call at the
 * largest size above the process's baseline (max RSS after the tagger is compiled and warm, measured
 * on the first call, before the other sizes leave garbage behind). The same child then tags as many
 * characters of ordinary text (Reuters train bodies; the project's own sentences when the data is
 * absent), so each ratio compares two measurements taken moments apart on the same process.
 *
 * Exits 1 when a growth ratio exceeds 15x, when an input of the largest size takes more than 3x the
 * ordinary text, or when its peak memory is 150 MiB or more above the baseline.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../../fuzz/catalogue.js';
import type { BenchCase } from '../types.js';
import { machine } from '../util.js';

const LIMITS = { growth: 15, vsOrdinary: 3, memoryMiB: 150 };
const CHILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'adversarial-child.ts');

interface ChildReport {
  results: { size: number; ms: number; peakMiB: number }[];
  referenceMs: number;
  referenceChars: number;
  referenceSource: string;
  baselineRssMiB: number;
}

function runChild(index: number, sizes: readonly number[], rounds: number): ChildReport {
  const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, String(index), sizes.join(','), String(rounds)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`adversarial child ${index} failed (${out.status}): ${out.stderr.slice(-2000)}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as ChildReport;
}

export const adversarialBench: BenchCase = {
  name: 'adversarial',
  description: 'tag() on pathological inputs at 10k/100k/1M chars: time, peak memory, growth per 10x, vs ordinary text',
  async run(ctx) {
    const sizes = (ctx.flags.get('sizes') ?? '10000,100000,1000000').split(',').map(Number);
    const rounds = Number(ctx.flags.get('rounds') ?? 2);
    const only = ctx.flags.get('only');
    const rows: Record<string, unknown>[] = [];
    const failures: string[] = [];
    let referenceSource = '';
    for (let i = 0; i < CATALOGUE.length; i++) {
      const item = CATALOGUE[i]!;
      if (only !== undefined && !item.name.includes(only)) continue;
      const r = runChild(i, sizes, rounds);
      referenceSource = r.referenceSource;
      const growth = r.results.slice(1).map((x, k) => x.ms / Math.max(r.results[k]!.ms, 0.05));
      const last = r.results[r.results.length - 1]!;
      const vsOrdinary = last.ms / r.referenceMs;
      const row = { name: item.name, origin: item.origin, cause: item.cause, results: r.results, growth, referenceMs: r.referenceMs, vsOrdinary };
      rows.push(row);
      growth.forEach((g, k) => {
        if (g > LIMITS.growth) failures.push(`${item.name}: ${r.results[k]!.size} -> ${r.results[k + 1]!.size} grew ${g.toFixed(1)}x (limit ${LIMITS.growth}x)`);
      });
      if (vsOrdinary > LIMITS.vsOrdinary) failures.push(`${item.name}: ${last.size} characters took ${vsOrdinary.toFixed(2)}x ordinary text (limit ${LIMITS.vsOrdinary}x)`);
      if (last.peakMiB >= LIMITS.memoryMiB) failures.push(`${item.name}: peak memory +${last.peakMiB.toFixed(0)} MiB (limit ${LIMITS.memoryMiB})`);
      ctx.log(`  ${item.name}: ${r.results.map((x) => `${x.size}: ${x.ms.toFixed(0)} ms`).join(', ')}; peak +${last.peakMiB.toFixed(0)} MiB; ordinary ${r.referenceMs.toFixed(0)} ms`);
    }
    if (failures.length > 0) process.exitCode = 1;
    return { bench: 'adversarial', machine: machine(), sizes, rounds, limits: LIMITS, reference: referenceSource, rows, failures };
  },
  format(r) {
    const sizes = r.sizes as number[];
    const k = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
    const lines = [
      `adversarial: tag() per input, best of ${r.rounds} at the largest size (${JSON.stringify(r.machine)})`,
      `  reference: the same number of characters of ${r.reference}, tagged in the same child process`,
      `  ${'input'.padEnd(34)} ${sizes.map((s) => `${k(s)} ms`.padStart(9)).join(' ')} ${sizes.slice(1).map((s) => `x/${k(s)}`.padStart(7)).join(' ')}  vs ordinary  peak MiB at the largest size`,
    ];
    for (const row of r.rows as { name: string; results: { ms: number; peakMiB: number }[]; growth: number[]; vsOrdinary: number }[]) {
      lines.push(
        `  ${row.name.padEnd(34)} ${row.results.map((x) => x.ms.toFixed(0).padStart(9)).join(' ')} ${row.growth.map((g) => g.toFixed(1).padStart(7)).join(' ')}  ${row.vsOrdinary.toFixed(2).padStart(10)}x  +${row.results[row.results.length - 1]!.peakMiB.toFixed(0)}`,
      );
    }
    const failures = r.failures as string[];
    lines.push(failures.length === 0 ? `  all within limits (growth <= ${LIMITS.growth}x per 10x, <= ${LIMITS.vsOrdinary}x ordinary text, < ${LIMITS.memoryMiB} MiB)` : `  FAILED:\n    ${failures.join('\n    ')}`);
    return lines.join('\n');
  },
};
