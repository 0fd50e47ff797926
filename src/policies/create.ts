import type { Uniform } from '../engine/rng.js';
import type { PolicySpec } from '../model/spec.js';
import type { DispatchPolicy, DispatchView } from './policy.js';
import { policies, policyNames } from './registry.js';

/** Builds a policy from its scenario spec, filling declared defaults for missing parameters. */
export function createPolicy(spec: PolicySpec, view: DispatchView, rng: Uniform): DispatchPolicy {
  const definition = policies.get(spec.name);
  if (!definition) throw new Error(`balancer.policy: unknown policy '${spec.name}'. Valid: ${policyNames().join(', ')}`);
  const params: Record<string, unknown> = {};
  for (const param of definition.params) params[param.name] = spec.params[param.name] ?? param.default;
  return definition.create({ view, rng, params });
}
