import { LatencySketch } from '../../metrics/latency-sketch.js';
import { latencyFigures, type ReadWriteFigures } from './sections/data.js';

/** One client region's measured requests over a replication's window (plain data). */
export interface ClientRegionData extends ReadWriteFigures {
  region: string;
  /**
   * The longest time in the window without an answered read (write) of these clients, the open stretch at its end
   * included: after a region's loss, an upper bound of the time its clients took to be served again (seconds).
   */
  readsGap: number;
  writesGap: number;
}

/**
 * The measured reads and writes by the region of their clients (the classes' `region`): response times (a sketch per
 * region and operation) and outcomes. Memory: two sketches per client region.
 */
export class ClientRegionFigures {
  private readonly sketches: LatencySketch[][];
  private readonly done: Float64Array[];
  private readonly failed: Float64Array[];
  /** Per region and operation: when the last answer came (the window's start before the first), the longest gap. */
  private readonly lastAnswer: Float64Array[];
  private readonly longestGap: Float64Array[];

  /** `regions`: the client regions, as indices of the network's regions, in the order reported. */
  constructor(private readonly regions: readonly number[]) {
    const most = Math.max(...regions) + 1;
    this.sketches = Array.from({ length: most }, () => [new LatencySketch(), new LatencySketch()]);
    this.done = Array.from({ length: most }, () => new Float64Array(2));
    this.failed = Array.from({ length: most }, () => new Float64Array(2));
    this.lastAnswer = Array.from({ length: most }, () => new Float64Array(2));
    this.longestGap = Array.from({ length: most }, () => new Float64Array(2));
  }

  /** The window opens at `now`: nothing before it counts. */
  reset(now: number): void {
    for (let r = 0; r < this.sketches.length; r++) {
      this.sketches[r] = [new LatencySketch(), new LatencySketch()];
      this.done[r].fill(0);
      this.failed[r].fill(0);
      this.lastAnswer[r].fill(now);
      this.longestGap[r].fill(0);
    }
  }

  /** A measured request of clients in `region` (`write` 1 for a write) was answered at `now` after `seconds`. */
  delivered(region: number, write: number, seconds: number, now: number): void {
    this.done[region][write]++;
    this.sketches[region][write].record(seconds);
    this.gapEnds(region, write, now);
  }

  private gapEnds(region: number, write: number, now: number): void {
    const gap = now - this.lastAnswer[region][write];
    if (gap > this.longestGap[region][write]) this.longestGap[region][write] = gap;
    this.lastAnswer[region][write] = now;
  }

  /** A measured request of clients in `region` failed for good. */
  failedOne(region: number, write: number): void {
    this.failed[region][write]++;
  }

  /** `names`: the network's regions; `end`: the window's end (or now, if it is still open). */
  toData(names: readonly string[], end: number): ClientRegionData[] {
    const gap = (r: number, write: number) => Math.max(this.longestGap[r][write], end - this.lastAnswer[r][write]);
    return this.regions.map((r) => ({
      region: names[r],
      reads: latencyFigures(this.sketches[r][0]),
      writes: latencyFigures(this.sketches[r][1]),
      readsDone: this.done[r][0],
      readsFailed: this.failed[r][0],
      writesDone: this.done[r][1],
      writesFailed: this.failed[r][1],
      readsGap: gap(r, 0),
      writesGap: gap(r, 1),
    }));
  }
}
