#!/usr/bin/env node
/** The `news-tagger` executable (dist/cli.js). See program.ts. */
import { runCli } from './program.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // "news-tagger tag big.csv | head": the reader went away; stop quietly
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const argv = process.argv.slice(2);
// a queue worker stops on SIGINT by itself, after the chunks in hand
if (argv[0] !== 'worker') process.once('SIGINT', () => {
  // the last checkpoint stays on disk: say how to continue
  const out = argv.includes('--out') || argv.includes('-o');
  process.stderr.write(`\nnews-tagger: interrupted${argv[0] === 'tag' && out && !argv.includes('--resume') ? '; run the same command with --resume to continue' : ''}\n`);
  process.exit(130);
});

process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
