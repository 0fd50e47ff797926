import { failureCauseNames } from './failure-causes.js';
import { IntervalSeries, type IntervalSeriesData } from './interval-series.js';
import { LatencySketch, type SketchData } from './latency-sketch.js';

export class ClassMeasurement {
  response = new LatencySketch();
  /** Positive waits only until `finish` adds the zeros in one step: most requests at low load never wait. */
  wait = new LatencySketch();
  /** Requests that found every core busy and waited before service. */
  waited = 0;
}

/** A finished measurement as plain data, to cross a worker-thread boundary. */
export interface MeasurementData {
  arrived: number;
  completed: number;
  failedByCause: number[];
  retries: number;
  classes: { response: SketchData; wait: SketchData; waited: number }[];
  series: IntervalSeriesData;
  healthyResponse: SketchData;
  degradedResponse: SketchData;
}

/**
 * Everything measured in one replication after the warm-up: counts, response and waiting time per class, failures
 * by cause, and the interval series. Only requests that arrived after the warm-up count.
 */
export class Measurement {
  arrived = 0;
  completed = 0;
  readonly failedByCause = new Float64Array(failureCauseNames.length);
  /** Failures by cause since the interval series last closed an interval. */
  private readonly intervalFailedByCause = new Float64Array(failureCauseNames.length);
  readonly classes: ClassMeasurement[];
  series: IntervalSeries;
  /** Retry attempts of measured requests. */
  retries = 0;
  /** Response times split by the cluster's condition at arrival: every node healthy, or not (failure runs only). */
  healthyResponse = new LatencySketch();
  degradedResponse = new LatencySketch();

  constructor(classCount: number, intervalWidth: number) {
    this.classes = Array.from({ length: classCount }, () => new ClassMeasurement());
    this.series = new IntervalSeries(intervalWidth);
  }

  toData(): MeasurementData {
    return {
      arrived: this.arrived,
      completed: this.completed,
      failedByCause: Array.from(this.failedByCause),
      retries: this.retries,
      classes: this.classes.map((c) => ({ response: c.response.toData(), wait: c.wait.toData(), waited: c.waited })),
      series: this.series.toData(),
      healthyResponse: this.healthyResponse.toData(),
      degradedResponse: this.degradedResponse.toData(),
    };
  }

  static fromData(data: MeasurementData): Measurement {
    const measurement = new Measurement(data.classes.length, data.series.width);
    measurement.arrived = data.arrived;
    measurement.completed = data.completed;
    measurement.failedByCause.set(data.failedByCause);
    measurement.retries = data.retries;
    data.classes.forEach((c, i) => {
      const target = measurement.classes[i];
      target.response = LatencySketch.fromData(c.response);
      target.wait = LatencySketch.fromData(c.wait);
      target.waited = c.waited;
    });
    measurement.series = IntervalSeries.fromData(data.series);
    measurement.healthyResponse = LatencySketch.fromData(data.healthyResponse);
    measurement.degradedResponse = LatencySketch.fromData(data.degradedResponse);
    return measurement;
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
    this.series.open(this.classes.map((c) => c.response), this.arrived);
  }

  closeInterval(inFlight: number, utilization: number, nodesUp: number): void {
    this.series.close(
      this.classes.map((c) => c.response),
      this.arrived,
      inFlight,
      utilization,
      nodesUp,
      this.intervalFailedByCause,
    );
    this.intervalFailedByCause.fill(0);
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
    this.intervalFailedByCause[cause]++;
  }
}
