/** What the build scripts share: the repository root, the shared datasets folder and `--name value` flags. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared folder: env NEWS_TAGGER_SHARED, else ../shared beside the repository (or two levels up,
 * for a git worktree under <main>/../wt/<name>).
 */
export function sharedFolder(): string {
  return (
    process.env.NEWS_TAGGER_SHARED ??
    [resolve(REPO_ROOT, '..', 'shared'), resolve(REPO_ROOT, '..', '..', 'shared')].find((p) => existsSync(p)) ??
    resolve(REPO_ROOT, '..', 'shared')
  );
}

/** `flag(name, fallback)`: the value after `--name` in `args`, or the fallback. */
export function flagReader(args: readonly string[]): (name: string, fallback: string) => string {
  return (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
  };
}
