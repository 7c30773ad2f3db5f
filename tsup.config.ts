import { defineConfig } from 'tsup';

// One entry per public subpath. The core entry (src/index.ts) must stay free of node: imports
// so that it bundles for browsers; Node-only code lives behind its own subpath.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node18',
  splitting: false,
  treeshake: true,
});
