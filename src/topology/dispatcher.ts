import { grownFloat64, grownInt32 } from '../engine/growable.js';
import type { DispatchPolicy, DispatchView } from '../model/dispatch.js';
import type { RequestTable } from '../model/request-table.js';
import type { NodeSpec } from '../model/spec.js';
import type { Station } from '../model/station.js';
import type { NodeTable } from '../model/node-table.js';

/**
 * One dispatcher: its policy, its own open connections and outstanding work per node (always exact: it sent those
 * requests), and the queue lengths it believes — read live from the nodes, or as last reported to it.
 */
export class Dispatcher {
  connections: Int32Array;
  /**
   * Null when the policy declares that it never reads it (`readsOutstandingWork: false`, every built-in but
   * least-work-left): kept, it costs a column per node read and written at each dispatch and reply, two cold cache
   * lines and the request's work once more per request at 10 000 nodes (issue 17).
   */
  outstandingWork: Float64Array | null;
  /** Queue lengths as last reported; null when the dispatcher reads them exactly. */
  reported: Int32Array | null;
  policy: DispatchPolicy;
  private readonly view: DispatcherView;
  private rebuilds = 0;

  constructor(
    nodes: NodeTable,
    stations: readonly Station[],
    private readonly requests: RequestTable,
    /** The dispatchers' belief per node; a grown array comes with addNode. */
    public available: Uint8Array,
    staleQueueLengths: boolean,
    private readonly makePolicy: (view: DispatchView, rebuild?: number) => DispatchPolicy,
    /** Whether the policy reads `view.outstandingWork` (ClusterRuntime.policyReadsOutstandingWork). */
    keepsOutstandingWork: boolean,
  ) {
    const n = nodes.length;
    this.connections = new Int32Array(n);
    this.outstandingWork = keepsOutstandingWork ? new Float64Array(n) : null;
    this.reported = staleQueueLengths ? new Int32Array(n) : null;
    this.view = new DispatcherView(this, nodes, stations, requests);
    this.policy = makePolicy(this.view);
  }

  /**
   * Node `node` joins the view (unavailable, no connections, an empty queue); the policy hears of it, or is rebuilt
   * over the grown view when it has no hook for it (a plug-in), on a stream of its own.
   */
  addNode(node: number, available: Uint8Array): void {
    const n = node + 1;
    this.available = available;
    this.connections = grownInt32(this.connections, n);
    if (this.outstandingWork !== null) this.outstandingWork = grownFloat64(this.outstandingWork, n);
    if (this.reported !== null) this.reported = grownInt32(this.reported, n);
    this.view.nodeCount = n;
    if (this.policy.onNodeAdded !== undefined) this.policy.onNodeAdded(node);
    else this.policy = this.makePolicy(this.view, ++this.rebuilds);
  }

  /** An attempt of `request` went to `node`: it is open at this dispatcher until `closed`. */
  opened(node: number, request: number): void {
    this.connections[node]++;
    const outstandingWork = this.outstandingWork;
    if (outstandingWork !== null) outstandingWork[node] += this.requests.work[request];
  }

  /** The attempt of `request` at `node` came back (a reply) or was given up (failed, timed out, lost). */
  closed(node: number, request: number): void {
    this.connections[node]--;
    const outstandingWork = this.outstandingWork;
    if (outstandingWork !== null) outstandingWork[node] -= this.requests.work[request];
  }

  removeNode(node: number): void {
    this.policy.onNodeRemoved?.(node);
  }

  /** A node reported its queue length (periodic report, or piggy-backed on a reply). */
  report(node: number, length: number): void {
    const reported = this.reported!;
    if (reported[node] === length) return;
    reported[node] = length;
    this.policy.onQueueLength?.(node, length);
  }
}

/**
 * What a dispatcher's policy sees: the dispatcher's columns, read through it so that they may grow, and its node
 * count, which addNode moves on. A class, not an object literal: V8 makes a literal with a getter and this many
 * properties a dictionary, and every policy call (`view.isAvailable` on each random draw) then went through a
 * generic property lookup, about 130 instructions a request.
 */
class DispatcherView implements DispatchView {
  nodeCount: number;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly nodes: NodeTable,
    private readonly stations: readonly Station[],
    private readonly requests: RequestTable,
  ) {
    this.nodeCount = nodes.length;
  }

  connections(node: number): number {
    return this.dispatcher.connections[node];
  }

  outstandingWork(node: number): number {
    const outstandingWork = this.dispatcher.outstandingWork;
    if (outstandingWork === null) {
      throw new Error('the dispatch policy reads view.outstandingWork but its definition says readsOutstandingWork: false');
    }
    return outstandingWork[node];
  }

  queueLength(node: number): number {
    const reported = this.dispatcher.reported;
    return reported !== null ? reported[node] : this.stations[node].inSystem;
  }

  capacity(node: number): number {
    return this.nodes.fields(node).cores * this.nodes.fields(node).speed;
  }

  isAvailable(node: number): boolean {
    return this.dispatcher.available[node] === 1;
  }

  requestKey(request: number): number {
    return this.requests.key[request];
  }

  requestClient(request: number): number {
    return this.requests.client[request];
  }

  requestWork(request: number): number {
    return this.requests.work[request];
  }
}
