import { grownFloat64, grownInt32, grownUint8 } from '../engine/growable.js';

/** A service-down period: fewer than minHealthy nodes up and reachable. */
export interface Incident {
  start: number;
  end: number;
  cause: string;
  requestsFailed: number;
}

/**
 * Time-based availability and node reliability over the measurement window: which nodes are up and reachable
 * (healthy), how long the service had at least `minHealthy` of them, each node's up time, crashes and repairs,
 * and the list of incidents. Updated on state changes only, never per request.
 */
export class AvailabilityTracker {
  private up: Uint8Array;
  private reachable: Uint8Array;
  private healthyCount: number;
  /** Nodes in service: the scenario's, plus those that joined, minus those removed; `member` says which. */
  private serving: number;
  private member: Uint8Array;
  private windowStart = 0;
  private lastChange = 0;
  private serviceUpTime = 0;
  private healthyArea = 0;
  private nodeUpTime: Float64Array;
  private nodeLastChange: Float64Array;
  crashes: Int32Array;
  repairs: Int32Array;
  readonly incidents: Incident[] = [];
  private openIncident: Incident | null = null;
  private lastCause = 'unknown';

  constructor(
    private nodeCount: number,
    private readonly minHealthy: number,
  ) {
    this.up = new Uint8Array(nodeCount).fill(1);
    this.reachable = new Uint8Array(nodeCount).fill(1);
    this.healthyCount = nodeCount;
    this.serving = nodeCount;
    this.member = new Uint8Array(nodeCount).fill(1);
    this.nodeUpTime = new Float64Array(nodeCount);
    this.nodeLastChange = new Float64Array(nodeCount);
    this.crashes = new Int32Array(nodeCount);
    this.repairs = new Int32Array(nodeCount);
  }

  get serviceUp(): boolean {
    return this.healthyCount >= this.minHealthy;
  }

  /** True while every node in service (added and not removed, provisioning aside) is healthy. */
  get allHealthy(): boolean {
    return this.healthyCount === this.serving;
  }

  get healthy(): number {
    return this.healthyCount;
  }

  /** Crashes and repairs of nodes out of service (provisioning, removed) are not the service's: ignored. */
  setUp(node: number, up: boolean, now: number, cause: string): void {
    if ((this.up[node] === 1) === up || this.member[node] === 0) return;
    this.accumulateNode(node, now);
    this.up[node] = up ? 1 : 0;
    if (up) this.repairs[node]++;
    else this.crashes[node]++;
    this.update(now, cause);
  }

  setReachable(node: number, reachable: boolean, now: number, cause: string): void {
    if ((this.reachable[node] === 1) === reachable || this.member[node] === 0) return;
    this.reachable[node] = reachable ? 1 : 0;
    this.update(now, cause);
  }

  /**
   * A node added at run time (provisioning): not yet up, so not healthy; `join` counts it in once it serves. Its
   * crashes and repairs start at 0, its up time accumulates from `join`.
   */
  addNode(now: number): void {
    const n = ++this.nodeCount;
    this.up = grownUint8(this.up, n);
    this.member = grownUint8(this.member, n);
    this.reachable = grownUint8(this.reachable, n, 1);
    this.nodeUpTime = grownFloat64(this.nodeUpTime, n);
    this.nodeLastChange = grownFloat64(this.nodeLastChange, n, now);
    this.crashes = grownInt32(this.crashes, n);
    this.repairs = grownInt32(this.repairs, n);
  }

  /** An added node starts serving (provisioning -> up): healthy from now, neither a repair nor a crash. */
  join(node: number, now: number, cause: string): void {
    if (this.member[node] === 1) return;
    this.accumulateNode(node, now);
    this.member[node] = 1;
    this.up[node] = 1;
    this.serving++;
    this.update(now, cause);
  }

  /** A node is removed: no longer healthy, no longer up (its up time stops here), and not counted as a crash. */
  leave(node: number, now: number, cause: string): void {
    if (this.member[node] === 0) return;
    this.accumulateNode(node, now);
    this.member[node] = 0;
    this.up[node] = 0;
    this.reachable[node] = 1;
    this.serving--;
    this.update(now, cause);
  }

  /** A measured request failed: it counts against the open incident, if any. */
  recordFailure(): void {
    if (this.openIncident) this.openIncident.requestsFailed++;
  }

  /** Starts the measurement window: everything before is forgotten, an ongoing outage opens an incident now. */
  beginWindow(now: number): void {
    this.windowStart = now;
    this.lastChange = now;
    this.serviceUpTime = 0;
    this.healthyArea = 0;
    this.nodeUpTime.fill(0);
    this.nodeLastChange.fill(now);
    this.crashes.fill(0);
    this.repairs.fill(0);
    this.incidents.length = 0;
    this.openIncident = this.serviceUp ? null : { start: now, end: now, cause: this.lastCause, requestsFailed: 0 };
  }

  /** Closes the window at `now`: an ongoing incident ends here. */
  endWindow(now: number): void {
    this.accumulateService(now);
    for (let node = 0; node < this.nodeCount; node++) this.accumulateNode(node, now);
    if (this.openIncident) {
      this.openIncident.end = now;
      this.incidents.push(this.openIncident);
      this.openIncident = null;
    }
  }

  /** Fraction of the window the service was up. */
  timeAvailability(now: number): number {
    const length = now - this.windowStart;
    return length > 0 ? this.serviceUpTime / length : 1;
  }

  nodeUptime(node: number): number {
    return this.nodeUpTime[node];
  }

  private update(now: number, cause: string): void {
    const wasUp = this.serviceUp;
    this.accumulateService(now);
    let healthy = 0;
    for (let node = 0; node < this.nodeCount; node++) if (this.up[node] === 1 && this.reachable[node] === 1) healthy++;
    this.healthyCount = healthy;
    this.lastCause = cause;
    if (wasUp && !this.serviceUp) {
      this.openIncident = { start: now, end: now, cause, requestsFailed: 0 };
    } else if (!wasUp && this.serviceUp && this.openIncident) {
      this.openIncident.end = now;
      this.incidents.push(this.openIncident);
      this.openIncident = null;
    }
  }

  private accumulateService(now: number): void {
    if (now > this.lastChange) {
      if (this.serviceUp) this.serviceUpTime += now - this.lastChange;
      this.healthyArea += this.healthyCount * (now - this.lastChange);
    }
    this.lastChange = Math.max(this.lastChange, now);
  }

  /** The time integral of the number of healthy nodes, brought up to `now`. */
  healthyNodeArea(now: number): number {
    this.accumulateService(now);
    return this.healthyArea;
  }

  private accumulateNode(node: number, now: number): void {
    if (this.up[node] === 1 && now > this.nodeLastChange[node]) this.nodeUpTime[node] += now - this.nodeLastChange[node];
    this.nodeLastChange[node] = Math.max(this.nodeLastChange[node], now);
  }
}
