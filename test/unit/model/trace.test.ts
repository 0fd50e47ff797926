/**
 * Trace replay (src/model/trace-lines.ts, trace-rows.ts, trace-replay.ts): lines read across chunk boundaries, rows
 * replayed at exactly their times with exactly their work and sizes, speedup, scaleRate, and what the reader holds.
 * Expected values are the rows written by the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArrivalSpec, ScenarioSpec } from '../../../src/index.js';
import { TraceLines } from '../../../src/model/trace-lines.js';
import { TraceRows } from '../../../src/model/trace-rows.js';
import { exponential, singleNode } from '../../helpers/scenarios.js';
import { simulate } from '../../helpers/simulate.js';

const folder = mkdtempSync(join(tmpdir(), 'clustersim-trace-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function traceFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function traced(file: string, rows: number, span: number, options: { speedup?: number; scaleRate?: number; duration?: number } = {}): ScenarioSpec {
  const arrivals: ArrivalSpec = { process: 'trace', file, speedup: options.speedup ?? 1, scaleRate: options.scaleRate ?? 1, rows, span };
  return singleNode({
    name: 'trace',
    seed: 'trace',
    run: { duration: options.duration ?? 100, warmup: 0, replications: 1 },
    classes: [{ arrivals, work: exponential(0.001) }],
  });
}

interface Seen {
  time: number;
  work: number;
  bytes: number;
}

function replay(spec: ScenarioSpec): Seen[] {
  const seen: Seen[] = [];
  simulate(spec, { onArrival: (_r, _c, time, work, bytes) => seen.push({ time, work, bytes }) });
  return seen;
}

describe('the line reader', () => {
  it('reads every line whole across 64 KiB chunks: CRLF, multi-byte characters split between chunks, no final newline', () => {
    // Lines of 3-byte characters (U+20AC) whose lengths put chunk boundaries inside characters and inside line ends.
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},${'\u20ac'.repeat(i % 37)}`);
    const path = traceFile('lines.txt', `${lines.join('\r\n')}`);
    const reader = new TraceLines(path);
    const read: string[] = [];
    let held = 0;
    for (let line = reader.next(); line !== null; line = reader.next()) {
      read.push(line);
      held = Math.max(held, reader.heldCharacters);
    }
    expect(read).toEqual(lines);
    expect(reader.lineNumber).toBe(5000);
    // The file is about 290 KB; what is held never exceeds one 64 KiB chunk and a line.
    expect(held).toBeLessThanOrEqual(64 * 1024 + 200);
  });
});

describe('trace replay', () => {
  const rows = [
    [0, 0.25, 100],
    [0.5, 0.125, 200],
    [0.5, 0.5, 0],
    [2.75, 1, 4096],
    [10, 0.001, 1],
  ];
  const file = traceFile('rows.csv', `# a comment\n\ntime,work,size\n${rows.map((r) => r.join(',')).join('\n')}\n`);

  it('sends one request per row at its time, with its work and size', () => {
    expect(replay(traced(file, 5, 10))).toEqual(rows.map(([time, work, bytes]) => ({ time, work, bytes })));
  });

  it('speedup 2 sends each row at half its time: the span halves', () => {
    const times = replay(traced(file, 5, 10, { speedup: 2 })).map((s) => s.time);
    expect(times).toEqual([0, 0.25, 0.25, 1.375, 5]);
  });

  it('scaleRate 3 sends every row three times at its instant', () => {
    const times = replay(traced(file, 5, 10, { scaleRate: 3 })).map((s) => s.time);
    expect(times).toEqual([0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2.75, 2.75, 2.75, 10, 10, 10]);
  });

  it('rows without work or size draw them from the class; ISO times count from the first row', () => {
    const iso = traceFile('iso.csv', 'time\n2026-03-02T09:00:00.000Z\n2026-03-02T09:00:01.500Z\n2026-03-02T10:00:01.5+01:00\n');
    const seen = replay(traced(iso, 3, 1.5));
    // 10:00:01.5+01:00 is 09:00:01.5Z: the same instant as the row before (times may repeat, never go back).
    expect(seen.map((s) => s.time)).toEqual([0, 1.5, 1.5]);
    expect(seen.every((s) => s.work > 0 && s.work !== 0.001)).toBe(true);
  });

  it('a run shorter than the trace stops reading it; a trace shorter than the run just ends', () => {
    // The window closes at 1 s, the three requests sent by then are done at 0.5 s and a few ms: the run stops.
    expect(replay(traced(file, 5, 10, { duration: 1 })).map((s) => s.time)).toEqual([0, 0.5, 0.5]);
    expect(replay(traced(file, 5, 10, { duration: 1000 }))).toHaveLength(5);
  });
});

describe('scaleRate below 1 keeps each row with probability scaleRate, from the class stream', () => {
  const n = 20_000;
  const file = traceFile('many.csv', `time\n${Array.from({ length: n }, (_, i) => (i * 0.01).toFixed(2)).join('\n')}\n`);

  it('0.3: a binomial(n, 0.3) count, the same rows for the same seed', () => {
    const spec = traced(file, n, (n - 1) * 0.01, { scaleRate: 0.3, duration: 1000 });
    const first = replay(spec).map((s) => s.time);
    const again = replay(spec).map((s) => s.time);
    expect(again).toEqual(first);
    // Binomial: mean 0.3 n = 6000, sd sqrt(n 0.3 0.7) = 64.8; 5 sd.
    expect(Math.abs(first.length - 0.3 * n)).toBeLessThanOrEqual(5 * Math.sqrt(n * 0.3 * 0.7));
  });

  it('1.5: every row once, and a second time with probability 0.5', () => {
    const times = replay(traced(file, n, (n - 1) * 0.01, { scaleRate: 1.5, duration: 1000 })).map((s) => s.time);
    expect(new Set(times).size).toBe(n);
    expect(Math.abs(times.length - 1.5 * n)).toBeLessThanOrEqual(5 * Math.sqrt(n * 0.25));
  });
});

describe('bad rows are TraceRowErrors with line and column', () => {
  const problemOf = (text: string) => {
    const path = traceFile('bad.csv', text);
    try {
      const rows = new TraceRows(path);
      while (rows.next() !== null);
      return null;
    } catch (error) {
      return (error as { problem?: unknown }).problem ?? error;
    }
  };

  it('a time that goes back, a work that is not a number, a row with too few fields', () => {
    expect(problemOf('time,work\n1,0.5\n0.5,0.5\n')).toMatchObject({ line: 3, column: 1, field: 'time', value: '0.5', rule: 'earlier than the row before' });
    expect(problemOf('time,work\n1, fast\n')).toMatchObject({ line: 2, column: 4, field: 'work', value: 'fast' });
    expect(problemOf('time,work\n1\n')).toMatchObject({ line: 2, field: 'row', rule: '1 fields, the header has 2' });
    expect(problemOf('time,when\n1,2\n')).toMatchObject({ line: 1, column: 6, field: 'header', value: 'when', rule: 'unknown column' });
    expect(problemOf('time\n2026-03-02T09:00:00\n')).toMatchObject({ line: 2, field: 'time', rule: 'not a time' });
    expect(problemOf('time\n1\n2026-03-02T09:00:00Z\n')).toMatchObject({ line: 3, field: 'time', rule: 'the rows above give seconds' });
  });
});
