import type { PolicyDefinition } from './policy.js';
import { leastConnectionsPolicy } from './least-connections.js';
import { powerOfDPolicy } from './power-of-d.js';
import { randomPolicy } from './random.js';
import { roundRobinPolicy } from './round-robin.js';

/** Every built-in dispatch policy by name. A new policy is one file plus one line here. */
export const policies: ReadonlyMap<string, PolicyDefinition> = new Map(
  [randomPolicy, roundRobinPolicy, leastConnectionsPolicy, powerOfDPolicy].map((p) => [p.name, p]),
);

export function policyNames(): string[] {
  return [...policies.keys()];
}
