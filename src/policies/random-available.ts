import type { Uniform } from '../engine/rng.js';
import type { DispatchView } from './policy.js';
import { pickAvailable } from './pick.js';

/**
 * A uniformly random available node, or -1: up to 16 uniform draws over all nodes (the first available one is
 * uniform among the available), then the O(n) scan of pickAvailable, uniform too. O(1) expected while at least a
 * fair fraction of the nodes is available (P(scan) = (down fraction)^16).
 */
export function randomAvailable(view: DispatchView, rng: Uniform): number {
  const n = view.nodeCount;
  for (let attempt = 0; attempt < 16; attempt++) {
    const node = (rng() * n) | 0;
    if (view.isAvailable(node)) return node;
  }
  return pickAvailable(view, rng);
}
