import type { PolicyDefinition } from './policy.js';
import { pickAvailable } from './pick.js';
import { bitsScale, uniformBits } from '../engine/rng.js';

export const randomPolicy: PolicyDefinition = {
  name: 'random',
  description: 'Each request goes to a node drawn uniformly at random (among available nodes).',
  params: [],
  readsOutstandingWork: false,
  create({ view, rng }) {
    let n = view.nodeCount;
    // The stream's bits when it has them (engine/rng.ts uniformBits): the same draw, and no double crosses a call.
    const bits = uniformBits(rng);
    return {
      choose() {
        const node = ((bits === null ? rng() : (bits() >>> 0) / bitsScale) * n) | 0;
        return view.isAvailable(node) ? node : pickAvailable(view, rng);
      },
      // A removed node stays in the draw, unavailable: a draw of it falls back to pickAvailable, still uniform.
      onNodeAdded() {
        n = view.nodeCount;
      },
    };
  },
};
