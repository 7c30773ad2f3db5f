import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// One entry per public subpath. The core entry (src/index.ts) must stay free of node: imports
// so that it bundles for browsers; Node-only code lives behind its own subpaths (news-tagger/batch,
// news-tagger/queue, which alone loads the optional bullmq and ioredis).
// The command-line program and the batch worker thread are ESM-only files beside them in dist/.
// Options of the two ESM-only files (the CLI and the worker thread).
const esmFile: Options = {
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: false,
  target: 'node18',
  splitting: false,
  treeshake: true,
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts', batch: 'src/batch/index.ts', queue: 'src/queue/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false, // "npm run build" empties dist first: two configs build in parallel
    target: 'node18',
    splitting: false,
    treeshake: true,
    // import.meta.url in the CommonJS build of the batch entry (it locates dist/batch-worker.js)
    shims: true,
  },
  {
    ...esmFile,
    entry: { cli: 'src/cli/main.ts' },
    define: { __NEWS_TAGGER_VERSION__: JSON.stringify(version) },
  },
  {
    // The worker thread gets the gazetteer and the NER model from the thread that starts it
    // (src/batch/worker-defaults.ts) instead of parsing its own 2.2 MB copy as JavaScript.
    ...esmFile,
    entry: { 'batch-worker': 'src/batch/worker.ts' },
    esbuildPlugins: [
      {
        name: 'worker-defaults',
        setup(build) {
          build.onResolve({ filter: /\/(default-data|model\.generated)\.js$/ }, () => ({ path: resolve('src/batch/worker-defaults.ts') }));
        },
      },
    ],
  },
]);
