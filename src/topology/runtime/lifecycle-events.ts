/**
 * A node's place in the cluster's membership: `provisioning` (added, not yet serving), `up`, `down` (crashed) or
 * `cut` (partitioned; `down` wins when both hold), `draining` (out of dispatch, finishing what it holds) and
 * `removed` (gone for good; its id is never reused). `down` and `cut` only ever replace `up`: a node that crashes
 * while provisioning or draining keeps that state.
 */
export type NodeState = 'provisioning' | 'up' | 'down' | 'cut' | 'draining' | 'removed';

/** Whether a node in `state` is part of the cluster: counted in node-seconds, shown in the node table. */
export function exists(state: NodeState): boolean {
  return state !== 'removed';
}

/** Whether a node in `state` may be given new work by a dispatcher (health aside, which the detector judges). */
export function takesWork(state: NodeState): boolean {
  return state === 'up' || state === 'down' || state === 'cut';
}

/**
 * What a consumer of the node set hears, in this order for one node: `onAdded` (state `provisioning`), then
 * `onStateChange` for each move, `onRemoved` last (after its move to `removed`). Every hook is optional.
 */
export interface NodeSetListener {
  onAdded?(node: number): void;
  onStateChange?(node: number, from: NodeState, to: NodeState): void;
  onRemoved?(node: number): void;
}
