import type { Uniform } from '../engine/rng.js';

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

export interface PolicyContext {
  view: DispatchView;
  /** The policy's own random stream (tie breaks, sampling); drawing from it never shifts any other stream. */
  rng: Uniform;
  /** Parameters from the scenario (`balancer.policy: { name, ...params }`), already validated. */
  params: Record<string, unknown>;
}

/**
 * A dispatch policy. The dispatcher calls `choose` once per request, then tells the policy what happened through
 * the optional hooks so that a policy can keep its own index (least-connections keeps buckets by count, O(1)).
 */
export interface DispatchPolicy {
  /** The node for this request (its id in the request table), or -1 when no node is available. */
  choose(request: number): number;
  onDispatch?(node: number, request: number): void;
  onReply?(node: number, request: number, responseTime: number): void;
  onAvailabilityChange?(node: number, available: boolean): void;
}

export interface PolicyParam {
  name: string;
  description: string;
  kind: 'integer' | 'number' | 'boolean' | 'string';
  minimum?: number;
  default?: unknown;
}

export interface PolicyDefinition {
  name: string;
  description: string;
  params: PolicyParam[];
  create(context: PolicyContext): DispatchPolicy;
}
