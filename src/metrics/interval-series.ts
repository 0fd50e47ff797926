import { LatencySketch, type PackedSketchData, type SketchCheckpoint } from './latency-sketch.js';
import type { PooledSketches } from './pooled-sketches.js';

export interface IntervalSeriesData {
  width: number;
  start: number;
  completions: number[];
  /** Measured arrivals per interval: the offered load, next to what completed. */
  arrivals: number[];
  responseSum: number[];
  responses: PackedSketchData[];
  inFlight: number[];
  utilization: number[];
  nodesUp: number[];
  failed: number[];
  failedCause: number[];
}

/**
 * Per-interval figures after the warm-up. Nothing is recorded per request: when an interval closes, its response
 * times are the growth of the run's response sketches since the previous close, and its time averages are handed
 * in by the owner. Memory grows with the number of intervals (100 by default), not with the number of requests.
 */
export class IntervalSeries {
  readonly completions: number[] = [];
  readonly arrivals: number[] = [];
  readonly responseSum: number[] = [];
  private sketches: LatencySketch[] = [];
  /** The responses as they crossed from a worker thread, until something asks for them as sketches. */
  private packed: PackedSketchData[] | undefined;
  readonly inFlight: number[] = [];
  readonly utilization: number[] = [];
  readonly nodesUp: number[] = [];
  /** Measured requests that failed for good in the interval. */
  readonly failed: number[] = [];
  /** The cause (FailureCause code) most of them failed for; -1 with none. */
  readonly failedCause: number[] = [];
  start = 0;
  private checkpoints: SketchCheckpoint[] = [];
  private sumsAtCheckpoint: number[] = [];
  private arrivedAtCheckpoint = 0;

  constructor(readonly width: number) {}

  /** Starts the first interval: the sketches' contents so far are not part of any interval. */
  open(sources: readonly LatencySketch[], arrived: number): void {
    this.arrivedAtCheckpoint = arrived;
    this.checkpoints = sources.map((s) => s.checkpoint());
    this.sumsAtCheckpoint = sources.map((s) => s.sum);
  }

  /**
   * Closes the open interval: what `sources` recorded since the last close, the arrivals since then (`arrived` is
   * the running count), its time averages, and the failures by cause counted since the last close
   * (`failedByCause`, FailureCause codes).
   */
  close(
    sources: readonly LatencySketch[],
    arrived: number,
    inFlight: number,
    utilization: number,
    nodesUp: number,
    failedByCause: ArrayLike<number>,
  ): void {
    this.arrivals.push(arrived - this.arrivedAtCheckpoint);
    this.arrivedAtCheckpoint = arrived;
    const responses = new LatencySketch();
    let completions = 0;
    let sum = 0;
    sources.forEach((source, i) => {
      const since = this.checkpoints[i];
      responses.addGrowth(source, since);
      completions += source.count - (this.countAt(since));
      sum += source.sum - this.sumsAtCheckpoint[i];
      this.checkpoints[i] = source.checkpoint();
      this.sumsAtCheckpoint[i] = source.sum;
    });
    this.completions.push(completions);
    this.responseSum.push(sum);
    this.responses.push(responses);
    this.inFlight.push(inFlight);
    this.utilization.push(utilization);
    this.nodesUp.push(nodesUp);
    let failed = 0;
    let cause = -1;
    for (let c = 0; c < failedByCause.length; c++) {
      failed += failedByCause[c];
      if (failedByCause[c] > 0 && (cause < 0 || failedByCause[c] > failedByCause[cause])) cause = c;
    }
    this.failed.push(failed);
    this.failedCause.push(cause);
  }

  /** The closed intervals as plain data (what a report needs once the run is over). */
  toData(): IntervalSeriesData {
    return {
      width: this.width,
      start: this.start,
      completions: this.completions.slice(),
      arrivals: this.arrivals.slice(),
      responseSum: this.responseSum.slice(),
      responses: this.packed ?? this.sketches.map((r) => r.toPackedData()),
      inFlight: this.inFlight.slice(),
      utilization: this.utilization.slice(),
      nodesUp: this.nodesUp.slice(),
      failed: this.failed.slice(),
      failedCause: this.failedCause.slice(),
    };
  }

  static fromData(data: IntervalSeriesData): IntervalSeries {
    const series = new IntervalSeries(data.width);
    series.start = data.start;
    series.completions.push(...data.completions);
    series.arrivals.push(...data.arrivals);
    series.responseSum.push(...data.responseSum);
    series.packed = data.responses;
    series.inFlight.push(...data.inFlight);
    series.utilization.push(...data.utilization);
    series.nodesUp.push(...data.nodesUp);
    series.failed.push(...data.failed);
    series.failedCause.push(...data.failedCause);
    return series;
  }

  /** Each interval's response times. */
  get responses(): LatencySketch[] {
    if (this.packed !== undefined) {
      this.sketches = this.packed.map((r) => LatencySketch.fromPackedData(r));
      this.packed = undefined;
    }
    return this.sketches;
  }

  /** Pools interval `k`'s response times into `target`, straight from the packed form when it is still packed. */
  poolResponsesInto(k: number, target: PooledSketches): void {
    if (this.packed !== undefined) target.addPacked(this.packed[k]);
    else target.add(this.sketches[k]);
  }

  get length(): number {
    return this.completions.length;
  }

  private countAt(checkpoint: SketchCheckpoint): number {
    // An indexed loop: `for ... of` over a few thousand bins allocated an iterator result per bin when V8 did not
    // optimise it away (11 MB per replication of the sweep's scenario).
    const bins = checkpoint.bins;
    let count = checkpoint.zeroCount;
    for (let i = 0; i < bins.length; i++) count += bins[i];
    return count;
  }
}
