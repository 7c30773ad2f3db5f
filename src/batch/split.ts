/**
 * Cutting decoded input text into records, before any field is parsed: CSV records (RFC 4180: line
 * breaks inside quoted fields belong to the field) and JSON lines. Synchronous and stateful: `push()`
 * each decoded chunk, then `end()`; each returns the records it completed. Linear in the input.
 *
 * CSV line breaks are LF, CRLF and a lone CR (RFC 4180 allows a CR only inside a quoted field, so a
 * lone CR outside quotes is a line break, as in spreadsheets of the classic Mac OS); every one of them
 * counts as a line for line numbers.
 *
 * Resynchronization. A record whose quoted field runs over line breaks and which turns out malformed
 * (the quote never closes, a character follows a closing quote, or it does not have the header's
 * number of fields) would otherwise swallow the rows after it. Such a record is cut again by lines:
 * its first lines, up to the next line that is a complete row on its own (quotes closed, the header's
 * number of fields), are one error spanning them; from that line on, each complete line is a row and
 * each run of other lines one error. So every input line is in a row or in exactly one error. A record
 * longer than `maxRecordBytes` is one OVERSIZE error (its text is not kept, so it is not cut again).
 */

/** A record cut out of the input: its text without the line end, and the lines it spans. */
export interface CutRecord {
  text: string;
  line: number;
  /** The last line of a record that spans several (absent for one line). */
  lastLine?: number;
  bytesRead: number;
  /** Set when the record was longer than maxRecordBytes (its text is then empty). */
  oversize?: number;
  /** Set when the record is malformed in a way that needed resynchronization: why, and its lines. */
  malformed?: { reason: string; lines: string[] };
}

const BLANK_LINE = /^[ \t]*$/;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The text of a record that spans chunks, kept only up to `max` characters: past that the record is
 * oversize, its text is dropped and only its length is counted.
 */
export class PendingText {
  private parts: string[] = [];
  /** Characters seen since the record began (kept or not). */
  length = 0;

  constructor(private readonly max: number) {}

  /** Keeps the unfinished end of a chunk. */
  keep(tail: string): void {
    if (this.length + tail.length <= this.max) this.parts.push(tail);
    else this.parts = [];
    this.length += tail.length;
  }

  /** Completes the record with `piece`: its text ('' when oversize) and its full length; starts afresh. */
  take(piece: string): { text: string; total: number } {
    const total = this.length + piece.length;
    const text = total > this.max ? '' : this.parts.length === 0 ? piece : this.parts.join('') + piece;
    this.parts = [];
    this.length = 0;
    return { text, total };
  }
}

/** The structure of CSV text read from a field start: fields, quoting state and whether it is malformed. */
class CsvScan {
  inQuotes = false;
  /** The previous character closed a quoted field: a quote now is the "" escape. */
  justClosed = false;
  /** A quoted field closed and only blanks followed: anything but a comma or a line end is an error. */
  closed = false;
  fieldStart = true;
  /** A character after a closing quote (fast-csv and `parseLongCsvRecord` reject such a record). */
  bad = false;
  fields = 1;

  reset(): void {
    this.inQuotes = false;
    this.justClosed = false;
    this.closed = false;
    this.fieldStart = true;
    this.bad = false;
    this.fields = 1;
  }

  /** Reads one character that is not a line break outside quotes. */
  step(c: number): void {
    if (this.inQuotes) {
      if (c === QUOTE) {
        this.inQuotes = false;
        this.justClosed = true;
        this.closed = true;
      }
      return;
    }
    if (c === QUOTE) {
      // a quote opens a quoted field at the start of a field (blanks before it allowed, as in
      // fast-csv) or, right after a closing quote, is the "" escape
      if (this.fieldStart || this.justClosed) {
        this.inQuotes = true;
        this.closed = false;
      } else if (this.closed) this.bad = true;
      this.fieldStart = false;
      this.justClosed = false;
    } else if (c === COMMA) {
      this.fieldStart = true;
      this.justClosed = false;
      this.closed = false;
      this.fields++;
    } else if (c === 0x20 || c === 0x09) {
      this.justClosed = false;
    } else {
      if (this.closed) this.bad = true;
      this.fieldStart = false;
      this.justClosed = false;
    }
  }
}

/**
 * Splits CSV text into records at line ends outside quoted fields, and resynchronizes after a
 * malformed multi-line record (see the file comment).
 */
export class CsvSplitter {
  private readonly pending: PendingText;
  private readonly scan = new CsvScan();
  /** A line break inside quotes since the record began. */
  private spansLines = false;
  /** The previous character was a CR (a CRLF is one line break). */
  private lastCR = false;
  /** A CR outside quotes ended a record: an LF right after it belongs to that line end. */
  private skipLF = false;
  private line = 1;
  private recordLine = 1;
  /** The header's number of fields (the first record's), once known. */
  private fieldCount: number | undefined;
  /** The last line of the last malformed record whose lines were read again. */
  private readAgainUntil = 0;

  constructor(private readonly maxRecordBytes: number) {
    this.pending = new PendingText(maxRecordBytes);
  }

  push(text: string, bytesRead: number): CutRecord[] {
    const out: CutRecord[] = [];
    this.feed(text, bytesRead, out);
    return out;
  }

  end(bytesRead: number): CutRecord[] {
    const out: CutRecord[] = [];
    const { text, total } = this.pending.take('');
    const tail = this.finish(text, total, bytesRead, true, out);
    if (tail !== undefined) {
      this.line = tail.line;
      this.recordLine = tail.line;
      this.feed(tail.text, bytesRead, out);
      const rest = this.pending.take('');
      this.finish(rest.text, rest.total, bytesRead, true, out);
    }
    return out;
  }

  private feed(text: string, bytesRead: number, out: CutRecord[]): void {
    const scan = this.scan;
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) {
          from = i + 1;
          this.lastCR = false;
          continue;
        }
      }
      if (c === LF || c === CR) {
        if (!(c === LF && this.lastCR)) this.line++;
        this.lastCR = c === CR;
        if (scan.inQuotes) {
          this.spansLines = true;
          continue;
        }
        const { text: body, total } = this.pending.take(text.slice(from, i));
        const tail = this.finish(body, total, bytesRead, false, out);
        from = i + 1;
        if (tail === undefined) this.recordLine = this.line;
        else {
          // read the lines after the malformed record's first ones again (the same number of line
          // breaks: `line` comes back to where it is now), then go on from here
          this.line = tail.line;
          this.recordLine = tail.line;
          this.feed(`${tail.text}\n`, bytesRead, out);
        }
        this.skipLF = c === CR;
        continue;
      }
      this.lastCR = false;
      scan.step(c);
    }
    this.pending.keep(text.slice(from));
  }

  /**
   * Completes the current record (`text` is '' when it was oversize) and starts the next. Returns the
   * lines to read again when the record was malformed and resynchronization found a row in it.
   */
  private finish(text: string, total: number, bytesRead: number, atEnd: boolean, out: CutRecord[]): { text: string; line: number } | undefined {
    const scan = this.scan;
    const unclosed = atEnd && scan.inQuotes;
    const first = this.recordLine;
    const last = atEnd ? this.line : this.line - 1;
    const spans = last > first ? { lastLine: last } : {};
    const multiLine = this.spansLines || unclosed;
    const { bad, fields } = scan;
    scan.reset();
    this.spansLines = false;
    if (total > this.maxRecordBytes) {
      out.push({ text: '', line: first, ...spans, bytesRead, oversize: total });
      return undefined;
    }
    if (!multiLine && BLANK_LINE.test(text)) return undefined; // a line of blanks is no row (fast-csv reads it as empty)
    if (this.fieldCount === undefined) {
      this.fieldCount = fields; // the header
      out.push({ text, line: first, ...spans, bytesRead });
      return undefined;
    }
    if (!multiLine || (!unclosed && !bad && fields === this.fieldCount)) {
      out.push({ text, line: first, ...spans, bytesRead });
      return undefined;
    }
    const why = unclosed ? 'a quoted field is never closed' : bad ? 'a character follows a closing quote' : `it has ${fields} fields, the header has ${this.fieldCount}`;
    return this.resynchronize(text, first, last, bytesRead, why, out);
  }

  /**
   * Cuts a malformed multi-line record again by lines (see the file comment): its first lines up to
   * the next complete row are one error; the lines from that row on are returned to be read again,
   * once (a malformed record that starts in lines read again is cut line by line instead, so that no
   * text is read more than twice). O(text).
   */
  private resynchronize(text: string, first: number, last: number, bytesRead: number, why: string, out: CutRecord[]): { text: string; line: number } | undefined {
    const lines = text.split(/\r\n|\r|\n/);
    const isRow = lines.map((l) => this.isRowAlone(l));
    const error = (from: number, to: number, reason: string): void => {
      const span = lines.slice(from, to);
      if (span.every((l) => BLANK_LINE.test(l))) return;
      const line = first + from;
      out.push({ text: '', line, ...(to - 1 > from ? { lastLine: first + to - 1 } : {}), bytesRead, malformed: { reason, lines: span } });
    };
    let j = 1;
    while (j < lines.length && !isRow[j]) j++;
    const lastLine = first + j - 1;
    error(0, j, `CSV: the record starting on line ${first} is malformed (${why})${lastLine > first ? `; lines ${first}-${lastLine} are not rows` : ''}`);
    if (j >= lines.length) return undefined;
    if (first > this.readAgainUntil) {
      this.readAgainUntil = last;
      return { text: lines.slice(j).join('\n'), line: first + j };
    }
    for (let k = j; k < lines.length; ) {
      if (isRow[k]) {
        out.push({ text: lines[k] as string, line: first + k, bytesRead });
        k++;
        continue;
      }
      let e = k;
      while (e < lines.length && !isRow[e]) e++;
      error(k, e, `CSV: ${e - k === 1 ? `line ${first + k} is` : `lines ${first + k}-${first + e - 1} are`} not a complete row (after the malformed record of line ${first})`);
      k = e;
    }
    return undefined;
  }

  /** True when `line` alone is a complete row: quotes closed, well formed, the header's field count. O(line). */
  private isRowAlone(line: string): boolean {
    if (BLANK_LINE.test(line)) return false;
    const scan = new CsvScan();
    for (let i = 0; i < line.length; i++) scan.step(line.charCodeAt(i));
    return !scan.inQuotes && !scan.bad && scan.fields === this.fieldCount;
  }
}

/** Splits text into lines (JSONL), bounded by maxRecordBytes; blank lines are not records. */
export class LineSplitter {
  private readonly pending: PendingText;
  private line = 0;

  constructor(private readonly maxRecordBytes: number) {
    this.pending = new PendingText(maxRecordBytes);
  }

  private finish(text: string, total: number, bytesRead: number, out: CutRecord[]): void {
    this.line++;
    if (total > this.maxRecordBytes) out.push({ text: '', line: this.line, bytesRead, oversize: total });
    else {
      const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (clean.trim().length > 0) out.push({ text: clean, line: this.line, bytesRead });
    }
  }

  push(text: string, bytesRead: number): CutRecord[] {
    const out: CutRecord[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      const { text: record, total } = this.pending.take(text.slice(from, nl));
      this.finish(record, total, bytesRead, out);
      from = nl + 1;
    }
    this.pending.keep(text.slice(from));
    return out;
  }

  end(bytesRead: number): CutRecord[] {
    const out: CutRecord[] = [];
    if (this.pending.length > 0) {
      const { text, total } = this.pending.take('');
      this.finish(text, total, bytesRead, out);
    }
    return out;
  }
}
