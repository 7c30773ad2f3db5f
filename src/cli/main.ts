#!/usr/bin/env node
/** The `news-tagger` executable (dist/cli.js). See program.ts. */
import { runCli } from './program.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // "news-tagger tag big.csv | head": the reader went away; stop quietly
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
