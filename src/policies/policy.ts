import type { Uniform } from '../engine/rng.js';
import type { DispatchPolicy, DispatchView } from '../model/dispatch.js';

export type { DispatchPolicy, DispatchView };

export interface PolicyContext {
  view: DispatchView;
  /** The policy's own random stream (tie breaks, sampling); drawing from it never shifts any other stream. */
  rng: Uniform;
  /** Parameters from the scenario (`balancer.policy: { name, ...params }`), already validated. */
  params: Record<string, unknown>;
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
  /**
   * False when neither `create` nor the policy ever calls `view.outstandingWork`: the dispatcher then does not keep
   * it (a column per node read and written at every dispatch and reply). Left out (a plug-in written before it
   * existed), it is kept; a policy that says false and reads it anyway gets an error, never a wrong figure.
   */
  readsOutstandingWork?: boolean;
  create(context: PolicyContext): DispatchPolicy;
}
