/** The sample corpus, bundled as text by scripts/playground.ts (esbuild's text loader). */
declare module '*.jsonl' {
  const text: string;
  export default text;
}
