/** `npm run eval -- <task> [--data FILE] [--json] [--limit N]`: see eval/types.ts. */
import { runHarness } from '../scripts/lib/cli-args.js';
import { sharedDir } from './datasets.js';
import { EVAL_TASKS } from './tasks/index.js';

await runHarness('eval', EVAL_TASKS, (args) => ({
  sharedDir: sharedDir(),
  flags: args.flags,
  log: (message: string) => process.stderr.write(`${message}\n`),
  ...(args.data !== undefined ? { data: args.data } : {}),
  ...(args.limit !== undefined ? { limit: args.limit } : {}),
}));
