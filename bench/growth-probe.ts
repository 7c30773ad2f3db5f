/**
 * `node --expose-gc --import tsx bench/growth-probe.ts [--only TEXT] [--sizes 100000,1000000,10000000]`:
 * CPU time per character of `tag()` on inputs of the adversarial catalogue (fuzz/catalogue.ts) at
 * sizes beyond `maxFieldLength`'s default, in one process, minimum of 3 calls each. The adversarial
 * bench judges growth from 100k to 1M characters; where those times are a few milliseconds, cache
 * and collector effects can look like super-linear growth. A flat ns/char from 1M to 10M says the
 * stage is linear; a super-linear stage shows a rising column.
 */
import { createTagger } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';
import { CATALOGUE } from '../fuzz/catalogue.js';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const sizes = (flag('sizes') ?? '100000,1000000,10000000').split(',').map(Number);
if (!sizes.every((n) => Number.isSafeInteger(n) && n > 0)) {
  process.stderr.write('usage: bench/growth-probe.ts [--only TEXT] [--sizes N,N,...]\n');
  process.exit(1);
}
const only = flag('only');
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const tagger = createTagger({ maxFieldLength: Math.max(...sizes), languages: [arabic(), spanish()] });
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

process.stdout.write(`growth probe: CPU ns per character, minimum of 3 calls (${sizes.join(', ')} characters)\n`);
for (const item of CATALOGUE) {
  if (only !== undefined && !item.name.includes(only)) continue;
  const cells: string[] = [];
  for (const n of sizes) {
    const body = item.body(n);
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 3; r++) {
      gc();
      const t0 = cpuMs();
      tagger.tag({ id: 'probe', title: '', body });
      best = Math.min(best, cpuMs() - t0);
    }
    cells.push(`${((best * 1e6) / n).toFixed(1).padStart(8)}`);
  }
  process.stdout.write(`  ${item.name.padEnd(36)}${cells.join('')}\n`);
}
