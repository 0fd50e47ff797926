import { LatencySketch, type SketchCheckpoint } from './latency-sketch.js';

/**
 * Per-interval figures after the warm-up. Nothing is recorded per request: when an interval closes, its response
 * times are the growth of the run's response sketches since the previous close, and its time averages are handed
 * in by the owner. Memory grows with the number of intervals (100 by default), not with the number of requests.
 */
export class IntervalSeries {
  readonly completions: number[] = [];
  readonly responseSum: number[] = [];
  readonly responses: LatencySketch[] = [];
  readonly inFlight: number[] = [];
  readonly utilization: number[] = [];
  readonly nodesUp: number[] = [];
  start = 0;
  private checkpoints: SketchCheckpoint[] = [];
  private sumsAtCheckpoint: number[] = [];

  constructor(readonly width: number) {}

  /** Starts the first interval: the sketches' contents so far are not part of any interval. */
  open(sources: readonly LatencySketch[]): void {
    this.checkpoints = sources.map((s) => s.checkpoint());
    this.sumsAtCheckpoint = sources.map((s) => s.sum);
  }

  /** Closes the open interval: what `sources` recorded since the last close, plus its time averages. */
  close(sources: readonly LatencySketch[], inFlight: number, utilization: number, nodesUp: number): void {
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
  }

  get length(): number {
    return this.completions.length;
  }

  private countAt(checkpoint: SketchCheckpoint): number {
    let count = checkpoint.zeroCount;
    for (const n of checkpoint.bins) count += n;
    return count;
  }
}
