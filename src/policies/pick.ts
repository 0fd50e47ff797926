import type { Uniform } from '../engine/rng.js';
import type { DispatchView } from './policy.js';

/**
 * A uniformly random available node, or -1. The slow path of policies whose first choice was unavailable:
 * O(n), taken only while nodes are down.
 */
export function pickAvailable(view: DispatchView, rng: Uniform): number {
  let seen = 0;
  let chosen = -1;
  for (let i = 0; i < view.nodeCount; i++) {
    if (!view.isAvailable(i)) continue;
    seen++;
    if (rng() * seen < 1) chosen = i;
  }
  return chosen;
}
