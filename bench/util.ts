/** Shared helpers for benchmarks: timing, machine description, memory. */
import { cpus, totalmem } from 'node:os';

export function machine(): Record<string, unknown> {
  const cpu = cpus()[0];
  return {
    cpu: cpu?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Runs `fn` `rounds` times after one warm-up run; returns the best and median seconds. */
export function timeIt(fn: () => void, rounds = 5): { best: number; median: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { best: times[0] as number, median: times[Math.floor(times.length / 2)] as number };
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Heap used after a full GC (run node with --expose-gc for exact figures). */
export function heapUsed(): number {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) {
    g();
    g();
  }
  return process.memoryUsage().heapUsed;
}

export function fmtRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`;
}

/**
 * The arguments of an A/B script: two source trees and `--name value` flags. Prints `usage` and exits
 * with code 2 when there are not two trees.
 */
export function abArgs(argv: readonly string[], usage: string): { trees: [string, string]; flag(name: string, fallback: string): string } {
  const flag = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
  };
  const trees = argv.filter((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--')).slice(0, 2);
  if (trees.length !== 2) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return { trees: trees as [string, string], flag };
}

/**
 * Runs `run(k)` for tree k = 0 and 1 in `rounds` ABBA rounds (after a full GC each time, when node
 * runs with --expose-gc) and returns the wall and process CPU milliseconds of each call, per tree.
 */
export async function abRounds(rounds: number, run: (k: 0 | 1) => unknown): Promise<{ wall: [number[], number[]]; cpu: [number[], number[]] }> {
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let r = 0; r < rounds; r++) {
    for (let w = 0; w < 2; w++) {
      const k = (r % 2 === 0 ? w : 1 - w) as 0 | 1;
      gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await run(k);
      wall[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  return { wall, cpu };
}

/** Median (the lower one for an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)] as number;
}
