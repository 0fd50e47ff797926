import { failureCauseNames } from './failure-causes.js';
import { IntervalSeries } from './interval-series.js';
import { LatencySketch } from './latency-sketch.js';

export class ClassMeasurement {
  readonly response = new LatencySketch();
  /** Positive waits only until `finish` adds the zeros in one step: most requests at low load never wait. */
  readonly wait = new LatencySketch();
  /** Requests that found every core busy and waited before service. */
  waited = 0;
}

/**
 * Everything measured in one replication after the warm-up: counts, response and waiting time per class, failures
 * by cause, and the interval series. Only requests that arrived after the warm-up count.
 */
export class Measurement {
  arrived = 0;
  completed = 0;
  readonly failedByCause = new Float64Array(failureCauseNames.length);
  readonly classes: ClassMeasurement[];
  readonly series: IntervalSeries;
  /** Retry attempts of measured requests. */
  retries = 0;
  /** Response times split by the cluster's condition at arrival: every node healthy, or not (failure runs only). */
  readonly healthyResponse = new LatencySketch();
  readonly degradedResponse = new LatencySketch();

  constructor(classCount: number, intervalWidth: number) {
    this.classes = Array.from({ length: classCount }, () => new ClassMeasurement());
    this.series = new IntervalSeries(intervalWidth);
  }

  get failed(): number {
    let sum = 0;
    for (const n of this.failedByCause) sum += n;
    return sum;
  }

  /** Completion of a measured request; the interval series reads the sketches when each interval closes. */
  recordCompletion(classIndex: number, response: number, wait: number): void {
    const measured = this.classes[classIndex];
    this.completed++;
    measured.response.record(response);
    if (wait > 0) {
      measured.wait.record(wait);
      measured.waited++;
    }
  }

  /** Starts the interval series at the end of the warm-up. */
  openSeries(start: number): void {
    this.series.start = start;
    this.series.open(this.classes.map((c) => c.response));
  }

  closeInterval(inFlight: number, utilization: number, nodesUp: number): void {
    this.series.close(
      this.classes.map((c) => c.response),
      inFlight,
      utilization,
      nodesUp,
    );
  }

  /** Completes the sketches at the end of the run. */
  finish(): void {
    for (const c of this.classes) c.wait.recordZeros(c.response.count - c.waited);
  }

  recordCondition(degraded: boolean, response: number): void {
    (degraded ? this.degradedResponse : this.healthyResponse).record(response);
  }

  recordFailure(cause: number): void {
    this.failedByCause[cause]++;
  }
}
