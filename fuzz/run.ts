/**
 * `npm run fuzz -- [--runs N] [--seconds S] [--seed N] [--target NAME] [--max-run CHARS]`: runs the
 * fuzzing targets (fuzz/targets.ts) for N inputs in all (default 2,000) or S seconds, whichever ends
 * first, shared out by each target's weight. Prints, per target, the inputs run, the time, and any
 * counterexample (shrunk) with the seed that replays it; exits 1 when a property failed.
 */
import fc from 'fast-check';
import { loadavg } from 'node:os';
import { describeInput } from './checks.js';
import { fuzzTargets } from './targets.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('runs') ?? 2000);
const seconds = Number(flag('seconds') ?? Number.POSITIVE_INFINITY);
const seed = Number(flag('seed') ?? Date.now() % 2 ** 31);
const only = flag('target');
const maxRun = Number(flag('max-run') ?? 60_000);
if (!(runs > 0) || !(seconds > 0) || !Number.isInteger(seed) || !(maxRun >= 2_000)) {
  process.stderr.write('usage: npm run fuzz -- [--runs N] [--seconds S] [--seed N] [--target NAME] [--max-run CHARS >= 2000]\n');
  process.exit(2);
}

const { targets } = fuzzTargets({ min: 2_000, max: maxRun });
const chosen = targets.filter((t) => only === undefined || t.name === only);
if (chosen.length === 0) {
  process.stderr.write(`unknown target "${only}"; targets: ${targets.map((t) => t.name).join(', ')}\n`);
  process.exit(2);
}
const totalWeight = chosen.reduce((n, t) => n + t.weight, 0);
process.stdout.write(`fuzz: ${runs} inputs${Number.isFinite(seconds) ? ` or ${seconds} s` : ''}, seed ${seed}, long runs up to ${maxRun} characters\n`);
let failed = 0;
let inputs = 0;
const t0 = performance.now();
for (const target of chosen) {
  const share = target.weight / totalWeight;
  const t1 = performance.now();
  const result = await fc.check(target.property, {
    numRuns: Math.max(1, Math.round(runs * share)),
    seed,
    ...(Number.isFinite(seconds) ? { interruptAfterTimeLimit: seconds * 1000 * share } : {}),
    markInterruptAsFailure: false,
  });
  inputs += result.numRuns;
  const s = ((performance.now() - t1) / 1000).toFixed(1);
  if (result.failed) {
    failed++;
    process.stdout.write(`  ${target.name}: FAILED after ${result.numRuns} inputs (${s} s)\n`);
    process.stdout.write(`    ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance).split('\n')[0]}\n`);
    process.stdout.write(`    counterexample: ${describeInput(result.counterexample)}\n`);
    process.stdout.write(`    replay: npm run fuzz -- --target ${target.name} --seed ${result.seed} (path ${result.counterexamplePath})\n`);
  } else {
    process.stdout.write(`  ${target.name}: ${result.numRuns} inputs, 0 failures (${s} s${result.interrupted ? ', stopped by --seconds' : ''})\n`);
  }
}
process.stdout.write(`fuzz: ${inputs} inputs in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${failed} failing target(s); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
process.exitCode = failed > 0 ? 1 : 0;
