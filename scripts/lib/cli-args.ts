/**
 * Argument parsing shared by `npm run eval` and `npm run bench`:
 * `<name> [--data FILE] [--json] [--limit N] [--other value]`.
 */
export interface HarnessArgs {
  name: string | undefined;
  data?: string;
  json: boolean;
  limit?: number;
  flags: Map<string, string>;
}

export function parseHarnessArgs(argv: readonly string[]): HarnessArgs {
  const flags = new Map<string, string>();
  let name: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) flags.set(arg.slice(2), 'true');
        else {
          flags.set(arg.slice(2), value);
          i++;
        }
      }
    } else if (name === undefined) name = arg;
    else throw new Error(`unexpected argument "${arg}"`);
  }
  const limitText = flags.get('limit');
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!Number.isInteger(limit) || limit <= 0) throw new Error(`--limit must be a positive integer, got "${limitText}"`);
  }
  const data = flags.get('data');
  flags.delete('limit');
  flags.delete('data');
  return { name, json, flags, ...(data !== undefined ? { data } : {}), ...(limit !== undefined ? { limit } : {}) };
}

/** Runs a named task from a registry with the harness conventions (JSON on stdout, notes on stderr). */
export async function runHarness<T extends { name: string; description: string; run(ctx: never): Promise<Record<string, unknown>>; format(r: Record<string, unknown>): string }>(
  kind: 'eval' | 'bench',
  registry: readonly T[],
  makeContext: (args: HarnessArgs) => Parameters<T['run']>[0],
): Promise<void> {
  let args: HarnessArgs;
  try {
    args = parseHarnessArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const task = registry.find((t) => t.name === args.name);
  if (task === undefined) {
    const list = registry.map((t) => `  ${t.name.padEnd(10)} ${t.description}`).join('\n');
    process.stderr.write(
      `${args.name === undefined ? '' : `unknown ${kind} "${args.name}"\n\n`}usage: npm run ${kind} -- <name> [--data FILE] [--json] [--limit N]\n\n${list}\n`,
    );
    process.exitCode = 2;
    return;
  }
  try {
    const report = await task.run(makeContext(args) as never);
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${task.format(report)}\n`);
  } catch (error) {
    if ((error as Error).name === 'DatasetMissingError' || (error as Error).constructor?.name === 'DatasetMissingError') {
      process.stderr.write(`skipped: ${(error as Error).message}\n`);
      process.exitCode = 3;
      return;
    }
    throw error;
  }
}
