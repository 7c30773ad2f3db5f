/** `npm run bench -- <name> [--data FILE] [--json] [--limit N]`: see bench/types.ts. */
import { sharedDir } from '../eval/datasets.js';
import { runHarness } from '../scripts/lib/cli-args.js';
import { BENCH_CASES } from './cases/index.js';

await runHarness('bench', BENCH_CASES, (args) => ({
  sharedDir: sharedDir(),
  flags: args.flags,
  log: (message: string) => process.stderr.write(`${message}\n`),
  ...(args.data !== undefined ? { data: args.data } : {}),
  ...(args.limit !== undefined ? { limit: args.limit } : {}),
}));
