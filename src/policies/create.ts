import type { Uniform } from '../engine/rng.js';
import type { PolicySpec } from '../model/spec.js';
import type { DispatchPolicy, DispatchView, PolicyDefinition } from './policy.js';
import { policies, policyNames } from './registry.js';

/**
 * Builds a policy from its scenario spec, filling declared defaults for missing parameters. `definition` is given
 * for a plug-in policy (loaded by `loadPolicyModule`); built-in policies are looked up by name.
 */
export function createPolicy(
  spec: PolicySpec,
  view: DispatchView,
  rng: Uniform,
  definition: PolicyDefinition | undefined = policies.get(spec.name),
): DispatchPolicy {
  if (!definition) throw new Error(`balancer.policy: unknown policy '${spec.name}'. Valid: ${policyNames().join(', ')}`);
  const params: Record<string, unknown> = {};
  for (const param of definition.params) params[param.name] = spec.params[param.name] ?? param.default;
  return definition.create({ view, rng, params });
}

/** Whether the scenario's policy reads `view.outstandingWork` (see PolicyDefinition.readsOutstandingWork). */
export function policyReadsOutstandingWork(
  spec: PolicySpec,
  definition: PolicyDefinition | undefined = policies.get(spec.name),
): boolean {
  return definition?.readsOutstandingWork !== false;
}
