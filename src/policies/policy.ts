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
  create(context: PolicyContext): DispatchPolicy;
}
