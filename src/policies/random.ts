import type { PolicyDefinition } from './policy.js';
import { pickAvailable } from './pick.js';

export const randomPolicy: PolicyDefinition = {
  name: 'random',
  description: 'Each request goes to a node drawn uniformly at random (among available nodes).',
  params: [],
  create({ view, rng }) {
    let n = view.nodeCount;
    return {
      choose() {
        const node = (rng() * n) | 0;
        return view.isAvailable(node) ? node : pickAvailable(view, rng);
      },
      // A removed node stays in the draw, unavailable: a draw of it falls back to pickAvailable, still uniform.
      onNodeAdded() {
        n = view.nodeCount;
      },
    };
  },
};
