import type { PolicyDefinition } from './policy.js';
import { clientHashPolicy } from './client-hash.js';
import { consistentHashPolicy } from './consistent-hash.js';
import { joinIdleQueuePolicy } from './join-idle-queue.js';
import { joinShortestQueuePolicy } from './join-shortest-queue.js';
import { leastConnectionsPolicy } from './least-connections.js';
import { leastResponseTimePolicy } from './least-response-time.js';
import { leastWorkLeftPolicy } from './least-work-left.js';
import { powerOfDPolicy } from './power-of-d.js';
import { randomPolicy } from './random.js';
import { roundRobinPolicy } from './round-robin.js';
import { weightedRoundRobinPolicy } from './weighted-round-robin.js';

/** Every built-in dispatch policy by name. A new policy is one file plus one line here. */
export const policies: ReadonlyMap<string, PolicyDefinition> = new Map(
  [
    randomPolicy,
    roundRobinPolicy,
    weightedRoundRobinPolicy,
    leastConnectionsPolicy,
    leastWorkLeftPolicy,
    joinShortestQueuePolicy,
    powerOfDPolicy,
    joinIdleQueuePolicy,
    leastResponseTimePolicy,
    consistentHashPolicy,
    clientHashPolicy,
  ].map((p) => [p.name, p]),
);

export function policyNames(): string[] {
  return [...policies.keys()];
}
