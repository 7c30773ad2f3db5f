/** Test helpers: a writable that keeps what it is given, and numbered files in a temporary folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll } from 'vitest';

/** A writable stream that keeps what is written to it, as text. */
export function textSink(): Writable & { text(): string; isTTY?: boolean } {
  let text = '';
  const w = new Writable({
    write(chunk: Buffer, _e, cb) {
      text += chunk.toString();
      cb();
    },
  }) as Writable & { text(): string };
  w.text = () => text;
  return w;
}

/**
 * A temporary folder for one test file (removed after its tests) and `file(name, content?)`, which
 * returns a fresh path in it (numbered, so that tests never share a file) and writes `content` there.
 */
export function tempFiles(prefix: string): { dir: string; file(name: string, content?: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    dir,
    file(name, content) {
      const path = join(dir, `${n++}-${name}`);
      if (content !== undefined) writeFileSync(path, content);
      return path;
    },
  };
}
