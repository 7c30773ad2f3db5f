/**
 * A synthetic newsroom archive for tests and the batch stress script: short wire-style articles
 * composed from sentences written for this project (no dataset text), deterministic for a seed.
 * `archiveRows()` can also inject the faults real exports have: bad CSV quoting, missing bodies,
 * duplicate ids, and huge bodies.
 */

const PEOPLE = ['Kim Jong-un', 'Vladimir Putin', 'Sergei Lavrov', 'Amina Diallo', 'Jonas Müller', 'Lucía Fernández', 'Novak Đoković', 'Priya Raman'];
const PLACES = ['Pyongyang', 'Seoul', 'Kyiv', 'Moscow', 'Zürich', 'São Paulo', 'Tokyo', 'Amman', 'Washington', 'Nairobi'];
const ORGS = ['the United Nations', 'Nato', 'KCNA', 'the central bank', 'the football federation', 'the port authority'];
const TOPICS = ['grain exports', 'a missile test', 'interest rates', 'a ceasefire proposal', 'flood relief', 'a rail strike', 'vaccine supplies', 'a trade deal'];
const SECTIONS = ['World', 'Business', 'Politics', 'Sport', 'Science'];

const OPENERS = [
  '{person} arrived in {place} on Monday for talks on {topic}, officials said.',
  'Officials in {place} said on Tuesday that {topic} would top the agenda when {person} meets delegates next week.',
  '{org} warned that {topic} could slow growth across the region this year.',
  'Crowds gathered outside the ministry in {place} as {person} defended the plan on {topic}.',
];
const MIDDLES = [
  '"We are ready to listen, but we will not wait for ever," {person} told reporters after the meeting.',
  'According to {org}, the first shipments could leave {place} within a fortnight.',
  'Analysts in {place2} said the move was "cautious but overdue", pointing to months of stalled negotiations.',
  'The statement, carried by {org}, gave no figures and did not say when talks would resume.',
  'Prices rose 3.5% in the week, the steepest increase since the spring, traders in {place2} said.',
  'Diplomats described the atmosphere as tense; one said the delegations "barely spoke over lunch".',
];
const CLOSERS = [
  'Further talks are expected in {place2} later this month.',
  '{person} is due to address {org} on Friday.',
  'Neither side commented on reports that the deal had already been signed.',
];

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

export interface SyntheticArticle {
  id: string;
  title: string;
  body: string;
  date: string;
  section: string;
}

/** The i-th article of the archive for `seed`. */
export function syntheticArticle(i: number, seed = 1): SyntheticArticle {
  const r = random(seed * 1_000_003 + i);
  const vars = new Map([
    ['person', pick(r, PEOPLE)],
    ['place', pick(r, PLACES)],
    ['place2', pick(r, PLACES)],
    ['org', pick(r, ORGS)],
    ['topic', pick(r, TOPICS)],
  ]);
  const fill = (s: string): string => s.replace(/\{(\w+)\}/g, (_, k: string) => vars.get(k) ?? k);
  const paragraphs = [fill(pick(r, OPENERS))];
  const n = 1 + Math.floor(r() * 4);
  for (let p = 0; p < n; p++) paragraphs.push(fill(pick(r, MIDDLES)));
  paragraphs.push(fill(pick(r, CLOSERS)));
  const day = 1 + Math.floor(r() * 28);
  return {
    id: `a${i}`,
    title: fill(`${pick(r, ['Talks on', 'Row over', 'Deadline for', 'Hopes for'])} {topic} as {person} visits {place}`),
    body: paragraphs.join('\n\n'),
    date: `2024-03-${String(day).padStart(2, '0')}`,
    section: pick(r, SECTIONS),
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const CSV_HEADER = 'id,title,body,date,section';

export function csvLine(a: SyntheticArticle): string {
  return [a.id, a.title, a.body, a.date, a.section].map(csvField).join(',');
}

/** The kinds of broken rows `archiveRows` injects. */
export type Fault = 'bad-quoting' | 'missing-body' | 'duplicate-id' | 'huge-body';

export interface ArchiveRow {
  /** The encoded record (CSV record without the line end, or a JSON line). */
  text: string;
  fault?: Fault;
}

export interface ArchiveOptions {
  seed?: number;
  /** Break every faultEvery-th row (0: none), cycling through `faults`. */
  faultEvery?: number;
  /** The faults to cycle through (default: all four). */
  faults?: readonly Fault[];
  /** Rows (1-based) that get a huge body, besides the cycle. */
  hugeBodyAt?: readonly number[];
  /** Length of a huge body in characters (default 5,000,000). */
  hugeBodyChars?: number;
}

/** Rows of an archive of `count` articles, with the faults asked for. */
export function* archiveRows(count: number, format: 'csv' | 'jsonl', options: ArchiveOptions = {}): Generator<ArchiveRow> {
  const seed = options.seed ?? 1;
  const faultEvery = options.faultEvery ?? 0;
  const faults: readonly Fault[] = options.faults ?? ['bad-quoting', 'missing-body', 'duplicate-id', 'huge-body'];
  const huge = new Set(options.hugeBodyAt ?? []);
  let nth = 0;
  for (let i = 1; i <= count; i++) {
    const a = syntheticArticle(i, seed);
    let fault: Fault | undefined;
    if (faultEvery > 0 && i % faultEvery === 0) fault = faults[nth++ % faults.length];
    if (huge.has(i)) fault = 'huge-body';
    if (fault === 'missing-body') a.body = '';
    if (fault === 'duplicate-id') a.id = `a${Math.max(1, i - 1 - (i % 7))}`;
    if (fault === 'huge-body') {
      const paragraph = `${a.body}\n\n`;
      a.body = paragraph.repeat(Math.ceil((options.hugeBodyChars ?? 5_000_000) / paragraph.length));
    }
    let text: string;
    if (format === 'csv') {
      text = csvLine(a);
      // a quote in the middle of a quoted field, not doubled: fast-csv rejects the record
      if (fault === 'bad-quoting') text = `${a.id},"${a.title} "exclusive" report",${csvField(a.body)},${a.date},${a.section}`;
    } else {
      text = JSON.stringify(a);
      if (fault === 'bad-quoting') text = text.replace('"title":"', '"title":"unescaped "quote" ');
    }
    yield fault === undefined ? { text } : { text, fault };
  }
}
