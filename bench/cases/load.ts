/**
 * `npm run bench -- load [--rounds N] [--base DIR]`: start-up costs of the built package (dist/, run
 * `npm run build` first), each in a fresh node process, beside bare node and compromise in the same
 * run: require() of the CommonJS entry, import() of the ESM entry, the first tag() (gazetteer compiled,
 * NER model decoded), the same on the light path (no model), and `news-tagger --help`. Commands run
 * interleaved, round after round, and the median of each counts (this machine is shared and drifts).
 * `--base DIR` adds the same rows for another built tree (the previous build of main).
 *
 * Also prints sizes: `du` of dist/ without source maps, and a browser bundle of the core as an app
 * would make it (esbuild, minified, `import { createTagger } from 'news-tagger'`), raw and gzipped, and
 * of the entries a browser loads apart (news-tagger/model, /languages, /page, /site); with `--base`,
 * the core's sizes for the other tree too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchCase } from '../types.js';
import { machine } from '../util.js';

const ARTICLE = JSON.stringify({
  id: 'b',
  title: 'Kim Jong Un meets Russian envoy in Pyongyang',
  body: 'North Korean leader Kim Jong Un received a Russian delegation on Monday, KCNA said. The DPRK and Russia agreed to expand exchanges.',
});

interface Command {
  name: string;
  args: string[];
}

function commands(dir: string, label: string): Command[] {
  const esm = existsSync(join(dir, 'dist', 'node.js')) ? join(dir, 'dist', 'node.js') : join(dir, 'dist', 'index.js');
  const cjs = join(dir, 'dist', 'index.cjs');
  const tag = (options: string): string =>
    `const { createTagger } = await import(${JSON.stringify(esm)}); createTagger(${options}).tag(${ARTICLE});`;
  return [
    { name: `${label} require()`, args: ['-e', `require(${JSON.stringify(cjs)})`] },
    { name: `${label} import()`, args: ['--input-type=module', '-e', `await import(${JSON.stringify(esm)})`] },
    { name: `${label} first tag()`, args: ['--input-type=module', '-e', tag('')] },
    ...(label === 'news-tagger' ? [{ name: `${label} first tag(), light path`, args: ['--input-type=module', '-e', tag('{ nerModel: null }')] }] : []),
    { name: `${label} --help`, args: [join(dir, 'dist', 'cli.js'), '--help'] },
  ];
}

function seconds(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const t = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ').slice(0, 120)} failed: ${r.stderr}`);
  return t;
}

function duBytes(dir: string): number {
  let total = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) total += duBytes(p);
    else if (!d.name.endsWith('.map')) total += statSync(p).size;
  }
  return total;
}

async function browserBundle(root: string, contents: string): Promise<{ raw: number; gzip: number }> {
  const r = await build({ stdin: { contents, resolveDir: root, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  const bytes = r.outputFiles[0]!.contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export const loadBench: BenchCase = {
  name: 'load',
  description: 'require/import/first tag()/--help of the built package in fresh processes, beside bare node and compromise; dist and browser bundle sizes',
  async run(ctx) {
    const root = resolve('.');
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const rounds = Number(ctx.flags.get('rounds') ?? 7);
    const compromise = createRequire(join(root, 'package.json')).resolve('compromise');
    const list: Command[] = [
      { name: 'bare node -e 0', args: ['-e', '0'] },
      ...commands(root, 'news-tagger'),
      { name: 'compromise require()', args: ['-e', `require(${JSON.stringify(compromise)})`] },
      { name: 'compromise first nlp().people()', args: ['-e', `require(${JSON.stringify(compromise)})(${ARTICLE}.body).people().out('array')`] },
    ];
    const base = ctx.flags.get('base');
    if (base !== undefined) list.push(...commands(resolve(base), 'previous build'));
    const times = new Map<string, number[]>(list.map((c) => [c.name, []]));
    for (const c of list) seconds(c.args); // warm the file cache
    for (let r = 0; r < rounds; r++) {
      ctx.log(`load: round ${r + 1} of ${rounds}`);
      for (const c of list) times.get(c.name)!.push(seconds(c.args));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const bare = median(times.get('bare node -e 0')!);
    const rows = list.map((c) => ({ name: c.name, medianSeconds: median(times.get(c.name)!), vsBare: median(times.get(c.name)!) / bare }));
    const sizes: Record<string, unknown> = {
      distBytes: duBytes(join(root, 'dist')),
      browserCreateTagger: await browserBundle(root, "export { createTagger } from 'news-tagger'"),
      browserTaggerAndCorpus: await browserBundle(root, "export { createTagger, createCorpusIndex } from 'news-tagger'"),
      browserAllExports: await browserBundle(root, "export * from 'news-tagger'"),
      browserModel: await browserBundle(root, "export * from 'news-tagger/model'"),
      browserLanguages: await browserBundle(root, "export * from 'news-tagger/languages'"),
      browserPage: await browserBundle(root, "export * from 'news-tagger/page'"),
      browserSite: await browserBundle(root, "export * from 'news-tagger/site'"),
    };
    if (base !== undefined) {
      const b = resolve(base);
      sizes.previousDistBytes = duBytes(join(b, 'dist'));
      sizes.previousBrowserCreateTagger = await browserBundle(b, "export { createTagger } from 'news-tagger'");
      sizes.previousBrowserTaggerAndCorpus = await browserBundle(b, "export { createTagger, createCorpusIndex } from 'news-tagger'");
      sizes.previousBrowserAllExports = await browserBundle(b, "export * from 'news-tagger'");
    }
    return { machine: machine(), rounds, rows, sizes };
  },
  format(report) {
    const rows = report.rows as { name: string; medianSeconds: number; vsBare: number }[];
    const sizes = report.sizes as Record<string, { raw: number; gzip: number } | number>;
    const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
    const lines = [
      `load (median of ${String(report.rounds)} interleaved rounds, fresh node process each; ${JSON.stringify(report.machine)})`,
      ...rows.map((r) => `  ${r.name.padEnd(44)} ${(r.medianSeconds * 1000).toFixed(0).padStart(6)} ms  ${r.vsBare.toFixed(2)}x bare node`),
      'sizes',
      ...Object.entries(sizes).map(([k, v]) => `  ${k.padEnd(28)} ${typeof v === 'number' ? kb(v) : `${kb(v.raw)} raw, ${kb(v.gzip)} gzipped`}`),
    ];
    return lines.join('\n');
  },
};
