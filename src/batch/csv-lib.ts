/**
 * fast-csv, loaded on first use: JSONL jobs, and the worker threads that run them, never load it
 * (about 25 ms of start-up per thread).
 */
type FastCsv = typeof import('fast-csv');

let loading: Promise<FastCsv> | undefined;

export function fastCsv(): Promise<FastCsv> {
  loading ??= import('fast-csv');
  return loading;
}
