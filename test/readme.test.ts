/**
 * Every TypeScript example of the README is type-checked, and run unless marked
 * `<!-- readme: no-run -->` on the line before its fence, so that none can drift from the API.
 * `news-tagger` maps to the Node entry (src/node.ts), or to the core as browsers get it (src/index.ts)
 * for a block marked `<!-- readme: browser -->`; `news-tagger/batch`, `/queue`, `/model`, `/languages`,
 * `/page` and `/site` to theirs.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, '.tmp', 'readme-examples');

interface Block {
  line: number;
  code: string;
  run: boolean;
  browser: boolean;
}

function blocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    const marks = lines.slice(Math.max(0, i - 2), i).join(' ');
    out.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n'), run: !marks.includes('readme: no-run'), browser: marks.includes('readme: browser') });
    i = end;
  }
  return out;
}

const readme = blocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));

function fileOf(block: Block): string {
  const entry = (path: string): string => {
    const rel = relative(OUT, join(ROOT, path)).replace(/\\/g, '/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const code = block.code
    .replace(/from 'news-tagger\/batch'/g, `from '${entry('src/batch/index.js')}'`)
    .replace(/from 'news-tagger\/queue'/g, `from '${entry('src/queue/index.js')}'`)
    .replace(/'news-tagger\/model'/g, `'${entry('src/model.js')}'`)
    .replace(/'news-tagger\/languages'/g, `'${entry('src/languages.js')}'`)
    .replace(/'news-tagger\/page'/g, `'${entry('src/pages.js')}'`)
    .replace(/'news-tagger\/site'/g, `'${entry('src/sites.js')}'`)
    .replace(/from 'news-tagger'/g, `from '${entry(block.browser ? 'src/index.js' : 'src/node.js')}'`);
  const file = join(OUT, `readme-line-${block.line}.ts`);
  // each example is a module of its own (top-level await, no shared names)
  writeFileSync(file, `${code}\nexport {};\n`);
  return file;
}

describe('README examples', () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = readme.map(fileOf);

  it('has TypeScript examples to check', () => {
    expect(readme.length).toBeGreaterThanOrEqual(4);
  });

  it('type-checks every example with the project settings', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const program = ts.createProgram(files, { ...config!.options, noEmit: true });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || d.file.fileName.startsWith(OUT))
      .map((d) => `${d.file?.fileName.slice(OUT.length + 1) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  }, 300_000);

  for (const [i, block] of readme.entries()) {
    it.skipIf(!block.run)(`runs the example at README.md line ${block.line}`, async () => {
      await import(pathToFileURL(files[i]!).href);
    }, 60_000);
  }
});
