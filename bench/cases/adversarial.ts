/**
 * `npm run bench -- adversarial [--sizes 10000,100000,1000000] [--rounds 3] [--only SUBSTRING] [--quadratic] [--baseline TREE]`:
 * the catalogue of pathological inputs (fuzz/catalogue.ts) through tag(), each in its own child
 * process (bench/adversarial-child.ts): at each size the input and as many characters of ordinary text
 * (Reuters train bodies) are timed back to back, sizes interleaved over the rounds, the minimum of the CPU times kept;
 * the peak memory of one call at the largest size is peak RSS above the process's warm baseline.
 *
 * Growth per 10x is the input's own time ratio between consecutive sizes (CPU time, minimum of the
 * rounds), the figure the limit applies to. Beside it, in brackets, the same ratio against ordinary
 * text's growth over the same sizes in the same process, (t(10n) / t(n)) / (ordinary(10n) /
 * ordinary(n)) x 10: shown only, because ordinary text at each size is a different prefix of the
 * Reuters file (its growth per 10x ranged 5.4-9x between the children of one run on 2026-12-03),
 * so dividing by it added that spread to every input's figure (11 inputs over 15x that way, 3 raw).
 *
 * Exits 1 when a growth exceeds 15x per 10x, when the input at the largest size takes more than 3x the
 * ordinary text, or when its peak memory is 150 MiB or more above the baseline. `--quadratic` adds a
 * deliberately quadratic workload (sizes up to 100k) that must fail the growth check. `--baseline TREE`
 * (a folder holding `src/`, e.g. a checkout of main) measures each input through that tree's code too,
 * in its own child just before, for a before/after table from one run.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../../fuzz/catalogue.js';
import type { BenchCase } from '../types.js';
import { machine } from '../util.js';

const LIMITS = { growth: 15, vsOrdinary: 3, memoryMiB: 150 };
const CHILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'adversarial-child.ts');

export interface SizeResult {
  size: number;
  ms: number;
  ordinaryMs: number;
  peakMiB: number;
}

interface ChildReport {
  results: SizeResult[];
  referenceSource: string;
  baselineRssMiB: number;
}

/**
 * Growth between consecutive sizes against ordinary text: (t2 / t1) / (o2 / o1) x (n2 / n1), with the
 * raw growth t2 / t1. Times under 0.05 ms count as 0.05 ms.
 */
export function growthAgainstOrdinary(results: readonly SizeResult[]): { from: number; to: number; growth: number; raw: number }[] {
  const floor = (ms: number): number => Math.max(ms, 0.05);
  return results.slice(1).map((b, k) => {
    const a = results[k] as SizeResult;
    const raw = floor(b.ms) / floor(a.ms);
    return { from: a.size, to: b.size, raw, growth: (raw / (floor(b.ordinaryMs) / floor(a.ordinaryMs))) * (b.size / a.size) };
  });
}

/** The growth limit for a step of `factor` in size: 15x for 10x. */
export const growthLimit = (factor: number): number => LIMITS.growth * (factor / 10);

function runChild(which: string, sizes: readonly number[], rounds: number, tree?: string): ChildReport {
  const args = [CHILD, which, sizes.join(','), String(rounds), ...(tree === undefined ? [] : [tree])];
  const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`adversarial child ${which} failed (${out.status}): ${out.stderr.slice(-2000)}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as ChildReport;
}

export const adversarialBench: BenchCase = {
  name: 'adversarial',
  description: 'tag() on pathological inputs at 10k/100k/1M chars: time, peak memory, growth per 10x, vs ordinary text',
  async run(ctx) {
    const sizes = (ctx.flags.get('sizes') ?? '10000,100000,1000000').split(',').map(Number);
    const rounds = Number(ctx.flags.get('rounds') ?? 3);
    const only = ctx.flags.get('only');
    const baseline = ctx.flags.get('baseline');
    const rows: Record<string, unknown>[] = [];
    const failures: string[] = [];
    let referenceSource = '';
    const items = CATALOGUE.map((item, i) => ({ name: item.name, origin: item.origin, cause: item.cause, which: String(i), sizes }));
    if (ctx.flags.has('quadratic')) {
      const demo = sizes.filter((n) => n <= 100_000);
      items.push({ name: 'QUADRATIC (--quadratic check)', origin: 'found', cause: 'the e-mail pattern of before issue #16, on purpose', which: 'quadratic', sizes: demo });
    }
    for (const item of items) {
      if (only !== undefined && !item.name.includes(only)) continue;
      if (baseline !== undefined) {
        // the same input through the baseline tree's src/, in its own child, just before: shown, never failed
        const b = runChild(item.which, item.sizes, rounds, baseline);
        const bLast = b.results[b.results.length - 1]!;
        rows.push({ name: item.name, baseline, results: b.results, growth: growthAgainstOrdinary(b.results), vsOrdinary: bLast.ms / bLast.ordinaryMs });
        ctx.log(`  ${item.name} [${baseline}]: ${b.results.map((x) => `${x.size}: ${x.ms.toFixed(1)} ms`).join(', ')}; peak +${bLast.peakMiB.toFixed(0)} MiB`);
      }
      const r = runChild(item.which, item.sizes, rounds);
      referenceSource = r.referenceSource;
      const growth = growthAgainstOrdinary(r.results);
      const last = r.results[r.results.length - 1]!;
      const vsOrdinary = last.ms / last.ordinaryMs;
      rows.push({ name: item.name, origin: item.origin, cause: item.cause, results: r.results, growth, vsOrdinary });
      for (const g of growth) {
        const limit = growthLimit(g.to / g.from);
        if (g.raw > limit) failures.push(`${item.name}: ${g.from} -> ${g.to} grew ${g.raw.toFixed(1)}x (${g.growth.toFixed(1)}x against ordinary text; limit ${limit}x)`);
      }
      if (vsOrdinary > LIMITS.vsOrdinary) failures.push(`${item.name}: ${last.size} characters took ${vsOrdinary.toFixed(2)}x ordinary text (limit ${LIMITS.vsOrdinary}x)`);
      if (last.peakMiB >= LIMITS.memoryMiB) failures.push(`${item.name}: peak memory +${last.peakMiB.toFixed(0)} MiB (limit ${LIMITS.memoryMiB})`);
      ctx.log(
        `  ${item.name}: ${r.results.map((x) => `${x.size}: ${x.ms.toFixed(1)} ms (ordinary ${x.ordinaryMs.toFixed(1)})`).join(', ')}; growth ${growth.map((g) => g.raw.toFixed(1)).join(', ')}; peak +${last.peakMiB.toFixed(0)} MiB`,
      );
    }
    if (failures.length > 0) process.exitCode = 1;
    return { bench: 'adversarial', machine: machine(), load: loadavg(), sizes, rounds, limits: LIMITS, reference: referenceSource, baseline, rows, failures };
  },
  format(r) {
    const sizes = r.sizes as number[];
    const k = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
    const lines = [
      `adversarial: tag() per input, minimum of ${r.rounds} interleaved rounds (${JSON.stringify(r.machine)}; load ${(r.load as number[]).map((x) => x.toFixed(1)).join(' ')} at the end)`,
      `  ordinary text: as many characters of ${r.reference}, timed beside each size in the same child process`,
      `  growth: time ratio per 10x (against ordinary text's growth in brackets, shown only); peak: MiB above the warm baseline at the largest size`,
      `  ${'input'.padEnd(34)} ${sizes.map((s) => `${k(s)} ms`.padStart(9)).join(' ')} ${sizes.slice(1).map((s) => `x/${k(s)}`.padStart(14)).join(' ')}  vs ordinary   peak`,
    ];
    if (r.baseline !== undefined) lines.push(`  each input's first row: before, the src/ of ${r.baseline} (never failed); second row: this checkout`);
    for (const row of r.rows as { name: string; baseline?: string; results: SizeResult[]; growth: { growth: number; raw: number }[]; vsOrdinary: number }[]) {
      lines.push(
        `  ${(row.baseline === undefined ? row.name : `${row.name} [before]`).padEnd(34)} ${sizes.map((s) => (row.results.find((x) => x.size === s)?.ms.toFixed(1) ?? '-').padStart(9)).join(' ')} ${sizes
          .slice(1)
          .map((_, i) => (row.growth[i] === undefined ? '-' : `${row.growth[i]!.raw.toFixed(1)} (${row.growth[i]!.growth.toFixed(1)})`).padStart(14))
          .join(' ')}  ${row.vsOrdinary.toFixed(2).padStart(10)}x  +${row.results[row.results.length - 1]!.peakMiB.toFixed(0)}`,
      );
    }
    lines.push(`  ${'ordinary text'.padEnd(34)} ${sizes.map((s) => ((r.rows as { results: SizeResult[]; baseline?: string }[]).find((x) => x.baseline === undefined)?.results.find((x) => x.size === s)?.ordinaryMs.toFixed(1) ?? '-').padStart(9)).join(' ')}`);
    const failures = r.failures as string[];
    lines.push(failures.length === 0 ? `  all within limits (growth <= ${LIMITS.growth}x per 10x, <= ${LIMITS.vsOrdinary}x ordinary text, < ${LIMITS.memoryMiB} MiB)` : `  FAILED:\n    ${failures.join('\n    ')}`);
    return lines.join('\n');
  },
};
