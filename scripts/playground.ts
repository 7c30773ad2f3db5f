/**
 * `npm run playground [-- --port N] [--out DIR] [--build-only]`: builds the playground page
 * (examples/web/) into a static folder (default .tmp/playground/) and serves it on localhost,
 * printing the address. The page runs fully in the browser; the server only hands out files.
 *
 * The build is esbuild's, as a bundler would build a site that uses news-tagger for browsers: the
 * core as one bundle, and the NER model (imported on demand) split into a chunk of its own.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WEB = join(ROOT, 'examples', 'web');

export interface PlaygroundBuild {
  dir: string;
  /** Bytes of each file written, by name. */
  files: Record<string, number>;
}

/** Builds the static page into `dir` (emptied first). */
export async function buildPlayground(dir = join(ROOT, '.tmp', 'playground')): Promise<PlaygroundBuild> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: { app: join(WEB, 'app.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    loader: { '.jsonl': 'text' },
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(join(WEB, file), join(dir, file));
  const files: Record<string, number> = {};
  for (const path of [...Object.keys(result.metafile.outputs), join(dir, 'index.html'), join(dir, 'style.css')]) {
    const full = resolve(path);
    files[full.slice(dir.length + 1)] = statSync(full).size;
  }
  return { dir, files };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves `dir` on 127.0.0.1 (port 0: any free port). Resolves once listening. */
export function servePlayground(dir: string, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      resolvePromise({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

async function main(argv: string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const port = Number(flag('port') ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${flag('port')}"`);
  const out = flag('out');
  const built = await buildPlayground(out === undefined ? undefined : resolve(out));
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  console.log(`built ${built.dir}: ${Object.entries(built.files).map(([f, n]) => `${f} ${kb(n)}`).join(', ')}`);
  if (argv.includes('--build-only')) return;
  const { url } = await servePlayground(built.dir, port);
  console.log(`news-tagger playground: ${url}  (Ctrl-C to stop)`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`playground: ${error.message}`);
    process.exit(1);
  });
}
