import { LatencySketch } from '../../../metrics/latency-sketch.js';

/** What a cut of the shipping stream lost: acknowledged writes the standby never received. */
export interface ShippingLoss {
  writesLost: number;
  /** The ack times of the newest write lost and of the newest write the standby holds (NaN: none). */
  newestLost: number;
  newestKept: number;
}

/**
 * Asynchronous log shipping from the primary's leader to the standby region: one ordered stream (as a WAL or binlog
 * stream over one connection) over the cross-region link. Each acknowledged write leaves at its acknowledgement,
 * waits for the link (FIFO, `bytes / bandwidth` each: a burst or a thin link makes the queue, and so the lag, grow),
 * then takes the one-way cross-region latency; it arrives no earlier than the write before it (in order).
 *
 * The lag of a write is its arrival at the standby minus its acknowledgement, known when it is shipped (the queue
 * ahead of it is fixed by then). What the standby holds when the stream is cut at time t is every write that arrived
 * by t: the writes still queued or on the wire die with the primary's region (conservative for the ones on the wire).
 *
 * Memory: the writes in flight only (acknowledgement and arrival times), popped as they arrive; bounded by the
 * arrival rate times the lag, which is the model's.
 */
export class LogShipping {
  private ackTimes: number[] = [];
  private arrivals: number[] = [];
  private head = 0;
  private linkFreeAt = 0;
  private lastArrival = 0;
  /** The ack time of the newest write that has arrived (NaN before the first). */
  private newestArrivedAck = NaN;
  private measuring = false;
  readonly lag = new LatencySketch();
  private lagSum = 0;
  /** The lag per interval of the window (by acknowledgement time): sums, counts and maxima. */
  private seriesStart = 0;
  private seriesWidth = 1;
  private readonly intervalSum: number[] = [];
  private readonly intervalCount: number[] = [];
  private readonly intervalMax: number[] = [];

  constructor(
    /** Bytes per second of the cross-region link; Infinity without one. */
    private readonly bandwidth: number,
    /** A one-way cross-region latency draw. */
    private readonly delay: () => number,
  ) {}

  /**
   * Lags are recorded for the writes acknowledged while measuring (the measurement window), and per interval of
   * `width` from `start` (the time series' intervals: as many as it has, whatever the run's length).
   */
  measure(on: boolean, start = 0, width = 1): void {
    this.measuring = on;
    if (!on) return;
    this.seriesStart = start;
    this.seriesWidth = width;
  }

  /** Per interval of the window: the mean and the largest lag of the writes acknowledged in it (NaN: none). */
  series(): { width: number; mean: number[]; max: number[] } {
    const mean = this.intervalCount.map((n, k) => (n > 0 ? this.intervalSum[k] / n : NaN));
    const max = this.intervalCount.map((n, k) => (n > 0 ? this.intervalMax[k] : NaN));
    return { width: this.seriesWidth, mean, max };
  }

  /** Ships a write of `bytes` acknowledged at `now`. */
  ship(now: number, bytes: number): void {
    const arrival = this.transfer(now, bytes);
    this.ackTimes.push(now);
    this.arrivals.push(arrival);
    if (this.measuring) this.record(now, arrival - now);
  }

  /**
   * Ships at `now` one transfer of `bytes` holding the writes acknowledged at `ackTimes` (a snapshot): they arrive
   * together, each with its own lag (arrival minus its acknowledgement).
   */
  shipBatch(now: number, bytes: number, ackTimes: readonly number[]): void {
    const arrival = this.transfer(now, bytes);
    for (const ack of ackTimes) {
      this.ackTimes.push(ack);
      this.arrivals.push(arrival);
      if (this.measuring) this.record(ack, arrival - ack);
    }
  }

  /** One transfer over the link (FIFO behind what is on it), then the latency, in order: its arrival time. */
  private transfer(now: number, bytes: number): number {
    this.arrivedBy(now);
    const start = this.linkFreeAt > now ? this.linkFreeAt : now;
    const crossed = start + (bytes > 0 ? bytes / this.bandwidth : 0);
    this.linkFreeAt = crossed;
    const reached = crossed + this.delay();
    const arrival = reached > this.lastArrival ? reached : this.lastArrival;
    this.lastArrival = arrival;
    return arrival;
  }

  /** When everything shipped so far has arrived (0 before the first transfer). */
  get drainedAt(): number {
    return this.lastArrival;
  }

  /** The exact sum of the recorded lags (the sketch's is of bucket representatives). */
  get lagTotal(): number {
    return this.lagSum;
  }

  /**
   * The stream is cut at `at` (the primary lost): what the standby lacks of what was acknowledged. The writes in
   * flight are dropped; the stream starts again empty.
   */
  cut(at: number): ShippingLoss {
    this.arrivedBy(at);
    const lost = this.arrivals.length - this.head;
    const newestLost = lost > 0 ? this.ackTimes[this.ackTimes.length - 1] : NaN;
    this.ackTimes = [];
    this.arrivals = [];
    this.head = 0;
    return { writesLost: lost, newestLost, newestKept: this.newestArrivedAck };
  }

  private record(now: number, lag: number): void {
    this.lag.record(lag);
    this.lagSum += lag;
    const k = Math.max(0, Math.floor((now - this.seriesStart) / this.seriesWidth));
    while (this.intervalCount.length <= k) {
      this.intervalSum.push(0);
      this.intervalCount.push(0);
      this.intervalMax.push(0);
    }
    this.intervalSum[k] += lag;
    this.intervalCount[k]++;
    if (lag > this.intervalMax[k]) this.intervalMax[k] = lag;
  }

  /** Pops the writes that have arrived by `t`. */
  private arrivedBy(t: number): void {
    let k = this.head;
    const arrivals = this.arrivals;
    while (k < arrivals.length && arrivals[k] <= t) k++;
    if (k === this.head) return;
    this.newestArrivedAck = this.ackTimes[k - 1];
    this.head = k;
    if (k > 1024 && k * 2 > arrivals.length) {
      this.ackTimes = this.ackTimes.slice(k);
      this.arrivals = arrivals.slice(k);
      this.head = 0;
    }
  }
}
