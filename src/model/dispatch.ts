/** The contract between a dispatcher and its policy. The policies folder implements it. */

/**
 * What a dispatcher can see of the cluster and of the request at hand. Node indices run 0 .. nodeCount - 1 in
 * scenario order. `connections` and `outstandingWork` are the dispatcher's own bookkeeping and always exact;
 * `queueLength` is what the nodes report: exact by default, or as of the last periodic report under a stale view.
 */
export interface DispatchView {
  /** Ids given out so far: it grows when nodes are added at run time (removed nodes keep their ids, unavailable). */
  readonly nodeCount: number;
  /** Requests sent to node i whose outcome has not yet come back. */
  connections(node: number): number;
  /** Work (seconds on a speed-1 core) of the requests sent to node i whose outcome has not yet come back. */
  outstandingWork(node: number): number;
  /** Requests at node i, waiting or in service, as the dispatcher last learnt it. */
  queueLength(node: number): number;
  /** Cores x speed: work units per second the node can serve. */
  capacity(node: number): number;
  /** False while the node is down or removed; a policy must not choose it. */
  isAvailable(node: number): boolean;
  /** The request's key (0 .. keys - 1), or -1 when its class has no key space. */
  requestKey(request: number): number;
  /** The request's client id (0 .. clients - 1), or -1 when its class has no client population. */
  requestClient(request: number): number;
  /** The request's work in seconds on a speed-1 core. */
  requestWork(request: number): number;
}

/**
 * A dispatch policy. The dispatcher calls `choose` once per request, then tells the policy what happened through
 * the optional hooks so that a policy can keep its own index (least-connections keeps buckets by count, O(1)).
 */
export interface DispatchPolicy {
  /** The node for this request (its id in the request table), or -1 when no node is available. */
  choose(request: number): number;
  onDispatch?(node: number, request: number): void;
  /** The request's outcome reached the dispatcher; responseTime is NaN when the request failed. */
  onReply?(node: number, request: number, responseTime: number): void;
  onAvailabilityChange?(node: number, available: boolean): void;
  /** The queue length the view reports for `node` changed (exactly, or at a periodic report). */
  onQueueLength?(node: number, length: number): void;
  /** `node` reported that it became idle (join-idle-queue). */
  onNodeIdle?(node: number): void;
  /**
   * Node `node` (= the previous nodeCount) was added at run time: the view covers it now, with no connections, an
   * empty queue, and unavailable until onAvailabilityChange says otherwise. A policy without this hook is rebuilt
   * over the grown view (plug-ins), losing what it had learnt.
   */
  onNodeAdded?(node: number): void;
  /** Node `node` was removed for good (it was made unavailable before): drop what the policy keeps for it. */
  onNodeRemoved?(node: number): void;
}
