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
  outstandingWork: Float64Array;
  /** Queue lengths as last reported; null when the dispatcher reads them exactly. */
  reported: Int32Array | null;
  policy: DispatchPolicy;
  private readonly view: DispatchView;
  private rebuilds = 0;

  constructor(
    nodes: NodeTable,
    stations: readonly Station[],
    requests: RequestTable,
    /** The dispatchers' belief per node; a grown array comes with addNode. */
    private available: Uint8Array,
    staleQueueLengths: boolean,
    private readonly makePolicy: (view: DispatchView, rebuild?: number) => DispatchPolicy,
  ) {
    const n = nodes.length;
    this.connections = new Int32Array(n);
    this.outstandingWork = new Float64Array(n);
    this.reported = staleQueueLengths ? new Int32Array(n) : null;
    let nodeCount = n;
    // The columns are read through `this`, so that they may grow; the view's nodeCount follows addNode.
    this.view = {
      get nodeCount() {
        return nodeCount;
      },
      connections: (i) => this.connections[i],
      outstandingWork: (i) => this.outstandingWork[i],
      queueLength: staleQueueLengths ? (i) => this.reported![i] : (i) => stations[i].inSystem,
      capacity: (i) => nodes.fields(i).cores * nodes.fields(i).speed,
      isAvailable: (i) => this.available[i] === 1,
      requestKey: (r) => requests.key[r],
      requestClient: (r) => requests.client[r],
      requestWork: (r) => requests.work[r],
    };
    this.growView = () => nodeCount++;
    this.policy = makePolicy(this.view);
  }

  private readonly growView: () => void;

  /**
   * Node `node` joins the view (unavailable, no connections, an empty queue); the policy hears of it, or is rebuilt
   * over the grown view when it has no hook for it (a plug-in), on a stream of its own.
   */
  addNode(node: number, available: Uint8Array): void {
    const n = node + 1;
    this.available = available;
    this.connections = grownInt32(this.connections, n);
    this.outstandingWork = grownFloat64(this.outstandingWork, n);
    if (this.reported !== null) this.reported = grownInt32(this.reported, n);
    this.growView();
    if (this.policy.onNodeAdded !== undefined) this.policy.onNodeAdded(node);
    else this.policy = this.makePolicy(this.view, ++this.rebuilds);
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
