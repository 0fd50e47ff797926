import { LatencySketch } from './latency-sketch.js';

/** Percentiles per interval only feed charts, so a coarser sketch keeps a long series small. */
const intervalAccuracy = 0.01;

/**
 * Per-interval figures after the warm-up: completions and their response times, plus time-averaged quantities
 * sampled at each interval's end. Completions arrive in time order, so they go to the open interval and the owner
 * closes it at each boundary. Memory grows with the number of intervals, which the scenario fixes (100 by
 * default), not with the number of requests.
 */
export class IntervalSeries {
  readonly completions: number[] = [];
  readonly responseSum: number[] = [];
  readonly responses: LatencySketch[] = [];
  readonly inFlight: number[] = [];
  readonly utilization: number[] = [];
  readonly nodesUp: number[] = [];
  start = 0;
  private openCompletions = 0;
  private openResponseSum = 0;
  private openResponses = new LatencySketch(intervalAccuracy);

  constructor(readonly width: number) {}

  recordCompletion(response: number): void {
    this.openCompletions++;
    this.openResponseSum += response;
    this.openResponses.record(response);
  }

  /** Closes the open interval with its time averages. */
  close(inFlight: number, utilization: number, nodesUp: number): void {
    this.completions.push(this.openCompletions);
    this.responseSum.push(this.openResponseSum);
    this.responses.push(this.openResponses);
    this.inFlight.push(inFlight);
    this.utilization.push(utilization);
    this.nodesUp.push(nodesUp);
    this.openCompletions = 0;
    this.openResponseSum = 0;
    this.openResponses = new LatencySketch(intervalAccuracy);
  }

  get length(): number {
    return this.completions.length;
  }
}
