import type { PolicyDefinition } from './policy.js';
import { pickAvailable } from './pick.js';

/**
 * Power of d choices (Mitzenmacher 2001; Vvedenskaya, Dobrushin and Karpelevich 1996): sample d distinct nodes
 * uniformly and join the one with the shortest queue. The sample is in random order, so taking the first of equal
 * queues breaks ties at random. O(d) per decision.
 */
export const powerOfDPolicy: PolicyDefinition = {
  name: 'power-of-d',
  description: 'Sample d distinct nodes at random and send the request to the one with the fewest requests.',
  params: [{ name: 'd', description: 'nodes sampled per request', kind: 'integer', minimum: 1, default: 2 }],
  readsOutstandingWork: false,
  create({ view, rng, params }) {
    let n = view.nodeCount;
    let d = Math.min(Number(params.d), n);
    const sampled = new Int32Array(Number(params.d));
    return {
      choose() {
        let best = -1;
        let bestLength = Infinity;
        let taken = 0;
        // Rejection sampling of distinct nodes: d is small next to n, so retries are rare.
        let attempts = 0;
        while (taken < d && attempts < 8 * d) {
          attempts++;
          const node = (rng() * n) | 0;
          let duplicate = false;
          for (let j = 0; j < taken; j++) if (sampled[j] === node) duplicate = true;
          if (duplicate) continue;
          sampled[taken++] = node;
          if (!view.isAvailable(node)) continue;
          const length = view.queueLength(node);
          if (length < bestLength) {
            best = node;
            bestLength = length;
          }
        }
        return best >= 0 ? best : pickAvailable(view, rng);
      },
      onNodeAdded() {
        n = view.nodeCount;
        d = Math.min(Number(params.d), n);
      },
    };
  },
};
