/**
 * A short, bounded pass of the fuzzing harness (`npm run fuzz` runs the same properties for longer):
 * at most 300 inputs or 24 s in all, so that it stays reliable on a busy 2-core CI machine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeInput } from '../fuzz/checks.js';
import { fuzzTargets } from '../fuzz/targets.js';

const RUNS = 300;
const SECONDS = 24;

describe('fuzzing harness, short run', () => {
  const { targets } = fuzzTargets({ min: 2_000, max: 20_000 });
  const total = targets.reduce((n, t) => n + t.weight, 0);
  for (const target of targets) {
    it(`${target.name}: no crash, offsets map back, damaged files rejected, linear time`, async () => {
      const share = target.weight / total;
      const result = await fc.check(target.property, {
        numRuns: Math.round(RUNS * share),
        interruptAfterTimeLimit: SECONDS * 1000 * share,
        markInterruptAsFailure: false,
      });
      expect(result.failed ? `${(result.errorInstance as Error)?.message}\n${describeInput(result.counterexample)}` : 'passed').toBe('passed');
      expect(result.numRuns).toBeGreaterThan(0);
    }, 60_000);
  }
});
