import type { Uniform } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import type { ArrivalSpec } from './spec.js';
import { TraceRows, type TraceRow } from './trace-rows.js';

type TraceSpec = Extract<ArrivalSpec, { process: 'trace' }>;

/** A row sends a request: with its work, size and key where the trace gives them (NaN, NaN, -1 where not). */
export type TraceEmit = (work: number, size: number, key: number) => void;

/**
 * Replays a trace file as the arrivals of a class: one pending row and one pending event at a time, the next row
 * read when the current one is sent, so memory holds the line reader's 64 KiB buffer whatever the trace's length.
 * A row arrives at its time / `speedup`. With `scaleRate` s, a row sends floor(s) requests, plus one more with
 * probability s - floor(s), drawn from `copies` (the class's arrivals stream): s = 0.5 keeps about every other row,
 * s = 2 sends each row twice at its instant. In a trace with a `class` column, a class replays the rows that name
 * it and skips the others, so that several classes may share one file, each reading it through.
 */
export class TraceReplay {
  private readonly rows: TraceRows;
  private readonly kind: number;
  private readonly whole: number;
  private readonly fraction: number;
  private row: TraceRow | null;

  constructor(
    private readonly sim: Simulator,
    private readonly spec: TraceSpec,
    private readonly className: string,
    private readonly copies: Uniform,
    private readonly emit: TraceEmit,
  ) {
    this.rows = new TraceRows(spec.file);
    this.whole = Math.floor(spec.scaleRate);
    this.fraction = spec.scaleRate - this.whole;
    this.kind = sim.register(() => this.arrive());
    this.row = this.nextOwnRow();
    this.schedule();
  }

  /** Lets the file go: the run is over (whether or not the trace was). */
  close(): void {
    this.rows.close();
  }

  private schedule(): void {
    if (this.row === null) return;
    this.sim.at(this.row.time / this.spec.speedup, this.kind, 0);
  }

  private arrive(): void {
    const row = this.row!;
    let count = this.whole;
    if (this.fraction > 0 && this.copies() < this.fraction) count++;
    for (let i = 0; i < count; i++) this.emit(row.work, row.size, row.key);
    this.row = this.nextOwnRow();
    this.schedule();
  }

  private nextOwnRow(): TraceRow | null {
    for (;;) {
      const row = this.rows.next();
      if (row === null || row.className === null || row.className === this.className) return row;
    }
  }
}
