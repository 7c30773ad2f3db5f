/**
 * The evaluation harness: `npm run eval -- <task> [--data FILE] [--json] [--limit N]`.
 * Each task is one file in eval/tasks/ exporting an `EvalTask`, listed in eval/tasks/index.ts.
 */
export interface EvalContext {
  /** `--data FILE`, when given: a file in the same format as the task's default dataset. */
  data?: string;
  /** `--limit N`: evaluate at most N documents (for quick runs). */
  limit?: number;
  /** Absolute path of the shared folder (env NEWS_TAGGER_SHARED, default <repo>/../shared). */
  sharedDir: string;
  /** Progress and human-readable notes go here (stderr), never to stdout. */
  log(message: string): void;
  /** Extra `--name value` flags, for task-specific options. */
  flags: ReadonlyMap<string, string>;
}

/** A task returns a JSON-serializable report; `format` renders it for people. */
export interface EvalTask {
  name: string;
  description: string;
  run(ctx: EvalContext): Promise<Record<string, unknown>>;
  format(report: Record<string, unknown>): string;
}
