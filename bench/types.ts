/**
 * The benchmark harness: `npm run bench -- <name> [--data FILE] [--json]`.
 * Each benchmark is one file in bench/cases/ exporting a `BenchCase`, listed in bench/cases/index.ts.
 * A benchmark measures news-tagger side by side with a peer in the same run.
 */
export interface BenchContext {
  data?: string;
  limit?: number;
  sharedDir: string;
  log(message: string): void;
  flags: ReadonlyMap<string, string>;
}

export interface BenchCase {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Record<string, unknown>>;
  format(report: Record<string, unknown>): string;
}
