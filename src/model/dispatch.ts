/** The contract between a dispatcher and its policy. The policies folder implements it. */

/**
 * What a dispatcher can see of the cluster. Node indices run 0 .. nodeCount - 1 in scenario order.
 * Counts are exact here; a stale view (load seen through periodic reports) implements the same interface.
 */
export interface DispatchView {
  readonly nodeCount: number;
  /** Requests sent to node i whose reply has not yet been delivered. */
  connections(node: number): number;
  /** Requests at node i: waiting or in service. */
  queueLength(node: number): number;
  /** Cores x speed: work units per second the node can serve. */
  capacity(node: number): number;
  /** False while the node is down or removed; a policy must not choose it. */
  isAvailable(node: number): boolean;
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
}
