import type { Simulator } from '../engine/simulator.js';
import type { AvailabilityTracker } from '../metrics/availability.js';
import type { Measurement } from '../metrics/measurement.js';
import { failureCauseNames } from '../metrics/failure-causes.js';
import { RequestFlag, type RequestTable } from '../model/request-table.js';
import type { TraceSink } from '../model/trace-sink.js';

const DEGRADED = RequestFlag.degraded;
const WAITED = RequestFlag.waitedForNode;

/**
 * The books every topology keeps the same way on each request: its arrival, and its one final outcome, a reply or
 * a failure. Counts the requests in the system and their time integral (the in-flight series), records measured
 * outcomes, and tells the replication's runner (warm-up by requests, the drain after the window). How a topology
 * gets a request to its outcome is its own business; what it counts there is not.
 */
export class RequestOutcomes {
  /** Requests anywhere between arrival and their final outcome, and its time integral (reset after the warm-up). */
  inSystem = 0;
  inSystemArea = 0;
  private lastChange = 0;
  /** Told of every delivered reply (measured or not), e.g. to end a warm-up counted in requests; null: nobody. */
  onReplyDelivered: (() => void) | null = null;
  /** Told when a measured request reaches its final outcome (success or failure); null: nobody. */
  onMeasuredFinished: (() => void) | null = null;
  /** Every arrival so far (measured or not): what a scaling controller's `rate` metric counts. */
  arrivals = 0;
  /** Told the response time of every delivered reply (measured or not), e.g. a scaling controller's p99; null: nobody. */
  onResponse: ((response: number) => void) | null = null;
  /** Told the response time of each measured reply whose request waited for a node (a cold start); null: nobody. */
  onWaitedDelivered: ((response: number) => void) | null = null;
  /** Told of every request's final outcome (measured or not) with its class and client: closed-loop clients. */
  onFinished: ((classIndex: number, client: number) => void) | null = null;
  /** `run --trace`: sees every arrival and final outcome; null (the rule) costs one test per outcome. */
  trace: TraceSink | null = null;
  /** One workload class (most runs): every request's class is 0, and its column is not read on delivery. */
  private readonly singleClass: boolean;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly measurement: Measurement,
    private readonly tracker: AvailabilityTracker | null,
  ) {
    this.singleClass = measurement.classes.length === 1;
  }

  /** A request arrived: it is in the system, degraded if some node was not healthy then. */
  arrived(request: number): void {
    this.arrivals++;
    this.change(1);
    if (this.tracker !== null && !this.tracker.allHealthy) this.requests.flags[request] |= DEGRADED;
    if (this.trace !== null) this.traceArrival(request);
  }

  /** Its reply reached the client: recorded if measured, and its entry released. */
  delivered(request: number, response: number): void {
    const requests = this.requests;
    const measured = requests.isMeasured(request);
    if (this.trace !== null) this.trace.event(this.sim.now, 'reply', requests.node[request], request, `response ${response}`);
    if (measured) {
      const classIndex = this.singleClass ? 0 : requests.classIndex[request];
      this.measurement.recordCompletion(classIndex, response, requests.wait[request]);
      if (this.tracker !== null) this.measurement.recordCondition((requests.flags[request] & DEGRADED) !== 0, response);
      if (this.onWaitedDelivered !== null && (requests.flags[request] & WAITED) !== 0) this.onWaitedDelivered(response);
    }
    if (this.onResponse !== null) this.onResponse(response);
    this.change(-1);
    // Read before the entry goes, and only when someone listens: at 10 000 nodes each column is a cold cache line.
    const onFinished = this.onFinished;
    const classIndex = onFinished === null ? 0 : requests.classIndex[request];
    const client = onFinished === null ? 0 : requests.client[request];
    requests.release(request);
    if (measured && this.onMeasuredFinished !== null) this.onMeasuredFinished();
    if (this.onReplyDelivered !== null) this.onReplyDelivered();
    if (onFinished !== null) onFinished(classIndex, client);
  }

  /** It failed for good, for `cause`: counted once if measured. Its entry is the topology's to let go. */
  failed(request: number, cause: number): void {
    const measured = this.requests.isMeasured(request);
    if (this.trace !== null) this.trace.event(this.sim.now, 'fail', this.requests.node[request], request, `cause ${failureCauseNames[cause]}`);
    if (measured) {
      this.measurement.recordFailure(cause);
      this.tracker?.recordFailure();
    }
    this.change(-1);
    if (measured && this.onMeasuredFinished !== null) this.onMeasuredFinished();
    this.onFinished?.(this.requests.classIndex[request], this.requests.client[request]);
  }

  private traceArrival(request: number): void {
    const requests = this.requests;
    const measured = requests.isMeasured(request) ? 'measured' : 'unmeasured';
    this.trace!.event(this.sim.now, 'arrive', -1, request, `class ${requests.classIndex[request]} ${measured}`);
  }

  /** Brings the in-system area up to now and returns it. */
  flushInSystemArea(): number {
    this.change(0);
    return this.inSystemArea;
  }

  private change(delta: number): void {
    const now = this.sim.now;
    this.inSystemArea += this.inSystem * (now - this.lastChange);
    this.lastChange = now;
    this.inSystem += delta;
  }
}
