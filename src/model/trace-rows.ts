import { TraceLines, TraceLineTooLong } from './trace-lines.js';

/** The columns a trace may have; `time` is required, the others override what the class would draw. */
export const TRACE_COLUMNS = ['time', 'class', 'work', 'size', 'key'] as const;
type TraceColumn = (typeof TRACE_COLUMNS)[number];

/** One row: its arrival time (seconds from the trace's origin) and what it sets; NaN (key: -1, class: null) if not. */
export interface TraceRow {
  time: number;
  className: string | null;
  work: number;
  size: number;
  key: number;
}

/** What is wrong with a line of a trace file, and where: 1-based line and column. */
export interface TraceProblem {
  line: number;
  column: number;
  /** The column's name (`time`, `work`, ...), or `header`. */
  field: string;
  value: string;
  rule: string;
  valid: string;
}

export class TraceRowError extends Error {
  constructor(readonly problem: TraceProblem) {
    super(`line ${problem.line}, column ${problem.field}: bad value '${problem.value}': ${problem.rule}; valid: ${problem.valid}`);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** ISO 8601 with a date, a time and an explicit zone: without one the time would depend on the machine's zone. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CLASS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TIME_VALID = 'seconds >= 0 (e.g. 12.5) or an ISO 8601 timestamp with a zone (e.g. 2026-03-02T09:00:00.250Z)';

/**
 * Reads a trace file row by row (a CSV: a header line naming the columns, then one row per arrival; blank lines and
 * lines starting with # are skipped; no quoting). Times are seconds from 0, or ISO 8601 timestamps counted from the
 * first row's; either way they must not decrease. Holds one row and the line reader's buffer: nothing grows with
 * the file. Throws TraceRowError, with the line and column, on the first bad line.
 */
export class TraceRows {
  private readonly lines: TraceLines;
  private readonly index: Record<TraceColumn, number>;
  private columns = 0;
  private format: 'seconds' | 'iso' | undefined;
  private originMs = 0;
  private previous = 0;
  private lastClassColumn = 1;

  constructor(path: string) {
    this.lines = new TraceLines(path);
    const header = this.nextLine();
    if (header === null) {
      this.problem(1, 1, 'header', '', 'the trace is empty', 'a header line naming the columns, e.g. time,class,work');
    }
    this.index = this.readHeader(header);
  }

  /** Whether the file names a class per row. */
  get hasClassColumn(): boolean {
    return this.index.class >= 0;
  }

  /** The next row, or null after the last. */
  next(): TraceRow | null {
    const line = this.nextLine();
    if (line === null) return null;
    const fields = line.split(',');
    const lineNumber = this.lines.lineNumber;
    if (fields.length !== this.columns) {
      this.problem(lineNumber, 1, 'row', line, `${fields.length} fields, the header has ${this.columns}`, `${this.columns} comma-separated fields`);
    }
    const at = (column: TraceColumn) => fieldColumn(fields, this.index[column]);
    const text = (column: TraceColumn) => fields[this.index[column]].trim();
    const time = this.readTime(text('time'), lineNumber, at('time'));
    const row: TraceRow = { time, className: null, work: NaN, size: NaN, key: -1 };
    if (this.index.class >= 0) {
      const name = text('class');
      this.lastClassColumn = at('class');
      if (!CLASS_NAME.test(name)) this.problem(lineNumber, at('class'), 'class', name, 'not a class name', 'a class of the workload');
      row.className = name;
    }
    if (this.index.work >= 0) row.work = this.readAmount(text('work'), lineNumber, at('work'), 'work', 'seconds >= 0 on a speed-1 core (e.g. 0.025)');
    if (this.index.size >= 0) row.size = this.readAmount(text('size'), lineNumber, at('size'), 'size', 'bytes >= 0 (e.g. 4096)');
    if (this.index.key >= 0) {
      const value = text('key');
      const key = Number(value);
      if (!/^\d+$/.test(value) || key > 2 ** 31 - 1) {
        this.problem(lineNumber, at('key'), 'key', value, 'not a key id', `an integer from 0 to ${2 ** 31 - 1}`);
      }
      row.key = key;
    }
    return row;
  }

  /** 1-based character column where the class field of the row `next` returned last starts (1 without one). */
  get classColumn(): number {
    return this.index.class >= 0 ? this.lastClassColumn : 1;
  }

  /** 1-based number of the line of the row `next` returned last. */
  get lineNumber(): number {
    return this.lines.lineNumber;
  }

  close(): void {
    this.lines.close();
  }

  private nextLine(): string | null {
    for (;;) {
      let line: string | null;
      try {
        line = this.lines.next();
      } catch (error) {
        if (!(error instanceof TraceLineTooLong)) throw error;
        this.problem(error.lineNumber, 1, 'row', '', 'the line is too long', 'a row of at most 65536 characters');
      }
      if (line === null) return null;
      const trimmed = line.trim();
      if (trimmed !== '' && !trimmed.startsWith('#')) return line;
    }
  }

  private readHeader(line: string): Record<TraceColumn, number> {
    const raw = line.replace(/^\uFEFF/, '').split(',');
    const names = raw.map((name) => name.trim());
    const index = { time: -1, class: -1, work: -1, size: -1, key: -1 };
    const lineNumber = this.lines.lineNumber;
    names.forEach((name, i) => {
      const column = fieldColumn(raw, i);
      if (!(TRACE_COLUMNS as readonly string[]).includes(name)) {
        this.problem(lineNumber, column, 'header', name, 'unknown column', `${TRACE_COLUMNS.join(', ')} (time required)`);
      }
      if (index[name as TraceColumn] >= 0) this.problem(lineNumber, column, 'header', name, 'column named twice', 'each column once');
      index[name as TraceColumn] = i;
    });
    if (index.time < 0) {
      this.problem(lineNumber, 1, 'header', line, 'no time column', `a header naming time and any of ${TRACE_COLUMNS.slice(1).join(', ')}`);
    }
    this.columns = names.length;
    return index;
  }

  private readTime(value: string, line: number, column: number): number {
    const format = NUMBER.test(value) ? 'seconds' : ISO_TIMESTAMP.test(value) ? 'iso' : undefined;
    if (format === undefined || (format === 'iso' && Number.isNaN(Date.parse(value)))) {
      this.problem(line, column, 'time', value, 'not a time', TIME_VALID);
    }
    if (this.format !== undefined && format !== this.format) {
      const was = this.format === 'seconds' ? 'seconds' : 'ISO timestamps';
      this.problem(line, column, 'time', value, `the rows above give ${was}`, `every time in one form: ${was}`);
    }
    let time: number;
    if (format === 'seconds') {
      time = Number(value);
      if (!(time >= 0) || !Number.isFinite(time)) this.problem(line, column, 'time', value, 'must be at least 0', TIME_VALID);
    } else {
      const ms = Date.parse(value);
      if (this.format === undefined) this.originMs = ms;
      time = (ms - this.originMs) / 1000;
    }
    if (time < this.previous) {
      this.problem(line, column, 'time', value, 'earlier than the row before', `a time at or after the previous row's (${this.previous} s from the trace's start)`);
    }
    this.format = format;
    this.previous = time;
    return time;
  }

  private readAmount(value: string, line: number, column: number, field: string, valid: string): number {
    const amount = NUMBER.test(value) ? Number(value) : NaN;
    if (!(amount >= 0) || !Number.isFinite(amount)) this.problem(line, column, field, value, 'not a number >= 0', valid);
    return amount;
  }

  private problem(line: number, column: number, field: string, value: string, rule: string, valid: string): never {
    this.lines.close();
    throw new TraceRowError({ line, column, field, value, rule, valid });
  }
}

/** 1-based character column where field `i` starts. */
function fieldColumn(fields: readonly string[], i: number): number {
  let column = 1;
  for (let k = 0; k < i; k++) column += fields[k].length + 1;
  const leading = fields[i].length - fields[i].trimStart().length;
  return column + leading;
}
