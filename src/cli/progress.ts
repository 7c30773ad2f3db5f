/**
 * Progress and summary lines on stderr. Progress (rows, rows/s, ETA) is drawn only on a terminal
 * and never with --quiet; the summary line is printed at the end unless --quiet.
 */
import type { BatchProgress, BatchSummary } from '../batch/types.js';

export interface Terminal {
  write(text: string): unknown;
  isTTY?: boolean;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "1 row", "2 rows", "1,000 rows" (the count rounded as shown). */
export function plural(n: number, word: string): string {
  return `${int(n)} ${word}${Math.round(n) === 1 ? '' : 's'}`;
}

/** One progress line: "12,345 rows (12,300 ok, 45 failed)  4,321 rows/s  45% ETA 0:42". */
export function progressLine(label: string, p: BatchProgress): string {
  let line = `${label}: ${plural(p.rowsRead, 'row')} (${int(p.rowsWritten)} ok, ${int(p.rowsFailed)} failed)  ${plural(p.rowsPerSecond, 'row')}/s`;
  if (p.totalBytes !== undefined && p.totalBytes > 0 && p.bytesRead > 0) {
    const fraction = Math.min(1, p.bytesRead / p.totalBytes);
    const eta = fraction > 0 ? (p.elapsed / fraction) * (1 - fraction) : 0;
    line += `  ${Math.floor(fraction * 100)}%  ETA ${clock(eta)}`;
  }
  return line;
}

/** A progress reporter: returns the onProgress callback and a function that clears the line. */
export function progressReporter(stderr: Terminal, label: string, enabled: boolean): { onProgress?: (p: BatchProgress) => void; clear(): void } {
  if (!enabled || stderr.isTTY !== true) return { clear: () => undefined };
  let drawn = false;
  return {
    onProgress(p) {
      stderr.write(`\r\x1b[K${progressLine(label, p)}`);
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write('\r\x1b[K');
    },
  };
}

/** The end-of-job line: "news-tagger tag: read 100,000 rows, wrote 99,000, failed 1,000 (...)". */
export function summaryLine(label: string, s: BatchSummary): string {
  const codes = Object.entries(s.failures)
    .map(([code, n]) => `${code} ${int(n as number)}`)
    .join(', ');
  const rate = s.seconds > 0 ? (s.rowsRead - s.resumedRows) / s.seconds : 0;
  const parts = [`${s.seconds.toFixed(1)} s`, `${plural(rate, 'row')}/s`, s.workers === 0 ? 'main thread' : plural(s.workers, 'worker')];
  if (s.resumedRows > 0) parts.push(`resumed after row ${int(s.resumedRows)}`);
  return `${label}: read ${plural(s.rowsRead, 'row')}, wrote ${int(s.rowsWritten)}, failed ${int(s.rowsFailed)}${codes ? ` (${codes})` : ''} in ${parts.join(', ')}`;
}
