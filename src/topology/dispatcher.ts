import type { DispatchPolicy, DispatchView } from '../model/dispatch.js';
import type { RequestTable } from '../model/request-table.js';
import type { NodeSpec } from '../model/spec.js';
import type { Station } from '../model/station.js';

/**
 * One dispatcher: its policy, its own open connections and outstanding work per node (always exact: it sent those
 * requests), and the queue lengths it believes — read live from the nodes, or as last reported to it.
 */
export class Dispatcher {
  readonly connections: Int32Array;
  readonly outstandingWork: Float64Array;
  /** Queue lengths as last reported; null when the dispatcher reads them exactly. */
  readonly reported: Int32Array | null;
  readonly policy: DispatchPolicy;

  constructor(
    nodes: readonly NodeSpec[],
    stations: readonly Station[],
    requests: RequestTable,
    available: Uint8Array,
    staleQueueLengths: boolean,
    makePolicy: (view: DispatchView) => DispatchPolicy,
  ) {
    const n = nodes.length;
    const connections = (this.connections = new Int32Array(n));
    const outstandingWork = (this.outstandingWork = new Float64Array(n));
    const reported = (this.reported = staleQueueLengths ? new Int32Array(n) : null);
    this.policy = makePolicy({
      nodeCount: n,
      connections: (i) => connections[i],
      outstandingWork: (i) => outstandingWork[i],
      queueLength: reported ? (i) => reported[i] : (i) => stations[i].inSystem,
      capacity: (i) => nodes[i].cores * nodes[i].speed,
      isAvailable: (i) => available[i] === 1,
      requestKey: (r) => requests.key[r],
      requestClient: (r) => requests.client[r],
      requestWork: (r) => requests.work[r],
    });
  }

  /** A node reported its queue length (periodic report, or piggy-backed on a reply). */
  report(node: number, length: number): void {
    const reported = this.reported!;
    if (reported[node] === length) return;
    reported[node] = length;
    this.policy.onQueueLength?.(node, length);
  }
}
