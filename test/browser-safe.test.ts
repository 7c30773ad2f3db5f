import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Follows the relative imports of the core entry and lists every bare import it reaches. */
function coreImports(entry: string): { files: string[]; bare: Map<string, string> } {
  const seen = new Set<string>();
  const bare = new Map<string, string>();
  const queue = [entry];
  const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT_RE)) {
      const spec = (m[1] ?? m[2] ?? m[3]) as string;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        queue.push(target.endsWith('.js') ? target.replace(/\.js$/, '.ts') : target.endsWith('.json') ? target : `${target}.ts`);
      } else bare.set(spec, file);
    }
  }
  return { files: [...seen], bare };
}

describe('the core is browser-safe', () => {
  it('imports no Node built-in module from src/index.ts, directly or indirectly', () => {
    const { files, bare } = coreImports(join(__dirname, '..', 'src', 'index.ts'));
    expect(files.length).toBeGreaterThan(5);
    const builtins = new Set(builtinModules);
    const offending = [...bare].filter(([spec]) => spec.startsWith('node:') || builtins.has(spec.split('/')[0] as string));
    expect(offending).toEqual([]);
  });
});
